"""``dxmon supervision list --json`` and ``dxmon supervision report``."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from dxmon.supervision.tests.conftest import docx_text


def test_it_lists_missions_as_json(mission):
    out = io.StringIO()
    call_command("supervision", "list", "--json", stdout=out)
    [row] = json.loads(out.getvalue())
    assert row["id"] == mission.pk
    assert row["title"] == mission.topic
    assert (row["start_date"], row["end_date"]) == ("2022-08-17", "2022-08-17")
    assert row["units"] == [{"code": "28940", "name": "Xã Tân Hội", "date": "2022-08-17"}]


def test_it_lists_only_what_the_named_user_sees(mission, outsider):
    out = io.StringIO()
    call_command("supervision", "list", "--json", "--user", outsider.username, stdout=out)
    assert json.loads(out.getvalue()) == []


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_it_writes_the_report(mission, tmp_path, fmt):
    target = tmp_path / f"bao-cao.{fmt}"
    out = io.StringIO()
    call_command(
        "supervision", "report", str(mission.pk), "--format", fmt, "--out", str(target), stdout=out
    )
    content = target.read_bytes()
    assert "Đã ghi" in out.getvalue()
    if fmt == "pdf":
        assert content.startswith(b"%PDF")
    else:
        assert "IV. KIẾN NGHỊ" in docx_text(content)


def test_it_says_when_the_mission_is_unknown(db, tmp_path):
    with pytest.raises(CommandError, match="#999"):
        call_command(
            "supervision", "report", "999", "--format", "docx", "--out", str(tmp_path / "x")
        )
