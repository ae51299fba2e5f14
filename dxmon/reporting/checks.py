"""System check: the tools PDF documents need are installed (STYLE.md, Configuration)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.core.checks import CheckMessage, Warning

SERIF_FONT = "Liberation Serif"


def check_pdf_toolchain(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """Warn when LibreOffice (PDF conversion) or a Times-compatible font is missing."""
    from dxmon.reporting.renderers.pdf import soffice_path

    messages: list[CheckMessage] = []
    if soffice_path() is None:
        messages.append(
            Warning(
                "LibreOffice (soffice) chưa được cài: không xuất được văn bản PDF.",
                hint="Chạy «make setup» hoặc «apt-get install libreoffice-writer-nogui».",
                id="reporting.W001",
            )
        )
    if not _font_installed(SERIF_FONT):
        messages.append(
            Warning(
                "Chưa có phông Liberation Serif (tương thích Times New Roman): "
                "văn bản PDF sẽ sai phông hoặc lỗi dấu tiếng Việt.",
                hint="Chạy «make setup» hoặc «apt-get install fonts-liberation».",
                id="reporting.W002",
            )
        )
    return messages


def _font_installed(family: str) -> bool:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    try:
        result = subprocess.run(
            [fc_list, family], capture_output=True, timeout=10, check=False, text=True
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return bool(result.stdout.strip())
