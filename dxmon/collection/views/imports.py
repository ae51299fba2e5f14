"""The import page: upload a file, dry-run it, then import it (or follow its background job)."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dxmon.accounts.scope import Action, role_required
from dxmon.collection.forms import IMPORT_MAX_MB, ImportForm
from dxmon.collection.imports import get_format
from dxmon.collection.services.imports import UNCHANGED, ImportResult, data_import_start
from dxmon.jobs.models import Job

SESSION_KEY = "dxmon_import_pending"


def _stash(request: HttpRequest, data: bytes, fmt: str, filename: str) -> str:
    """Keep a dry-run file so that "Nhập dữ liệu" does not need it uploaded again."""
    token = uuid.uuid4().hex
    extension = get_format(fmt).extension
    path = default_storage.save(f"imports/pending/{token}.{extension}", ContentFile(data))
    pending = request.session.get(SESSION_KEY, {})
    pending[token] = {"path": path, "fmt": fmt, "filename": filename}
    request.session[SESSION_KEY] = pending
    return token


def _unstash(request: HttpRequest, token: str) -> tuple[bytes, str, str] | None:
    """The stashed file of ``token``, only for the session that stashed it."""
    pending = request.session.get(SESSION_KEY, {})
    item = pending.pop(token, None)
    request.session[SESSION_KEY] = pending
    if item is None or not default_storage.exists(item["path"]):
        return None
    with default_storage.open(item["path"], "rb") as handle:
        data = handle.read()
    default_storage.delete(item["path"])
    return data, item["fmt"], item["filename"]


def _read(request: HttpRequest, form: ImportForm) -> tuple[bytes, str, str] | None:
    upload = form.cleaned_data.get("upload")
    if upload is not None:
        return upload.read(), form.cleaned_data["fmt"], upload.name
    return _unstash(request, form.cleaned_data["token"])


@require_http_methods(["GET", "POST"])
@role_required(action=Action.CHANGE)
def data_import(request: HttpRequest) -> HttpResponse:
    """Dry run ("Kiểm tra thử") or import ("Nhập dữ liệu"), all or nothing."""
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form, "max_mb": IMPORT_MAX_MB}
    if request.method == "POST" and form.is_valid():
        read = _read(request, form)
        if read is None:
            form.add_error(None, _("Tệp đã kiểm tra thử không còn; hãy chọn lại tệp."))
        else:
            data, fmt, filename = read
            dry_run = request.POST.get("action") != "import"
            outcome = data_import_start(
                user=request.user, data=data, fmt=fmt, dry_run=dry_run, filename=filename
            )
            if isinstance(outcome, Job):
                return redirect("jobs:detail", job_id=outcome.pk)
            context.update(_result_context(outcome, filename, fmt))
            if dry_run and outcome.ok and (outcome.created or outcome.updated):
                context["token"] = _stash(request, data, fmt, filename)
    status = 422 if request.method == "POST" and context.get("errors") else 200
    partial = getattr(request, "htmx", False)
    template = "collection/partials/import_result.html" if partial else "collection/import.html"
    return render(request, template, context, status=status)


def _result_context(result: ImportResult, filename: str, fmt: str) -> dict[str, Any]:
    return {
        "result": result,
        "filename": filename,
        "fmt": fmt,
        "errors": result.errors,
        "changes": [change for change in result.changes if change.action != UNCHANGED],
    }
