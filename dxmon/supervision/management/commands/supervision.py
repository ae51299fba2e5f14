"""``dxmon supervision list [--json]``, ``dxmon supervision report ID --format docx|pdf --out F``
and ``dxmon supervision reminders [--today YYYY-MM-DD]``."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404
from django.utils.translation import gettext as _

from dxmon.audit.services import SYSTEM
from dxmon.reporting.renderers import render
from dxmon.supervision import selectors
from dxmon.supervision.documents import mission_plan_document, mission_report_document
from dxmon.supervision.services import reminders_send
from dxmon.vn.dates import format_date_short


def _user(username: str | None) -> Any:
    """The named user, or the system acting as an administrator when none is named."""
    if not username:
        return SYSTEM
    from dxmon.accounts.models import User

    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(_("Không có người dùng “%(u)s”.") % {"u": username})
    return user


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


class Command(BaseCommand):
    help = _("Giám sát: liệt kê đợt giám sát, xuất kế hoạch/báo cáo, gửi nhắc hạn kiến nghị.")

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        lst = sub.add_parser("list", help=_("Các đợt giám sát."))
        lst.add_argument("--json", action="store_true", help=_("In dạng JSON."))
        lst.add_argument("--user", help=_("Với quyền của người dùng này."))
        rep = sub.add_parser("report", help=_("Xuất báo cáo kết quả (hoặc kế hoạch) giám sát."))
        rep.add_argument("mission_id", type=int)
        rep.add_argument("--format", dest="fmt", choices=["docx", "pdf"], required=True)
        rep.add_argument("--out", required=True)
        rep.add_argument("--plan", action="store_true", help=_("Xuất kế hoạch thay vì báo cáo."))
        rep.add_argument("--user", help=_("Với quyền của người dùng này."))
        rem = sub.add_parser("reminders", help=_("Nhắc các kiến nghị đến hạn trong 7 ngày."))
        rem.add_argument("--today", type=datetime.date.fromisoformat, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "list":
            self._list(_user(options.get("user")), as_json=options["json"])
        elif action == "report":
            self._report(_user(options.get("user")), options)
        else:
            today = options["today"] or datetime.date.today()
            created = reminders_send(today=today)
            self.stdout.write(_("Đã gửi %(n)s nhắc hạn kiến nghị.") % {"n": len(created)})

    def _list(self, user: Any, *, as_json: bool) -> None:
        missions = list(selectors.mission_list(user=user).order_by("pk"))
        progress = selectors.mission_progress(user=user, missions=missions)
        rows: list[dict[str, Any]] = [
            {
                "id": m.pk,
                "title": m.topic,
                "issuing_body": m.issuing_body,
                "status": m.status,
                "council_unit": {"code": m.council_unit.code, "name": m.council_unit.name},
                "start_date": _iso(m.start_date),
                "end_date": _iso(m.end_date),
                "units": [
                    {"code": v.unit.code, "name": v.unit.name, "date": v.date.isoformat()}
                    for v in m.visits.all()
                ],
                "recommendations": progress[m.pk].total,
                "overdue": progress[m.pk].overdue,
                "is_synthetic": m.is_synthetic,
            }
            for m in missions
        ]
        if as_json:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for row in rows:
            units = ", ".join(
                f"{u['name']} ({format_date_short(datetime.date.fromisoformat(u['date']))})"
                for u in row["units"]
            )
            self.stdout.write(f"#{row['id']}  {row['title']} — {units or '—'}")
        self.stdout.write(_("%(n)s đợt giám sát.") % {"n": len(rows)})

    def _report(self, user: Any, options: dict[str, Any]) -> None:
        try:
            mission = selectors.mission_get(user=user, pk=options["mission_id"])
        except Http404 as exc:
            raise CommandError(
                _("Không tìm thấy đợt giám sát #%(id)s.") % {"id": options["mission_id"]}
            ) from exc
        build = mission_plan_document if options["plan"] else mission_report_document
        filename, _content_type, content = render(options["fmt"], build(mission))
        out = Path(options["out"])
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(content)
        self.stdout.write(
            _("Đã ghi %(file)s (%(size)s byte, %(name)s).")
            % {"file": out, "size": len(content), "name": filename}
        )
