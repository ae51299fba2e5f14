"""Data from other systems: the mapping profiles and the import page (dry run, then import)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from dxmon.accounts.scope import Action, role_required
from dxmon.collection.forms import IMPORT_MAX_MB, ProfileForm, SystemImportForm
from dxmon.collection.models import MappingProfile
from dxmon.collection.services.imports import UNCHANGED
from dxmon.collection.services.system import SystemDataError, profile_list, profile_save
from dxmon.collection.services.system import system_import as system_import_service
from dxmon.collection.views.imports import _stash, _unstash


@require_GET
@role_required(action=Action.ADMIN)
def profiles(request: HttpRequest) -> HttpResponse:
    """The mapping profiles of the user's province."""
    items = profile_list(user=request.user).order_by("name")
    return render(request, "collection/system_profiles.html", {"profiles": items})


@require_http_methods(["GET", "POST"])
@role_required(action=Action.ADMIN)
def profile_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Create a profile, or change the profile ``pk``."""
    profile: MappingProfile | None = None
    if pk is not None:
        profile = profile_list(user=request.user).filter(pk=pk).first()
        if profile is None:
            raise Http404
    initial = ProfileForm.initial_for(profile) if profile is not None else None
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            profile_save(user=request.user, profile=profile, **form.cleaned_data)
        except SystemDataError as exc:
            for error in exc.errors:
                form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu cấu hình."))
            return redirect("collection:system_profiles")
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "profile": profile}
    return render(request, "collection/system_profile_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@role_required(action=Action.ADMIN)
def system_import(request: HttpRequest) -> HttpResponse:
    """Dry run ("Kiểm tra thử") or import ("Nhập dữ liệu") a system export, all or nothing."""
    choices = profile_list(user=request.user).order_by("name")
    form = SystemImportForm(request.POST or None, request.FILES or None, profiles=choices)
    context: dict[str, Any] = {"form": form, "max_mb": IMPORT_MAX_MB, "has_profiles": choices}
    if request.method == "POST" and form.is_valid():
        profile: MappingProfile = form.cleaned_data["profile"]
        upload = form.cleaned_data.get("upload")
        read = (
            (upload.read(), profile.file_format, upload.name)
            if upload is not None
            else _unstash(request, form.cleaned_data["token"])
        )
        if read is None:
            form.add_error(None, _("Tệp đã kiểm tra thử không còn; hãy chọn lại tệp."))
        else:
            data, _fmt, filename = read
            dry_run = request.POST.get("action") != "import"
            result = system_import_service(
                user=request.user, profile=profile, data=data, dry_run=dry_run, filename=filename
            )
            context.update(
                result=result,
                filename=filename,
                profile=profile,
                errors=result.errors,
                changes=[c for c in result.changes if c.action != UNCHANGED],
            )
            if dry_run and result.ok and (result.created or result.updated):
                context["token"] = _stash(request, data, profile.file_format, filename)
    status = 422 if request.method == "POST" and (context.get("errors") or form.errors) else 200
    partial = getattr(request, "htmx", False)
    template = (
        "collection/partials/system_import_result.html"
        if partial
        else "collection/system_import.html"
    )
    return render(request, template, context, status=status)
