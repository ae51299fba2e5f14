"""The one place that decides what a user may read and write.

Every page, API call, export and report filters its querysets through :func:`restrict` (or
:func:`get_object_or_404_scoped` for one object). No view builds its own permission filter.
(Modelled on NetBox ``utilities/querysets.py`` ``RestrictedQuerySet``.)

A user's reach is a set of units, computed as a subquery so that filtering stays one SQL
statement however many units the country has:

- admin: every unit;
- province office and HĐND supervisor: the subtree of their province, plus the units of the
  2022 structure that became part of it (predecessors through ``Lineage``, with their old
  districts and provinces), so that a 2025 province sees its former communes' history;
- district office: its subtree;
- commune officer: its own unit and hamlets, plus (for reading only) the old communes merged
  into it;
- public: nothing private (public pages read published data only).

Which actions a role has is :data:`ROLE_ACTIONS`; an action a role lacks reaches no unit.
An object outside the user's reach is "not found" (404), never "forbidden", so that its very
existence does not leak.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from dxmon.accounts.choices import Role
from dxmon.units.models import Lineage, Unit

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from dxmon.accounts.models import User

    AnyUser = User | AnonymousUser
else:
    AnyUser = Any

M = TypeVar("M", bound=Model)


class Action(StrEnum):
    """What a user wants to do with a unit's data."""

    VIEW = "view"
    CHANGE = "change"  # data entry
    REVIEW = "review"  # return or approve a report
    ADMIN = "admin"  # manage frameworks, periods, accounts
    SUPERVISE = "supervise"  # HĐND supervision: missions, findings, recommendations


ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.ADMIN: frozenset(Action),
    Role.PROVINCE: frozenset({Action.VIEW, Action.CHANGE, Action.REVIEW, Action.ADMIN}),
    Role.DISTRICT: frozenset({Action.VIEW, Action.REVIEW}),
    Role.COMMUNE: frozenset({Action.VIEW, Action.CHANGE}),
    Role.SUPERVISOR: frozenset({Action.VIEW, Action.SUPERVISE}),
    Role.PUBLIC: frozenset(),
}


def _is_admin(user: AnyUser) -> bool:
    return bool(user.is_superuser or getattr(user, "role", None) == Role.ADMIN)


def _is_active(user: AnyUser | None) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def user_actions(user: AnyUser | None) -> frozenset[Action]:
    """The actions ``user``'s role allows somewhere in their scope."""
    if user is None or not _is_active(user):
        return frozenset()
    if _is_admin(user):
        return ROLE_ACTIONS[Role.ADMIN]
    return ROLE_ACTIONS.get(getattr(user, "role", Role.PUBLIC), frozenset())


def has_action(user: AnyUser | None, action: Action) -> bool:
    return Action(action) in user_actions(user)


def _predecessor_links(units: QuerySet[Unit]) -> QuerySet[Lineage]:
    return Lineage.objects.filter(successor__in=units.values("pk"))


def visible_units(user: AnyUser | None, action: Action = Action.VIEW) -> QuerySet[Unit]:
    """The units whose data ``user`` may ``action``, as a lazy queryset usable as a subquery."""
    action = Action(action)
    if user is None or not has_action(user, action):
        return Unit.objects.none()
    if _is_admin(user):
        return Unit.objects.all()
    scope_unit: Unit | None = getattr(user, "scope_unit", None)
    if scope_unit is None:
        return Unit.objects.none()
    role = user.role  # type: ignore[union-attr]

    if role == Role.COMMUNE:
        own = Q(pk=scope_unit.pk) | Q(parent_id=scope_unit.pk)
        if action == Action.VIEW:
            merged = _predecessor_links(Unit.objects.filter(pk=scope_unit.pk))
            own |= Q(pk__in=merged.values("predecessor_id"))
        return Unit.objects.filter(own)

    subtree = Q(path__startswith=scope_unit.path)
    if role == Role.DISTRICT:
        return Unit.objects.filter(subtree)

    # Province office and supervisor: the subtree and the old units it was formed from. The
    # province office is the legal successor of the old provinces' offices, so its actions
    # reach their history too.
    links = _predecessor_links(Unit.objects.filter(subtree))
    old = (
        Q(pk__in=links.values("predecessor_id"))
        | Q(pk__in=links.values("predecessor__parent_id"))
        | Q(pk__in=links.values("predecessor__parent__parent_id"))
        | Q(pk__in=links.values("predecessor__parent__parent__parent_id"))
    )
    return Unit.objects.filter(subtree | old)


def restrict(
    queryset: QuerySet[M],
    user: AnyUser | None,
    action: Action = Action.VIEW,
    *,
    unit_field: str = "unit",
) -> QuerySet[M]:
    """``queryset`` limited to the rows whose unit ``user`` may ``action``.

    ``unit_field`` is the lookup from the model to its ``Unit`` ("unit" for a report,
    "report__unit" for a data value). A queryset of units is filtered on itself.
    """
    if user is None or not has_action(user, action):
        return queryset.none()
    if _is_admin(user):
        return queryset
    lookup = "pk" if queryset.model is Unit and unit_field == "unit" else unit_field
    condition = {f"{lookup}__in": visible_units(user, action).values("pk")}
    if _is_multi_valued(queryset.model, lookup):
        # Filtering across a to-many relation would repeat rows; filter on a subquery instead.
        rows = queryset.model._base_manager.filter(**condition).values("pk")
        return queryset.filter(pk__in=rows)
    return queryset.filter(**condition)


def _is_multi_valued(model: type[Model], lookup: str) -> bool:
    for name in lookup.split("__"):
        if name == "pk":
            return False
        field = model._meta.get_field(name)
        if field.many_to_many or field.one_to_many:
            return True
        if field.related_model is None:
            return False
        model = field.related_model
    return False


def can(user: AnyUser | None, action: Action, unit: Unit | None) -> bool:
    """Whether ``user`` may ``action`` the data of ``unit``."""
    if unit is None or user is None or not has_action(user, action):
        return False
    if _is_admin(user):
        return True
    return visible_units(user, action).filter(pk=unit.pk).exists()


def get_object_or_404_scoped(
    queryset: QuerySet[M],
    user: AnyUser | None,
    action: Action = Action.VIEW,
    *,
    unit_field: str = "unit",
    **lookup: Any,
) -> M:
    """One object of ``queryset`` within ``user``'s scope, or Http404 (never 403)."""
    try:
        return restrict(queryset, user, action, unit_field=unit_field).get(**lookup)
    except ObjectDoesNotExist as exc:
        raise Http404(queryset.model._meta.object_name) from exc


def scoped(
    request: HttpRequest,
    queryset: QuerySet[M],
    action: Action = Action.VIEW,
    *,
    unit_field: str = "unit",
) -> QuerySet[M]:
    """:func:`restrict` for the request's user: the helper API operations call."""
    return restrict(queryset, getattr(request, "user", None), action, unit_field=unit_field)


ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponse])


def role_required(*roles: str, action: Action | None = None) -> Callable[[ViewFunc], ViewFunc]:
    """Login required, then one of ``roles`` (admins always pass) and/or ``action`` allowed.

    A role check is about the kind of page, not about an object, so it answers 403; objects
    are looked up with :func:`get_object_or_404_scoped`.
    """
    allowed = frozenset(roles)

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            role_ok = not allowed or _is_admin(user) or getattr(user, "role", None) in allowed
            action_ok = action is None or has_action(user, action)
            if not (role_ok and action_ok):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return login_required(wrapped)  # type: ignore[return-value]

    return decorator
