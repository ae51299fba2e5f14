"""Administrative units with their validity in time, and the lineage between structures."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dxmon.units.choices import Kind, Level, LineageKind, Structure, WeightBasis

# The two-level government started on 1 July 2025 (Luật Tổ chức chính quyền địa phương 2025).
STRUCTURE_2025_START = datetime.date(2025, 7, 1)
STRUCTURE_2022_END = datetime.date(2025, 6, 30)


class UnitQuerySet(models.QuerySet["Unit"]):
    def valid_on(self, day: datetime.date) -> UnitQuerySet:
        """Units that existed on ``day``."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )

    def descendants_of(self, unit: Unit, *, include_self: bool = True) -> UnitQuerySet:
        qs = self.filter(path__startswith=unit.path)
        return qs if include_self else qs.exclude(pk=unit.pk)


class Unit(models.Model):
    """An administrative unit (province, district, commune or hamlet) during its validity.

    A unit is identified by its official code *and* its validity: since 1 July 2025 most new
    communes reuse the code of one of the old ones, so the same code can name two units.
    """

    code = models.CharField(_("mã"), max_length=20, db_index=True)
    name = models.CharField(_("tên"), max_length=200)
    short_name = models.CharField(_("tên ngắn"), max_length=200, blank=True)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    level = models.PositiveSmallIntegerField(_("cấp"), choices=Level.choices)
    structure = models.CharField(_("cơ cấu"), max_length=4, choices=Structure.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    latitude = models.FloatField(_("vĩ độ"), null=True, blank=True)
    longitude = models.FloatField(_("kinh độ"), null=True, blank=True)
    area_km2 = models.FloatField(_("diện tích (km²)"), null=True, blank=True)
    # Materialised path of primary keys ("/12/345/6789/") so a subtree is one indexed prefix query.
    path = models.CharField(max_length=100, db_index=True, editable=False, default="")
    # Lower-case name without diacritics, for search that tolerates missing accents.
    search_key = models.CharField(max_length=200, db_index=True, editable=False, default="")

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["structure", "level", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["structure", "level", "code"],
                name="units_unit_unique_code_per_structure",
                violation_error_message=_("Mã đơn vị đã tồn tại trong cơ cấu này."),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="units_unit_valid_range",
                violation_error_message=_("Ngày hết hiệu lực phải sau ngày bắt đầu."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def is_valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class Lineage(models.Model):
    """A predecessor → successor edge between units of two structures (merge, split, rename, …).

    ``weight`` is the share of the predecessor that went to the successor; the weights of a
    predecessor's edges sum to 1.
    """

    predecessor = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="successor_links")
    successor = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="predecessor_links")
    date = models.DateField(_("ngày hiệu lực"))
    kind = models.CharField(_("loại"), max_length=10, choices=LineageKind.choices)
    weight = models.FloatField(_("trọng số"), default=1.0)
    weight_basis = models.CharField(
        _("cơ sở trọng số"), max_length=10, choices=WeightBasis.choices, default=WeightBasis.WHOLE
    )

    class Meta:
        verbose_name = _("quan hệ kế thừa")
        verbose_name_plural = _("quan hệ kế thừa")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"],
                name="units_lineage_unique_edge",
                violation_error_message=_("Quan hệ kế thừa này đã có."),
            ),
            models.CheckConstraint(
                condition=Q(weight__gt=0) & Q(weight__lte=1),
                name="units_lineage_weight_range",
                violation_error_message=_("Trọng số phải lớn hơn 0 và không quá 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.weight:.3f})"
