"""The real mission of the example article: the provincial HĐND's Culture–Society committee
visiting Xã Tân Hội on 17 August 2022 (Báo Đồng Khởi, dxmon/demo/data/tan-hoi-2022-08-17.txt).

Only what the article says: the decision number and date, the members, the deadlines and the
answers are not in it and stay empty. Idempotent: a second load finds the mission and writes
nothing.
"""

from __future__ import annotations

import datetime
import re

from django.db import transaction

from dxmon.audit.services import SYSTEM
from dxmon.collection.models import Period
from dxmon.demo.services import ARTICLE_PATH
from dxmon.supervision import services
from dxmon.supervision.choices import FindingKind, Pillar, Priority
from dxmon.supervision.models import Mission
from dxmon.units.choices import Level, Structure
from dxmon.units.models import Unit

VISIT_DATE = datetime.date(2022, 8, 17)
ISSUING_BODY = "Ban Văn hóa - Xã hội HĐND tỉnh Bến Tre"
TOPIC = "Việc thực hiện chuyển đổi số đối với UBND xã Tân Hội, huyện Mỏ Cày Nam"
SOURCE = (
    "Nguồn: Báo Đồng Khởi, “HĐND tỉnh giám sát việc thực hiện chuyển đổi số đối với UBND xã Tân "
    "Hội”, 17/8/2022."
)

# Strengths per pillar, quoted from the article: each is the passage of the article that starts
# with the given words, to the end of its paragraph.
FINDINGS: tuple[tuple[str, str], ...] = (
    (Pillar.GENERAL, "Việc chỉ đạo, xây dựng văn bản"),
    (Pillar.GOVERNMENT, "Về chính quyền số,"),
    (Pillar.ECONOMY, "Về phát triển kinh tế số,"),
    (Pillar.SOCIETY, "Về phát triển xã hội số,"),
)

# The two questions the delegation raised, each also made a recommendation to the commune.
QUESTIONS: tuple[tuple[str, str, str], ...] = (
    (
        Pillar.FOUNDATION,
        "Làm rõ những khó khăn về tình hình nhân lực và hạ tầng thực hiện CĐS tại UBND xã.",
        "Làm rõ và có giải pháp khắc phục khó khăn về nhân lực và hạ tầng thực hiện chuyển đổi "
        "số tại UBND xã.",
    ),
    (
        Pillar.ECONOMY,
        "Việc đưa sản phẩm của các doanh nghiệp và nông sản của nông dân trên địa bàn xã lên sàn "
        "thương mại điện tử.",
        "Hỗ trợ đưa sản phẩm của các doanh nghiệp và nông sản của nông dân trên địa bàn xã lên "
        "sàn thương mại điện tử.",
    ),
)


def quote(article: str, opening: str) -> str:
    """The passage of ``article`` from ``opening`` to the end of its paragraph (a trailing
    ",…" dropped, so the quote ends as a sentence)."""
    start = article.index(opening)
    end = article.find("\n", start)
    passage = article[start : end if end >= 0 else None].strip()
    return re.sub(r"[,;]?\s*…$", ".", passage)


def _unit(level: int, code: str) -> Unit | None:
    return Unit.objects.filter(structure=Structure.Y2022, level=level, code=code).first()


@transaction.atomic
def supervision_demo_load() -> Mission | None:
    """Load the Tân Hội mission once; None when the 2022 units are not loaded."""
    province = _unit(Level.PROVINCE, "83")
    tan_hoi = _unit(Level.COMMUNE, "28940")
    if province is None or tan_hoi is None:
        return None
    existing = Mission.objects.filter(
        council_unit=province, issuing_body=ISSUING_BODY, topic=TOPIC
    ).first()
    if existing is not None:
        return existing
    mission = services.mission_create(
        user=SYSTEM,
        issuing_body=ISSUING_BODY,
        council_unit=province,
        topic=TOPIC,
        leader_name="Huỳnh Văn Cuộn",
        leader_position="Trưởng ban Văn hóa - Xã hội HĐND tỉnh",
        period=Period.objects.filter(code="2022").first(),
    )
    visit = services.visit_add(
        user=SYSTEM,
        mission=mission,
        unit=tan_hoi,
        date=VISIT_DATE,
        participants="Đoàn giám sát HĐND tỉnh; UBND xã Tân Hội.",
        notes=SOURCE,
    )
    services.mission_start(user=SYSTEM, mission=mission)
    article = ARTICLE_PATH.read_text(encoding="utf-8")
    for pillar, opening in FINDINGS:
        services.finding_record(
            user=SYSTEM,
            mission=mission,
            visit=visit,
            pillar=pillar,
            kind=FindingKind.STRENGTH,
            text=quote(article, opening),
        )
    for pillar, question, recommendation in QUESTIONS:
        finding = services.finding_record(
            user=SYSTEM,
            mission=mission,
            visit=visit,
            pillar=pillar,
            kind=FindingKind.QUESTION,
            text=question,
        )
        services.recommendation_create(
            user=SYSTEM,
            mission=mission,
            addressee_unit=tan_hoi,
            text=recommendation,
            priority=Priority.MEDIUM,
            finding=finding,
        )
    return mission
