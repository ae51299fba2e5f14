"""Evaluate extraction and mapping on the labelled corpus: ``python -m dxmon.extract.evaluate``.

Each ``corpus/*.yaml`` document holds ``id``, ``text`` and ``figures`` (``text``, ``value``,
``unit``, optionally ``start``/``end``, and ``indicator``: a code or null). A predicted figure
matches a labelled one when their spans overlap and value and unit agree; each label matches
at most one prediction. Mapping accuracy is top-1 on matched figures whose label has an
indicator.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from dxmon.extract.figures import Figure, extract
from dxmon.extract.mapping import IndicatorDescriptor, framework_descriptors, map_figures

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
DEFAULT_FRAMEWORK = (
    Path(__file__).resolve().parent.parent / "frameworks" / "data" / "xa-cds-1.0.yaml"
)


@dataclass(frozen=True, slots=True)
class Label:
    """One labelled figure of a corpus document."""

    text: str
    value: float
    unit: str
    start: int
    end: int
    indicator: str | None


@dataclass(slots=True)
class DocumentResult:
    """What went right and wrong on one document."""

    id: str
    labels: int = 0
    predicted: int = 0
    matched: int = 0
    mapped: int = 0
    mapped_right: int = 0
    misses: list[Label] = field(default_factory=list)
    false_positives: list[Figure] = field(default_factory=list)
    wrong_mappings: list[tuple[Label, str | None]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Scores:
    """Corpus-level precision, recall and mapping accuracy."""

    precision: float
    recall: float
    mapping_accuracy: float
    documents: tuple[DocumentResult, ...]


def _locate(text: str, raw: dict[str, Any], used: set[int]) -> tuple[int, int]:
    snippet = str(raw["text"])
    start, end = raw.get("start"), raw.get("end")
    if isinstance(start, int) and isinstance(end, int) and text[start:end] == snippet:
        return start, end
    pos = text.find(snippet)
    while pos >= 0 and pos in used:
        pos = text.find(snippet, pos + 1)
    if pos < 0:
        raise ValueError(f"Không tìm thấy «{snippet}» trong văn bản.")
    return pos, pos + len(snippet)


def load_document(path: Path) -> tuple[str, str, list[Label]]:
    """(id, text, labels) of one corpus file."""
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    text = str(data["text"])
    labels: list[Label] = []
    used: set[int] = set()
    for raw in data.get("figures") or []:
        try:
            start, end = _locate(text, raw, used)
        except ValueError as exc:
            raise ValueError(f"{path.name}: {exc}") from None
        used.add(start)
        labels.append(
            Label(
                text=str(raw["text"]),
                value=float(raw["value"]),
                unit=str(raw["unit"]),
                start=start,
                end=end,
                indicator=raw.get("indicator") or None,
            )
        )
    return str(data.get("id", path.stem)), text, labels


def _agrees(label: Label, figure: Figure) -> bool:
    return (
        label.unit == figure.unit
        and math.isclose(label.value, figure.value, rel_tol=1e-6, abs_tol=1e-9)
        and figure.start < label.end
        and label.start < figure.end
    )


def evaluate_document(
    doc_id: str, text: str, labels: Sequence[Label], indicators: Sequence[IndicatorDescriptor]
) -> DocumentResult:
    """Match the predictions on one text against its labels."""
    figures = extract(text)
    mapped = {id(m.figure): m.indicator for m in map_figures(figures, indicators)}
    result = DocumentResult(id=doc_id, labels=len(labels), predicted=len(figures))
    taken: set[int] = set()
    for label in labels:
        hit = next((i for i, f in enumerate(figures) if i not in taken and _agrees(label, f)), None)
        if hit is None:
            result.misses.append(label)
            continue
        taken.add(hit)
        result.matched += 1
        if label.indicator:
            result.mapped += 1
            predicted = mapped[id(figures[hit])]
            if predicted == label.indicator:
                result.mapped_right += 1
            else:
                result.wrong_mappings.append((label, predicted))
    result.false_positives = [f for i, f in enumerate(figures) if i not in taken]
    return result


def evaluate(
    corpus: Path = CORPUS_DIR, framework: Path = DEFAULT_FRAMEWORK, lexicon: str = "xa-cds"
) -> Scores:
    """Scores over every ``*.yaml`` document of ``corpus``."""
    indicators = framework_descriptors(framework, lexicon) if framework.exists() else []
    documents = []
    for path in sorted(corpus.glob("*.yaml")):
        doc_id, text, labels = load_document(path)
        documents.append(evaluate_document(doc_id, text, labels, indicators))
    predicted = sum(d.predicted for d in documents)
    labelled = sum(d.labels for d in documents)
    matched = sum(d.matched for d in documents)
    mapped = sum(d.mapped for d in documents)
    return Scores(
        precision=matched / predicted if predicted else 0.0,
        recall=matched / labelled if labelled else 0.0,
        mapping_accuracy=sum(d.mapped_right for d in documents) / mapped if mapped else 0.0,
        documents=tuple(documents),
    )


def report(scores: Scores, *, verbose: bool = True) -> str:
    """The printable summary, with each document's misses when ``verbose``."""
    lines: list[str] = []
    if verbose:
        for doc in scores.documents:
            if not (doc.misses or doc.false_positives or doc.wrong_mappings):
                continue
            lines.append(
                f"== {doc.id}: {doc.matched}/{doc.labels} found, {doc.predicted} predicted"
            )
            lines.extend(f"   bỏ sót   {m.text!r} = {m.value:g} {m.unit}" for m in doc.misses)
            lines.extend(
                f"   thừa     {f.text!r} = {f.value:g} {f.unit}" for f in doc.false_positives
            )
            lines.extend(
                f"   ánh xạ   {label.text!r}: {got} thay vì {label.indicator}"
                for label, got in doc.wrong_mappings
            )
    labelled = sum(d.labels for d in scores.documents)
    mapped = sum(d.mapped for d in scores.documents)
    lines.append(
        f"{len(scores.documents)} documents, {labelled} labelled figures: "
        f"precision {scores.precision:.3f}, recall {scores.recall:.3f}, "
        f"mapping top-1 {scores.mapping_accuracy:.3f} (on {mapped} figures with an indicator)"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR)
    parser.add_argument("--framework", type=Path, default=DEFAULT_FRAMEWORK)
    parser.add_argument("--quiet", action="store_true", help="only the summary line")
    args = parser.parse_args(argv)
    print(report(evaluate(args.corpus, args.framework), verbose=not args.quiet))


if __name__ == "__main__":
    main()
