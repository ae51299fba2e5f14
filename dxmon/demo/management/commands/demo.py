"""``manage.py demo load`` loads the demo; ``manage.py demo logins`` prints its logins."""

from __future__ import annotations

import time
import unicodedata
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from dxmon.demo.apps import DEMO_JOB_KIND
from dxmon.demo.services import demo_load, demo_logins
from dxmon.jobs.progress import cli_progress
from dxmon.jobs.services import run_in_background


def _table(headers: list[str], rows: list[list[str]]) -> str:
    def width(text: str) -> int:
        return len(unicodedata.normalize("NFC", text))

    widths = [max(width(r[i]) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: list[str]) -> str:
        padded = (c + " " * (w - width(c)) for c, w in zip(cells, widths, strict=True))
        return "  ".join(padded).rstrip()

    rule = "  ".join("─" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


class Command(BaseCommand):
    help = _("Dữ liệu trình diễn: nạp (load) hoặc in danh sách tài khoản (logins).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["load", "logins"])
        parser.add_argument(
            "--background",
            action="store_true",
            help=_("Nạp trong tác vụ nền (cần tiến trình worker đang chạy)."),
        )

    def handle(self, *args: Any, action: str, background: bool, **options: Any) -> None:
        if action == "logins":
            self._logins()
            return
        if background:
            job = run_in_background(kind=DEMO_JOB_KIND, title=_("Nạp dữ liệu trình diễn"))
            self.stdout.write(_("Đã xếp hàng tác vụ nền #%(id)s: /jobs/%(id)s/") % {"id": job.pk})
            return
        started = time.monotonic()
        with cli_progress(None, _("Nạp dữ liệu trình diễn"), stream=self.stdout) as progress:
            summary = demo_load(progress=progress)
        self.stdout.write(
            _(
                "Dữ liệu trình diễn: %(units)s đơn vị, %(lineage)s quan hệ kế thừa, %(users)s "
                "tài khoản, %(reports)s báo cáo, %(values)s giá trị mới, %(runs)s lần tính điểm "
                "(bộ chỉ số %(fw)s) trong %(seconds).1f giây."
            )
            % {
                "units": summary.units_created,
                "lineage": summary.lineage_created,
                "users": summary.users_created,
                "reports": summary.reports_created,
                "values": summary.values_created,
                "runs": summary.scoring_runs,
                "fw": summary.framework,
                "seconds": time.monotonic() - started,
            }
        )

    def _logins(self) -> None:
        logins = demo_logins()
        if not logins:
            self.stdout.write(_("Chưa có tài khoản trình diễn: chạy “manage.py demo load” trước."))
            return
        headers = [_("Tên đăng nhập"), _("Mật khẩu"), _("Vai trò"), _("Đơn vị phạm vi")]
        rows = [[x.username, x.password, x.role, x.scope] for x in logins]
        self.stdout.write(_("Tài khoản trình diễn (dữ liệu mô phỏng, chỉ để thử):"))
        self.stdout.write(_table(headers, rows))
