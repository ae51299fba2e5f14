"""Fixtures of the supervision tests: the default framework, the real Tân Hội 2022 report
(from the example article, approved), and a supervisor of another province."""

from __future__ import annotations

import io
from typing import Any

import pytest

from dxmon.collection.models import Period, Report
from dxmon.collection.services import period_get_or_create
from dxmon.demo.services import demo_tan_hoi_load
from dxmon.frameworks.models import FrameworkVersion
from dxmon.frameworks.services import DEFAULT_FRAMEWORK_PATH, framework_load
from dxmon.testing.fixtures import PASSWORD, Tree, make_unit
from dxmon.units.choices import Kind, Structure


@pytest.fixture
def version(db: None) -> FrameworkVersion:
    return framework_load(path=DEFAULT_FRAMEWORK_PATH)


@pytest.fixture
def period_2022(db: None) -> Period:
    return period_get_or_create(code="2022")


@pytest.fixture
def tan_hoi_report(tree: Tree, version: FrameworkVersion, period_2022: Period) -> Report:
    demo_tan_hoi_load(version=version, period=period_2022)
    return Report.objects.get(unit=tree.tan_hoi, period=period_2022)


@pytest.fixture
def other_supervisor(tree: Tree) -> Any:
    """An HĐND supervisor of another province (Tỉnh Trà Vinh, 2022 structure)."""
    from dxmon.accounts.models import User

    other = make_unit(
        code="84", name="Tỉnh Trà Vinh", kind=Kind.PROVINCE, structure=Structure.Y2022
    )
    user = User(username="supervisor_tv", role="supervisor", scope_unit=other)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def docx_text(content: bytes) -> str:
    """Every piece of text in a DOCX: body paragraphs, tables (nested too), headers, footers."""
    from docx import Document

    document = Document(io.BytesIO(content))
    parts: list[str] = []

    def tables(items: Any) -> None:
        for table in items:
            for row in table.rows:
                for cell in row.cells:
                    parts.extend(p.text for p in cell.paragraphs)
                    tables(cell.tables)

    parts.extend(p.text for p in document.paragraphs)
    tables(document.tables)
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs)
        parts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(parts)


@pytest.fixture
def mission(tree: Tree, supervisor: Any, tan_hoi_report: Report, period_2022: Period) -> Any:
    """The Tân Hội mission: one visit, one finding, one recommendation to Tân Hội."""
    import datetime

    from dxmon.supervision import services
    from dxmon.supervision.choices import FindingKind, Pillar

    mission = services.mission_create(
        user=supervisor,
        issuing_body="Ban Văn hóa - Xã hội HĐND tỉnh Bến Tre",
        council_unit=tree.old_province,
        topic="Việc thực hiện chuyển đổi số đối với UBND xã Tân Hội",
        leader_name="Huỳnh Văn Cuộn",
        leader_position="Trưởng ban Văn hóa - Xã hội HĐND tỉnh",
        period=period_2022,
    )
    visit = services.visit_add(
        user=supervisor, mission=mission, unit=tree.tan_hoi, date=datetime.date(2022, 8, 17)
    )
    finding = services.finding_record(
        user=supervisor,
        mission=mission,
        visit=visit,
        pillar=Pillar.ECONOMY,
        kind=FindingKind.QUESTION,
        text="Đưa nông sản lên sàn thương mại điện tử?",
    )
    services.recommendation_create(
        user=supervisor,
        mission=mission,
        addressee_unit=tree.tan_hoi,
        text="Hỗ trợ đưa nông sản lên sàn thương mại điện tử.",
        deadline=datetime.date(2022, 11, 30),
        finding=finding,
    )
    return mission
