"""Find the figures (percentages, counts, ratios, sums of money) in Vietnamese narrative text.

The scanner works on a copy of the text with diacritics stripped (same length, so offsets carry
over), finds number candidates with one compiled pattern, drops those that are dates, times,
document numbers, place names, technology names and the like, and reads the qualifier ("trên",
"gần"), the unit and the subject each figure measures.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Literal

from dxmon.vn.numbers import SCALES, parse_numeral, words_to_number
from dxmon.vn.text import strip_marks

Unit = Literal["percent", "count", "ratio", "money_vnd", "other"]


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure found in a text, with the exact span it was read from.

    ``start``/``end`` are character offsets into the text given to :func:`extract`, so
    ``text == source[start:end]``. For a ratio ("4/4 ấp") ``value`` is the numerator.
    """

    text: str
    value: float
    unit: Unit
    numerator: float | None
    denominator: float | None
    qualifier: str | None
    subject: str
    sentence: str
    start: int
    end: int


# --------------------------------------------------------------------------------------------
# Patterns. All but the document-number pattern run on the diacritic-free copy of the text.

_NUM = r"\d+(?:[.,]\d+)*"
_UNIT_GLUED = r"(?:km2?|m2|m|ha|kg|GB|MB|TB|Mbps|Gbps|MHz|GHz)(?!\w)"  # "06km", "5m"
_NUM_END = rf"(?:(?={_UNIT_GLUED})|(?![\w]|[.,:]\d|[-/]\w))"
_SCALE_WORDS = r"nghin|ngan|trieu|ty|ti"

# The left boundary (no letter, digit, ".", ",", "/", ":", "-" or "+" before the number) is checked
# in code: a pattern that starts with a digit lets the regex engine skip ahead fast.
_NOT_BEFORE_NUMBER = frozenset(".,/:-+")
_CANDIDATE = re.compile(
    rf"""
    (?P<num>{_NUM})
    (?:[^\S\n]?[-–][^\S\n]?(?P<hi>{_NUM}))?     # a range: "70-80 tỷ USD", "2-3 mã QR"
    (?:
        (?:\s*/\s*|\s+(?:tren|of)\s+|\s+trong\s+(?:tong\s+)?so\s+)
        (?P<den>{_NUM})
    )?
    {_NUM_END}
    (?P<scale>(?:[^\S\n]+(?:{_SCALE_WORDS})(?!\w))*)
    (?:
        (?P<pct>[^\S\n]?%|[^\S\n]+phan\s+tram(?!\w))
      | (?P<money>[^\S\n]*(?:dong|VND|VNĐ|vnd|d)(?!\w))
    )?
    """,
    re.VERBOSE | re.IGNORECASE,
)

# Case matters: "2022 Đồng Tháp" is a year and a province.
_MONEY_WORDS = frozenset(["đồng", "đ", "VND", "VNĐ", "vnđ", "vnd"])
_WORD_NUMBERS = (
    "mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi|lam|nham|tu|tram|linh|le|nghin|ngan|chuc|nhat"
)
_WORDS_CANDIDATE = re.compile(
    rf"(?<!\w)(?P<words>(?:(?:{_WORD_NUMBERS})\s+)*(?:{_WORD_NUMBERS}))(?=\s+\w)",
    re.IGNORECASE,
)

# Phone numbers: "0912 345 678", "02703.822.123", "+84 912 345 678". Dates, times and document
# numbers never become candidates: the candidate pattern refuses digits glued to "/", "-", ":".
_PHONE = re.compile(r"(?:\+84\s?|0)\d{2,3}[\s.]?\d{3}[\s.]?\d{3,4}(?![\d,])")

# Words right before a number that make it a name, a date part, a level or a reference. They are
# looked up on the original text: without diacritics "thứ" (ordinal) would be "thu" (to collect).
NAME_PREFIXES = frozenset(
    """
    thôn ấp phường quận tổ khóm khoám xóm đội buôn làng khu đường lô nhà QL ĐT km
    ngày tháng năm quý tuần kỳ đợt khóa khoá phiên mức cấp level bậc lớp version ver v
    web covid điều khoản chương mục trang tập luật hotline sđt fax zalo mã iso tcvn ipv wifi
    wi-fi sáng chiều tối trưa đêm hôm mtqg thứ
    """.lower().split()
) | frozenset(
    (
        "tổ dân phố",
        "khu phố",
        "khu vực",
        "tiểu khu",
        "liên tổ",
        "quốc lộ",
        "tỉnh lộ",
        "căn hộ",
        "nhiệm kỳ",
        "năm học",
        "thế kỷ",
        "giai đoạn",
        "mức độ",
        "cấp độ",
        "phiên bản",
        "công nghiệp",
        "cách mạng",
        "lần thứ",
        "vị trí",
        "số thứ tự",
        "phụ lục",
        "kế hoạch",
        "quyết định",
        "nghị quyết",
        "nghị định",
        "thông tư",
        "chỉ thị",
        "công văn",
        "thông báo",
        "tờ trình",
        "đề án",
        "chương trình",
        "hướng dẫn",
        "quy định",
        "kết luận",
        "điện thoại",
        "tổng đài",
        "mã số",
        "dự án",
        "tiểu dự án",
        "chỉ tiêu",
        "tiêu chí",
        "định danh",
        "lượt xem",
        "lượt truy cập",
        "truy cập",
        "hôm nay",
        "hôm qua",
        "tuần này",
        "tháng này",
        "tất cả",
        "thứ tự",
        "năm thứ",
        "ngày thứ",
    )
)
# "tổng số 45 hồ sơ" is a figure although "số 45" is a reference.
# "số" before a number is a reference ("Kế hoạch số 45", "nhà số 5") only after these words;
# elsewhere it is mostly "digital" ("chuyển đổi số 3 lĩnh vực").
_NUMBERED_THINGS = NAME_PREFIXES - {"số"} | frozenset(["nhà", "phòng", "quyển", "hồ sơ", "văn bản"])
# Ranks: "xếp thứ 12", "vị trí thứ 2", "xếp hạng 4", "top 10" (unit other).
_RANK_WORDS = frozenset(("thứ", "hạng", "vị trí", "top", "tốp", "xếp hạng", "hạng thứ"))
_NOT_RANK_BEFORE = frozenset(("lần", "ngày", "kỳ", "khóa", "khoá", "đợt", "phiên", "năm"))
_VAGUE_WORDS = frozenset(("hàng", "vài", "mấy", "thứ", "một vài", "hàng chục"))
_QUALIFIERS = frozenset(
    ["trên", "hơn", "gần", "đạt", "khoảng", "dưới", "tới", "chỉ", "vượt", "đến"]
) | frozenset(
    (
        "lên tới",
        "lên đến",
        "chưa tới",
        "chưa đến",
        "gần như",
        "xấp xỉ",
        "tối thiểu",
        "tối đa",
        "ít nhất",
        "không quá",
        "hầu hết",
    )
)
_SEPARATING_PUNCT = frozenset(',;.!?…)”"')
_TOKEN_PUNCT = "()[]\"“”'‘’,;:.!?…"


def _tail(text: str, pos: int) -> list[str]:
    """The last (up to four) words before ``pos``, lower-cased, without punctuation."""
    words = text[max(0, pos - 40) : pos].lower().split()[-4:]
    if words and words[-1][-1] in _SEPARATING_PUNCT:
        return []  # "Về chính quyền số, 90%": the comma ends the phrase before the number
    return [w.strip(_TOKEN_PUNCT) for w in words]


def _ends_with(tail: list[str], phrases: frozenset[str]) -> int:
    """How many words at the end of ``tail`` form one of ``phrases`` (0 when none)."""
    for k in (2, 1, 3):
        if len(tail) >= k and " ".join(tail[-k:]) in phrases:
            return k
    return 0


def _is_name_prefix(tail: list[str]) -> bool:
    if not tail or not tail[-1]:
        return False
    if tail[-1] == "số":
        return len(tail) == 1 or _ends_with(tail[:-1], _NUMBERED_THINGS) > 0
    return _ends_with(tail, NAME_PREFIXES) > 0


def _is_rank(tail: list[str]) -> bool:
    k = _ends_with(tail, _RANK_WORDS)
    return k > 0 and not (len(tail) > k and tail[-k - 1] in _NOT_RANK_BEFORE)


# Words right after a number that make it a duration, an age or a point in time.
_TIME_SUFFIX = re.compile(
    r"\s*(?:ngày|tháng|năm|giờ|phút|giây|tuần|tuổi|quý|thế\s+kỷ|thập\s+niên|sao)(?!\w)",
    re.IGNORECASE,
)
_OTHER_SUFFIX = re.compile(
    r"[^\S\n]*(?:km2?|m2|m|ha|kg|tan|GB|MB|TB|Mbps|Gbps|Kbps|Mb/s|Gb/s|MHz|GHz|lan|bac|hang|USD|\$"
    r"|diem(?![^\S\n]+(?:cau|phat|giao|truy|du\s+lich|ban)))(?!\w)",
    re.IGNORECASE,
)

# Counting nouns, diacritics stripped; the longest that follows a count joins its span.
COUNT_NOUNS = (
    "thanh vien",
    "nguoi dan",
    "nguoi",
    "ho gia dinh",
    "ho kinh doanh",
    "ho dan",
    "ho",
    "can bo, cong chuc",
    "can bo",
    "cong chuc",
    "vien chuc",
    "doanh nghiep",
    "hop tac xa",
    "HTX",
    "ho so",
    "thu tuc hanh chinh",
    "thu tuc",
    "TTHC",
    "dich vu cong",
    "dich vu",
    "linh vuc",
    "tru cot",
    "to cong nghe so cong dong",
    "to",
    "ap",
    "thon",
    "khom",
    "xa",
    "phuong",
    "thi tran",
    "huyen",
    "diem",
    "cuoc",
    "lop",
    "luot",
    "tai khoan",
    "may tinh",
    "may",
    "camera",
    "van ban",
    "group",
    "nhom",
    "mo hinh",
    "san pham",
    "gian hang",
    "tram",
    "truong",
    "co so",
    "buoi",
    "lan",
    "nen tang",
    "phan mem",
    "ung dung",
    "he thong",
    "co quan",
    "don vi",
    "hoc sinh",
    "giao vien",
    "thiet bi",
    "cot",
    "trang",
    "bai",
    "tin",
    "hoi nghi",
    "chi tieu",
    "nhiem vu",
    "tieu chi",
    "hoc vien",
    "chu ky so",
    "hop dong",
    "giao dich",
    "diem phat song",
    "tram BTS",
    "ban",
    "chu the",
    "tieu thuong",
    "cho",
    "HTX",
)
_COUNT_NOUN = re.compile(
    r"[^\S\n]+(?:"
    + "|".join(
        sorted({re.escape(n).replace(r"\ ", r"[^\S\n]+") for n in COUNT_NOUNS}, key=len)[::-1]
    )
    + r")(?!\w)",
    re.IGNORECASE,
)

_QUALIFIER_SPAN = re.compile(r"\S+(?:\s+\S+)?\s*$")


def _qualifier(text: str, start: int) -> tuple[str | None, int]:
    """(qualifier, span start) for a number starting at ``start``."""
    tail = _tail(text, start)
    k = _ends_with(tail, _QUALIFIERS)
    if not k or (k == 1 and tail[-1] == "trên" and len(tail) >= 2 and tail[-2] == "dựa"):
        return None, start
    window = text[max(0, start - 30) : start]
    words = list(re.finditer(r"\S+", window))[-k:]
    return " ".join(tail[-k:]), start - (len(window) - words[0].start())


# Sentence and clause boundaries (on the stripped copy, where capitals are ASCII).
_SENTENCE_BREAK = re.compile(r"\n\s*|(?<=[.!?])[\"”)]?\s+(?=[\"“(\[]?[A-Z0-9])")
_CLAUSE_BREAK = re.compile(r"[;:]")
_LIST_GAP = re.compile(r"\s*(?:,|;)?\s*(?:và|hoặc|còn|và\s+có)?\s*$", re.IGNORECASE)
_UNIT_LIST_GAP = re.compile(r"\s*(?:,|,?\s*(?:và|hay|hoặc|đến|tới|-|–))\s*", re.IGNORECASE)
_EXCLUDED_LIST_GAP = re.compile(r"\s*(?:,|và|hoặc|-|–)\s*$", re.IGNORECASE)
# Linking words and verbs, matched on the original text (without diacritics "tại" is "tài").
# Verbs that put the subject before the figure: "tỷ lệ ... đạt 85%".
_SUBJECT_BEFORE = re.compile(
    r"(?<!\w)(?:đạt|là|chiếm|bằng|đạt\s+tỷ\s+lệ|đạt\s+tỉ\s+lệ|đạt\s+mức|ở\s+mức|lên|tăng"
    r"|giảm|còn)(?:\s+(?:lần\s+lượt|khoảng|trên|hơn|gần|dưới))?\s*[:=]?\s*$|[:=]\s*$",
    re.IGNORECASE,
)
_TRAILING_LINKS = re.compile(
    r"(?:[\s,;:.…-]|(?<!\w)(?:là|gồm|với|và|của|đạt|chiếm|đạt\s+tỷ\s+lệ|lần\s+lượt(?:\s+là)?"
    r"|trong\s+đó|bao\s+gồm|có|được|ở\s+mức|lên|tăng|giảm|còn|trên|hơn|gần|khoảng)(?!\w))+$",
    re.IGNORECASE,
)
_LEADING_LINKS = re.compile(r"^(?:[\s,;:.…-]|(?:và|còn|trong\s+đó)(?!\w))+", re.IGNORECASE)
_COUNT_SUBJECT_END = re.compile(
    r"[,;:.(]|\s(?:với|gồm|bao\s+gồm|trong\s+đó|như|tại|của|cho|để|và)\s", re.IGNORECASE
)
_PERCENT_SUBJECT_END = re.compile(r";|\s(?:so\s+với|tăng|giảm)\s|\(", re.IGNORECASE)


@dataclass(slots=True)
class _Raw:
    start: int  # including the qualifier
    number_start: int
    end: int
    subject_from: int  # where the after-subject may start: a count's noun belongs to it
    value: float
    unit: Unit
    numerator: float | None
    denominator: float | None
    qualifier: str | None


def _sentences(stripped: str) -> list[tuple[int, int]]:
    bounds: list[tuple[int, int]] = []
    pos = 0
    for m in _SENTENCE_BREAK.finditer(stripped):
        if m.start() > pos:
            bounds.append((pos, m.start()))
        pos = m.end()
    if pos < len(stripped):
        bounds.append((pos, len(stripped)))
    return bounds


def _left(text: str, pos: int, width: int = 40) -> str:
    return text[max(0, pos - width) : pos]


def _line_bounds(text: str, start: int, end: int) -> tuple[str, str]:
    """The text before ``start`` on its line and after ``end`` on its line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return text[line_start:start], text[end : line_end if line_end >= 0 else len(text)]


def _is_layout_number(text: str, start: int, end: int) -> bool:
    """A heading number ("1.", "1.1.", "2)"), a citation ("[12]") or a number alone on a line."""
    before, after = _line_bounds(text, start, end)
    if before.strip() == "" and (
        after.strip() == "" or after[:1] in ".)" or _HEADING_NUMBER.match(text, start)
    ):
        return True
    return before.endswith("[")


_HEADING_NUMBER = re.compile(r"\d+(?:\.\d+)+\.?\s")
_RANK_CONTEXT = re.compile(r"(?<!\w)(?:xếp|hạng|thứ|vị\s+trí|top|tốp)(?!\w)", re.IGNORECASE)
_DOCUMENT_SUFFIX = re.compile(r"[^\S\n]?/[^\S\n]?[A-ZĐ]")  # "Số: 109 /BC-BTTTT"
_DAY_MONTH = re.compile(r"(?:[1-9]|[12]\d|3[01])\.(?:[1-9]|1[0-2])|\d+\.0")  # "10.10", "4.0"
_LIST_ITEM_END = re.compile(r"\.[^\S\n]+[A-ZĐ]")


def _candidates(text: str, stripped: str) -> list[_Raw]:
    found: list[_Raw] = []
    # Where the last number left out for its prefix ended ("mức độ 3, 4": the 4 goes too) and
    # where the last rank ended ("vị trí thứ 5, 6, 7": all ranks).
    last_excluded_end = last_rank_end = -10
    for m in _CANDIDATE.finditer(stripped):
        start, end = m.span()
        if start and (stripped[start - 1].isalnum() or stripped[start - 1] in _NOT_BEFORE_NUMBER):
            if stripped[start - 1] == "+" and (phone := _PHONE.match(text, start - 1)):
                last_excluded_end = phone.end()
            continue
        if not m.group("den") and not m.group("pct") and _TIME_SUFFIX.match(text, m.end("num")):
            continue  # "5 ngày", "60 tuổi", "xếp hạng 3 sao"
        if start < last_excluded_end:
            continue  # inside a phone number
        num_text, den_text, hi_text = m.group("num"), m.group("den"), m.group("hi")
        pct, money, scale_words = m.group("pct"), m.group("money"), m.group("scale")
        bare = not (pct or money or scale_words)
        num_end = m.end("den") if den_text else m.end("hi") if hi_text else m.end("num")
        if hi_text and (den_text or (len(num_text) == 4 and num_text[:2] in ("19", "20"))):
            continue  # "2021-2025"; a range of ratios is not read
        if _DOCUMENT_SUFFIX.match(text, num_end):
            continue
        if num_text[0] == "0" and (phone := _PHONE.match(text, start)):
            last_excluded_end = phone.end()
            continue
        tail = _tail(text, start)
        continues = start - last_rank_end < 12 and bare and not den_text
        rank = bare and (
            _is_rank(tail)
            or (continues and _EXCLUDED_LIST_GAP.fullmatch(text, last_rank_end, start) is not None)
        )
        if not rank and bare and den_text and den_text in ("63", "34"):
            # DTI rankings are out of 63 provinces (34 since 2025): "nhân lực số 28/63".
            sentence_start = max(text.rfind(".", 0, start), text.rfind("\n", 0, start))
            rank = _RANK_CONTEXT.search(text, sentence_start + 1, start) is not None
        if rank:
            last_rank_end = num_end
        elif bare and (
            _is_name_prefix(tail)
            or (
                bare
                and start - last_excluded_end < 8
                and _EXCLUDED_LIST_GAP.fullmatch(text, last_excluded_end, start)
                and not _COUNT_NOUN.match(stripped, end)
            )
            or (bare and _is_layout_number(text, start, num_end))
        ):
            last_excluded_end = num_end
            continue
        if not rank and bare and not den_text:
            if _TIME_SUFFIX.match(text, end):
                continue
            if (
                len(num_text) == 4
                and num_text[:2] in ("19", "20")
                and not _COUNT_NOUN.match(stripped, end)
            ):
                continue  # a year
            if len(num_text) >= 9 and num_text[0] == "0":
                continue  # a phone number written without spaces
            if _DAY_MONTH.fullmatch(num_text) and not _OTHER_SUFFIX.match(stripped, end):
                continue  # "ngày 10.10", "chợ 4.0"
            if (
                len(num_text) <= 2
                and _LIST_ITEM_END.match(text, num_end)
                and not _COUNT_NOUN.match(stripped, end)
            ):
                continue  # an inline list number: "… một cửa” 2. Lê Văn Chung"
        try:
            value = parse_numeral(hi_text or num_text)
            low = parse_numeral(num_text) if hi_text else None
            den = parse_numeral(den_text) if den_text else None
        except ValueError:
            continue
        scale = 1.0
        for word in scale_words.split():
            scale *= SCALES[word.lower()]
        value *= scale
        unit: Unit
        if pct:
            unit = "percent"
        elif money:
            if text[m.start("money") : m.end("money")].strip() not in _MONEY_WORDS:
                continue  # "d" or "dong" written without the diacritics of "đ", "đồng"
            unit = "money_vnd"
        elif rank:
            unit = "other"
        elif den is not None:
            unit = "ratio"
        elif other := _OTHER_SUFFIX.match(stripped, end):
            unit = "other"
            end = other.end()
        elif value != int(value) and not scale_words:
            unit = "other"  # "DTI đạt 0,8241": an index value, not a count
        else:
            unit = "count"
        subject_from = end
        if unit in ("count", "ratio"):
            noun = _COUNT_NOUN.match(stripped, end)
            if noun:
                end = noun.end()
        qualifier, span_start = _qualifier(text, start)
        if low is not None:
            # A range gives two figures, the low end sharing the high end's unit and scale.
            found.append(
                _Raw(
                    start=span_start,
                    number_start=start,
                    end=m.end("num"),
                    subject_from=subject_from,
                    value=low * scale,
                    unit=unit,
                    numerator=None,
                    denominator=None,
                    qualifier=qualifier,
                )
            )
            span_start = start = m.start("hi")
            qualifier = None
        found.append(
            _Raw(
                start=span_start,
                number_start=start,
                end=end,
                subject_from=subject_from,
                value=value,
                unit=unit,
                numerator=value if den is not None else None,
                denominator=den,
                qualifier=qualifier,
            )
        )
    for m in _WORDS_CANDIDATE.finditer(stripped):
        raw = _word_figure(text, stripped, m)
        if raw is not None:
            found.append(raw)
    found.sort(key=lambda r: r.start)
    kept: list[_Raw] = []
    for raw in found:
        if kept and raw.start < kept[-1].end:
            continue
        kept.append(raw)
    # "3.000, 5.000 hay 10.000 đồng", "10, 20 và 30%": bare numbers of a list take the unit
    # written after its last member.
    for i in range(len(kept) - 2, -1, -1):
        raw, following = kept[i], kept[i + 1]
        if (
            raw.unit == "count"
            and raw.end == raw.subject_from
            and following.unit in ("money_vnd", "percent")
            and _UNIT_LIST_GAP.fullmatch(text, raw.end, following.start)
        ):
            raw.unit = following.unit
    return kept


_SCALE_FIRST = frozenset(
    ["trăm", "nghìn", "ngàn", "triệu", "tỷ", "tỉ", "mươi", "chục", "linh", "lẻ"]
)
_SINGLE_AFTER = frozenset(["trong", "gồm", "có", "với", "của"])


def _word_figure(text: str, stripped: str, m: re.Match[str]) -> _Raw | None:
    """A figure written in words: "bốn mươi thành viên", rank "đứng thứ hai"."""
    start, end = m.span("words")
    words = text[start:end]
    tokens = words.lower().split()
    tail = _tail(text, start)
    if _is_rank(tail):
        if words[0].isupper():
            return None  # "thứ Bảy": a weekday
        value = 1.0 if tokens == ["nhất"] else None
        if value is None:
            try:
                value = float(words_to_number(words))
            except ValueError:
                return None
        return _Raw(start, start, end, end, value, "other", None, None, None)
    if tokens[0] in _SCALE_FIRST or "nhất" in tokens:
        return None  # "phần trăm", "hàng nghìn": not a figure
    if (
        len(tokens) == 1
        and tokens[0] in ("một", "năm", "tư")
        and not (tokens[0] == "năm" and tail and tail[-1] in _SINGLE_AFTER)
    ):
        return None  # "một số", "năm 2022", "từ" are rarely numbers; "một trong năm huyện" is
    noun = _COUNT_NOUN.match(stripped, end)
    if noun is None:
        return None
    if _ends_with(tail, _VAGUE_WORDS) or _is_name_prefix(tail):
        return None
    try:
        value = float(words_to_number(words))
    except ValueError:
        return None
    if value < 2:
        return None
    qualifier, span_start = _qualifier(text, start)
    return _Raw(
        start=span_start,
        number_start=start,
        end=noun.end(),
        subject_from=end,
        value=value,
        unit="count",
        numerator=None,
        denominator=None,
        qualifier=qualifier,
    )


def _clean(text: str, a: int, b: int) -> str:
    """``text[a:b]`` without linking words and punctuation at either end."""
    part = text[a:b]
    m = _TRAILING_LINKS.search(part)
    if m:
        b = a + m.start()
        part = text[a:b]
    m = _LEADING_LINKS.match(part)
    if m:
        a += m.end()
    return text[a:b].strip()


def _subjects(text: str, stripped: str, raws: list[_Raw], sentence: tuple[int, int]) -> list[str]:
    """The subject of each figure of one sentence, as written."""
    s_start, s_end = sentence
    subjects: list[str] = [""] * len(raws)
    # After-text: from a figure's end to the next figure or the end of its clause.
    after: list[str] = []
    for i, raw in enumerate(raws):
        limit = raws[i + 1].start if i + 1 < len(raws) else s_end
        pattern = _COUNT_SUBJECT_END if raw.unit in ("count", "money_vnd") else _PERCENT_SUBJECT_END
        m = pattern.search(text, raw.subject_from, limit)
        stop = m.start() if m else limit
        after.append(_clean(text, raw.subject_from, stop))
    before_verb = [
        raw.unit != "count"
        and _SUBJECT_BEFORE.search(_left(text, raw.number_start, 30)) is not None
        for raw in raws
    ]
    # Right to left, so a figure with nothing after it takes the subject of the next figure of
    # the same list ("90%, 95% và 100% hồ sơ").
    for i in range(len(raws) - 1, -1, -1):
        raw = raws[i]
        if after[i] and not before_verb[i]:
            subjects[i] = after[i]
            continue
        if (
            not after[i]
            and i + 1 < len(raws)
            and _LIST_GAP.fullmatch(text[raw.end : raws[i + 1].start])
            and subjects[i + 1]
            and not before_verb[i + 1]
        ):
            subjects[i] = subjects[i + 1]
            continue
        # Before-text: from the clause start (or the previous figure) to this figure.
        first = i
        while first > 0 and _LIST_GAP.fullmatch(text[raws[first - 1].end : raws[first].start]):
            first -= 1
        # A colon right before the figure introduces it ("Tỷ lệ …: 90%"); earlier ones end
        # the clause.
        search_end = len(stripped[s_start : raws[first].start].rstrip(" \t:=")) + s_start
        clause_start = s_start
        for m in _CLAUSE_BREAK.finditer(stripped, s_start, search_end):
            clause_start = m.end()
        if first > 0:
            clause_start = max(clause_start, raws[first - 1].end)
        before = _clean(text, clause_start, raws[first].start)
        subjects[i] = before or after[i]
    return subjects


def extract(text: str) -> list[Figure]:
    """Every figure of ``text`` in reading order.

    A figure's span starts at its qualifier ("trên 79%") and, for counts and ratios, ends after
    a counting noun that follows ("40 thành viên", "4/4 ấp"). Give NFC text (the readers do).

    >>> [f.text for f in extract("Có 4/4 ấp đã thành lập tổ; ngày 17-8-2022 đạt trên 79%.")]
    ['4/4 ấp', 'trên 79%']
    """
    stripped = strip_marks(text)
    raws = _candidates(text, stripped)
    if not raws:
        return []
    sentences = _sentences(stripped)
    sentence_starts = [s for s, _ in sentences]
    figures: list[Figure] = []
    i = 0
    while i < len(raws):
        k = max(0, bisect.bisect_right(sentence_starts, raws[i].number_start) - 1)
        sentence = sentences[k] if sentences else (0, len(text))
        j = i
        while j < len(raws) and raws[j].start < sentence[1]:
            j += 1
        j = max(j, i + 1)
        group = raws[i:j]
        subjects = _subjects(text, stripped, group, sentence)
        sentence_text = text[sentence[0] : sentence[1]].strip()
        for raw, subject in zip(group, subjects, strict=True):
            figures.append(
                Figure(
                    text=text[raw.start : raw.end],
                    value=raw.value,
                    unit=raw.unit,
                    numerator=raw.numerator,
                    denominator=raw.denominator,
                    qualifier=raw.qualifier,
                    subject=subject,
                    sentence=sentence_text,
                    start=raw.start,
                    end=raw.end,
                )
            )
        i = j
    return figures
