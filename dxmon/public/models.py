"""Publication: the act that makes a scoring run's results public (kept as data, never deleted)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dxmon.public.choices import Licence


class Publication(models.Model):
    """A scoring run made public by the provincial office, until it is withdrawn.

    Only runs computed from approved data can be published (checked by the service); the public
    site reads scores of runs with an active publication and values of approved reports of the
    units those runs scored.
    """

    run = models.ForeignKey(
        "scoring.ScoringRun",
        verbose_name=_("lần tính điểm"),
        on_delete=models.PROTECT,
        related_name="publications",
    )
    published_at = models.DateTimeField(_("thời điểm công bố"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người công bố"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("ghi chú"), blank=True)
    licence = models.CharField(
        _("giấy phép"), max_length=20, choices=Licence.choices, default=Licence.CC_BY_4
    )
    withdrawn_at = models.DateTimeField(_("thời điểm rút lại"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người rút lại"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawal_reason = models.TextField(_("lý do rút lại"), blank=True)

    class Meta:
        verbose_name = _("công bố")
        verbose_name_plural = _("công bố")
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["run"],
                condition=Q(withdrawn_at__isnull=True),
                name="public_publication_one_active_per_run",
                violation_error_message=_("Lần tính điểm này đã được công bố."),
            ),
        ]
        indexes = [models.Index(fields=["withdrawn_at", "run"], name="public_pub_active")]

    def __str__(self) -> str:
        return f"{self.run} @ {self.published_at:%Y-%m-%d}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None
