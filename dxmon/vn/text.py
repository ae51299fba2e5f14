"""Vietnamese text helpers: folding diacritics for search and sorting."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case ``text`` and strip Vietnamese diacritics, so "tan hoi" matches "Tân Hội".

    ``đ`` has no Unicode decomposition, so it is mapped to ``d`` by hand.

    Examples
    --------
    >>> fold("Xã Tân Hội")
    'xa tan hoi'
    >>> fold("  ĐẶC KHU  Côn Đảo ")
    'dac khu con dao'
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped).strip().lower()


def _build_strip_table() -> dict[int, str]:
    table: dict[int, str] = {ord("đ"): "d", ord("Đ"): "D"}
    for code in range(0x00C0, 0x1EFF + 1):
        ch = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        if len(base) == 1 and base != ch and base.isascii():
            table[code] = base
    return table


_STRIP_TABLE = _build_strip_table()


def strip_marks(text: str) -> str:
    """Remove Vietnamese diacritics from NFC text, keeping case and length.

    Offsets into the result are offsets into ``text``, which is what the extractor needs.

    >>> strip_marks("Tân Hội, ĐỒNG THÁP")
    'Tan Hoi, DONG THAP'
    """
    return text.translate(_STRIP_TABLE)


# Vietnamese alphabetical order; f, j, w, z (foreign words) sit where Latin puts them.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {ch: i + 1 for i, ch in enumerate(_ALPHABET)}
# Breve, circumflex and horn make letters of their own.
_SHAPED = {
    "a\u0306": "ă",
    "a\u0302": "â",
    "e\u0302": "ê",
    "o\u0302": "ô",
    "o\u031b": "ơ",
    "u\u031b": "ư",
}
# Tones in dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_WORD = re.compile(r"\w+")


def _letter(ch: str) -> tuple[int, int]:
    """(letter rank, tone rank) of one character."""
    lower = ch.lower()
    if lower in _LETTER_RANK:
        return _LETTER_RANK[lower], 0
    parts = unicodedata.normalize("NFD", lower)
    base, marks = parts[0], parts[1:]
    tone = 0
    for mark in marks:
        if mark in _TONE_RANK:
            tone = _TONE_RANK[mark]
        else:
            base = _SHAPED.get(base + mark, base)
    if base in _LETTER_RANK:
        return _LETTER_RANK[base], tone
    if ch.isspace():
        return 0, 0
    return 1000 + ord(base), tone


def sort_key(name: str) -> tuple[tuple[int, ...], tuple[int, ...], str]:
    """A key that sorts Vietnamese names alphabetically: letters first, tones second.

    The letter order is a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y; tones
    (ngang, huyền, hỏi, ngã, sắc, nặng) only break ties between otherwise equal names.

    >>> sorted(["Đông", "Dung", "Ân", "An", "Bắc"], key=sort_key)
    ['An', 'Ân', 'Bắc', 'Dung', 'Đông']
    """
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", name)).strip()
    pairs = [_letter(ch) for ch in text]
    return tuple(p[0] for p in pairs), tuple(p[1] for p in pairs), text


def matches(query: str, text: str) -> bool:
    """True when every word of ``query`` begins a word of ``text``, ignoring case and diacritics.

    >>> matches("tan hoi", "Xã Tân Hội")
    True
    >>> matches("t hoi", "Xã Tân Hội")
    True
    >>> matches("an hoi", "Xã Tân Hội")
    False
    """
    words = _WORD.findall(fold(text))
    return all(any(w.startswith(q) for w in words) for q in _WORD.findall(fold(query)))
