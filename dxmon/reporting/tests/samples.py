"""A sample supervision report, shaped like the 17/8/2022 Tân Hội visit (tests and previews)."""

from __future__ import annotations

import datetime as dt

from dxmon.reporting.charts import chart_bar
from dxmon.reporting.contexts import (
    Bullets,
    Chart,
    Heading,
    OfficialDocument,
    Paragraph,
    Table,
)


def sample_report(*, synthetic: bool = False) -> OfficialDocument:
    chart = chart_bar(
        ["VB điện tử", "Thành thạo iOffice", "DVC mức 3-4", "HĐĐT"],
        [90.0, 90.0, 79.5, 100.0],
        title="Một số chỉ tiêu chuyển đổi số của xã Tân Hội năm 2022 (%)",
        unit="%",
        width_cm=15,
    )
    return OfficialDocument(
        issuer_parent="HĐND TỈNH VĨNH LONG",
        issuer="BAN VĂN HÓA - XÃ HỘI",
        number="45",
        symbol="KH-BVHXH",
        place="Vĩnh Long",
        date=dt.date(2022, 8, 17),
        kind_title="BÁO CÁO",
        title="Kết quả giám sát việc thực hiện chuyển đổi số tại UBND xã Tân Hội",
        blocks=(
            Paragraph(
                "Thực hiện Kế hoạch số 40/KH-BVHXH ngày 01 tháng 8 năm 2022 của Ban Văn hóa - "
                "Xã hội HĐND tỉnh, ngày 17 tháng 8 năm 2022, Đoàn giám sát đã làm việc với "
                "UBND xã Tân Hội về việc thực hiện chuyển đổi số giai đoạn 2021-2022. "
                "Ban Văn hóa - Xã hội báo cáo kết quả giám sát như sau:"
            ),
            Heading("I. KẾT QUẢ THỰC HIỆN", 1),
            Heading("1. Về chính quyền số", 2),
            Paragraph(
                "Trên 90% cán bộ, công chức sử dụng thành thạo hệ thống quản lý văn bản và điều "
                "hành, một cửa điện tử; 90% văn bản trao đổi giữa các cơ quan được thực hiện dưới "
                "dạng điện tử; trên 79% hồ sơ thủ tục hành chính mức độ 3, 4 được xử lý trực tuyến."
            ),
            Table(
                caption="Bảng 1. Chỉ tiêu chuyển đổi số của xã Tân Hội năm 2022",
                columns=("STT", "Chỉ tiêu", "Kết quả", "Chỉ tiêu tỉnh", "Tử số", "Mẫu số"),
                rows=(
                    (
                        1,
                        "Cán bộ, công chức sử dụng thành thạo iOffice, iGate",
                        "90%",
                        "100%",
                        18,
                        20,
                    ),
                    (2, "Văn bản trao đổi dưới dạng điện tử", "90%", "90%", 1234, 1371),
                    (3, "Hồ sơ TTHC mức độ 3, 4 xử lý trực tuyến", "trên 79%", "80%", None, None),
                    (4, "Ấp có tổ công nghệ số cộng đồng", "4/4", "4/4", 4, 4),
                    (5, "Tỷ lệ hộ có cáp quang", 79.5, 85.25, None, None),
                ),
                numeric_columns=(2, 3),
                note="Nguồn: báo cáo của UBND xã Tân Hội, đã được duyệt.",
            ),
            Chart(
                caption="Hình 1. Một số chỉ tiêu chuyển đổi số của xã Tân Hội năm 2022",
                png=chart,
                alt_text="Biểu đồ cột bốn chỉ tiêu: 90%, 90%, 79,5%, 100%",
                width_cm=14,
            ),
            Heading("2. Về kinh tế số và xã hội số", 2),
            Paragraph(
                "100% doanh nghiệp, hộ kinh doanh sử dụng hóa đơn điện tử; thành lập nhóm kinh "
                "doanh gồm 40 thành viên; 4/4 ấp thành lập tổ công nghệ số cộng đồng."
            ),
            Heading("II. KIẾN NGHỊ", 1),
            Bullets(
                (
                    "UBND huyện Mỏ Cày Nam bổ sung nhân lực và hạ tầng công nghệ thông tin cho xã;",
                    "Sở Công Thương hỗ trợ đưa sản phẩm của doanh nghiệp, nông dân lên sàn "
                    "thương mại điện tử.",
                )
            ),
        ),
        recipients=(
            "Thường trực HĐND tỉnh",
            "UBND huyện Mỏ Cày Nam",
            "UBND xã Tân Hội",
            "Thành viên Đoàn giám sát",
        ),
        signer_authority="TM. BAN VĂN HÓA - XÃ HỘI",
        signer_title="TRƯỞNG BAN",
        signer_name="Nguyễn Văn Hòa",
        filename_stem="bao-cao-giam-sat-tan-hoi-2022",
        synthetic_note=(
            "Lưu ý: văn bản có số liệu tổng hợp (giả lập) dùng để trình diễn, "
            "không phải số liệu thật."
            if synthetic
            else None
        ),
    )
