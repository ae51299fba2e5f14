from __future__ import annotations

import datetime as dt

import pytest

from dxmon.vn.dates import format_date_long, format_date_short, format_place_date

AUG_17 = dt.date(2022, 8, 17)
FEB_5 = dt.date(2022, 2, 5)


def test_it_writes_the_long_vietnamese_date():
    assert format_date_long(AUG_17) == "ngày 17 tháng 8 năm 2022"
    assert format_date_long(FEB_5) == "ngày 5 tháng 2 năm 2022"


def test_it_pads_days_below_ten_and_months_one_and_two_in_official_documents():
    assert format_date_long(FEB_5, official=True) == "ngày 05 tháng 02 năm 2022"
    assert format_date_long(dt.date(2022, 3, 9), official=True) == "ngày 09 tháng 3 năm 2022"
    assert format_date_long(AUG_17, official=True) == "ngày 17 tháng 8 năm 2022"


def test_it_writes_english_dates():
    assert format_date_long(AUG_17, lang="en") == "17 August 2022"


def test_it_refuses_an_unknown_language():
    with pytest.raises(ValueError, match="fr"):
        format_date_long(AUG_17, lang="fr")


def test_it_writes_short_dates_plain_and_padded():
    assert format_date_short(dt.date(2022, 8, 7)) == "7/8/2022"
    assert format_date_short(dt.date(2022, 8, 7), padded=True) == "07/08/2022"
    assert format_date_short(AUG_17, padded=True) == "17/08/2022"
    assert format_date_short(None) == "—"


def test_it_writes_the_place_and_date_line():
    assert format_place_date("Vĩnh Long", AUG_17) == "Vĩnh Long, ngày 17 tháng 8 năm 2022"
    assert format_place_date(" Bến Tre ", FEB_5) == "Bến Tre, ngày 05 tháng 02 năm 2022"
