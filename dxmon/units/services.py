"""Writes for administrative units: loading published lists and lineage, and hamlets."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dxmon.audit.services import audit_record
from dxmon.units.choices import KIND_LEVEL, Kind, Level, Structure
from dxmon.units.loaders import DEFAULT_LOADER, LOADERS
from dxmon.units.loaders.base import LineageRecord, UnitRecord
from dxmon.units.models import STRUCTURE_2022_END, STRUCTURE_2025_START, Lineage, Unit
from dxmon.vn.text import fold

Progress = Callable[[int, int], None]
BATCH_SIZE = 500
UNIT_FIELDS = (
    "name",
    "short_name",
    "kind",
    "level",
    "parent_id",
    "valid_from",
    "valid_to",
    "latitude",
    "longitude",
    "area_km2",
    "search_key",
    "path",
)
HAMLET_KINDS = (Kind.HAMLET_AP, Kind.HAMLET_THON, Kind.QUARTER, Kind.KHOM, Kind.VILLAGE_BAN)


class UnitError(ValueError):
    """A unit operation that cannot be done as asked; the message is for the user."""


@dataclass(frozen=True)
class LoadSummary:
    """What a load did: rows created, updated, left unchanged, and records skipped."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0


@dataclass(frozen=True)
class HamletChange:
    """One CSV row that creates or updates a hamlet (``code`` is blank until one is generated)."""

    line: int
    action: str  # "create" or "update"
    code: str
    name: str
    kind: str
    old_name: str = ""
    old_kind: str = ""


@dataclass(frozen=True)
class ImportSummary:
    """What a hamlet import did, or would do on a dry run; nothing is written if errors."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: tuple[str, ...] = ()
    dry_run: bool = False
    changes: tuple[HamletChange, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors


# --------------------------------------------------------------------------------------------
# Loading published lists


def _validity(structure: str) -> tuple[Any, Any]:
    if structure == Structure.Y2022:
        return None, STRUCTURE_2022_END
    return STRUCTURE_2025_START, None


def _match_province(records: Iterable[UnitRecord], province: str, structure: str) -> str:
    """The code of the province named or coded ``province`` ("83", "Bến Tre", "tinh ben tre")."""
    wanted = fold(province)
    for record in records:
        if record.level == Level.PROVINCE and wanted in {
            record.code,
            fold(record.name),
            fold(record.short_name),
        }:
            return record.code
    raise UnitError(
        _("Không tìm thấy tỉnh, thành phố “%(province)s” trong cơ cấu %(structure)s.")
        % {"province": province, "structure": structure}
    )


def _path(unit: Unit, parent: Unit | None) -> str:
    return f"{parent.path if parent else '/'}{unit.pk}/"


def _bulk_update(units: Sequence[Unit], fields: Sequence[str]) -> None:
    if units:
        Unit.objects.bulk_update(units, list(fields), batch_size=BATCH_SIZE)


@transaction.atomic
def units_load(
    *,
    structure: str,
    province: str | None = None,
    progress: Progress | None = None,
    source: str = DEFAULT_LOADER,
) -> LoadSummary:
    """Create or update the units of ``structure`` from a published source (idempotent).

    Units are matched by (structure, level, code); units absent from the source are kept.
    """
    if structure not in Structure.values:
        raise UnitError(_("Cơ cấu không hợp lệ: %(s)s (2022 hoặc 2025).") % {"s": structure})
    records: Sequence[UnitRecord] = LOADERS[source].units(structure)
    if province:
        code = _match_province(records, province, structure)
        records = [r for r in records if r.province_code == code]
    valid_from, valid_to = _validity(structure)
    existing = {
        (u.level, u.code): u
        for u in Unit.objects.filter(structure=structure, level__lte=Level.COMMUNE)
    }
    total, done = len(records), 0
    created = updated = unchanged = 0
    moved: list[Unit] = []
    for level in (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE):
        batch = [r for r in records if r.level == level]
        new_units: list[tuple[Unit, Unit | None]] = []
        changed: list[Unit] = []
        for record in batch:
            parent = existing[record.parent] if record.parent else None
            values: dict[str, Any] = {
                "name": record.name,
                "short_name": record.short_name,
                "kind": str(record.kind),
                "level": int(record.level),
                "parent_id": parent.pk if parent else None,
                "valid_from": valid_from,
                "valid_to": valid_to,
                "latitude": record.latitude,
                "longitude": record.longitude,
                "area_km2": record.area_km2,
                "search_key": fold(record.name),
            }
            unit = existing.get((level, record.code))
            if unit is None:
                unit = Unit(code=record.code, structure=structure, **values)
                existing[(level, record.code)] = unit
                new_units.append((unit, parent))
                continue
            values["path"] = _path(unit, parent)
            diff = [f for f, v in values.items() if getattr(unit, f) != v]
            if diff:
                for field in diff:
                    setattr(unit, field, values[field])
                changed.append(unit)
                if "path" in diff:
                    moved.append(unit)
            else:
                unchanged += 1
        Unit.objects.bulk_create([u for u, _p in new_units], batch_size=BATCH_SIZE)
        for unit, parent in new_units:
            unit.path = _path(unit, parent)
        _bulk_update([u for u, _p in new_units], ["path"])
        _bulk_update(changed, UNIT_FIELDS)
        created += len(new_units)
        updated += len(changed)
        done += len(batch)
        if progress:
            progress(done, total)
    _repath_hamlets(moved)
    return LoadSummary(created=created, updated=updated, unchanged=unchanged)


def _repath_hamlets(communes: Sequence[Unit]) -> None:
    """Keep the hamlets' paths right when a reload moved their commune."""
    by_pk = {u.pk: u for u in communes if u.level == Level.COMMUNE}
    hamlets = list(Unit.objects.filter(parent_id__in=by_pk, level=Level.HAMLET))
    for hamlet in hamlets:
        hamlet.path = _path(hamlet, by_pk[hamlet.parent_id or 0])
    _bulk_update(hamlets, ["path"])


@transaction.atomic
def lineage_load(
    *,
    province: str | None = None,
    progress: Progress | None = None,
    source: str = DEFAULT_LOADER,
) -> LoadSummary:
    """Create or update the 2022 → 2025 lineage edges (idempotent).

    ``province`` is a 2025 province (code or name). Only edges whose two ends are loaded are
    written; the others are counted as skipped.
    """
    loader = LOADERS[source]
    records: Sequence[LineageRecord] = loader.lineage()
    if province:
        code = _match_province(loader.units(Structure.Y2025), province, Structure.Y2025)
        records = [r for r in records if r.province_code == code]
    old = {
        (level, code): pk
        for pk, level, code in Unit.objects.filter(structure=Structure.Y2022).values_list(
            "pk", "level", "code"
        )
    }
    new = {
        (level, code): pk
        for pk, level, code in Unit.objects.filter(structure=Structure.Y2025).values_list(
            "pk", "level", "code"
        )
    }
    # Edges are unique per (predecessor, successor); a join on structure is slow on SQLite.
    existing = {(e.predecessor_id, e.successor_id): e for e in Lineage.objects.all()}
    to_create: list[Lineage] = []
    to_update: list[Lineage] = []
    unchanged = skipped = 0
    for record in records:
        pred, succ = old.get(record.predecessor), new.get(record.successor)
        if pred is None or succ is None:
            skipped += 1
            continue
        values: dict[str, Any] = {
            "date": STRUCTURE_2025_START,
            "kind": str(record.kind),
            "weight": record.weight,
            "weight_basis": str(record.weight_basis),
        }
        edge = existing.get((pred, succ))
        if edge is None:
            to_create.append(Lineage(predecessor_id=pred, successor_id=succ, **values))
            continue
        diff = [f for f, v in values.items() if getattr(edge, f) != v]
        if diff:
            for field in diff:
                setattr(edge, field, values[field])
            to_update.append(edge)
        else:
            unchanged += 1
    Lineage.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    if to_update:
        Lineage.objects.bulk_update(
            to_update, ["date", "kind", "weight", "weight_basis"], batch_size=BATCH_SIZE
        )
    if progress:
        progress(len(records), len(records))
    return LoadSummary(
        created=len(to_create), updated=len(to_update), unchanged=unchanged, skipped=skipped
    )


# --------------------------------------------------------------------------------------------
# Hamlets


def _hamlet_kind(text: str) -> str | None:
    """The Kind value for "ấp", "Tổ dân phố", "to_dan_pho", …; None when it is not a hamlet."""
    wanted = fold(text).replace("_", " ")
    for kind in HAMLET_KINDS:
        if wanted in {fold(str(kind.label)), kind.value.replace("_", " ")}:
            return str(kind.value)
    return None


def _check_commune(commune: Unit) -> None:
    if commune.level != Level.COMMUNE:
        raise UnitError(
            _("Thôn, ấp chỉ thêm được vào đơn vị cấp xã; %(unit)s không phải cấp xã.")
            % {"unit": commune.name}
        )


def _next_codes(commune: Unit) -> Iterable[str]:
    """Fresh hamlet codes for ``commune``: its code, a dot and a two-digit number."""
    taken = set(
        Unit.objects.filter(structure=commune.structure, level=Level.HAMLET).values_list(
            "code", flat=True
        )
    )
    number = 0
    while True:
        number += 1
        code = f"{commune.code}.{number:02d}"
        if code not in taken:
            taken.add(code)
            yield code


def _new_hamlet(commune: Unit, *, code: str, name: str, kind: str) -> Unit:
    return Unit(
        code=code,
        name=name,
        kind=kind,
        level=KIND_LEVEL[kind],
        structure=commune.structure,
        parent=commune,
        valid_from=commune.valid_from,
        valid_to=commune.valid_to,
        search_key=fold(name),
    )


def _save_new_hamlet(hamlet: Unit) -> Unit:
    hamlet.full_clean(exclude=["path", "search_key"])
    hamlet.save()
    hamlet.path = _path(hamlet, hamlet.parent)
    hamlet.save(update_fields=["path"])
    return hamlet


@transaction.atomic
def hamlet_create(*, commune: Unit, name: str, kind: str, actor: Any = None) -> Unit:
    """Add a hamlet (ấp, thôn, tổ dân phố, khóm, bản) to ``commune`` with a generated code.

    The creation is audited as ``actor`` (None: the system).
    """
    _check_commune(commune)
    name = " ".join(name.split())
    if not name:
        raise UnitError(_("Cần nhập tên thôn, ấp."))
    kind_value = _hamlet_kind(kind)
    if kind_value is None:
        raise UnitError(
            _("Loại “%(kind)s” không hợp lệ (ấp, thôn, tổ dân phố, khóm, bản).") % {"kind": kind}
        )
    if commune.children.filter(level=Level.HAMLET, search_key=fold(name)).exists():
        raise UnitError(
            _("%(commune)s đã có “%(name)s”.") % {"commune": commune.name, "name": name}
        )
    code = next(iter(_next_codes(commune)))
    try:
        hamlet = _save_new_hamlet(_new_hamlet(commune, code=code, name=name, kind=kind_value))
    except ValidationError as exc:
        raise UnitError(" ".join(exc.messages)) from exc
    audit_record(
        actor=actor, action="unit.hamlet_create", obj=hamlet, new=hamlet.name, context=commune
    )
    return hamlet


def _read_csv(csv_file: TextIO | Path) -> list[dict[str, str]]:
    if isinstance(csv_file, Path):
        text = csv_file.read_text(encoding="utf-8-sig")
    else:
        text = csv_file.read().lstrip("\ufeff")
    reader = csv.DictReader(io.StringIO(text))
    fields = {(f or "").strip().lower() for f in reader.fieldnames or []}
    missing = {"name", "kind"} - fields
    if missing:
        raise UnitError(
            _("Tệp CSV thiếu cột: %(cols)s (cần code, name, kind).")
            % {"cols": ", ".join(sorted(missing))}
        )
    return [
        {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()} for row in reader
    ]


@transaction.atomic
def hamlets_import(
    *, commune: Unit, csv_file: TextIO | Path, dry_run: bool = False, actor: Any = None
) -> ImportSummary:
    """Import the hamlets of ``commune`` from CSV (columns code (optional), name, kind).

    All or nothing: when a row is wrong, nothing is written and every error is returned, one per
    row. A row matches an existing hamlet of the commune by code, else by name (without
    diacritics); matched hamlets are updated, others created with a generated code when none is
    given. A dry run reports what would happen and writes nothing; a real run audits every
    hamlet created or updated as ``actor`` (None: the system).
    """
    _check_commune(commune)
    rows = _read_csv(csv_file)
    current = list(commune.children.filter(level=Level.HAMLET))
    by_code = {h.code: h for h in current}
    by_key = {h.search_key: h for h in current}
    others = set(
        Unit.objects.filter(structure=commune.structure, level=Level.HAMLET)
        .exclude(parent=commune)
        .values_list("code", flat=True)
    )
    errors: list[str] = []
    seen_codes: set[str] = set()
    seen_keys: set[str] = set()
    plan: list[tuple[int, Unit | None, str, str, str]] = []
    for number, row in enumerate(rows, start=2):
        code, kind_text = row.get("code", ""), row.get("kind", "")
        name = " ".join(row.get("name", "").split())
        line = _("Dòng %(n)d") % {"n": number}
        kind = _hamlet_kind(kind_text)
        if not name:
            errors.append(_("%(line)s: thiếu tên.") % {"line": line})
        if kind is None:
            errors.append(
                _("%(line)s: loại “%(kind)s” không hợp lệ (ấp, thôn, tổ dân phố, khóm, bản).")
                % {"line": line, "kind": kind_text}
            )
        key = fold(name)
        if key and key in seen_keys:
            errors.append(_("%(line)s: tên “%(name)s” bị lặp.") % {"line": line, "name": name})
        if code and code in seen_codes:
            errors.append(_("%(line)s: mã “%(code)s” bị lặp.") % {"line": line, "code": code})
        if code and code in others:
            errors.append(
                _("%(line)s: mã “%(code)s” đã dùng cho thôn, ấp của xã khác.")
                % {"line": line, "code": code}
            )
        if len(code) > Unit._meta.get_field("code").max_length:  # type: ignore[operator]
            errors.append(_("%(line)s: mã “%(code)s” quá dài.") % {"line": line, "code": code})
        seen_keys.add(key)
        seen_codes.add(code)
        existing = by_code.get(code) if code else by_key.get(key)
        if kind is not None and name:
            plan.append((number, existing, code, name, kind))
    if not rows:
        errors.append(_("Tệp CSV không có dòng dữ liệu nào."))
    if errors:
        return ImportSummary(errors=tuple(errors), dry_run=dry_run)

    created = updated = unchanged = 0
    changes: list[HamletChange] = []
    codes = _next_codes(commune)
    reserved = {c for _l, _e, c, _n, _k in plan if c}
    for number, existing, code, name, kind in plan:
        if existing is None:
            created += 1
            if not dry_run:
                code = code or next(c for c in codes if c not in reserved)
                hamlet = _save_new_hamlet(_new_hamlet(commune, code=code, name=name, kind=kind))
                audit_record(
                    actor=actor,
                    action="unit.hamlet_import",
                    obj=hamlet,
                    new=name,
                    reason=_("Nhập từ CSV"),
                    context=commune,
                )
            changes.append(HamletChange(number, "create", code, name, kind))
        elif (existing.name, existing.kind) != (name, kind):
            updated += 1
            changes.append(
                HamletChange(
                    number, "update", existing.code, name, kind, existing.name, existing.kind
                )
            )
            if not dry_run:
                old_name, old_kind = existing.name, existing.kind
                existing.name, existing.kind, existing.search_key = name, kind, fold(name)
                existing.save(update_fields=["name", "kind", "search_key"])
                for field, old_value, new_value in (
                    ("name", old_name, name),
                    ("kind", old_kind, kind),
                ):
                    if old_value != new_value:
                        audit_record(
                            actor=actor,
                            action="unit.hamlet_import",
                            obj=existing,
                            field=field,
                            old=old_value,
                            new=new_value,
                            reason=_("Nhập từ CSV"),
                            context=commune,
                        )
        else:
            unchanged += 1
    return ImportSummary(
        created=created,
        updated=updated,
        unchanged=unchanged,
        dry_run=dry_run,
        changes=tuple(changes),
    )
