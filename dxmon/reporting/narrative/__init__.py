"""The narrative writer (issue 6, item 5): press-style paragraphs drafted from approved data.

From a unit's APPROVED values for a period, write what a press officer would write after a
supervision visit ("Về chính quyền số, 90% cán bộ, công chức sử dụng thành thạo ..."), one
paragraph per pillar, in Vietnamese or English. Only facts present in the data: every sentence
carries the ``ValueRef`` of each value it states, and a notice is added when any value is
synthetic. The wording comes from a phrase table per framework (``phrases/<framework>.yaml``), with
a generic phrase made from the indicator's name for indicators the table does not list.

    >>> narrative = narrative_build(unit=tan_hoi, period="2022")  # doctest: +SKIP
    >>> narrative.paragraphs[0].text  # doctest: +SKIP
    'Về chính quyền số, 90% cán bộ, công chức sử dụng thành thạo ...'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from dxmon.reporting.narrative.render import narrative_blocks, narrative_render
from dxmon.reporting.narrative.types import Narrative, Paragraph, Sentence, ValueRef
from dxmon.reporting.narrative.writer import LANGS, Fact, phrase_table, write

if TYPE_CHECKING:
    from dxmon.frameworks.models import Indicator, Node
    from dxmon.units.models import Unit

__all__ = [
    "Narrative",
    "NarrativeError",
    "Paragraph",
    "Sentence",
    "ValueRef",
    "narrative_blocks",
    "narrative_build",
    "narrative_render",
]


class NarrativeError(Exception):
    """No narrative can be written (no approved data, unknown period or language)."""


def narrative_build(*, unit: Unit, period: str, lang: str = "vi", user: Any = None) -> Narrative:
    """Draft the narrative of ``unit``'s approved data for ``period`` (a period code: "2022").

    With ``user``, only reports within the user's scope are read (``accounts.scope.restrict``);
    without (the CLI, internal jobs) every approved report of the unit is read.
    """
    from dxmon.accounts.scope import restrict
    from dxmon.collection.choices import ReportStatus
    from dxmon.collection.models import DataValue, Report

    if lang not in LANGS:
        raise NarrativeError(
            _("Ngôn ngữ «%(lang)s» chưa được hỗ trợ (chỉ có vi, en).") % {"lang": lang}
        )
    reports = Report.objects.filter(unit=unit, period__code=period, status=ReportStatus.APPROVED)
    if user is not None:
        reports = restrict(reports, user)
    reports = reports.select_related("framework_version__framework").order_by(
        "-framework_version__valid_from_year", "-pk"
    )
    report_list = list(reports)
    if not report_list:
        raise NarrativeError(
            _("%(unit)s chưa có báo cáo được phê duyệt cho kỳ %(period)s.")
            % {"unit": unit.name, "period": period}
        )
    # One framework per narrative: the newest version's report (a unit rarely has two).
    report = report_list[0]
    values = (
        DataValue.objects.filter(report=report)
        .select_related("indicator__group__parent")
        .order_by("indicator__order", "pk")
    )
    facts = [_fact(value) for value in values]
    table = phrase_table(report.framework_version.framework.code)
    paragraphs = write(facts, table, lang)
    if not paragraphs:
        raise NarrativeError(
            _("Báo cáo kỳ %(period)s của %(unit)s không có số liệu nào để viết.")
            % {"unit": unit.name, "period": period}
        )
    is_synthetic = report.is_synthetic or any(
        ref.is_synthetic for p in paragraphs for s in p.sentences for ref in s.sources
    )
    if lang == "en":
        title = f"{unit.name}: digital transformation results, {period}"
    else:
        title = f"{unit.name}: kết quả chuyển đổi số kỳ {period}"
    return Narrative(
        title=title,
        paragraphs=paragraphs,
        lang=lang,
        unit_code=unit.code,
        unit_name=unit.name,
        period=period,
        is_synthetic=is_synthetic,
    )


def _pillar(indicator: Indicator) -> Node:
    node = indicator.group
    while node.parent_id is not None and node.parent is not None:
        node = node.parent
    return node


def _fact(value: Any) -> Fact:
    indicator = value.indicator
    pillar = _pillar(indicator)
    return Fact(
        code=indicator.code,
        name_vi=indicator.name_vi,
        name_en=indicator.name_en,
        value_type=indicator.value_type,
        unit=indicator.unit,
        pillar_code=pillar.code,
        pillar_name_vi=pillar.name_vi,
        pillar_name_en=pillar.name_en or pillar.name_vi,
        order=indicator.order,
        ref=ValueRef(
            indicator_code=indicator.code,
            value=value.value,
            numerator=value.numerator,
            denominator=value.denominator,
            qualifier=value.qualifier or "",
            data_value_id=value.pk,
            is_synthetic=bool(value.is_synthetic or value.report.is_synthetic),
        ),
    )
