"""Readers for .txt, .docx, .pdf and saved web pages, on small real files."""

from __future__ import annotations

from pathlib import Path

import pytest

from dxmon.extract.figures import extract
from dxmon.extract.readers import html_to_text, read_text

SENTENCE = "Về chính quyền số, 90% cán bộ, công chức sử dụng thành thạo VNPT-iOffice."
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def test_it_reads_utf8_text_files_with_or_without_a_bom(tmp_path):
    plain = tmp_path / "a.txt"
    plain.write_text(SENTENCE, encoding="utf-8")
    bom = tmp_path / "b.txt"
    bom.write_text(SENTENCE, encoding="utf-8-sig")
    assert read_text(plain).strip() == SENTENCE
    assert read_text(bom).strip() == SENTENCE


def test_it_normalises_decomposed_vietnamese_to_nfc(tmp_path):
    import unicodedata

    path = tmp_path / "nfd.txt"
    path.write_text(unicodedata.normalize("NFD", SENTENCE), encoding="utf-8")
    text = read_text(path)
    assert text.strip() == SENTENCE
    (figure,) = extract(text)
    assert text[figure.start : figure.end] == "90%"


def test_it_reads_paragraphs_and_tables_of_a_word_document(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("BÁO CÁO kết quả chuyển đổi số xã Tân Hội")
    document.add_paragraph(SENTENCE)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Chỉ tiêu"
    table.cell(0, 1).text = "Kết quả"
    table.cell(1, 0).text = "Tỷ lệ ấp có tổ công nghệ số cộng đồng"
    table.cell(1, 1).text = "4/4 ấp"
    path = tmp_path / "bao-cao.docx"
    document.save(str(path))

    text = read_text(path)
    assert SENTENCE in text
    assert "Tỷ lệ ấp có tổ công nghệ số cộng đồng | 4/4 ấp" in text
    assert [f.text for f in extract(text)] == ["90%", "4/4 ấp"]


@pytest.mark.skipif(not FONT.exists(), reason="DejaVu Sans is needed to write Vietnamese")
def test_it_reads_the_text_layer_of_a_pdf(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=11)
    pdf.multi_cell(0, 8, SENTENCE, new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 8, "Đã có 4/4 ấp thành lập tổ công nghệ số cộng đồng.", new_x="LMARGIN")
    path = tmp_path / "bao-cao.pdf"
    pdf.output(str(path))

    text = read_text(path)
    assert "thành thạo" in text
    figures = extract(text)
    assert [(f.value, f.unit) for f in figures] == [(90, "percent"), (4, "ratio")]
    for f in figures:
        assert text[f.start : f.end] == f.text


def test_it_refuses_a_pdf_without_a_text_layer(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()  # an empty page: what a scan looks like to a text extractor
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(ValueError, match="lớp chữ"):
        read_text(path)


def test_it_keeps_the_article_of_a_saved_web_page_and_drops_the_rest(tmp_path):
    html = """<!doctype html><html><head><title>Tin</title>
    <style>p { color: red }</style><script>var n = 12345;</script></head>
    <body><nav><a href="/">Trang chủ</a> 99 tin</nav>
    <article><h1>Giám sát chuyển đổi số</h1><p>Về chính quyền số,
    90% cán bộ,&nbsp;công chức sử dụng thành thạo VNPT-iOffice.</p>
    <p>4/4 ấp đã thành lập tổ CĐS cộng đồng.</p></article>
    <footer>Lượt xem: 665</footer></body></html>"""
    path = tmp_path / "tin.html"
    path.write_text(html, encoding="utf-8")
    text = read_text(path)
    assert "12345" not in text
    assert "Trang chủ" not in text
    assert "665" not in text
    assert "Giám sát chuyển đổi số\n\nVề chính quyền số," in text
    assert [f.text for f in extract(text)] == ["90%", "4/4 ấp"]


def test_it_turns_table_cells_into_separated_text():
    text = html_to_text("<table><tr><td>Tỷ lệ</td><td>80%</td></tr></table>")
    assert "Tỷ lệ | 80%" in text


def test_it_refuses_unknown_and_missing_files(tmp_path):
    with pytest.raises(ValueError, match=r"\.xls"):
        read_text(tmp_path / "a.xls")
    with pytest.raises(ValueError, match="Không tìm thấy"):
        read_text(tmp_path / "missing.txt")
