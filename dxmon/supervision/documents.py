"""The supervision's official documents as ``OfficialDocument`` contexts (Nghị định 30/2020):
the plan (Kế hoạch giám sát), the report (Báo cáo kết quả giám sát) and the pre-visit brief.

Built from the database here; rendered to DOCX or PDF by ``dxmon.reporting.renderers.render``.
The caller has already checked that the user may see the mission.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from dxmon.audit.services import SYSTEM
from dxmon.reporting.contexts import (
    Block,
    Bullets,
    Chart,
    Heading,
    OfficialDocument,
    Paragraph,
    Table,
)
from dxmon.supervision.choices import FindingKind, Pillar
from dxmon.supervision.models import Mission, Visit
from dxmon.supervision.selectors import (
    Brief,
    PillarFigures,
    latest_approved_report,
    mission_progress,
    unit_figures,
    visit_brief,
)
from dxmon.vn.dates import format_date_long, format_date_short
from dxmon.vn.text import strip_marks

# The pillars in the order a supervision report discusses them.
REPORT_PILLARS = (Pillar.GOVERNMENT, Pillar.ECONOMY, Pillar.SOCIETY, Pillar.FOUNDATION)
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")
_PLACE_PREFIX = re.compile(r"^(Tỉnh|Thành phố|TP\.?)\s+", re.IGNORECASE)


# --------------------------------------------------------------------------------------------
# Header parts


def _council_name(mission: Mission) -> str:
    """ "HĐND TỈNH BẾN TRE" from the council unit."""
    return f"HĐND {mission.council_unit.name}".upper()


def _issuer(mission: Mission) -> tuple[str, str]:
    """(issuer_parent, issuer): "HĐND TỈNH BẾN TRE" over "BAN VĂN HÓA - XÃ HỘI"."""
    body = mission.issuing_body.strip()
    head, sep, _rest = body.partition(" HĐND")
    if sep and head:
        return _council_name(mission), head.upper()
    return "", (body or _council_name(mission)).upper()


def _abbreviation(issuer: str) -> str:
    """ "BAN VĂN HÓA - XÃ HỘI" → "BVHXH" (the symbol part naming the issuing body)."""
    words = [w for w in re.split(r"[\s\-–]+", issuer) if w and w[0].isalpha()]
    initials = "".join(w[0] for w in words).upper()
    return strip_marks(initials.replace("Đ", "\0")).replace("\0", "Đ")


def _place(mission: Mission) -> str:
    return _PLACE_PREFIX.sub("", mission.council_unit.name).strip()


def _person(name: str, position: str) -> str:
    return f"{name}, {position}" if position else name


def _title(prefix: str, topic: str) -> str:
    topic = topic.strip().rstrip(".")
    if topic.lower().startswith(prefix.lower()):
        return topic[:1].upper() + topic[1:]
    return f"{prefix} {topic[:1].lower() + topic[1:]}"


def _unit_office(unit_name: str) -> str:
    """ "Xã Tân Hội" → "UBND xã Tân Hội"."""
    return f"UBND {unit_name[:1].lower() + unit_name[1:]}"


def _legal_basis(mission: Mission) -> str:
    if mission.legal_basis_number:
        date = f" {format_date_long(mission.legal_basis_date)}" if mission.legal_basis_date else ""
        return _("Căn cứ Quyết định số %(number)s%(date)s về việc thành lập Đoàn giám sát;") % {
            "number": mission.legal_basis_number,
            "date": date,
        }
    return _("Căn cứ Quyết định thành lập Đoàn giám sát (số, ngày quyết định: chưa có số liệu);")


def _synthetic_note(mission: Mission, synthetic_data: bool) -> str | None:
    if mission.is_synthetic or synthetic_data:
        return _("Văn bản có dữ liệu mô phỏng, chỉ dùng để trình diễn.")
    return None


def _stem(kind: str, mission: Mission) -> str:
    return f"{kind}-{mission.pk}"


def _visits(mission: Mission) -> list[Visit]:
    return list(mission.visits.select_related("unit").order_by("date", "pk"))


def _members(mission: Mission) -> list[str]:
    lines = [
        _("%(person)s — Trưởng đoàn;")
        % {"person": _person(mission.leader_name, mission.leader_position)}
    ]
    for member in mission.members or []:
        person = _person(member.get("name", ""), member.get("position", ""))
        lines.append(_("%(person)s — Thành viên;") % {"person": person})
    return lines


# --------------------------------------------------------------------------------------------
# The plan


def mission_plan_document(mission: Mission) -> OfficialDocument:
    """Kế hoạch giám sát: purpose and requirements, contents, who/when/where, the delegation,
    and how it is carried out."""
    parent, issuer = _issuer(mission)
    visits = _visits(mission)
    period = mission.period_under_review or (mission.period.code if mission.period else "")
    blocks: list[Block] = [
        Paragraph(_legal_basis(mission), italic=True),
        Paragraph(
            _("%(body)s ban hành Kế hoạch giám sát %(topic)s như sau:")
            % {"body": mission.issuing_body, "topic": mission.topic[:1].lower() + mission.topic[1:]}
        ),
        Heading(_("I. MỤC ĐÍCH, YÊU CẦU"), 1),
        Heading(_("1. Mục đích"), 2),
        Paragraph(
            _(
                "Đánh giá kết quả thực hiện chuyển đổi số của các đơn vị được giám sát trên ba trụ "
                "cột chính quyền số, kinh tế số, xã hội số và các nền tảng; phát hiện khó khăn, "
                "vướng mắc để kiến nghị giải pháp, góp phần thực hiện hiệu quả các nghị quyết, kế "
                "hoạch về chuyển đổi số."
            )
        ),
        Heading(_("2. Yêu cầu"), 2),
        Paragraph(
            _(
                "Việc giám sát bảo đảm đúng quy định của Luật Hoạt động giám sát của Quốc hội "
                "và Hội đồng nhân dân; khách quan, công khai, không gây khó khăn cho hoạt động "
                "của đơn vị được giám sát. Số liệu đối chiếu là số liệu đã được phê duyệt của "
                "đơn vị."
            )
        ),
        Heading(_("II. NỘI DUNG GIÁM SÁT"), 1),
        Paragraph(
            _("Giám sát %(topic)s%(period)s, tập trung vào:")
            % {
                "topic": mission.topic[:1].lower() + mission.topic[1:],
                "period": _(" (thời kỳ %(p)s)") % {"p": period} if period else "",
            }
        ),
        Bullets(
            (
                _("Việc lãnh đạo, chỉ đạo, ban hành văn bản triển khai chuyển đổi số;"),
                _("Kết quả phát triển chính quyền số;"),
                _("Kết quả phát triển kinh tế số;"),
                _("Kết quả phát triển xã hội số;"),
                _("Nhân lực, hạ tầng, an toàn thông tin và dữ liệu phục vụ chuyển đổi số;"),
                _("Khó khăn, vướng mắc và đề xuất, kiến nghị."),
            )
        ),
        Heading(_("III. ĐỐI TƯỢNG, THỜI GIAN, ĐỊA ĐIỂM"), 1),
    ]
    if visits:
        blocks.append(
            Table(
                caption=_("Lịch giám sát"),
                columns=(_("STT"), _("Đơn vị được giám sát"), _("Thời gian"), _("Địa điểm")),
                rows=tuple(
                    (
                        str(i),
                        _unit_office(v.unit.name),
                        format_date_short(v.date, padded=True),
                        v.location
                        or _("Trụ sở %(office)s") % {"office": _unit_office(v.unit.name)},
                    )
                    for i, v in enumerate(visits, start=1)
                ),
            )
        )
    else:
        blocks.append(Paragraph(_("Lịch làm việc với các đơn vị sẽ được thông báo sau.")))
    blocks += [
        Heading(_("IV. THÀNH PHẦN ĐOÀN GIÁM SÁT"), 1),
        Bullets(tuple(_members(mission))),
        Heading(_("V. TỔ CHỨC THỰC HIỆN"), 1),
        Bullets(
            (
                _(
                    "Đơn vị được giám sát chuẩn bị báo cáo bằng văn bản theo nội dung tại mục II, "
                    "gửi Đoàn giám sát chậm nhất 05 ngày trước buổi làm việc; cập nhật số liệu "
                    "trên hệ thống theo dõi chuyển đổi số."
                ),
                _(
                    "Thành viên Đoàn nghiên cứu tài liệu phục vụ giám sát (số liệu, mục tiêu, "
                    "kiến nghị chưa thực hiện) trước mỗi buổi làm việc."
                ),
                _(
                    "Sau giám sát, Đoàn tổng hợp kết quả, báo cáo Thường trực HĐND và theo dõi "
                    "việc thực hiện kiến nghị."
                ),
            )
        ),
    ]
    recipients = [
        _("Thường trực HĐND tỉnh;"),
        _("Các thành viên Đoàn giám sát;"),
        *(_("%(office)s;") % {"office": _unit_office(v.unit.name)} for v in visits),
    ]
    return OfficialDocument(
        issuer_parent=parent,
        issuer=issuer,
        number=mission.plan_number,
        symbol=f"KH-{_abbreviation(issuer)}",
        place=_place(mission),
        # Without a signing date the document is today's draft, never a back-dated one.
        date=mission.plan_date or timezone.localdate(),
        is_draft=mission.plan_date is None,
        kind_title=_("KẾ HOẠCH"),
        title=_title(_("Giám sát"), mission.topic),
        blocks=tuple(blocks),
        recipients=tuple(dict.fromkeys(recipients)),
        signer_authority=_("TM. ĐOÀN GIÁM SÁT"),
        signer_title=_("TRƯỞNG ĐOÀN"),
        signer_name=mission.leader_name,
        filename_stem=_stem("ke-hoach-giam-sat", mission),
        synthetic_note=_synthetic_note(mission, False),
    )


# --------------------------------------------------------------------------------------------
# The report


def _figures_by_unit(
    mission: Mission, visits: list[Visit]
) -> tuple[dict[int, list[PillarFigures]], bool]:
    out: dict[int, list[PillarFigures]] = {}
    synthetic = False
    for visit in visits:
        report = latest_approved_report(unit=visit.unit, day=visit.date, period=mission.period)
        if report is None:
            continue
        out[visit.unit_id] = unit_figures(report, with_peers=False)
        synthetic = synthetic or report.is_synthetic
    return out, synthetic


def _pillar_table(
    pillar: str, visits: list[Visit], figures: dict[int, list[PillarFigures]]
) -> tuple[Table | None, Chart | None]:
    units = list(dict.fromkeys(v.unit for v in visits if v.unit_id in figures))
    rows: dict[str, list[Any]] = {}
    names: dict[str, str] = {}
    targets: dict[str, str] = {}
    first_values: dict[str, float | None] = {}
    first_targets: dict[str, float | None] = {}
    for col, unit in enumerate(units):
        for block in figures[unit.pk]:
            if block.code != pillar:
                continue
            for f in block.figures:
                row = rows.setdefault(f.indicator_code, [None] * len(units))
                row[col] = f.display
                names[f.indicator_code] = f.name
                targets.setdefault(
                    f.indicator_code,
                    f"{f.target_display} ({f.target_year})" if f.target_display else "",
                )
                if col == 0 and f.is_percent:
                    first_values[f.indicator_code] = f.value
                    first_targets[f.indicator_code] = (
                        f.value - f.gap if f.gap is not None and f.value is not None else None
                    )
    if not rows:
        return None, None
    table = Table(
        caption=_("Số liệu %(pillar)s của các đơn vị được giám sát")
        % {"pillar": Pillar(pillar).label.lower()},
        columns=(_("Mã"), _("Chỉ số"), *(u.name for u in units), _("Mục tiêu")),
        rows=tuple(
            (
                code,
                names[code],
                *(cell if cell is not None else None for cell in cells),
                targets[code] or None,
            )
            for code, cells in rows.items()
        ),
        numeric_columns=tuple(range(2, 2 + len(units))),
        note=_(
            "Nguồn: báo cáo đã phê duyệt của đơn vị trên hệ thống; mục tiêu theo văn bản của "
            "Trung ương."
        ),
    )
    chart = None
    if len(first_values) >= 2:
        try:
            from dxmon.reporting.charts import chart_bar
        except ImportError:  # the charts module is optional for the text of the report
            chart_bar = None  # type: ignore[assignment]
        if chart_bar is not None:
            codes = list(first_values)
            png = chart_bar(
                codes,
                [first_values[c] for c in codes],
                title=_("%(pillar)s — %(unit)s (%%)")
                % {"pillar": Pillar(pillar).label, "unit": units[0].name},
                unit="%",
                targets=[first_targets.get(c) for c in codes],
                target_label=_("Mục tiêu"),
            )
            chart = Chart(
                caption=_("Các chỉ số tỷ lệ về %(pillar)s của %(unit)s so với mục tiêu")
                % {"pillar": Pillar(pillar).label.lower(), "unit": units[0].name},
                png=png,
                alt_text=", ".join(f"{c}: {rows[c][0]}" for c in codes),
            )
    return table, chart


def mission_report_document(
    mission: Mission, *, today: datetime.date | None = None
) -> OfficialDocument:
    """Báo cáo kết quả giám sát: overview; results per pillar with figures and charts;
    shortcomings and difficulties; recommendations with addressee, deadline and status."""
    parent, issuer = _issuer(mission)
    visits = _visits(mission)
    findings = list(mission.findings.select_related("visit__unit").order_by("pk"))
    recs = list(mission.recommendations.select_related("addressee_unit").order_by("pk"))
    figures, synthetic = _figures_by_unit(mission, visits)
    day = today or timezone.localdate()
    units = ", ".join(dict.fromkeys(_unit_office(v.unit.name) for v in visits)) or "—"
    dates = sorted({v.date for v in visits})
    when = (
        format_date_long(dates[0])
        if len(dates) == 1
        else _("từ %(a)s đến %(b)s")
        % {"a": format_date_short(dates[0]), "b": format_date_short(dates[-1])}
        if dates
        else ""
    )
    blocks: list[Block] = [
        Heading(_("I. KHÁI QUÁT"), 1),
        Paragraph(
            _(
                "Thực hiện Kế hoạch giám sát, %(when)s, Đoàn giám sát của %(body)s do "
                "%(leader)s làm Trưởng đoàn đã làm việc với %(units)s về %(topic)s."
            )
            % {
                "when": when or _("trong thời gian giám sát"),
                "body": mission.issuing_body,
                "leader": _person(mission.leader_name, mission.leader_position),
                "units": units,
                "topic": mission.topic[:1].lower() + mission.topic[1:],
            }
        ),
        Paragraph(_legal_basis(mission).rstrip(";") + "."),
    ]
    general = [f for f in findings if f.pillar == Pillar.GENERAL and f.kind == FindingKind.STRENGTH]
    for finding in general:
        blocks.append(Paragraph(finding.text))
    blocks.append(Heading(_("II. KẾT QUẢ THEO TỪNG TRỤ CỘT"), 1))
    for i, pillar in enumerate(REPORT_PILLARS, start=1):
        strengths = [f for f in findings if f.pillar == pillar and f.kind == FindingKind.STRENGTH]
        table, chart = _pillar_table(pillar, visits, figures)
        if not strengths and table is None:
            continue
        blocks.append(Heading(f"{i}. {Pillar(pillar).label}", 2))
        blocks.extend(Paragraph(f.text) for f in strengths)
        if table is not None:
            blocks.append(table)
        if chart is not None:
            blocks.append(chart)
    blocks.append(Heading(_("III. TỒN TẠI, HẠN CHẾ, KHÓ KHĂN"), 1))
    problems = [f for f in findings if f.kind in (FindingKind.WEAKNESS, FindingKind.DIFFICULTY)]
    questions = [f for f in findings if f.kind == FindingKind.QUESTION]
    if problems:
        blocks.append(Bullets(tuple(f.text for f in problems)))
    if questions:
        blocks.append(Paragraph(_("Các vấn đề Đoàn giám sát đặt ra tại buổi làm việc:")))
        items = []
        for f in questions:
            answer = f" {_('Đơn vị trả lời:')} {f.answer}" if f.answer else ""
            items.append(f"{f.text}{answer}")
        blocks.append(Bullets(tuple(items)))
    if not problems and not questions:
        blocks.append(Paragraph(_("Đoàn giám sát chưa ghi nhận tồn tại, hạn chế.")))
    blocks.append(Heading(_("IV. KIẾN NGHỊ"), 1))
    if recs:
        progress = mission_progress(user=SYSTEM, missions=[mission], today=day)[mission.pk]
        blocks.append(
            Table(
                caption=_("Kiến nghị của Đoàn giám sát và tình hình thực hiện"),
                columns=(
                    _("STT"),
                    _("Nội dung kiến nghị"),
                    _("Đơn vị thực hiện"),
                    _("Thời hạn"),
                    _("Tình trạng"),
                ),
                rows=tuple(
                    (
                        str(i),
                        r.text,
                        _unit_office(r.addressee_unit.name),
                        format_date_short(r.deadline, padded=True) if r.deadline else "—",
                        str(r.get_status_display())
                        + (f" ({_('quá hạn')})" if r.is_overdue_on(day) else ""),
                    )
                    for i, r in enumerate(recs, start=1)
                ),
            )
        )
        blocks.append(
            Paragraph(
                _(
                    "Đến %(day)s: %(closed)s/%(total)s kiến nghị đã được kiểm tra, kết thúc "
                    "(%(pct)s); %(overdue)s kiến nghị quá hạn."
                )
                % {
                    "day": format_date_long(day),
                    "closed": progress.closed,
                    "total": progress.total,
                    "pct": progress.percent_closed_text,
                    "overdue": progress.overdue,
                }
            )
        )
    else:
        blocks.append(Paragraph(_("Đoàn giám sát chưa có kiến nghị.")))
    recipients = [
        _("Thường trực HĐND tỉnh;"),
        _("UBND tỉnh;"),
        _("Các thành viên Đoàn giám sát;"),
        *(_("%(office)s;") % {"office": _unit_office(v.unit.name)} for v in visits),
        *(_("%(office)s;") % {"office": _unit_office(r.addressee_unit.name)} for r in recs),
    ]
    return OfficialDocument(
        issuer_parent=parent,
        issuer=issuer,
        number=mission.report_number,
        symbol=f"BC-{_abbreviation(issuer)}",
        place=_place(mission),
        date=mission.report_date or day,
        is_draft=mission.report_date is None,
        kind_title=_("BÁO CÁO"),
        title=_title(_("Kết quả giám sát"), mission.topic),
        blocks=tuple(blocks),
        recipients=tuple(dict.fromkeys(recipients)),
        signer_authority=_("TM. ĐOÀN GIÁM SÁT"),
        signer_title=_("TRƯỞNG ĐOÀN"),
        signer_name=mission.leader_name,
        filename_stem=_stem("bao-cao-ket-qua-giam-sat", mission),
        synthetic_note=_synthetic_note(mission, synthetic),
    )


# --------------------------------------------------------------------------------------------
# The pre-visit brief


def visit_brief_document(
    visit: Visit, *, brief: Brief | None = None, user: Any = None
) -> OfficialDocument:
    """The pre-visit brief as a working document of the delegation."""
    mission = visit.mission
    brief = brief or visit_brief(user=user or SYSTEM, visit=visit)
    parent, issuer = _issuer(mission)
    blocks: list[Block] = [
        Paragraph(
            _("Buổi làm việc với %(office)s %(date)s. Số liệu: báo cáo kỳ %(period)s đã phê duyệt.")
            % {
                "office": _unit_office(visit.unit.name),
                "date": format_date_long(visit.date),
                "period": brief.period_code or "—",
            }
        ),
        Heading(_("I. SỐ LIỆU THEO TRỤ CỘT VÀ KHOẢNG CÁCH ĐẾN MỤC TIÊU"), 1),
    ]
    for note in brief.notes:
        blocks.append(Paragraph(note, italic=True))
    for pillar in brief.pillars:
        blocks.append(
            Table(
                caption=pillar.name,
                columns=(
                    _("Mã"),
                    _("Chỉ số"),
                    _("Giá trị"),
                    _("Mục tiêu"),
                    _("Chênh lệch"),
                    _("Trung vị tỉnh"),
                ),
                rows=tuple(
                    (
                        f.indicator_code,
                        f.name,
                        f.display,
                        f"{f.target_display} ({f.target_year})" if f.target_display else None,
                        f.gap_display or None,
                        f.peer_median_display or None,
                    )
                    for f in pillar.figures
                ),
                numeric_columns=(2, 4, 5),
            )
        )
    blocks += [
        Heading(_("II. XẾP HẠNG"), 1),
        Paragraph(brief.rank.text + (f" ({brief.rank.interval})" if brief.rank.interval else "")),
        Heading(_("III. SỐ LIỆU BẤT THƯỜNG, CHƯA THỐNG NHẤT"), 1),
        Bullets(tuple(f.message for f in brief.flags))
        if brief.flags
        else Paragraph(_("Không phát hiện số liệu bất thường.")),
        Heading(_("IV. KIẾN NGHỊ TRƯỚC ĐÂY CHƯA HOÀN THÀNH"), 1),
        Bullets(
            tuple(
                f"{r.text} ({_('hạn')} {format_date_short(r.deadline) if r.deadline else '—'}; "
                f"{r.get_status_display()})"
                for r in brief.open_recommendations
            )
        )
        if brief.open_recommendations
        else Paragraph(_("Không có kiến nghị nào còn mở.")),
        Heading(_("V. CÂU HỎI GỢI Ý"), 1),
        Bullets(brief.questions) if brief.questions else Paragraph(_("Không có câu hỏi gợi ý.")),
    ]
    return OfficialDocument(
        issuer_parent=parent,
        issuer=issuer,
        number="",
        symbol="",
        place=_place(mission),
        date=visit.date,
        kind_title=_("TÀI LIỆU"),
        title=_("Phục vụ giám sát tại %(office)s") % {"office": _unit_office(visit.unit.name)},
        blocks=tuple(blocks),
        recipients=(_("Các thành viên Đoàn giám sát;"),),
        signer_authority=_("TM. ĐOÀN GIÁM SÁT"),
        signer_title=_("TRƯỞNG ĐOÀN"),
        signer_name=mission.leader_name,
        filename_stem=f"tai-lieu-giam-sat-{visit.pk}",
        is_draft=True,
        synthetic_note=_synthetic_note(mission, brief.has_synthetic),
    )
