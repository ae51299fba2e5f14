from __future__ import annotations

import pytest

from dxmon.audit.models import AuditEntry
from dxmon.audit.services import SYSTEM, audit_record
from dxmon.collection.models import Period


def test_it_records_who_changed_what_and_why(officer):
    period = Period.objects.create(code="2025", kind="year", start="2025-01-01", end="2025-12-31")

    entry = audit_record(
        actor=officer,
        action="value.update",
        obj=period,
        field="value",
        old=10.0,
        new=12.5,
        reason="Sửa theo sổ",
        context=period,
    )

    stored = AuditEntry.objects.get(pk=entry.pk)
    assert stored.actor == officer
    assert (stored.object_type, stored.object_id) == ("collection.period", str(period.pk))
    assert (stored.field, stored.old_value, stored.new_value) == ("value", "10", "12.5")
    assert stored.reason == "Sửa theo sổ"
    assert stored.context_id == str(period.pk)
    assert stored.at is not None


def test_it_records_the_command_line_as_no_user_and_never_rewrites(db):
    period = Period.objects.create(code="2024", kind="year", start="2024-01-01", end="2024-12-31")
    entry = audit_record(actor=SYSTEM, action="period.create", obj=period)
    assert entry.actor is None
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
