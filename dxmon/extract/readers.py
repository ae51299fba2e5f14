"""Read the text of a report: plain text, Word (.docx), PDF (text layer) or a saved web page.

Every reader returns NFC text with paragraphs separated by blank lines; the extractor's
offsets are offsets into this text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

_BLANK_LINES = re.compile(r"\n{3,}")
_TRAILING_SPACES = re.compile(r"[ \t\u00a0]+\n")
_RUNS_OF_SPACES = re.compile(r"[ \t\u00a0]{2,}")


def _tidy(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _RUNS_OF_SPACES.sub(" ", text)
    text = _TRAILING_SPACES.sub("\n", text)
    return _BLANK_LINES.sub("\n\n", text).strip() + "\n"


def read_txt(path: Path) -> str:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "utf-16", "cp1258"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError(f"Không đọc được tệp {path.name}: hãy lưu tệp dưới dạng UTF-8.")


def read_docx(path: Path) -> str:
    """Paragraphs and table cells of a Word document, in document order."""
    import docx  # python-docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    parts: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            parts.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                cells: list[str] = []
                for cell in row.cells:
                    if not cells or cell.text != cells[-1]:  # merged cells repeat
                        cells.append(cell.text)
                parts.append(" | ".join(cells))
    return "\n\n".join(parts)


def read_pdf(path: Path) -> str:
    """The text layer of a PDF (a scanned PDF without one gives an error, not empty text)."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    pages = [page.extract_text() or "" for page in reader.pages]
    text = "\n\n".join(pages)
    if not text.strip():
        raise ValueError(
            f"Tệp {path.name} không có lớp chữ (có thể là bản quét): hãy dùng bản PDF có chữ."
        )
    return text


_SKIPPED_TAGS = frozenset(
    ["script", "style", "nav", "header", "footer", "aside", "noscript", "form", "svg", "button"]
)
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "section",
        "article",
        "blockquote",
        "pre",
        "figcaption",
        "dt",
        "dd",
        "hr",
        "title",
    ]
)


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")
        elif tag in ("td", "th"):
            self.parts.append(" | ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """The readable text of an HTML page: no scripts, styles, navigation or footers."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    lines = (line.strip() for line in "".join(parser.parts).split("\n"))
    return "\n".join(lines)


def read_html(path: Path) -> str:
    return html_to_text(read_txt(path))


READERS: dict[str, Callable[[Path], str]] = {
    ".txt": read_txt,
    ".text": read_txt,
    ".md": read_txt,
    ".docx": read_docx,
    ".pdf": read_pdf,
    ".html": read_html,
    ".htm": read_html,
}


def read_text(path: str | Path) -> str:
    """The text of a report file, chosen by its extension (.txt, .docx, .pdf, .html).

    Raises ``ValueError`` with a Vietnamese message for an unsupported or unreadable file.
    """
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise ValueError(f"Chưa đọc được tệp «{path.suffix}»: chỉ nhận {known}.")
    if not path.exists():
        raise ValueError(f"Không tìm thấy tệp {path}.")
    return _tidy(reader(path))
