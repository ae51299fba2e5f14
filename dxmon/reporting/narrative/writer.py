"""The writing itself: facts + a phrase table → paragraphs. No database here (pure functions).

Each pillar gets one paragraph opened by its lead ("Về chính quyền số, ..."), its clauses joined by
semicolons as the press writes them, at most ``CLAUSES_PER_SENTENCE`` per sentence. A clause states
only values it was given; every sentence keeps the references of the values it states.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from dxmon.reporting.narrative.types import Paragraph, Sentence, ValueRef
from dxmon.vn.numbers import format_number, format_percent

PHRASES_DIR = Path(__file__).parent / "phrases"
CLAUSES_PER_SENTENCE = 5
LANGS = ("vi", "en")

# Qualifiers as written in Vietnamese sources, in English.
QUALIFIERS_EN = {
    "trên": "over",
    "hơn": "more than",
    "gần": "nearly",
    "khoảng": "about",
    "xấp xỉ": "about",
    "dưới": "under",
    "chưa đến": "under",
    "ít nhất": "at least",
    "tối thiểu": "at least",
    "tối đa": "at most",
    "đạt": "",
}

SYNTHETIC_NOTICE = {
    "vi": "Lưu ý: các số liệu nêu trên là số liệu mô phỏng (giả lập) dùng để trình diễn, "
    "không phải số liệu thật.",
    "en": "Note: the figures above are synthetic (simulated) demonstration data, not real figures.",
}
GENERIC_PILLAR_LEAD = {"vi": "Về {name}", "en": "As for {name}"}


@dataclass(frozen=True)
class Fact:
    """One approved value with what the writer needs to know about its indicator."""

    code: str
    name_vi: str
    name_en: str
    value_type: str  # frameworks.choices.ValueType
    unit: str
    pillar_code: str
    pillar_name_vi: str
    pillar_name_en: str
    order: int
    ref: ValueRef


@dataclass(frozen=True)
class PhraseTable:
    """The phrase table of a framework (``phrases/<framework>.yaml``)."""

    pillars: dict[str, dict[str, str]] = field(default_factory=dict)
    indicators: dict[str, dict[str, str]] = field(default_factory=dict)
    combined: tuple[dict[str, Any], ...] = ()
    skip_pillars: frozenset[str] = frozenset()


@cache
def phrase_table(framework_code: str) -> PhraseTable:
    """The phrase table for ``framework_code``; an empty one when there is none."""
    path = PHRASES_DIR / f"{framework_code}.yaml"
    if not path.exists():
        return PhraseTable()
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8")) or {}
    return PhraseTable(
        pillars={str(k): dict(v) for k, v in (data.get("pillars") or {}).items()},
        indicators={str(k): dict(v) for k, v in (data.get("indicators") or {}).items()},
        combined=tuple(dict(item) for item in data.get("combined") or ()),
        skip_pillars=frozenset(str(code) for code in data.get("skip_pillars") or ()),
    )


# --- numbers ---------------------------------------------------------------------------------


def _number(x: float, lang: str) -> str:
    if lang == "vi":
        return format_number(round(x, 1) if x != int(x) else int(x))
    if x == int(x):
        return f"{int(x):,}"
    return f"{round(x, 1):,}"


def _percent(x: float, lang: str) -> str:
    if lang == "vi":
        return format_percent(x, decimals=1)
    text = f"{x:.1f}".rstrip("0").rstrip(".")
    return f"{text}%"


def _shown_value(fact: Fact) -> float | None:
    ref = fact.ref
    if ref.value is not None and not math.isnan(ref.value):
        return ref.value
    if ref.numerator is not None and ref.denominator:
        return 100.0 * ref.numerator / ref.denominator
    return None


def _qualified(text: str, qualifier: str, lang: str) -> str:
    qualifier = qualifier.strip()
    if not qualifier:
        return text
    if lang == "en":
        qualifier = QUALIFIERS_EN.get(qualifier.lower(), qualifier)
        if not qualifier:
            return text
    return f"{qualifier} {text}"


def value_text(fact: Fact, lang: str) -> str | None:
    """The value as written in a sentence: "trên 79%", "40", "over 79%"; None when unknown."""
    value = _shown_value(fact)
    if value is None:
        return None
    if fact.value_type == "ratio" or fact.unit == "%":
        text = _percent(value, lang)
    else:
        text = _number(value, lang)
    return _qualified(text, fact.ref.qualifier, lang)


def ratio_text(fact: Fact, lang: str) -> str | None:
    """ "4/4" when the numerator and denominator are known, else None."""
    ref = fact.ref
    if ref.numerator is None or ref.denominator is None:
        return None
    return f"{_number(ref.numerator, lang)}/{_number(ref.denominator, lang)}"


# --- clauses ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Clause:
    text: str
    refs: tuple[ValueRef, ...]
    pillar_code: str


_PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_.]+)\}")


def _fill(template: str, values: dict[str, str]) -> str:
    """Replace ``{name}`` placeholders (names may hold dots: ``{KTS.12}``)."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise ValueError(f"Mẫu câu «{template}» dùng ô «{name}» không có trong dữ liệu.")
        return values[name]

    return _PLACEHOLDER.sub(replace, template)


def _strip_parentheses(name: str) -> str:
    return re.sub(r"\s*\([^)]*\)", "", name).strip()


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _generic(fact: Fact, lang: str) -> str | None:
    """A phrase made from the indicator's name: "tỷ lệ ... đạt 79,5%"."""
    value = value_text(fact, lang)
    if value is None:
        return None
    name = _strip_parentheses(fact.name_en if lang == "en" and fact.name_en else fact.name_vi)
    if fact.value_type == "boolean":
        yes = (_shown_value(fact) or 0) >= 0.5
        if lang == "en":
            return f"{_lower_first(name)}: {'yes' if yes else 'not yet'}"
        return f"{_lower_first(name)}: {'có' if yes else 'chưa có'}"
    if fact.value_type in ("choice", "score"):
        return (
            f"{_lower_first(name)} scored {value} points"
            if lang == "en"
            else f"{_lower_first(name)} đạt {value} điểm"
        )
    unit = "" if fact.value_type == "ratio" or fact.unit == "%" else fact.unit
    if lang == "en":
        return f"{_lower_first(name)} stood at {value}"
    return f"{_lower_first(name)} đạt {value}{' ' + unit if unit else ''}"


def _template(entry: dict[str, str], lang: str, fact: Fact) -> str | None:
    if ratio_text(fact, lang) is not None and entry.get(f"{lang}_ratio"):
        return entry[f"{lang}_ratio"]
    if lang == "en" and _shown_value(fact) == 1 and entry.get("en_one"):
        return entry["en_one"]
    return entry.get(lang)


def _indicator_clause(fact: Fact, table: PhraseTable, lang: str) -> Clause | None:
    entry = table.indicators.get(fact.code)
    pillar = fact.pillar_code
    text: str | None = None
    if entry is not None:
        pillar = entry.get("pillar", pillar)
        template = _template(entry, lang, fact)
        value = value_text(fact, lang)
        if template is not None and value is not None:
            text = _fill(template, {"value": value, "ratio": ratio_text(fact, lang) or ""})
    if text is None:
        text = _generic(fact, lang)
    if text is None:
        return None
    return Clause(text=text, refs=(fact.ref,), pillar_code=pillar)


def _combined_clauses(
    facts: dict[str, Fact], table: PhraseTable, lang: str
) -> tuple[list[tuple[int, Clause]], set[str]]:
    """Clauses that state several indicators at once; returns them and the codes they used."""
    out: list[tuple[int, Clause]] = []
    used: set[str] = set()
    for entry in table.combined:
        codes = [str(code) for code in entry.get("codes", ())]
        if not codes or any(code not in facts or code in used for code in codes):
            continue
        group = [facts[code] for code in codes]
        values = {code: value_text(facts[code], lang) for code in codes}
        if any(v is None for v in values.values()):
            continue
        if entry.get("same_value") and len(set(values.values())) != 1:
            continue
        template = entry.get(lang)
        if lang == "en" and _shown_value(group[0]) == 1 and entry.get("en_one"):
            template = entry["en_one"]
        if not template:
            continue
        text = _fill(
            str(template),
            {"value": values[codes[0]] or "", **{k: v or "" for k, v in values.items()}},
        )
        pillar = str(
            entry.get("pillar")
            or table.indicators.get(codes[0], {}).get("pillar")
            or group[0].pillar_code
        )
        position = min(_position(fact, table) for fact in group)
        out.append(
            (position, Clause(text=text, refs=tuple(f.ref for f in group), pillar_code=pillar))
        )
        used.update(codes)
    return out, used


def _position(fact: Fact, table: PhraseTable) -> int:
    """Phrase-table order first (the article's order), then the framework's order."""
    codes = list(table.indicators)
    if fact.code in codes:
        return codes.index(fact.code)
    return len(codes) + fact.order


# --- paragraphs ------------------------------------------------------------------------------


def write(facts: Iterable[Fact], table: PhraseTable, lang: str) -> tuple[Paragraph, ...]:
    """Write the paragraphs for ``facts`` (one pillar each, in the phrase table's pillar order)."""
    if lang not in LANGS:
        raise ValueError(f"Ngôn ngữ «{lang}» chưa được hỗ trợ (chỉ có vi, en).")
    by_code = {fact.code: fact for fact in facts if fact.pillar_code not in table.skip_pillars}
    clauses, used = _combined_clauses(by_code, table, lang)
    for fact in by_code.values():
        if fact.code in used:
            continue
        clause = _indicator_clause(fact, table, lang)
        if clause is not None:
            clauses.append((_position(fact, table), clause))
    clauses.sort(key=lambda item: item[0])

    pillar_names: dict[str, str] = {}
    for fact in by_code.values():
        pillar_names.setdefault(
            fact.pillar_code, fact.pillar_name_en if lang == "en" else fact.pillar_name_vi
        )
    pillar_order = list(table.pillars) + sorted(
        {clause.pillar_code for _, clause in clauses} - set(table.pillars)
    )
    paragraphs: list[Paragraph] = []
    for pillar in pillar_order:
        own = [clause for _, clause in clauses if clause.pillar_code == pillar]
        if not own:
            continue
        lead = table.pillars.get(pillar, {}).get(lang) or GENERIC_PILLAR_LEAD[lang].format(
            name=_lower_first(pillar_names.get(pillar, pillar))
        )
        paragraphs.append(Paragraph(sentences=_sentences(lead, own), pillar_code=pillar))
    refs = [ref for paragraph in paragraphs for s in paragraph.sentences for ref in s.sources]
    synthetic = tuple(ref for ref in refs if ref.is_synthetic)
    if synthetic:
        paragraphs.append(
            Paragraph(sentences=(Sentence(text=SYNTHETIC_NOTICE[lang], sources=synthetic),))
        )
    return tuple(paragraphs)


def _sentences(lead: str, clauses: Sequence[Clause]) -> tuple[Sentence, ...]:
    """Clauses joined by ";" into sentences; the first opens with the pillar's lead."""
    sentences: list[Sentence] = []
    for start in range(0, len(clauses), CLAUSES_PER_SENTENCE):
        chunk = clauses[start : start + CLAUSES_PER_SENTENCE]
        for index, clause in enumerate(chunk):
            text = clause.text
            if index == 0 and start == 0:
                text = f"{lead}, {text}"
            elif index == 0:
                text = _upper_first(text)
            text += "." if index == len(chunk) - 1 else ";"
            sentences.append(Sentence(text=text, sources=clause.refs))
    return tuple(sentences)
