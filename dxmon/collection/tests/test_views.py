"""The pages of the reporting cycle, as each persona and as the outsider."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from dxmon.audit.models import AuditEntry
from dxmon.collection.choices import ReportStatus
from dxmon.collection.models import DataValue, Report, ReturnComment, Round
from dxmon.collection.services.values import value_save
from dxmon.collection.services.workflow import report_submit

HTMX = {"HX-Request": "true"}


@pytest.fixture
def report(tree, tiny, periods) -> Report:
    return Report.objects.create(
        unit=tree.commune_a, period=periods["2025"], framework_version=tiny.version
    )


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def value_url(report: Report, code: str) -> str:
    return reverse("collection:value_save", args=[report.pk, code])


def save_ratio(
    client: Client, report: Report, num: str, den: str, revision: int, *, htmx: bool = True
) -> Any:
    data = {"numerator": num, "denominator": den, "comment": "", "expected_revision": revision}
    return client.post(value_url(report, "CQS.1"), data, headers=HTMX if htmx else None)


def test_it_lists_the_officers_reports_with_status_and_synthetic_badges(officer, report):
    report.is_synthetic = True
    report.save()
    response = client_for(officer).get(reverse("collection:report_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Xã Mỏ Cày" in html
    assert "Đang soạn" in html
    assert "Dữ liệu mô phỏng" in html
    assert "<html" in html


def test_it_filters_the_list_and_answers_htmx_with_the_table_only(officer, report):
    client = client_for(officer)
    response = client.get(reverse("collection:report_list"), {"status": "approved"}, headers=HTMX)
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="dx-report-table"' in html
    assert "Xã Mỏ Cày" not in html
    response = client.get(reverse("collection:report_list"), {"period": "2025"}, headers=HTMX)
    assert "Xã Mỏ Cày" in response.content.decode()


def test_it_hides_commune_a_from_the_outsider_everywhere(outsider, report):
    client = client_for(outsider)
    assert "Xã Mỏ Cày" not in client.get(reverse("collection:report_list")).content.decode()
    urls = [
        reverse("collection:report_detail", args=[report.pk]),
        value_url(report, "CQS.1"),
        reverse("collection:report_export", args=[report.pk, "csv"]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    response = save_ratio(client, report, "1", "2", report.revision)
    assert response.status_code == 404
    assert client.post(reverse("collection:report_submit", args=[report.pk])).status_code == 404
    assert not DataValue.objects.exists()


def test_it_shows_the_entry_page_with_inputs_by_type(officer, report):
    response = client_for(officer).get(reverse("collection:report_detail", args=[report.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Chính quyền số", "Kinh tế số", "Xã hội số", "CQS.1", "Đã nhập 0/4 chỉ số"):
        assert text in html
    assert 'name="numerator"' in html
    assert 'name="denominator"' in html
    assert 'type="radio" name="value" id="yes-' in html  # boolean → Có/Không
    assert 'hx-trigger="change delay:500ms, submit"' in html
    assert 'id="dx-revision" name="expected_revision" value="0"' in html
    assert "Gửi báo cáo" in html
    assert "Phê duyệt" not in html  # not the officer's action


def test_it_saves_a_row_and_answers_with_the_row_and_the_new_revision(officer, report):
    response = save_ratio(client_for(officer), report, "45", "50", 0)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert "Đã lưu lúc" in html
    assert 'id="dx-revision" name="expected_revision" value="1" hx-swap-oob="true"' in html
    assert "Đã nhập 1/4 chỉ số" in html
    assert "90%" in html
    stored = DataValue.objects.get(report=report)
    assert (stored.numerator, stored.denominator, stored.value) == (45, 50, 90)


def test_it_reads_vietnamese_numbers_and_rejects_text(officer, tiny, report):
    client = client_for(officer)
    data = {"value": "1.234", "comment": "", "expected_revision": 0}
    assert client.post(value_url(report, "CQS.2"), data, headers=HTMX).status_code == 200
    assert DataValue.objects.get(indicator=tiny.count).value == 1234
    data = {"value": "nhiều", "comment": "", "expected_revision": 1}
    response = client.post(value_url(report, "CQS.2"), data, headers=HTMX)
    assert response.status_code == 422
    assert "không phải là số" in response.content.decode()
    assert DataValue.objects.get(indicator=tiny.count).value == 1234


def test_it_refuses_a_stale_revision_and_shows_the_newer_value(officer, reviewer, tiny, report):
    # The reviewer (who may also change data) saves first, from revision 0.
    value_save(
        user=reviewer,
        report=report,
        indicator=tiny.ratio,
        numerator=40,
        denominator=50,
        expected_revision=0,
    )
    response = save_ratio(client_for(officer), report, "45", "50", 0)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Người khác vừa cập nhật chỉ số này: giá trị mới là 40/50 (80%)" in html
    assert "trang đã tải lại giá trị mới nhất" in html
    assert response["HX-Retarget"] == f"#row-{tiny.ratio.pk}"
    assert 'value="40"' in html  # the row is re-rendered with the newer values
    assert 'id="dx-revision" name="expected_revision" value="1"' in html
    stored = DataValue.objects.get(report=report)
    assert stored.numerator == 40  # not overwritten


def test_it_renders_an_approved_report_read_only_and_refuses_saves(officer, tiny, report):
    value_save(
        user=officer,
        report=report,
        indicator=tiny.ratio,
        numerator=45,
        denominator=50,
        expected_revision=0,
    )
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.APPROVED)
    client = client_for(officer)
    html = client.get(reverse("collection:report_detail", args=[report.pk])).content.decode()
    assert 'data-testid="locked-notice"' in html
    assert '<fieldset class="dx-inputs" disabled>' in html
    assert 'hx-post="' + value_url(report, "CQS.1") not in html
    response = save_ratio(client, report, "1", "50", 1, htmx=False)
    assert response.status_code == 409
    assert DataValue.objects.get(report=report).numerator == 45


def test_it_shows_why_a_submission_is_refused(officer, tiny, report):
    client = client_for(officer)
    data = {"numerator": "45", "denominator": "", "comment": "", "expected_revision": 0}
    client.post(value_url(report, "CQS.1"), data, headers=HTMX)
    DataValue.objects.create(report=report, indicator=tiny.ratio, numerator=45)
    response = client.post(reverse("collection:report_submit", args=[report.pk]))
    assert response.status_code == 422
    assert "Chưa gửi được báo cáo" in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_it_walks_submit_return_resubmit_approve_through_the_pages(officer, reviewer, tiny, report):
    officer_client, reviewer_client = client_for(officer), client_for(reviewer)
    save_ratio(officer_client, report, "45", "50", 0)
    detail = reverse("collection:report_detail", args=[report.pk])
    assert (
        officer_client.post(reverse("collection:report_submit", args=[report.pk])).status_code
        == 302
    )

    page = reviewer_client.get(detail).content.decode()
    assert "Trả lại" in page
    assert "Phê duyệt" in page
    assert 'name="comment__CQS.1" form="dx-return-form"' in page
    reviewer_client.post(
        reverse("collection:report_return", args=[report.pk]),
        {"reason": "Xem lại tỷ lệ", "comment__CQS.1": "Mẫu số chưa đúng"},
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    assert ReturnComment.objects.filter(indicator=tiny.ratio, comment="Mẫu số chưa đúng").exists()
    page = officer_client.get(detail).content.decode()
    assert "Mẫu số chưa đúng" in page
    assert "Gửi lại báo cáo" in page

    save_ratio(officer_client, report, "45", "60", report.revision)
    officer_client.post(reverse("collection:report_submit", args=[report.pk]))
    reviewer_client.post(reverse("collection:report_approve", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED
    page = officer_client.get(detail).content.decode()
    for action in ("Gửi báo cáo", "Trả lại", "Gửi lại", "Phê duyệt", "Sửa giá trị"):
        assert action in page  # each step is in the audit log on the page
    assert "Xem lại tỷ lệ" in page


def test_it_reopens_with_a_reason_only(reviewer, officer, tiny, report):
    report_submit(user=officer, report=report)
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.APPROVED)
    client = client_for(reviewer)
    url = reverse("collection:report_reopen", args=[report.pk])
    client.post(url, {"reason": ""})
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED
    client.post(url, {"reason": "Sửa số liệu theo văn bản mới"})
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED


def test_it_adds_a_citation_as_evidence(officer, tiny, report):
    url = reverse("collection:evidence_add", args=[report.pk, "CQS.1"])
    data = {
        "kind": "citation",
        "number": "12/KH-UBND",
        "date": "2025-03-01",
        "issuer": "UBND xã Mỏ Cày",
        "summary": "Kế hoạch chuyển đổi số năm 2025",
    }
    response = client_for(officer).post(url, data, headers=HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "12/KH-UBND" in html
    assert "1/3/2025" in html
    assert report.evidence.get().indicator == tiny.ratio


def test_it_refuses_evidence_of_the_wrong_type(officer, report):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("collection:evidence_add", args=[report.pk, "CQS.1"])
    upload = SimpleUploadedFile("virus.exe", b"MZ\x90\x00", content_type="application/x-msdownload")
    response = client_for(officer).post(url, {"kind": "file", "upload": upload}, headers=HTMX)
    assert response.status_code == 422
    assert "Chỉ nhận tệp" in response.content.decode()
    assert not report.evidence.exists()


def test_it_opens_a_round_for_all_communes_and_shows_the_reporting_rate(reviewer, tiny, tree):
    client = client_for(reviewer)
    page = client.get(reverse("collection:round_list"))
    assert "Mở đợt báo cáo" in page.content.decode()
    data = {
        "framework_version": tiny.version.pk,
        "period_code": "2025",
        "deadline": "2025-12-31",
        "scope": "all",
        "title": "",
    }
    response = client.post(reverse("collection:round_list"), data)
    assert response.status_code == 302
    opened = Round.objects.get()
    assert set(opened.units.all()) == {tree.commune_a, tree.commune_b}
    assert Report.objects.filter(round=opened).count() == 2
    html = client.get(response["Location"]).content.decode()
    assert "Tỷ lệ báo cáo" in html
    assert "Xã Đa Phước Hội" in html
    assert "Tỉnh Vĩnh Long" in html
    assert "0%" in html
    workbook = client.get(reverse("collection:round_workbook", args=[opened.pk]))
    assert workbook.status_code == 200
    assert workbook.content[:2] == b"PK"


def test_it_explains_a_wrong_round_in_vietnamese(reviewer, tiny):
    data = {
        "framework_version": tiny.version.pk,
        "period_code": "2025Q5",
        "deadline": "",
        "scope": "all",
    }
    response = client_for(reviewer).post(reverse("collection:round_list"), data)
    assert response.status_code == 422
    html = response.content.decode()
    assert "Kỳ báo cáo không hợp lệ" in html
    assert "Trường này là bắt buộc" in html
    assert not Round.objects.exists()


def test_it_keeps_rounds_of_other_provinces_from_the_outsider_and_the_form_from_officers(
    officer, outsider, reviewer, tiny, tree
):
    from dxmon.collection.services.rounds import round_open

    opened = round_open(
        user=reviewer,
        framework_version=tiny.version,
        period_code="2025",
        units=[tree.commune_a],
        deadline=datetime.date(2025, 12, 31),
    )
    assert (
        "Mở đợt báo cáo"
        not in client_for(officer).get(reverse("collection:round_list")).content.decode()
    )
    url = reverse("collection:round_detail", args=[opened.pk])
    assert client_for(officer).get(url).status_code == 200
    assert client_for(outsider).get(url).status_code == 404


def test_it_dry_runs_then_imports_a_csv(officer, tiny, report):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(officer)
    csv = "unit_code,period,indicator,value,numerator,denominator,comment\n28903,2025,CQS.2,12,,,\n"
    upload = SimpleUploadedFile("data.csv", csv.encode(), content_type="text/csv")
    response = client.post(
        reverse("collection:import"), {"upload": upload, "fmt": "csv", "action": "dry_run"}
    )
    html = response.content.decode()
    assert response.status_code == 200, html
    assert "Kết quả kiểm tra thử" in html
    assert "CQS.2" in html
    assert not DataValue.objects.exists()
    token = response.context["token"]
    response = client.post(
        reverse("collection:import"), {"token": token, "fmt": "csv", "action": "import"}
    )
    assert "Đã nhập xong" in response.content.decode()
    assert DataValue.objects.get(indicator=tiny.count).value == 12
    assert AuditEntry.objects.filter(context_id=str(report.pk)).exists()


def test_it_lists_every_import_error_with_its_row_and_writes_nothing(officer, report):
    from django.core.files.uploadedfile import SimpleUploadedFile

    csv = (
        "unit_code,period,indicator,value,numerator,denominator,comment\n"
        "28903,2025,CQS.2,mười,,,\n"
        "28918,2025,CQS.2,3,,,\n"
    )
    upload = SimpleUploadedFile("bad.csv", csv.encode(), content_type="text/csv")
    response = client_for(officer).post(
        reverse("collection:import"),
        {"upload": upload, "fmt": "csv", "action": "import"},
        headers=HTMX,
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "<html" not in html
    assert "Dòng 2" in html
    assert "Dòng 3" in html
    assert not DataValue.objects.exists()


def test_it_exports_the_report_as_dhis2_csv(officer, tiny, report):
    value_save(user=officer, report=report, indicator=tiny.count, value=7, expected_revision=0)
    response = client_for(officer).get(
        reverse("collection:report_export", args=[report.pk, "dhis2-csv"])
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert b"CQS.2" in response.content


def test_it_renders_the_default_framework_with_a_select_for_choices(officer, tree, periods):
    from pathlib import Path

    from dxmon.frameworks.services import framework_load

    path = Path(__file__).resolve().parents[2] / "frameworks" / "data" / "xa-cds-1.0.yaml"
    version = framework_load(path=path)
    report = Report.objects.create(
        unit=tree.commune_a, period=periods["2025"], framework_version=version
    )
    response = client_for(officer).get(reverse("collection:report_detail", args=[report.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    total = version.indicators.count()
    assert f"Đã nhập 0/{total} chỉ số" in html
    assert html.count('<article class="dx-row') == total
    assert "Bí thư hoặc Chủ tịch UBND xã là Trưởng ban" in html  # a choice's option


def test_it_sends_a_large_import_to_a_background_job(officer, report):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from dxmon.collection.services.imports import BACKGROUND_THRESHOLD
    from dxmon.jobs.models import Job

    lines = ["unit_code,period,indicator,value,numerator,denominator,comment"]
    lines += [f"28903,2025,CQS.2,{i},,," for i in range(BACKGROUND_THRESHOLD + 1)]
    upload = SimpleUploadedFile("lon.csv", "\n".join(lines).encode(), content_type="text/csv")
    response = client_for(officer).post(
        reverse("collection:import"), {"upload": upload, "fmt": "csv", "action": "import"}
    )
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert not DataValue.objects.exists()


def test_it_attaches_a_pdf_and_lists_it_on_the_row(officer, tiny, report, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    upload = SimpleUploadedFile("ke-hoach.pdf", pdf, content_type="application/pdf")
    url = reverse("collection:evidence_add", args=[report.pk, "CQS.1"])
    response = client_for(officer).post(url, {"kind": "file", "upload": upload}, headers=HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "ke-hoach.pdf" in html
    assert "Minh chứng (1)" in html
    evidence = report.evidence.get()
    assert evidence.indicator == tiny.ratio
    delete = reverse("collection:evidence_delete", args=[report.pk, evidence.pk])
    assert client_for(officer).post(delete, headers=HTMX).status_code == 200
    assert not report.evidence.exists()
