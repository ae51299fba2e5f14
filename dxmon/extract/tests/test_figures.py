"""The extractor on the example article and on the traps listed in issue 7."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dxmon.extract.figures import Figure, extract

ARTICLE = Path("/work/shared/examples/tan-hoi-2022-08-17.txt")
if not ARTICLE.exists():  # the copy in the corpus keeps the test running elsewhere
    ARTICLE = Path(__file__).resolve().parents[1] / "corpus" / "001-tan-hoi-2022.yaml"


@pytest.fixture(scope="module")
def article() -> str:
    if ARTICLE.suffix == ".yaml":
        from ruamel.yaml import YAML

        return str(YAML(typ="safe").load(ARTICLE.read_text(encoding="utf-8"))["text"])
    return ARTICLE.read_text(encoding="utf-8")


def one(text: str) -> Figure:
    figures = extract(text)
    assert len(figures) == 1, figures
    return figures[0]


def test_it_reads_every_figure_of_the_tan_hoi_article(article):
    got = [
        (f.text, f.value, f.unit, f.numerator, f.denominator, f.qualifier) for f in extract(article)
    ]
    assert got == [
        ("3 trụ cột", 3, "count", None, None, None),
        ("90%", 90, "percent", None, None, None),
        ("90%", 90, "percent", None, None, None),
        ("100%", 100, "percent", None, None, None),
        ("80%", 80, "percent", None, None, None),
        ("trên 79%", 79, "percent", None, None, "trên"),
        ("100%", 100, "percent", None, None, None),
        ("1 group", 1, "count", None, None, None),
        ("40 thành viên", 40, "count", None, None, None),
        ("3 lĩnh vực", 3, "count", None, None, None),
        ("4/4 ấp", 4, "ratio", 4, 4, None),
    ]


def test_it_gives_the_subject_each_figure_of_the_article_measures(article):
    subjects = [f.subject for f in extract(article)]
    assert subjects[1] == (
        "cán bộ, công chức sử dụng thành thạo các phần mềm: VNPT-iOffice, VNPT-iGate"
    )
    assert subjects[2] == "văn bản điện tử được trao đổi trên môi trường mạng"
    assert subjects[3] == (
        "cán bộ, công chức sử dụng các hệ thống thông tin phục vụ công tác chuyên môn"
    )
    assert subjects[4] == "văn bản trao đổi giữa các ban, ngành, đoàn thể xã là văn bản điện tử"
    assert "thủ tục hành chính trực tuyến" in subjects[5]
    assert subjects[6] == "các doanh nghiệp và các hộ kinh doanh sử dụng hoá đơn điện tử"
    assert subjects[10] == "ấp đã thành lập tổ CĐS cộng đồng"


def test_it_gives_offsets_into_the_text_and_the_whole_sentence(article):
    for f in extract(article):
        assert article[f.start : f.end] == f.text
        assert f.text in f.sentence
        assert f.sentence in article


def test_it_leaves_out_the_dates_times_and_levels_of_the_article(article):
    texts = " | ".join(f.text for f in extract(article))
    for trap in ("17/08", "2022", "13:02", "17-8", "mức độ", "3, 4"):
        assert trap not in texts
    starts = {f.start for f in extract(article)}
    level = article.index("mức độ 3, 4")
    assert not any(level <= s < level + len("mức độ 3, 4") for s in starts)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Tỷ lệ đạt 79,5%.", 79.5, "percent"),
        ("Tỷ lệ đúng hạn 2,5 %.", 2.5, "percent"),
        ("Toàn xã có 1.234 hộ.", 1234, "count"),
        ("Toàn tỉnh có 1.234.567 người dân.", 1234567, "count"),
        ("Có 12,5 nghìn tài khoản thanh toán.", 12500, "count"),
        ("Đã tập huấn cho 05 cán bộ.", 5, "count"),
        ("Tổ có bốn mươi thành viên.", 40, "count"),
        ("Xã có hai mươi mốt điểm phát sóng.", 21, "count"),
        ("Tổng kinh phí 12,5 tỷ đồng.", 12.5e9, "money_vnd"),
        ("Ngân sách xã chi 500 triệu đồng cho CĐS.", 500e6, "money_vnd"),
        ("Tốc độ đạt 100 Mbps.", 100, "other"),
        ("Giá trị DTI đạt 0,8241.", 0.8241, "other"),
    ],
)
def test_it_reads_vietnamese_number_formats(text, value, unit):
    figure = one(text)
    assert figure.value == pytest.approx(value)
    assert figure.unit == unit


def test_it_reads_a_ratio_written_with_a_slash_or_with_tren():
    figure = one("Có 45 trên 50 hồ sơ được giải quyết trực tuyến.")
    assert (figure.value, figure.unit, figure.numerator, figure.denominator) == (
        45,
        "ratio",
        45,
        50,
    )
    assert figure.text == "45 trên 50 hồ sơ"


def test_it_reads_a_rank_as_other():
    figure = one("Tỉnh xếp thứ 12/63 tỉnh, thành phố.")
    assert (figure.value, figure.unit, figure.denominator) == (12, "other", 63)
    ranks = extract("Thanh Hóa, Điện Biên, Hà Tĩnh giữ vị trí thứ 5, 6, 7.")
    assert [(f.value, f.unit) for f in ranks] == [(5, "other"), (6, "other"), (7, "other")]


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("đạt trên 79%", "trên"),
        ("hơn 1.200 hộ", "hơn"),
        ("gần 80% người dân", "gần"),
        ("khoảng 3.500 người", "khoảng"),
        ("dưới 5% hồ sơ", "dưới"),
        ("tối thiểu 50% hồ sơ", "tối thiểu"),
        ("ít nhất 75% số xã", "ít nhất"),
        ("lên tới 90% hộ", "lên tới"),
        ("chỉ 20% hộ", "chỉ"),
        ("tỷ lệ đạt 85%", "đạt"),
        ("90% hộ", None),
        ("dựa trên 3 trụ cột", None),
    ],
)
def test_it_reads_the_qualifier_before_a_figure(text, qualifier):
    figure = one(text)
    assert figure.qualifier == qualifier
    if qualifier:
        assert figure.text.lower().startswith(qualifier)


@pytest.mark.parametrize(
    "text",
    [
        "Thực hiện Kế hoạch số 45/KH-UBND ngày 17/08/2022 của UBND tỉnh.",
        "Nghị quyết 57-NQ/TW, Quyết định 922/QĐ-BTTTT và Chỉ thị 01 của tỉnh.",
        "Đến tháng 9/2024, năm 2025 và ngày 17, giai đoạn 2021-2025.",
        "Lúc 13:02, sáng 12/10, 8h30.",
        "Phủ sóng 4G, 5G; dịch vụ công mức độ 3, 4; VNPT-iOffice.",
        "Thôn 3, Phường 7, ấp 4 và Tổ 5 đã có cáp quang.",
        "Liên hệ 0912 345 678 hoặc 02703.822.123.",
        "Xem trang 2/10.",
        "Hồ sơ được giải quyết trong 5 ngày; người trên 60 tuổi.",
        "Đề án 06 và Covid-19; cách mạng công nghiệp lần thứ 4; chợ 4.0.",
        "Sản phẩm OCOP đạt 5 sao.",
        "Số: 109 /BC-BTTTT",
        "Đây là năm thứ 3 liên tiếp; một số hộ chưa có.",
    ],
)
def test_it_does_not_take_dates_names_and_references_for_figures(text):
    assert extract(text) == []


def test_it_shares_one_subject_over_a_list_of_figures():
    figures = extract("Tỷ lệ hồ sơ trực tuyến, đúng hạn lần lượt là 85%, 95% và 100%.")
    assert [f.value for f in figures] == [85, 95, 100]
    assert {f.subject for f in figures} == {"Tỷ lệ hồ sơ trực tuyến, đúng hạn"}


def test_it_takes_the_subject_before_a_figure_that_ends_its_clause():
    figure = one("Tỷ lệ hồ sơ nộp trực tuyến đạt 85%, tăng so với năm trước.")
    assert figure.subject == "Tỷ lệ hồ sơ nộp trực tuyến"
    figure = one("- Tỷ lệ hộ gia đình có cáp quang: 80%")
    assert figure.subject == "Tỷ lệ hộ gia đình có cáp quang"


def test_it_splits_a_range_into_two_figures():
    figures = extract("Thị trường đạt 70-80 tỷ USD; mỗi người có 2-3 mã QR.")
    assert [(f.value, f.unit) for f in figures] == [
        (70e9, "other"),
        (80e9, "other"),
        (2, "count"),
        (3, "count"),
    ]


def test_it_ignores_heading_numbers_citations_and_counters():
    text = "1. Nhận thức số\n\n1.1. Ban chỉ đạo\nLượt xem: 665\n604278\nSản phẩm OCOP [6, 9]."
    assert extract(text) == []


def test_it_returns_nothing_for_text_without_numbers():
    assert extract("") == []
    assert extract("Chuyển đổi số là nhiệm vụ của cả hệ thống chính trị.") == []


def test_it_gives_the_members_of_a_list_the_unit_written_after_the_last():
    figures = extract("Khách mua 3.000, 5.000 hay 10.000 đồng đều quét mã QR.")
    assert [(f.value, f.unit) for f in figures] == [
        (3000, "money_vnd"),
        (5000, "money_vnd"),
        (10000, "money_vnd"),
    ]


@given(
    st.text(
        alphabet=st.sampled_from(
            list("0123456789.,/-:%  \nabcđĐấp tháng năm thứ trên hơn đồng tỷ")
        ),
        max_size=80,
    )
)
def test_it_never_fails_and_its_spans_are_in_the_text(text):
    for f in extract(text):
        assert text[f.start : f.end] == f.text
        assert f.start < f.end
