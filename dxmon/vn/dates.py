"""Vietnamese dates: "ngày 17 tháng 8 năm 2022", "17/8/2022" and the place-and-date line."""

from __future__ import annotations

import datetime as dt

EMPTY = "—"

MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_date_long(d: dt.date | None, lang: str = "vi", *, official: bool = False) -> str:
    """Write a date in words: "ngày 17 tháng 8 năm 2022" (or "17 August 2022" with ``lang="en"``).

    ``official=True`` follows Nghị định 30/2020/NĐ-CP (Phụ lục I): days below 10 and the
    months 1 and 2 get a leading zero ("ngày 05 tháng 02 năm 2022").

    >>> format_date_long(dt.date(2022, 8, 17))
    'ngày 17 tháng 8 năm 2022'
    >>> format_date_long(dt.date(2022, 2, 5), official=True)
    'ngày 05 tháng 02 năm 2022'
    >>> format_date_long(dt.date(2022, 8, 17), lang="en")
    '17 August 2022'
    """
    if d is None:
        return EMPTY
    if lang == "en":
        return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"
    if lang != "vi":
        raise ValueError(f"Ngôn ngữ «{lang}» chưa được hỗ trợ (chỉ có vi, en).")
    day = f"{d.day:02d}" if official else str(d.day)
    month = f"{d.month:02d}" if official and d.month <= 2 else str(d.month)
    return f"ngày {day} tháng {month} năm {d.year}"


def format_date_short(d: dt.date | None, *, padded: bool = False) -> str:
    """Write a date as "17/8/2022", or "17/08/2022" with ``padded=True`` (official documents).

    >>> format_date_short(dt.date(2022, 8, 7))
    '7/8/2022'
    >>> format_date_short(dt.date(2022, 8, 7), padded=True)
    '07/08/2022'
    """
    if d is None:
        return EMPTY
    if padded:
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    return f"{d.day}/{d.month}/{d.year}"


def format_place_date(place: str, d: dt.date) -> str:
    """The place-and-date line of an official document (Nghị định 30/2020/NĐ-CP).

    >>> format_place_date("Vĩnh Long", dt.date(2022, 8, 17))
    'Vĩnh Long, ngày 17 tháng 8 năm 2022'
    """
    return f"{place.strip()}, {format_date_long(d, official=True)}"
