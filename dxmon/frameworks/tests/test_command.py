"""The `framework` management command: check, load and list, with exit codes."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dxmon.frameworks.models import FrameworkVersion, Indicator
from dxmon.frameworks.services import DEFAULT_FRAMEWORK_PATH
from dxmon.frameworks.tests.conftest import DATA


def _run(*args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("framework", *args, stdout=out, stderr=err)
    except CommandError as exc:
        err.write(str(exc))
        return exc.returncode, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_it_says_valid_for_the_default_file():
    code, out, _err = _run("check", str(DEFAULT_FRAMEWORK_PATH))
    assert code == 0
    assert out.startswith("Hợp lệ: 83 chỉ số")


def test_it_prints_every_error_and_exits_1_for_the_broken_file():
    code, _out, err = _run("check", str(DATA / "broken.yaml"))
    assert code == 1
    assert "indicators[0].group (dòng 41): " in err
    assert "pillars[0].groups[0].indicators[1].aggregation (dòng 30): " in err
    assert "5 lỗi" in err


def test_it_exits_1_from_the_console_script_on_errors(capsys):
    from django.core.management import ManagementUtility

    utility = ManagementUtility(["dxmon", "framework", "check", str(DATA / "broken.yaml")])
    with pytest.raises(SystemExit) as caught:
        utility.execute()
    assert caught.value.code == 1
    assert "dòng 27" in capsys.readouterr().err


@pytest.mark.django_db
def test_it_loads_then_reports_no_change_and_lists():
    code, out, _ = _run("load", str(DATA / "mini.yaml"))
    assert code == 0
    assert out.startswith("Đã nạp mini 1.0: 4 chỉ số")
    code, out, _ = _run("load", str(DATA / "mini.yaml"))
    assert code == 0
    assert out.startswith("Không thay đổi")
    assert FrameworkVersion.objects.count() == 1
    code, out, _ = _run("list")
    assert code == 0
    assert "mini\t1.0\t2022–2025\t4\t" in out


@pytest.mark.django_db
def test_it_writes_nothing_and_exits_1_when_loading_a_broken_file():
    code, _out, err = _run("load", str(DATA / "broken.yaml"))
    assert code == 1
    assert "dòng 41" in err
    assert Indicator.objects.count() == 0
