"""Bulk import of data values from any format: validate every row, then write all or nothing.

The formats (``dxmon.collection.imports``) only turn files into rows; everything that decides
whether a row is right lives here, once. Lookups are done in memory after a few queries per
file (periods, units, scope, reports, indicators, existing values), never per row.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from dxmon.accounts.scope import Action, restrict
from dxmon.audit.services import (
    audit_entry,
    audit_insert_many,
    audit_record_many,
    insert_rows,
)
from dxmon.collection.choices import ReportStatus, ValueSource
from dxmon.collection.imports import get_format
from dxmon.collection.imports.base import (
    PART_ALL,
    PART_DENOMINATOR,
    PART_NUMERATOR,
    PART_VALUE,
    Cell,
    Issue,
    Row,
    number_text,
)
from dxmon.collection.models import DataValue, Period, Report
from dxmon.collection.periods import PeriodError, PeriodSpec, period_parse
from dxmon.frameworks.choices import ValueType
from dxmon.frameworks.models import FrameworkVersion, Indicator
from dxmon.jobs.models import Job
from dxmon.units.models import Unit

Progress = Callable[[int, int], None]
T = TypeVar("T")

CHUNK = 500
BATCH = 1000
# Above this many rows, pages start the import as a background job.
BACKGROUND_THRESHOLD = 3000
# How many errors and changes a background job keeps in its result.
JOB_LIST_LIMIT = 500

CREATE = "create"
UPDATE = "update"
UNCHANGED = "unchanged"

_TRUE = {"true", "yes", "có", "co", "x", "đạt", "dat"}
_FALSE = {"false", "no", "không", "khong", "chưa", "chua"}


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: float | str | None
    new: float | str | None


@dataclass(frozen=True)
class Change:
    """What importing one unit × period × indicator does (or would do)."""

    action: str
    line: int
    sheet: str
    unit_code: str
    unit_name: str
    period_code: str
    indicator_code: str
    fields: tuple[FieldChange, ...] = ()

    def __str__(self) -> str:
        label = {
            CREATE: _("Thêm"),
            UPDATE: _("Sửa"),
            UNCHANGED: _("Không đổi"),
        }[self.action]
        parts = ", ".join(
            f"{item.field}: {_display(item.old)} → {_display(item.new)}" for item in self.fields
        )
        head = f"{label} {self.unit_code} {self.period_code} {self.indicator_code}"
        return f"{head} ({parts})" if parts else head


@dataclass
class ImportResult:
    """The outcome of an import or a dry run: every error, or every change."""

    errors: list[Issue] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    dry_run: bool = False
    written: bool = False
    reports_created: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, action: str) -> int:
        return sum(1 for change in self.changes if change.action == action)

    @property
    def created(self) -> int:
        return self.count(CREATE)

    @property
    def updated(self) -> int:
        return self.count(UPDATE)

    @property
    def unchanged(self) -> int:
        return self.count(UNCHANGED)

    def summary(self) -> dict[str, Any]:
        return {
            "errors": len(self.errors),
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "reports_created": self.reports_created,
            "dry_run": self.dry_run,
            "written": self.written,
        }


@dataclass
class _Pending:
    """The values of one unit × period × indicator, merged from one or more rows."""

    line: int
    sheet: str
    unit: Unit
    period: Period
    indicator: Indicator
    report: Report | None
    version_id: int
    parts: set[str]
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    comment: str = ""
    bad: bool = False


def _display(value: float | str | None) -> str:
    if value is None or value == "":
        return "∅"
    if isinstance(value, float):
        return number_text(value)
    return str(value)


def _chunks(items: Iterable[T], size: int = CHUNK) -> Iterable[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def parse_number(raw: Cell, *, boolean: bool = False) -> float | None:
    """A cell as a number: ``79.5``, ``79,5`` and ``1.234,5`` are read; blank is None.

    Raises ValueError for text. For yes/no indicators, "có"/"không" and true/false are 1/0.
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        return 1.0 if raw else 0.0
    if isinstance(raw, int | float):
        number = float(raw)
    elif not isinstance(raw, str):
        raise ValueError(raw)  # a date or anything else a spreadsheet cell may hold
    else:
        text = raw.strip().replace("\u00a0", "").replace(" ", "")
        if not text:
            return None
        if boolean and text.lower() in _TRUE:
            return 1.0
        if boolean and text.lower() in _FALSE:
            return 0.0
        if text.endswith("%"):
            text = text[:-1]
        if "," in text and "." in text:
            text = text.replace(".", "").replace(",", ".")
        elif "," in text:
            text = text.replace(",", ".")
        number = float(text)
    if not math.isfinite(number):
        raise ValueError(raw)
    return number


def _field_label(name: str) -> str:
    return {
        PART_VALUE: _("giá trị"),
        PART_NUMERATOR: _("tử số"),
        PART_DENOMINATOR: _("mẫu số"),
    }[name]


class _Context:
    """Everything looked up once for a whole file."""

    def __init__(self, *, rows: Sequence[Row], user: Any, framework: str | None) -> None:
        self.user = user
        self.framework = framework
        self.general: list[Issue] = []
        self.specs: dict[str, PeriodSpec | None] = {}
        for code in {row.period_code for row in rows}:
            try:
                self.specs[code] = period_parse(code)
            except PeriodError:
                self.specs[code] = None
        valid = {spec.code for spec in self.specs.values() if spec is not None}
        self.periods = {period.code: period for period in Period.objects.filter(code__in=valid)}
        self._load_units(rows)
        self._load_versions()
        self._load_reports()
        self._load_indicators()

    def period(self, code: str) -> Period | None:
        spec = self.specs.get(code)
        return self.periods.get(spec.code) if spec is not None else None

    def _load_units(self, rows: Sequence[Row]) -> None:
        codes_by_day: dict[datetime.date, set[str]] = defaultdict(set)
        for row in rows:
            period = self.period(row.period_code)
            if period is not None and row.unit_code:
                codes_by_day[period.end].add(row.unit_code)
        # A period belongs to the structure in force on its last day: 2022 → the 2022 units,
        # 2025-07 onwards → the 2025 communes. When levels share a code the higher level wins,
        # as in ``dxmon.units.selectors.unit_get``.
        self.units: dict[tuple[datetime.date, str], Unit] = {}
        for day, codes in codes_by_day.items():
            for codes_chunk in _chunks(sorted(codes)):
                for unit in (
                    Unit.objects.valid_on(day).filter(code__in=codes_chunk).order_by("level")
                ):
                    self.units.setdefault((day, unit.code), unit)
        pks = sorted({unit.pk for unit in self.units.values()})
        self.allowed: set[int] = set()
        for chunk in _chunks(pks):
            qs = restrict(Unit.objects.filter(pk__in=chunk), cast(Any, self.user), Action.CHANGE)
            self.allowed.update(qs.values_list("pk", flat=True))

    def unit(self, code: str, period: Period) -> Unit | None:
        unit = self.units.get((period.end, code))
        # Outside the user's scope is the same as not existing: existence must not leak.
        return unit if unit is not None and unit.pk in self.allowed else None

    def _load_versions(self) -> None:
        qs = FrameworkVersion.objects.select_related("framework")
        if self.framework:
            qs = qs.filter(framework__code=self.framework)
            if not qs.exists():
                self.general.append(
                    Issue(0, _("Không có bộ chỉ số mã “%(code)s”.") % {"code": self.framework})
                )
        self.versions = list(qs)
        self.version_by_id = {version.pk: version for version in self.versions}
        self.default_version: dict[int, FrameworkVersion | str] = {}
        for year in {period.start.year for period in self.periods.values()}:
            covering = [version for version in self.versions if version.covers_year(year)]
            frameworks = {version.framework_id for version in covering}
            if not covering:
                self.default_version[year] = _("Chưa có bộ chỉ số áp dụng cho năm %(year)s.") % {
                    "year": year
                }
            elif len(frameworks) > 1:
                self.default_version[year] = _(
                    "Có nhiều bộ chỉ số áp dụng cho năm %(year)s: hãy chọn một bộ chỉ số."
                ) % {"year": year}
            else:
                self.default_version[year] = max(covering, key=lambda v: v.valid_from_year)

    def _load_reports(self) -> None:
        self.reports: dict[tuple[int, int, int], Report] = {}
        period_ids = [period.pk for period in self.periods.values()]
        unit_ids = sorted(self.allowed)
        for chunk in _chunks(unit_ids):
            qs = Report.objects.filter(
                unit_id__in=chunk,
                period_id__in=period_ids,
                framework_version_id__in=list(self.version_by_id),
            ).order_by("framework_version__valid_from_year")
            for report in qs:
                framework_id = self.version_by_id[report.framework_version_id].framework_id
                self.reports[(report.unit_id, report.period_id, framework_id)] = report

    def target(self, unit: Unit, period: Period) -> tuple[Report | None, int] | str:
        """The report to write into (None: to be created) and its version, or an error."""
        default = self.default_version.get(period.start.year)
        if default is None or isinstance(default, str):
            return default or _("Chưa có bộ chỉ số áp dụng cho kỳ này.")
        report = self.reports.get((unit.pk, period.pk, default.framework_id))
        if report is not None:
            return report, report.framework_version_id
        return None, default.pk

    def _load_indicators(self) -> None:
        version_ids = {report.framework_version_id for report in self.reports.values()}
        version_ids |= {
            version.pk for version in self.default_version.values() if not isinstance(version, str)
        }
        self.indicators: dict[tuple[int, str], Indicator] = {
            (indicator.version_id, indicator.code): indicator
            for indicator in Indicator.objects.filter(version_id__in=version_ids).only(
                "id", "version_id", "code", "value_type", "min_value", "max_value"
            )
        }


def _check_values(pending: _Pending) -> list[str]:
    """Errors in one merged value, against its indicator's type and bounds."""
    errors: list[str] = []
    indicator = pending.indicator
    num, den, value = pending.numerator, pending.denominator, pending.value
    code = indicator.code
    if indicator.value_type == ValueType.RATIO:
        if num is not None and den is None:
            errors.append(_("Chỉ số %(code)s: có tử số nhưng thiếu mẫu số.") % {"code": code})
        if den is not None and num is None:
            errors.append(_("Chỉ số %(code)s: có mẫu số nhưng thiếu tử số.") % {"code": code})
        if den is not None and den < 0:
            errors.append(_("Mẫu số không được âm (%(den)s).") % {"den": number_text(den)})
        if num is not None and num < 0:
            errors.append(_("Tử số không được âm (%(num)s).") % {"num": number_text(num)})
        if num is not None and den is not None and den >= 0 and num > den:
            errors.append(
                _("Tử số (%(num)s) lớn hơn mẫu số (%(den)s).")
                % {"num": number_text(num), "den": number_text(den)}
            )
        if num is None and den is None and value is not None and not 0 <= value <= 100:
            errors.append(_("Tỷ lệ phải từ 0 đến 100 (%(value)s).") % {"value": number_text(value)})
        return errors
    if num is not None or den is not None:
        errors.append(
            _("Chỉ số %(code)s không phải tỷ lệ: chỉ nhập giá trị, không nhập tử số/mẫu số.")
            % {"code": code}
        )
    if value is None:
        return errors
    if value < 0:
        errors.append(_("Giá trị không được âm (%(value)s).") % {"value": number_text(value)})
    if indicator.value_type == ValueType.BOOLEAN and value not in (0.0, 1.0):
        errors.append(_("Chỉ số có/không chỉ nhận 1 (có) hoặc 0 (không)."))
    if indicator.min_value is not None and value < indicator.min_value:
        errors.append(
            _("Giá trị %(value)s nhỏ hơn mức tối thiểu %(min)s.")
            % {"value": number_text(value), "min": number_text(indicator.min_value)}
        )
    if indicator.max_value is not None and value > indicator.max_value:
        errors.append(
            _("Giá trị %(value)s lớn hơn mức tối đa %(max)s.")
            % {"value": number_text(value), "max": number_text(indicator.max_value)}
        )
    return errors


def _new_state(pending: _Pending) -> tuple[float | None, float | None, float | None]:
    """(value, numerator, denominator) to store; a ratio's value is computed, never typed."""
    num, den = pending.numerator, pending.denominator
    if pending.indicator.value_type == ValueType.RATIO and num is not None and den is not None:
        return (100.0 * num / den if den else None), num, den
    return pending.value, None, None


def _validate(
    *, rows: Sequence[Row], ctx: _Context, progress: Progress | None, total: int
) -> tuple[list[_Pending], list[Issue]]:
    errors: list[Issue] = list(ctx.general)
    groups: dict[tuple[int, int, int], _Pending] = {}
    required = (
        ("unit_code", _("mã đơn vị")),
        ("period_code", _("kỳ báo cáo")),
        ("indicator_code", _("mã chỉ số")),
    )
    for index, row in enumerate(rows):
        if progress is not None and index % BATCH == 0:
            progress(index, total)
        row_errors: list[str] = []
        for name, label in required:
            if not getattr(row, name):
                row_errors.append(_("Thiếu %(field)s.") % {"field": label})
        period = ctx.period(row.period_code) if row.period_code else None
        if row.period_code and ctx.specs.get(row.period_code) is None:
            row_errors.append(_("Kỳ báo cáo không hợp lệ: “%(code)s”.") % {"code": row.period_code})
        elif row.period_code and period is None:
            row_errors.append(_("Kỳ báo cáo %(code)s chưa được mở.") % {"code": row.period_code})
        unit = ctx.unit(row.unit_code, period) if period is not None and row.unit_code else None
        if period is not None and row.unit_code and unit is None:
            row_errors.append(
                _("Không tìm thấy đơn vị mã “%(code)s” trong kỳ %(period)s.")
                % {"code": row.unit_code, "period": period.code}
            )
        indicator: Indicator | None = None
        report: Report | None = None
        version_id = 0
        if unit is not None and period is not None:
            target = ctx.target(unit, period)
            if isinstance(target, str):
                row_errors.append(target)
            else:
                report, version_id = target
                if report is not None and report.is_locked:
                    row_errors.append(
                        _(
                            "Báo cáo của %(unit)s kỳ %(period)s đã được phê duyệt nên bị khóa; "
                            "cần mở lại trước khi sửa."
                        )
                        % {"unit": unit.name, "period": period.code}
                    )
                elif report is not None and not report.is_editable:
                    # Submitted reports await review: values change only once returned.
                    row_errors.append(
                        _(
                            "Báo cáo của %(unit)s kỳ %(period)s đã gửi và đang chờ xem xét; "
                            "chỉ sửa được khi báo cáo được trả lại."
                        )
                        % {"unit": unit.name, "period": period.code}
                    )
                if row.indicator_code:
                    indicator = ctx.indicators.get((version_id, row.indicator_code))
                    if indicator is None:
                        row_errors.append(
                            _("Không có chỉ số mã “%(code)s” trong bộ chỉ số %(version)s.")
                            % {
                                "code": row.indicator_code,
                                "version": ctx.version_by_id[version_id],
                            }
                        )
        boolean = indicator is not None and indicator.value_type == ValueType.BOOLEAN
        numbers: dict[str, float | None] = {}
        for name in (PART_VALUE, PART_NUMERATOR, PART_DENOMINATOR):
            raw = getattr(row, name)
            try:
                numbers[name] = parse_number(raw, boolean=boolean)
            except ValueError:
                numbers[name] = None
                row_errors.append(
                    _("Ô %(field)s “%(raw)s” không phải là số.")
                    % {"field": _field_label(name), "raw": raw}
                )
        if row_errors:
            errors.extend(Issue(row.line, message, row.sheet) for message in row_errors)
        if unit is None or period is None or indicator is None:
            continue
        parts = {row.part}
        key = (unit.pk, period.pk, indicator.pk)
        pending = groups.get(key)
        if pending is None:
            pending = groups[key] = _Pending(
                line=row.line,
                sheet=row.sheet,
                unit=unit,
                period=period,
                indicator=indicator,
                report=report,
                version_id=version_id,
                parts=parts,
            )
        elif PART_ALL in pending.parts or PART_ALL in parts or pending.parts & parts:
            where = Issue(pending.line, "", pending.sheet).where
            where = where[:1].lower() + where[1:]
            errors.append(
                Issue(
                    row.line,
                    _("Dòng trùng: %(unit)s, %(period)s, %(indicator)s đã có ở %(where)s.")
                    % {
                        "unit": row.unit_code,
                        "period": period.code,
                        "indicator": row.indicator_code,
                        "where": where,
                    },
                    row.sheet,
                )
            )
            continue
        else:
            pending.parts |= parts
        pending.bad = pending.bad or bool(row_errors)
        for name, number in numbers.items():
            if number is not None:
                setattr(pending, name, number)
        if row.comment and not pending.comment:
            pending.comment = row.comment
    pendings = sorted(groups.values(), key=lambda item: (item.sheet, item.line))
    for pending in pendings:
        if pending.bad:
            continue
        errors.extend(
            Issue(pending.line, message, pending.sheet) for message in _check_values(pending)
        )
    errors.sort(key=lambda issue: (issue.sheet, issue.line))
    return pendings, errors


def _plan(pendings: list[_Pending]) -> list[tuple[_Pending, dict[str, Any] | None, Change]]:
    """Compare each pending value with what is stored; blanks never erase anything."""
    existing: dict[tuple[int, int], dict[str, Any]] = {}
    report_ids = sorted({p.report.pk for p in pendings if p.report is not None})
    for chunk in _chunks(report_ids):
        for item in DataValue.objects.filter(report_id__in=chunk).values(
            "id", "report_id", "indicator_id", "value", "numerator", "denominator", "comment"
        ):
            existing[(item["report_id"], item["indicator_id"])] = dict(item)
    plan: list[tuple[_Pending, dict[str, Any] | None, Change]] = []
    for pending in pendings:
        value, num, den = _new_state(pending)
        if value is None and num is None and den is None and not pending.comment:
            continue  # an empty row changes nothing
        old = (
            existing.get((pending.report.pk, pending.indicator.pk))
            if pending.report is not None
            else None
        )
        new: dict[str, Any] = {"value": value, "numerator": num, "denominator": den}
        if old is not None and value is None and num is None and den is None:
            new = {name: old[name] for name in new}  # a comment alone keeps the numbers
        new["comment"] = pending.comment or (old["comment"] if old else "")
        if old is None:
            fields = tuple(
                FieldChange(name, None, new[name]) for name in new if new[name] not in (None, "")
            )
            action = CREATE
        else:
            fields = tuple(
                FieldChange(name, old[name], new[name]) for name in new if old[name] != new[name]
            )
            action = UPDATE if fields else UNCHANGED
        change = Change(
            action=action,
            line=pending.line,
            sheet=pending.sheet,
            unit_code=pending.unit.code,
            unit_name=pending.unit.name,
            period_code=pending.period.code,
            indicator_code=pending.indicator.code,
            fields=fields,
        )
        plan.append((pending, old, change))
    return plan


def _write(
    *,
    plan: list[tuple[_Pending, dict[str, Any] | None, Change]],
    user: Any,
    reason: str,
    progress: Progress | None,
    done: int,
    total: int,
) -> int:
    """Create missing reports and write the changed values with their audit entries.

    New values are inserted with ``executemany`` (no model instance per row: at 100,000 values
    that is most of the time); changed values go through ``bulk_update``.
    """
    actor = user if getattr(user, "pk", None) is not None else None
    actor_id = actor.pk if actor is not None else None
    now = timezone.now()
    at = connection.ops.adapt_datetimefield_value(now)
    todo = [(p, old, change) for p, old, change in plan if change.action != UNCHANGED]

    # Reports to create, one per unit × period × version (a few hundred at most: instances).
    new_reports: dict[tuple[int, int, int], Report] = {}
    for pending, _old, _change in todo:
        key = (pending.unit.pk, pending.period.pk, pending.version_id)
        if pending.report is None and key not in new_reports:
            new_reports[key] = Report(
                unit=pending.unit,
                period=pending.period,
                framework_version_id=pending.version_id,
                status=ReportStatus.DRAFT,
            )
    Report.objects.bulk_create(list(new_reports.values()), batch_size=BATCH)
    if new_reports and any(report.pk is None for report in new_reports.values()):
        # Databases that do not return ids from a bulk insert: read them back.
        for report in Report.objects.filter(
            unit_id__in={key[0] for key in new_reports},
            period_id__in={key[1] for key in new_reports},
        ):
            found = new_reports.get((report.unit_id, report.period_id, report.framework_version_id))
            if found is not None:
                found.pk = report.pk
    audit_record_many(
        [
            audit_entry(
                actor=user, action="report.create", obj=report, reason=reason, context=report
            )
            for report in new_reports.values()
        ]
    )
    for pending, _old, _change in todo:
        if pending.report is None:
            pending.report = new_reports[(pending.unit.pk, pending.period.pk, pending.version_id)]

    creates = [(p, change) for p, old, change in todo if old is None]
    rows: list[dict[str, Any]] = [
        {
            "report_id": cast(Report, pending.report).pk,
            "indicator_id": pending.indicator.pk,
            "source": ValueSource.IMPORT.value,
            "updated_by_id": actor_id,
            "updated_at": at,
            **{item.field: item.new for item in change.fields},
        }
        for pending, change in creates
    ]
    for start in range(0, len(rows), BATCH * 5):
        insert_rows(DataValue, rows[start : start + BATCH * 5])
        done += len(rows[start : start + BATCH * 5])
        if progress is not None:
            progress(done, total)
    created_ids: dict[tuple[int, int], int] = {}
    for report_chunk in _chunks(sorted({int(row["report_id"]) for row in rows})):
        created_ids.update(
            ((report_id, indicator_id), pk)
            for report_id, indicator_id, pk in DataValue.objects.filter(
                report_id__in=report_chunk
            ).values_list("report_id", "indicator_id", "id")
        )

    updates: list[DataValue] = []
    ids: list[int] = []
    for pending, old, change in todo:
        report = cast(Report, pending.report)
        if old is None:
            ids.append(created_ids[(report.pk, pending.indicator.pk)])
            continue
        ids.append(old["id"])
        state = {name: old[name] for name in ("value", "numerator", "denominator", "comment")}
        state.update({item.field: item.new for item in change.fields})
        updates.append(
            DataValue(
                pk=old["id"],
                report_id=report.pk,
                indicator_id=pending.indicator.pk,
                source=ValueSource.IMPORT,
                updated_by_id=actor_id,
                updated_at=now,
                **state,
            )
        )
    for batch in _chunks(updates, BATCH):
        DataValue.objects.bulk_update(
            batch,
            ["value", "numerator", "denominator", "comment", "source", "updated_by", "updated_at"],
        )
        done += len(batch)
        if progress is not None:
            progress(done, total)

    value_type = DataValue._meta.label_lower
    report_type = Report._meta.label_lower
    for action, wanted in (("value.create", CREATE), ("value.update", UPDATE)):
        items: list[tuple[str, str, str, str, Any, Any, str, str]] = []
        for (pending, _old, change), pk in zip(todo, ids, strict=True):
            if change.action != wanted:
                continue
            is_ratio = pending.indicator.value_type == ValueType.RATIO
            fields = {item.field: item for item in change.fields}
            new_value = fields["value"].new if "value" in fields else (_old or {}).get("value")
            for item in change.fields:
                # A ratio's value follows its numerator and denominator; logging those is enough.
                if item.field == "value" and is_ratio and ("numerator" in fields):
                    continue
                items.append(
                    (
                        value_type,
                        str(pk),
                        f"{pending.indicator.code} = {new_value}",
                        item.field,
                        item.old,
                        item.new,
                        report_type,
                        str(cast(Report, pending.report).pk),
                    )
                )
        audit_insert_many(actor=user, action=action, reason=reason, items=items)

    changed_per_report: dict[int, int] = defaultdict(int)
    for pending, _old, _change in todo:
        changed_per_report[cast(Report, pending.report).pk] += 1
    for chunk in _chunks(sorted(changed_per_report)):
        Report.objects.filter(pk__in=chunk).update(revision=F("revision") + 1, updated_at=now)
    # Reports approved once and reopened count the changes since their approval.
    for chunk in _chunks(sorted(changed_per_report)):
        reopened = Report.objects.filter(pk__in=chunk, approved_at__isnull=False)
        for pk in reopened.values_list("pk", flat=True):
            Report.objects.filter(pk=pk).update(
                changes_since_approval=F("changes_since_approval") + changed_per_report[pk]
            )
    return len(new_reports)


def rows_import(
    *,
    user: Any,
    rows: Sequence[Row],
    parse_errors: Sequence[Issue] = (),
    dry_run: bool = False,
    framework: str | None = None,
    reason: str = "",
    progress: Progress | None = None,
) -> ImportResult:
    """Validate ``rows`` and, when every one is right and this is no dry run, write them.

    All or nothing: any error (including ``parse_errors`` from reading the file) means nothing
    is written and every error is returned with its line. ``user`` must be allowed to CHANGE
    each row's unit (``dxmon.accounts.scope``); other units are "not found". ``framework`` is a
    framework code, needed only when several frameworks apply to a period's year.
    """
    result = ImportResult(dry_run=dry_run)
    ctx = _Context(rows=rows, user=user, framework=framework)
    total = 2 * len(rows)
    pendings, errors = _validate(rows=rows, ctx=ctx, progress=progress, total=total)
    result.errors = sorted([*parse_errors, *errors], key=lambda issue: (issue.sheet, issue.line))
    if not rows and not result.errors:
        result.errors.append(Issue(0, _("Tệp không có dòng dữ liệu nào.")))
    if result.errors:
        return result
    plan = _plan(pendings)
    result.changes = [change for _p, _o, change in plan]
    if progress is not None:
        progress(len(rows), total)
    if dry_run:
        return result
    write_total = len(rows) + result.created + result.updated
    with transaction.atomic():
        result.reports_created = _write(
            plan=plan,
            user=user,
            reason=reason or _("Nhập dữ liệu từ tệp"),
            progress=progress,
            done=len(rows),
            total=write_total,
        )
    result.written = True
    if progress is not None:
        progress(write_total, write_total)
    return result


def data_import(
    *,
    user: Any,
    data: bytes,
    fmt: str,
    dry_run: bool = False,
    framework: str | None = None,
    filename: str = "",
    progress: Progress | None = None,
) -> ImportResult:
    """Import a file of format ``fmt`` (see ``dxmon.collection.imports.FORMATS``).

    ``user`` is a dxmon user, or ``dxmon.audit.services.SYSTEM`` for the command line.
    """
    parsed = get_format(fmt).parse(data)
    reason = _("Nhập dữ liệu từ tệp %(name)s (%(format)s)") % {
        "name": filename or "?",
        "format": fmt,
    }
    return rows_import(
        user=user,
        rows=parsed.rows,
        parse_errors=parsed.errors,
        dry_run=dry_run,
        framework=framework,
        reason=reason,
        progress=progress,
    )


def data_import_job(
    *,
    progress: Progress,
    path: str,
    fmt: str,
    user_id: int | None,
    dry_run: bool = False,
    framework: str | None = None,
    filename: str = "",
) -> dict[str, Any]:
    """The background job of a large import: the file waits in storage at ``path``.

    Returns the summary, the first errors (with their lines) and, for a dry run, the first
    changes, for the job page to show.
    """
    from django.core.files.storage import default_storage

    from dxmon.accounts.models import User
    from dxmon.audit.services import SYSTEM

    user: Any = User.objects.get(pk=user_id) if user_id is not None else SYSTEM
    with default_storage.open(path, "rb") as handle:
        data = handle.read()
    try:
        result = data_import(
            user=user,
            data=data,
            fmt=fmt,
            dry_run=dry_run,
            framework=framework,
            filename=filename,
            progress=progress,
        )
    finally:
        default_storage.delete(path)
    return {
        **result.summary(),
        "error_list": [str(issue) for issue in result.errors[:JOB_LIST_LIMIT]],
        "change_list": [
            str(change) for change in result.changes[:JOB_LIST_LIMIT] if change.action != UNCHANGED
        ],
    }


def data_import_start(
    *,
    user: Any,
    data: bytes,
    fmt: str,
    dry_run: bool = False,
    framework: str | None = None,
    filename: str = "",
    background_threshold: int = BACKGROUND_THRESHOLD,
) -> ImportResult | Job:
    """Import now, or, for a file of more than ``background_threshold`` rows, start a job.

    What pages and the API call: the result when done here, else the ``Job`` to follow.
    """
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from dxmon.collection.apps import IMPORT_JOB_KIND
    from dxmon.jobs.services import run_in_background

    file_format = get_format(fmt)
    parsed = file_format.parse(data)
    if len(parsed.rows) <= background_threshold or parsed.errors:
        return rows_import(
            user=user,
            rows=parsed.rows,
            parse_errors=parsed.errors,
            dry_run=dry_run,
            framework=framework,
            reason=_("Nhập dữ liệu từ tệp %(name)s (%(format)s)")
            % {"name": filename or "?", "format": fmt},
        )
    path = default_storage.save(f"imports/upload.{file_format.extension}", ContentFile(data))
    title = _("Nhập số liệu từ tệp %(name)s (%(count)s dòng)") % {
        "name": filename or fmt,
        "count": len(parsed.rows),
    }
    return run_in_background(
        kind=IMPORT_JOB_KIND,
        title=title,
        kwargs={
            "path": path,
            "fmt": fmt,
            "user_id": getattr(user, "pk", None),
            "dry_run": dry_run,
            "framework": framework,
            "filename": filename,
        },
        user=user if getattr(user, "pk", None) is not None else None,
        total=2 * len(parsed.rows),
    )
