"""The public site, the open-data downloads and the public API never show unapproved values or
scores of unpublished runs (issue 5, acceptance), to the public or to a logged-in outsider."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from dxmon.public.tests.conftest import PUBLIC_CTX, Scenario, forbidden_strings


def text_of(response: Any) -> str:
    """A response's content as text: JSON re-encoded without escapes, XLSX cells joined."""
    content_type = response.get("Content-Type", "")
    if "spreadsheetml" in content_type:
        from openpyxl import load_workbook

        wb = load_workbook(io.BytesIO(response.content))
        cells = [
            str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row
        ]
        return "\n".join(ws.title for ws in wb.worksheets) + "\n" + "\n".join(cells)
    if "json" in content_type:
        return json.dumps(json.loads(response.content), ensure_ascii=False)
    return str(response.content.decode("utf-8"))


def public_urls(s: Scenario) -> list[str]:
    """Every public page, download and API endpoint, for every period and unit of the scenario
    (published or not, so that an unpublished one is requested too)."""
    t = s.tree
    urls = [reverse("public:landing"), reverse("public:data"), reverse("public:dictionary")]
    for period in (s.year, s.old_year, s.hidden_year):
        urls.append(reverse("public:national", args=[period.code]))
        urls.append(f"/api/public/rankings/{period.code}")
        urls.append(f"/api/public/values/{period.code}")
        for code in (t.province.code, t.old_province.code):
            urls.append(reverse("public:ranking", args=[code, period.code]))
            urls.append(f"/api/public/rankings/{period.code}?province={code}")
            urls.append(f"/api/public/values/{period.code}?province={code}")
        for dataset in ("scores", "values"):
            for fmt in ("csv", "json", "xlsx"):
                url = reverse("public:download", args=[period.code, dataset, fmt])
                urls += [url, f"{url}?province={t.province.code}"]
    for unit in (t.commune_a, t.commune_b, s.draft_unit, t.tan_hoi, t.mo_cay_town):
        urls.append(reverse("public:unit", args=[unit.pk]))
        urls.append(f"/api/public/units/{unit.pk}")
    urls += ["/api/public/periods", "/api/public/dictionary"]
    return urls


def _fetch_all(client: Client, s: Scenario) -> dict[str, str]:
    out: dict[str, str] = {}
    for url in public_urls(s):
        response = client.get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
        out[url] = text_of(response) if response.status_code == 200 else ""
    return out


def test_it_never_shows_unapproved_or_unpublished_values_to_the_public(
    scenario: Scenario,
) -> None:
    pages = _fetch_all(Client(), scenario)
    forbidden = forbidden_strings(scenario)
    leaks = [(url, f) for url, text in pages.items() for f in forbidden if f in text]
    assert leaks == []
    # The checks can fail: the published data itself is there.
    assert any("1.357" in text for text in pages.values())
    assert any(str(PUBLIC_CTX) in text for text in pages.values())
    assert scenario.tree.commune_a.name in pages[reverse("public:landing")] or any(
        scenario.tree.commune_a.name in t for t in pages.values()
    )


def test_it_serves_every_public_page_without_login(scenario: Scenario) -> None:
    client = Client()
    s, t = scenario, scenario.tree
    for url in (
        reverse("public:landing"),
        reverse("public:ranking", args=[t.province.code, s.year.code]),
        reverse("public:national", args=[s.year.code]),
        reverse("public:unit", args=[t.commune_a.pk]),
        reverse("public:data"),
        reverse("public:download", args=[s.year.code, "scores", "csv"]),
        "/api/public/periods",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    methodology = client.get(reverse("public:methodology"))
    assert methodology["Location"] == reverse("scoring:methodology")


def test_it_hides_unpublished_periods_and_units_without_published_scores(
    scenario: Scenario,
) -> None:
    client = Client()
    s, t = scenario, scenario.tree
    assert client.get(reverse("public:national", args=[s.hidden_year.code])).status_code == 404
    assert client.get(reverse("public:unit", args=[t.commune_b.pk])).status_code == 404
    assert client.get(reverse("public:unit", args=[s.draft_unit.pk])).status_code == 404
    periods = client.get("/api/public/periods").json()
    assert [p["code"] for p in periods] == ["2025", "2024"]


def test_it_uses_the_published_run_not_the_latest(scenario: Scenario) -> None:
    s = scenario
    rows = Client().get(f"/api/public/rankings/{s.year.code}?province={s.tree.province.code}")
    published = s.published.scores.get(unit=s.tree.commune_a, node_code="INDEX")
    assert [(r["unit_name"], r["points"]) for r in rows.json()] == [
        (s.tree.commune_a.name, published.points)
    ]


def test_it_shows_the_outsider_only_public_data(scenario: Scenario, outsider: Any) -> None:
    """The officer of commune B, logged in, sees on the public site nothing of B's own
    submitted report: the public side ignores who is asking."""
    client = Client()
    client.force_login(outsider)
    pages = _fetch_all(client, scenario)
    # B's name shows in the navigation bar (the user's scope), so search numbers only.
    forbidden = forbidden_strings(scenario, names=False)
    leaks = [(url, f) for url, text in pages.items() for f in forbidden if f in text]
    assert leaks == []
    assert client.get(reverse("public:unit", args=[scenario.tree.commune_b.pk])).status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_it_labels_synthetic_rows_and_carries_the_licence(scenario: Scenario, fmt: str) -> None:
    response = Client().get(reverse("public:download", args=[scenario.year.code, "values", fmt]))
    text = text_of(response)
    assert "is_synthetic" in text
    assert "CC BY 4.0" in text or fmt == "csv"
    assert "Content-Disposition" in response


def test_it_serves_the_data_dictionary_with_every_column(scenario: Scenario) -> None:
    from dxmon.public.opendata import dictionary

    data = Client().get(reverse("public:dictionary")).json()
    assert data["licence"]["id"] == "CC-BY-4.0"
    for dataset, columns in dictionary().items():
        names = [c["name"] for c in data["datasets"][dataset]]
        assert names == [c.name for c in columns]
        assert "is_synthetic" in names
        assert all(c["meaning"] and c["type"] for c in data["datasets"][dataset])
    csv_header = (
        Client()
        .get(reverse("public:download", args=[scenario.year.code, "scores", "csv"]))
        .content.decode("utf-8-sig")
        .splitlines()[0]
        .split(",")
    )
    assert csv_header == [c["name"] for c in data["datasets"]["scores"]]
