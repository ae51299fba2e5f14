"""The home page of each role, and a commune's home page behind the scope check."""

from __future__ import annotations

from django.urls import reverse


def test_it_shows_the_public_landing_page_to_anonymous_visitors(client, db):
    response = client.get(reverse("web:home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert "Theo dõi và giám sát chuyển đổi số cấp xã" in html
    assert reverse("accounts:login") in html


def test_it_serves_only_local_static_files(client, db):
    html = client.get(reverse("web:home")).content.decode()
    assert "/static/vendor/bootstrap/css/bootstrap.min.css" in html
    assert "/static/vendor/htmx/htmx.min.js" in html
    assert "https://" not in html.split("<body", 1)[0]
    assert "cdn" not in html.lower()


def test_it_shows_the_officer_the_commune_home(client, officer, reports, tree):
    client.force_login(officer)
    response = client.get(reverse("web:home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Xã Mỏ Cày</h1>" in html
    assert "Tỉnh Vĩnh Long" in html
    assert "Hình thành từ:" in html
    assert "Thị trấn Mỏ Cày, Xã Tân Hội" in html
    assert "Báo cáo" in html
    assert "Đã gửi" in html  # report A's status
    assert "Dữ liệu mô phỏng" in html  # report A is synthetic
    assert f'href="{reverse("dashboards:unit", args=[tree.commune_a.pk])}"' in html
    assert f'href="{reverse("collection:import")}"' in html
    assert list(response.context["home"].reports) == [reports["a"]]
    assert "Đã phê duyệt" not in html  # report B's status


def test_it_shows_the_officer_name_role_and_scope_in_the_navbar(client, officer, db):
    client.force_login(officer)
    html = client.get(reverse("web:home")).content.decode()
    assert "Cán bộ xã A" in html
    assert "Cán bộ UBND xã" in html
    assert 'hx-headers=\'{"X-CSRFToken": "' in html
    assert reverse("accounts:logout") in html


def test_it_returns_404_for_commune_a_to_the_outsider(client, outsider, tree, reports):
    client.force_login(outsider)
    assert client.get(reverse("web:commune", args=[tree.commune_a.pk])).status_code == 404
    assert client.get(reverse("web:commune", args=[tree.commune_b.pk])).status_code == 200
    home = client.get(reverse("web:home"))
    assert list(home.context["home"].reports) == [reports["b"]]
    assert "Xã Mỏ Cày" not in home.content.decode()


def test_it_lets_the_reviewer_open_both_communes(client, reviewer, tree, reports):
    client.force_login(reviewer)
    for unit in (tree.commune_a, tree.commune_b):
        assert client.get(reverse("web:commune", args=[unit.pk])).status_code == 200


def test_it_sends_anonymous_visitors_of_a_commune_page_to_login(client, tree):
    response = client.get(reverse("web:commune", args=[tree.commune_a.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_it_shows_the_province_office_its_overview(client, reviewer, reports):
    client.force_login(reviewer)
    response = client.get(reverse("web:home"))
    area = response.context["area"]
    assert area.commune_count == 2
    assert area.report_count == 2
    assert {row.status: row.count for row in area.by_status}["approved"] == 1
    html = response.content.decode()
    assert "<h1>Tỉnh Vĩnh Long</h1>" in html
    assert "Báo cáo theo trạng thái" in html
    assert "Trang này có dữ liệu mô phỏng" in html  # report A is synthetic


def test_it_shows_the_supervisor_their_province_and_the_way_to_supervision(
    client, supervisor, reports
):
    client.force_login(supervisor)
    html = client.get(reverse("web:home")).content.decode()
    assert "<h1>Tỉnh Vĩnh Long</h1>" in html
    assert "Đoàn giám sát" in html
    assert f'href="{reverse("supervision:mission_list")}"' in html
    assert "không sửa số liệu" in html


def test_it_shows_the_admin_system_counts(client, admin_user, reports):
    client.force_login(admin_user)
    response = client.get(reverse("web:home"))
    overview = response.context["overview"]
    assert overview.framework_count == 1
    assert dict(overview.units_by_structure) == {
        "Ba cấp (đến 30/6/2025)": 4,
        "Hai cấp (từ 1/7/2025)": 3,
    }
    assert overview.user_count == 1
    assert "Quản trị hệ thống" in response.content.decode()


def test_it_shows_a_district_office_its_district(client, tree, reports):
    from dxmon.testing.fixtures import _user

    client.force_login(_user("district", "district", tree.old_district))
    response = client.get(reverse("web:home"))
    assert "<h1>Huyện Mỏ Cày Nam</h1>" in response.content.decode()
    assert response.context["area"].commune_count == 2  # Tân Hội and Thị trấn Mỏ Cày
    assert response.context["area"].report_count == 0  # the 2025 reports are not its own


def test_it_shows_a_signed_in_public_user_the_landing_page(client, db):
    from dxmon.testing.fixtures import _user

    client.force_login(_user("citizen", "public", None))
    html = client.get(reverse("web:home")).content.decode()
    assert "Theo dõi và giám sát chuyển đổi số cấp xã" in html
    assert "Công chúng" in html
