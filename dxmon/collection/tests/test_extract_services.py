"""value_save with a document as provenance, and the proposals' numbers per indicator type."""

from __future__ import annotations

from typing import Any

import pytest

from dxmon.collection.choices import ValueSource
from dxmon.collection.errors import InvalidValue
from dxmon.collection.models import Report, SourceDocument
from dxmon.collection.services.extract import Numbers, numbers_text, proposed_numbers
from dxmon.collection.services.values import SaveResult, value_save
from dxmon.extract import extract
from dxmon.frameworks.models import Indicator


@pytest.fixture
def report(tree, tiny, periods) -> Report:
    return Report.objects.create(
        unit=tree.commune_a, period=periods["2025"], framework_version=tiny.version
    )


@pytest.fixture
def document(db) -> SourceDocument:
    return SourceDocument.objects.create(title="Báo cáo xã", text="Đạt trên 79% hồ sơ.")


def save_from_document(
    officer: Any, report: Report, indicator: Indicator, document: SourceDocument, **numbers: Any
) -> SaveResult:
    return value_save(
        user=officer,
        report=report,
        indicator=indicator,
        expected_revision=report.revision,
        source=ValueSource.DOCUMENT,
        source_document=document,
        source_excerpt="Đạt trên 79% hồ sơ.",
        qualifier="trên",
        **numbers,
    )


def test_it_keeps_a_percentage_only_ratio_and_its_provenance_when_the_comment_changes(
    officer, report, tiny, document
):
    stored = save_from_document(officer, report, tiny.ratio, document, value=79).value
    assert (stored.value, stored.numerator, stored.qualifier) == (79, None, "trên")
    report.refresh_from_db()
    # The entry page posts the (empty) ratio inputs with the comment.
    kept = value_save(
        user=officer, report=report, indicator=tiny.ratio, numerator=None, denominator=None,
        comment="Theo bài báo", expected_revision=report.revision,
    ).value  # fmt: skip
    assert (kept.value, kept.source, kept.source_document, kept.qualifier) == (
        79, ValueSource.DOCUMENT, document, "trên"
    )  # fmt: skip
    assert kept.comment == "Theo bài báo"


def test_it_resets_the_provenance_when_the_officer_types_another_number(
    officer, report, tiny, document
):
    save_from_document(officer, report, tiny.count, document, value=40)
    report.refresh_from_db()
    typed = value_save(
        user=officer, report=report, indicator=tiny.count, value=41,
        expected_revision=report.revision,
    ).value  # fmt: skip
    assert (typed.source, typed.source_document, typed.source_excerpt, typed.qualifier) == (
        ValueSource.SELF_REPORT, None, "", ""
    )  # fmt: skip


def test_it_refuses_a_percentage_above_100_for_a_ratio(officer, report, tiny, document):
    with pytest.raises(InvalidValue, match="từ 0 đến 100"):
        save_from_document(officer, report, tiny.ratio, document, value=120)


def test_it_turns_figures_into_the_numbers_each_indicator_stores(tiny):
    over, ratio, count = extract("Đạt trên 79% hồ sơ; 4/4 ấp có tổ; nhóm có 40 thành viên.")
    assert proposed_numbers(over, tiny.ratio) == Numbers(79)
    assert proposed_numbers(ratio, tiny.ratio) == Numbers(100, 4, 4)
    assert proposed_numbers(ratio, tiny.count) == Numbers(4)
    assert proposed_numbers(count, tiny.ratio) == Numbers(None, 40, None)
    assert numbers_text(Numbers(79), tiny.ratio, "trên") == "trên 79%"
    assert numbers_text(Numbers(100, 4, 4), tiny.ratio) == "4/4 (100%)"
    assert numbers_text(Numbers(1234), tiny.count) == "1.234"
