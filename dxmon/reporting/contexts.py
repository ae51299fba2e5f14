"""The contexts report renderers take (STYLE.md: "Report renderers share one contract").

A context is plain data built by selectors (supervision, scoring...): a renderer never queries the
database. ``OfficialDocument`` carries the parts of a Vietnamese administrative document as laid out
by Nghị định 30/2020/NĐ-CP, Phụ lục I; the body is a tuple of blocks rendered in order.

Example::

    OfficialDocument(
        issuer_parent="HĐND TỈNH VĨNH LONG",
        issuer="BAN VĂN HÓA - XÃ HỘI",
        number="45",
        symbol="KH-BVHXH",
        place="Vĩnh Long",
        date=dt.date(2022, 8, 17),
        kind_title="KẾ HOẠCH",
        title="Giám sát việc thực hiện chuyển đổi số tại UBND xã Tân Hội",
        blocks=(Heading("I. MỤC ĐÍCH, YÊU CẦU", 1), Paragraph("..."), ...),
        recipients=("Thường trực HĐND tỉnh;", "UBND xã Tân Hội;"),
        signer_authority="TM. BAN VĂN HÓA - XÃ HỘI",
        signer_title="TRƯỞNG BAN",
        signer_name="Nguyễn Văn A",
        filename_stem="ke-hoach-giam-sat-45",
    )
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Heading:
    """A section heading; level 1 ("I. ...", bold caps), 2 ("1. ...", bold), 3 (bold italic)."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph: justified, first-line indent."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Bullets:
    """A list of items, each rendered as "- item" (the usual dash of administrative documents)."""

    items: tuple[str, ...]


Cell = str | int | float | None


@dataclass(frozen=True)
class Table:
    """A table of figures.

    ``rows`` hold raw values: numbers (int/float) are formatted the Vietnamese way by the renderer
    and right-aligned; ``None`` shows as an em dash. ``numeric_columns`` names column indexes to
    right-align even when they hold pre-formatted strings ("79,5%", "4/4").
    """

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    numeric_columns: tuple[int, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class Chart:
    """A chart as PNG bytes (see ``dxmon.reporting.charts``) with its caption and alt text."""

    caption: str
    png: bytes
    alt_text: str = ""
    width_cm: float = 15.0


@dataclass(frozen=True)
class PageBreak:
    """Start a new page."""


Block = Heading | Paragraph | Bullets | Table | Chart | PageBreak


@dataclass(frozen=True)
class OfficialDocument:
    """A Vietnamese official document (văn bản hành chính), Nghị định 30/2020/NĐ-CP, Phụ lục I.

    ``number`` and ``symbol`` make "Số: 45/KH-BVHXH"; an empty ``number`` leaves the blank a
    clerk fills in at registration ("Số:      /KH-BVHXH"). ``recipients`` are the "Nơi nhận:"
    lines without the leading dash; "Lưu: VT." is appended when missing. ``synthetic_note``, when
    set, is printed prominently (demo or synthetic data included). ``is_draft`` marks the document
    "DỰ THẢO".
    """

    issuer_parent: str
    issuer: str
    number: str
    symbol: str
    place: str
    date: dt.date
    kind_title: str
    title: str
    blocks: tuple[Block, ...]
    recipients: tuple[str, ...]
    signer_authority: str
    signer_title: str
    signer_name: str
    filename_stem: str
    is_draft: bool = False
    synthetic_note: str | None = None

    @property
    def number_line(self) -> str:
        """ "Số: 45/KH-BVHXH"; numbers below 10 get a leading zero (Nghị định 30/2020)."""
        number = self.number.strip()
        if number.isdigit() and len(number) == 1:
            number = f"0{number}"
        number = number or "\u00a0" * 6
        return f"Số: {number}/{self.symbol}" if self.symbol else f"Số: {number}"


RenderResult = tuple[str, str, bytes]
"""(filename, content_type, content) — what every renderer returns."""
