"""`dxmon units load|load-lineage|show|import-hamlets`: thin wrappers over the units services."""

from __future__ import annotations

import datetime
import json
import sys
import time
from argparse import ArgumentParser, ArgumentTypeError
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dxmon.units import selectors, services
from dxmon.units.choices import Kind, Level, Structure
from dxmon.units.models import Unit


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as exc:
        raise ArgumentTypeError(
            _("Ngày không hợp lệ: %(d)s (dạng YYYY-MM-DD).") % {"d": text}
        ) from exc


def vn_date(day: datetime.date | None) -> str:
    if day is None:
        return _("không rõ")
    return _("ngày %(d)d tháng %(m)d năm %(y)d") % {"d": day.day, "m": day.month, "y": day.year}


def vn_number(value: float, digits: int = 3) -> str:
    text = f"{value:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


class Command(BaseCommand):
    help = _("Đơn vị hành chính: nạp danh mục, nạp quan hệ kế thừa, xem một đơn vị, nhập thôn/ấp.")

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help=_("Nạp danh mục đơn vị hành chính từ dữ liệu công bố."))
        load.add_argument("--structure", required=True, choices=Structure.values)
        load.add_argument("--province", help=_("Mã hoặc tên tỉnh, thành phố."))
        lineage = sub.add_parser("load-lineage", help=_("Nạp quan hệ kế thừa 2022 → 2025."))
        lineage.add_argument("--province", help=_("Mã hoặc tên tỉnh, thành phố (cơ cấu 2025)."))
        show = sub.add_parser("show", help=_("Xem một đơn vị vào một ngày."))
        show.add_argument("code")
        show.add_argument("--on", type=_date, default=None, help="YYYY-MM-DD")
        show.add_argument("--json", action="store_true", dest="as_json")
        hamlets = sub.add_parser("import-hamlets", help=_("Nhập thôn, ấp của một xã từ CSV."))
        hamlets.add_argument("code", help=_("Mã xã."))
        hamlets.add_argument("csv_file", type=Path)
        hamlets.add_argument("--on", type=_date, default=None, help="YYYY-MM-DD")
        hamlets.add_argument("--dry-run", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            if action == "load":
                self._load(options)
            elif action == "load-lineage":
                self._load_lineage(options)
            elif action == "show":
                self._show(options)
            else:
                self._import_hamlets(options)
        except (services.UnitError, Unit.DoesNotExist) as exc:
            raise CommandError(str(exc)) from exc

    @contextmanager
    def _progress(self, label: str) -> Iterator[Callable[[int, int], None] | None]:
        if not (hasattr(self.stdout, "isatty") and self.stdout.isatty() and sys.stderr.isatty()):
            yield None
            return
        from tqdm import tqdm

        bar = tqdm(desc=label, unit=_(" đơn vị"), leave=False)

        def update(done: int, total: int) -> None:
            bar.total = total
            bar.n = done
            bar.refresh()

        try:
            yield update
        finally:
            bar.close()

    def _summary(self, what: str, summary: services.LoadSummary, started: float) -> None:
        self.stdout.write(
            _(
                "%(what)s: %(created)s tạo mới, %(updated)s cập nhật, %(unchanged)s không đổi, "
                "%(skipped)s bỏ qua (%(seconds)s giây)."
            )
            % {
                "what": what,
                "created": vn_number(summary.created, 0),
                "updated": vn_number(summary.updated, 0),
                "unchanged": vn_number(summary.unchanged, 0),
                "skipped": vn_number(summary.skipped, 0),
                "seconds": vn_number(time.monotonic() - started, 1),
            }
        )

    def _load(self, options: dict[str, Any]) -> None:
        started = time.monotonic()
        structure = options["structure"]
        with self._progress(_("Nạp cơ cấu %(s)s") % {"s": structure}) as progress:
            summary = services.units_load(
                structure=structure, province=options["province"], progress=progress
            )
        self._summary(_("Đơn vị hành chính (cơ cấu %(s)s)") % {"s": structure}, summary, started)

    def _load_lineage(self, options: dict[str, Any]) -> None:
        started = time.monotonic()
        with self._progress(_("Nạp quan hệ kế thừa")) as progress:
            summary = services.lineage_load(province=options["province"], progress=progress)
        self._summary(_("Quan hệ kế thừa"), summary, started)

    def _show(self, options: dict[str, Any]) -> None:
        on = options["on"] or datetime.date.today()
        unit = selectors.unit_get(code=options["code"], on=on)
        card = selectors.unit_card(unit)
        if options["as_json"]:
            self.stdout.write(json.dumps(card, ensure_ascii=False, indent=2))
            return
        lines = [
            f"{unit.name} ({unit.code}) — {Kind(unit.kind).label}, {Level(unit.level).label}",
            _("Hiệu lực: từ %(start)s đến %(end)s")
            % {"start": vn_date(unit.valid_from), "end": vn_date(unit.valid_to)}
            if unit.valid_to
            else _("Hiệu lực: từ %(start)s") % {"start": vn_date(unit.valid_from)},
        ]
        if card["ancestors"]:
            lines.append(
                _("Thuộc: %(units)s")
                % {"units": ", ".join(f"{a['name']} ({a['code']})" for a in card["ancestors"])}
            )
        for title, key in ((_("Đơn vị trước"), "predecessors"), (_("Đơn vị sau"), "successors")):
            if card[key]:
                lines.append(f"{title}:")
                lines.extend(
                    _("  - %(name)s (%(code)s), %(date)s, tỷ trọng %(weight)s")
                    % {
                        "name": link["name"],
                        "code": link["code"],
                        "date": vn_date(datetime.date.fromisoformat(link["date"])),
                        "weight": vn_number(link["weight"]),
                    }
                    for link in card[key]
                )
        self.stdout.write("\n".join(lines))

    def _import_hamlets(self, options: dict[str, Any]) -> None:
        on = options["on"] or datetime.date.today()
        commune = selectors.unit_get(code=options["code"], on=on, level=Level.COMMUNE)
        path: Path = options["csv_file"]
        if not path.is_file():
            raise CommandError(_("Không tìm thấy tệp %(path)s.") % {"path": path})
        summary = services.hamlets_import(
            commune=commune, csv_file=path, dry_run=options["dry_run"]
        )
        if not summary.ok:
            raise CommandError("\n".join(summary.errors))
        self.stdout.write(
            _(
                "%(commune)s: %(created)d thôn/ấp tạo mới, %(updated)d cập nhật, "
                "%(unchanged)d không đổi%(dry)s."
            )
            % {
                "commune": commune.name,
                "created": summary.created,
                "updated": summary.updated,
                "unchanged": summary.unchanged,
                "dry": _(" (chạy thử, chưa ghi gì)") if summary.dry_run else "",
            }
        )
