"""Who sees what: the council its missions, a commune what is addressed to it, nobody else."""

from __future__ import annotations

import datetime

import pytest

from dxmon.supervision import services
from dxmon.supervision.errors import NotAllowed
from dxmon.supervision.selectors import (
    finding_list,
    mission_list,
    recommendation_list,
    recommendations_for_unit,
    visit_list,
)


@pytest.fixture
def to_commune_b(tree, supervisor, mission):
    """A second recommendation of the same mission, addressed to commune B."""
    return services.recommendation_create(
        user=supervisor,
        mission=mission,
        addressee_unit=tree.commune_b,
        text="Xã Đa Phước Hội rà soát hạ tầng.",
    )


def test_it_shows_a_supervisor_their_councils_missions(supervisor, mission, to_commune_b):
    assert list(mission_list(user=supervisor)) == [mission]
    assert recommendation_list(user=supervisor).count() == 2
    assert visit_list(user=supervisor).count() == 1


def test_it_shows_a_supervisor_of_another_province_nothing(other_supervisor, mission):
    assert not mission_list(user=other_supervisor).exists()
    assert not recommendation_list(user=other_supervisor).exists()
    assert not visit_list(user=other_supervisor).exists()
    assert not finding_list(user=other_supervisor).exists()


def test_it_shows_a_commune_only_what_is_addressed_to_it(
    tree, officer, outsider, mission, to_commune_b
):
    # Xã Mỏ Cày (2025) sees what was addressed to Tân Hội, one of the communes it was formed from.
    assert [r.addressee_unit for r in recommendations_for_unit(user=officer)] == [tree.tan_hoi]
    assert [r.addressee_unit for r in recommendations_for_unit(user=outsider)] == [tree.commune_b]
    # The outsider sees the mission that addresses it, but not the visit to another commune.
    assert list(mission_list(user=outsider)) == [mission]
    assert not visit_list(user=outsider).exists()
    assert not finding_list(user=outsider).exists()
    assert visit_list(user=officer).count() == 1


def test_it_refuses_writes_from_outside_the_council(other_supervisor, officer, tree, mission):
    with pytest.raises(NotAllowed):
        services.visit_add(
            user=other_supervisor, mission=mission, unit=tree.tan_hoi, date=datetime.date.today()
        )
    with pytest.raises(NotAllowed):
        services.recommendation_create(
            user=officer, mission=mission, addressee_unit=tree.tan_hoi, text="x"
        )
    with pytest.raises(NotAllowed):
        services.mission_create(
            user=other_supervisor,
            issuing_body="Ban",
            council_unit=tree.old_province,
            topic="x",
            leader_name="y",
        )


def test_it_keeps_the_outsider_from_answering(outsider, mission):
    rec = mission.recommendations.get()
    with pytest.raises(NotAllowed):
        services.followup_add(user=outsider, recommendation=rec, text="Không phải của tôi")
