"""What the narrative writer returns: paragraphs of sentences, each sentence with its sources."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class ValueRef:
    """The approved value a sentence states (a ``collection.DataValue``)."""

    indicator_code: str
    value: float | None
    numerator: float | None
    denominator: float | None
    qualifier: str
    data_value_id: int | None
    is_synthetic: bool = False


@dataclass(frozen=True)
class Sentence:
    """A sentence (or a clause of a pillar's sentence) and the values it states."""

    text: str
    sources: tuple[ValueRef, ...]


@dataclass(frozen=True)
class Paragraph:
    """A paragraph: one per pillar ("Về chính quyền số, ..."), plus a notice when synthetic."""

    sentences: tuple[Sentence, ...]
    pillar_code: str = ""

    @property
    def text(self) -> str:
        return " ".join(sentence.text for sentence in self.sentences)


@dataclass(frozen=True)
class Narrative:
    """Press-style paragraphs drafted from a unit's approved data for a period."""

    title: str
    paragraphs: tuple[Paragraph, ...]
    lang: str
    unit_code: str
    unit_name: str
    period: str
    is_synthetic: bool = False

    @property
    def text(self) -> str:
        return "\n\n".join(paragraph.text for paragraph in self.paragraphs)

    @property
    def sources(self) -> tuple[ValueRef, ...]:
        return tuple(
            ref
            for paragraph in self.paragraphs
            for sentence in paragraph.sentences
            for ref in sentence.sources
        )

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["text"] = self.text
        for paragraph, original in zip(data["paragraphs"], self.paragraphs, strict=True):
            paragraph["text"] = original.text
        return data
