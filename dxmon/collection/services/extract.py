"""Reading a narrative report into a report: the source document, the proposals, accepting them.

The officer pastes or uploads a report (.txt, .docx, .pdf, saved .html). Its text is kept as a
``SourceDocument``, linked to the report by an audit entry ("source.create" with the report as
context) so that only those who may edit the report see the document through its pages. The
proposals are recomputed from the stored text whenever they are shown (extraction is
deterministic and fast), one per figure, keyed by the figure's offset in the text. Accepting a
proposal saves the value through :func:`value_save` with the document as its provenance.
"""

from __future__ import annotations

import datetime
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from dxmon.accounts.scope import Action
from dxmon.audit.models import AuditEntry
from dxmon.audit.services import audit_record
from dxmon.collection.choices import ValueSource
from dxmon.collection.errors import CollectionError, ConcurrentEdit, NotFound
from dxmon.collection.models import DataValue, Report, SourceDocument
from dxmon.collection.services.access import report_for_write
from dxmon.collection.services.values import SaveResult, ensure_editable, report_values, value_save
from dxmon.extract.figures import Figure, extract
from dxmon.extract.mapping import IndicatorDescriptor, descriptors, load_lexicon, map_figures
from dxmon.extract.readers import READERS, read_text
from dxmon.frameworks.choices import ValueType
from dxmon.frameworks.models import FrameworkVersion, Indicator
from dxmon.vn.numbers import format_number, format_percent

# A proposal at least this sure is taken by "Chấp nhận tất cả đề xuất có độ tin cậy cao".
HIGH_CONFIDENCE = 0.8
SOURCE_SUFFIXES = (".txt", ".docx", ".pdf", ".html", ".htm")
MAX_TEXT_CHARS = 1_000_000
AUDIT_ACTION = "source.create"

__all__ = [
    "HIGH_CONFIDENCE",
    "SOURCE_SUFFIXES",
    "AcceptOutcome",
    "ExtractError",
    "Proposal",
    "Proposals",
    "indicator_descriptors",
    "proposal_accept",
    "proposals_accept_high",
    "report_proposals",
    "report_source_document_get",
    "source_document_create",
    "source_max_mb",
]


class ExtractError(CollectionError):
    """A document that cannot be read, or a proposal that cannot be taken as it is."""


def source_max_mb() -> int:
    return int(getattr(settings, "DXMON_EVIDENCE_MAX_MB", 10))


def indicator_descriptors(version: FrameworkVersion) -> list[IndicatorDescriptor]:
    """What the mapper needs of every indicator of ``version``, with its framework's lexicon."""
    rows = version.indicators.order_by("order").values_list(
        "code", "name_vi", "name_en", "value_type", "unit"
    )
    return descriptors(list(rows), load_lexicon(version.framework.code))


# --- The source document ---------------------------------------------------------------------


def _read_upload(upload: UploadedFile[Any]) -> str:
    name = upload.name or ""
    suffix = Path(name).suffix.lower()
    if suffix not in SOURCE_SUFFIXES:
        raise ExtractError(
            _("Chỉ đọc được tệp %(types)s; tệp “%(name)s” không đọc được.")
            % {"types": ", ".join(SOURCE_SUFFIXES), "name": name}
        )
    size = upload.size or 0
    if size > source_max_mb() * 1024 * 1024:
        raise ExtractError(
            _("Tệp lớn hơn %(size)s MB, không đọc được.") % {"size": source_max_mb()}
        )
    if size == 0:
        raise ExtractError(_("Tệp rỗng."))
    assert suffix in READERS
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"source{suffix}"
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        try:
            text = read_text(path)
        except ValueError as exc:
            raise ExtractError(str(exc)) from exc
        except Exception as exc:  # a damaged .docx or .pdf: say so, do not crash the page
            raise ExtractError(
                _("Không đọc được nội dung tệp “%(name)s”: tệp hỏng hoặc sai định dạng.")
                % {"name": name}
            ) from exc
    upload.seek(0)
    return text


def _title_from(text: str, upload: UploadedFile[Any] | None) -> str:
    if upload is not None and upload.name:
        return Path(upload.name).stem[:400]
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return (first[:200] or _("Văn bản dán vào")).rstrip()


@transaction.atomic
def source_document_create(
    *,
    user: Any,
    report: Report,
    text: str = "",
    upload: UploadedFile[Any] | None = None,
    title: str = "",
    publisher: str = "",
    url: str = "",
    published_on: datetime.date | None = None,
) -> SourceDocument:
    """Keep a pasted text or an uploaded file as a source document of ``report``.

    Raises NotFound/NotAllowed (scope), ReportLocked, or ExtractError (unreadable file, no
    text). The uploaded file is stored beside its text.
    """
    report = report_for_write(user=user, report=report, action=Action.CHANGE)
    ensure_editable(report)
    if upload is not None:
        text = _read_upload(upload)
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise ExtractError(_("Hãy dán nội dung báo cáo hoặc chọn một tệp."))
    if len(text) > MAX_TEXT_CHARS:
        raise ExtractError(
            _("Văn bản quá dài (hơn %(n)s ký tự); hãy chỉ dán phần có số liệu.")
            % {"n": format_number(MAX_TEXT_CHARS)}
        )
    document = SourceDocument(
        title=(title or "").strip() or _title_from(text, upload),
        publisher=(publisher or "").strip(),
        url=(url or "").strip(),
        published_on=published_on,
        text=text,
    )
    if upload is not None:
        document.file.save(Path(upload.name or "source").name, upload, save=False)
    document.full_clean()
    document.save()
    audit_record(
        actor=user, action=AUDIT_ACTION, obj=document, field="title", new=document.title,
        context=report,
    )  # fmt: skip
    return document


def report_source_document_get(*, report: Report, pk: int) -> SourceDocument:
    """The source document ``pk`` read into ``report`` (or taken as a source by one of its
    values), else NotFound: documents are seen only through the reports they were read into."""
    linked = (
        AuditEntry.objects.filter(
            action=AUDIT_ACTION,
            object_type=SourceDocument._meta.label_lower,
            object_id=str(pk),
            context_type=Report._meta.label_lower,
            context_id=str(report.pk),
        ).exists()
        or DataValue.objects.filter(report=report, source_document_id=pk).exists()
    )
    document = SourceDocument.objects.filter(pk=pk).first() if linked else None
    if document is None:
        raise NotFound(_("Không tìm thấy văn bản nguồn."))
    return document


# --- Proposals ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Numbers:
    """What would be stored: a value, or a numerator and denominator for a ratio."""

    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None

    @property
    def percent_only(self) -> bool:
        return self.numerator is None and self.denominator is None


def proposed_numbers(figure: Figure, indicator: Indicator | None) -> Numbers:
    """The figure as ``indicator`` stores it: "4/4" fills a ratio's two parts, "79%" a ratio's
    percentage only (no denominator is invented), a count the numerator of a ratio."""
    is_ratio = indicator is not None and indicator.value_type == ValueType.RATIO
    if is_ratio:
        if figure.unit == "ratio" and figure.numerator is not None and figure.denominator:
            return Numbers(
                100.0 * figure.numerator / figure.denominator, figure.numerator, figure.denominator
            )
        if figure.unit == "count":
            return Numbers(None, figure.value, None)
        return Numbers(figure.value)
    return Numbers(figure.value)


def numbers_text(numbers: Numbers, indicator: Indicator | None, qualifier: str = "") -> str:
    """The numbers as the officer reads them: "4/4 (100%)", "trên 79%", "40 thành viên"."""
    prefix = f"{qualifier} " if qualifier else ""
    if numbers.value is None and numbers.numerator is None:
        return _("(trống)")
    is_ratio = indicator is not None and indicator.value_type == ValueType.RATIO
    if is_ratio and not numbers.percent_only:
        parts = "/".join(format_number(x) if x is not None else "?" for x in
                         (numbers.numerator, numbers.denominator))  # fmt: skip
        percent = f" ({format_percent(numbers.value)})" if numbers.value is not None else ""
        return f"{prefix}{parts}{percent}"
    if is_ratio or (indicator is not None and indicator.unit.strip() == "%"):
        return f"{prefix}{format_percent(numbers.value)}"
    unit = f" {indicator.unit}" if indicator is not None and indicator.unit else ""
    return f"{prefix}{format_number(numbers.value)}{unit}"


def value_numbers(value: DataValue) -> Numbers:
    return Numbers(value.value, value.numerator, value.denominator)


@dataclass
class Proposal:
    """One figure of the document with the indicator it would fill."""

    key: int  # the figure's offset in the document's text
    figure: Figure
    indicator: Indicator | None
    confidence: float
    alternatives: list[tuple[Indicator, float]]
    numbers: Numbers
    before: str  # the sentence around the figure, to show with the figure highlighted
    after: str
    current: DataValue | None = None  # the report's value of the indicator now
    accepted: bool = False
    skipped: bool = False

    @property
    def is_high(self) -> bool:
        return self.indicator is not None and self.confidence >= HIGH_CONFIDENCE

    @property
    def shown(self) -> str:
        return numbers_text(self.numbers, self.indicator, self.figure.qualifier or "")

    @property
    def current_shown(self) -> str:
        if self.current is None:
            return ""
        return numbers_text(value_numbers(self.current), self.indicator, self.current.qualifier)

    @property
    def choices(self) -> list[tuple[Indicator, float]]:
        """The proposed indicator first, then the alternatives (for the select)."""
        first = [(self.indicator, self.confidence)] if self.indicator is not None else []
        return [*first, *[(i, s) for i, s in self.alternatives if i != self.indicator]]


@dataclass
class Proposals:
    document: SourceDocument
    mapped: list[Proposal] = field(default_factory=list)
    unmapped: list[Proposal] = field(default_factory=list)

    @property
    def all(self) -> list[Proposal]:
        return sorted([*self.mapped, *self.unmapped], key=lambda p: p.key)

    @property
    def pending_high(self) -> list[Proposal]:
        return [p for p in self.mapped if p.is_high and not p.accepted and not p.skipped]

    def get(self, key: int) -> Proposal:
        for proposal in self.all:
            if proposal.key == key:
                return proposal
        raise NotFound(_("Không tìm thấy đề xuất này trong văn bản."))


CONTEXT_CHARS = 140  # of the sentence shown on each side of the figure


def _clip(before: str, after: str) -> tuple[str, str]:
    """A long sentence cut to a window around the figure, at word boundaries."""
    if len(before) > CONTEXT_CHARS:
        cut = before[-CONTEXT_CHARS:]
        before = "…" + cut[cut.find(" ") + 1 :] if " " in cut else "…" + cut
    if len(after) > CONTEXT_CHARS:
        cut = after[:CONTEXT_CHARS]
        after = (cut[: cut.rfind(" ")] if " " in cut else cut) + " …"
    return before, after


def _split_sentence(text: str, figure: Figure) -> tuple[str, str]:
    """(before, after) the figure in its sentence, clipped to a window around it."""
    sentence = figure.sentence
    at = text.rfind(sentence, 0, figure.start + 1)
    if at >= 0 and at + len(sentence) >= figure.end:
        offset = figure.start - at
    else:
        offset = sentence.find(figure.text)
    if offset < 0:
        return "", ""
    return _clip(sentence[:offset], sentence[offset + len(figure.text) :])


def _is_accepted(value: DataValue | None, document: SourceDocument, figure: Figure) -> bool:
    return (
        value is not None
        and value.source == ValueSource.DOCUMENT
        and value.source_document_id == document.pk
        and value.source_excerpt == figure.sentence
    )


def report_proposals(
    *,
    report: Report,
    document: SourceDocument,
    skipped: Iterable[int] = (),
    chosen: dict[int, str] | None = None,
) -> Proposals:
    """Every figure of ``document`` with the indicator of ``report``'s framework it would fill.

    ``skipped`` are the keys the officer set aside; ``chosen`` maps a key to an indicator code
    the officer picked instead of the proposed one.
    """
    version = report.framework_version
    indicators = {i.code: i for i in version.indicators.all()}
    values = report_values(report)
    skipped = set(skipped)
    chosen = chosen or {}
    result = Proposals(document)
    text = document.text
    mappings = map_figures(extract(text), indicator_descriptors(version))
    for mapping in mappings:
        figure = mapping.figure
        code = chosen.get(figure.start, mapping.indicator)
        indicator = indicators.get(code) if code else None
        scored = list(mapping.alternatives)
        if mapping.indicator is not None:
            scored.insert(0, (mapping.indicator, mapping.confidence))
        scores = dict(scored)
        alternatives = [(indicators[c], s) for c, s in scored if c in indicators and c != code]
        confidence = scores.get(code, 0.0) if code else 0.0
        before, after = _split_sentence(text, figure)
        current = values.get(indicator.code) if indicator is not None else None
        proposal = Proposal(
            key=figure.start,
            figure=figure,
            indicator=indicator,
            confidence=confidence,
            alternatives=alternatives,
            numbers=proposed_numbers(figure, indicator),
            before=before,
            after=after,
            current=current,
            accepted=_is_accepted(current, document, figure),
            skipped=figure.start in skipped,
        )
        (result.mapped if indicator is not None else result.unmapped).append(proposal)
    return result


# --- Accepting -------------------------------------------------------------------------------


def proposal_accept(
    *,
    user: Any,
    report: Report,
    document: SourceDocument,
    proposal: Proposal,
    indicator: Indicator,
    numbers: Numbers,
    expected_revision: int,
) -> SaveResult:
    """Save ``numbers`` (the proposal's, or as the officer edited them) into ``indicator`` with
    the document, the sentence and the qualifier as provenance.

    Raises what :func:`value_save` raises (ConcurrentEdit, ReportLocked, InvalidValue, ...).
    """
    value, numerator, denominator = numbers.value, numbers.numerator, numbers.denominator
    if indicator.value_type == ValueType.RATIO:
        value = value if numbers.percent_only else None
    else:
        value, numerator, denominator = (value if value is not None else numerator), None, None
    return value_save(
        user=user,
        report=report,
        indicator=indicator,
        expected_revision=expected_revision,
        source=ValueSource.DOCUMENT,
        source_document=document,
        source_excerpt=proposal.figure.sentence,
        qualifier=proposal.figure.qualifier or "",
        comment=proposal.current.comment if proposal.current is not None else "",
        value=value,
        numerator=numerator,
        denominator=denominator,
    )


@dataclass(frozen=True)
class AcceptOutcome:
    """What "accept all high-confidence proposals" did to one proposal."""

    proposal: Proposal
    saved: bool
    message: str = ""


def _differs(current: DataValue | None, numbers: Numbers) -> bool:
    if current is None or (current.value is None and current.numerator is None):
        return False
    if numbers.percent_only:
        return current.numerator is not None or current.value != numbers.value
    return (current.numerator, current.denominator) != (numbers.numerator, numbers.denominator)


def proposals_accept_high(
    *,
    user: Any,
    report: Report,
    proposals: Proposals,
    expected_revision: int,
) -> tuple[list[AcceptOutcome], int]:
    """Accept every pending high-confidence proposal; returns the outcomes and the revision.

    Left for the officer (not saved): a second proposal for an indicator already taken, and a
    proposal that would overwrite a different value already in the report. A proposal the
    service refuses (an invalid value) is reported and the others still go in; a concurrent
    edit stops the run at once (ConcurrentEdit is raised).
    """
    outcomes: list[AcceptOutcome] = []
    taken: set[str] = set()
    revision = expected_revision
    for proposal in sorted(proposals.pending_high, key=lambda p: -p.confidence):
        assert proposal.indicator is not None
        code = proposal.indicator.code
        if code in taken:
            outcomes.append(
                AcceptOutcome(proposal, False, _("Chỉ số đã nhận một đề xuất khác; hãy tự chọn."))
            )
            continue
        if _differs(proposal.current, proposal.numbers):
            outcomes.append(
                AcceptOutcome(
                    proposal, False, _("Báo cáo đã có giá trị khác cho chỉ số này; hãy tự chọn.")
                )
            )
            continue
        try:
            result = proposal_accept(
                user=user,
                report=report,
                document=proposals.document,
                proposal=proposal,
                indicator=proposal.indicator,
                numbers=proposal.numbers,
                expected_revision=revision,
            )
        except ConcurrentEdit:
            raise
        except CollectionError as exc:
            outcomes.append(AcceptOutcome(proposal, False, exc.message))
            continue
        revision = result.revision
        taken.add(code)
        outcomes.append(AcceptOutcome(proposal, True))
    return outcomes, revision
