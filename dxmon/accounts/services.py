"""Writes for accounts."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dxmon.accounts.choices import Role
from dxmon.accounts.models import User
from dxmon.audit.models import AuditEntry
from dxmon.units.choices import Level
from dxmon.units.models import Unit


class AccountError(ValueError):
    """A user account that cannot be created as asked; the message is for the user."""


# The level of unit each role's scope must be.
ROLE_SCOPE_LEVEL: dict[str, int] = {
    Role.PROVINCE: Level.PROVINCE,
    Role.SUPERVISOR: Level.PROVINCE,
    Role.DISTRICT: Level.DISTRICT,
    Role.COMMUNE: Level.COMMUNE,
}


def _check_scope(role: str, scope_unit: Unit | None) -> None:
    if role not in Role.values:
        raise AccountError(_("Vai trò không hợp lệ: %(role)s.") % {"role": role})
    level = ROLE_SCOPE_LEVEL.get(role)
    if level is None:
        return
    if scope_unit is None:
        raise AccountError(_("Vai trò này cần một đơn vị phạm vi."))
    if scope_unit.level != level:
        raise AccountError(
            _("Đơn vị phạm vi của vai trò “%(role)s” phải là %(level)s, không phải %(unit)s.")
            % {
                "role": Role(role).label,
                "level": Level(level).label.lower(),
                "unit": scope_unit.name,
            }
        )


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    role: str,
    scope_unit: Unit | None,
    full_name: str = "",
    position: str = "",
    organisation: str = "",
    email: str = "",
    actor: User | None = None,
    validate_password_strength: bool = True,
) -> User:
    """Create a user with an argon2-hashed password, checked and recorded in the audit log."""
    _check_scope(role, scope_unit)
    user = User(
        username=username,
        role=role,
        scope_unit=scope_unit,
        first_name=full_name[:150],
        position=position,
        organisation=organisation,
        email=email,
        is_staff=role == Role.ADMIN,
        is_superuser=role == Role.ADMIN,
    )
    try:
        if validate_password_strength:
            validate_password(password, user)
        user.set_password(password)
        user.full_clean()
    except ValidationError as exc:
        raise AccountError(" ".join(exc.messages)) from exc
    user.save()
    AuditEntry.objects.create(
        actor=actor,
        action="user_create",
        object_type="accounts.user",
        object_id=str(user.pk),
        object_repr=str(user)[:300],
        field="role",
        new_value=f"{role} {scope_unit.code if scope_unit else ''}".strip(),
    )
    return user
