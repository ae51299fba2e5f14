"""The frameworks API is public and read-only."""

from __future__ import annotations

import pytest

from dxmon.frameworks.services import DEFAULT_FRAMEWORK_PATH, framework_load


@pytest.fixture
def version(db: None):
    return framework_load(path=DEFAULT_FRAMEWORK_PATH)


@pytest.mark.parametrize("persona", [None, "outsider"])
def test_it_lists_versions(client, version, persona, request):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    response = client.get("/api/frameworks/")
    assert response.status_code == 200
    [row] = response.json()
    assert (row["code"], row["version"], row["indicator_count"]) == ("xa-cds", "1.0", 83)


def test_it_returns_the_tree_of_a_version(client, version):
    response = client.get("/api/frameworks/xa-cds/1.0")
    assert response.status_code == 200
    body = response.json()
    assert body["max_points"] == 1000
    assert [p["code"] for p in body["pillars"]] == ["NEN_TANG", "CQS", "KTS", "XHS", "TTC"]
    groups = {g["code"]: g for p in body["pillars"] for g in p["groups"]}
    cqs03 = next(i for i in groups["CQS_DH"]["indicators"] if i["code"] == "CQS.03")
    assert cqs03["value_type"] == "ratio"
    assert cqs03["aggregation"] == "ratio_sum"
    assert cqs03["targets"][0]["source_code"] == "QD942"
    assert any(r["code"] == "R01" for r in body["cross_rules"])


def test_it_answers_404_for_an_unknown_version(client, version):
    assert client.get("/api/frameworks/xa-cds/9.9").status_code == 404
