"""``dxmon data import FILE --format ...`` and ``dxmon data export --unit CODE --period P ...``."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dxmon.audit.services import SYSTEM
from dxmon.collection.imports import FORMATS, UnknownFormatError
from dxmon.collection.selectors import NotFoundError, period_get, unit_for_period
from dxmon.collection.services.exports import ExportError, export_values
from dxmon.collection.services.imports import UNCHANGED, data_import


def _user(username: str | None) -> Any:
    """The named user, or the system acting as an administrator when none is named."""
    if not username:
        return SYSTEM
    from dxmon.accounts.models import User

    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"Không có người dùng “{username}”.")
    return user


class Command(BaseCommand):
    help = "Nhập hoặc xuất số liệu (xlsx, csv, dhis2-json, dhis2-csv)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Nhập số liệu từ tệp (tất cả hoặc không gì cả).")
        imp.add_argument("file", type=Path)
        imp.add_argument("--format", dest="fmt", choices=list(FORMATS), required=True)
        imp.add_argument("--dry-run", action="store_true", help="Chỉ liệt kê thay đổi.")
        imp.add_argument("--user", help="Nhập với quyền của người dùng này.")
        imp.add_argument("--framework", help="Mã bộ chỉ số, khi nhiều bộ cùng áp dụng.")
        exp = sub.add_parser("export", help="Xuất số liệu của một đơn vị trong một kỳ.")
        exp.add_argument("--unit", required=True)
        exp.add_argument("--period", required=True)
        exp.add_argument("--descendants", action="store_true", help="Gồm cả đơn vị cấp dưới.")
        exp.add_argument("--format", dest="fmt", choices=list(FORMATS), required=True)
        exp.add_argument("--out", type=Path, required=True)
        exp.add_argument("--user", help="Xuất với quyền của người dùng này.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            self._import(**options)
        else:
            self._export(**options)

    def _import(self, *, file: Path, fmt: str, dry_run: bool, **options: Any) -> None:
        from dxmon.jobs.progress import cli_progress

        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp {file}: {exc}") from exc
        user = _user(options.get("user"))
        with cli_progress(None, "Nhập số liệu", stream=cast(Any, self.stderr)) as progress:
            try:
                result = data_import(
                    user=user,
                    data=data,
                    fmt=fmt,
                    dry_run=dry_run,
                    framework=options.get("framework"),
                    filename=file.name,
                    progress=progress,
                )
            except UnknownFormatError as exc:
                raise CommandError(str(exc)) from exc
        if result.errors:
            for issue in result.errors:
                self.stderr.write(str(issue))
            raise CommandError(
                f"{len(result.errors)} lỗi; không ghi dữ liệu nào. Sửa tệp rồi nhập lại."
            )
        if dry_run:
            for change in result.changes:
                if change.action != UNCHANGED:
                    self.stdout.write(str(change))
        verb = "Chạy thử" if dry_run else "Đã nhập"
        self.stdout.write(
            f"{verb}: {result.created} thêm, {result.updated} sửa, "
            f"{result.unchanged} không đổi, {result.reports_created} báo cáo mới."
        )

    def _export(self, *, unit: str, period: str, fmt: str, out: Path, **options: Any) -> None:
        user = _user(options.get("user"))
        try:
            found_period = period_get(code=period)
            found_unit = unit_for_period(user=user, code=unit, period=found_period)
            content = export_values(
                user=user,
                unit=found_unit,
                period=found_period,
                descendants=options.get("descendants", False),
                fmt=fmt,
            )
        except (NotFoundError, ExportError, UnknownFormatError) as exc:
            raise CommandError(str(exc)) from exc
        out.write_bytes(content)
        self.stdout.write(f"Đã xuất {len(content)} byte ({fmt}) vào {out}.")
