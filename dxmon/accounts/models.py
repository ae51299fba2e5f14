"""Users, each with one role and one scope unit."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dxmon.accounts.choices import Role


class User(AbstractUser):
    """A dxmon user. What they may read and write is decided by ``dxmon.accounts.scope``."""

    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices, default=Role.PUBLIC)
    scope_unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị phạm vi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    organisation = models.CharField(_("cơ quan"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=["admin", "public"]) | Q(scope_unit__isnull=False),
                name="accounts_user_scope_required",
                violation_error_message=_("Vai trò này cần một đơn vị phạm vi."),
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username
