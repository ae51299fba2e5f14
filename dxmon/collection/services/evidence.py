"""Evidence attached to a report: uploaded files or citations of official documents.

Evidence is added or removed only while the report's values may change (draft or returned):
an approved report is locked until reopened. A file must be a PDF, DOCX, XLSX, PNG or JPEG
no larger than ``settings.DXMON_EVIDENCE_MAX_MB``, and its content (magic bytes, and the
inner parts of a DOCX/XLSX zip) must match its extension: a renamed file is refused.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from dxmon.accounts.scope import Action
from dxmon.audit.services import audit_record
from dxmon.collection.choices import EvidenceKind
from dxmon.collection.errors import CollectionError, NotFound
from dxmon.collection.models import Evidence, Report
from dxmon.collection.services.access import report_for_write
from dxmon.collection.services.values import ensure_editable
from dxmon.frameworks.models import Indicator

# extension → (content type, kind detected from the content)
ALLOWED: dict[str, tuple[str, str]] = {
    "pdf": ("application/pdf", "pdf"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "png": ("image/png", "png"),
    "jpg": ("image/jpeg", "jpeg"),
    "jpeg": ("image/jpeg", "jpeg"),
}


def sniff(head: bytes, data: bytes | None = None) -> str | None:
    """The file kind its first bytes (and, for a zip, its parts) show: pdf, png, jpeg, docx,
    xlsx, or None."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04") and data is not None:
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    return None


def _max_bytes() -> int:
    return int(getattr(settings, "DXMON_EVIDENCE_MAX_MB", 10)) * 1024 * 1024


def _indicator_of(report: Report, indicator: Indicator | None) -> Indicator | None:
    if indicator is not None and indicator.version_id != report.framework_version_id:
        raise CollectionError(
            _("Chỉ số %(code)s không thuộc bộ chỉ số của báo cáo này.") % {"code": indicator.code}
        )
    return indicator


@transaction.atomic
def evidence_add_file(
    *, user: Any, report: Report, indicator: Indicator | None = None, upload: UploadedFile[Any]
) -> Evidence:
    """Attach an uploaded file to ``report`` (or to one of its indicators)."""
    report = report_for_write(user=user, report=report, action=Action.CHANGE)
    ensure_editable(report)
    indicator = _indicator_of(report, indicator)
    name = (upload.name or "").rsplit("/", 1)[-1]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED:
        raise CollectionError(
            _("Chỉ nhận tệp PDF, DOCX, XLSX, PNG hoặc JPG (tệp “%(name)s” không đúng loại).")
            % {"name": name}
        )
    size = upload.size or 0
    limit = _max_bytes()
    if size > limit:
        raise CollectionError(
            _("Tệp “%(name)s” quá lớn: tối đa %(max)s MB.")
            % {"name": name, "max": limit // (1024 * 1024)}
        )
    if size == 0:
        raise CollectionError(_("Tệp “%(name)s” rỗng.") % {"name": name})
    upload.seek(0)
    data = upload.read()
    content_type, expected_kind = ALLOWED[extension]
    if sniff(data[:16], data) != expected_kind:
        raise CollectionError(
            _("Nội dung tệp “%(name)s” không phải là tệp %(kind)s như phần mở rộng cho biết.")
            % {"name": name, "kind": extension.upper()}
        )
    upload.seek(0)
    evidence = Evidence(
        report=report,
        indicator=indicator,
        kind=EvidenceKind.FILE,
        original_name=name[:255],
        content_type=content_type,
        size=size,
        uploaded_by=user if getattr(user, "pk", None) is not None else None,
    )
    evidence.file.save(name, upload, save=False)
    evidence.full_clean()
    evidence.save()
    audit_record(
        actor=user,
        action="evidence.add",
        obj=evidence,
        field=indicator.code if indicator else "",
        new=name,
        context=report,
    )
    return evidence


@transaction.atomic
def evidence_add_citation(
    *,
    user: Any,
    report: Report,
    indicator: Indicator | None = None,
    number: str,
    date: datetime.date | None,
    issuer: str,
    summary: str,
) -> Evidence:
    """Cite an official document (number, date, issuer, summary) as evidence."""
    report = report_for_write(user=user, report=report, action=Action.CHANGE)
    ensure_editable(report)
    indicator = _indicator_of(report, indicator)
    if not (number or "").strip():
        raise CollectionError(_("Cần ghi số hiệu văn bản."))
    if not (issuer or "").strip():
        raise CollectionError(_("Cần ghi cơ quan ban hành văn bản."))
    evidence = Evidence(
        report=report,
        indicator=indicator,
        kind=EvidenceKind.CITATION,
        doc_number=number.strip(),
        doc_date=date,
        issuer=issuer.strip(),
        summary=(summary or "").strip(),
        uploaded_by=user if getattr(user, "pk", None) is not None else None,
    )
    evidence.full_clean()
    evidence.save()
    audit_record(
        actor=user,
        action="evidence.add",
        obj=evidence,
        field=indicator.code if indicator else "",
        new=str(evidence),
        context=report,
    )
    return evidence


@transaction.atomic
def evidence_delete(*, user: Any, evidence: Evidence) -> None:
    """Remove evidence (and its file) from a report that may still change."""
    found = Evidence.objects.filter(pk=evidence.pk).first()
    if found is None:
        raise NotFound(_("Không tìm thấy minh chứng."))
    report = report_for_write(user=user, report=found.report_id, action=Action.CHANGE)
    ensure_editable(report)
    audit_record(
        actor=user,
        action="evidence.delete",
        obj=found,
        field=found.indicator.code if found.indicator else "",
        old=str(found),
        context=report,
    )
    stored_file = found.file.name if found.file else ""
    found.delete()
    if stored_file:
        storage = found.file.storage
        transaction.on_commit(lambda: storage.delete(stored_file))
