from __future__ import annotations

import datetime

import pytest

from dxmon.collection.choices import PeriodKind
from dxmon.collection.models import Period
from dxmon.collection.periods import PeriodError, period_from_dhis2, period_parse, period_to_dhis2
from dxmon.collection.services import period_get_or_create


@pytest.mark.parametrize(
    ("code", "kind", "start", "end"),
    [
        ("2022", PeriodKind.YEAR, (2022, 1, 1), (2022, 12, 31)),
        ("2022S1", PeriodKind.HALF, (2022, 1, 1), (2022, 6, 30)),
        ("2022S2", PeriodKind.HALF, (2022, 7, 1), (2022, 12, 31)),
        ("2022Q1", PeriodKind.QUARTER, (2022, 1, 1), (2022, 3, 31)),
        ("2022Q3", PeriodKind.QUARTER, (2022, 7, 1), (2022, 9, 30)),
        ("2022Q4", PeriodKind.QUARTER, (2022, 10, 1), (2022, 12, 31)),
        ("2022-08", PeriodKind.MONTH, (2022, 8, 1), (2022, 8, 31)),
        ("2024-02", PeriodKind.MONTH, (2024, 2, 1), (2024, 2, 29)),
        ("2022q2", PeriodKind.QUARTER, (2022, 4, 1), (2022, 6, 30)),
    ],
)
def test_it_parses_the_four_kinds_of_period(code, kind, start, end):
    spec = period_parse(code)
    assert spec.kind == kind
    assert spec.start == datetime.date(*start)
    assert spec.end == datetime.date(*end)


@pytest.mark.parametrize(
    "code", ["", "22", "2022S3", "2022Q5", "2022Q0", "2022-13", "2022-00", "2022-8", "1999", "abc"]
)
def test_it_rejects_invalid_codes_in_vietnamese(code):
    with pytest.raises(PeriodError, match="Kỳ báo cáo không hợp lệ"):
        period_parse(code)


def test_it_maps_dhis2_periods_both_ways():
    assert period_from_dhis2("202208").code == "2022-08"
    assert period_from_dhis2("2022S1").code == "2022S1"
    assert period_from_dhis2("2022Q3").code == "2022Q3"
    assert period_to_dhis2("2022-08") == "202208"
    assert period_to_dhis2("2022") == "2022"
    with pytest.raises(PeriodError):
        period_from_dhis2("202213")


def test_it_gets_or_creates_a_period_once(db):
    first = period_get_or_create(code="2022Q3")
    again = period_get_or_create(code="2022q3")
    assert first.pk == again.pk
    assert Period.objects.filter(code="2022Q3").count() == 1
    assert (first.kind, first.start, first.end) == (
        PeriodKind.QUARTER,
        datetime.date(2022, 7, 1),
        datetime.date(2022, 9, 30),
    )
    with pytest.raises(PeriodError, match="Kỳ báo cáo không hợp lệ"):
        period_get_or_create(code="2022Q9")
