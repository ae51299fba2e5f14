"""The narrative as a file (plain text, JSON) or as blocks of an official document."""

from __future__ import annotations

import json

from dxmon.reporting.contexts import Block, RenderResult
from dxmon.reporting.contexts import Paragraph as BlockParagraph
from dxmon.reporting.narrative.types import Narrative


def narrative_render(narrative: Narrative, *, fmt: str = "txt") -> RenderResult:
    """``(filename, content_type, bytes)`` for the narrative as text ("txt") or JSON ("json")."""
    stem = f"narrative-{narrative.unit_code}-{narrative.period}-{narrative.lang}"
    if fmt == "json":
        content = json.dumps(narrative.as_dict(), ensure_ascii=False, indent=2)
        return f"{stem}.json", "application/json", content.encode("utf-8")
    if fmt == "txt":
        content = f"{narrative.title}\n\n{narrative.text}\n"
        return f"{stem}.txt", "text/plain; charset=utf-8", content.encode("utf-8")
    raise ValueError(f"Định dạng «{fmt}» không được hỗ trợ (chỉ có txt, json).")


def narrative_blocks(narrative: Narrative) -> tuple[Block, ...]:
    """The paragraphs as body blocks of an ``OfficialDocument`` (e.g. a supervision report)."""
    return tuple(BlockParagraph(paragraph.text) for paragraph in narrative.paragraphs)
