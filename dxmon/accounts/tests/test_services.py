"""Creating users."""

from __future__ import annotations

import pytest

from dxmon.accounts.models import User
from dxmon.accounts.services import AccountError, user_create
from dxmon.audit.models import AuditEntry
from dxmon.testing.fixtures import PASSWORD


def test_it_creates_a_commune_officer_with_an_argon2_password(tree):
    user = user_create(
        username="can_bo_mo_cay",
        password=PASSWORD,
        role="commune",
        scope_unit=tree.commune_a,
        full_name="Nguyễn Văn An",
        position="Công chức Văn phòng - Thống kê",
    )
    user.refresh_from_db()
    assert user.password.startswith("argon2")
    assert user.check_password(PASSWORD)
    assert user.scope_unit == tree.commune_a
    assert str(user) == "Nguyễn Văn An"
    entry = AuditEntry.objects.get(object_type="accounts.user", object_id=str(user.pk))
    assert entry.action == "user_create"


def test_it_refuses_a_commune_officer_scoped_to_a_province(tree):
    with pytest.raises(AccountError, match="phải là cấp xã"):
        user_create(username="x", password=PASSWORD, role="commune", scope_unit=tree.province)
    assert not User.objects.filter(username="x").exists()


def test_it_refuses_a_scoped_role_without_a_unit(db):
    with pytest.raises(AccountError, match="cần một đơn vị phạm vi"):
        user_create(username="x", password=PASSWORD, role="supervisor", scope_unit=None)


def test_it_refuses_a_weak_password(tree):
    with pytest.raises(AccountError):
        user_create(username="x", password="123", role="province", scope_unit=tree.province)


def test_it_refuses_a_duplicate_username(tree, officer):
    with pytest.raises(AccountError):
        user_create(
            username=officer.username, password=PASSWORD, role="commune", scope_unit=tree.commune_a
        )


def test_it_makes_an_admin_staff(db):
    admin = user_create(username="root", password=PASSWORD, role="admin", scope_unit=None)
    assert admin.is_staff
    assert admin.is_superuser
