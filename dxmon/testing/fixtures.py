"""Fixtures shared by every app's tests.

Named personas (STYLE.md "Tests read as specifications"): a commune officer of commune A, a
reviewer of the province, a supervisor (HĐND member), and an outsider (officer of commune B).
They live in a small two-structure tree that mirrors the real Tân Hội → Mỏ Cày case without
loading the whole country:

    2022: Tỉnh Bến Tre (83) / Huyện Mỏ Cày Nam (833) / Xã Tân Hội (28940), Thị trấn Mỏ Cày (28903)
    2025: Tỉnh Vĩnh Long (86) / Xã Mỏ Cày (28903), Xã Đa Phước Hội (28918) [outsider]
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.utils import translation

from dxmon.units.choices import Kind, Level, LineageKind, Structure
from dxmon.units.models import STRUCTURE_2022_END, STRUCTURE_2025_START, Lineage, Unit
from dxmon.vn.text import fold

PASSWORD = "correct-horse-battery-staple-42"


def make_unit(
    *, code: str, name: str, kind: str, structure: str, parent: Unit | None = None, **extra: object
) -> Unit:
    from dxmon.units.choices import KIND_LEVEL

    unit = Unit(
        code=code,
        name=name,
        kind=kind,
        level=KIND_LEVEL[kind],
        structure=structure,
        parent=parent,
        valid_from=STRUCTURE_2025_START if structure == Structure.Y2025 else None,
        valid_to=STRUCTURE_2022_END if structure == Structure.Y2022 else None,
        search_key=fold(name),
        **extra,
    )
    unit.save()
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.save(update_fields=["path"])
    return unit


@dataclass
class Tree:
    old_province: Unit
    old_district: Unit
    tan_hoi: Unit
    mo_cay_town: Unit
    province: Unit
    commune_a: Unit
    commune_b: Unit


@pytest.fixture
def tree(db: None) -> Tree:
    old_province = make_unit(
        code="83", name="Tỉnh Bến Tre", kind=Kind.PROVINCE, structure=Structure.Y2022
    )
    old_district = make_unit(
        code="833",
        name="Huyện Mỏ Cày Nam",
        kind=Kind.RURAL_DISTRICT,
        structure=Structure.Y2022,
        parent=old_province,
    )
    tan_hoi = make_unit(
        code="28940",
        name="Xã Tân Hội",
        kind=Kind.COMMUNE,
        structure=Structure.Y2022,
        parent=old_district,
    )
    mo_cay_town = make_unit(
        code="28903",
        name="Thị trấn Mỏ Cày",
        kind=Kind.TOWNSHIP,
        structure=Structure.Y2022,
        parent=old_district,
    )
    province = make_unit(
        code="86", name="Tỉnh Vĩnh Long", kind=Kind.PROVINCE, structure=Structure.Y2025
    )
    commune_a = make_unit(
        code="28903",
        name="Xã Mỏ Cày",
        kind=Kind.COMMUNE,
        structure=Structure.Y2025,
        parent=province,
    )
    commune_b = make_unit(
        code="28918",
        name="Xã Đa Phước Hội",
        kind=Kind.COMMUNE,
        structure=Structure.Y2025,
        parent=province,
    )
    for old in (tan_hoi, mo_cay_town):
        Lineage.objects.create(
            predecessor=old,
            successor=commune_a,
            date=STRUCTURE_2025_START,
            kind=LineageKind.MERGE,
            weight=1.0,
        )
    assert commune_a.level == Level.COMMUNE
    return Tree(old_province, old_district, tan_hoi, mo_cay_town, province, commune_a, commune_b)


def _user(username: str, role: str, scope_unit: Unit | None, **extra: object):  # type: ignore[no-untyped-def]
    from dxmon.accounts.models import User

    user = User(username=username, role=role, scope_unit=scope_unit, **extra)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def officer(tree: Tree):  # type: ignore[no-untyped-def]
    """Commune officer of commune A (Xã Mỏ Cày)."""
    return _user("officer_a", "commune", tree.commune_a, first_name="Cán bộ xã A")


@pytest.fixture
def outsider(tree: Tree):  # type: ignore[no-untyped-def]
    """Commune officer of commune B, who must see nothing of commune A."""
    return _user("officer_b", "commune", tree.commune_b, first_name="Cán bộ xã B")


@pytest.fixture
def reviewer(tree: Tree):  # type: ignore[no-untyped-def]
    """Reviewer of the provincial CĐS office (Sở KH&CN) of the province."""
    return _user("reviewer", "province", tree.province, first_name="Chuyên viên Sở")


@pytest.fixture
def supervisor(tree: Tree):  # type: ignore[no-untyped-def]
    """Member of the provincial People's Council (HĐND) supervision delegation."""
    return _user("supervisor", "supervisor", tree.province, first_name="Đại biểu HĐND")


@pytest.fixture
def admin_user(db: None):  # type: ignore[no-untyped-def]
    return _user("admin", "admin", None, is_staff=True, is_superuser=True)


@pytest.fixture(autouse=True)
def _vietnamese_by_default() -> Iterator[None]:
    """Every test starts in Vietnamese (LocaleMiddleware leaves the last language active)."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
