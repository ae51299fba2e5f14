"""Checking and loading framework YAML files. A loaded version is never rewritten."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from dxmon.frameworks.choices import Direction, NodeLevel
from dxmon.frameworks.models import CrossRule, Framework, FrameworkVersion, Indicator, Node, Target
from dxmon.frameworks.validation import (
    CONTEXT_GROUP_CODE,
    CONTEXT_PILLAR_CODE,
    FrameworkError,
    is_scored,
    line_of,
    validate_text,
)

__all__ = [
    "DEFAULT_FRAMEWORK_PATH",
    "FrameworkError",
    "FrameworkInvalid",
    "framework_check",
    "framework_load",
]

DEFAULT_FRAMEWORK_PATH = Path(__file__).resolve().parent / "data" / "xa-cds-1.0.yaml"


class FrameworkInvalid(Exception):  # noqa: N818 (name given by the issue)
    """A framework file that cannot be loaded; ``errors`` lists every reason."""

    def __init__(self, errors: list[FrameworkError]) -> None:
        self.errors = errors
        super().__init__(
            _("Bộ chỉ số không hợp lệ (%d lỗi):") % len(errors)
            + "".join(f"\n  {e}" for e in errors)
        )


def _read(path: Path | None, text: str | None) -> str:
    if (path is None) == (text is None):
        raise ValueError("give exactly one of path and text")
    if path is not None:
        return Path(path).read_text(encoding="utf-8")
    assert text is not None
    return text


def framework_check(*, path: Path | None = None, text: str | None = None) -> list[FrameworkError]:
    """Every error of a framework file (empty when valid). Writes nothing."""
    try:
        content = _read(path, text)
    except (OSError, UnicodeDecodeError) as exc:
        return [FrameworkError("", None, _("Không đọc được tệp: %s") % exc)]
    return validate_text(content)[1]


@transaction.atomic
def framework_load(*, path: Path) -> FrameworkVersion:
    """Validate and load a framework version; nothing is written when there is any error.

    Loading the same version with identical content again returns the existing version.
    The same version code with different content is refused: bump the version instead.
    """
    try:
        content = _read(path, None)
    except (OSError, UnicodeDecodeError) as exc:
        raise FrameworkInvalid(
            [FrameworkError("", None, _("Không đọc được tệp: %s") % exc)]
        ) from exc
    data, errors = validate_text(content)
    if errors:
        raise FrameworkInvalid(errors)
    checksum = hashlib.sha256(content.encode("utf-8")).hexdigest()
    fw = data["framework"]
    existing = (
        FrameworkVersion.objects.select_for_update()
        .filter(framework__code=fw["code"], version=str(fw["version"]))
        .first()
    )
    if existing is not None:
        if existing.checksum == checksum:
            return existing
        raise FrameworkInvalid(
            [
                FrameworkError(
                    "framework.version",
                    line_of(data, ("framework", "version")),
                    _(
                        "Phiên bản %(version)s của bộ chỉ số “%(code)s” đã được nạp với nội dung "
                        "khác. Dữ liệu đã thu thập theo phiên bản cũ không được sửa: hãy tăng số "
                        "phiên bản trong tệp (ví dụ %(version)s → phiên bản mới) rồi nạp lại."
                    )
                    % {"version": fw["version"], "code": fw["code"]},
                )
            ]
        )
    return _create_version(data, content, checksum)


def _create_version(data: Any, content: str, checksum: str) -> FrameworkVersion:
    fw = data["framework"]
    framework, _created = Framework.objects.get_or_create(
        code=fw["code"], defaults={"title": fw["title"]}
    )
    pillars = data["pillars"]
    total = fw.get("max_points")
    if total is None and all("max_points" in p for p in pillars):
        total = sum(float(p["max_points"]) for p in pillars)
    sources = {
        str(code): {"title": str(s["title"]), "urls": [str(u) for u in s.get("urls", [])]}
        for code, s in (data.get("sources") or {}).items()
    }
    years = fw["valid_years"]
    version = FrameworkVersion(
        framework=framework,
        version=str(fw["version"]),
        title=fw["title"],
        title_en=fw.get("title_en", ""),
        valid_from_year=years["from"],
        valid_to_year=years.get("to"),
        legal_basis="\n".join(str(x) for x in fw.get("legal_basis", [])),
        max_points=total,
        sources=sources,
        source_yaml=content,
        checksum=checksum,
    )
    version.full_clean()
    version.save()

    loader = _Loader(version)
    pillar_weights = _weights(pillars, total)
    for order, (pillar, weight) in enumerate(zip(pillars, pillar_weights, strict=True)):
        node = loader.node(pillar, None, NodeLevel.PILLAR, weight, order)
        groups = pillar["groups"]
        for g_order, (group, g_weight) in enumerate(
            zip(groups, _weights(groups, pillar.get("max_points")), strict=True)
        ):
            group_node = loader.node(group, node, NodeLevel.GROUP, g_weight, g_order)
            members = list(group.get("indicators", [])) + [
                x for x in data.get("indicators", []) if x["group"] == group["code"]
            ]
            for ind, i_weight in zip(
                members, _weights(members, group.get("max_points")), strict=True
            ):
                loader.indicator(ind, group_node, i_weight, scored=is_scored(ind))
    context = data.get("context") or []
    if context:
        pillar_node = loader.node(
            {"code": CONTEXT_PILLAR_CODE, "name_vi": _("Thông tin chung"), "name_en": "General"},
            None,
            NodeLevel.PILLAR,
            0.0,
            len(pillars),
            max_points=0.0,
        )
        group_node = loader.node(
            {
                "code": CONTEXT_GROUP_CODE,
                "name_vi": _("Biến bối cảnh (mẫu số, không chấm điểm)"),
                "name_en": "Context variables (denominators, not scored)",
            },
            pillar_node,
            NodeLevel.GROUP,
            0.0,
            0,
            max_points=0.0,
        )
        for ind in context:
            loader.indicator(ind, group_node, 0.0, scored=False)
    for rule in data.get("cross_rules", []):
        cross = CrossRule(
            version=version,
            code=rule["code"],
            left=str(rule["left"]),
            operator=rule["operator"],
            right=str(rule["right"]),
            message_vi=rule["message_vi"],
            message_en=rule.get("message_en", ""),
        )
        cross.full_clean()
        cross.save()
    return version


def _weights(children: list[Any], parent_max: Any) -> list[float]:
    """Stored sibling weights: as written, else points ÷ parent points, else equal shares."""
    scored = [c for c in children if is_scored(c)]
    result = []
    for child in children:
        if not is_scored(child):
            result.append(0.0)
        elif "weight" in child:
            result.append(float(child["weight"]))
        elif "max_points" in child and parent_max:
            result.append(float(child["max_points"]) / float(parent_max))
        else:
            result.append(1.0 / len(scored))
    return result


class _Loader:
    def __init__(self, version: FrameworkVersion) -> None:
        self.version = version
        self.sources: dict[str, Any] = version.sources
        self.order = 0

    def node(
        self,
        item: Any,
        parent: Node | None,
        level: str,
        weight: float,
        order: int,
        max_points: float | None = None,
    ) -> Node:
        node = Node(
            version=self.version,
            parent=parent,
            level=level,
            code=item["code"],
            name_vi=item["name_vi"],
            name_en=item.get("name_en", ""),
            weight=weight,
            max_points=item.get("max_points", max_points),
            order=order,
        )
        node.full_clean()
        node.save()
        return node

    def indicator(self, item: Any, group: Node, weight: float, *, scored: bool) -> Indicator:
        scoring = dict(item.get("scoring") or {})
        rule = scoring.pop("rule", "")
        notes = [str(item.get("sources", "")).strip()]
        if item.get("scoring_reference"):
            notes.append(_("Tham chiếu chấm điểm: %s") % item["scoring_reference"])
        indicator = Indicator(
            version=self.version,
            group=group,
            code=item["code"],
            name_vi=item["name_vi"],
            name_en=item.get("name_en", ""),
            definition=item.get("definition", ""),
            value_type=item["value_type"],
            unit=item.get("unit", ""),
            numerator_label=item.get("numerator", ""),
            denominator_label=item.get("denominator", ""),
            direction=(
                Direction.LOWER_IS_BETTER
                if item.get("direction") == "lower_is_better"
                else Direction.HIGHER_IS_BETTER
            ),
            aggregation=item["aggregation"],
            weight=weight,
            max_points=item.get("max_points") if scored else None,
            scoring_rule=rule,
            scoring=_plain(scoring),
            min_value=item.get("min_value"),
            max_value=item.get("max_value"),
            scored=scored,
            evidence_required=bool(item.get("evidence_required", False)),
            data_source=item.get("data_source", "self_report"),
            applicability=item.get("applicability", ""),
            reliability=item.get("reliability", ""),
            sources="\n".join(n for n in notes if n),
            example_targets=_plain(list(item.get("example_targets", []))),
            order=self.order,
        )
        self.order += 1
        indicator.full_clean()
        indicator.save()
        for target in item.get("targets", []):
            value = target["value"]
            source = self.sources.get(target["source"], {})
            row = Target(
                indicator=indicator,
                year=target["year"],
                value=float(value),
                comparator=target["comparator"],
                scope=str(target.get("scope", "")),
                source_code=target["source"],
                source_title=str(source.get("title", ""))[:400],
                note="\n".join(str(target[k]) for k in ("note", "unit_note") if target.get(k)),
            )
            row.full_clean()
            row.save()
        return indicator


def _plain(value: Any) -> Any:
    """ruamel's commented containers and scalars as plain JSON-ready Python values."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return str(value)
