"""Bulk import in every format: all or nothing, dry run, audit, round trip, scope."""

from __future__ import annotations

import pytest

from dxmon.audit.models import AuditEntry
from dxmon.audit.services import SYSTEM
from dxmon.collection.choices import ReportStatus
from dxmon.collection.models import DataValue, Report
from dxmon.collection.selectors import NotFoundError, unit_for_period
from dxmon.collection.services import period_get_or_create
from dxmon.collection.services.exports import export_values
from dxmon.collection.services.imports import CREATE, UNCHANGED, UPDATE, data_import
from dxmon.collection.tests.files import FORMATS, R, make_file
from dxmon.testing.fixtures import make_unit
from dxmon.units.choices import Kind, Structure


def _counts() -> tuple[int, int, int]:
    return DataValue.objects.count(), Report.objects.count(), AuditEntry.objects.count()


@pytest.fixture
def setting(tree, tiny, periods):
    """Commune A has a 2025 report with CQS.2 = 10; commune B's 2025 report is approved."""
    report_a = Report.objects.create(
        unit=tree.commune_a, period=periods["2025"], framework_version=tiny.version
    )
    DataValue.objects.create(report=report_a, indicator=tiny.count, value=10)
    report_b = Report.objects.create(
        unit=tree.commune_b,
        period=periods["2025"],
        framework_version=tiny.version,
        status=ReportStatus.APPROVED,
    )
    DataValue.objects.create(report=report_b, indicator=tiny.count, value=3)
    period_get_or_create(code="2025Q3")
    other = make_unit(
        code="87", name="Tỉnh Đồng Tháp", kind=Kind.PROVINCE, structure=Structure.Y2025
    )
    make_unit(
        code="30001", name="Xã Ngoài", kind=Kind.COMMUNE, structure=Structure.Y2025, parent=other
    )
    return report_a


VALID = [
    R("28903", "2025", "CQS.1", num=45, den=50, comment="VNPT-iOffice"),
    R("28903", "2025", "CQS.2", value=12),
    R("28903", "2025", "KTS.1", value=1),
]

# Each malformed row with the words its error message must contain (None: a valid row).
MALFORMED: list[tuple[R, str | None]] = [
    (R("28903", "2025", "CQS.2", value=5), None),
    (R("99999", "2025", "CQS.2", value=5), "Không tìm thấy đơn vị"),
    (R("28903", "2025", "ZZZ.9", value=5), "Không có chỉ số"),
    (R("28903", "2025", "XHS.1", value="nhiều"), "không phải là số"),
    (R("28903", "2025", "CQS.1", num=60, den=50), "lớn hơn mẫu số"),
    (R("28903", "2025Q3", "CQS.1", num=1, den=-5), "Mẫu số không được âm"),
    (R("28903", "2031", "CQS.2", value=5), "chưa được mở"),
    (R("28903", "2025Q7", "CQS.2", value=5), "không hợp lệ"),
    (R("28918", "2025", "CQS.2", value=5), "bị khóa"),
    (R("28903", "2025", "CQS.2", value=6), "Dòng trùng"),
    (R("30001", "2025", "CQS.2", value=5), "Không tìm thấy đơn vị"),
]


@pytest.mark.parametrize("fmt", FORMATS)
def test_it_rejects_a_malformed_file_whole_listing_every_error(fmt, setting, reviewer):
    data, lines = make_file(fmt, [row for row, _ in MALFORMED])
    before = _counts()

    result = data_import(user=reviewer, data=data, fmt=fmt)

    assert _counts() == before
    assert not result.written
    assert not result.changes
    for (_row, expected), line in zip(MALFORMED, lines, strict=True):
        messages = [issue.message for issue in result.errors if issue.line == line]
        if expected is None:
            assert messages == [], messages
        else:
            assert any(expected in message for message in messages), (line, messages)
    # An outsider's unit and a unit that does not exist get the same message.
    unknown = [i.message for i in result.errors if i.line in (lines[1], lines[10])]
    assert unknown[0].split("“")[0] == unknown[1].split("“")[0]


@pytest.mark.parametrize("fmt", FORMATS)
def test_it_lists_the_changes_of_a_dry_run_and_writes_nothing(fmt, setting, officer):
    data, _lines = make_file(fmt, VALID)
    before = _counts()

    result = data_import(user=officer, data=data, fmt=fmt, dry_run=True)

    assert result.ok, result.errors
    assert _counts() == before
    actions = {change.indicator_code: change for change in result.changes}
    assert actions["CQS.1"].action == CREATE
    assert actions["KTS.1"].action == CREATE
    assert actions["CQS.2"].action == UPDATE
    assert [(f.field, f.old, f.new) for f in actions["CQS.2"].fields] == [("value", 10, 12)]
    assert "10 → 12" in str(actions["CQS.2"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_it_writes_values_and_audit_entries(fmt, setting, officer):
    data, _lines = make_file(fmt, VALID)
    values_before, reports_before, audit_before = _counts()

    result = data_import(user=officer, data=data, fmt=fmt)

    assert result.ok, result.errors
    assert result.written
    assert (result.created, result.updated, result.unchanged) == (2, 1, 0)
    assert DataValue.objects.count() == values_before + 2
    assert Report.objects.count() == reports_before
    ratio = DataValue.objects.get(report=setting, indicator__code="CQS.1")
    assert (ratio.numerator, ratio.denominator, ratio.value) == (45, 50, 90)
    assert ratio.comment == "VNPT-iOffice"
    assert ratio.updated_by == officer
    assert DataValue.objects.get(report=setting, indicator__code="CQS.2").value == 12
    entries = AuditEntry.objects.filter(pk__gt=0).order_by("id")[audit_before:]
    changed = {(e.object_id, e.field, e.old_value, e.new_value) for e in entries}
    count_value = DataValue.objects.get(report=setting, indicator__code="CQS.2")
    assert (str(count_value.pk), "value", "10", "12") in changed
    assert (str(ratio.pk), "numerator", "", "45") in changed
    assert (str(ratio.pk), "denominator", "", "50") in changed
    assert all(e.actor_id == officer.pk for e in entries)
    assert all(e.context_id == str(setting.pk) for e in entries)
    setting.refresh_from_db()
    assert setting.revision == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_it_changes_nothing_when_an_export_is_imported_again(fmt, setting, officer):
    data, _lines = make_file(fmt, VALID)
    assert data_import(user=officer, data=data, fmt=fmt).written
    period = setting.period
    unit = unit_for_period(user=officer, code="28903", period=period)
    exported = export_values(user=officer, unit=unit, period=period, fmt=fmt)
    before = _counts()

    result = data_import(user=officer, data=exported, fmt=fmt)

    assert result.ok, result.errors
    assert _counts() == before
    assert len(result.changes) == 3
    assert {change.action for change in result.changes} == {UNCHANGED}


@pytest.mark.parametrize("fmt", FORMATS)
def test_it_hides_commune_a_from_the_outsider(fmt, setting, outsider):
    data, lines = make_file(fmt, VALID)
    before = _counts()

    result = data_import(user=outsider, data=data, fmt=fmt)

    assert _counts() == before
    assert set(lines) <= {issue.line for issue in result.errors}
    assert all("Không tìm thấy đơn vị" in issue.message for issue in result.errors)
    with pytest.raises(NotFoundError, match="Không tìm thấy đơn vị"):
        unit_for_period(user=outsider, code="28903", period=setting.period)
    with pytest.raises(NotFoundError, match="Không tìm thấy đơn vị"):
        export_values(user=outsider, unit=setting.unit, period=setting.period, fmt=fmt)


def test_it_resolves_a_code_in_the_structure_of_the_period(setting, tree, tiny, periods):
    """28903 is Thị trấn Mỏ Cày in 2022 and Xã Mỏ Cày (commune A) since July 2025."""
    data, _lines = make_file(
        "csv", [R("28903", "2022", "CQS.2", value=7), R("28903", "2025", "KTS.1", value=0)]
    )

    result = data_import(user=SYSTEM, data=data, fmt="csv")

    assert result.ok, result.errors
    assert result.reports_created == 1
    old = DataValue.objects.get(report__period=periods["2022"])
    assert old.report.unit == tree.mo_cay_town
    assert old.report.status == ReportStatus.DRAFT
    new = DataValue.objects.get(report__period=periods["2025"], indicator=tiny.boolean)
    assert new.report.unit == tree.commune_a
    assert old.updated_by is None  # the command line acts as the system
    assert AuditEntry.objects.filter(action="report.create", actor=None).count() == 1


def test_it_reads_numbers_written_the_vietnamese_way(setting, officer):
    data, _lines = make_file(
        "csv",
        [
            R("28903", "2025", "CQS.1", num="1.234", den="1.500,0"),
            R("28903", "2025", "XHS.1", value="7,5"),
        ],
    )
    result = data_import(user=officer, data=data, fmt="csv")
    assert result.ok, result.errors
    ratio = DataValue.objects.get(indicator__code="CQS.1")
    assert (ratio.numerator, ratio.denominator) == (1.234, 1500.0)
    assert DataValue.objects.get(indicator__code="XHS.1").value == 7.5


def test_it_exports_a_province_with_its_communes_within_scope(setting, reviewer, officer):
    period = setting.period
    province = unit_for_period(user=reviewer, code="86", period=period)

    alone = export_values(user=reviewer, unit=province, period=period, fmt="csv")
    subtree = export_values(
        user=reviewer, unit=province, period=period, descendants=True, fmt="csv"
    )

    assert alone.decode("utf-8-sig").strip().count("\n") == 0  # the header only
    lines = subtree.decode("utf-8-sig").strip().splitlines()
    assert sorted(line.split(",")[0] for line in lines[1:]) == ["28903", "28918"]
    # The commune officer may not open the province at all.
    with pytest.raises(NotFoundError):
        unit_for_period(user=officer, code="86", period=period)
    # Through commune A's own subtree the officer sees only commune A.
    own = export_values(
        user=officer, unit=setting.unit, period=period, descendants=True, fmt="dhis2-csv"
    )
    assert "28918" not in own.decode()


@pytest.mark.parametrize("fmt", FORMATS)
def test_it_refuses_a_report_that_awaits_review(fmt, setting, officer):
    """A submitted report changes only once the reviewer returns it, by file as by form."""
    setting.status = ReportStatus.SUBMITTED
    setting.save(update_fields=["status"])
    data, _lines = make_file(fmt, VALID)
    before = _counts()

    result = data_import(user=officer, data=data, fmt=fmt)

    assert not result.ok
    assert all("đang chờ xem xét" in str(error) for error in result.errors)
    assert _counts() == before
