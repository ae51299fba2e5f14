"""`dxmon narrative --unit CODE --on YYYY-MM-DD --period P [--lang vi|en] [--json]`."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from dxmon.reporting.narrative import NarrativeError, narrative_build
from dxmon.units.models import Unit
from dxmon.units.selectors import unit_get


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            _("Ngày «%(text)s» không hợp lệ (cần YYYY-MM-DD).") % {"text": text}
        ) from None


class Command(BaseCommand):
    help = _("Viết đoạn tin tóm tắt kết quả chuyển đổi số của một đơn vị từ số liệu đã duyệt.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help=_("Mã đơn vị hành chính (vd. 28940)."))
        parser.add_argument(
            "--on", required=True, type=_date, help=_("Ngày để xác định đơn vị (YYYY-MM-DD).")
        )
        parser.add_argument("--period", required=True, help=_("Mã kỳ báo cáo (vd. 2022)."))
        parser.add_argument("--lang", default="vi", choices=["vi", "en"], help=_("Ngôn ngữ."))
        parser.add_argument(
            "--json", action="store_true", help=_("In kết quả dạng JSON, kèm nguồn từng câu.")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            unit = unit_get(code=options["unit"], on=options["on"])
            narrative = narrative_build(unit=unit, period=options["period"], lang=options["lang"])
        except (Unit.DoesNotExist, NarrativeError) as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(narrative.as_dict(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(narrative.title)
        self.stdout.write("")
        self.stdout.write(narrative.text)
        self.stdout.write("")
        self.stdout.write(
            _("Đã viết %(paragraphs)d đoạn từ %(values)d giá trị đã duyệt.")
            % {"paragraphs": len(narrative.paragraphs), "values": len(set(narrative.sources))}
        )
