"""``dxmon extract FILE [--framework CODE] [--json]``: the figures of a narrative report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from dxmon.extract.figures import extract
from dxmon.extract.mapping import (
    IndicatorDescriptor,
    Mapping,
    map_figures,
    mapping_record,
)
from dxmon.extract.readers import read_text
from dxmon.vn.numbers import format_number

UNIT_LABELS = {
    "percent": "%",
    "count": "số lượng",
    "ratio": "tỷ số",
    "money_vnd": "đồng",
    "other": "khác",
}


def _indicators(code: str) -> list[IndicatorDescriptor]:
    from dxmon.collection.services.extract import indicator_descriptors
    from dxmon.frameworks.models import FrameworkVersion
    from dxmon.frameworks.selectors import framework_version_get

    try:
        version = framework_version_get(code=code)
    except FrameworkVersion.DoesNotExist:
        raise CommandError(
            _("Bộ chỉ số “%(code)s” chưa được nạp (dxmon framework load ...).") % {"code": code}
        ) from None
    return indicator_descriptors(version)


def _table(mappings: list[Mapping]) -> str:
    header = (_("Số liệu"), _("Giá trị"), _("Đơn vị"), _("Chỉ số"), _("Tin cậy"), _("Đo cái gì"))
    rows = [header]
    for m in mappings:
        f = m.figure
        rows.append(
            (
                f.text.replace("\n", " "),
                format_number(f.value),
                UNIT_LABELS.get(f.unit, f.unit),
                m.indicator or "—",
                format_number(round(m.confidence, 2)) if m.indicator else "—",
                f.subject[:60],
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(header) - 1)]
    lines = []
    for r in rows:
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) + "  " + r[-1])
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Đọc các số liệu trong một báo cáo (.txt, .docx, .pdf, .html) và gắn với chỉ số."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--framework", help="Mã bộ chỉ số để gắn số liệu, vd. xa-cds.")
        parser.add_argument("--json", action="store_true", help="In danh sách JSON.")

    def handle(self, *args: Any, file: Path, framework: str | None, **options: Any) -> None:
        try:
            text = read_text(file)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        indicators = _indicators(framework) if framework else []
        mappings = map_figures(extract(text), indicators)
        mapped = sum(1 for m in mappings if m.indicator)
        summary = _("%(n)s số liệu trong %(file)s, %(m)s gắn được với chỉ số.") % {
            "n": len(mappings),
            "file": file.name,
            "m": mapped,
        }
        if options["json"]:
            records = [mapping_record(m) for m in mappings]
            self.stdout.write(json.dumps(records, ensure_ascii=False, indent=2))
            self.stderr.write(summary)
        else:
            if mappings:
                self.stdout.write(_table(mappings))
            self.stdout.write(summary)
