"""The ``publish`` command: publishes through the same service (and its refusals)."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from dxmon.public.models import Publication
from dxmon.public.tests.conftest import Scenario


def test_it_publishes_and_withdraws_from_the_command_line(scenario: Scenario) -> None:
    run = scenario.unpublished
    call_command("publish", str(run.pk))
    assert Publication.objects.filter(run=run, withdrawn_at__isnull=True).exists()
    call_command("publish", str(run.pk), "--withdraw", "Rà soát")
    assert not Publication.objects.filter(run=run, withdrawn_at__isnull=True).exists()


def test_it_refuses_a_run_with_unapproved_data(scenario: Scenario) -> None:
    with pytest.raises(CommandError, match="chưa được phê duyệt"):
        call_command("publish", str(scenario.with_unapproved.pk))
