"""Framework pages are public methodology: readable by anyone, including the outsider."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dxmon.frameworks.services import DEFAULT_FRAMEWORK_PATH, framework_load


@pytest.fixture
def version(db: None):
    return framework_load(path=DEFAULT_FRAMEWORK_PATH)


@pytest.mark.parametrize("persona", [None, "outsider", "officer"])
def test_it_lists_versions_for_anyone(client, version, persona, request):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("frameworks:list"))
    assert response.status_code == 200
    assert "Bộ chỉ số chuyển đổi số cấp xã" in response.content.decode()


@pytest.mark.parametrize("persona", [None, "outsider"])
def test_it_shows_the_tree_with_targets_and_sources(client, version, persona, request):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("frameworks:version_detail", args=["xa-cds", "1.0"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nhận thức số" in html
    assert 'id="XHS.12"' in html
    assert "QD942" in html  # the source of CQS.03's target
    assert "942/QĐ-TTg 15/6/2021" in html  # the sources catalogue
    assert "R01" in html  # a cross rule


def test_it_answers_404_for_an_unknown_version(client, version):
    response = client.get(reverse("frameworks:version_detail", args=["xa-cds", "9.9"]))
    assert response.status_code == 404
