"""The collection API: the same services through the one scope check; outsiders get 404."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client

from dxmon.collection.models import DataValue, Report
from dxmon.collection.tests.cycle import make_report
from dxmon.testing.fixtures import Tree

BASE = "/api/collection"


@pytest.fixture
def report(tree: Tree, tiny: Any, periods: Any) -> Report:
    return make_report(tree.commune_a, periods["2025"], tiny.version)


def put_value(client: Client, report: Report, code: str, **body: Any) -> Any:
    return client.put(
        f"{BASE}/reports/{report.pk}/values/{code}", body, content_type="application/json"
    )


def test_it_refuses_anonymous_callers(client: Client, report: Report) -> None:
    assert client.get(f"{BASE}/reports").status_code == 401
    assert put_value(client, report, "CQS.2", value=1, expected_revision=0).status_code == 401


def test_it_saves_values_and_answers_409_with_the_newer_ones(
    client: Client, officer: Any, report: Report
) -> None:
    client.force_login(officer)
    saved = put_value(client, report, "CQS.1", numerator=45, denominator=50, expected_revision=0)
    assert saved.status_code == 200, saved.content
    assert saved.json()["value"]["value"] == pytest.approx(90)
    assert saved.json()["revision"] == 1
    stale = put_value(client, report, "CQS.1", numerator=40, denominator=50, expected_revision=0)
    assert stale.status_code == 409
    body = stale.json()
    assert "Vui lòng xem giá trị mới nhất" in body["detail"]
    assert body["revision"] == 1
    assert body["values"][0]["numerator"] == 45
    bad = put_value(client, report, "CQS.1", numerator=60, denominator=50, expected_revision=1)
    assert bad.status_code == 400
    assert bad.json()["issues"][0]["code"] == "numerator_gt_denominator"
    assert put_value(client, report, "NOPE", value=1, expected_revision=1).status_code == 404


def test_it_walks_the_transitions(
    client: Client, officer: Any, reviewer: Any, report: Report
) -> None:
    client.force_login(officer)
    for revision, (code, body) in enumerate(
        [
            ("CQS.1", {"numerator": 45, "denominator": 50}),
            ("CQS.2", {"value": 40}),
            ("KTS.1", {"value": 1}),
            ("XHS.1", {"value": 8}),
        ]
    ):
        assert (
            put_value(client, report, code, expected_revision=revision, **body).status_code == 200
        )
    detail = client.get(f"{BASE}/reports/{report.pk}").json()
    assert (detail["filled"], detail["total"], detail["transitions"]) == (4, 4, ["submit"])
    assert client.post(f"{BASE}/reports/{report.pk}/submit").json()["status"] == "submitted"
    listed = client.get(f"{BASE}/reports", {"status": "submitted", "period": "2025"}).json()
    assert [r["id"] for r in listed] == [report.pk]
    assert client.get(f"{BASE}/reports", {"status": "draft"}).json() == []
    assert client.post(f"{BASE}/reports/{report.pk}/approve").status_code == 403

    client.force_login(reviewer)
    returned = client.post(
        f"{BASE}/reports/{report.pk}/return",
        {"reason": "Xem lại", "comments": {"CQS.2": "Thiếu danh sách"}},
        content_type="application/json",
    )
    assert returned.json()["status"] == "returned"
    client.force_login(officer)
    assert client.post(f"{BASE}/reports/{report.pk}/resubmit").json()["status"] == "resubmitted"
    client.force_login(reviewer)
    assert client.post(f"{BASE}/reports/{report.pk}/approve").json()["status"] == "approved"
    reopen = client.post(f"{BASE}/reports/{report.pk}/reopen", {}, content_type="application/json")
    assert reopen.status_code == 400
    assert "lý do" in reopen.json()["detail"]
    audit = client.get(f"{BASE}/reports/{report.pk}/audit").json()
    assert [e["action"] for e in audit if e["field"] == "status"] == [
        "report.approve",
        "report.resubmit",
        "report.return",
        "report.submit",
    ]


def test_the_outsider_gets_404_on_everything_of_commune_a(
    client: Client, outsider: Any, report: Report
) -> None:
    client.force_login(outsider)
    assert client.get(f"{BASE}/reports").json() == []
    assert client.get(f"{BASE}/reports/{report.pk}").status_code == 404
    assert put_value(client, report, "CQS.2", value=1, expected_revision=0).status_code == 404
    for move in ("submit", "resubmit", "approve"):
        assert client.post(f"{BASE}/reports/{report.pk}/{move}").status_code == 404
    for move in ("return", "reopen"):
        response = client.post(
            f"{BASE}/reports/{report.pk}/{move}", {"reason": "x"}, content_type="application/json"
        )
        assert response.status_code == 404
    assert client.get(f"{BASE}/reports/{report.pk}/evidence").status_code == 404
    assert client.get(f"{BASE}/reports/{report.pk}/audit").status_code == 404
    assert not DataValue.objects.exists()


def test_it_opens_a_round_and_shows_its_rate(
    client: Client, tree: Tree, reviewer: Any, officer: Any, tiny: Any
) -> None:
    body = {
        "framework_version_id": tiny.version.pk,
        "period": "2025",
        "unit_ids": [tree.commune_a.pk, tree.commune_b.pk],
        "deadline": "2025-12-15",
    }
    client.force_login(officer)
    assert client.post(f"{BASE}/rounds", body, content_type="application/json").status_code == 403
    client.force_login(reviewer)
    created = client.post(f"{BASE}/rounds", body, content_type="application/json")
    assert created.status_code == 201, created.content
    round_id = created.json()["id"]
    assert [r["id"] for r in client.get(f"{BASE}/rounds").json()] == [round_id]
    rate = client.get(f"{BASE}/rounds/{round_id}/rate").json()
    assert next((r["unit_code"], r["expected"], r["submitted"]) for r in rate) == ("86", 2, 0)
    assert Report.objects.filter(round_id=round_id).count() == 2
    assert datetime.date.fromisoformat(created.json()["deadline"]) == datetime.date(2025, 12, 15)


def test_it_imports_a_csv_dry_run_without_writing(
    client: Client, officer: Any, outsider: Any, report: Report
) -> None:
    content = (
        b"unit_code,period,indicator,value,numerator,denominator,comment\n28903,2025,CQS.2,40,,,\n"
    )
    client.force_login(officer)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        f"{BASE}/imports",
        {"file": SimpleUploadedFile("data.csv", content), "format": "csv", "dry_run": "true"},
    )
    assert response.status_code == 200, response.content
    assert response.json()["dry_run"] is True
    assert response.json()["created"] == 1
    assert not DataValue.objects.exists()

    client.force_login(outsider)
    response = client.post(
        f"{BASE}/imports",
        {"file": SimpleUploadedFile("data.csv", content), "format": "csv", "dry_run": "false"},
    )
    assert response.json()["written"] is False
    assert "28903" in response.json()["errors"][0]
    assert not DataValue.objects.exists()


def test_the_openapi_schema_lists_the_collection_operations(client: Client, db: None) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/collection/reports/{report_id}/values/{code}" in paths
    assert "/api/collection/imports" in paths
