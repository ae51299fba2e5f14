from __future__ import annotations

import pytest

from dxmon.vn.text import fold, matches, sort_key, strip_marks


def test_it_folds_diacritics_and_case():
    assert fold("  ĐẶC KHU  Côn Đảo ") == "dac khu con dao"


def test_it_strips_marks_without_changing_length_or_case():
    text = "Xã Tân Hội, ĐỒNG THÁP: 79,5% đạt"
    assert strip_marks(text) == "Xa Tan Hoi, DONG THAP: 79,5% dat"
    assert len(strip_marks(text)) == len(text)


def test_it_sorts_in_vietnamese_alphabetical_order():
    names = [
        "Đông Hải",
        "Dương",
        "Ân Thi",
        "An Phú",
        "Ăn",
        "Bắc",
        "Ô Môn",
        "Ơ",
        "Ong",
        "Uông",
        "Ưu",
    ]
    assert sorted(names, key=sort_key) == [
        "An Phú",
        "Ăn",
        "Ân Thi",
        "Bắc",
        "Dương",
        "Đông Hải",
        "Ong",
        "Ô Môn",
        "Ơ",
        "Uông",
        "Ưu",
    ]


def test_it_orders_tones_after_letters():
    # Same letters: ngang, huyền, hỏi, ngã, sắc, nặng.
    assert sorted(["mạ", "má", "mã", "mả", "mà", "ma"], key=sort_key) == [
        "ma",
        "mà",
        "mả",
        "mã",
        "má",
        "mạ",
    ]
    # Letters decide before tones: "bà" < "bác" although "bác" has no grave accent.
    assert sorted(["bác", "bà"], key=sort_key) == ["bà", "bác"]


def test_it_puts_shorter_names_first():
    assert sorted(["Tân Hội Đông", "Tân Hội"], key=sort_key) == ["Tân Hội", "Tân Hội Đông"]


@pytest.mark.parametrize(
    ("query", "text", "expected"),
    [
        ("tan hoi", "Xã Tân Hội", True),
        ("Tân Hội", "xa tan hoi", True),
        ("hoi tan", "Xã Tân Hội", True),
        ("t hoi", "Xã Tân Hội", True),
        ("an hoi", "Xã Tân Hội", False),
        ("dong thap", "Tỉnh Đồng Tháp", True),
        ("", "anything", True),
        ("tan hoi x", "Xã Tân Hội", True),
        ("tan hoi z", "Xã Tân Hội", False),
    ],
)
def test_it_matches_word_prefixes_without_diacritics(query, text, expected):
    assert matches(query, text) is expected
