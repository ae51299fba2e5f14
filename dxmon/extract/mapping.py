"""Map extracted figures to the indicators of a framework by what their subject means.

Each indicator is described by its names and a lexicon of phrases typical of reports
(``lexicon/<framework>.yaml``). A figure's subject is compared with both: lexicon phrases found
in the subject count most, phrases found elsewhere in the sentence a quarter (one point at
most), and the overlap of content words with the indicator's name (rapidfuzz's token-set ratio
blended with a Dice coefficient) adds the rest. A unit that cannot fit (a count for a
percentage indicator) lowers the score. Case and tone placement are ignored; diacritics are
ignored only for text typed without any.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz
from ruamel.yaml import YAML

from dxmon.extract.figures import Figure
from dxmon.vn.text import fold

LEXICON_DIR = Path(__file__).resolve().parent / "lexicon"

# Words that say nothing about what is measured.
STOPWORDS = frozenset(
    [
        "ty",
        "le",
        "so",
        "cac",
        "cua",
        "va",
        "duoc",
        "co",
        "trong",
        "tren",
        "tai",
        "cho",
        "voi",
        "la",
        "da",
        "den",
        "nhung",
        "mot",
        "nay",
        "do",
        "the",
        "theo",
        "tu",
        "vao",
        "ra",
        "de",
        "khi",
        "thi",
        "ma",
        "nhu",
        "ve",
        "hoac",
        "xa",
        "phuong",
        "thi",
        "tran",
        "tong",
        "dat",
        "dang",
        "nam",
        "ky",
        "viec",
    ]
)
_TOKEN = re.compile(r"\w+")
# Old and new tone placement ("hoá"/"hóa", "thuỷ"/"thủy") are the same word.
_OLD_STYLE = {
    "oá": "óa", "oà": "òa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oé": "óe", "oè": "òe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uý": "úy", "uỳ": "ùy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}  # fmt: skip
_OLD_STYLE_RE = re.compile("|".join(_OLD_STYLE))


def normalise(text: str) -> str:
    """Lower-case NFC text with one tone placement. Diacritics are kept: folded, "hộ" (household)
    would match "hồ sơ" (dossier)."""
    text = unicodedata.normalize("NFC", text).lower().replace("đ", "đ")
    return _OLD_STYLE_RE.sub(lambda m: _OLD_STYLE[m.group(0)], text)


def _has_marks(text: str) -> bool:
    return fold(text) != " ".join(text.lower().split())


# Which indicator unit kinds a figure unit can fill.
_COMPATIBLE: dict[str, frozenset[str]] = {
    "percent": frozenset({"percent", "ratio"}),
    "ratio": frozenset({"percent", "ratio", "count"}),
    "count": frozenset({"count"}),  # a count may be the numerator of a percentage: below
    "money_vnd": frozenset({"money_vnd", "money", "count"}),
    "other": frozenset({"score", "other", "rank"}),
}


@dataclass(frozen=True, slots=True)
class IndicatorDescriptor:
    """What the mapper needs to know of an indicator.

    ``unit`` is the kind of value: "percent", "count", "score", "boolean", "money_vnd" or
    "other" (a framework's "ratio" indicators are percentages).
    """

    code: str
    name_vi: str
    name_en: str = ""
    keywords: tuple[str, ...] = ()
    unit: str = "percent"


@dataclass(frozen=True, slots=True)
class Mapping:
    """A figure with the indicator it most likely fills (``None`` below the threshold)."""

    figure: Figure
    indicator: str | None
    confidence: float
    alternatives: tuple[tuple[str, float], ...] = field(default=())


def _words(text: str, folded: bool) -> list[str]:
    return _TOKEN.findall(fold(text) if folded else normalise(text))


def _tokens(text: str, folded: bool = False) -> list[str]:
    return [t for t in _words(text, folded) if fold(t) not in STOPWORDS]


@dataclass(frozen=True, slots=True)
class _Prepared:
    descriptor: IndicatorDescriptor
    name: str  # content words of the Vietnamese name
    name_tokens: frozenset[str]
    phrases: tuple[tuple[str, int], ...]  # (phrase padded with spaces, weight)


def _prepare(descriptor: IndicatorDescriptor, folded: bool) -> _Prepared:
    name_tokens = _tokens(descriptor.name_vi, folded)
    phrases = tuple(
        (_padded(k, folded), len(_words(k, folded)))
        for k in descriptor.keywords
        if _words(k, folded)
    )
    return _Prepared(descriptor, " ".join(name_tokens), frozenset(name_tokens), phrases)


def _padded(text: str, folded: bool) -> str:
    return f" {' '.join(_words(text, folded))} "


def _score(prepared: _Prepared, subject: str, subject_tokens: set[str], sentence: str) -> float:
    hits = 0.0
    context = 0.0
    for phrase, weight in prepared.phrases:
        if phrase in subject:
            hits += weight
        elif phrase in sentence:
            context += weight
    # A short subject ("hộ dân", "thành viên") says little: the sentence says more.
    context_weight, context_cap = (0.5, 1.5) if len(subject_tokens) <= 2 else (0.25, 1.0)
    keyword_score = min(1.0, (hits + min(context * context_weight, context_cap)) / 3)
    if subject_tokens and prepared.name_tokens:
        common = len(subject_tokens & prepared.name_tokens)
        dice = 2 * common / (len(subject_tokens) + len(prepared.name_tokens))
        ratio = fuzz.token_set_ratio(" ".join(sorted(subject_tokens)), prepared.name) / 100
        name_score = (dice + ratio) / 2 if common else 0.0
    else:
        name_score = 0.0
    return 0.65 * keyword_score + 0.35 * name_score


def _unit_factor(figure_unit: str, indicator_unit: str) -> float:
    if indicator_unit in _COMPATIBLE.get(figure_unit, frozenset()):
        return 1.0
    if indicator_unit == "boolean":
        return 0.4
    if figure_unit == "count" and indicator_unit == "percent":
        return 0.75  # "1.680 tổ công nghệ số" is the numerator of a share
    return 0.5


def map_figures(
    figures: Iterable[Figure],
    indicators: Sequence[IndicatorDescriptor],
    *,
    threshold: float = 0.2,
    alternatives: int = 3,
) -> list[Mapping]:
    """The best indicator for each figure, with a confidence in [0, 1] and the runners-up.

    A figure whose best score is below ``threshold`` gets ``indicator=None`` (its
    alternatives are still listed). Ties go to the indicator listed first.
    """
    # Texts written with diacritics are matched with them; texts typed without are folded.
    prepared_by_mode = {
        folded: [_prepare(d, folded) for d in indicators] for folded in (False, True)
    }
    mappings: list[Mapping] = []
    for figure in figures:
        folded = not _has_marks(figure.sentence)
        subject = _padded(figure.subject, folded)
        sentence = _padded(figure.sentence, folded)
        subject_tokens = set(_tokens(figure.subject, folded))
        scored: list[tuple[float, int, str]] = []
        for order, p in enumerate(prepared_by_mode[folded]):
            score = _score(p, subject, subject_tokens, sentence)
            score *= _unit_factor(figure.unit, p.descriptor.unit)
            if score > 0:
                scored.append((round(min(score, 1.0), 3), -order, p.descriptor.code))
        scored.sort(reverse=True)
        best = scored[0] if scored and scored[0][0] >= threshold else None
        rest = scored[1 : alternatives + 1] if best else scored[:alternatives]
        mappings.append(
            Mapping(
                figure=figure,
                indicator=best[2] if best else None,
                confidence=best[0] if best else (scored[0][0] if scored else 0.0),
                alternatives=tuple((code, score) for score, _, code in rest),
            )
        )
    return mappings


# --------------------------------------------------------------------------------------------
# Lexicons and framework files (plain YAML, read without Django).


def _yaml_load(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def load_lexicon(name: str = "xa-cds", directory: Path = LEXICON_DIR) -> dict[str, tuple[str, ...]]:
    """Phrases per indicator code from ``lexicon/<name>.yaml`` (empty when there is none)."""
    path = directory / f"{name}.yaml"
    if not path.exists():
        return {}
    data = _yaml_load(path) or {}
    if not isinstance(data, dict):
        raise ValueError(f"Từ điển {path.name} phải là một bảng mã chỉ số → cụm từ.")
    lexicon: dict[str, tuple[str, ...]] = {}
    for code, entry in data.items():
        phrases = entry.get("keywords", []) if isinstance(entry, dict) else entry
        lexicon[str(code)] = tuple(str(p) for p in phrases or ())
    return lexicon


def unit_kind(value_type: str, unit: str = "") -> str:
    """The mapper's unit kind for a framework indicator's ``value_type`` (and unit label)."""
    if value_type in ("ratio", "percent") or unit.strip() == "%":
        return "percent"
    if value_type in ("count", "score", "boolean", "money_vnd"):
        return value_type
    return "other"


def descriptors(
    indicators: Iterable[tuple[str, str, str, str, str]],
    lexicon: dict[str, tuple[str, ...]] | None = None,
) -> list[IndicatorDescriptor]:
    """Descriptors from (code, name_vi, name_en, value_type, unit) rows plus a lexicon."""
    lexicon = lexicon or {}
    return [
        IndicatorDescriptor(
            code=code,
            name_vi=name_vi,
            name_en=name_en,
            keywords=lexicon.get(code, ()),
            unit=unit_kind(value_type, unit),
        )
        for code, name_vi, name_en, value_type, unit in indicators
    ]


def framework_descriptors(path: Path, lexicon_name: str = "xa-cds") -> list[IndicatorDescriptor]:
    """Descriptors of every indicator of a framework YAML file (dxmon/frameworks/data/...)."""
    rows: list[tuple[str, str, str, str, str]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            code = node.get("code")
            if isinstance(code, str) and "." in code and "name_vi" in node:
                rows.append(
                    (
                        code,
                        str(node["name_vi"]),
                        str(node.get("name_en", "")),
                        str(node.get("value_type", "")),
                        str(node.get("unit", "")),
                    )
                )
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(_yaml_load(path))
    return descriptors(rows, load_lexicon(lexicon_name))


RECORD_KEYS = (
    "text",
    "value",
    "unit",
    "numerator",
    "denominator",
    "qualifier",
    "subject",
    "sentence",
    "start",
    "end",
    "indicator",
    "confidence",
)


def mapping_record(mapping: Mapping) -> dict[str, object]:
    """A mapped figure as a JSON-ready dict with the keys of :data:`RECORD_KEYS`."""
    f = mapping.figure
    return {
        "text": f.text,
        "value": f.value,
        "unit": f.unit,
        "numerator": f.numerator,
        "denominator": f.denominator,
        "qualifier": f.qualifier,
        "subject": f.subject,
        "sentence": f.sentence,
        "start": f.start,
        "end": f.end,
        "indicator": mapping.indicator,
        "confidence": mapping.confidence if mapping.indicator else None,
    }
