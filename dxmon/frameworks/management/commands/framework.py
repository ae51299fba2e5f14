"""`dxmon framework check|load|list`: validate, load and list indicator frameworks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from dxmon.frameworks.models import FrameworkVersion
from dxmon.frameworks.selectors import framework_version_list
from dxmon.frameworks.services import FrameworkInvalid, framework_check, framework_load
from dxmon.frameworks.validation import validate_text


class Command(BaseCommand):
    help = "Kiểm tra, nạp và liệt kê các bộ chỉ số (tệp YAML)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="Kiểm tra một tệp bộ chỉ số, không ghi gì.")
        check.add_argument("file", type=Path)
        load = sub.add_parser("load", help="Kiểm tra rồi nạp một phiên bản bộ chỉ số.")
        load.add_argument("file", type=Path)
        sub.add_parser("list", help="Liệt kê các phiên bản đã nạp.")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "list":
            self._list()
            return
        path: Path = options["file"]
        if action == "check":
            errors = framework_check(path=path)
            if errors:
                self._fail(errors)
            data, _errors = validate_text(path.read_text(encoding="utf-8"))
            count = _count_indicators(data)
            self.stdout.write(
                _("Hợp lệ: %(n)s chỉ số (%(code)s %(version)s).")
                % {
                    "n": count,
                    "code": data["framework"]["code"],
                    "version": data["framework"]["version"],
                }
            )
            return
        existed = _already_loaded(path)
        try:
            version = framework_load(path=path)
        except FrameworkInvalid as exc:
            self._fail(exc.errors)
        n = version.indicators.count()
        if existed:
            msg = _("Không thay đổi: %(fw)s %(v)s đã được nạp với cùng nội dung (%(n)s chỉ số).")
        else:
            msg = _(
                "Đã nạp %(fw)s %(v)s: %(n)s chỉ số, %(nodes)s trụ cột và nhóm, "
                "%(rules)s quy tắc kiểm tra chéo."
            )
        self.stdout.write(
            msg
            % {
                "fw": version.framework.code,
                "v": version.version,
                "n": n,
                "nodes": version.nodes.count(),
                "rules": version.cross_rules.count(),
            }
        )

    def _fail(self, errors: list[Any]) -> None:
        for error in errors:
            self.stderr.write(str(error))
        raise CommandError(_("Tệp không hợp lệ: %d lỗi, không ghi gì.") % len(errors), returncode=1)

    def _list(self) -> None:
        versions = list(framework_version_list())
        for v in versions:
            years = f"{v.valid_from_year}–{v.valid_to_year or '…'}"
            count = getattr(v, "indicator_count", 0)
            self.stdout.write(f"{v.framework.code}\t{v.version}\t{years}\t{count}\t{v.title}")
        self.stdout.write(_("%d phiên bản bộ chỉ số.") % len(versions))


def _count_indicators(data: Any) -> int:
    count = len(data.get("context") or []) + len(data.get("indicators") or [])
    for pillar in data["pillars"]:
        for group in pillar["groups"]:
            count += len(group.get("indicators") or [])
    return count


def _already_loaded(path: Path) -> bool:
    try:
        data, errors = validate_text(path.read_text(encoding="utf-8"))
    except OSError:
        return False
    if errors:
        return False
    fw = data["framework"]
    return FrameworkVersion.objects.filter(
        framework__code=fw["code"], version=str(fw["version"])
    ).exists()
