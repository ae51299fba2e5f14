"""Data from other systems: mapping profiles, and the import of their exports as SystemValues.

A system export is a wide table, one row per unit (and period), one column per statistic. A
:class:`~dxmon.collection.models.MappingProfile` says which column holds what. The import is
the same as the data import (``services.imports``: numbers read by ``parse_number``, values
checked by ``_check_values``, all or nothing, dry run, errors by row, ``ImportResult``), with
another destination: :class:`~dxmon.collection.models.SystemValue`, never the officer's
``DataValue``.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from dxmon.accounts.scope import Action, has_action, restrict
from dxmon.audit.services import audit_insert_many
from dxmon.collection.errors import CollectionError
from dxmon.collection.imports.base import (
    PART_DENOMINATOR,
    PART_NUMERATOR,
    PART_VALUE,
    Cell,
    Issue,
    decode_text,
    number_text,
)
from dxmon.collection.models import MappingProfile, Period, SystemSource, SystemValue
from dxmon.collection.periods import PeriodError, period_parse
from dxmon.collection.services.imports import (
    CREATE,
    UNCHANGED,
    UPDATE,
    Change,
    FieldChange,
    ImportResult,
    _check_values,
    _Pending,
    parse_number,
)
from dxmon.frameworks.choices import ValueType
from dxmon.frameworks.models import FrameworkVersion, Indicator
from dxmon.units.models import Unit
from dxmon.vn.text import fold

PARTS = (PART_VALUE, PART_NUMERATOR, PART_DENOMINATOR)
FORMATS = ("csv", "xlsx")
# Unit names in system exports often drop the kind ("Mỏ Cày" for "Xã Mỏ Cày").
_KIND_PREFIX = re.compile(r"^(xa|phuong|thi tran|dac khu|thi xa|thanh pho|tinh) ")


class SystemDataError(CollectionError):
    """A profile or an import refused; ``errors`` lists every problem."""

    def __init__(self, message: Any, errors: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.errors = list(errors) or [str(message)]


@dataclass(frozen=True)
class Mapping:
    """One column of a system export mapped to (a part of) an indicator."""

    column: str
    indicator_code: str
    part: str = PART_VALUE
    scale: float = 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "column": self.column,
            "indicator_code": self.indicator_code,
            "part": self.part,
            "scale": self.scale,
        }


def _norm(name: str) -> str:
    return " ".join(str(name).strip().lower().split())


def user_province(user: Any) -> Unit | None:
    """The root (province) of ``user``'s scope unit; None for an admin without one."""
    unit: Unit | None = getattr(user, "scope_unit", None)
    if unit is None:
        return None
    root = unit.path.strip("/").split("/")[0]
    return Unit.objects.filter(pk=int(root)).first() if root else unit


def _require_office(user: Any) -> None:
    if not has_action(user, Action.ADMIN):
        raise SystemDataError(
            _("Chỉ cơ quan chuyên trách CĐS cấp tỉnh hoặc quản trị viên được làm việc này.")
        )


def mappings_from(raw: Any) -> list[Mapping]:
    """``raw`` (the JSON list of a profile) as mappings; SystemDataError on a bad shape."""
    if not isinstance(raw, list):
        raise SystemDataError(_("Danh sách ánh xạ cột phải là một danh sách."))
    items: list[Mapping] = []
    errors: list[str] = []
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, dict):
            errors.append(_("Ánh xạ %(n)s không hợp lệ.") % {"n": number})
            continue
        try:
            scale = float(item.get("scale") or 1)
        except (TypeError, ValueError):
            errors.append(_("Ánh xạ %(n)s: hệ số không phải là số.") % {"n": number})
            continue
        items.append(
            Mapping(
                column=_norm(item.get("column") or ""),
                indicator_code=str(item.get("indicator_code") or "").strip(),
                part=str(item.get("part") or PART_VALUE).strip().lower(),
                scale=scale,
            )
        )
    if errors:
        raise SystemDataError(errors[0], errors)
    return items


def _latest_indicators(codes: set[str]) -> dict[str, Indicator]:
    """The indicator of each code in the newest framework version that has it."""
    found: dict[str, Indicator] = {}
    qs = Indicator.objects.filter(code__in=codes).order_by("version__valid_from_year", "pk")
    for indicator in qs:
        found[indicator.code] = indicator
    return found


def _mapping_errors(mappings: list[Mapping], *, unit_column: str, period_column: str) -> list[str]:
    errors: list[str] = []
    if not mappings:
        errors.append(_("Cần ít nhất một cột ánh xạ vào chỉ số."))
    seen: set[str] = {_norm(unit_column)}
    if period_column:
        seen.add(_norm(period_column))
    for item in mappings:
        if not item.column:
            errors.append(_("Thiếu tên cột ở một ánh xạ."))
        elif item.column in seen:
            errors.append(_("Cột “%(column)s” được dùng hai lần.") % {"column": item.column})
        seen.add(item.column)
        if item.part not in PARTS:
            errors.append(
                _("Cột “%(column)s”: phần “%(part)s” không hợp lệ (value, numerator, denominator).")
                % {"column": item.column, "part": item.part}
            )
        if item.scale <= 0:
            errors.append(_("Cột “%(column)s”: hệ số phải dương.") % {"column": item.column})
    indicators = _latest_indicators({item.indicator_code for item in mappings})
    parts: dict[str, list[str]] = defaultdict(list)
    for item in mappings:
        if item.indicator_code not in indicators:
            errors.append(
                _("Cột “%(column)s”: không có chỉ số mã “%(code)s” trong bộ chỉ số.")
                % {"column": item.column, "code": item.indicator_code}
            )
        else:
            parts[item.indicator_code].append(item.part)
    for code, found in parts.items():
        indicator = indicators[code]
        kinds = set(found)
        if len(found) != len(kinds):
            errors.append(_("Chỉ số %(code)s: một phần được ánh xạ hai lần.") % {"code": code})
        if indicator.value_type == ValueType.RATIO:
            if kinds & {PART_NUMERATOR, PART_DENOMINATOR} and not kinds >= {
                PART_NUMERATOR,
                PART_DENOMINATOR,
            }:
                errors.append(
                    _("Chỉ số %(code)s là tỷ lệ: cần ánh xạ cả tử số và mẫu số (hoặc chỉ giá trị).")
                    % {"code": code}
                )
        elif kinds != {PART_VALUE}:
            errors.append(
                _("Chỉ số %(code)s không phải tỷ lệ: chỉ ánh xạ giá trị.") % {"code": code}
            )
    return errors


@transaction.atomic
def profile_save(
    *,
    user: Any,
    name: str,
    source: SystemSource,
    unit_column: str,
    mappings: list[dict[str, Any]],
    file_format: str = "csv",
    unit_scheme: str = MappingProfile.UNIT_BY_CODE,
    period_column: str = "",
    fixed_period: str = "",
    profile: MappingProfile | None = None,
) -> MappingProfile:
    """Create (or, with ``profile``, change) a mapping profile of ``user``'s province.

    Only the province office and admins; SystemDataError lists every problem found.
    """
    _require_office(user)
    if profile is not None and profile.pk not in profile_list(user=user).values_list(
        "pk", flat=True
    ):
        raise SystemDataError(_("Không tìm thấy cấu hình."))
    items = mappings_from(mappings)
    errors: list[str] = []
    if not name.strip():
        errors.append(_("Cần đặt tên cho cấu hình."))
    if not unit_column.strip():
        errors.append(_("Cần tên cột đơn vị."))
    if file_format not in FORMATS:
        errors.append(_("Định dạng tệp phải là CSV hoặc Excel (.xlsx)."))
    if unit_scheme not in (MappingProfile.UNIT_BY_CODE, MappingProfile.UNIT_BY_NAME):
        errors.append(_("Cách nhận đơn vị không hợp lệ."))
    if not period_column.strip() and not fixed_period.strip():
        errors.append(_("Cần cột kỳ báo cáo hoặc một kỳ báo cáo cố định."))
    if fixed_period.strip():
        try:
            fixed_period = period_parse(fixed_period.strip()).code
        except PeriodError as exc:
            errors.append(str(exc))
    errors += _mapping_errors(items, unit_column=unit_column, period_column=period_column)
    scope_unit = profile.scope_unit if profile is not None and profile.pk else user_province(user)
    clash = MappingProfile.objects.filter(name=name.strip(), scope_unit=scope_unit)
    if profile is not None and profile.pk:
        clash = clash.exclude(pk=profile.pk)
    if clash.exists():
        errors.append(_("Đã có cấu hình cùng tên."))
    if errors:
        raise SystemDataError(errors[0], errors)
    target = profile or MappingProfile(created_by=user if getattr(user, "pk", None) else None)
    target.name = name.strip()
    target.source = source
    target.scope_unit = scope_unit
    target.file_format = file_format
    target.unit_column = _norm(unit_column)
    target.unit_scheme = unit_scheme
    target.period_column = _norm(period_column) if period_column.strip() else ""
    target.fixed_period = fixed_period.strip()
    target.mappings = [item.as_dict() for item in items]
    target.full_clean()
    target.save()
    return target


def profile_list(*, user: Any) -> QuerySet[MappingProfile]:
    """The profiles ``user`` may use: their province's and the national ones (admins: all)."""
    qs = MappingProfile.objects.select_related("source", "scope_unit", "created_by")
    if not has_action(user, Action.ADMIN):
        return qs.none()
    if user.is_superuser or getattr(user, "role", None) == "admin":
        return qs
    province = user_province(user)
    return qs.filter(Q(scope_unit__isnull=True) | Q(scope_unit=province))


# --- Reading the export -------------------------------------------------------------------


@dataclass
class Table:
    """A wide table: its header (normalised names) and its rows (line, cells by column)."""

    header: list[str]
    rows: list[tuple[int, dict[str, Cell]]]
    errors: list[Issue]


def _delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def _as_cell(cell: Any) -> Cell:
    if cell is None or isinstance(cell, int | float):
        return cast(Cell, cell)
    return str(cell).strip()  # text, and dates or anything else a workbook holds, as text


def read_table(data: bytes, fmt: str) -> Table:
    """The first sheet of a workbook, or a CSV file (comma or semicolon), with its header."""
    if fmt == "xlsx":
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
            return Table([], [], [Issue(0, _("Không đọc được tệp Excel: %(e)s") % {"e": exc})])
        try:
            lines = [
                (number, list(cells))
                for number, cells in enumerate(
                    workbook.worksheets[0].iter_rows(values_only=True), start=1
                )
            ]
        finally:
            workbook.close()
    else:
        text = decode_text(data)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
        lines = [(reader.line_num, cast(list[Any], row)) for row in reader]
    lines = [(n, cells) for n, cells in lines if any(str(c or "").strip() for c in cells)]
    if not lines:
        return Table([], [], [Issue(0, _("Tệp không có dòng dữ liệu nào."))])
    header = [_norm(str(c or "")) for c in lines[0][1]]
    rows = []
    for number, cells in lines[1:]:
        row: dict[str, Cell] = {}
        for name, cell in zip(header, cells, strict=False):
            if name:
                row[name] = _as_cell(cell)
        rows.append((number, row))
    return Table(header, rows, [])


# --- The import -----------------------------------------------------------------------------


def _cell_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float):
        return number_text(cell)
    return str(cell).strip()


def _name_key(name: str) -> str:
    return _KIND_PREFIX.sub("", fold(name))


class _Lookups:
    """Periods, units, scope, indicators and existing values, looked up once per file."""

    def __init__(self, *, user: Any, profile: MappingProfile, table: Table) -> None:
        self.user = user
        self.profile = profile
        codes = {
            _cell_text(row.get(profile.period_column)) if profile.period_column else ""
            for _n, row in table.rows
        }
        if profile.fixed_period:
            codes = {profile.fixed_period}
        self.specs: dict[str, str | None] = {}
        for code in codes:
            try:
                self.specs[code] = period_parse(code).code
            except PeriodError:
                self.specs[code] = None
        valid = {code for code in self.specs.values() if code}
        self.periods = {p.code: p for p in Period.objects.filter(code__in=valid)}
        self.allowed = restrict(Unit.objects.all(), user, Action.CHANGE)
        self._units: dict[tuple[datetime.date, str], list[Unit]] = {}
        self.mappings = mappings_from(profile.mappings)
        self._indicators: dict[tuple[int, str], Indicator | None] = {}
        self.versions = list(FrameworkVersion.objects.all())

    def period(self, code: str) -> Period | None:
        spec = self.specs.get(code)
        return self.periods.get(spec) if spec else None

    def units_on(self, day: datetime.date) -> None:
        if any(key[0] == day for key in self._units):
            return
        qs = Unit.objects.valid_on(day).filter(pk__in=self.allowed.values("pk"))
        by_name = self.profile.unit_scheme == MappingProfile.UNIT_BY_NAME
        if by_name:
            province = self.profile.scope_unit or user_province(self.user)
            if province is not None:
                qs = qs.filter(path__startswith=province.path)
        for unit in qs.order_by("level", "code"):
            key = _name_key(unit.name) if by_name else unit.code
            self._units.setdefault((day, key), []).append(unit)
        self._units.setdefault((day, ""), [])

    def unit(self, text: str, period: Period) -> Unit | str | None:
        """The unit a cell names, None if unknown (or out of scope), a message if ambiguous."""
        self.units_on(period.end)
        by_name = self.profile.unit_scheme == MappingProfile.UNIT_BY_NAME
        found = self._units.get((period.end, _name_key(text) if by_name else text), [])
        if by_name and len(found) > 1:
            return _("Có nhiều đơn vị tên “%(name)s”; hãy dùng mã đơn vị.") % {"name": text}
        # Codes shared between levels: the higher level wins, as in the data import.
        return found[0] if found else None

    def indicator(self, code: str, period: Period) -> Indicator | None:
        """The indicator ``code`` in the newest framework version in force for the period."""
        year = period.start.year
        key = (year, code)
        if key not in self._indicators:
            covering = sorted(
                (v for v in self.versions if v.covers_year(year)),
                key=lambda v: (v.valid_from_year, v.pk),
                reverse=True,
            )
            found = None
            for version in covering:
                found = Indicator.objects.filter(version=version, code=code).first()
                if found is not None:
                    break
            self._indicators[key] = found
        return self._indicators[key]


@dataclass
class _Planned:
    line: int
    unit: Unit
    period: Period
    indicator: Indicator
    value: float | None
    numerator: float | None
    denominator: float | None


def _validate(table: Table, ctx: _Lookups) -> tuple[list[_Planned], list[Issue]]:
    profile = ctx.profile
    errors: list[Issue] = list(table.errors)
    if table.errors:
        return [], errors
    needed = [profile.unit_column, *(m.column for m in ctx.mappings)]
    if profile.period_column:
        needed.append(profile.period_column)
    missing = [name for name in needed if name not in table.header]
    if missing:
        errors.append(
            Issue(1, _("Thiếu cột trong tiêu đề: %(columns)s.") % {"columns": ", ".join(missing)})
        )
        return [], errors
    if not table.rows:
        return [], [Issue(0, _("Tệp không có dòng dữ liệu nào."))]
    planned: list[_Planned] = []
    seen: dict[tuple[int, int, int], int] = {}
    for line, row in table.rows:
        problems: list[str] = []
        code = profile.fixed_period or _cell_text(row.get(profile.period_column))
        period = ctx.period(code)
        if not code:
            problems.append(_("Thiếu kỳ báo cáo."))
        elif ctx.specs.get(code) is None:
            problems.append(_("Kỳ báo cáo không hợp lệ: “%(code)s”.") % {"code": code})
        elif period is None:
            problems.append(_("Kỳ báo cáo %(code)s chưa được mở.") % {"code": code})
        unit_text = _cell_text(row.get(profile.unit_column))
        unit: Unit | None = None
        if not unit_text:
            problems.append(_("Thiếu đơn vị."))
        elif period is not None:
            found = ctx.unit(unit_text, period)
            if isinstance(found, str):
                problems.append(found)
            elif found is None:
                problems.append(
                    _("Không tìm thấy đơn vị “%(code)s” trong kỳ %(period)s.")
                    % {"code": unit_text, "period": period.code}
                )
            else:
                unit = found
        parts: dict[str, dict[str, float | None]] = defaultdict(dict)
        unreadable: set[str] = set()
        for mapping in ctx.mappings:
            raw = row.get(mapping.column)
            try:
                number = parse_number(raw)
            except ValueError:
                problems.append(
                    _("Ô “%(column)s” “%(raw)s” không phải là số.")
                    % {"column": mapping.column, "raw": raw}
                )
                unreadable.add(mapping.indicator_code)
                continue
            parts[mapping.indicator_code][mapping.part] = (
                number * mapping.scale if number is not None else None
            )
        for indicator_code, numbers in parts.items():
            if indicator_code in unreadable or period is None:
                continue
            if all(number is None for number in numbers.values()):
                continue  # blank cells change nothing
            indicator = ctx.indicator(indicator_code, period)
            if indicator is None:
                problems.append(
                    _("Không có chỉ số mã “%(code)s” trong bộ chỉ số áp dụng cho kỳ %(period)s.")
                    % {"code": indicator_code, "period": period.code}
                )
                continue
            if unit is None:
                continue
            pending = _Pending(
                line=line,
                sheet="",
                unit=unit,
                period=period,
                indicator=indicator,
                report=None,
                version_id=indicator.version_id,
                parts=set(numbers),
                value=numbers.get(PART_VALUE),
                numerator=numbers.get(PART_NUMERATOR),
                denominator=numbers.get(PART_DENOMINATOR),
            )
            checks = _check_values(pending)
            if checks:
                problems += [
                    message if indicator_code in message else f"{indicator_code}: {message}"
                    for message in checks
                ]
                continue
            key = (unit.pk, period.pk, indicator.pk)
            if key in seen:
                problems.append(
                    _("Đơn vị %(unit)s, kỳ %(period)s, chỉ số %(code)s đã có ở dòng %(line)s.")
                    % {
                        "unit": unit.code,
                        "period": period.code,
                        "code": indicator_code,
                        "line": seen[key],
                    }
                )
                continue
            seen[key] = line
            num, den = pending.numerator, pending.denominator
            value = pending.value
            if num is not None and den is not None:
                value = 100.0 * num / den if den else None
            planned.append(_Planned(line, unit, period, indicator, value, num, den))
        errors.extend(Issue(line, message) for message in problems)
    return planned, errors


FIELDS = ("value", "numerator", "denominator")


def system_import(
    *,
    user: Any,
    profile: MappingProfile,
    data: bytes,
    dry_run: bool = False,
    filename: str = "",
) -> ImportResult:
    """Import a system export through ``profile``: all or nothing, errors by row.

    Values land in :class:`SystemValue` (created, updated or unchanged), never in the
    officer's ``DataValue``. Units outside ``user``'s scope are "not found". Only the province
    office and admins import system data (SystemDataError otherwise).
    """
    _require_office(user)
    if profile.pk not in profile_list(user=user).values_list("pk", flat=True):
        raise SystemDataError(_("Không tìm thấy cấu hình."))
    result = ImportResult(dry_run=dry_run)
    table = read_table(data, profile.file_format)
    ctx = _Lookups(user=user, profile=profile, table=table)
    planned, errors = _validate(table, ctx)
    result.errors = sorted(errors, key=lambda issue: issue.line)
    if result.errors:
        return result
    existing = {
        (sv.unit_id, sv.period_id, sv.indicator_id): sv
        for sv in SystemValue.objects.filter(
            source=profile.source,
            unit__in={p.unit.pk for p in planned},
            period__in={p.period.pk for p in planned},
        )
    }
    plan: list[tuple[_Planned, SystemValue | None, Change]] = []
    for item in planned:
        old = existing.get((item.unit.pk, item.period.pk, item.indicator.pk))
        new = {"value": item.value, "numerator": item.numerator, "denominator": item.denominator}
        if old is None:
            fields = tuple(FieldChange(k, None, v) for k, v in new.items() if v is not None)
            action = CREATE
        else:
            fields = tuple(
                FieldChange(k, getattr(old, k), v) for k, v in new.items() if getattr(old, k) != v
            )
            action = UPDATE if fields else UNCHANGED
        change = Change(
            action=action,
            line=item.line,
            sheet="",
            unit_code=item.unit.code,
            unit_name=item.unit.name,
            period_code=item.period.code,
            indicator_code=item.indicator.code,
            fields=fields,
        )
        plan.append((item, old, change))
    result.changes = [change for _i, _o, change in plan]
    if dry_run:
        return result
    with transaction.atomic():
        _write(plan=plan, user=user, profile=profile, filename=filename)
    result.written = True
    return result


def _write(
    *,
    plan: list[tuple[_Planned, SystemValue | None, Change]],
    user: Any,
    profile: MappingProfile,
    filename: str,
) -> None:
    now = timezone.now()
    actor = user if getattr(user, "pk", None) is not None else None
    creates: list[SystemValue] = []
    updates: list[SystemValue] = []
    for item, old, change in plan:
        if change.action == UNCHANGED:
            continue
        target = old or SystemValue(
            unit=item.unit, period=item.period, indicator=item.indicator, source=profile.source
        )
        target.value, target.numerator, target.denominator = (
            item.value,
            item.numerator,
            item.denominator,
        )
        target.profile = profile
        target.imported_at = now
        target.imported_by = actor
        target.source_file = filename[:255]
        target.row_number = item.line
        (updates if old is not None else creates).append(target)
    SystemValue.objects.bulk_create(creates, batch_size=1000)
    SystemValue.objects.bulk_update(
        updates,
        [*FIELDS, "profile", "imported_at", "imported_by", "source_file", "row_number"],
        batch_size=1000,
    )
    reason = _("Nhập dữ liệu hệ thống %(source)s từ tệp %(name)s (cấu hình “%(profile)s”)") % {
        "source": profile.source.name,
        "name": filename or "?",
        "profile": profile.name,
    }
    label = SystemValue._meta.label_lower
    ids = {
        (sv.unit_id, sv.period_id, sv.indicator_id): sv.pk
        for sv in SystemValue.objects.filter(
            source=profile.source, pk__isnull=False, imported_at=now
        )
    }
    for action, wanted in (("system_value.create", CREATE), ("system_value.update", UPDATE)):
        items = [
            (
                label,
                str(ids.get((item.unit.pk, item.period.pk, item.indicator.pk), "")),
                f"{profile.source.code}: {item.unit.code} {item.period.code} "
                f"{item.indicator.code} = {item.value}",
                field.field,
                field.old,
                field.new,
                "",
                "",
            )
            for item, _old, change in plan
            if change.action == wanted
            for field in change.fields
        ]
        if items:
            audit_insert_many(actor=user, action=action, reason=reason, items=items)
