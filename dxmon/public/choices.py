"""Choices for publication."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Licence(models.TextChoices):
    CC_BY_4 = "CC-BY-4.0", _("Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)")
    CC0 = "CC0-1.0", _("Creative Commons Không bảo lưu (CC0 1.0)")


LICENCE_URLS: dict[str, str] = {
    Licence.CC_BY_4: "https://creativecommons.org/licenses/by/4.0/deed.vi",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/deed.vi",
}
