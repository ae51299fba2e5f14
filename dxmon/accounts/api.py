"""API for the signed-in user: who they are and what they may do where."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.security import django_auth

from dxmon.accounts.models import User
from dxmon.accounts.scope import Action, can, get_object_or_404_scoped, user_actions
from dxmon.units.models import Unit

router = Router(tags=["accounts"], auth=django_auth)


class UnitRefOut(Schema):
    id: int
    code: str
    name: str
    structure: str


class MeOut(Schema):
    username: str
    full_name: str
    role: str
    role_label: str
    scope_unit: UnitRefOut | None
    actions: list[str]


class UnitScopeOut(Schema):
    unit: UnitRefOut
    actions: list[str]


def _unit_ref(unit: Unit) -> UnitRefOut:
    return UnitRefOut(id=unit.pk, code=unit.code, name=unit.name, structure=unit.structure)


@router.get("/me", response=MeOut, summary="Người dùng đang đăng nhập")
def me(request: HttpRequest) -> MeOut:
    user: User = request.user  # type: ignore[assignment]
    return MeOut(
        username=user.username,
        full_name=user.get_full_name(),
        role=user.role,
        role_label=str(user.get_role_display()),
        scope_unit=_unit_ref(user.scope_unit) if user.scope_unit else None,
        actions=sorted(user_actions(user)),
    )


@router.get(
    "/scope/{unit_id}",
    response=UnitScopeOut,
    summary="Các quyền của người dùng trên một đơn vị (404 nếu ngoài phạm vi)",
)
def unit_scope(request: HttpRequest, unit_id: int) -> UnitScopeOut:
    unit = get_object_or_404_scoped(Unit.objects.all(), request.user, Action.VIEW, pk=unit_id)
    actions = [str(action) for action in Action if can(request.user, action, unit)]
    return UnitScopeOut(unit=_unit_ref(unit), actions=actions)
