"""The system check re-validates the weights of loaded framework versions."""

from __future__ import annotations

import pytest

from dxmon.frameworks.checks import check_framework_weights
from dxmon.frameworks.models import Indicator
from dxmon.frameworks.services import DEFAULT_FRAMEWORK_PATH, framework_load


@pytest.mark.django_db
def test_it_passes_for_the_default_framework():
    framework_load(path=DEFAULT_FRAMEWORK_PATH)
    assert check_framework_weights(databases=["default"]) == []


@pytest.mark.django_db
def test_it_reports_weights_that_no_longer_add_up():
    version = framework_load(path=DEFAULT_FRAMEWORK_PATH)
    Indicator.objects.filter(version=version, code="NTS.01").update(weight=0.9)
    errors = check_framework_weights(databases=["default"])
    assert [e.id for e in errors] == ["frameworks.E001"]
    assert "xa-cds 1.0" in errors[0].msg


def test_it_stays_away_from_the_database_unless_asked():
    assert check_framework_weights(databases=None) == []


def test_it_is_registered_as_a_database_check():
    from django.core import checks

    registered = [c for c in checks.registry.registry.get_checks() if c is check_framework_weights]  # type: ignore[comparison-overlap]
    assert registered
    assert "database" in getattr(check_framework_weights, "tags", ())
