"""A seeded generator of plausible synthetic indicator values for the demo (no Django here).

The model, per commune ``c``, indicator ``i`` and year ``t`` (years since 2022)::

    m_c            ~ N(0, 1)                  latent "digital maturity" of the commune
                                              (a merged commune: mean of its predecessors' m)
    z_cit = λ_i m_c + √(1-λ_i²) u_ci + s_i t + 0.25 e_cit

``λ_i`` (0.6–0.95) ties every indicator to the commune's maturity, so related indicators are
correlated; ``u_ci`` is the commune's persistent own level on the indicator; ``s_i`` (0.15–0.45 a
year) is the upward trend; ``e_cit`` is yearly noise. ``z`` then becomes a value by type:

- ratio: a numerator drawn Binomial(denominator, sigmoid(b_i ± z)) out of a denominator taken
  from the commune's context (officials 20–35, households 1,500–6,000, hamlets 4–12, firms
  5–150, ...), so numerator ≤ denominator and merged communes sum their predecessors';
- count: Poisson with a mean that fits what is counted, scaled by exp(±0.35 z);
- boolean: 1 when sigmoid(b_i + 1.2 z) beats a uniform draw;
- choice: the tier whose share is nearest sigmoid(b_i + z) (shares from the framework);
- score: min + (max − min) × sigmoid(b_i + z), to one decimal.

About 5 % of values are missing and about 0.6 % are outliers (a sudden jump or drop), so
that validation has something to find. Every random draw comes from a NumPy ``Generator``
seeded by (seed, commune key, year), so a commune's values do not depend on which other
communes are generated.
"""

from __future__ import annotations

import math
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from dxmon.vn.text import fold

DEFAULT_SEED = 2025
FIRST_YEAR = 2022
MISSING_RATE = 0.05
OUTLIER_RATE = 0.006

RATIO, COUNT, BOOLEAN, CHOICE, SCORE = "ratio", "count", "boolean", "choice", "score"

# What a denominator (or a context variable) counts, recognised from its Vietnamese label.
# Order matters: the first pattern that matches wins.
_CONTEXT_PATTERNS: list[tuple[str, str]] = [
    ("budget", r"ngan sach|kinh phi"),
    ("grdp", r"\bgrdp\b"),
    ("files", r"\bho so\b"),
    ("feedback", r"\bpakn\b|phan anh|kien nghi"),
    ("members", r"thanh vien"),
    ("staff", r"can bo|cong chuc|\bcbcc\b"),
    ("adults", r"15 tuoi|truong thanh|lao dong|du dieu kien cap|tai khoan"),
    ("population", r"dan so|nguoi dan"),
    ("households", r"ho gia dinh|\bho dan\b"),
    ("household_businesses", r"ho kinh doanh"),
    ("firms", r"doanh nghiep|\bdn\b|\bhtx\b|hop tac xa|dnnvv"),
    ("hamlets", r"\bthon\b|\bap\b|to dan pho|\btdp\b|\bkhom\b"),
    ("directives", r"van ban chi dao"),
    ("documents", r"van ban"),
    ("meetings", r"cuoc hop"),
    ("eligible_procedures", r"du dieu kien|toan trinh|\bdvctt\b"),
    ("procedures", r"\btthc\b|thu tuc"),
    ("tasks", r"nhiem vu"),
    ("systems", r"\bhttt\b|he thong thong tin"),
    ("computers", r"may tinh"),
    ("facilities", r"co so giao duc|y te"),
    ("beneficiaries", r"asxh|an sinh|chi tra"),
]
_CONTEXT_RE = [(name, re.compile(pattern)) for name, pattern in _CONTEXT_PATTERNS]

# What a count indicator counts, from its name: (pattern, mean at z = 0, lower is better).
_COUNT_PATTERNS: list[tuple[re.Pattern[str], float]] = [
    (re.compile(r"cuoc hop"), 5.0),
    (re.compile(r"su co"), 0.6),
    (re.compile(r"luot"), 600.0),
    (re.compile(r"thanh vien"), 35.0),
    (re.compile(r"san thuong mai|gian hang"), 12.0),
    (re.compile(r"buoi"), 8.0),
    (re.compile(r"mo hinh"), 2.0),
    (re.compile(r"linh vuc"), 2.5),
    (re.compile(r"nhom"), 1.5),
]
_DEFAULT_COUNT_MEAN = 5.0


def classify_context(text: str) -> str:
    """What a denominator label or context variable counts ("staff", "households", ...)."""
    folded = fold(text)
    for name, pattern in _CONTEXT_RE:
        if pattern.search(folded):
            return name
    return "generic"


@dataclass(frozen=True)
class IndicatorSpec:
    """What the generator needs to know about an indicator."""

    code: str
    value_type: str
    name: str = ""
    direction: int = 1
    min_value: float | None = None
    max_value: float | None = None
    scored: bool = True
    denominator_label: str = ""
    # For choice indicators: the shares (0–1) of the tiers.
    choice_shares: tuple[float, ...] = ()
    # Context variables (denominators and profile data) take the commune's context figure.
    is_context: bool = False


@dataclass(frozen=True)
class CommuneSpec:
    """A commune to generate values for, in the years given."""

    key: str
    years: tuple[int, ...]
    predecessors: tuple[str, ...] = ()
    urban: bool = False
    # Known facts that override the draws (e.g. Tân Hội's real 4 hamlets and high maturity).
    maturity: float | None = None
    context: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class GeneratedValue:
    """One synthetic value; ``value`` is the percentage for ratios."""

    commune: str
    year: int
    indicator: str
    value: float
    numerator: float | None = None
    denominator: float | None = None
    outlier: bool = False


@dataclass(frozen=True)
class _Commune:
    maturity: float
    context: dict[str, float] = field(default_factory=dict)
    own: dict[str, float] = field(default_factory=dict)


def _crc(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def _base_context(rng: np.random.Generator) -> dict[str, float]:
    households = float(rng.integers(1500, 6001))
    population = round(households * rng.uniform(3.2, 3.8))
    firms = float(round(min(150.0, max(5.0, rng.lognormal(math.log(35), 0.7)))))
    staff = float(rng.integers(20, 36))
    hamlets = float(rng.integers(4, 13))
    procedures = float(rng.integers(95, 131))
    return {
        "staff": staff,
        "population": float(population),
        "adults": float(round(population * rng.uniform(0.72, 0.8))),
        "households": households,
        "household_businesses": float(round(firms * rng.uniform(2.0, 4.0))),
        "firms": firms,
        "hamlets": hamlets,
        "files": float(round(households * rng.uniform(0.2, 0.6))),
        "documents": float(rng.integers(900, 3001)),
        "meetings": float(rng.integers(6, 21)),
        "procedures": procedures,
        "eligible_procedures": float(round(procedures * rng.uniform(0.35, 0.6))),
        "tasks": float(rng.integers(10, 31)),
        "directives": float(rng.integers(3, 11)),
        "systems": float(rng.integers(2, 7)),
        "computers": float(round(staff * rng.uniform(0.9, 1.3))),
        "facilities": float(rng.integers(3, 11)),
        "beneficiaries": float(rng.integers(100, 601)),
        "feedback": float(rng.integers(5, 41)),
        "members": float(round(hamlets * rng.uniform(3, 6))),
        # Budget in million đồng.
        "budget": float(rng.integers(8000, 20001)),
        "generic": float(rng.integers(10, 101)),
    }


# Yearly growth of each context figure (households and staff barely move; files grow fast).
_GROWTH = {
    "population": 0.008,
    "adults": 0.01,
    "households": 0.01,
    "household_businesses": 0.05,
    "firms": 0.05,
    "files": 0.1,
    "documents": 0.04,
    "budget": 0.06,
    "beneficiaries": 0.03,
}


@dataclass(frozen=True)
class _IndicatorParams:
    loading: float
    level: float
    trend: float


def _indicator_params(seed: int, spec: IndicatorSpec) -> _IndicatorParams:
    rng = np.random.default_rng([seed, _crc(spec.code), 1])
    loading = float(rng.uniform(0.6, 0.95))
    trend = float(rng.uniform(0.15, 0.45))
    if spec.value_type == RATIO:
        kind = classify_context(spec.denominator_label)
        if kind == "budget":
            level = float(rng.uniform(-5.0, -4.2))  # about 0.7–1.5 % of the budget
        elif spec.direction < 0:
            level = float(rng.uniform(1.5, 3.0))
        else:
            level = float(rng.uniform(-0.3, 2.2))
    elif spec.value_type == BOOLEAN:
        level = float(rng.uniform(-0.3, 1.5))
    else:
        level = float(rng.uniform(-0.5, 1.0))
    return _IndicatorParams(loading=loading, level=level, trend=trend)


class _Model:
    def __init__(self, seed: int, indicators: Sequence[IndicatorSpec]) -> None:
        self.seed = seed
        self.indicators = list(indicators)
        self.params = {s.code: _indicator_params(seed, s) for s in self.indicators}
        # What each indicator's denominator (or context figure) counts, and a count's mean.
        self.kinds = {
            s.code: classify_context(s.name if s.is_context else s.denominator_label)
            for s in self.indicators
        }
        self.count_means = {s.code: _count_mean(s.name) for s in self.indicators}
        self._raw_communes: dict[str, _Commune] = {}

    def _raw(self, key: str) -> _Commune:
        """A commune's own draws, which depend on its key only."""
        cached = self._raw_communes.get(key)
        if cached is None:
            rng = np.random.default_rng([self.seed, _crc(key)])
            maturity = float(rng.normal())
            context = _base_context(rng)
            own = {s.code: float(rng.normal()) for s in self.indicators}
            cached = self._raw_communes[key] = _Commune(maturity, context, own)
        return cached

    def commune(self, spec: CommuneSpec) -> _Commune:
        raw = self._raw(spec.key)
        maturity, context = raw.maturity, raw.context
        if spec.predecessors:
            olds = [self._raw(k) for k in spec.predecessors]
            maturity = float(np.mean([o.maturity for o in olds])) + 0.3 * raw.maturity
            # A merged commune has what its predecessors had; the lists of procedures, the
            # meetings and plan tasks are the new commune's own.
            context = {
                name: (
                    value
                    if name
                    in {"procedures", "eligible_procedures", "meetings", "tasks", "directives"}
                    else float(sum(o.context[name] for o in olds))
                )
                for name, value in context.items()
            }
        if spec.urban:
            maturity += 0.5
        if spec.maturity is not None:
            maturity = spec.maturity
        if spec.context:
            context = {**context, **dict(spec.context)}
        return _Commune(maturity=maturity, context=context, own=raw.own)

    def values(
        self, spec: CommuneSpec, year: int, *, missing_rate: float, outlier_rate: float
    ) -> list[GeneratedValue]:
        commune = self.commune(spec)
        t = year - FIRST_YEAR
        rng = np.random.default_rng([self.seed, _crc(spec.key), year])
        context = {
            name: float(round(value * (1 + _GROWTH.get(name, 0.0)) ** t))
            for name, value in commune.context.items()
        }
        out: list[GeneratedValue] = []
        for ind in self.indicators:
            p = self.params[ind.code]
            noise, missing, outlier, draw = rng.normal(), rng.random(), rng.random(), rng.random()
            z = (
                p.loading * commune.maturity
                + math.sqrt(1 - p.loading**2) * commune.own[ind.code]
                + p.trend * t
                + 0.25 * noise
            )
            if missing < missing_rate:
                continue
            is_outlier = outlier < outlier_rate and ind.value_type in (RATIO, COUNT)
            value = self._value(ind, p, z, context, rng, draw, is_outlier, spec.key, year)
            if value is not None:
                out.append(value)
        return out

    def _value(
        self,
        ind: IndicatorSpec,
        p: _IndicatorParams,
        z: float,
        context: dict[str, float],
        rng: np.random.Generator,
        draw: float,
        is_outlier: bool,
        key: str,
        year: int,
    ) -> GeneratedValue | None:
        signed = z if ind.direction >= 0 else -z
        kind = self.kinds[ind.code]
        if ind.is_context:
            return GeneratedValue(key, year, ind.code, context[kind])
        if ind.value_type == RATIO:
            if kind == "grdp":
                return None  # a province-level figure: not measurable for a commune
            denominator = context[kind]
            if denominator <= 0:
                return None
            share = (
                _sigmoid(p.level + signed) if ind.direction >= 0 else _sigmoid(-p.level + signed)
            )
            if is_outlier and kind != "budget":
                share = share * 0.3 if share > 0.5 else min(1.0, share * 3 + 0.3)
            numerator = float(rng.binomial(int(denominator), share))
            if kind == "budget":
                numerator = round(denominator * share, 1)
            value = 100.0 * numerator / denominator
            return GeneratedValue(key, year, ind.code, value, numerator, denominator, is_outlier)
        if ind.value_type == COUNT:
            mean = self.count_means[ind.code]
            if mean < 0:
                mean = context["members"]
            lam = mean * math.exp(0.35 * signed)
            count = float(rng.poisson(lam))
            if is_outlier:
                count = float(round(count * rng.uniform(4, 8)) + 5)
            if ind.max_value is not None:
                count = min(count, ind.max_value)
            if ind.min_value is not None:
                count = max(count, ind.min_value)
            return GeneratedValue(key, year, ind.code, count, outlier=is_outlier)
        if ind.value_type == BOOLEAN:
            yes = draw < _sigmoid(p.level + 1.2 * signed)
            return GeneratedValue(key, year, ind.code, 1.0 if yes else 0.0)
        quality = _sigmoid(p.level + signed)
        if ind.value_type == CHOICE and ind.choice_shares:
            shares = sorted(ind.choice_shares)
            best = min(shares, key=lambda s: abs(s - quality))
            return GeneratedValue(key, year, ind.code, float(best))
        low = ind.min_value if ind.min_value is not None else 0.0
        high = ind.max_value if ind.max_value is not None else 1.0
        return GeneratedValue(key, year, ind.code, round(low + (high - low) * quality, 1))


def _count_mean(name: str) -> float:
    """The mean of a count at z = 0; -1 for the members of community teams (from context)."""
    folded = fold(name)
    if "thanh vien" in folded and "cong dong" in folded:
        return -1.0
    for pattern, mean in _COUNT_PATTERNS:
        if pattern.search(folded):
            return mean
    return _DEFAULT_COUNT_MEAN


def generate(
    indicators: Sequence[IndicatorSpec],
    communes: Iterable[CommuneSpec],
    *,
    seed: int = DEFAULT_SEED,
    missing_rate: float = MISSING_RATE,
    outlier_rate: float = OUTLIER_RATE,
) -> list[GeneratedValue]:
    """Synthetic values for every commune in its years and every indicator.

    Examples
    --------
    >>> ind = [IndicatorSpec(code="A", value_type="ratio", denominator_label="Tổng số CBCC")]
    >>> values = generate(ind, [CommuneSpec(key="x", years=(2022,))], missing_rate=0)
    >>> v = values[0]
    >>> 20 <= v.denominator <= 35 and 0 <= v.numerator <= v.denominator
    True
    """
    model = _Model(seed, indicators)
    out: list[GeneratedValue] = []
    for commune in communes:
        for year in commune.years:
            out.extend(
                model.values(commune, year, missing_rate=missing_rate, outlier_rate=outlier_rate)
            )
    return out
