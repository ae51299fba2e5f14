"""PDF renderer: the DOCX of ``renderers.docx`` converted by LibreOffice headless.

One conversion per call, each with its own throw-away LibreOffice profile
(``-env:UserInstallation``) so that concurrent conversions do not lock each other out. Times New
Roman is replaced by the metric-compatible Liberation Serif (Debian ``fonts-liberation``), so
line breaks match Word's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

from dxmon.reporting.contexts import OfficialDocument, RenderResult
from dxmon.reporting.errors import RenderError
from dxmon.reporting.renderers import docx

CONTENT_TYPE = "application/pdf"
TIMEOUT_SECONDS = 120
SOFFICE_NAMES = ("soffice", "libreoffice")


def soffice_path() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    for name in SOFFICE_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


def render(context: OfficialDocument) -> RenderResult:
    """Render ``context`` to PDF: ``(filename, content_type, bytes)``."""
    _name, _type, content = docx.render(context)
    return f"{context.filename_stem}.pdf", CONTENT_TYPE, docx_to_pdf(content)


def docx_to_pdf(content: bytes, *, timeout: int = TIMEOUT_SECONDS) -> bytes:
    """Convert DOCX bytes to PDF bytes with LibreOffice headless."""
    soffice = soffice_path()
    if soffice is None:
        raise RenderError(
            _(
                "Không tạo được PDF: máy chủ chưa cài LibreOffice (lệnh soffice). "
                "Hãy chạy «make setup» hoặc «apt-get install libreoffice-writer-nogui»."
            )
        )
    with tempfile.TemporaryDirectory(prefix="dxmon-pdf-") as tmp:
        workdir = Path(tmp)
        source = workdir / "document.docx"
        source.write_bytes(content)
        profile = (workdir / "profile").as_uri()
        command = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(workdir),
            str(source),
        ]
        try:
            completed = subprocess.run(
                command,
                capture_output=True,
                timeout=timeout,
                check=False,
                cwd=workdir,
                env=_environment(workdir),
            )
        except subprocess.TimeoutExpired:
            raise RenderError(
                _("Không tạo được PDF: LibreOffice không trả lời sau %(seconds)d giây.")
                % {"seconds": timeout}
            ) from None
        target = workdir / "document.pdf"
        if completed.returncode != 0 or not target.exists():
            detail = (completed.stderr or completed.stdout).decode("utf-8", "replace").strip()
            raise RenderError(
                _("Không tạo được PDF: LibreOffice báo lỗi (mã %(code)d). %(detail)s")
                % {"code": completed.returncode, "detail": detail[-500:]}
            )
        return target.read_bytes()


def _environment(workdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    # LibreOffice writes caches under HOME; keep them in the throw-away directory.
    env["HOME"] = str(workdir)
    return env
