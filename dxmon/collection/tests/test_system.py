"""Data from other systems: mapping profiles, the import into SystemValues, and the figures
shown beside the self-reported values (data entry page, supervision brief)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dxmon.audit.models import AuditEntry
from dxmon.collection.models import DataValue, MappingProfile, Report, SystemSource, SystemValue
from dxmon.collection.selectors import report_entry_sections, system_difference
from dxmon.collection.services.imports import CREATE, UNCHANGED, UPDATE
from dxmon.collection.services.system import SystemDataError, profile_save, system_import
from dxmon.testing.fixtures import _user, make_unit
from dxmon.units.choices import Kind, Structure

HEADER = "ma_xa,ky,ty_le_ho_so_truc_tuyen,so_ho_so_truc_tuyen,tong_so_ho_so,so_van_ban\n"

DVC_MAPPINGS: list[dict[str, Any]] = [
    {"column": "so_ho_so_truc_tuyen", "indicator_code": "CQS.1", "part": "numerator"},
    {"column": "tong_so_ho_so", "indicator_code": "CQS.1", "part": "denominator"},
    {"column": "so_van_ban", "indicator_code": "CQS.2", "part": "value"},
]


def _csv(*rows: str) -> bytes:
    return (HEADER + "\n".join(rows) + "\n").encode("utf-8")


@pytest.fixture
def dvc() -> SystemSource:
    return SystemSource.objects.get(code="dvc_portal")


@pytest.fixture
def profile(reviewer, dvc, tiny) -> MappingProfile:
    return profile_save(
        user=reviewer,
        name="Cổng DVC – tỷ lệ hồ sơ trực tuyến",
        source=dvc,
        unit_column="ma_xa",
        period_column="ky",
        mappings=DVC_MAPPINGS,
    )


@pytest.fixture
def report_a(tree, tiny, periods) -> Report:
    """Commune A's 2025 report: CQS.1 self-reported at 90% (45/50), CQS.2 = 10."""
    report = Report.objects.create(
        unit=tree.commune_a, period=periods["2025"], framework_version=tiny.version
    )
    DataValue.objects.create(
        report=report, indicator=tiny.ratio, numerator=45, denominator=50, value=90.0
    )
    DataValue.objects.create(report=report, indicator=tiny.count, value=10)
    return report


def _snapshot() -> tuple[int, int, list[tuple[Any, ...]]]:
    return (
        SystemValue.objects.count(),
        AuditEntry.objects.count(),
        list(DataValue.objects.values_list("pk", "value", "numerator", "denominator", "source")),
    )


# --- Profiles --------------------------------------------------------------------------------


def test_it_seeds_the_three_systems(db):
    codes = set(SystemSource.objects.values_list("code", flat=True))
    assert {"dvc_portal", "e_invoice", "vnpt_ioffice"} <= codes


def test_it_saves_a_profile_of_the_reviewers_province(profile, tree):
    assert profile.scope_unit == tree.province
    assert profile.mappings[0] == {
        "column": "so_ho_so_truc_tuyen",
        "indicator_code": "CQS.1",
        "part": "numerator",
        "scale": 1.0,
    }


@pytest.mark.parametrize(
    ("mappings", "period_column", "message"),
    [
        (
            [*DVC_MAPPINGS, {"column": "so_van_ban", "indicator_code": "XHS.1"}],
            "ky",
            "được dùng hai lần",
        ),
        ([{"column": "x", "indicator_code": "ZZZ.9"}], "ky", "không có chỉ số mã “ZZZ.9”"),
        (
            [{"column": "so_ho_so", "indicator_code": "CQS.1", "part": "numerator"}],
            "ky",
            "cần ánh xạ cả tử số và mẫu số",
        ),
        (
            [{"column": "n", "indicator_code": "CQS.2", "part": "numerator"}],
            "ky",
            "không phải tỷ lệ",
        ),
        (DVC_MAPPINGS, "", "Cần cột kỳ báo cáo hoặc một kỳ báo cáo cố định"),
    ],
)
def test_it_refuses_an_inconsistent_profile(reviewer, dvc, tiny, mappings, period_column, message):
    with pytest.raises(SystemDataError) as caught:
        profile_save(
            user=reviewer,
            name="Sai",
            source=dvc,
            unit_column="ma_xa",
            period_column=period_column,
            mappings=mappings,
        )
    assert any(message in error for error in caught.value.errors), caught.value.errors
    assert not MappingProfile.objects.filter(name="Sai").exists()


def test_it_lets_only_the_province_office_save_profiles(officer, dvc, tiny):
    with pytest.raises(SystemDataError):
        profile_save(
            user=officer, name="X", source=dvc, unit_column="ma_xa", fixed_period="2025",
            mappings=DVC_MAPPINGS,
        )  # fmt: skip
    assert not MappingProfile.objects.exists()


# --- Import ---------------------------------------------------------------------------------


def test_it_imports_system_values_with_their_source_without_touching_self_reports(
    reviewer, profile, report_a, tree, dvc
):
    before = list(DataValue.objects.values_list("pk", "value", "numerator", "denominator"))
    result = system_import(
        user=reviewer,
        profile=profile,
        data=_csv("28903,2025,,39,50,7", "28918,2025,,20,40,"),
        filename="dvc-2025.csv",
    )
    assert result.written, result.errors
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    ratio = SystemValue.objects.get(unit=tree.commune_a, indicator__code="CQS.1")
    assert (ratio.numerator, ratio.denominator, ratio.value) == (39, 50, 78.0)
    assert ratio.source == dvc
    assert ratio.profile == profile
    assert (ratio.source_file, ratio.row_number, ratio.imported_by) == ("dvc-2025.csv", 2, reviewer)
    assert SystemValue.objects.get(unit=tree.commune_b).value == 50.0
    assert list(DataValue.objects.values_list("pk", "value", "numerator", "denominator")) == before
    assert AuditEntry.objects.filter(action="system_value.create").count() >= 3


def test_it_reads_a_ratio_given_as_a_share_with_a_scale(reviewer, dvc, tiny, periods, tree):
    profile = profile_save(
        user=reviewer,
        name="Tỷ lệ 0–1",
        source=dvc,
        unit_column="ma_xa",
        fixed_period="2025",
        mappings=[
            {"column": "ty_le_ho_so_truc_tuyen", "indicator_code": "CQS.1", "scale": 100},
        ],
    )
    result = system_import(user=reviewer, profile=profile, data=_csv('28903,,"0,785",,,'))
    assert result.written, result.errors
    assert SystemValue.objects.get(unit=tree.commune_a).value == pytest.approx(78.5)


def test_it_changes_nothing_when_a_row_is_wrong_and_lists_errors_by_row(
    reviewer, profile, report_a
):
    before = _snapshot()
    result = system_import(
        user=reviewer,
        profile=profile,
        data=_csv(
            "28903,2025,,39,50,7",  # line 2: right
            "99999,2025,,1,2,",  # line 3: unknown unit
            "28918,2031Q9,,1,2,",  # line 4: not a period
            "28918,2025,,nhiều,2,",  # line 5: text in a number
            "28918,2025,,60,50,",  # line 6: numerator over denominator
        ),
    )
    assert not result.written
    by_line: dict[int, str] = {}
    for issue in result.errors:
        by_line[issue.line] = by_line.get(issue.line, "") + issue.message
    assert "Không tìm thấy đơn vị “99999”" in by_line[3]
    assert "Kỳ báo cáo không hợp lệ" in by_line[4]
    assert "không phải là số" in by_line[5]
    assert "lớn hơn mẫu số" in by_line[6]
    assert 2 not in by_line
    assert _snapshot() == before


def test_it_names_a_mapped_column_missing_from_the_header(reviewer, profile, report_a):
    result = system_import(
        user=reviewer, profile=profile, data=b"ma_xa,ky,so_ho_so_truc_tuyen\n28903,2025,1\n"
    )
    [issue] = result.errors
    assert issue.line == 1
    assert "tong_so_ho_so" in issue.message
    assert "so_van_ban" in issue.message
    assert not SystemValue.objects.exists()


def test_it_dry_runs_without_writing_then_reimports_unchanged(reviewer, profile, report_a):
    data = _csv("28903,2025,,39,50,7")
    before = _snapshot()
    dry = system_import(user=reviewer, profile=profile, data=data, dry_run=True)
    assert dry.ok
    assert not dry.written
    assert dry.created == 2
    assert _snapshot() == before
    system_import(user=reviewer, profile=profile, data=data)
    audit_count = AuditEntry.objects.count()
    again = system_import(user=reviewer, profile=profile, data=data)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert AuditEntry.objects.count() == audit_count
    changed = system_import(user=reviewer, profile=profile, data=_csv("28903,2025,,40,50,7"))
    assert [c.action for c in changed.changes] == [UPDATE, UNCHANGED]
    assert SystemValue.objects.get(indicator__code="CQS.1").value == 80.0
    assert CREATE not in [c.action for c in changed.changes]


def test_it_keeps_commune_a_from_the_outsider_and_other_provinces(
    outsider, profile, report_a, tiny, dvc
):
    with pytest.raises(SystemDataError):
        system_import(user=outsider, profile=profile, data=_csv("28903,2025,,39,50,7"))
    other = make_unit(
        code="87", name="Tỉnh Đồng Tháp", kind=Kind.PROVINCE, structure=Structure.Y2025
    )
    stranger = _user("so_dong_thap", "province", other)
    theirs = profile_save(
        user=stranger,
        name="Cổng DVC Đồng Tháp",
        source=dvc,
        unit_column="ma_xa",
        period_column="ky",
        mappings=DVC_MAPPINGS,
    )
    with pytest.raises(SystemDataError):  # another province's profile is not theirs to use
        system_import(user=stranger, profile=profile, data=_csv("28903,2025,,39,50,7"))
    result = system_import(user=stranger, profile=theirs, data=_csv("28903,2025,,39,50,7"))
    assert "Không tìm thấy đơn vị “28903”" in result.errors[0].message
    assert not SystemValue.objects.exists()


def test_it_matches_units_by_name_within_the_province(reviewer, dvc, tiny, periods, tree):
    profile = profile_save(
        user=reviewer,
        name="Theo tên xã",
        source=dvc,
        unit_column="ten_xa",
        unit_scheme=MappingProfile.UNIT_BY_NAME,
        fixed_period="2025",
        mappings=[{"column": "so_van_ban", "indicator_code": "CQS.2"}],
    )
    good = "Ten_xa;So_van_ban\nMO CAY;120\nXã Đa Phước Hội;80\n"
    # Tân Hội is a 2022 commune: not in the 2025 structure of the province.
    result = system_import(user=reviewer, profile=profile, data=f"{good}Xã Tân Hội;5\n".encode())
    assert [issue.line for issue in result.errors] == [4]
    result = system_import(user=reviewer, profile=profile, data=good.encode())
    assert result.written, result.errors
    assert SystemValue.objects.get(unit=tree.commune_a).value == 120


# --- Shown beside the self-report -----------------------------------------------------------


def test_it_measures_the_difference_in_points_for_ratios_and_percent_for_counts(tiny):
    cases = [
        (tiny.ratio, 90.0, 78.5, 11.5, True),
        (tiny.ratio, 80.0, 78.5, 1.5, False),
        (tiny.count, 10.0, 7.0, 100 * 3 / 7, True),
        (tiny.count, 10.0, 9.5, 100 * 0.5 / 9.5, False),
        (tiny.count, 3.0, 0.0, None, True),
        (tiny.count, None, 9.5, None, False),
    ]
    for indicator, own, system, difference, highlight in cases:
        found, flagged = system_difference(indicator, own, system)
        assert found == (pytest.approx(difference) if difference is not None else None)
        assert flagged is highlight


def test_it_adds_system_figures_to_the_entry_rows_in_one_query(reviewer, profile, report_a):
    with CaptureQueriesContext(connection) as empty:
        report_entry_sections(report=report_a)
    system_import(user=reviewer, profile=profile, data=_csv("28903,2025,,157,200,10"))
    with CaptureQueriesContext(connection) as filled:
        report_entry_sections(report=report_a)
    assert len(filled.captured_queries) == len(empty.captured_queries)
    system_queries = [q for q in filled.captured_queries if "systemvalue" in q["sql"]]
    assert len(system_queries) == 1
    rows = {
        row.indicator.code: row
        for section in report_entry_sections(report=report_a)
        for row in section.rows
    }
    [figure] = rows["CQS.1"].system
    assert figure.value == 78.5
    assert figure.source_name.startswith("Cổng DVC")
    assert figure.difference == pytest.approx(11.5)
    assert figure.highlight
    assert figure.severe
    [count] = rows["CQS.2"].system
    assert count.difference == 0
    assert not count.highlight
    assert rows["KTS.1"].system == []


def test_it_shows_the_system_value_beside_the_self_report_on_the_entry_page(
    reviewer, officer, outsider, profile, report_a
):
    system_import(user=reviewer, profile=profile, data=_csv("28903,2025,,157,200,10"))
    client = Client()
    client.force_login(officer)
    page = client.get(reverse("collection:report_detail", args=[report_a.pk])).content.decode()
    assert "Dữ liệu hệ thống" in page
    assert "78,5%" in page
    assert "157/200" in page
    assert "chênh 11,5 điểm %" in page
    outsider_client = Client()
    outsider_client.force_login(outsider)
    response = outsider_client.get(reverse("collection:report_detail", args=[report_a.pk]))
    assert response.status_code == 404


def test_it_flags_the_difference_in_the_supervision_brief(reviewer, profile, report_a, tree):
    from dxmon.supervision.selectors import _mismatch_flags

    system_import(user=reviewer, profile=profile, data=_csv("28903,2025,,157,200,10"))
    [flag] = _mismatch_flags(report_a)
    assert flag.indicator_code == "CQS.1"
    assert flag.kind == "system_mismatch"
    assert "90%" in flag.message
    assert "78,5%" in flag.message


# --- Pages ----------------------------------------------------------------------------------


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_it_creates_and_edits_a_profile_on_the_profile_pages(reviewer, outsider, dvc, tiny):
    client = _client(reviewer)
    form = {
        "name": "Cổng DVC",
        "source": dvc.pk,
        "file_format": "csv",
        "unit_column": "ma_xa",
        "unit_scheme": "code",
        "period_column": "ky",
        "fixed_period": "",
        "mappings": "so_ho_so_truc_tuyen; CQS.1; numerator\ntong_so_ho_so; CQS.1; denominator",
    }
    response = client.post(reverse("collection:system_profile_new"), form)
    assert response.status_code == 302
    profile = MappingProfile.objects.get()
    assert [m["part"] for m in profile.mappings] == ["numerator", "denominator"]
    page = client.get(reverse("collection:system_profiles")).content.decode()
    assert "Cổng DVC" in page
    bad = {**form, "mappings": "so_ho_so_truc_tuyen; CQS.1; numerator"}
    response = client.post(reverse("collection:system_profile_edit", args=[profile.pk]), bad)
    assert response.status_code == 422
    assert "cần ánh xạ cả tử số và mẫu số" in response.content.decode()
    outsider_client = _client(outsider)
    assert outsider_client.get(reverse("collection:system_profiles")).status_code == 403
    url = reverse("collection:system_profile_edit", args=[profile.pk])
    assert outsider_client.post(url, form).status_code == 403


def test_it_dry_runs_then_imports_on_the_import_page(reviewer, outsider, profile, report_a):
    client = _client(reviewer)
    url = reverse("collection:system_import")
    upload = SimpleUploadedFile("dvc.csv", _csv("28903,2025,,157,200,10"), "text/csv")
    response = client.post(url, {"profile": profile.pk, "upload": upload, "action": "dry_run"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tệp hợp lệ. Chưa có gì được ghi." in page
    assert not SystemValue.objects.exists()
    token = response.context["token"]
    response = client.post(url, {"profile": profile.pk, "token": token, "action": "import"})
    assert "Đã nhập xong." in response.content.decode()
    assert SystemValue.objects.count() == 2
    bad = SimpleUploadedFile("dvc.csv", _csv("99999,2025,,1,2,"), "text/csv")
    response = client.post(url, {"profile": profile.pk, "upload": bad, "action": "import"})
    assert response.status_code == 422
    assert "Dòng 2" in response.content.decode()
    again = SimpleUploadedFile("dvc.csv", _csv("28903,2025,,1,2,"), "text/csv")
    response = _client(outsider).post(url, {"profile": profile.pk, "upload": again})
    assert response.status_code == 403
    assert SystemValue.objects.get(indicator__code="CQS.1").numerator == 157
