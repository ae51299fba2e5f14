"""The narrative writer on the real Tân Hội 2022 report (issue 6 acceptance).

The report is loaded by the demo's own loader from the article mapping
(dxmon/frameworks/data/tan_hoi_2022_mapping.yaml, Báo Đồng Khởi 17/8/2022).
"""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from dxmon.collection.choices import ReportStatus
from dxmon.collection.models import Report
from dxmon.collection.services import period_get_or_create
from dxmon.demo.services import demo_framework_load, demo_tan_hoi_load
from dxmon.extract import extract
from dxmon.reporting.narrative import NarrativeError, ValueRef, narrative_build, narrative_render

ARTICLE_FIGURES = {
    # indicator: the words that must appear in the Vietnamese narrative
    "NLS.03": "90% cán bộ, công chức sử dụng thành thạo",
    "CQS.02": "90% văn bản điện tử được trao đổi trên môi trường mạng",
    "CQS.16": "100% cán bộ, công chức sử dụng các hệ thống thông tin",
    "CQS.17": "80% văn bản trao đổi giữa các ban, ngành, đoàn thể xã",
    "CQS.07": "đạt trên 79%",
    "KTS.01": "100% các doanh nghiệp và các hộ kinh doanh sử dụng hóa đơn điện tử",
    "KTS.11": "với 40 thành viên",
    "KTS.12": "đã thành lập 1 nhóm",
    "XHS.16": "vào 3 lĩnh vực",
    "XHS.12": "4/4 ấp đã thành lập tổ công nghệ số cộng đồng",
}


@pytest.fixture
def tan_hoi(tree):
    version = demo_framework_load()
    period = period_get_or_create(code="2022")
    demo_tan_hoi_load(version=version, period=period)
    return tree.tan_hoi


def _refs_by_code(narrative) -> dict[str, ValueRef]:
    return {ref.indicator_code: ref for ref in narrative.sources}


def _matches(figure, refs: list[ValueRef]) -> bool:
    for ref in refs:
        qualifier = (ref.qualifier or "").lower() or None
        fig_qualifier = figure.qualifier.lower() if figure.qualifier else None
        if figure.unit == "ratio":
            if (figure.numerator, figure.denominator) == (ref.numerator, ref.denominator):
                return True
            continue
        if (
            ref.value is not None
            and abs(figure.value - ref.value) < 0.05
            and (
                qualifier == fig_qualifier
                or bool(fig_qualifier and qualifier and fig_qualifier.startswith(qualifier))
            )
        ):
            return True
    return False


def test_it_states_every_figure_of_the_article_with_its_qualifier(tan_hoi):
    narrative = narrative_build(unit=tan_hoi, period="2022")
    text = narrative.text
    for code, words in ARTICLE_FIGURES.items():
        assert words in text, f"{code}: «{words}» missing from:\n{text}"
    assert text.startswith("Về chính quyền số, 90% cán bộ, công chức")
    assert "Về phát triển kinh tế số, " in text
    assert "Về phát triển xã hội số, 4/4 ấp" in text or "Về phát triển xã hội số, " in text
    # The pillars come in the article's order.
    assert text.index("Về chính quyền số") < text.index("Về phát triển kinh tế số")
    assert text.index("Về phát triển kinh tế số") < text.index("Về phát triển xã hội số")
    # The denominator of XHS.12 (CTX.04: number of hamlets) is profile data, never a clause.
    assert "Số thôn" not in text
    assert not narrative.is_synthetic
    assert "mô phỏng" not in text


def test_it_traces_every_sentence_to_the_values_it_states(tan_hoi):
    narrative = narrative_build(unit=tan_hoi, period="2022")
    refs = _refs_by_code(narrative)
    assert set(ARTICLE_FIGURES) | {"KTS.02"} <= set(refs)
    assert refs["CQS.07"].qualifier == "trên"
    assert refs["CQS.07"].value == 79
    assert (refs["XHS.12"].numerator, refs["XHS.12"].denominator) == (4, 4)
    assert all(ref.data_value_id for ref in refs.values())
    for paragraph in narrative.paragraphs:
        for sentence in paragraph.sentences:
            assert sentence.sources, sentence.text
            figures = extract(sentence.text)
            assert figures, sentence.text
            for figure in figures:
                assert _matches(figure, list(sentence.sources)), (
                    f"«{figure.text}» in «{sentence.text}» is not one of its values"
                )


def test_it_states_nothing_that_is_not_in_the_data(tan_hoi):
    narrative = narrative_build(unit=tan_hoi, period="2022")
    all_refs = list(narrative.sources)
    figures = extract(narrative.text)
    assert len(figures) >= len(ARTICLE_FIGURES)
    for figure in figures:
        assert _matches(figure, all_refs), f"«{figure.text}» is not in the data"


def test_it_writes_the_english_version(tan_hoi):
    narrative = narrative_build(unit=tan_hoi, period="2022", lang="en")
    text = narrative.text
    assert text.startswith("In digital government, 90% of officials are proficient")
    for words in (
        "over 79%",
        "100% of enterprises and household businesses use e-invoices",
        "1 business information group on a digital platform with 40 members",
        "3 sectors",
        "4/4 hamlets have set up a community digital technology team",
        "In the digital economy, ",
        "In the digital society, ",
    ):
        assert words in text, f"«{words}» missing from:\n{text}"
    assert "Về" not in text
    assert set(_refs_by_code(narrative)) == set(
        _refs_by_code(narrative_build(unit=tan_hoi, period="2022"))
    )


def test_it_only_reads_approved_reports(tan_hoi):
    Report.objects.filter(unit=tan_hoi).update(status=ReportStatus.SUBMITTED)
    with pytest.raises(NarrativeError, match="chưa có báo cáo được phê duyệt"):
        narrative_build(unit=tan_hoi, period="2022")


def test_it_says_so_when_the_figures_are_synthetic(tan_hoi):
    report = Report.objects.get(unit=tan_hoi)
    report.values.filter(indicator__code="CQS.02").update(is_synthetic=True)
    narrative = narrative_build(unit=tan_hoi, period="2022")
    last = narrative.paragraphs[-1]
    assert "số liệu mô phỏng" in last.text
    assert [ref.indicator_code for ref in last.sentences[0].sources] == ["CQS.02"]
    assert narrative.is_synthetic
    assert "synthetic" in narrative_build(unit=tan_hoi, period="2022", lang="en").text


def test_it_falls_back_to_the_indicator_name_for_other_indicators(tan_hoi):
    from dxmon.collection.models import DataValue
    from dxmon.frameworks.models import Indicator

    report = Report.objects.get(unit=tan_hoi)
    indicator = Indicator.objects.get(version=report.framework_version, code="CQS.01")
    DataValue.objects.create(report=report, indicator=indicator, value=79.5)
    narrative = narrative_build(unit=tan_hoi, period="2022")
    clause = next(
        s
        for p in narrative.paragraphs
        for s in p.sentences
        if s.sources[0].indicator_code == "CQS.01"
    )
    # The sixth clause of the pillar: it opens a new sentence, capitalised.
    assert clause.text == (
        "Tỷ lệ hồ sơ công việc tại cấp xã được xử lý trên môi trường mạng đạt 79,5%."
    )


def test_it_is_reachable_from_the_command_line(tan_hoi, capsys):
    call_command("narrative", "--unit", "28940", "--on", "2022-08-17", "--period", "2022")
    out = capsys.readouterr().out
    assert "Về chính quyền số, 90% cán bộ" in out
    assert "Đã viết 3 đoạn" in out
    call_command(
        "narrative",
        "--unit",
        "28940",
        "--on",
        "2022-08-17",
        "--period",
        "2022",
        "--lang",
        "en",
        "--json",
    )
    data = json.loads(capsys.readouterr().out)
    assert data["lang"] == "en"
    assert data["paragraphs"][0]["sentences"][0]["sources"][0]["indicator_code"] == "NLS.03"


def test_it_renders_the_narrative_as_text_and_json(tan_hoi):
    narrative = narrative_build(unit=tan_hoi, period="2022")
    name, content_type, content = narrative_render(narrative)
    assert name == "narrative-28940-2022-vi.txt"
    assert content_type.startswith("text/plain")
    assert "4/4 ấp" in content.decode("utf-8")
    name, content_type, content = narrative_render(narrative, fmt="json")
    assert json.loads(content)["unit_name"] == "Xã Tân Hội"


def test_it_reads_only_reports_within_the_users_scope(tan_hoi, supervisor, outsider):
    assert narrative_build(unit=tan_hoi, period="2022", user=supervisor).paragraphs
    with pytest.raises(NarrativeError, match="chưa có báo cáo được phê duyệt"):
        narrative_build(unit=tan_hoi, period="2022", user=outsider)
