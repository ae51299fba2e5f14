"""Acceptance (issue 6): plan the 17/8/2022 Tân Hội mission, generate the brief, record
findings and the two recommendations, close one with evidence, let the other pass its deadline
and show as overdue, produce the report as DOCX and PDF."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dxmon.reporting.renderers import render
from dxmon.supervision import services
from dxmon.supervision.choices import FindingKind, Pillar, Priority, RecommendationStatus
from dxmon.supervision.documents import mission_plan_document, mission_report_document
from dxmon.supervision.errors import NotAllowed
from dxmon.supervision.models import Recommendation
from dxmon.supervision.selectors import mission_progress, overdue_by_addressee, visit_brief
from dxmon.supervision.tests.conftest import docx_text

DAY = datetime.date(2022, 8, 17)
STAFF = "Làm rõ và khắc phục khó khăn về nhân lực và hạ tầng thực hiện chuyển đổi số tại UBND xã."
SHOP = "Hỗ trợ đưa sản phẩm của doanh nghiệp và nông sản của nông dân lên sàn thương mại điện tử."


def test_it_carries_the_tan_hoi_mission_from_plan_to_report(
    tree, supervisor, officer, tan_hoi_report, period_2022, media
):
    # Plan.
    mission = services.mission_create(
        user=supervisor,
        issuing_body="Ban Văn hóa - Xã hội HĐND tỉnh Bến Tre",
        council_unit=tree.old_province,
        topic="Việc thực hiện chuyển đổi số đối với UBND xã Tân Hội",
        leader_name="Huỳnh Văn Cuộn",
        leader_position="Trưởng ban Văn hóa - Xã hội HĐND tỉnh",
        period=period_2022,
    )
    visit = services.visit_add(user=supervisor, mission=mission, unit=tree.tan_hoi, date=DAY)
    plan = mission_plan_document(mission)
    assert plan.kind_title == "KẾ HOẠCH"
    assert plan.symbol == "KH-BVHXH"
    assert plan.issuer_parent == "HĐND TỈNH BẾN TRE"
    assert plan.place == "Bến Tre"

    # The brief: approved figures, the gap to the 942 target, a question from the weak point.
    brief = visit_brief(user=supervisor, visit=visit)
    assert brief.period_code == "2022"
    figures = {f.indicator_code: f for p in brief.pillars for f in p.figures}
    online = figures["CQS.07"]
    assert online.display == "trên 79%"
    assert online.meets_target is False
    assert online.gap == pytest.approx(-1.0)
    assert figures["NLS.03"].display == "90%"
    assert brief.rank.text == "chưa có kết quả xếp hạng"
    assert any("(trên 79%)" in q and "mục tiêu 80%" in q for q in brief.questions)

    # Visit, findings, the two recommendations.
    services.mission_start(user=supervisor, mission=mission)
    services.finding_record(
        user=supervisor,
        mission=mission,
        visit=visit,
        pillar=Pillar.GOVERNMENT,
        kind=FindingKind.STRENGTH,
        text="Về chính quyền số, 90% cán bộ, công chức sử dụng thành thạo VNPT-iOffice.",
    )
    question = services.finding_record(
        user=supervisor,
        mission=mission,
        visit=visit,
        pillar=Pillar.FOUNDATION,
        kind=FindingKind.QUESTION,
        text="Khó khăn về nhân lực và hạ tầng thực hiện CĐS tại UBND xã?",
    )
    staff = services.recommendation_create(
        user=supervisor,
        mission=mission,
        addressee_unit=tree.tan_hoi,
        text=STAFF,
        deadline=datetime.date(2022, 12, 31),
        priority=Priority.HIGH,
        finding=question,
    )
    shop = services.recommendation_create(
        user=supervisor,
        mission=mission,
        addressee_unit=tree.tan_hoi,
        text=SHOP,
        deadline=datetime.date(2022, 11, 30),
    )

    # Close one with evidence: the commune (Xã Mỏ Cày, successor of Tân Hội) answers...
    services.followup_add(
        user=officer,
        recommendation=staff,
        text="Đã bổ sung 01 công chức phụ trách CĐS và 5 máy tính.",
        status_after=RecommendationStatus.DONE_WITH_EVIDENCE,
        date=datetime.date(2022, 12, 20),
        evidence_file=SimpleUploadedFile("quyet-dinh.pdf", b"%PDF-1.4 minh chung"),
    )
    with pytest.raises(NotAllowed):
        services.followup_add(
            user=officer,
            recommendation=staff,
            text="Tự kết thúc",
            status_after=RecommendationStatus.VERIFIED_CLOSED,
        )
    # ...and only the council verifies the closure.
    services.followup_add(
        user=supervisor,
        recommendation=staff,
        text="Đoàn đã kiểm tra minh chứng.",
        status_after=RecommendationStatus.VERIFIED_CLOSED,
        date=datetime.date(2022, 12, 28),
    )
    staff.refresh_from_db()
    assert staff.status == RecommendationStatus.VERIFIED_CLOSED

    # The other passes its deadline.
    later = datetime.date(2023, 1, 15)
    assert list(Recommendation.objects.overdue(later)) == [shop]
    assert shop.is_overdue_on(later)
    assert not staff.is_overdue_on(later)
    progress = mission_progress(user=supervisor, missions=[mission], today=later)[mission.pk]
    assert (progress.total, progress.closed, progress.overdue) == (2, 1, 1)
    assert progress.percent_closed == pytest.approx(50.0)
    [group] = overdue_by_addressee(user=supervisor, today=later)
    assert group.unit == tree.tan_hoi
    assert list(group.recommendations) == [shop]

    # The report, as DOCX and PDF.
    services.mission_to_reporting(user=supervisor, mission=mission)
    report = mission_report_document(mission, today=later)
    filename, content_type, content = render("docx", report)
    assert filename.endswith(".docx")
    text = docx_text(content)
    for part in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "HĐND TỈNH BẾN TRE",
        "BAN VĂN HÓA - XÃ HỘI",
        "/BC-BVHXH",
        "Bến Tre, ngày",
        "BÁO CÁO",
        "Kết quả giám sát việc thực hiện chuyển đổi số",
        "I. KHÁI QUÁT",
        "II. KẾT QUẢ THEO TỪNG TRỤ CỘT",
        "III. TỒN TẠI, HẠN CHẾ, KHÓ KHĂN",
        "IV. KIẾN NGHỊ",
        "Nơi nhận",
        "TRƯỞNG ĐOÀN",
        "Huỳnh Văn Cuộn",
        "trên 79%",
    ):
        assert part in text, part

    from docx import Document

    tables = Document(io.BytesIO(content)).tables
    rec_table = next(
        t for t in tables if any("Nội dung kiến nghị" in c.text for c in t.rows[0].cells)
    )
    rows = [[c.text for c in row.cells] for row in rec_table.rows[1:]]
    assert [r[1] for r in rows] == [STAFF, SHOP]
    assert all(r[2] == "UBND xã Tân Hội" for r in rows)
    assert rows[0][3] == "31/12/2022"
    assert rows[1][3] == "30/11/2022"
    assert rows[0][4] == "Đã kiểm tra, kết thúc"
    assert rows[1][4] == "Chưa thực hiện (quá hạn)"

    filename, content_type, pdf = render("pdf", report)
    assert content_type == "application/pdf"
    assert pdf.startswith(b"%PDF")
