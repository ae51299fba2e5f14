"""The pages: the council plans and records, a commune answers, an outsider gets 404."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dxmon.supervision.choices import RecommendationStatus
from dxmon.supervision.models import Mission, Recommendation
from dxmon.supervision.services import reminders_send
from dxmon.supervision.tests.conftest import docx_text


def _urls(mission: Mission) -> list[str]:
    visit = mission.visits.get()
    rec = mission.recommendations.get()
    return [
        reverse("supervision:mission_detail", args=[mission.pk]),
        reverse("supervision:visit_detail", args=[visit.pk]),
        reverse("supervision:recommendation_detail", args=[rec.pk]),
        reverse("supervision:mission_document", args=[mission.pk, "report", "docx"]),
        reverse("supervision:visit_brief", args=[visit.pk, "docx"]),
    ]


@pytest.mark.parametrize("persona", ["outsider", "other_supervisor"])
def test_it_answers_404_outside_the_scope(client, mission, persona, request):
    client.force_login(request.getfixturevalue(persona))
    for url in _urls(mission):
        assert client.get(url).status_code == 404, url
    page = client.get(reverse("supervision:mission_list"))
    assert page.status_code == 200
    assert mission.topic not in page.content.decode()


def test_it_shows_the_council_the_mission_with_progress_and_overdue(client, supervisor, mission):
    client.force_login(supervisor)
    page = client.get(reverse("supervision:mission_list")).content.decode()
    assert mission.topic in page
    assert "0/1 kiến nghị đã kiểm tra, kết thúc" in page
    detail = client.get(reverse("supervision:mission_detail", args=[mission.pk])).content.decode()
    assert 'data-testid="overdue"' in detail  # 30/11/2022 has passed
    assert "Xã Tân Hội" in detail
    assert "Thêm kiến nghị" in detail


def test_it_shows_the_brief_on_the_visit_page_and_as_docx(client, supervisor, mission):
    client.force_login(supervisor)
    visit = mission.visits.get()
    page = client.get(reverse("supervision:visit_detail", args=[visit.pk])).content.decode()
    assert "Tải DOCX" in page
    assert "trên 79%" in page
    assert "chưa có kết quả xếp hạng" in page
    assert "mục tiêu 80%" in page
    response = client.get(reverse("supervision:visit_brief", args=[visit.pk, "docx"]))
    assert response.status_code == 200
    text = docx_text(response.content)
    assert "CÂU HỎI GỢI Ý" in text
    assert "trên 79%" in text


def test_it_hides_the_brief_from_the_commune(client, officer, mission):
    client.force_login(officer)
    visit = mission.visits.get()
    page = client.get(reverse("supervision:visit_detail", args=[visit.pk]))
    assert page.status_code == 200
    assert 'data-testid="brief"' not in page.content.decode()
    assert (
        client.get(reverse("supervision:visit_brief", args=[visit.pk, "docx"])).status_code == 404
    )


def test_it_plans_a_mission_and_adds_a_visit_through_the_forms(client, supervisor, tree):
    client.force_login(supervisor)
    response = client.post(
        reverse("supervision:mission_create"),
        {
            "issuing_body": "Ban Văn hóa - Xã hội HĐND tỉnh Vĩnh Long",
            "council_unit": tree.province.pk,
            "topic": "Việc thực hiện chuyển đổi số cấp xã năm 2025",
            "leader_name": "Nguyễn Văn A",
            "members_text": "Trần Thị B — Ủy viên Ban\nLê Văn C, Chuyên viên",
        },
    )
    mission = Mission.objects.get()
    assert response.status_code == 302
    assert mission.members == [
        {"name": "Trần Thị B", "position": "Ủy viên Ban"},
        {"name": "Lê Văn C", "position": "Chuyên viên"},
    ]
    client.post(
        reverse("supervision:visit_create", args=[mission.pk]),
        {"unit": tree.commune_a.pk, "date": "2025-10-02", "location": "Hội trường UBND xã"},
    )
    assert mission.visits.get().unit == tree.commune_a
    client.post(reverse("supervision:mission_move", args=[mission.pk, "start"]))
    mission.refresh_from_db()
    assert mission.status == "in_progress"


def test_it_lets_the_commune_answer_with_evidence(client, officer, supervisor, mission, media):
    rec = mission.recommendations.get()
    reminders_send(today=datetime.date(2022, 11, 25))
    client.force_login(officer)
    page = client.get(reverse("supervision:commune")).content.decode()
    assert rec.text in page
    assert "còn 5 ngày" in page
    response = client.post(
        reverse("supervision:recommendation_detail", args=[rec.pk]),
        {
            "date": "2022-11-28",
            "text": "Đã đưa 12 sản phẩm OCOP lên sàn Postmart.",
            "status_after": RecommendationStatus.DONE_WITH_EVIDENCE,
            "evidence_file": SimpleUploadedFile("postmart.pdf", b"%PDF-1.4 x"),
        },
    )
    assert response.status_code == 302
    rec.refresh_from_db()
    assert rec.status == RecommendationStatus.DONE_WITH_EVIDENCE
    # The commune is not offered closure; the council is.
    page = client.get(reverse("supervision:recommendation_detail", args=[rec.pk])).content.decode()
    assert 'value="verified_closed"' not in page
    assert "postmart" in page
    client.force_login(supervisor)
    page = client.get(reverse("supervision:recommendation_detail", args=[rec.pk])).content.decode()
    assert 'value="verified_closed"' in page


def test_it_downloads_the_plan_and_report(client, supervisor, officer, mission):
    for user in (supervisor, officer):
        client.force_login(user)
        for doc in ("plan", "report"):
            response = client.get(
                reverse("supervision:mission_document", args=[mission.pk, doc, "docx"])
            )
            assert response.status_code == 200
            assert "attachment" in response["Content-Disposition"]
    text = docx_text(response.content)
    assert Recommendation.objects.get().text in text
