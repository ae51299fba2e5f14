"""“Nhập từ báo cáo”: the example article read into a Tân Hội 2022 draft, proposal by proposal."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from ruamel.yaml import YAML

from dxmon.accounts.services import user_create
from dxmon.audit.models import AuditEntry
from dxmon.collection.choices import ReportStatus, ValueSource
from dxmon.collection.models import DataValue, Report, SourceDocument
from dxmon.collection.services import period_get_or_create
from dxmon.collection.services.values import value_save
from dxmon.frameworks.services import DEFAULT_FRAMEWORK_PATH, framework_load
from dxmon.testing.fixtures import PASSWORD

HTMX = {"HX-Request": "true"}
DXMON = Path(__file__).resolve().parents[2]
ARTICLE = DXMON / "demo" / "data" / "tan-hoi-2022-08-17.txt"
MAPPING = DXMON / "frameworks" / "data" / "tan_hoi_2022_mapping.yaml"
CQS07_SENTENCE_START = "Về chính quyền số"


@pytest.fixture
def tan_hoi_officer(tree) -> Any:
    return user_create(
        username="officer_tan_hoi",
        password=PASSWORD,
        role="commune",
        scope_unit=tree.tan_hoi,
        full_name="Cán bộ xã Tân Hội",
    )


@pytest.fixture
def report(tree) -> Report:
    version = framework_load(path=DEFAULT_FRAMEWORK_PATH)
    return Report.objects.create(
        unit=tree.tan_hoi, period=period_get_or_create(code="2022"), framework_version=version
    )


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def paste(client: Client, report: Report, text: str | None = None, **extra: str) -> Any:
    data = {"text": ARTICLE.read_text(encoding="utf-8") if text is None else text, **extra}
    return client.post(reverse("collection:extract_start", args=[report.pk]), data)


def proposals_url(report: Report, document: SourceDocument) -> str:
    return reverse("collection:extract_proposals", args=[report.pk, document.pk])


def row_url(report: Report, document: SourceDocument, key: int) -> str:
    return reverse("collection:extract_proposal", args=[report.pk, document.pk, key])


def key_of(html: str, figure: str, indicator: str = "") -> int:
    """The key of the proposal row showing ``figure`` (and ``indicator``) in a page."""
    for match in re.finditer(
        r'id="proposal-(\d+)"\s+data-figure="([^"]*)" data-indicator="([^"]*)"', html
    ):
        if match.group(2) == figure and (not indicator or match.group(3) == indicator):
            return int(match.group(1))
    raise AssertionError(f"no proposal for {figure} {indicator}")


def expected_mapping() -> dict[str, str]:
    """figure → indicator of the article's hand-made mapping (first indicator per figure)."""
    data = YAML(typ="safe").load(MAPPING.read_text(encoding="utf-8"))
    return {f["indicator"]: f["figure"] for f in data["figures"]}


def test_it_offers_the_button_only_on_an_editable_report(tan_hoi_officer, report):
    client = client_for(tan_hoi_officer)
    detail = reverse("collection:report_detail", args=[report.pk])
    assert "Nhập từ báo cáo" in client.get(detail).content.decode()
    report.status = ReportStatus.SUBMITTED
    report.save()
    assert "Nhập từ báo cáo" not in client.get(detail).content.decode()


def test_it_reads_the_article_into_a_document_and_proposes_every_figure(tan_hoi_officer, report):
    client = client_for(tan_hoi_officer)
    response = paste(
        client,
        report,
        title="Giám sát CĐS tại Tân Hội",
        publisher="Báo Đồng Khởi",
        published_on="17/8/2022",
    )
    document = SourceDocument.objects.get()
    assert response.status_code == 302
    assert response["Location"] == proposals_url(report, document)
    assert document.title == "Giám sát CĐS tại Tân Hội"
    assert document.published_on == datetime.date(2022, 8, 17)
    assert "trên 79%" in document.text
    assert AuditEntry.objects.filter(
        action="source.create", object_id=str(document.pk), context_id=str(report.pk)
    ).exists()

    html = client.get(proposals_url(report, document)).content.decode()
    rows = re.findall(r'data-figure="([^"]*)" data-indicator="([^"]*)"', html)
    assert len(rows) == 11
    proposed = {code: figure for figure, code in rows if code}
    # Every indicator of the hand-made mapping that the extractor can name from one figure.
    for code, figure in expected_mapping().items():
        if code in ("KTS.02", "CTX.04"):  # the second reading of a shared figure: by hand
            continue
        assert code in proposed, code
        assert proposed[code] in figure or proposed[code].split()[-1] in figure
    assert proposed["CQS.07"] == "trên 79%"
    assert proposed["XHS.12"] == "4/4 ấp"
    # Nothing is silently dropped: "3 trụ cột" has no indicator and is listed apart.
    unmapped = html.split("Không gắn được với chỉ số", 1)[1]
    assert 'data-figure="3 trụ cột"' in unmapped
    assert "<mark>trên 79%</mark>" in html
    assert "4/4 (100%)" in html
    assert "Chấp nhận tất cả đề xuất có độ tin cậy cao" in html


def test_it_accepts_the_proposals_with_the_document_as_provenance(tan_hoi_officer, report):
    client = client_for(tan_hoi_officer)
    paste(client, report)
    document = SourceDocument.objects.get()
    html = client.get(proposals_url(report, document)).content.decode()
    report.refresh_from_db()
    response = client.post(
        reverse("collection:extract_accept_all", args=[report.pk, document.pk]),
        {"expected_revision": report.revision},
    )
    assert response.status_code == 302
    values = {v.indicator.code: v for v in DataValue.objects.filter(report=report)}
    # CQS.07 (confidence below the high mark) waits for the officer; nine go in at once.
    assert set(values) == {
        "NLS.03", "CQS.02", "CQS.16", "CQS.17", "KTS.01", "KTS.12", "KTS.11", "XHS.16", "XHS.12"
    }  # fmt: skip
    ratio = values["XHS.12"]
    assert (ratio.numerator, ratio.denominator, ratio.value) == (4, 4, 100)
    assert values["NLS.03"].value == 90
    assert values["NLS.03"].numerator is None
    assert values["KTS.11"].value == 40
    for value in values.values():
        assert value.source == ValueSource.DOCUMENT
        assert value.source_document == document
        assert value.source_excerpt
        assert value.source_excerpt in document.text

    report.refresh_from_db()
    key = key_of(html, "trên 79%", "CQS.07")
    response = client.post(
        row_url(report, document, key),
        {"indicator": "CQS.07", "value": "79", "expected_revision": report.revision},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "Đã nhập" in response.content.decode()
    over = DataValue.objects.get(report=report, indicator__code="CQS.07")
    assert (over.value, over.numerator, over.qualifier) == (79, None, "trên")
    assert over.source == ValueSource.DOCUMENT
    assert over.source_excerpt.startswith(CQS07_SENTENCE_START)
    assert "trên 79%" in over.source_excerpt
    audited = AuditEntry.objects.filter(
        action="value.create", object_id=str(over.pk), context_id=str(report.pk)
    )
    fields = {entry.field: entry.new_value for entry in audited}
    assert fields["value"] == "79"
    assert fields["qualifier"] == "trên"
    assert fields["source"] == "document"
    assert fields["source_document"] == f"{document.title} (#{document.pk})"
    # The page now shows every proposal as entered, and accept-all has nothing left.
    html = client.get(proposals_url(report, document)).content.decode()
    assert html.count("Đã nhập") >= 10
    assert re.search(r'<span class="badge text-bg-light ms-1">0</span>', html)


def test_it_shows_the_provenance_on_the_data_entry_page(tan_hoi_officer, report):
    client = client_for(tan_hoi_officer)
    paste(client, report, title="Bài báo Đồng Khởi")
    document = SourceDocument.objects.get()
    html = client.get(proposals_url(report, document)).content.decode()
    report.refresh_from_db()
    client.post(
        row_url(report, document, key_of(html, "trên 79%")),
        {"indicator": "CQS.07", "value": "79", "expected_revision": report.revision},
        headers=HTMX,
    )
    page = client.get(reverse("collection:report_detail", args=[report.pk])).content.decode()
    assert "Nguồn: Bài báo Đồng Khởi" in page
    assert "văn bản ghi: <strong>trên 79%</strong>" in page
    assert "Đọc văn bản nguồn" in page  # the audit log names the reading of the document


def test_it_lets_the_officer_pick_another_indicator_edit_and_skip(tan_hoi_officer, report):
    client = client_for(tan_hoi_officer)
    paste(client, report)
    document = SourceDocument.objects.get()
    html = client.get(proposals_url(report, document)).content.decode()
    key = key_of(html, "100%", "KTS.01")
    # Another indicator: the row is redrawn for it (htmx GET on the select).
    row = client.get(row_url(report, document, key), {"indicator": "KTS.02"}, headers=HTMX)
    assert 'data-indicator="KTS.02"' in row.content.decode()
    report.refresh_from_db()
    response = client.post(
        row_url(report, document, key),
        {"indicator": "KTS.02", "value": "95,5", "expected_revision": report.revision},
        headers=HTMX,
    )
    assert response.status_code == 200
    edited = DataValue.objects.get(report=report, indicator__code="KTS.02")
    assert edited.value == 95.5
    assert edited.source_document == document
    assert not DataValue.objects.filter(report=report, indicator__code="KTS.01").exists()

    # Skipped proposals are left out of "accept all".
    skip = key_of(html, "40 thành viên")
    response = client.post(row_url(report, document, skip), {"action": "skip"}, headers=HTMX)
    assert "Đã bỏ qua" in response.content.decode()
    report.refresh_from_db()
    client.post(
        reverse("collection:extract_accept_all", args=[report.pk, document.pk]),
        {"expected_revision": report.revision},
    )
    codes = set(DataValue.objects.filter(report=report).values_list("indicator__code", flat=True))
    assert "KTS.11" not in codes
    assert "KTS.12" in codes


def test_it_does_not_overwrite_a_different_value_in_accept_all(tan_hoi_officer, report):
    indicator = report.framework_version.indicators.get(code="CQS.16")
    value_save(
        user=tan_hoi_officer, report=report, indicator=indicator, numerator=45, denominator=50,
        expected_revision=report.revision,
    )  # fmt: skip
    client = client_for(tan_hoi_officer)
    paste(client, report)
    document = SourceDocument.objects.get()
    html = client.get(proposals_url(report, document)).content.decode()
    assert "45/50 (90%)" in html  # the officer sees what would change
    report.refresh_from_db()
    response = client.post(
        reverse("collection:extract_accept_all", args=[report.pk, document.pk]),
        {"expected_revision": report.revision},
        follow=True,
    )
    assert "Báo cáo đã có giá trị khác cho chỉ số này" in response.content.decode()
    kept = DataValue.objects.get(report=report, indicator=indicator)
    assert (kept.numerator, kept.denominator, kept.source) == (45, 50, ValueSource.SELF_REPORT)


def test_it_says_clearly_when_someone_saved_in_between(tan_hoi_officer, report):
    client = client_for(tan_hoi_officer)
    paste(client, report)
    document = SourceDocument.objects.get()
    html = client.get(proposals_url(report, document)).content.decode()
    stale = Report.objects.get(pk=report.pk).revision
    indicator = report.framework_version.indicators.get(code="XHS.12")
    value_save(
        user=tan_hoi_officer, report=report, indicator=indicator, numerator=3, denominator=4,
        expected_revision=stale,
    )  # fmt: skip
    response = client.post(
        row_url(report, document, key_of(html, "4/4 ấp")),
        {"indicator": "XHS.12", "numerator": "4", "denominator": "4", "expected_revision": stale},
        headers=HTMX,
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "vừa được cập nhật ở nơi khác" in body
    assert "3/4 (75%)" in body  # the current value, to decide with
    assert f'id="dx-revision" name="expected_revision" value="{stale + 1}"' in body
    assert DataValue.objects.get(report=report, indicator=indicator).numerator == 3


def test_it_reads_uploaded_files_and_refuses_other_types(tan_hoi_officer, report, tmp_path):
    from docx import Document

    path = tmp_path / "bao-cao.docx"
    word = Document()
    word.add_paragraph("Đến nay, xã có 4/4 ấp đã thành lập tổ công nghệ số cộng đồng.")
    word.save(str(path))
    client = client_for(tan_hoi_officer)
    url = reverse("collection:extract_start", args=[report.pk])
    upload = SimpleUploadedFile("bao-cao.docx", path.read_bytes())
    response = client.post(url, {"upload": upload})
    assert response.status_code == 302
    document = SourceDocument.objects.get()
    assert document.title == "bao-cao"
    assert str(document.file.name).endswith(".docx")
    assert "4/4 ấp" in document.text
    html = client.get(proposals_url(report, document)).content.decode()
    assert 'data-figure="4/4 ấp" data-indicator="XHS.12"' in html

    html_file = SimpleUploadedFile(
        "trang.html",
        "<html><body><p>Đạt <b>trên 79%</b> hồ sơ trực tuyến.</p></body></html>".encode(),
    )
    assert client.post(url, {"upload": html_file}).status_code == 302
    assert "trên 79%" in SourceDocument.objects.latest("pk").text

    bad = SimpleUploadedFile("virus.exe", b"MZ...")
    response = client.post(url, {"upload": bad})
    assert response.status_code == 422
    assert "Chỉ đọc được tệp" in response.content.decode()
    assert client.post(url, {"text": "  "}).status_code == 422
    assert SourceDocument.objects.count() == 2


def test_it_refuses_a_locked_report(tan_hoi_officer, report):
    client = client_for(tan_hoi_officer)
    paste(client, report)
    document = SourceDocument.objects.get()
    html = client.get(proposals_url(report, document)).content.decode()
    report.status = ReportStatus.APPROVED
    report.save()
    detail = reverse("collection:report_detail", args=[report.pk])
    response = paste(client, report)
    assert response.status_code == 302
    assert response["Location"] == detail
    assert SourceDocument.objects.count() == 1
    assert client.get(proposals_url(report, document))["Location"] == detail
    response = client.post(
        row_url(report, document, key_of(html, "4/4 ấp")),
        {"indicator": "XHS.12", "numerator": "4", "denominator": "4", "expected_revision": 1},
        headers=HTMX,
    )
    assert response.status_code == 409
    assert response["HX-Redirect"] == detail
    assert not DataValue.objects.filter(report=report).exists()
    follow = client.get(detail)
    assert "bị khóa" in follow.content.decode()


def test_it_hides_the_report_and_its_documents_from_outsiders(
    tan_hoi_officer, outsider, officer, report, tree
):
    client = client_for(tan_hoi_officer)
    paste(client, report)
    document = SourceDocument.objects.get()
    html = client.get(proposals_url(report, document)).content.decode()
    key = key_of(html, "4/4 ấp")
    stranger = client_for(outsider)
    urls = [
        reverse("collection:extract_start", args=[report.pk]),
        proposals_url(report, document),
        row_url(report, document, key),
    ]
    for url in urls:
        assert stranger.get(url).status_code == 404, url
    assert paste(stranger, report).status_code == 404
    response = stranger.post(
        row_url(report, document, key),
        {"indicator": "XHS.12", "numerator": "4", "denominator": "4", "expected_revision": 1},
    )
    assert response.status_code == 404
    accept_all = reverse("collection:extract_accept_all", args=[report.pk, document.pk])
    assert stranger.post(accept_all, {"expected_revision": 1}).status_code == 404
    assert not DataValue.objects.exists()

    # A document read into one report is not reachable through another report.
    other = Report.objects.create(
        unit=tree.commune_a,
        period=period_get_or_create(code="2025"),
        framework_version=report.framework_version,
    )
    assert client_for(officer).get(proposals_url(other, document)).status_code == 404
