"""Loader for the ``vietnamadminunits`` package (PyPI), which ships the real published lists.

- ``data/dataset.db`` table ``admin_units_legacy``: the three-level list in force until 30 June
  2025 (63 provinces, 696 districts, 10,035 communes with coordinates). Five island districts
  (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo) have no commune level: they appear as one row
  with an empty ward, so the table has 10,040 rows. We load them as districts without children
  rather than invent communes that never existed.
- table ``admin_units``: the two-level list since 1 July 2025 (34 provinces, 3,321 communes with
  coordinates and area).
- ``vietnam_provinces`` (the other PyPI package, taken from the statistics office's official
  list) gives a different code to about 130 of the 3,321 new communes; its codes are the
  official ones, so they win. Communes are matched on province and name; names keep the
  typography of ``vietnamadminunits`` (the official list has a few stray spaces and capitals).
- ``data/converter_2025.json``: the old → new mapping. Old communes kept whole are listed under
  their new commune; the 471 old communes divided among several new ones are listed with each
  new commune they went to. An island district maps whole to its new special zone (đặc khu).
"""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from collections import Counter
from contextlib import closing
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from dxmon.units.choices import Kind, Level, LineageKind, WeightBasis
from dxmon.units.loaders.base import LineageRecord, UnitRecord, UnitRef
from dxmon.vn.text import fold

PROVINCE_KIND = {"Thành phố": Kind.CENTRAL_CITY, "Tỉnh": Kind.PROVINCE}
DISTRICT_KIND = {
    "Huyện": Kind.RURAL_DISTRICT,
    "Quận": Kind.URBAN_DISTRICT,
    "Thị xã": Kind.TOWN,
    "Thành phố": Kind.PROVINCIAL_CITY,
}
COMMUNE_KIND = {
    "Xã": Kind.COMMUNE,
    "Phường": Kind.WARD,
    "Thị trấn": Kind.TOWNSHIP,
    "Đặc khu": Kind.SPECIAL_ZONE,
}


def _data_dir() -> Path:
    return Path(str(resources.files("vietnamadminunits") / "data"))


def _rows(table: str) -> list[dict[str, Any]]:
    uri = f"file:{_data_dir() / 'dataset.db'}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(row) for row in conn.execute(f"SELECT * FROM {table}")]


def _name_key(name: str, *, accents: bool) -> str:
    name = name.replace("’", "'").replace("–", "-")
    key = unicodedata.normalize("NFC", name).lower() if accents else fold(name)
    return "".join(key.split())


@cache
def official_codes_2025() -> dict[str, str]:
    """Commune code in ``vietnamadminunits`` → official code, where the two differ.

    A commune is matched on its province and its name, with diacritics when that is needed to
    tell two communes apart (Xã Văn Lăng, Xã Văn Lang), without them otherwise ("Hòa"/"Hoà").
    """
    from vietnam_provinces import Ward

    exact: dict[tuple[int, str], list[int]] = {}
    loose: dict[tuple[int, str], list[int]] = {}
    for ward in Ward.iter_all():
        province = int(ward.province_code)
        exact.setdefault((province, _name_key(ward.name, accents=True)), []).append(int(ward.code))
        loose.setdefault((province, _name_key(ward.name, accents=False)), []).append(int(ward.code))
    codes: dict[str, str] = {}
    for row in _rows("admin_units"):
        province = int(row["provinceCode"])
        found = exact.get((province, _name_key(row["ward"], accents=True)))
        if not found or len(found) > 1:
            found = loose.get((province, _name_key(row["ward"], accents=False)))
        if found and len(found) == 1 and found[0] != int(row["wardCode"]):
            codes[row["wardCode"]] = f"{found[0]:05d}"
    return codes


def _province_kind(name: str) -> str:
    return PROVINCE_KIND["Thành phố" if name.startswith("Thành phố") else "Tỉnh"]


def _province_record(row: dict[str, Any], area_km2: float | None = None) -> UnitRecord:
    """A province as both tables of the package describe it (same columns in each)."""
    code = row["provinceCode"]
    return UnitRecord(
        code=code,
        name=row["province"],
        short_name=row["provinceShort"],
        kind=_province_kind(row["province"]),
        level=Level.PROVINCE,
        parent=None,
        province_code=code,
        latitude=row["provinceLat"],
        longitude=row["provinceLon"],
        area_km2=area_km2,
    )


@cache
def units_2022() -> tuple[UnitRecord, ...]:
    """The three-level structure in force until 30 June 2025."""
    provinces: dict[str, UnitRecord] = {}
    districts: dict[str, UnitRecord] = {}
    communes: list[UnitRecord] = []
    for row in _rows("admin_units_legacy"):
        pcode, dcode = row["provinceCode"], row["districtCode"]
        if pcode not in provinces:
            provinces[pcode] = _province_record(row)
        if dcode not in districts:
            districts[dcode] = UnitRecord(
                code=dcode,
                name=row["district"],
                short_name=row["districtShort"],
                kind=DISTRICT_KIND[row["districtType"]],
                level=Level.DISTRICT,
                parent=(Level.PROVINCE, pcode),
                province_code=pcode,
                latitude=row["districtLat"],
                longitude=row["districtLon"],
            )
        if row["wardCode"]:
            communes.append(
                UnitRecord(
                    code=row["wardCode"],
                    name=row["ward"],
                    short_name=row["wardShort"],
                    kind=COMMUNE_KIND[row["wardType"]],
                    level=Level.COMMUNE,
                    parent=(Level.DISTRICT, dcode),
                    province_code=pcode,
                    latitude=row["wardLat"],
                    longitude=row["wardLon"],
                )
            )
    return (*provinces.values(), *districts.values(), *communes)


@cache
def units_2025() -> tuple[UnitRecord, ...]:
    """The two-level structure since 1 July 2025.

    A province's area is the sum of its communes' areas when every one of them is known.
    """
    rows = _rows("admin_units")
    official = official_codes_2025()
    areas: dict[str, float | None] = {}
    for row in rows:
        code, area = row["provinceCode"], row["wardAreaKm2"]
        previous = areas.get(code, 0.0)
        areas[code] = None if previous is None or area is None else previous + area
    provinces: dict[str, UnitRecord] = {}
    communes: list[UnitRecord] = []
    for row in rows:
        pcode = row["provinceCode"]
        if pcode not in provinces:
            area = areas[pcode]
            provinces[pcode] = _province_record(row, None if area is None else round(area, 2))
        communes.append(
            UnitRecord(
                code=official.get(row["wardCode"], row["wardCode"]),
                name=row["ward"],
                short_name=row["wardShort"],
                kind=COMMUNE_KIND[row["wardType"]],
                level=Level.COMMUNE,
                parent=(Level.PROVINCE, pcode),
                province_code=pcode,
                latitude=row["wardLat"],
                longitude=row["wardLon"],
                area_km2=row["wardAreaKm2"],
            )
        )
    return (*provinces.values(), *communes)


def units(structure: str) -> tuple[UnitRecord, ...]:
    """The units of ``structure`` ("2022" or "2025"), provinces first, then by level."""
    return units_2022() if structure == "2022" else units_2025()


@cache
def lineage() -> tuple[LineageRecord, ...]:
    """Edges from the 2022 units to the 2025 communes, classified and weighted.

    Kind: ``split`` for an old commune divided among several new ones; otherwise ``merge`` when
    the new commune has several predecessors, ``rename`` for a one-to-one change of name, and
    ``reparent`` for a one-to-one with the same name (only its province or district changed).

    Weight: 1 (basis ``whole``) for an old unit kept whole. The source gives no area for old
    communes, nor the area of each part of a divided one, so a divided commune is shared in
    equal parts among its new communes (basis ``equal``); the weights of each old unit sum to 1.
    """
    with (_data_dir() / "converter_2025.json").open(encoding="utf-8") as fh:
        mapping = json.load(fh)

    old: dict[str, tuple[UnitRef, str]] = {}
    for row in _rows("admin_units_legacy"):
        key = f"{row['provinceKey']}_{row['districtKey']}_{row['wardKey'] or ''}"
        if row["wardCode"]:
            old[key] = ((Level.COMMUNE, row["wardCode"]), row["ward"])
        else:
            old[key] = ((Level.DISTRICT, row["districtCode"]), row["district"])
    official = official_codes_2025()
    new: dict[tuple[str, str], tuple[UnitRef, str, str]] = {
        (row["provinceKey"], row["wardKey"]): (
            (Level.COMMUNE, official.get(row["wardCode"], row["wardCode"])),
            row["ward"],
            row["provinceCode"],
        )
        for row in _rows("admin_units")
    }

    # (old key, new province key, new ward key, share of the old unit or None when whole)
    raw: list[tuple[str, str, str, float | None]] = []
    for province_key, wards in mapping["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward_key, old_keys in wards.items():
            raw.extend((old_key, province_key, ward_key, None) for old_key in old_keys)
    for province_key, divided in mapping["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, targets in divided.items():
            raw.extend((old_key, province_key, t["newWardKey"], 1 / len(targets)) for t in targets)

    predecessors = Counter((p, w) for _, p, w, _ in raw)
    records = []
    for old_key, province_key, ward_key, share in raw:
        old_ref, old_name = old[old_key]
        new_ref, new_name, new_province = new[(province_key, ward_key)]
        if share is not None:
            kind = LineageKind.SPLIT
        elif predecessors[(province_key, ward_key)] > 1:
            kind = LineageKind.MERGE
        elif old_name != new_name:
            kind = LineageKind.RENAME
        else:
            kind = LineageKind.REPARENT
        records.append(
            LineageRecord(
                predecessor=old_ref,
                successor=new_ref,
                kind=kind,
                weight=1.0 if share is None else share,
                weight_basis=WeightBasis.WHOLE if share is None else WeightBasis.EQUAL,
                province_code=new_province,
            )
        )
    return tuple(records)
