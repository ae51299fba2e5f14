"""Publishing and withdrawing runs: who may, which runs may not, and the audit trail."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from dxmon.audit.models import AuditEntry
from dxmon.public.errors import PublicationError
from dxmon.public.models import Publication
from dxmon.public.services import publication_publish, publication_withdraw
from dxmon.public.tests.conftest import Scenario


def test_it_refuses_to_publish_a_run_with_unapproved_data(
    scenario: Scenario, reviewer: Any
) -> None:
    with pytest.raises(PublicationError, match="chưa được phê duyệt"):
        publication_publish(user=reviewer, run=scenario.with_unapproved)
    assert not Publication.objects.filter(run=scenario.with_unapproved).exists()


def test_it_refuses_a_run_whose_scores_used_unapproved_data(
    scenario: Scenario, reviewer: Any
) -> None:
    """Even if the run's flag were wrong, a score flagged ``includes_unapproved`` blocks it."""
    run = scenario.unpublished
    run.scores.filter(unit=scenario.tree.commune_a).update(includes_unapproved=True)
    with pytest.raises(PublicationError):
        publication_publish(user=reviewer, run=run)


@pytest.mark.parametrize("persona", ["officer", "outsider", "supervisor"])
def test_it_lets_only_the_province_office_publish(
    scenario: Scenario, persona: str, request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(persona)
    with pytest.raises(PublicationError, match="không có quyền"):
        publication_publish(user=user, run=scenario.unpublished)


def test_it_leaves_a_national_run_to_the_system_administrator(
    scenario: Scenario, reviewer: Any, admin_user: Any
) -> None:
    with pytest.raises(PublicationError, match="không có quyền"):
        publication_publish(user=reviewer, run=scenario.hidden_run)
    assert publication_publish(user=admin_user, run=scenario.hidden_run).is_active


def test_it_refuses_to_publish_twice(scenario: Scenario, reviewer: Any) -> None:
    with pytest.raises(PublicationError, match="đã được công bố"):
        publication_publish(user=reviewer, run=scenario.published)


def test_it_audits_publishing_and_withdrawing(scenario: Scenario, reviewer: Any) -> None:
    publication = publication_publish(user=reviewer, run=scenario.unpublished, note="Kỳ 2025")
    entry = AuditEntry.objects.get(action="publication.publish", object_id=str(publication.pk))
    assert entry.actor == reviewer
    publication_withdraw(user=reviewer, publication=publication, reason="Sai sót số liệu")
    entry = AuditEntry.objects.get(action="publication.withdraw", object_id=str(publication.pk))
    assert entry.reason == "Sai sót số liệu"
    publication.refresh_from_db()
    assert publication.withdrawn_by == reviewer
    assert not publication.is_active


def test_it_takes_withdrawn_results_off_the_public_site(scenario: Scenario, reviewer: Any) -> None:
    url = reverse("public:ranking", args=[scenario.tree.province.code, scenario.year.code])
    client = Client()
    assert scenario.tree.commune_a.name in client.get(url).content.decode()
    publication_withdraw(user=reviewer, publication=scenario.publication, reason="Rà soát lại")
    assert client.get(url).status_code == 404
    # Xã Mỏ Cày stays public through its 2024 history, rebuilt from its predecessors.
    profile = client.get(reverse("public:unit", args=[scenario.tree.commune_a.pk]))
    assert profile.status_code == 200
    assert profile.context["p"].latest.period == scenario.old_year
    values = client.get(f"/api/public/values/{scenario.year.code}")
    assert values.status_code == 404


def test_it_requires_a_reason_to_withdraw(scenario: Scenario, reviewer: Any) -> None:
    with pytest.raises(PublicationError, match="lý do"):
        publication_withdraw(user=reviewer, publication=scenario.publication, reason=" ")
