"""Vietnamese number formatting and parsing: "1.234.567,5", "79,5%", "12,5 nghìn", "bốn mươi"."""

from __future__ import annotations

import math
import re

from dxmon.vn.text import strip_marks

EMPTY = "—"

# Scale words, diacritics stripped and lower-cased.
SCALES: dict[str, float] = {
    "nghin": 1e3,
    "ngan": 1e3,
    "trieu": 1e6,
    "ty": 1e9,
    "ti": 1e9,
}

_THOUSANDS_DOT = re.compile(r"\d{1,3}(?:\.\d{3})+")
_THOUSANDS_COMMA = re.compile(r"\d{1,3}(?:,\d{3}){2,}")
_DIGITS_DOT_COMMA = re.compile(r"\d{1,3}(?:\.\d{3})+,\d+")
_PLAIN = re.compile(r"\d+(?:[.,]\d+)?")
_SPLIT_SCALE = re.compile(r"^(.*?)\s*((?:\s*(?:nghin|ngan|trieu|ty|ti))*)$", re.IGNORECASE)


def format_number(x: float | None, decimals: int | None = None) -> str:
    """Format ``x`` the Vietnamese way: dot between thousands, decimal comma.

    With ``decimals=None`` whole numbers get no decimals and others at most ten, without
    trailing zeros. ``None`` and NaN give an em dash.

    >>> format_number(1234)
    '1.234'
    >>> format_number(1234567.5)
    '1.234.567,5'
    >>> format_number(-0.25, decimals=1)
    '-0,2'
    """
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return EMPTY
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    if decimals is None:
        text = f"{abs(x):,.10f}".rstrip("0").rstrip(".")
    else:
        if decimals < 0:
            raise ValueError("Số chữ số thập phân không được âm.")
        text = f"{abs(x):,.{decimals}f}"
    text = text.replace(",", " ").replace(".", ",").replace(" ", ".")
    negative = x < 0 and text.strip("0.,") != ""
    return f"-{text}" if negative else text


def format_percent(x: float | None, decimals: int = 1, *, trim: bool = True) -> str:
    """Format a percentage: ``79.5`` → ``"79,5%"``; ``100`` → ``"100%"`` (``trim`` drops ",0").

    >>> format_percent(79.5)
    '79,5%'
    >>> format_percent(100)
    '100%'
    >>> format_percent(100, trim=False)
    '100,0%'
    """
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return EMPTY
    text = format_number(x, decimals=decimals)
    if trim and "," in text:
        text = text.rstrip("0").rstrip(",")
        if text in ("", "-"):
            text = "0"
    return f"{text}%"


def parse_numeral(text: str) -> float:
    """Read digits with Vietnamese separators: "1.234.567,5", "79,5", "05" (no sign, no words)."""
    if _DIGITS_DOT_COMMA.fullmatch(text):
        whole, frac = text.split(",")
        return float(whole.replace(".", "") + "." + frac)
    if _THOUSANDS_DOT.fullmatch(text):
        return float(text.replace(".", ""))
    if _THOUSANDS_COMMA.fullmatch(text):
        return float(text.replace(",", ""))
    if _PLAIN.fullmatch(text):
        # One separator left: a comma is the Vietnamese decimal mark; a dot not followed by
        # exactly three digits ("2.5") is read as a decimal point written the English way.
        return float(text.replace(",", "."))
    raise ValueError(f"Không đọc được số «{text}».")


def parse_number(text: str) -> float:
    """Read a number written the Vietnamese way.

    Accepts "1.234", "1.234.567,5", "79,5", "05", a leading sign, a trailing scale word
    ("12,5 nghìn", "1,2 triệu", "3 tỷ") and number words ("hai mươi mốt").

    >>> parse_number("1.234.567,5")
    1234567.5
    >>> parse_number("12,5 nghìn")
    12500.0
    >>> parse_number("bốn mươi")
    40.0
    """
    original = text
    text = text.strip()
    if not text:
        raise ValueError("Chưa nhập số.")
    sign = 1.0
    if text[0] in "-−+":
        sign = -1.0 if text[0] != "+" else 1.0
        text = text[1:].strip()
    folded = strip_marks(text).lower()
    match = _SPLIT_SCALE.match(folded)
    assert match is not None  # the pattern matches any string
    head_len = len(match.group(1))
    scale = 1.0
    for word in match.group(2).split():
        scale *= SCALES[word]
    head = text[:head_len].strip()
    if not head:
        if scale == 1.0:
            raise ValueError(f"Không đọc được số «{original}».")
        return sign * scale
    if head[0].isdigit():
        try:
            value = parse_numeral(head.replace(" ", ""))
        except ValueError:
            raise ValueError(
                f"Không đọc được số «{original}»: hãy viết như 1.234 hoặc 79,5."
            ) from None
    else:
        value = float(words_to_number(head))
    return sign * value * scale


_UNITS: dict[str, int] = {
    "không": 0,
    "một": 1,
    "mốt": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "nhăm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
}
_WORD_SCALES: dict[str, int] = {
    "nghìn": 1000,
    "ngàn": 1000,
    "triệu": 1_000_000,
    "tỷ": 1_000_000_000,
    "tỉ": 1_000_000_000,
}
# Words only valid after "mươi"/"mười": "hai mươi mốt", "mười lăm", "hai mươi tư".
_AFTER_TENS_ONLY = {"mốt", "lăm", "nhăm", "tư"}
NUMBER_WORDS = frozenset([*_UNITS, *_WORD_SCALES, "mười", "mươi", "chục", "trăm", "linh", "lẻ"])


def words_to_number(text: str) -> int:
    """Read Vietnamese number words: "mười lăm" → 15, "hai mươi mốt" → 21, "trăm linh năm" → 105.

    Raises ``ValueError`` for a word that is not part of a number.

    >>> words_to_number("hai mươi mốt")
    21
    >>> words_to_number("ba nghìn hai trăm")
    3200
    """
    tokens = text.lower().split()
    if not tokens:
        raise ValueError("Chưa nhập số bằng chữ.")
    total = 0
    group = 0
    digit: int | None = None
    previous = ""
    for token in tokens:
        if token in _UNITS:
            if digit is not None:
                raise ValueError(f"Không đọc được số bằng chữ «{text}».")
            if token in _AFTER_TENS_ONLY and previous not in ("mươi", "mười"):
                raise ValueError(f"Không đọc được số bằng chữ «{text}».")
            digit = _UNITS[token]
        elif token == "mười":
            if digit is not None:
                raise ValueError(f"Không đọc được số bằng chữ «{text}».")
            group += 10
        elif token in ("mươi", "chục"):
            group += (1 if digit is None else digit) * 10
            digit = None
        elif token == "trăm":
            group += (1 if digit is None else digit) * 100
            digit = None
        elif token in ("linh", "lẻ"):
            pass
        elif token in _WORD_SCALES:
            amount = group + (digit or 0)
            total += (amount or 1) * _WORD_SCALES[token]
            group, digit = 0, None
        else:
            raise ValueError(f"«{token}» không phải là số bằng chữ.")
        previous = token
    return total + group + (digit or 0)
