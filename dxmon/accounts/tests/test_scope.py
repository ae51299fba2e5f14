"""The scope check: who may read and write which units, and everything hanging off them."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse

from dxmon.accounts.choices import Role
from dxmon.accounts.scope import (
    Action,
    can,
    get_object_or_404_scoped,
    restrict,
    role_required,
    scoped,
    user_actions,
    visible_units,
)
from dxmon.collection.models import Period, Report
from dxmon.frameworks.models import Framework, FrameworkVersion
from dxmon.testing.fixtures import _user, make_unit
from dxmon.units.choices import Kind, Structure
from dxmon.units.models import Unit


def names(units) -> set[str]:
    return set(units.values_list("name", flat=True))


@pytest.fixture
def hamlet(tree):
    return make_unit(
        code="2890301",
        name="Ấp Phước Hạnh",
        kind=Kind.HAMLET_AP,
        structure=Structure.Y2025,
        parent=tree.commune_a,
    )


@pytest.fixture
def reports(tree):
    framework = Framework.objects.create(code="cds-xa", title="Bộ chỉ số CĐS cấp xã")
    version = FrameworkVersion.objects.create(
        framework=framework,
        version="2025.1",
        title="Bộ chỉ số CĐS cấp xã 2025",
        valid_from_year=2022,
        source_yaml="{}",
        checksum="0" * 64,
    )
    period = Period.objects.create(
        code="2025", kind="year", start=datetime.date(2025, 1, 1), end=datetime.date(2025, 12, 31)
    )
    old_period = Period.objects.create(
        code="2022", kind="year", start=datetime.date(2022, 1, 1), end=datetime.date(2022, 12, 31)
    )
    return {
        "a": Report.objects.create(unit=tree.commune_a, period=period, framework_version=version),
        "b": Report.objects.create(unit=tree.commune_b, period=period, framework_version=version),
        "tan_hoi": Report.objects.create(
            unit=tree.tan_hoi, period=old_period, framework_version=version
        ),
    }


def test_it_lets_the_officer_see_their_commune_hamlets_and_predecessors(tree, officer, hamlet):
    assert names(visible_units(officer)) == {
        "Xã Mỏ Cày",
        "Ấp Phước Hạnh",
        "Xã Tân Hội",
        "Thị trấn Mỏ Cày",
    }


def test_it_hides_commune_b_and_the_old_district_from_the_officer(tree, officer):
    visible = visible_units(officer)
    assert not visible.filter(pk=tree.commune_b.pk).exists()
    assert not visible.filter(pk=tree.old_district.pk).exists()
    assert not visible.filter(pk=tree.province.pk).exists()


def test_it_lets_the_officer_change_only_their_commune_and_hamlets(tree, officer, hamlet):
    assert names(visible_units(officer, Action.CHANGE)) == {"Xã Mỏ Cày", "Ấp Phước Hạnh"}
    assert can(officer, Action.CHANGE, tree.commune_a)
    assert not can(officer, Action.CHANGE, tree.tan_hoi)
    assert can(officer, Action.VIEW, tree.tan_hoi)


def test_it_gives_the_officer_no_review_admin_or_supervision(tree, officer):
    for action in (Action.REVIEW, Action.ADMIN, Action.SUPERVISE):
        assert not visible_units(officer, action).exists()
        assert not can(officer, action, tree.commune_a)


def test_it_shows_the_outsider_commune_b_and_not_commune_a(tree, outsider):
    visible = visible_units(outsider)
    assert visible.filter(pk=tree.commune_b.pk).exists()
    assert not visible.filter(pk=tree.commune_a.pk).exists()
    assert not visible.filter(pk=tree.tan_hoi.pk).exists()
    assert not can(outsider, Action.VIEW, tree.commune_a)
    assert not can(outsider, Action.CHANGE, tree.commune_a)


def test_it_shows_the_reviewer_both_communes_and_the_old_ben_tre_units(tree, reviewer):
    assert names(visible_units(reviewer)) == {
        "Tỉnh Vĩnh Long",
        "Xã Mỏ Cày",
        "Xã Đa Phước Hội",
        "Xã Tân Hội",
        "Thị trấn Mỏ Cày",
        "Huyện Mỏ Cày Nam",
        "Tỉnh Bến Tre",
    }
    for action in (Action.CHANGE, Action.REVIEW, Action.ADMIN):
        assert can(reviewer, action, tree.commune_b)
        assert can(reviewer, action, tree.tan_hoi)
    assert not can(reviewer, Action.SUPERVISE, tree.commune_a)


def test_it_keeps_old_units_of_other_provinces_from_the_reviewer(tree, reviewer):
    other_old = make_unit(
        code="84", name="Tỉnh Trà Vinh", kind=Kind.PROVINCE, structure=Structure.Y2022
    )
    other_new = make_unit(
        code="01", name="Thành phố Hà Nội", kind=Kind.CENTRAL_CITY, structure=Structure.Y2025
    )
    visible = visible_units(reviewer)
    assert not visible.filter(pk__in=[other_old.pk, other_new.pk]).exists()


def test_it_lets_the_supervisor_see_but_not_change(tree, supervisor):
    assert can(supervisor, Action.VIEW, tree.commune_a)
    assert can(supervisor, Action.VIEW, tree.tan_hoi)
    assert can(supervisor, Action.SUPERVISE, tree.commune_b)
    assert not can(supervisor, Action.CHANGE, tree.commune_a)
    assert not can(supervisor, Action.REVIEW, tree.commune_a)
    assert not visible_units(supervisor, Action.CHANGE).exists()


def test_it_gives_a_district_office_its_subtree_only(tree):
    district = _user("district", "district", tree.old_district)
    assert names(visible_units(district)) == {"Huyện Mỏ Cày Nam", "Xã Tân Hội", "Thị trấn Mỏ Cày"}
    assert can(district, Action.REVIEW, tree.tan_hoi)
    assert not can(district, Action.CHANGE, tree.tan_hoi)
    assert not can(district, Action.VIEW, tree.commune_a)


def test_it_gives_the_admin_everything(tree, admin_user):
    assert visible_units(admin_user, Action.CHANGE).count() == Unit.objects.count()
    assert can(admin_user, Action.SUPERVISE, tree.commune_b)


def test_it_gives_the_public_and_anonymous_nothing_private(tree):
    public = _user("citizen", "public", None)
    for user in (public, AnonymousUser(), None):
        assert not visible_units(user).exists()
        assert not can(user, Action.VIEW, tree.commune_a)
        assert not restrict(Unit.objects.all(), user).exists()
    assert user_actions(AnonymousUser()) == frozenset()


def test_it_gives_an_inactive_user_nothing(tree, officer):
    officer.is_active = False
    officer.save()
    assert not visible_units(officer).exists()


def test_it_restricts_reports_of_commune_a_from_the_outsider(reports, outsider):
    visible = restrict(Report.objects.all(), outsider)
    assert list(visible) == [reports["b"]]


def test_it_restricts_reports_to_the_officer_with_history(reports, officer):
    assert set(restrict(Report.objects.all(), officer)) == {reports["a"], reports["tan_hoi"]}
    assert set(restrict(Report.objects.all(), officer, Action.CHANGE)) == {reports["a"]}


def test_it_restricts_through_a_longer_path_to_the_unit(reports, outsider, reviewer):
    # Periods reach units through their reports: "reports__unit", a to-many path.
    assert list(restrict(Period.objects.all(), outsider, unit_field="reports__unit")) == [
        reports["b"].period
    ]
    # Reports A and B share a period: it is listed once.
    periods = restrict(Period.objects.all(), reviewer, unit_field="reports__unit")
    assert sorted(periods.values_list("code", flat=True)) == ["2022", "2025"]


def test_it_filters_with_one_query_and_a_subquery(reports, reviewer, django_assert_num_queries):
    qs = restrict(Report.objects.all(), reviewer)
    assert "SELECT" in str(qs.query).split("WHERE", 1)[1]
    with django_assert_num_queries(1):
        assert len(list(qs)) == 3


def test_it_raises_404_for_the_outsider(reports, outsider, officer):
    with pytest.raises(Http404):
        get_object_or_404_scoped(Report.objects.all(), outsider, pk=reports["a"].pk)
    assert (
        get_object_or_404_scoped(Report.objects.all(), officer, pk=reports["a"].pk)
        == (reports["a"])
    )
    with pytest.raises(Http404):
        get_object_or_404_scoped(
            Report.objects.all(), officer, Action.CHANGE, pk=reports["tan_hoi"].pk
        )


def test_it_scopes_a_unit_queryset_on_the_units_themselves(tree, outsider):
    with pytest.raises(Http404):
        get_object_or_404_scoped(Unit.objects.all(), outsider, pk=tree.commune_a.pk)
    assert get_object_or_404_scoped(Unit.objects.all(), outsider, pk=tree.commune_b.pk) == (
        tree.commune_b
    )


def test_it_scopes_through_the_request_helper(rf, reports, outsider):
    request = rf.get("/")
    request.user = outsider
    assert list(scoped(request, Report.objects.all())) == [reports["b"]]
    request.user = AnonymousUser()
    assert not scoped(request, Report.objects.all()).exists()


def test_it_guards_a_view_by_role_and_action(rf, officer, reviewer, supervisor):
    @role_required(Role.PROVINCE)
    def province_page(request):
        return HttpResponse("ok")

    @role_required(action=Action.CHANGE)
    def data_entry(request):
        return HttpResponse("ok")

    def call(view: Callable[..., HttpResponse], user: object) -> int:
        request = rf.get("/")
        request.user = user
        try:
            return view(request).status_code
        except PermissionDenied:
            return 403

    assert call(province_page, reviewer) == 200
    assert call(province_page, officer) == 403
    assert call(province_page, AnonymousUser()) == 302  # to the login page
    assert call(data_entry, officer) == 200
    assert call(data_entry, supervisor) == 403
