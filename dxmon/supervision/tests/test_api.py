"""The API goes through the same scope: the council's missions, a commune's recommendations."""

from __future__ import annotations

import pytest

from dxmon.supervision.models import Recommendation


def test_it_lists_the_councils_missions(client, supervisor, mission):
    client.force_login(supervisor)
    [row] = client.get("/api/supervision/missions").json()
    assert row["id"] == mission.pk
    assert row["start_date"] == "2022-08-17"
    assert [u["code"] for u in row["units"]] == ["28940"]
    assert row["progress"]["total"] == 1
    assert row["progress"]["overdue"] == 1


@pytest.mark.parametrize("persona", ["outsider", "other_supervisor"])
def test_it_answers_404_outside_the_scope(client, mission, persona, request):
    client.force_login(request.getfixturevalue(persona))
    rec = mission.recommendations.get()
    assert client.get("/api/supervision/missions").json() == []
    assert client.get("/api/supervision/recommendations").json() == []
    for url in (
        f"/api/supervision/missions/{mission.pk}",
        f"/api/supervision/missions/{mission.pk}/visits",
        f"/api/supervision/visits/{mission.visits.get().pk}",
        f"/api/supervision/recommendations/{rec.pk}",
        f"/api/supervision/recommendations/{rec.pk}/followups",
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(
        f"/api/supervision/recommendations/{rec.pk}/followups",
        {"text": "x"},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_it_needs_a_login(client, mission):
    assert client.get("/api/supervision/missions").status_code == 401


def test_it_lets_the_commune_answer_and_the_council_write(
    client, officer, supervisor, tree, mission
):
    rec = mission.recommendations.get()
    client.force_login(officer)
    [row] = client.get("/api/supervision/recommendations").json()
    assert row["id"] == rec.pk
    assert row["overdue"] is True
    response = client.post(
        f"/api/supervision/recommendations/{rec.pk}/followups",
        {"text": "Đang triển khai", "status_after": "in_progress"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert Recommendation.objects.get().status == "in_progress"
    response = client.post(
        f"/api/supervision/missions/{mission.pk}/findings",
        {"kind": "weakness", "text": "x"},
        content_type="application/json",
    )
    assert response.status_code == 403

    client.force_login(supervisor)
    response = client.post(
        f"/api/supervision/missions/{mission.pk}/recommendations",
        {"addressee_unit_id": tree.tan_hoi.pk, "text": "Bổ sung nhân lực CĐS", "priority": "high"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["priority"] == "high"
    response = client.post(
        "/api/supervision/missions",
        {
            "issuing_body": "Ban Kinh tế - Ngân sách HĐND tỉnh Vĩnh Long",
            "council_unit_id": tree.province.pk,
            "topic": "Kinh tế số",
            "leader_name": "Nguyễn Văn A",
            "members": [{"name": "Trần Thị B", "position": "Ủy viên"}],
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["members"] == [{"name": "Trần Thị B", "position": "Ủy viên"}]
