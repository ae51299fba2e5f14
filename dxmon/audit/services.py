"""Writes to the append-only audit log."""

from __future__ import annotations

from typing import Any

from django.db import connection, models
from django.utils import timezone

from dxmon.audit.models import AuditEntry


class SystemActor:
    """The command line acting as a system administrator (``dxmon ... `` without ``--user``).

    It passes every scope check the way an admin does, and is recorded in the audit log as no
    user (``actor`` is empty), which the log shows as "hệ thống".
    """

    pk = None
    id = None
    username = "system"
    role = "admin"
    is_superuser = True
    is_staff = True
    is_active = True
    is_authenticated = True
    is_anonymous = False
    scope_unit = None

    def __str__(self) -> str:
        return "hệ thống"


SYSTEM = SystemActor()


def _name(obj: models.Model | None) -> tuple[str, str]:
    if obj is None:
        return "", ""
    return obj._meta.label_lower, str(obj.pk)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def audit_entry(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    field: str = "",
    old: Any = "",
    new: Any = "",
    reason: str = "",
    context: models.Model | None = None,
) -> AuditEntry:
    """An unsaved audit entry, for callers that write many with ``bulk_create``."""
    object_type, object_id = _name(obj)
    context_type, context_id = _name(context)
    user = actor if getattr(actor, "pk", None) is not None else None
    return AuditEntry(
        actor=user,
        action=action[:60],
        object_type=object_type,
        object_id=object_id,
        object_repr=str(obj)[:300],
        field=field[:100],
        old_value=_text(old),
        new_value=_text(new),
        reason=reason,
        context_type=context_type,
        context_id=context_id,
    )


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    field: str = "",
    old: Any = "",
    new: Any = "",
    reason: str = "",
    context: models.Model | None = None,
) -> AuditEntry:
    """Append one entry to the audit log: who did ``action`` to ``obj`` (field old → new), why."""
    entry = audit_entry(
        actor=actor,
        action=action,
        obj=obj,
        field=field,
        old=old,
        new=new,
        reason=reason,
        context=context,
    )
    entry.save()
    return entry


def audit_record_many(entries: list[AuditEntry]) -> int:
    """Append many entries built with :func:`audit_entry` in a few queries."""
    AuditEntry.objects.bulk_create(entries, batch_size=1000)
    return len(entries)


def insert_rows(model: type[models.Model], rows: list[dict[str, Any]], *, batch: int = 5000) -> int:
    """INSERT ``rows`` (attname → database-ready value) with ``executemany``, no model instances.

    For bulk writers where building a model instance per row costs more than the insert itself:
    fields a row leaves out take their model default. Values must already be what the database
    takes (numbers, text, None; datetimes through ``connection.ops.adapt_datetimefield_value``).
    """
    if not rows:
        return 0
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    defaults = {f.attname: f.get_db_prep_save(f.get_default(), connection) for f in fields}
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.get_attname_column()[1] or f.attname) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"
    names = [f.attname for f in fields]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            params = [
                tuple(row[name] if name in row else defaults[name] for name in names)
                for row in rows[start : start + batch]
            ]
            cursor.executemany(sql, params)
    return len(rows)


def audit_insert_many(
    *,
    actor: Any,
    action: str,
    reason: str,
    items: list[tuple[str, str, str, str, Any, Any, str, str]],
) -> int:
    """Append many entries sharing actor, action and reason, without model instances.

    Each item is (object_type, object_id, object_repr, field, old, new, context_type,
    context_id).
    """
    at = connection.ops.adapt_datetimefield_value(timezone.now())
    actor_id = actor.pk if getattr(actor, "pk", None) is not None else None
    rows = [
        {
            "at": at,
            "actor_id": actor_id,
            "action": action[:60],
            "object_type": object_type,
            "object_id": object_id,
            "object_repr": object_repr[:300],
            "field": field[:100],
            "old_value": _text(old),
            "new_value": _text(new),
            "reason": reason,
            "context_type": context_type,
            "context_id": context_id,
        }
        for object_type, object_id, object_repr, field, old, new, context_type, context_id in items
    ]
    return insert_rows(AuditEntry, rows)
