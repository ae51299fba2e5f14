"""HTML renderer: the same official document as a standalone page, for previews.

Not a legal document: the layout follows the DOCX (header block, title, body, signature) with
plain HTML and inline CSS; charts are embedded as data URIs.
"""

from __future__ import annotations

import base64
from html import escape

from dxmon.reporting.contexts import (
    Bullets,
    Chart,
    Heading,
    OfficialDocument,
    PageBreak,
    Paragraph,
    RenderResult,
    Table,
)
from dxmon.reporting.renderers.docx import MOTTO, SLOGAN, _cell_text, recipient_lines
from dxmon.vn.dates import format_place_date

CONTENT_TYPE = "text/html; charset=utf-8"

STYLE = """
body{font-family:"Times New Roman","Liberation Serif",Tinos,serif;font-size:14pt;max-width:16.5cm;
margin:2cm auto;color:#000;line-height:1.3}
.hdr,.ftr{width:100%;border-collapse:collapse}.hdr td,.ftr td{vertical-align:top;text-align:center;
padding:0}.hdr td:first-child{width:40%}.ftr td:first-child{width:45%;text-align:left}
.rule{display:block;margin:2px auto 0;border-top:1px solid #000}
.kind{text-align:center;font-weight:bold;margin:18pt 0 0}
.title{text-align:center;font-weight:bold;margin:0}
.body p{text-align:justify;text-indent:1.27cm;margin:0 0 6pt}
.data{border-collapse:collapse;width:100%;font-size:12pt;margin:0 0 6pt}
.data th,.data td{border:1px solid #000;padding:2px 4px}.data th{text-align:center}
.num{text-align:right}.caption{text-align:center;font-weight:bold;font-size:13pt;margin:6pt 0 4pt}
figure{text-align:center;margin:6pt 0}figure img{max-width:100%}figcaption{font-style:italic}
.note{border:1px solid #000;padding:4pt;text-align:center;font-style:italic;font-weight:bold}
.recip{font-size:11pt;margin:0}.draft{text-align:right;font-weight:bold}
"""


def render(context: OfficialDocument) -> RenderResult:
    """Render ``context`` to a standalone HTML page."""
    parts: list[str] = [
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">',
        f"<title>{escape(context.kind_title)} {escape(context.title)}</title>",
        f"<style>{STYLE}</style></head><body>",
    ]
    if context.is_draft:
        parts.append('<p class="draft">DỰ THẢO</p>')
    parent = f"{escape(context.issuer_parent.upper())}<br>" if context.issuer_parent else ""
    parts.append(
        '<table class="hdr"><tr>'
        f"<td>{parent}<b>{escape(context.issuer.upper())}</b>"
        '<span class="rule" style="width:30%"></span></td>'
        f"<td><b>{MOTTO}</b><br><b>{SLOGAN}</b>"
        '<span class="rule" style="width:55%"></span></td></tr>'
        f"<tr><td>{escape(context.number_line)}</td>"
        f"<td><i>{escape(format_place_date(context.place, context.date))}</i></td></tr></table>"
    )
    parts.append(f'<p class="kind">{escape(context.kind_title.upper())}</p>')
    parts.append(f'<p class="title">{escape(context.title)}</p>')
    parts.append('<span class="rule" style="width:25%"></span>')
    if context.synthetic_note:
        parts.append(f'<p class="note">{escape(context.synthetic_note)}</p>')
    parts.append('<div class="body">')
    for block in context.blocks:
        parts.append(_block(block))
    parts.append("</div>")
    recipients = "".join(
        f'<p class="recip">{escape(line)}</p>' for line in recipient_lines(context.recipients)
    )
    title = f"<b>{escape(context.signer_title.upper())}</b><br>" if context.signer_title else ""
    parts.append(
        '<table class="ftr"><tr>'
        f"<td><b><i>Nơi nhận:</i></b>{recipients}</td>"
        f"<td><b>{escape(context.signer_authority.upper())}</b><br>{title}"
        f"<br><br><br><br><b>{escape(context.signer_name)}</b></td></tr></table>"
    )
    parts.append("</body></html>")
    return f"{context.filename_stem}.html", CONTENT_TYPE, "".join(parts).encode("utf-8")


def _block(block: object) -> str:
    if isinstance(block, Heading):
        tag = "b" if block.level < 3 else "b><i"
        closing = "b" if block.level < 3 else "i></b"
        return f"<p><{tag}>{escape(block.text)}</{closing}></p>"
    if isinstance(block, Paragraph):
        text = escape(block.text)
        if block.bold:
            text = f"<b>{text}</b>"
        if block.italic:
            text = f"<i>{text}</i>"
        return f"<p>{text}</p>"
    if isinstance(block, Bullets):
        return "".join(f"<p>- {escape(item)}</p>" for item in block.items)
    if isinstance(block, Table):
        numeric = set(block.numeric_columns)
        head = "".join(f"<th>{escape(c)}</th>" for c in block.columns)
        rows = []
        for row in block.rows:
            cells = []
            for index, value in enumerate(row):
                is_num = index in numeric or (
                    isinstance(value, int | float) and not isinstance(value, bool)
                )
                css = ' class="num"' if is_num else ""
                cells.append(f"<td{css}>{escape(_cell_text(value))}</td>")
            rows.append(f"<tr>{''.join(cells)}</tr>")
        caption = f'<p class="caption">{escape(block.caption)}</p>' if block.caption else ""
        note = f"<p><i>{escape(block.note)}</i></p>" if block.note else ""
        return f'{caption}<table class="data"><tr>{head}</tr>{"".join(rows)}</table>{note}'
    if isinstance(block, Chart):
        data = base64.b64encode(block.png).decode("ascii")
        return (
            f'<figure><img src="data:image/png;base64,{data}" alt="{escape(block.alt_text)}"'
            f' style="width:{block.width_cm}cm"><figcaption>{escape(block.caption)}</figcaption>'
            "</figure>"
        )
    if isinstance(block, PageBreak):
        return '<div style="page-break-after:always"></div>'
    raise TypeError(f"Unknown block type: {type(block).__name__}")
