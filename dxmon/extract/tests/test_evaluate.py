"""The corpus evaluation on a tiny hand-made corpus, and the benchmark's sample text."""

from __future__ import annotations

import pytest

from dxmon.extract.bench import sample_text
from dxmon.extract.evaluate import evaluate, load_document, report

DOCUMENT = """\
id: t1
title: Thử
url: https://example.org
publisher: Báo thử
province: Bến Tre
date: 2022-08-17
text: |
  Năm 2022, 90% cán bộ, công chức sử dụng thành thạo VNPT-iOffice. Ngày 17-8-2022 có 4/4 ấp
  đã thành lập tổ CĐS cộng đồng. Có 12 hộ.
figures:
  - {text: 90%, value: 90, unit: percent, numerator: null, denominator: null, qualifier: null,
     indicator: NLS.03}
  - {text: 4/4, value: 4, unit: ratio, numerator: 4, denominator: 4, qualifier: null,
     indicator: XHS.12}
  - {text: '25', value: 25, unit: count, numerator: null, denominator: null, qualifier: null,
     indicator: null}
"""

FRAMEWORK = """\
pillars:
  - code: P
    indicators:
      - {code: NLS.03, name_vi: "Tỷ lệ CBCC sử dụng thành thạo iOffice", value_type: ratio}
      - {code: XHS.12, name_vi: "Tỷ lệ ấp có tổ công nghệ số cộng đồng", value_type: ratio}
"""


@pytest.fixture
def corpus(tmp_path):
    directory = tmp_path / "corpus"
    directory.mkdir()
    (directory / "t1.yaml").write_text(
        DOCUMENT.replace("'25'", "'12'").replace("value: 25", "value: 12"), encoding="utf-8"
    )
    return directory


def test_it_locates_labels_without_offsets(corpus):
    doc_id, text, labels = load_document(corpus / "t1.yaml")
    assert doc_id == "t1"
    assert [text[label.start : label.end] for label in labels] == ["90%", "4/4", "12"]


def test_it_scores_a_perfect_extraction_and_mapping(corpus, tmp_path):
    framework = tmp_path / "fw.yaml"
    framework.write_text(FRAMEWORK, encoding="utf-8")
    scores = evaluate(corpus, framework)
    assert (scores.precision, scores.recall, scores.mapping_accuracy) == (1.0, 1.0, 1.0)
    assert "precision 1.000, recall 1.000, mapping top-1 1.000" in report(scores)


def test_it_counts_misses_and_false_positives(tmp_path):
    directory = tmp_path / "corpus"
    directory.mkdir()
    # "25 người" is labelled 26: a miss and a false positive; "12 hộ" is not labelled at all.
    (directory / "t1.yaml").write_text(
        DOCUMENT.replace("Có 12 hộ.", "Có 12 hộ, 25 người.").replace("value: 25", "value: 26"),
        encoding="utf-8",
    )
    scores = evaluate(directory, tmp_path / "no-framework.yaml")
    (doc,) = scores.documents
    assert (doc.labels, doc.matched, doc.predicted) == (3, 2, 4)
    assert [m.text for m in doc.misses] == ["25"]
    assert [f.text for f in doc.false_positives] == ["12 hộ", "25 người"]
    assert scores.precision == pytest.approx(2 / 4)
    assert scores.recall == pytest.approx(2 / 3)
    assert "bỏ sót   '25' = 26 count" in report(scores)


def test_it_refuses_a_label_that_is_not_in_the_text(tmp_path):
    directory = tmp_path / "corpus"
    directory.mkdir()
    (directory / "t1.yaml").write_text(DOCUMENT.replace("text: 90%", "text: 91%"), encoding="utf-8")
    with pytest.raises(ValueError, match="91%"):
        evaluate(directory, tmp_path / "none.yaml")


def test_it_builds_a_benchmark_text_of_the_size_asked():
    text = sample_text(50_000)
    assert 50_000 <= len(text) < 51_000
    assert "90%" in text
    assert "\n" in text
