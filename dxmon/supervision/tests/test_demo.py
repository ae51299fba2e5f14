"""The demo holds the real mission of the example article, loaded once."""

from __future__ import annotations

from dxmon.supervision.choices import FindingKind
from dxmon.supervision.demo import supervision_demo_load
from dxmon.supervision.models import Mission


def test_it_loads_the_tan_hoi_mission_once(tree, tan_hoi_report):
    mission = supervision_demo_load()
    assert mission is not None
    assert supervision_demo_load() == mission
    assert Mission.objects.count() == 1
    assert mission.leader_name == "Huỳnh Văn Cuộn"
    assert mission.legal_basis_number == ""
    assert mission.legal_basis_date is None
    [visit] = mission.visits.all()
    assert (visit.unit, visit.date.isoformat()) == (tree.tan_hoi, "2022-08-17")
    kinds = sorted(mission.findings.values_list("kind", flat=True))
    assert kinds.count(FindingKind.STRENGTH) == 4
    assert kinds.count(FindingKind.QUESTION) == 2
    recs = list(mission.recommendations.order_by("pk"))
    assert [r.addressee_unit for r in recs] == [tree.tan_hoi, tree.tan_hoi]
    assert "nhân lực và hạ tầng" in recs[0].text
    assert "thương mại điện tử" in recs[1].text
    assert all(r.deadline is None for r in recs)
    society = mission.findings.get(pillar="XHS").text
    assert society.startswith("Về phát triển xã hội số, xã Tân Hội")
    assert society.endswith("4/4 ấp đã thành lập tổ CĐS cộng đồng.")
    government = mission.findings.get(pillar="CQS").text
    assert government.endswith("trên môi trường mạng đạt trên 79%.")


def test_it_skips_when_the_units_are_missing(db):
    assert supervision_demo_load() is None
