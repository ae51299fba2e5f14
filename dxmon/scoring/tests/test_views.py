"""The public methodology page and the `scores compute` command."""

from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from dxmon.collection.models import Period
from dxmon.frameworks.models import FrameworkVersion
from dxmon.frameworks.services import DEFAULT_FRAMEWORK_PATH, framework_load
from dxmon.scoring.models import ScoringRun
from dxmon.testing.fixtures import Tree


@pytest.fixture
def version(db: None) -> FrameworkVersion:
    return framework_load(path=DEFAULT_FRAMEWORK_PATH)


def test_it_shows_the_methodology_without_login(client: Client, version: FrameworkVersion) -> None:
    response = client.get("/scoring/methodology/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Phương pháp tính điểm" in html
    assert "Chính quyền số" in html  # the tree of the loaded version
    assert "1.000" in html  # total maximum points, Vietnamese thousands
    assert "10,5" in html  # worked example min(1; 0,6 ÷ 0,8) × 14, Vietnamese decimal comma
    assert "75%" in html
    assert "70%" in html
    assert "dữ liệu mô phỏng" in html


def test_it_shows_the_methodology_in_english(client: Client, version: FrameworkVersion) -> None:
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/scoring/methodology/").content.decode()
    assert "Scoring and ranking methodology" in html
    assert "synthetic data" in html.lower()


def test_it_computes_from_the_command_line(tree: Tree, version: FrameworkVersion) -> None:
    Period.objects.create(
        code="2024", kind="year", start=datetime.date(2024, 1, 1), end=datetime.date(2024, 12, 31)
    )
    out = StringIO()
    call_command("scores", "compute", "--framework", "xa-cds", "--period", "2024",
                 "--province", "86", stdout=out)  # fmt: skip
    run = ScoringRun.objects.get()
    assert run.province == tree.province
    assert f"Lần tính #{run.pk}" in out.getvalue()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--period", "2031"], "2031"),
        (["--period", "2024", "--province", "99"], "99"),
    ],
)
def test_it_reports_errors_on_the_command_line(
    tree: Tree, version: FrameworkVersion, args: list[str], message: str, **_: Any
) -> None:
    Period.objects.create(
        code="2024", kind="year", start=datetime.date(2024, 1, 1), end=datetime.date(2024, 12, 31)
    )
    with pytest.raises(CommandError, match=message):
        call_command("scores", "compute", "--framework", "xa-cds", *args, stdout=StringIO())
