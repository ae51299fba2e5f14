"""Mapping figures to the indicators of the default commune framework."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from dxmon.extract.figures import Figure, extract
from dxmon.extract.mapping import (
    IndicatorDescriptor,
    framework_descriptors,
    load_lexicon,
    map_figures,
    mapping_record,
    normalise,
)

DATA = Path(__file__).resolve().parents[2] / "frameworks" / "data"
FRAMEWORK = DATA / "xa-cds-1.0.yaml"
TAN_HOI = Path(__file__).resolve().parents[1] / "corpus" / "001-tan-hoi-2022.yaml"

needs_framework = pytest.mark.skipif(
    not FRAMEWORK.exists(), reason="the default framework file is not there"
)


def figure(text: str) -> Figure:
    figures = extract(text)
    assert figures, text
    return figures[0]


@pytest.fixture(scope="module")
def indicators() -> list[IndicatorDescriptor]:
    return framework_descriptors(FRAMEWORK)


@pytest.fixture(scope="module")
def article() -> str:
    path = Path("/work/shared/examples/tan-hoi-2022-08-17.txt")
    if path.exists():
        return path.read_text(encoding="utf-8")
    return str(YAML(typ="safe").load(TAN_HOI.read_text(encoding="utf-8"))["text"])


@needs_framework
def test_it_maps_every_figure_of_the_tan_hoi_article_as_its_mapping_file_says(indicators, article):
    """tan_hoi_2022_mapping.yaml (frameworks/data) is the reference for the article."""
    mappings = map_figures(extract(article), indicators)
    got = [(m.figure.text, m.indicator) for m in mappings]
    assert got == [
        ("3 trụ cột", None),
        ("90%", "NLS.03"),
        ("90%", "CQS.02"),
        ("100%", "CQS.16"),
        ("80%", "CQS.17"),
        ("trên 79%", "CQS.07"),
        ("100%", "KTS.01"),
        ("1 group", "KTS.12"),
        ("40 thành viên", "KTS.11"),
        ("3 lĩnh vực", "XHS.16"),
        ("4/4 ấp", "XHS.12"),
    ]
    # "doanh nghiệp và hộ kinh doanh" fills two indicators: the second is the first alternative.
    assert mappings[6].alternatives[0][0] == "KTS.02"


@needs_framework
def test_it_gives_confidences_between_zero_and_one_in_decreasing_order(indicators, article):
    for m in map_figures(extract(article), indicators):
        assert 0 <= m.confidence <= 1
        scores = [m.confidence if m.indicator else 1.0] + [s for _, s in m.alternatives]
        assert scores == sorted(scores, reverse=True)
        assert m.indicator not in {code for code, _ in m.alternatives}


def test_it_matches_subjects_without_diacritics():
    indicators = [
        IndicatorDescriptor("A", "Tỷ lệ hộ có cáp quang", keywords=("cáp quang",)),
        IndicatorDescriptor("B", "Tỷ lệ hồ sơ trực tuyến", keywords=("hồ sơ trực tuyến",)),
    ]
    (plain,) = map_figures([figure("Ty le ho so truc tuyen dat 85%.")], indicators)
    assert plain.indicator == "B"
    (marked,) = map_figures([figure("Có 80% hộ có cáp quang.")], indicators)
    assert marked.indicator == "A"


def test_it_does_not_confuse_words_that_differ_only_in_diacritics():
    indicators = [
        IndicatorDescriptor("HO", "Số hộ gia đình", keywords=("hộ",), unit="count"),
        IndicatorDescriptor("HS", "Số hồ sơ", keywords=("hồ sơ",), unit="count"),
    ]
    (m,) = map_figures([figure("Đã tiếp nhận 1.200 hồ sơ.")], indicators)
    assert m.indicator == "HS"


def test_it_prefers_an_indicator_whose_unit_fits():
    indicators = [
        IndicatorDescriptor("COUNT", "Số thành viên tổ công nghệ số", unit="count"),
        IndicatorDescriptor("SHARE", "Tỷ lệ thành viên tổ công nghệ số", unit="percent"),
    ]
    (pct,) = map_figures([figure("85% thành viên tổ công nghệ số được tập huấn.")], indicators)
    (cnt,) = map_figures([figure("Có 40 thành viên tổ công nghệ số.")], indicators)
    assert (pct.indicator, cnt.indicator) == ("SHARE", "COUNT")


def test_it_leaves_a_figure_unmapped_below_the_threshold():
    indicators = [IndicatorDescriptor("X", "Tỷ lệ hộ có cáp quang", keywords=("cáp quang",))]
    (m,) = map_figures([figure("Tỉnh có 3 trụ cột chính.")], indicators)
    assert m.indicator is None
    assert map_figures([], indicators) == []


def test_it_treats_old_and_new_tone_placement_alike():
    assert normalise("Hoá đơn THUỶ") == normalise("hóa đơn thủy")


def test_it_loads_the_lexicon_of_the_default_framework():
    lexicon = load_lexicon("xa-cds")
    assert "thành thạo" in lexicon["NLS.03"]
    assert "tổ CĐS cộng đồng" in lexicon["XHS.12"]
    assert load_lexicon("no-such-framework") == {}


@needs_framework
def test_it_has_lexicon_entries_only_for_codes_of_the_framework(indicators):
    codes = {d.code for d in indicators}
    assert set(load_lexicon("xa-cds")) <= codes


def test_it_writes_the_json_record_of_a_mapping():
    indicators = [IndicatorDescriptor("XHS.12", "Tỷ lệ ấp có tổ công nghệ số cộng đồng")]
    (m,) = map_figures([figure("4/4 ấp đã thành lập tổ công nghệ số cộng đồng.")], indicators)
    record = mapping_record(m)
    assert list(record) == [
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
    ]
    assert (record["value"], record["numerator"], record["denominator"]) == (4, 4, 4)
    assert record["indicator"] == "XHS.12"
