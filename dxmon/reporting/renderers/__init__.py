"""Report renderers: one package per variant and this registry (STYLE.md, "Things that come in
variants"; pretix ``base/exporter.py``).

Every renderer shares one contract: ``render(context) -> (filename, content_type, bytes)``; the
context is plain data (``dxmon.reporting.contexts``), a renderer never queries the database.

    >>> from dxmon.reporting.renderers import render
    >>> filename, content_type, content = render("docx", document)  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Protocol

from django.utils.translation import gettext as _

from dxmon.reporting.contexts import OfficialDocument, RenderResult
from dxmon.reporting.errors import RenderError
from dxmon.reporting.renderers import docx, html, pdf


class Renderer(Protocol):
    """What a renderer variant provides."""

    def __call__(self, context: OfficialDocument) -> RenderResult: ...


__all__ = ["RENDERERS", "RenderError", "Renderer", "render"]

RENDERERS: dict[str, Renderer] = {
    "docx": docx.render,
    "pdf": pdf.render,
    "html": html.render,
}


def render(kind: str, context: OfficialDocument) -> RenderResult:
    """Render ``context`` with the renderer named ``kind`` ("docx", "pdf", "html")."""
    try:
        renderer = RENDERERS[kind]
    except KeyError:
        raise ValueError(
            _("Định dạng «%(kind)s» không được hỗ trợ (có: %(kinds)s).")
            % {"kind": kind, "kinds": ", ".join(sorted(RENDERERS))}
        ) from None
    return renderer(context)
