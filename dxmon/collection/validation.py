"""Validation of a report's values: blocking errors and warnings that need a comment.

Errors block submission:
- type and bounds of each value (``check_value``): a percentage within 0–100, a count whole
  and not negative, a yes/no 1 or 0, a choice one of its tiers' shares, the indicator's own
  ``min_value``/``max_value``; for a ratio, both parts, numerator ≤ denominator and a
  denominator above 0;
- the framework's cross rules (``CrossRule``: ``CQS.03.numerator <= CTX.01``), skipped while
  an operand is still empty;
- an indicator with ``evidence_required`` that has a value but no evidence.

Warnings need a comment (``DataValue.warning_comment``) before submission:
- a jump against the unit's own last period (``dxmon.collection.history``): more than
  ``JUMP_POINTS`` percentage points for a percentage, more than ``JUMP_FACTOR`` times up or
  down for a count;
- an outlier among its peers (the units of the same level in the same province reporting the
  same indicator in the same period): modified z-score above ``PEER_Z_LIMIT``, see
  :func:`modified_z_scores`.

Missing values are warnings that need no comment: a report may be submitted incomplete, and
its completeness is shown.
"""

from __future__ import annotations

import math
import operator
import statistics
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from dxmon.collection.history import PreviousValue, previous_values
from dxmon.collection.models import DataValue, Evidence, Report
from dxmon.frameworks.choices import ValueType
from dxmon.frameworks.models import CrossRule, Indicator
from dxmon.vn.numbers import format_number

ERROR = "error"
WARNING = "warning"

JUMP_POINTS = 30.0
JUMP_FACTOR = 3.0
PEER_Z_LIMIT = 3.5
MIN_PEERS = 5
# 0.6745 is the 0.75 quantile of the standard normal: it makes MAD comparable to σ.
MAD_CONSTANT = 0.6745

_OPERATORS: dict[str, Callable[[float, float], bool]] = {
    ">=": lambda a, b: a >= b - 1e-9,
    ">": operator.gt,
    "=": lambda a, b: math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9),
    "<=": lambda a, b: a <= b + 1e-9,
    "<": operator.lt,
}
_SYMBOLS = {">=": "≥", ">": ">", "=": "=", "<=": "≤", "<": "<"}


@dataclass(frozen=True)
class Issue:
    """One problem with a value (or, with ``indicator_code`` None, with the whole report).

    ``needs_comment`` marks a warning that must be explained before submission;
    ``explained`` tells whether the value already carries that explanation.
    """

    indicator_code: str | None
    severity: str
    code: str
    message: str
    needs_comment: bool = False
    explained: bool = False

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def blocks_submission(self) -> bool:
        return self.is_error or (self.needs_comment and not self.explained)


@dataclass(frozen=True)
class ValidationResult:
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)

    @property
    def unexplained(self) -> list[Issue]:
        """Warnings that still need a comment."""
        return [w for w in self.warnings if w.needs_comment and not w.explained]

    @property
    def can_submit(self) -> bool:
        return not self.errors and not self.unexplained

    def for_indicator(self, code: str) -> list[Issue]:
        return [i for i in [*self.errors, *self.warnings] if i.indicator_code == code]


def _n(value: float | None) -> str:
    return format_number(value)


def _error(indicator: Indicator, code: str, message: str) -> Issue:
    return Issue(indicator.code, ERROR, code, message)


def check_value(
    indicator: Indicator,
    *,
    value: float | None,
    numerator: float | None = None,
    denominator: float | None = None,
) -> list[Issue]:
    """Errors of one value against its indicator's type and bounds (no database access).

    For a ratio, ``value`` is ignored: it is computed from the numerator and denominator.
    """
    issues: list[Issue] = []
    code = indicator.code
    numbers = [x for x in (value, numerator, denominator) if x is not None]
    if any(not math.isfinite(x) for x in numbers):
        return [
            _error(indicator, "type", _("Chỉ số %(code)s: giá trị không hợp lệ.") % {"code": code})
        ]
    if indicator.value_type == ValueType.RATIO:
        if numerator is not None and denominator is None:
            issues.append(
                _error(
                    indicator,
                    "denominator_missing",
                    _("Chỉ số %(code)s: có tử số nhưng thiếu mẫu số.") % {"code": code},
                )
            )
        if denominator is not None and numerator is None:
            issues.append(
                _error(
                    indicator,
                    "numerator_missing",
                    _("Chỉ số %(code)s: có mẫu số nhưng thiếu tử số.") % {"code": code},
                )
            )
        if numerator is not None and numerator < 0:
            issues.append(
                _error(
                    indicator,
                    "negative",
                    _("Chỉ số %(code)s: tử số không được âm.") % {"code": code},
                )
            )
        if denominator is not None and denominator < 0:
            issues.append(
                _error(
                    indicator,
                    "negative",
                    _("Chỉ số %(code)s: mẫu số không được âm.") % {"code": code},
                )
            )
        elif numerator is not None and denominator == 0:
            issues.append(
                _error(
                    indicator,
                    "denominator_zero",
                    _("Chỉ số %(code)s: mẫu số phải lớn hơn 0.") % {"code": code},
                )
            )
        if numerator is not None and denominator is not None and denominator > 0:
            if numerator > denominator:
                issues.append(
                    _error(
                        indicator,
                        "numerator_gt_denominator",
                        _("Chỉ số %(code)s: tử số (%(num)s) lớn hơn mẫu số (%(den)s).")
                        % {"code": code, "num": _n(numerator), "den": _n(denominator)},
                    )
                )
            else:
                issues.extend(_bounds(indicator, 100.0 * numerator / denominator))
        return issues
    if numerator is not None or denominator is not None:
        issues.append(
            _error(
                indicator,
                "type",
                _("Chỉ số %(code)s không phải tỷ lệ: chỉ nhập giá trị, không nhập tử số, mẫu số.")
                % {"code": code},
            )
        )
    if value is None:
        return issues
    if indicator.value_type == ValueType.COUNT:
        if value < 0:
            issues.append(
                _error(
                    indicator,
                    "negative",
                    _("Chỉ số %(code)s: số lượng không được âm.") % {"code": code},
                )
            )
        elif not float(value).is_integer():
            issues.append(
                _error(
                    indicator,
                    "not_whole",
                    _("Chỉ số %(code)s: số lượng phải là số nguyên (%(value)s).")
                    % {"code": code, "value": _n(value)},
                )
            )
    elif indicator.value_type == ValueType.BOOLEAN:
        if value not in (0.0, 1.0):
            issues.append(
                _error(
                    indicator,
                    "boolean",
                    _("Chỉ số %(code)s chỉ nhận 1 (có) hoặc 0 (không).") % {"code": code},
                )
            )
            return issues
    elif indicator.value_type == ValueType.CHOICE:
        shares = _choice_shares(indicator)
        if shares and not any(math.isclose(value, s, abs_tol=1e-9) for s in shares):
            issues.append(
                _error(
                    indicator,
                    "choice",
                    _("Chỉ số %(code)s: hãy chọn một trong các mức %(choices)s.")
                    % {"code": code, "choices": ", ".join(_n(s) for s in shares)},
                )
            )
            return issues
    if indicator.unit.strip() == "%" and not 0 <= value <= 100:
        issues.append(
            _error(
                indicator,
                "percent_range",
                _("Chỉ số %(code)s: tỷ lệ phải từ 0 đến 100%%.") % {"code": code},
            )
        )
    issues.extend(_bounds(indicator, value))
    return issues


def _bounds(indicator: Indicator, value: float) -> list[Issue]:
    issues: list[Issue] = []
    code = indicator.code
    if indicator.value_type == ValueType.RATIO and not 0 <= value <= 100:
        issues.append(
            _error(
                indicator,
                "percent_range",
                _("Chỉ số %(code)s: tỷ lệ phải từ 0 đến 100%%.") % {"code": code},
            )
        )
    if indicator.min_value is not None and value < indicator.min_value:
        issues.append(
            _error(
                indicator,
                "min",
                _("Chỉ số %(code)s: giá trị %(value)s nhỏ hơn mức tối thiểu %(min)s.")
                % {"code": code, "value": _n(value), "min": _n(indicator.min_value)},
            )
        )
    if indicator.max_value is not None and value > indicator.max_value:
        issues.append(
            _error(
                indicator,
                "max",
                _("Chỉ số %(code)s: giá trị %(value)s lớn hơn mức tối đa %(max)s.")
                % {"code": code, "value": _n(value), "max": _n(indicator.max_value)},
            )
        )
    return issues


def _choice_shares(indicator: Indicator) -> list[float]:
    tiers = (indicator.scoring or {}).get("tiers") or []
    return [float(t["share"]) for t in tiers if isinstance(t, dict) and "share" in t]


def modified_z_scores(values: Sequence[float]) -> list[float] | None:
    """Iglewicz and Hoaglin's (1993) modified z-scores, ``M = 0.6745 (x − median) / MAD``.

    MAD is the median of the absolute deviations from the median. A value with ``|M| > 3.5``
    is a potential outlier (the rule DHIS2 uses for its outlier detection). Returns None when
    MAD is 0 (over half the values are equal): no score is meaningful then.

    Worked example, peers 50, 52, 55, 58, 60 and 95: the median is (55 + 58) / 2 = 56.5; the
    absolute deviations are 6.5, 4.5, 1.5, 1.5, 3.5 and 38.5, whose median is
    (3.5 + 4.5) / 2 = 4; so M(95) = 0.6745 × 38.5 / 4 ≈ 6.49 (an outlier) and
    M(50) = 0.6745 × (−6.5) / 4 ≈ −1.10 (not one).

    >>> [round(m, 2) for m in modified_z_scores([50, 52, 55, 58, 60, 95])]
    [-1.1, -0.76, -0.25, 0.25, 0.59, 6.49]
    """
    if not values:
        return None
    median = statistics.median(values)
    mad = statistics.median([abs(x - median) for x in values])
    if mad == 0:
        return None
    return [MAD_CONSTANT * (x - median) / mad for x in values]


def _is_percent(indicator: Indicator) -> bool:
    return indicator.value_type == ValueType.RATIO or indicator.unit.strip() == "%"


def jump_issue(
    indicator: Indicator, value: float, previous: PreviousValue, *, explained: bool = False
) -> Issue | None:
    """A warning when ``value`` jumps from last period's: > 30 points, or × 3 for counts."""
    if previous.value is None:
        return None
    old = previous.value
    if _is_percent(indicator):
        if abs(value - old) <= JUMP_POINTS:
            return None
        message = _(
            "Chỉ số %(code)s thay đổi %(delta)s điểm phần trăm so với kỳ %(period)s "
            "(%(old)s%% → %(new)s%%). Hãy giải trình."
        ) % {
            "code": indicator.code,
            "delta": _n(round(value - old, 1)),
            "period": previous.period_code,
            "old": _n(round(old, 1)),
            "new": _n(round(value, 1)),
        }
    elif indicator.value_type == ValueType.COUNT:
        if old <= 0 or (old / JUMP_FACTOR <= value <= old * JUMP_FACTOR):
            return None
        message = _(
            "Chỉ số %(code)s thay đổi hơn %(factor)s lần so với kỳ %(period)s "
            "(%(old)s → %(new)s). Hãy giải trình."
        ) % {
            "code": indicator.code,
            "factor": _n(JUMP_FACTOR),
            "period": previous.period_code,
            "old": _n(old),
            "new": _n(value),
        }
    else:
        return None
    return Issue(indicator.code, WARNING, "jump", message, needs_comment=True, explained=explained)


class _Checker:
    """Everything needed to check one report, loaded in a few queries."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.indicators = list(
            Indicator.objects.filter(version_id=report.framework_version_id).order_by("order")
        )
        self.by_code = {i.code: i for i in self.indicators}
        self.values: dict[int, DataValue] = {
            v.indicator_id: v for v in DataValue.objects.filter(report=report)
        }
        self.evidence_for = set(
            Evidence.objects.filter(report=report).values_list("indicator_id", flat=True)
        )
        self.rules = list(
            CrossRule.objects.filter(version_id=report.framework_version_id).order_by("code")
        )
        self.previous = previous_values(report)
        self._peers: dict[int, list[float]] | None = None

    def peers(self) -> dict[int, list[float]]:
        """Other reports' values per indicator: same period, version, level and province."""
        if self._peers is None:
            unit = self.report.unit
            province = unit.path.strip("/").split("/")[0] if unit.path else ""
            rows = (
                DataValue.objects.filter(
                    report__period_id=self.report.period_id,
                    report__framework_version_id=self.report.framework_version_id,
                    report__unit__level=unit.level,
                    report__unit__path__startswith=f"/{province}/",
                    value__isnull=False,
                )
                .exclude(report_id=self.report.pk)
                .values_list("indicator_id", "value")
            )
            found: dict[int, list[float]] = defaultdict(list)
            for indicator_id, value in rows:
                if value is not None:
                    found[indicator_id].append(value)
            self._peers = found
        return self._peers

    def operand(self, text: str) -> float | None:
        text = text.strip()
        try:
            return float(text)
        except ValueError:
            pass
        code, part = text, "value"
        for suffix in (".numerator", ".denominator"):
            if text.endswith(suffix):
                code, part = text[: -len(suffix)], suffix[1:]
        indicator = self.by_code.get(code)
        value = self.values.get(indicator.pk) if indicator is not None else None
        return getattr(value, part) if value is not None else None

    def rule_issues(self, only: str | None = None) -> list[Issue]:
        issues: list[Issue] = []
        for rule in self.rules:
            codes = {
                side.split(".numerator")[0].split(".denominator")[0]
                for side in (rule.left, rule.right)
            }
            if only is not None and only not in codes:
                continue
            left, right = self.operand(rule.left), self.operand(rule.right)
            check = _OPERATORS.get(rule.operator)
            if left is None or right is None or check is None or check(left, right):
                continue
            target = rule.left.split(".numerator")[0].split(".denominator")[0]
            detail = (
                f"({rule.left} = {_n(left)} {_SYMBOLS[rule.operator]} {rule.right} = {_n(right)})"
            )
            issues.append(
                Issue(
                    target if target in self.by_code else None,
                    ERROR,
                    f"rule:{rule.code}",
                    f"{rule.message_vi} {detail}",
                )
            )
        return issues

    def value_issues(self, indicator: Indicator) -> list[Issue]:
        stored = self.values.get(indicator.pk)
        if stored is None or (
            stored.value is None and stored.numerator is None and stored.denominator is None
        ):
            return [
                Issue(
                    indicator.code,
                    WARNING,
                    "missing",
                    _("Chỉ số %(code)s chưa có số liệu.") % {"code": indicator.code},
                )
            ]
        issues = check_value(
            indicator,
            value=stored.value,
            numerator=stored.numerator,
            denominator=stored.denominator,
        )
        if issues or stored.value is None:
            return issues
        if indicator.evidence_required and indicator.pk not in self.evidence_for:
            issues.append(
                _error(
                    indicator,
                    "evidence_missing",
                    _("Chỉ số %(code)s bắt buộc có minh chứng (tệp hoặc trích dẫn văn bản).")
                    % {"code": indicator.code},
                )
            )
        explained = bool(stored.warning_comment.strip())
        previous = self.previous.get(indicator.code)
        if previous is not None:
            jump = jump_issue(indicator, stored.value, previous, explained=explained)
            if jump is not None:
                issues.append(jump)
        peer = self.peer_issue(indicator, stored.value, explained=explained)
        if peer is not None:
            issues.append(peer)
        return issues

    def peer_issue(self, indicator: Indicator, value: float, *, explained: bool) -> Issue | None:
        if indicator.value_type in (ValueType.BOOLEAN, ValueType.CHOICE):
            return None
        sample = [*self.peers().get(indicator.pk, []), value]
        if len(sample) < MIN_PEERS:
            return None
        scores = modified_z_scores(sample)
        if scores is None or abs(scores[-1]) <= PEER_Z_LIMIT:
            return None
        message = _(
            "Chỉ số %(code)s khác thường so với %(count)s đơn vị cùng cấp trong tỉnh "
            "(trung vị %(median)s; điểm z hiệu chỉnh %(score)s). Hãy kiểm tra và giải trình."
        ) % {
            "code": indicator.code,
            "count": len(sample) - 1,
            "median": _n(round(statistics.median(sample), 2)),
            "score": _n(round(scores[-1], 1)),
        }
        return Issue(indicator.code, WARNING, "peer_outlier", message, True, explained)


def _split(issues: list[Issue]) -> ValidationResult:
    return ValidationResult(
        errors=[i for i in issues if i.severity == ERROR],
        warnings=[i for i in issues if i.severity == WARNING],
    )


def report_validate(report: Report) -> ValidationResult:
    """Every error and warning of ``report``, in framework order."""
    checker = _Checker(report)
    issues: list[Issue] = []
    for indicator in checker.indicators:
        issues.extend(checker.value_issues(indicator))
    issues.extend(checker.rule_issues())
    return _split(issues)


def value_issues(report: Report, indicator: Indicator) -> list[Issue]:
    """The errors and warnings of one stored value, with the cross rules it takes part in.

    What the data entry page shows beside a field after each autosave.
    """
    checker = _Checker(report)
    return [*checker.value_issues(indicator), *checker.rule_issues(only=indicator.code)]
