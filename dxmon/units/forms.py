"""Forms for the unit pages: unit search, adding a hamlet, importing hamlets from CSV."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dxmon.units.services import HAMLET_KINDS

CSV_MAX_KB = 512


class UnitSearchForm(forms.Form):
    """``?q=`` (diacritics optional) and ``?on=`` (the day the units existed; today if blank)."""

    q = forms.CharField(
        label=_("Tên đơn vị"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"class": "form-control", "type": "search", "placeholder": _("vd. mo cay")}
        ),
    )
    on = forms.DateField(
        label=_("Vào ngày"),
        required=False,
        error_messages={"invalid": _("Ngày không hợp lệ.")},
        widget=forms.DateInput(attrs={"class": "form-control", "type": "date"}),
    )

    def clean_on(self) -> datetime.date:
        return self.cleaned_data.get("on") or datetime.date.today()


class HamletForm(forms.Form):
    """A new hamlet of a commune: its name and kind (the code is generated)."""

    name = forms.CharField(
        label=_("Tên thôn, ấp"),
        max_length=200,
        error_messages={
            "required": _("Cần nhập tên thôn, ấp."),
            "max_length": _("Tên dài quá %(limit_value)d ký tự."),
        },
        widget=forms.TextInput(attrs={"class": "form-control", "placeholder": _("vd. Ấp Phú Hội")}),
    )
    kind = forms.ChoiceField(
        label=_("Loại"),
        choices=[(kind.value, kind.label) for kind in HAMLET_KINDS],
        error_messages={
            "required": _("Cần chọn loại."),
            "invalid_choice": _("Loại “%(value)s” không hợp lệ."),
        },
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise ValidationError(_("Cần nhập tên thôn, ấp."))
        return name


class HamletImportForm(forms.Form):
    """A CSV file of hamlets (code, name, kind); blank on "Nhập" after a dry run of it."""

    upload = forms.FileField(label=_("Tệp CSV"), required=False)

    def clean_upload(self) -> Any:
        upload = self.cleaned_data.get("upload")
        if upload is None:
            return None
        if upload.size > CSV_MAX_KB * 1024:
            raise ValidationError(_("Tệp lớn hơn %(size)d KB."), params={"size": CSV_MAX_KB})
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValidationError(
                _("Tệp không phải CSV mã hoá UTF-8; hãy lưu lại dưới dạng “CSV UTF-8”.")
            ) from exc
