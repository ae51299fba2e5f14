"""Validation of a framework YAML file: schema first, then the checks a schema cannot express.

Every error carries a path (``pillars[2].groups[0].indicators[3].aggregation``), the line in the
file and a Vietnamese message. All errors are collected; nothing stops at the first one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError

from dxmon.frameworks.choices import Aggregation, ScoringRule, ValueType
from dxmon.frameworks.schema import FRAMEWORK_SCHEMA

PathPart = str | int
WEIGHT_TOLERANCE = 1e-6

# Which aggregation up the unit tree makes sense for each value type. Percentages are ratios:
# sum numerators and denominators; a mean of commune rates is allowed where units count equally.
ALLOWED_AGGREGATIONS: dict[str, set[str]] = {
    ValueType.RATIO: {Aggregation.RATIO_SUM, Aggregation.MEAN, Aggregation.MIN, Aggregation.MAX},
    ValueType.COUNT: {
        Aggregation.SUM,
        Aggregation.MEAN,
        Aggregation.MIN,
        Aggregation.MAX,
        Aggregation.LAST,
    },
    ValueType.BOOLEAN: {
        Aggregation.SUM,
        Aggregation.MEAN,
        Aggregation.MIN,
        Aggregation.MAX,
        Aggregation.LAST,
    },
    ValueType.CHOICE: {Aggregation.MEAN, Aggregation.MIN, Aggregation.MAX, Aggregation.LAST},
    ValueType.SCORE: {Aggregation.MEAN, Aggregation.MIN, Aggregation.MAX, Aggregation.LAST},
}

ALLOWED_SCORING: dict[str, set[str]] = {
    ScoringRule.RATIO_X_MAX: {ValueType.RATIO, ValueType.SCORE},
    ScoringRule.STEPS: {ValueType.RATIO, ValueType.COUNT, ValueType.SCORE},
    ScoringRule.TIERS: {ValueType.BOOLEAN, ValueType.CHOICE},
    ScoringRule.TARGET_ATTAINMENT: {ValueType.RATIO, ValueType.COUNT, ValueType.SCORE},
}

OPERAND_SUFFIXES = (".numerator", ".denominator")

# The `context:` list is loaded as an unscored pillar and group with these codes.
CONTEXT_PILLAR_CODE = "TTC"
CONTEXT_GROUP_CODE = "CTX"


@dataclass(frozen=True)
class FrameworkError:
    """One mistake in a framework file."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.path or '(tệp)'}: {self.message}"
        return _("%(path)s (dòng %(line)s): %(message)s") % {
            "path": self.path or _("(tệp)"),
            "line": self.line,
            "message": self.message,
        }


def format_path(parts: tuple[PathPart, ...] | list[PathPart]) -> str:
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def line_of(root: Any, parts: tuple[PathPart, ...]) -> int | None:
    """1-based line of the deepest element of ``parts`` that exists in the parsed YAML."""
    node = root
    line: int | None = None
    for part in parts:
        lc = getattr(node, "lc", None)
        try:
            if isinstance(part, int) and isinstance(node, list) and part < len(node):
                if lc is not None:
                    line = lc.item(part)[0] + 1
                node = node[part]
            elif isinstance(part, str) and isinstance(node, dict) and part in node:
                if lc is not None:
                    line = lc.key(part)[0] + 1
                node = node[part]
            else:
                break
        except (KeyError, IndexError, TypeError, AttributeError):
            break
    if line is None and getattr(root, "lc", None) is not None:
        line = root.lc.line + 1
    return line


def parse_yaml(text: str) -> tuple[Any, list[FrameworkError]]:
    """Parse with ruamel's round-trip loader, which keeps line numbers."""
    yaml = YAML(typ="rt")
    try:
        data = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or str(exc)
        return None, [FrameworkError("", line, _("YAML không đọc được: %s") % problem)]
    if not isinstance(data, dict):
        return None, [
            FrameworkError("", 1, _("Tệp phải là một bảng YAML (mapping) ở cấp trên cùng."))
        ]
    return data, []


def _schema_message(error: ValidationError) -> tuple[tuple[PathPart, ...], str]:
    path = tuple(error.absolute_path)
    kind = error.validator
    schema: Any = error.schema
    instance: Any = error.instance
    expected: Any = error.validator_value
    if kind == "required":
        match = re.match(r"'(.+)' is a required property", error.message)
        name = match.group(1) if match else str(error.validator_value)
        return path, _("Thiếu trường bắt buộc “%s”.") % name
    if kind == "additionalProperties":
        allowed = set(schema.get("properties", {}))
        extras = [k for k in instance if k not in allowed]
        name = extras[0] if extras else "?"
        return (*path, name), _("Trường “%s” không được phép ở đây.") % name
    if kind == "enum":
        allowed_values = ", ".join(str(v) for v in expected)
        return path, _("Giá trị “%(value)s” không hợp lệ; các giá trị được phép: %(allowed)s.") % {
            "value": error.instance,
            "allowed": allowed_values,
        }
    if kind == "type":
        names: dict[str, str] = {
            "string": _("chuỗi"),
            "number": _("số"),
            "integer": _("số nguyên"),
            "boolean": _("có/không (true/false)"),
            "object": _("bảng (mapping)"),
            "array": _("danh sách"),
        }
        wanted = expected if isinstance(expected, list) else [expected]
        return path, _("Sai kiểu dữ liệu: cần %s.") % _(" hoặc ").join(
            names.get(str(w), str(w)) for w in wanted
        )
    if kind == "pattern":
        return path, _(
            "Mã “%s” không đúng mẫu (chữ, số, dấu gạch dưới, dấu chấm)."
        ) % error.instance
    if kind in {"minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"}:
        return path, _("Giá trị %(value)s nằm ngoài giới hạn cho phép (%(rule)s %(limit)s).") % {
            "value": error.instance,
            "rule": kind,
            "limit": error.validator_value,
        }
    if kind in {"minItems", "minLength"}:
        return path, _("Không được để trống.")
    if kind == "maxLength":
        return path, _("Quá dài (tối đa %s ký tự).") % error.validator_value
    return path, _("Không hợp lệ: %s") % error.message


def schema_errors(data: Any) -> list[tuple[tuple[PathPart, ...], str]]:
    validator = Draft202012Validator(FRAMEWORK_SCHEMA)
    return [_schema_message(e) for e in validator.iter_errors(data)]


def _num(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


@dataclass
class _Item:
    """A pillar, group or indicator with its location in the file."""

    kind: str  # "pillar" | "group" | "indicator"
    path: tuple[PathPart, ...]
    data: dict[str, Any]


def iter_tree(data: Any) -> Iterator[_Item]:
    """Every pillar, group and indicator of the file, with its path, tolerant of bad shapes."""
    for i, pillar in enumerate(_list(data.get("pillars"))):
        if not isinstance(pillar, dict):
            continue
        yield _Item("pillar", ("pillars", i), pillar)
        for j, group in enumerate(_list(pillar.get("groups"))):
            if not isinstance(group, dict):
                continue
            yield _Item("group", ("pillars", i, "groups", j), group)
            for k, ind in enumerate(_list(group.get("indicators"))):
                if isinstance(ind, dict):
                    yield _Item("indicator", ("pillars", i, "groups", j, "indicators", k), ind)
    for k, ind in enumerate(_list(data.get("context"))):
        if isinstance(ind, dict):
            yield _Item("indicator", ("context", k), ind)
    for k, ind in enumerate(_list(data.get("indicators"))):
        if isinstance(ind, dict):
            yield _Item("indicator", ("indicators", k), ind)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def is_scored(item: dict[str, Any], *, in_context: bool = False) -> bool:
    return not in_context and item.get("scored", True) is not False


class _Checker:
    def __init__(self, data: Any) -> None:
        self.data = data
        self.found: list[tuple[tuple[PathPart, ...], str]] = []
        fw: Any = data.get("framework") if isinstance(data.get("framework"), dict) else {}
        years: Any = fw.get("valid_years") if isinstance(fw.get("valid_years"), dict) else {}
        self.year_from = years.get("from") if isinstance(years.get("from"), int) else None
        self.year_to = years.get("to") if isinstance(years.get("to"), int) else None
        sources = data.get("sources")
        self.sources = set(sources) if isinstance(sources, dict) else set()
        self.items = list(iter_tree(data))
        self.codes: dict[str, _Item] = {}

    def add(self, path: tuple[PathPart, ...], message: str) -> None:
        self.found.append((path, message))

    def run(self) -> list[tuple[tuple[PathPart, ...], str]]:
        self.check_years()
        self.check_codes()
        self.check_loose_parents()
        for item in self.items:
            if item.kind == "indicator":
                self.check_indicator(item)
        self.check_weights()
        self.check_cross_rules()
        return self.found

    def check_years(self) -> None:
        if (
            self.year_from is not None
            and self.year_to is not None
            and self.year_to < self.year_from
        ):
            self.add(
                ("framework", "valid_years", "to"),
                _("Năm kết thúc (%(to)s) trước năm bắt đầu (%(from)s).")
                % {"to": self.year_to, "from": self.year_from},
            )

    def check_codes(self) -> None:
        reserved = {CONTEXT_PILLAR_CODE, CONTEXT_GROUP_CODE} if self.data.get("context") else set()
        for item in self.items:
            code = item.data.get("code")
            if not isinstance(code, str):
                continue
            if code in reserved:
                self.add(
                    (*item.path, "code"),
                    _("Mã “%s” dành cho nhóm biến bối cảnh (context); hãy đặt mã khác.") % code,
                )
            first = self.codes.get(code)
            if first is None:
                self.codes[code] = item
                continue
            self.add(
                (*item.path, "code"),
                _("Mã “%(code)s” bị trùng: đã dùng tại %(where)s (dòng %(line)s).")
                % {
                    "code": code,
                    "where": format_path(first.path),
                    "line": line_of(self.data, (*first.path, "code")),
                },
            )

    def _groups(self) -> dict[str, _Item]:
        return {
            str(i.data["code"]): i
            for i in self.items
            if i.kind == "group" and isinstance(i.data.get("code"), str)
        }

    def check_loose_parents(self) -> None:
        groups = self._groups()
        for k, ind in enumerate(_list(self.data.get("indicators"))):
            if not isinstance(ind, dict) or not isinstance(ind.get("group"), str):
                continue
            if ind["group"] not in groups:
                self.add(
                    ("indicators", k, "group"),
                    _("Nhóm cha “%s” không tồn tại trong bộ chỉ số.") % ind["group"],
                )

    def check_indicator(self, item: _Item) -> None:
        ind, path = item.data, item.path
        in_context = path[0] == "context"
        vtype = ind.get("value_type")
        agg = ind.get("aggregation")
        if vtype in ALLOWED_AGGREGATIONS and agg in Aggregation.values:
            allowed = ALLOWED_AGGREGATIONS[vtype]
            if agg not in allowed:
                self.add(
                    (*path, "aggregation"),
                    _(
                        "Cách tổng hợp “%(agg)s” không dùng được cho kiểu “%(vtype)s”; "
                        "dùng một trong: %(allowed)s."
                    )
                    % {"agg": agg, "vtype": vtype, "allowed": ", ".join(sorted(allowed))},
                )
        if vtype == ValueType.RATIO:
            for label in ("numerator", "denominator"):
                if not str(ind.get(label) or "").strip():
                    self.add(
                        (*path, label) if label in ind else path,
                        _("Chỉ số tỷ lệ phải ghi rõ %s.")
                        % (_("tử số") if label == "numerator" else _("mẫu số")),
                    )
        elif vtype in ValueType.values:
            for label in ("numerator", "denominator"):
                if label in ind:
                    self.add((*path, label), _("Chỉ chỉ số tỷ lệ mới có tử số và mẫu số."))
        scored = is_scored(ind, in_context=in_context)
        scoring = ind.get("scoring") if isinstance(ind.get("scoring"), dict) else None
        if scored and scoring is None:
            self.add(path, _("Chỉ số được chấm điểm phải có quy tắc chấm điểm (scoring)."))
        if not scored:
            if scoring is not None:
                self.add((*path, "scoring"), _("Chỉ số không chấm điểm không được có scoring."))
            if (_num(ind.get("max_points")) or 0) > 0 or (_num(ind.get("weight")) or 0) > 0:
                self.add(
                    (*path, "max_points" if "max_points" in ind else "weight"),
                    _("Chỉ số không chấm điểm phải có điểm tối đa và trọng số bằng 0."),
                )
        if scoring is not None and vtype in ValueType.values:
            self.check_scoring(path, ind, scoring, str(vtype))
        for t, target in enumerate(_list(ind.get("targets"))):
            if isinstance(target, dict):
                self.check_target((*path, "targets", t), target, vtype)

    def check_scoring(
        self,
        path: tuple[PathPart, ...],
        ind: dict[str, Any],
        scoring: dict[str, Any],
        vtype: str,
    ) -> None:
        rule = scoring.get("rule")
        if rule not in ALLOWED_SCORING:
            return  # reported by the schema
        spath = (*path, "scoring", "rule")
        if vtype not in ALLOWED_SCORING[rule]:
            self.add(
                spath,
                _("Quy tắc chấm điểm “%(rule)s” không dùng được cho kiểu “%(vtype)s”.")
                % {"rule": rule, "vtype": vtype},
            )
            return
        if rule == ScoringRule.RATIO_X_MAX and vtype == ValueType.SCORE and "scale" not in scoring:
            self.add(spath, _("Chỉ số kiểu điểm cần “scale” (thang điểm, ví dụ 100)."))
        if rule == ScoringRule.STEPS:
            steps = _list(scoring.get("steps"))
            if not steps:
                self.add(spath, _("Quy tắc theo ngưỡng cần danh sách “steps”."))
            key = "at_most" if ind.get("direction") == "lower_is_better" else "at_least"
            for s, step in enumerate(steps):
                if isinstance(step, dict) and _num(step.get(key)) is None:
                    self.add(
                        (*path, "scoring", "steps", s),
                        _("Mỗi ngưỡng cần “%s” (theo chiều của chỉ số).") % key,
                    )
        if rule == ScoringRule.TIERS:
            tiers = _list(scoring.get("tiers"))
            if not tiers:
                self.add(spath, _("Quy tắc theo mức cần danh sách “tiers”."))
            seen: set[Any] = set()
            for s, tier in enumerate(tiers):
                if not isinstance(tier, dict):
                    continue
                value = tier.get("value")
                if vtype == ValueType.BOOLEAN and not isinstance(value, bool):
                    self.add(
                        (*path, "scoring", "tiers", s, "value"),
                        _("Chỉ số có/không chỉ có các mức true hoặc false."),
                    )
                if value in seen:
                    self.add(
                        (*path, "scoring", "tiers", s, "value"),
                        _("Mức “%s” bị lặp.") % value,
                    )
                seen.add(value)
        if rule == ScoringRule.TARGET_ATTAINMENT and not _list(ind.get("targets")):
            self.add(spath, _("Chấm theo mức đạt chỉ tiêu cần ít nhất một chỉ tiêu (targets)."))

    def check_target(self, path: tuple[PathPart, ...], target: dict[str, Any], vtype: Any) -> None:
        year = target.get("year")
        if isinstance(year, int) and self.year_from is not None:
            too_early = year < self.year_from
            too_late = self.year_to is not None and year > self.year_to
            if too_early or too_late:
                self.add(
                    (*path, "year"),
                    _("Năm chỉ tiêu %(year)s nằm ngoài thời gian áp dụng của bộ chỉ số (%(span)s).")
                    % {
                        "year": year,
                        "span": f"{self.year_from}–{self.year_to or '…'}",
                    },
                )
        source = target.get("source")
        if isinstance(source, str) and source not in self.sources:
            self.add(
                (*path, "source"),
                _("Nguồn “%s” chưa được khai báo trong mục sources.") % source,
            )
        value = target.get("value")
        if vtype == ValueType.BOOLEAN and not isinstance(value, bool):
            self.add((*path, "value"), _("Chỉ tiêu của chỉ số có/không phải là true hoặc false."))
        if vtype != ValueType.BOOLEAN and isinstance(value, bool):
            self.add((*path, "value"), _("Chỉ tiêu phải là một số."))
        number = _num(value)
        if vtype == ValueType.RATIO and number is not None and not 0 <= number <= 100:
            self.add((*path, "value"), _("Chỉ tiêu tỷ lệ tính bằng phần trăm, từ 0 đến 100."))

    def check_weights(self) -> None:
        fw = self.data.get("framework")
        fw_max = _num(fw.get("max_points")) if isinstance(fw, dict) else None
        pillars = [p for p in _list(self.data.get("pillars")) if isinstance(p, dict)]
        self.check_siblings(("framework",), fw_max, pillars, "pillars", ("pillars",))
        for i, pillar in enumerate(pillars):
            groups = [g for g in _list(pillar.get("groups")) if isinstance(g, dict)]
            self.check_siblings(
                ("pillars", i), _num(pillar.get("max_points")), groups, "groups", ("pillars", i)
            )
        for item in self.items:
            if item.kind != "group":
                continue
            members = [x for x in _list(item.data.get("indicators")) if isinstance(x, dict)]
            code = item.data.get("code")
            members += [
                x
                for x in _list(self.data.get("indicators"))
                if isinstance(x, dict) and x.get("group") == code
            ]
            self.check_siblings(
                item.path, _num(item.data.get("max_points")), members, "indicators", item.path
            )

    def check_siblings(
        self,
        parent_path: tuple[PathPart, ...],
        parent_max: float | None,
        children: list[dict[str, Any]],
        label: str,
        where: tuple[PathPart, ...],
    ) -> None:
        scored = [c for c in children if is_scored(c)]
        if not scored:
            return
        label = {"pillars": _("trụ cột"), "groups": _("nhóm"), "indicators": _("chỉ số")}[label]
        weights = [_num(c.get("weight")) for c in scored]
        if any(w is not None for w in weights):
            if any(w is None for w in weights):
                self.add(
                    where, _("Khi đã ghi trọng số, mọi %s được chấm điểm phải có trọng số.") % label
                )
            else:
                total = sum(w for w in weights if w is not None)
                if not math.isclose(total, 1.0, abs_tol=WEIGHT_TOLERANCE):
                    self.add(
                        where,
                        _("Tổng trọng số của các %(label)s là %(total)s, phải bằng 1.")
                        % {"label": label, "total": _fmt(total)},
                    )
        points = [_num(c.get("max_points")) for c in scored]
        if any(p is not None for p in points):
            if parent_max is None:
                self.add(
                    (*parent_path, "max_points") if parent_path != ("framework",) else parent_path,
                    _("Các %s có điểm tối đa nhưng cấp cha chưa ghi điểm tối đa.") % label,
                )
            elif any(p is None for p in points):
                self.add(where, _("Mọi %s được chấm điểm phải có điểm tối đa.") % label)
            else:
                total = sum(p for p in points if p is not None)
                if not math.isclose(total, parent_max, abs_tol=WEIGHT_TOLERANCE):
                    self.add(
                        (*parent_path, "max_points"),
                        _(
                            "Tổng điểm tối đa của các %(label)s là %(total)s, "
                            "khác điểm tối đa của cấp cha (%(parent)s)."
                        )
                        % {"label": label, "total": _fmt(total), "parent": _fmt(parent_max)},
                    )
        elif parent_max and any(w is None for w in weights):
            self.add(where, _("Cấp cha có điểm tối đa: các %s phải ghi điểm tối đa.") % label)

    def check_cross_rules(self) -> None:
        for r, rule in enumerate(_list(self.data.get("cross_rules"))):
            if not isinstance(rule, dict):
                continue
            for side in ("left", "right"):
                operand = rule.get(side)
                if isinstance(operand, str):
                    problem = self.operand_problem(operand)
                    if problem:
                        self.add(("cross_rules", r, side), problem)

    def operand_problem(self, operand: str) -> str | None:
        code, part = operand, None
        for suffix in OPERAND_SUFFIXES:
            if operand.endswith(suffix):
                code, part = operand[: -len(suffix)], suffix[1:]
        item = self.codes.get(code)
        if item is None or item.kind != "indicator":
            return _("Quy tắc nhắc tới chỉ số “%s” không có trong bộ chỉ số.") % code
        if part and item.data.get("value_type") != ValueType.RATIO:
            return _("“%s” không phải chỉ số tỷ lệ nên không có tử số, mẫu số.") % code
        return None


def _fmt(value: float) -> str:
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def validate_data(data: Any) -> list[FrameworkError]:
    """Schema errors and semantic errors of parsed YAML, each with path and line."""
    found = schema_errors(data) + _Checker(data).run()
    errors = {
        FrameworkError(format_path(path), line_of(data, path), message) for path, message in found
    }
    return sorted(errors, key=lambda e: (e.line or 0, e.path, e.message))


def validate_text(text: str) -> tuple[Any, list[FrameworkError]]:
    data, errors = parse_yaml(text)
    if errors:
        return None, errors
    return data, validate_data(data)
