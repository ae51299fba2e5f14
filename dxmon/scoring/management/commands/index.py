"""`dxmon index run --idata F --imeta F --spec F --out F.csv`: the index engine on COINr files."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from dxmon.engine.io import run_files, write_output


class Command(BaseCommand):
    help = _("Tính chỉ số tổng hợp từ tệp iData/iMeta theo định dạng COINr.")

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("run", help=_("Chạy quy trình tính chỉ số và ghi kết quả CSV."))
        run.add_argument("--idata", required=True, help=_("Tệp iData (CSV hoặc XLSX)."))
        run.add_argument("--imeta", required=True, help=_("Tệp iMeta (CSV hoặc XLSX)."))
        run.add_argument(
            "--spec", required=True, help=_("Tệp cấu hình quy trình (YAML hoặc JSON).")
        )
        run.add_argument("--out", required=True, help=_("Tệp CSV kết quả."))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            run = run_files(options["idata"], options["imeta"], options["spec"])
            rows = write_output(run, options["out"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            _("Đã ghi %(rows)s đơn vị × %(cols)s cột vào %(out)s (loại %(removed)s đơn vị).")
            % {
                "rows": rows,
                "cols": len(run.tree.codes),
                "out": options["out"],
                "removed": len(run.removed_units),
            }
        )
