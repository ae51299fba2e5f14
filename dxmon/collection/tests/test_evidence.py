"""Evidence: files checked by content and size, citations, and no change once approved."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dxmon.audit.models import AuditEntry
from dxmon.collection.choices import EvidenceKind, ReportStatus
from dxmon.collection.errors import CollectionError, NotFound, ReportLocked
from dxmon.collection.models import Evidence, Report
from dxmon.collection.services.evidence import (
    evidence_add_citation,
    evidence_add_file,
    evidence_delete,
)
from dxmon.collection.tests.cycle import make_report
from dxmon.testing.fixtures import Tree

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def report(tree: Tree, tiny: Any, periods: Any) -> Report:
    return make_report(tree.commune_a, periods["2025"], tiny.version)


def test_it_stores_a_pdf_with_its_name_type_and_size(
    officer: Any, tiny: Any, report: Report, media: Path
) -> None:
    upload = SimpleUploadedFile("Quyết định 12.pdf", PDF, content_type="application/pdf")
    evidence = evidence_add_file(user=officer, report=report, indicator=tiny.ratio, upload=upload)
    assert (evidence.kind, evidence.original_name, evidence.size) == (
        EvidenceKind.FILE,
        "Quyết định 12.pdf",
        len(PDF),
    )
    assert evidence.content_type == "application/pdf"
    assert str(evidence.file.name).startswith("evidence/")
    assert (media / str(evidence.file.name)).read_bytes() == PDF
    assert AuditEntry.objects.filter(action="evidence.add", context_id=str(report.pk)).exists()


def test_it_recognises_a_docx_by_its_parts(officer: Any, report: Report) -> None:
    upload = SimpleUploadedFile("bao-cao.docx", docx_bytes())
    assert evidence_add_file(user=officer, report=report, upload=upload).content_type.endswith(
        "wordprocessingml.document"
    )
    with pytest.raises(CollectionError, match="không phải là tệp XLSX"):
        evidence_add_file(
            user=officer, report=report, upload=SimpleUploadedFile("so-lieu.xlsx", docx_bytes())
        )


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("anh.pdf", PNG, "không phải là tệp PDF"),
        ("virus.exe", b"MZ\x90\x00", "Chỉ nhận tệp PDF, DOCX, XLSX, PNG hoặc JPG"),
        ("rong.png", b"", "rỗng"),
    ],
)
def test_it_refuses_files_whose_content_or_type_is_wrong(
    officer: Any, report: Report, name: str, content: bytes, words: str
) -> None:
    with pytest.raises(CollectionError, match=words):
        evidence_add_file(user=officer, report=report, upload=SimpleUploadedFile(name, content))
    assert not Evidence.objects.exists()


def test_it_refuses_files_above_the_size_limit(officer: Any, report: Report, settings: Any) -> None:
    settings.DXMON_EVIDENCE_MAX_MB = 1
    big = PDF + b"0" * (1024 * 1024)
    with pytest.raises(CollectionError, match="tối đa 1 MB"):
        evidence_add_file(user=officer, report=report, upload=SimpleUploadedFile("lon.pdf", big))


def test_it_cites_an_official_document(officer: Any, tiny: Any, report: Report) -> None:
    import datetime

    citation = evidence_add_citation(
        user=officer,
        report=report,
        indicator=tiny.boolean,
        number="45/QĐ-UBND",
        date=datetime.date(2022, 3, 1),
        issuer="UBND xã Tân Hội",
        summary="Thành lập Tổ công nghệ số cộng đồng",
    )
    assert str(citation) == "45/QĐ-UBND UBND xã Tân Hội"
    with pytest.raises(CollectionError, match="số hiệu"):
        evidence_add_citation(
            user=officer, report=report, number=" ", date=None, issuer="UBND", summary=""
        )


def test_it_changes_no_evidence_of_an_approved_report(
    officer: Any, report: Report, media: Path, django_capture_on_commit_callbacks: Any
) -> None:
    evidence = evidence_add_file(
        user=officer, report=report, upload=SimpleUploadedFile("a.pdf", PDF)
    )
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.APPROVED)
    with pytest.raises(ReportLocked):
        evidence_delete(user=officer, evidence=evidence)
    with pytest.raises(ReportLocked):
        evidence_add_file(user=officer, report=report, upload=SimpleUploadedFile("b.pdf", PDF))
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.RETURNED)
    path = media / str(evidence.file.name)
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        evidence_delete(user=officer, evidence=evidence)
    assert not Evidence.objects.exists()
    assert AuditEntry.objects.filter(action="evidence.delete", old_value="a.pdf").exists()
    assert not path.exists()


def test_the_outsider_can_neither_add_nor_delete(
    officer: Any, outsider: Any, report: Report
) -> None:
    evidence = evidence_add_file(
        user=officer, report=report, upload=SimpleUploadedFile("a.pdf", PDF)
    )
    with pytest.raises(NotFound):
        evidence_add_file(user=outsider, report=report, upload=SimpleUploadedFile("b.pdf", PDF))
    with pytest.raises(NotFound):
        evidence_delete(user=outsider, evidence=evidence)
    assert Evidence.objects.count() == 1
