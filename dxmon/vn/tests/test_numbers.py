from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dxmon.vn.numbers import format_number, format_percent, parse_number, words_to_number


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234, None, "1.234"),
        (1234567.5, None, "1.234.567,5"),
        (0, None, "0"),
        (999, None, "999"),
        (-1234.25, None, "-1.234,25"),
        (2.5, 2, "2,50"),
        (1234.567, 1, "1.234,6"),
        (None, None, "—"),
        (float("nan"), None, "—"),
        (-0.001, 1, "0,0"),
    ],
)
def test_it_formats_numbers_the_vietnamese_way(value, decimals, expected):
    assert format_number(value, decimals=decimals) == expected


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        (79.5, {}, "79,5%"),
        (100, {}, "100%"),
        (100, {"trim": False}, "100,0%"),
        (33.333, {"decimals": 2}, "33,33%"),
        (12.5, {"decimals": 0}, "12%"),  # banker's rounding of Python's format
        (None, {}, "—"),
    ],
)
def test_it_formats_percentages(value, kwargs, expected):
    assert format_percent(value, **kwargs) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234", 1234),
        ("1.234.567", 1234567),
        ("1.234.567,5", 1234567.5),
        ("79,5", 79.5),
        ("2,5", 2.5),
        ("2.5", 2.5),
        ("05", 5),
        ("-12", -12),
        ("12,5 nghìn", 12500),
        ("12,5 ngàn", 12500),
        ("1,2 triệu", 1_200_000),
        ("3 tỷ", 3e9),
        ("3 tỉ", 3e9),
        ("1.200 tỷ", 1.2e12),
        ("bốn mươi", 40),
        ("hai mươi mốt", 21),
        ("  7  ", 7),
    ],
)
def test_it_parses_vietnamese_numbers(text, expected):
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["", "abc", "1..2", "12 con", "nghìn tỷ x"])
def test_it_rejects_what_is_not_a_number_with_a_message(text):
    with pytest.raises(ValueError, match="số"):
        parse_number(text)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("một", 1),
        ("hai", 2),
        ("mười", 10),
        ("mười lăm", 15),
        ("mười một", 11),
        ("hai mươi mốt", 21),
        ("hai mươi tư", 24),
        ("bốn mươi", 40),
        ("chín mươi chín", 99),
        ("một trăm", 100),
        ("một trăm linh năm", 105),
        ("ba trăm hai mươi", 320),
        ("hai nghìn không trăm hai mươi hai", 2022),
        ("ba nghìn hai trăm", 3200),
        ("Năm", 5),
    ],
)
def test_it_reads_number_words(words, expected):
    assert words_to_number(words) == expected


@pytest.mark.parametrize("words", ["lăm", "một hai", "từ", "", "một số"])
def test_it_rejects_what_are_not_number_words(words):
    with pytest.raises(ValueError):
        words_to_number(words)


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_it_reads_back_formatted_integers(n):
    assert parse_number(format_number(n)) == n


@given(st.integers(min_value=-(10**9), max_value=10**9), st.integers(min_value=0, max_value=99))
def test_it_reads_back_formatted_decimals(whole, cents):
    value = whole + (cents / 100 if whole >= 0 else -cents / 100)
    assert parse_number(format_number(value)) == pytest.approx(value, abs=1e-9)
