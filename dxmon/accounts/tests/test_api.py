"""The accounts API: the signed-in user and their actions on a unit, 404 outside the scope."""

from __future__ import annotations


def test_it_describes_the_signed_in_officer(client, officer, tree):
    client.force_login(officer)
    response = client.get("/api/accounts/me")
    assert response.status_code == 200
    body = response.json()
    assert body["role"] == "commune"
    assert body["role_label"] == "Cán bộ UBND xã"
    assert body["scope_unit"]["name"] == "Xã Mỏ Cày"
    assert body["actions"] == ["change", "view"]


def test_it_refuses_anonymous_callers(client, db):
    assert client.get("/api/accounts/me").status_code == 401


def test_it_lists_the_officer_actions_on_own_and_old_communes(client, officer, tree):
    client.force_login(officer)
    own = client.get(f"/api/accounts/scope/{tree.commune_a.pk}").json()
    assert own["actions"] == ["view", "change"]
    old = client.get(f"/api/accounts/scope/{tree.tan_hoi.pk}").json()
    assert old["actions"] == ["view"]


def test_it_returns_404_for_commune_a_to_the_outsider(client, outsider, tree):
    client.force_login(outsider)
    assert client.get(f"/api/accounts/scope/{tree.commune_a.pk}").status_code == 404
    assert client.get(f"/api/accounts/scope/{tree.commune_b.pk}").status_code == 200


def test_it_gives_the_supervisor_view_and_supervise_only(client, supervisor, tree):
    client.force_login(supervisor)
    body = client.get(f"/api/accounts/scope/{tree.commune_a.pk}").json()
    assert body["actions"] == ["view", "supervise"]
