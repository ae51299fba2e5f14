"""Official documents per Nghị định 30/2020/NĐ-CP, Phụ lục I: DOCX read back, PDF through
LibreOffice, and the page images kept in var/screenshots/docs/ for a person to look at."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from docx import Document
from docx.shared import Length

from dxmon.reporting.charts import chart_bar, chart_line
from dxmon.reporting.checks import check_pdf_toolchain
from dxmon.reporting.renderers import RENDERERS, render
from dxmon.reporting.renderers.docx import recipient_lines
from dxmon.reporting.tests.samples import sample_report

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots" / "docs"


def _mm(length: Length | None) -> float:
    assert length is not None
    return float(length.mm)


def _cell_text(cell) -> str:
    return "\n".join(p.text for p in cell.paragraphs)


@pytest.fixture(scope="module")
def docx_bytes() -> bytes:
    name, content_type, content = render("docx", sample_report())
    assert name == "bao-cao-giam-sat-tan-hoi-2022.docx"
    assert content_type.endswith("wordprocessingml.document")
    return content


def test_it_registers_one_renderer_per_variant():
    assert set(RENDERERS) == {"docx", "pdf", "html"}
    with pytest.raises(ValueError, match="không được hỗ trợ"):
        render("odt", sample_report())


def test_it_lays_out_an_a4_page_with_the_decree_margins(docx_bytes):
    section = Document(io.BytesIO(docx_bytes)).sections[0]
    assert round(_mm(section.page_width)) == 210
    assert round(_mm(section.page_height)) == 297
    assert 20 <= round(_mm(section.top_margin)) <= 25
    assert 20 <= round(_mm(section.bottom_margin)) <= 25
    assert 30 <= round(_mm(section.left_margin)) <= 35
    assert 15 <= round(_mm(section.right_margin)) <= 20
    # Page numbers in the header from page 2 on.
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_it_writes_the_header_block_as_a_borderless_two_column_table(docx_bytes):
    document = Document(io.BytesIO(docx_bytes))
    header = document.tables[0]
    assert len(header.columns) == 2
    assert 'w:val="nil"' in header._tbl.tblPr.xml
    issuer, motto = header.rows[0].cells
    number, date = header.rows[1].cells
    assert _cell_text(issuer).split("\n")[:2] == ["HĐND TỈNH VĨNH LONG", "BAN VĂN HÓA - XÃ HỘI"]
    assert issuer.paragraphs[1].runs[0].bold
    assert not issuer.paragraphs[0].runs[0].bold
    assert _cell_text(motto).split("\n")[:2] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    motto_run, slogan_run = motto.paragraphs[0].runs[0], motto.paragraphs[1].runs[0]
    assert motto_run.bold
    assert 12 <= motto_run.font.size.pt <= 13
    assert slogan_run.bold
    assert 13 <= slogan_run.font.size.pt <= 14
    # A line under the issuer and under the slogan (a paragraph with a top border).
    assert "w:pBdr" in issuer.paragraphs[2]._p.xml
    assert "w:pBdr" in motto.paragraphs[2]._p.xml
    assert _cell_text(number).strip() == "Số: 45/KH-BVHXH"
    assert _cell_text(date).strip() == "Vĩnh Long, ngày 17 tháng 8 năm 2022"
    assert date.paragraphs[0].runs[0].italic


def test_it_writes_the_title_body_table_and_chart(docx_bytes):
    document = Document(io.BytesIO(docx_bytes))
    texts = [p.text for p in document.paragraphs]
    kind = next(p for p in document.paragraphs if p.text == "BÁO CÁO")
    assert kind.runs[0].bold
    assert kind.alignment == 1
    title = next(
        p
        for p in document.paragraphs
        if p.text == "Kết quả giám sát việc thực hiện chuyển đổi số tại UBND xã Tân Hội"
    )
    assert title.runs[0].bold
    assert title.alignment == 1
    body = [p for p in document.paragraphs if p.text.startswith("Trên 90% cán bộ")]
    assert len(body) == 1
    paragraph = body[0]
    assert paragraph.alignment == 3  # justified
    assert 1.0 <= paragraph.paragraph_format.first_line_indent.cm <= 1.27
    assert paragraph.paragraph_format.space_after.pt >= 6
    assert 1.0 <= paragraph.paragraph_format.line_spacing <= 1.5
    run = paragraph.runs[0]
    assert run.font.name == "Times New Roman"
    assert run.font.size is not None
    assert 13 <= run.font.size.pt <= 14
    assert 'w:hAnsi="Times New Roman"' in run._r.xml
    assert "I. KẾT QUẢ THỰC HIỆN" in texts
    assert (
        "- Sở Công Thương hỗ trợ đưa sản phẩm của doanh nghiệp, nông dân lên sàn "
        "thương mại điện tử." in texts
    )
    # The figures table: borders, bold header, right-aligned Vietnamese numbers.
    table = document.tables[1]
    assert table.style is not None
    assert table.style.name == "Table Grid"
    assert [c.text for c in table.rows[0].cells][:3] == ["STT", "Chỉ tiêu", "Kết quả"]
    assert table.rows[0].cells[1].paragraphs[0].runs[0].bold
    row = table.rows[2]
    assert [c.text for c in row.cells] == [
        "2",
        "Văn bản trao đổi dưới dạng điện tử",
        "90%",
        "90%",
        "1.234",
        "1.371",
    ]
    assert row.cells[4].paragraphs[0].alignment == 2  # right
    assert table.rows[5].cells[2].text == "79,5"
    assert table.rows[5].cells[3].text == "85,25"
    assert table.rows[3].cells[4].text == "—"
    assert "Bảng 1. Chỉ tiêu chuyển đổi số của xã Tân Hội năm 2022" in texts
    # The chart: one embedded picture with its caption and alt text.
    assert len(document.inline_shapes) == 1
    assert "Hình 1. Một số chỉ tiêu chuyển đổi số của xã Tân Hội năm 2022" in texts
    assert 'descr="Biểu đồ cột' in document.inline_shapes[0]._inline.xml


def test_it_ends_with_the_recipients_and_the_signature_block(docx_bytes):
    document = Document(io.BytesIO(docx_bytes))
    footer = document.tables[-1]
    assert 'w:val="nil"' in footer._tbl.tblPr.xml
    recipients, signature = footer.rows[0].cells
    lines = [p for p in recipients.paragraphs if p.text]
    assert lines[0].text == "Nơi nhận:"
    assert lines[0].runs[0].bold
    assert lines[0].runs[0].italic
    assert lines[0].runs[0].font.size.pt == 12
    assert [p.text for p in lines[1:]] == [
        "- Thường trực HĐND tỉnh;",
        "- UBND huyện Mỏ Cày Nam;",
        "- UBND xã Tân Hội;",
        "- Thành viên Đoàn giám sát;",
        "- Lưu: VT.",
    ]
    assert all(p.runs[0].font.size.pt == 11 for p in lines[1:])
    signs = [p for p in signature.paragraphs if p.text]
    assert [p.text for p in signs] == ["TM. BAN VĂN HÓA - XÃ HỘI", "TRƯỞNG BAN", "Nguyễn Văn Hòa"]
    assert all(p.runs[0].bold for p in signs)
    # Room for the signature between the title and the name.
    assert len(signature.paragraphs) - len(signs) >= 3


def test_it_keeps_the_recipient_list_in_the_decree_form():
    assert recipient_lines(("- UBND xã;", "Lưu: VT, BVHXH.")) == ["- UBND xã;", "- Lưu: VT, BVHXH."]
    assert recipient_lines(()) == ["- Lưu: VT."]


def test_it_marks_drafts_and_synthetic_data():
    from dataclasses import replace

    document = replace(sample_report(synthetic=True), is_draft=True, number="5")
    content = render("docx", document)[2]
    docx = Document(io.BytesIO(content))
    texts = [p.text for p in docx.paragraphs]
    assert texts[0] == "DỰ THẢO"
    assert any("giả lập" in t for t in texts)
    assert docx.tables[0].rows[1].cells[0].text.strip() == "Số: 05/KH-BVHXH"
    html = render("html", document)[2].decode("utf-8")
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html
    assert "DỰ THẢO" in html
    assert "Số: 05/KH-BVHXH" in html
    assert "giả lập" in html


def test_it_draws_charts_as_png_or_svg_with_vietnamese_numbers():
    png = chart_bar(["Chính quyền số", "Kinh tế số"], [90.0, 79.5], unit="%", title="Tỷ lệ")
    assert png.startswith(b"\x89PNG")
    svg = chart_bar(["Chính quyền số", "Kinh tế số"], [90.0, 79.5], unit="%", fmt="svg")
    assert svg.lstrip().startswith(b"<?xml")
    assert b"<svg" in svg
    assert svg == chart_bar(["Chính quyền số", "Kinh tế số"], [90.0, 79.5], unit="%", fmt="svg")
    line = chart_line(["2022", "2023"], {"Tân Hội": [60.5, None]}, fmt="svg", break_after="2022")
    assert b"<svg" in line
    with pytest.raises(ValueError, match="bằng nhau"):
        chart_bar(["a"], [1.0, 2.0])


def test_it_warns_when_the_pdf_tools_are_missing(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    ids = {message.id for message in check_pdf_toolchain()}
    assert ids == {"reporting.W001", "reporting.W002"}


needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="LibreOffice (soffice) is not installed: run make setup",
)


@needs_soffice
def test_it_converts_the_document_to_pdf_with_diacritics_intact(tmp_path):
    name, content_type, content = render("pdf", sample_report(synthetic=True))
    assert name.endswith(".pdf")
    assert content_type == "application/pdf"
    assert content.startswith(b"%PDF")
    pdf = tmp_path / name
    pdf.write_bytes(content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    for words in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "ngày 17 tháng 8 năm 2022",
        "Số: 45/KH-BVHXH",
        "BAN VĂN HÓA - XÃ HỘI",
        "Nơi nhận:",
        "Nguyễn Văn Hòa",
        "Lưu: VT.",
    ):
        assert words in text, words
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "LiberationSerif" in fonts or "TimesNewRoman" in fonts
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "pts (A4)" in pages
    # Page images for a person to look at (issue 6 acceptance).
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", str(pdf), str(SCREENSHOTS / "supervision-report")],
        check=True,
    )
    assert (SCREENSHOTS / "supervision-report-1.png").exists()


def test_it_explains_in_vietnamese_when_libreoffice_is_missing(monkeypatch):
    from dxmon.reporting.errors import RenderError

    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(RenderError, match="chưa cài LibreOffice"):
        render("pdf", sample_report())


@needs_soffice
def test_it_runs_concurrent_conversions_without_clashing():
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda _: render("pdf", sample_report()), range(2)))
    assert all(content.startswith(b"%PDF") for _name, _type, content in results)
