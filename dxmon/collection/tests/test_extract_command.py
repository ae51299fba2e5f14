"""``dxmon extract FILE [--framework CODE] [--json]`` on the example article."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from dxmon.extract.mapping import RECORD_KEYS

# The demo keeps its own copy of the example article, so the test needs nothing outside the repo.
ARTICLE = Path(__file__).resolve().parents[2] / "demo" / "data" / "tan-hoi-2022-08-17.txt"


@pytest.fixture
def article() -> Path:
    return ARTICLE


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("extract", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_prints_a_vietnamese_table_and_a_summary(article):
    out, _ = run(str(article))
    assert "Số liệu" in out
    assert "trên 79%" in out
    assert "4/4 ấp" in out
    assert out.strip().endswith(f"11 số liệu trong {ARTICLE.name}, 0 gắn được với chỉ số.")


@pytest.mark.django_db
def test_it_prints_json_mapped_to_the_default_framework(article):
    from dxmon.frameworks.services import DEFAULT_FRAMEWORK_PATH, framework_load

    version = framework_load(path=DEFAULT_FRAMEWORK_PATH)
    out, err = run(str(article), "--framework", version.framework.code, "--json")
    records = json.loads(out)
    assert all(tuple(r) == RECORD_KEYS for r in records)
    text = article.read_text(encoding="utf-8")
    for r in records:
        assert text[r["start"] : r["end"]] == r["text"]
    by_text = {(r["text"], r["start"]): r for r in records}
    over_79 = next(r for (t, _), r in by_text.items() if t == "trên 79%")
    assert (over_79["value"], over_79["unit"], over_79["qualifier"]) == (79, "percent", "trên")
    assert over_79["indicator"] == "CQS.07"
    ratio = next(r for (t, _), r in by_text.items() if t == "4/4 ấp")
    assert (ratio["unit"], ratio["numerator"], ratio["denominator"]) == ("ratio", 4, 4)
    assert ratio["indicator"] == "XHS.12"
    assert 0 < ratio["confidence"] <= 1
    assert "gắn được với chỉ số" in err


@pytest.mark.django_db
def test_it_refuses_a_framework_that_is_not_loaded(article):
    with pytest.raises(CommandError, match="chưa được nạp"):
        run(str(article), "--framework", "khong-co")


def test_it_refuses_a_file_it_cannot_read(tmp_path):
    with pytest.raises(CommandError, match="Không tìm thấy"):
        run(str(tmp_path / "missing.docx"))
