"""DOCX renderer for official documents, laid out per Nghị định 30/2020/NĐ-CP, Phụ lục I.

What this follows (Phụ lục I "Thể thức, kỹ thuật trình bày văn bản hành chính"):

- Khổ giấy A4 (210 × 297 mm), portrait; lề trên 20–25 mm, lề dưới 20–25 mm, lề trái 30–35 mm,
  lề phải 15–20 mm (we use 20 / 20 / 30 / 15 mm).
- Phông Times New Roman (Unicode, TCVN 6909:2001), màu đen. LibreOffice substitutes the
  metric-compatible Liberation Serif when converting to PDF.
- Ô 1 (Quốc hiệu và Tiêu ngữ): "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in hoa, cỡ 12–13, đứng, đậm;
  "Độc lập - Tự do - Hạnh phúc" cỡ 13–14, đứng, đậm, với đường kẻ ngang nét liền bên dưới dài
  bằng dòng chữ. Ô 2 (tên cơ quan): tên cơ quan chủ quản in hoa cỡ 12–13 đứng; tên cơ quan ban
  hành in hoa cỡ 12–13 đứng đậm, đường kẻ ngang bên dưới dài 1/3–1/2 dòng chữ, đặt cân đối.
  Both sit in a borderless two-column table (left: issuing body; right: motto).
- Ô 3 (số, ký hiệu): "Số: 45/KH-BVHXH", cỡ 13, đứng, căn giữa dưới tên cơ quan; numbers below 10
  get a leading zero. Ô 4 (địa danh, ngày tháng): chữ nghiêng cỡ 13–14, căn giữa dưới Quốc hiệu
  ("Vĩnh Long, ngày 17 tháng 8 năm 2022", months 1–2 and days < 10 padded).
- Ô 5 (tên loại, trích yếu): tên loại in hoa cỡ 13–14 đứng đậm, căn giữa; trích yếu chữ thường
  cỡ 14 đứng đậm ngay dưới, với đường kẻ ngang ngắn bên dưới.
- Ô 6 (nội dung): chữ đứng cỡ 13–14, căn đều hai lề, lùi đầu dòng 1–1,27 cm, khoảng cách giữa
  các đoạn tối thiểu 6 pt, khoảng cách dòng từ single đến 1,5 lines (we use 1,15).
- Ô 7 (chức vụ, họ tên người ký): quyền hạn (TM., KT.) và chức vụ in hoa cỡ 13–14 đứng đậm; họ
  tên chữ thường đứng đậm, căn giữa so với quyền hạn, chức vụ.
- Ô 9 (nơi nhận): "Nơi nhận:" cỡ 12 nghiêng đậm; the list cỡ 11 đứng, each line starting with "-"
  and ending with ";", the last line "- Lưu: VT.".
- Số trang: chữ số Ả Rập cỡ 13–14, căn giữa trong lề trên, not shown on the first page.

The bytes depend only on the context (no database, no clock).
"""

from __future__ import annotations

import io
from functools import cache

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from dxmon.reporting.contexts import (
    Bullets,
    Cell,
    Chart,
    Heading,
    OfficialDocument,
    PageBreak,
    Paragraph,
    RenderResult,
    Table,
)
from dxmon.vn.dates import format_place_date
from dxmon.vn.numbers import format_number

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Times New Roman"
BODY_PT = 14
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
SLOGAN = "Độc lập - Tự do - Hạnh phúc"

PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 20
MARGIN_BOTTOM_MM = 20
MARGIN_LEFT_MM = 30
MARGIN_RIGHT_MM = 15
TEXT_WIDTH_CM = (PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM) / 10
HEADER_LEFT_CM = 6.5
HEADER_RIGHT_CM = TEXT_WIDTH_CM - HEADER_LEFT_CM
FOOT_LEFT_CM = 7.5
FOOT_RIGHT_CM = TEXT_WIDTH_CM - FOOT_LEFT_CM
FIRST_LINE_INDENT = Cm(1.27)

SERIF_FONT_FILES = {
    False: (
        "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    ),
    True: (
        "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf",
    ),
}


def render(context: OfficialDocument) -> RenderResult:
    """Render ``context`` to DOCX: ``(filename, content_type, bytes)``."""
    document = Document()
    _set_up_page(document)
    _set_up_styles(document)
    body_start = document.paragraphs[0] if document.paragraphs else None
    if context.is_draft:
        _draft_mark(document)
    _header_block(document, context)
    _title_block(document, context)
    if context.synthetic_note:
        _synthetic_note(document, context.synthetic_note)
    for block in context.blocks:
        _block(document, block)
    _footer_block(document, context)
    if body_start is not None and not body_start.text:
        body_start._p.getparent().remove(body_start._p)
    props = document.core_properties
    props.title = f"{context.kind_title.capitalize()} {context.title}"[:255]
    props.author = context.issuer
    props.language = "vi-VN"
    out = io.BytesIO()
    document.save(out)
    return f"{context.filename_stem}.docx", CONTENT_TYPE, out.getvalue()


# --- page and styles -------------------------------------------------------------------------


def _set_up_page(document: object) -> None:
    section = document.sections[0]  # type: ignore[attr-defined]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(PAGE_WIDTH_MM)
    section.page_height = Mm(PAGE_HEIGHT_MM)
    section.top_margin = Mm(MARGIN_TOP_MM)
    section.bottom_margin = Mm(MARGIN_BOTTOM_MM)
    section.left_margin = Mm(MARGIN_LEFT_MM)
    section.right_margin = Mm(MARGIN_RIGHT_MM)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    # Page numbers centred in the top margin, from page 2 on (Phụ lục I, mục II.10).
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(paragraph)


def _page_field(paragraph: DocxParagraph) -> None:
    run = paragraph.add_run()
    _font(run, size=BODY_PT)
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    text = OxmlElement("w:t")
    text.text = "2"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instr, separate, text, end):
        run._r.append(element)


def _set_up_styles(document: object) -> None:
    styles = document.styles  # type: ignore[attr-defined]
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    _rfonts(normal.element.get_or_add_rPr())
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    for name in ("Header", "Footer", "Table Grid"):
        try:
            style = styles[name]
        except KeyError:
            continue
        style.font.name = FONT
        _rfonts(style.element.get_or_add_rPr())


def _rfonts(rpr: object) -> None:
    """Use the font for every script slot, so Vietnamese letters never fall back to another."""
    rfonts = rpr.find(qn("w:rFonts"))  # type: ignore[attr-defined]
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)  # type: ignore[attr-defined]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(slot), FONT)
    lang = rpr.find(qn("w:lang"))  # type: ignore[attr-defined]
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)  # type: ignore[attr-defined]
    lang.set(qn("w:val"), "vi-VN")


def _font(run: object, *, size: float = BODY_PT, bold: bool = False, italic: bool = False) -> None:
    run.font.name = FONT  # type: ignore[attr-defined]
    run.font.size = Pt(size)  # type: ignore[attr-defined]
    run.font.bold = bold  # type: ignore[attr-defined]
    run.font.italic = italic  # type: ignore[attr-defined]
    _rfonts(run._r.get_or_add_rPr())  # type: ignore[attr-defined]


def _para(
    container: object,
    text: str = "",
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
    after: float = 0,
    before: float = 0,
    first_line_indent: Cm | None = None,
    line_spacing: float = 1.0,
    first: bool = False,
) -> DocxParagraph:
    """Add a paragraph to a document or a cell (``first`` reuses a cell's empty paragraph)."""
    if first:
        paragraph = container.paragraphs[0]  # type: ignore[attr-defined]
    else:
        paragraph = container.add_paragraph()  # type: ignore[attr-defined]
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_after = Pt(after)
    fmt.space_before = Pt(before)
    fmt.line_spacing = line_spacing
    if first_line_indent is not None:
        fmt.first_line_indent = first_line_indent
    if text:
        run = paragraph.add_run(text)
        _font(run, size=size, bold=bold, italic=italic)
    result: DocxParagraph = paragraph
    return result


# --- lines under text ------------------------------------------------------------------------


@cache
def _font_metrics(bold: bool) -> tuple[dict[int, str], dict[str, tuple[int, int]], int] | None:
    try:
        from fontTools.ttLib import TTFont
    except ImportError:  # pragma: no cover - fontTools comes with matplotlib
        return None
    for path in SERIF_FONT_FILES[bold]:
        try:
            font = TTFont(path, lazy=True)
        except OSError:
            continue
        return font.getBestCmap(), dict(font["hmtx"].metrics), font["head"].unitsPerEm
    return None


def text_width_cm(text: str, size_pt: float, *, bold: bool = False) -> float:
    """The printed width of ``text`` in Times New Roman (measured with Liberation Serif)."""
    metrics = _font_metrics(bold)
    if metrics is None:
        return len(text) * size_pt * 0.5 / 72 * 2.54
    cmap, hmtx, units = metrics
    total = 0
    for char in text:
        glyph = cmap.get(ord(char))
        total += hmtx[glyph][0] if glyph in hmtx else units // 2
    return total / units * size_pt / 72 * 2.54


def _rule(container: object, *, column_cm: float, line_cm: float, first: bool = False) -> None:
    """A centred horizontal line ``line_cm`` long: a tiny paragraph with a top border."""
    paragraph = _para(container, size=2, first=first, before=4)
    indent = max((column_cm - line_cm) / 2 - 0.1, 0)
    paragraph.paragraph_format.left_indent = Cm(indent)
    paragraph.paragraph_format.right_indent = Cm(indent)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    top.set(qn("w:val"), "single")
    top.set(qn("w:sz"), "6")
    top.set(qn("w:space"), "1")
    top.set(qn("w:color"), "000000")
    borders.append(top)
    ppr.append(borders)
    # The paragraph exists only to carry the border: make it as short as possible.
    run = paragraph.add_run()
    _font(run, size=2)
    paragraph.paragraph_format.line_spacing = Pt(2)


# --- tables ----------------------------------------------------------------------------------


def _borderless(table: DocxTable) -> None:
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tblpr.append(borders)


def _widths(table: DocxTable, widths_cm: tuple[float, ...]) -> None:
    """Fixed column widths, and the table's own width set to their sum (LibreOffice reads it)."""
    table.autofit = False
    tblpr = table._tbl.tblPr
    tblw = tblpr.find(qn("w:tblW"))
    if tblw is None:
        tblw = OxmlElement("w:tblW")
        tblpr.append(tblw)
    tblw.set(qn("w:type"), "dxa")
    tblw.set(qn("w:w"), str(round(sum(widths_cm) * 567)))
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)


def _cell_margins(table: DocxTable, left_cm: float, right_cm: float) -> None:
    tblpr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for edge, value in (("left", left_cm), ("right", right_cm)):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(int(value * 567)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tblpr.append(margins)


def _repeat_header(row: object) -> None:
    trpr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    trpr.append(element)


def _cant_split(row: object) -> None:
    trpr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    trpr.append(OxmlElement("w:cantSplit"))


# --- the parts of the document ---------------------------------------------------------------


def _draft_mark(document: object) -> None:
    _para(document, "DỰ THẢO", size=13, bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT, after=6)


def _header_block(document: object, context: OfficialDocument) -> None:
    """Ô 1–4: issuing body and number on the left, motto and place-date on the right."""
    table = document.add_table(rows=2, cols=2)  # type: ignore[attr-defined]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borderless(table)
    _cell_margins(table, 0, 0)
    _widths(table, (HEADER_LEFT_CM, HEADER_RIGHT_CM))
    left, right = table.rows[0].cells
    number_cell, date_cell = table.rows[1].cells
    for cell in (left, right):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP

    if context.issuer_parent:
        _para(left, context.issuer_parent.upper(), size=13, first=True)
        _para(left, context.issuer.upper(), size=13, bold=True)
    else:
        _para(left, context.issuer.upper(), size=13, bold=True, first=True)
    issuer_cm = text_width_cm(context.issuer.upper(), 13, bold=True)
    _rule(left, column_cm=HEADER_LEFT_CM, line_cm=min(max(issuer_cm * 0.45, 1.5), 3.0))

    _para(right, MOTTO, size=12.5 if HEADER_RIGHT_CM < 10 else 13, bold=True, first=True)
    _para(right, SLOGAN, size=14, bold=True)
    _rule(right, column_cm=HEADER_RIGHT_CM, line_cm=text_width_cm(SLOGAN, 14, bold=True))

    _para(number_cell, context.number_line, size=13, first=True, before=4)
    _para(
        date_cell,
        format_place_date(context.place, context.date),
        size=14,
        italic=True,
        first=True,
        before=4,
    )


def _title_block(document: object, context: OfficialDocument) -> None:
    """Ô 5: the kind of document and the trích yếu, centred, with a short line under them."""
    _para(document, context.kind_title.upper(), size=14, bold=True, before=18)
    _para(document, context.title, size=14, bold=True)
    title_cm = min(text_width_cm(context.title, 14, bold=True), TEXT_WIDTH_CM)
    _rule(document, column_cm=TEXT_WIDTH_CM, line_cm=max(title_cm / 3, 3.0))
    document.add_paragraph().paragraph_format.space_after = Pt(0)  # type: ignore[attr-defined]


def _synthetic_note(document: object, note: str) -> None:
    paragraph = _para(
        document, note, size=12, italic=True, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=6
    )
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for edge in ("top", "left", "bottom", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "6")
        element.set(qn("w:space"), "4")
        element.set(qn("w:color"), "000000")
        borders.append(element)
    ppr.append(borders)


def _body(
    document: object, text: str, *, bold: bool = False, italic: bool = False
) -> DocxParagraph:
    paragraph = _para(
        document,
        text,
        size=BODY_PT,
        bold=bold,
        italic=italic,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        after=6,
        first_line_indent=FIRST_LINE_INDENT,
        line_spacing=1.15,
    )
    return paragraph


def _block(document: object, block: object) -> None:
    if isinstance(block, Heading):
        paragraph = _body(document, block.text, bold=True, italic=block.level >= 3)
        paragraph.paragraph_format.keep_with_next = True
        paragraph.paragraph_format.space_before = Pt(6 if block.level == 1 else 0)
    elif isinstance(block, Paragraph):
        _body(document, block.text, bold=block.bold, italic=block.italic)
    elif isinstance(block, Bullets):
        for item in block.items:
            _body(document, f"- {item}")
    elif isinstance(block, Table):
        _data_table(document, block)
    elif isinstance(block, Chart):
        _chart(document, block)
    elif isinstance(block, PageBreak):
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)  # type: ignore[attr-defined]
    else:
        raise TypeError(f"Unknown block type: {type(block).__name__}")


def _cell_text(value: Cell) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, int):
        return format_number(value)
    if isinstance(value, float):
        return format_number(round(value, 2))
    return str(value)


def _data_table(document: object, block: Table) -> None:
    if block.caption:
        caption = _para(document, block.caption, size=13, bold=True, before=6, after=4)
        caption.paragraph_format.keep_with_next = True
    ncols = len(block.columns)
    table = document.add_table(rows=1 + len(block.rows), cols=ncols)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    numeric = set(block.numeric_columns)
    for row in block.rows:
        for index, value in enumerate(row):
            if isinstance(value, int | float) and not isinstance(value, bool):
                numeric.add(index)
    widths = _column_widths(block)
    _widths(table, widths)
    header = table.rows[0]
    _repeat_header(header)
    for index, title in enumerate(block.columns):
        cell = header.cells[index]
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _para(cell, title, size=12, bold=True, first=True, before=2, after=2)
    for row_index, values in enumerate(block.rows, start=1):
        row = table.rows[row_index]
        _cant_split(row)
        for index in range(ncols):
            value = values[index] if index < len(values) else None
            align = WD_ALIGN_PARAGRAPH.RIGHT if index in numeric else WD_ALIGN_PARAGRAPH.LEFT
            cell = row.cells[index]
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            _para(cell, _cell_text(value), size=12, align=align, first=True, before=2, after=2)
    if block.note:
        _para(document, block.note, size=12, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, before=3)
    _para(document, after=6)


def _column_widths(block: Table) -> tuple[float, ...]:
    """Share the text width: each column at least its longest word (header) or number fits,
    the rest of the width goes to the columns holding longer text, by their length."""
    padding = 0.45
    minimum: list[float] = []
    wanted: list[float] = []
    for index, title in enumerate(block.columns):
        cells = [_cell_text(row[index]) for row in block.rows if index < len(row)]
        longest_word = max(
            [text_width_cm(word, 12, bold=True) for word in title.split()]
            + [text_width_cm(word, 12) for text in cells for word in text.split()]
            + [0.6]
        )
        minimum.append(longest_word + padding)
        full = max([text_width_cm(text, 12) for text in cells] + [0.0]) + padding
        wanted.append(max(full, minimum[-1]))
    if sum(wanted) <= TEXT_WIDTH_CM:
        spare = TEXT_WIDTH_CM - sum(wanted)
        longest = max(range(len(wanted)), key=lambda i: wanted[i])
        wanted[longest] += spare
        return tuple(wanted)
    spare = TEXT_WIDTH_CM - sum(minimum)
    if spare <= 0:
        return tuple(TEXT_WIDTH_CM * m / sum(minimum) for m in minimum)
    extra = [w - m for w, m in zip(wanted, minimum, strict=True)]
    total_extra = sum(extra) or 1.0
    return tuple(m + spare * e / total_extra for m, e in zip(minimum, extra, strict=True))


def _chart(document: object, block: Chart) -> None:
    paragraph = _para(document, before=6)
    paragraph.paragraph_format.keep_with_next = True
    width = min(block.width_cm, TEXT_WIDTH_CM)
    run = paragraph.add_run()
    run.add_picture(io.BytesIO(block.png), width=Cm(width))
    if block.alt_text:
        doc_pr = run._r.xpath(".//wp:docPr")
        for element in doc_pr:
            element.set("descr", block.alt_text)
    _para(document, block.caption, size=13, italic=True, after=6)


def _footer_block(document: object, context: OfficialDocument) -> None:
    """Ô 9 and 7: "Nơi nhận:" on the left, the signing block on the right."""
    _para(document, after=6)
    table = document.add_table(rows=1, cols=2)  # type: ignore[attr-defined]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borderless(table)
    _cell_margins(table, 0, 0)
    _widths(table, (FOOT_LEFT_CM, FOOT_RIGHT_CM))
    _cant_split(table.rows[0])
    left, right = table.rows[0].cells
    _para(
        left,
        "Nơi nhận:",
        size=12,
        bold=True,
        italic=True,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        first=True,
    )
    for line in recipient_lines(context.recipients):
        _para(left, line, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)

    _para(right, context.signer_authority.upper(), size=14, bold=True, first=True)
    if context.signer_title:
        _para(right, context.signer_title.upper(), size=14, bold=True)
    for _ in range(4):
        _para(right, size=14)
    _para(right, context.signer_name, size=14, bold=True)


def recipient_lines(recipients: tuple[str, ...]) -> list[str]:
    """The "Nơi nhận" lines: "- X;" each, the last one "- Lưu: VT." (added when missing)."""
    items = [item.strip().lstrip("-").strip().rstrip(";.").strip() for item in recipients]
    items = [item for item in items if item]
    if not any(item.lower().startswith("lưu") for item in items):
        items.append("Lưu: VT")
    lines = [f"- {item};" for item in items]
    lines[-1] = lines[-1][:-1] + "."
    return lines
