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
