"""The three systems whose statistics the province imports first."""

from __future__ import annotations

from typing import Any

from django.db import migrations

SOURCES = [
    (
        "dvc_portal",
        "Cổng DVC quốc gia – Bộ chỉ số 766",
        "Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp "
        "(Quyết định 766/QĐ-TTg), theo từng xã.",
    ),
    (
        "e_invoice",
        "Hệ thống hóa đơn điện tử (cơ quan thuế)",
        "Số hóa đơn điện tử, số hộ kinh doanh sử dụng hóa đơn điện tử theo địa bàn.",
    ),
    (
        "vnpt_ioffice",
        "Hệ thống quản lý văn bản và điều hành (VNPT-iOffice)",
        "Số văn bản đi, đến, văn bản ký số theo đơn vị.",
    ),
]


def seed(apps: Any, schema_editor: Any) -> None:
    SystemSource = apps.get_model("collection", "SystemSource")
    for code, name, description in SOURCES:
        SystemSource.objects.get_or_create(
            code=code, defaults={"name": name, "description": description}
        )


def unseed(apps: Any, schema_editor: Any) -> None:
    SystemSource = apps.get_model("collection", "SystemSource")
    SystemSource.objects.filter(code__in=[code for code, _name, _desc in SOURCES]).delete()


class Migration(migrations.Migration):
    dependencies = [("collection", "0003_system_data")]

    operations = [migrations.RunPython(seed, unseed)]
