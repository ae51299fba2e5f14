"""The public units API: GET /api/units/{code}?on= and GET /api/units/search?q=."""

from __future__ import annotations


def test_it_returns_a_unit_on_a_date(client, tree):
    response = client.get("/api/units/28903", {"on": "2022-08-17"})
    assert response.status_code == 200
    body = response.json()
    assert (body["name"], body["kind"], body["structure"]) == (
        "Thị trấn Mỏ Cày",
        "thi_tran",
        "2022",
    )
    assert body["ancestors"] == [
        {"code": "833", "name": "Huyện Mỏ Cày Nam", "kind": "huyen"},
        {"code": "83", "name": "Tỉnh Bến Tre", "kind": "tinh"},
    ]
    assert [s["code"] for s in body["successors"]] == ["28903"]


def test_it_returns_the_new_unit_after_the_merger(client, tree):
    body = client.get("/api/units/28903", {"on": "2025-07-01"}).json()
    assert body["name"] == "Xã Mỏ Cày"
    assert body["parent"] == {"code": "86", "name": "Tỉnh Vĩnh Long"}
    assert {p["name"] for p in body["predecessors"]} == {"Xã Tân Hội", "Thị trấn Mỏ Cày"}


def test_it_answers_404_in_vietnamese_for_an_unknown_code(client, tree):
    response = client.get("/api/units/28940", {"on": "2025-07-01"})
    assert response.status_code == 404
    assert "Không có đơn vị hành chính mã 28940" in response.json()["detail"]


def test_it_searches_without_diacritics(client, tree):
    response = client.get("/api/units/search", {"q": "tan hoi"})
    assert response.status_code == 200
    assert [u["code"] for u in response.json()] == ["28940"]
    assert response.json()[0]["parent"] == {"code": "833", "name": "Huyện Mỏ Cày Nam"}


def test_it_is_public_reference_data(client, outsider, tree):
    # Units are public: an anonymous client and the outsider see the same thing.
    anonymous = client.get("/api/units/search", {"q": "mo cay", "on": "2025-07-01"}).json()
    client.force_login(outsider)
    assert client.get("/api/units/search", {"q": "mo cay", "on": "2025-07-01"}).json() == anonymous
    assert [u["code"] for u in anonymous] == ["28903"]


def test_it_rejects_a_bad_date(client, tree):
    assert client.get("/api/units/28903", {"on": "17/08/2022"}).status_code == 422
