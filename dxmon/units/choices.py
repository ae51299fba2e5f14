"""Choices for administrative units."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Structure(models.TextChoices):
    """The administrative structure a unit belongs to."""

    Y2022 = "2022", _("Ba cấp (đến 30/6/2025)")
    Y2025 = "2025", _("Hai cấp (từ 1/7/2025)")


class Level(models.IntegerChoices):
    PROVINCE = 1, _("Cấp tỉnh")
    DISTRICT = 2, _("Cấp huyện")
    COMMUNE = 3, _("Cấp xã")
    HAMLET = 4, _("Thôn, ấp, tổ dân phố")


class Kind(models.TextChoices):
    PROVINCE = "tinh", _("Tỉnh")
    CENTRAL_CITY = "thanh_pho_tw", _("Thành phố trực thuộc Trung ương")
    RURAL_DISTRICT = "huyen", _("Huyện")
    URBAN_DISTRICT = "quan", _("Quận")
    TOWN = "thi_xa", _("Thị xã")
    PROVINCIAL_CITY = "thanh_pho", _("Thành phố thuộc tỉnh")
    COMMUNE = "xa", _("Xã")
    WARD = "phuong", _("Phường")
    TOWNSHIP = "thi_tran", _("Thị trấn")
    SPECIAL_ZONE = "dac_khu", _("Đặc khu")
    HAMLET_AP = "ap", _("Ấp")
    HAMLET_THON = "thon", _("Thôn")
    QUARTER = "to_dan_pho", _("Tổ dân phố")
    KHOM = "khom", _("Khóm")
    VILLAGE_BAN = "ban", _("Bản")


KIND_LEVEL: dict[str, int] = {
    Kind.PROVINCE: Level.PROVINCE,
    Kind.CENTRAL_CITY: Level.PROVINCE,
    Kind.RURAL_DISTRICT: Level.DISTRICT,
    Kind.URBAN_DISTRICT: Level.DISTRICT,
    Kind.TOWN: Level.DISTRICT,
    Kind.PROVINCIAL_CITY: Level.DISTRICT,
    Kind.COMMUNE: Level.COMMUNE,
    Kind.WARD: Level.COMMUNE,
    Kind.TOWNSHIP: Level.COMMUNE,
    Kind.SPECIAL_ZONE: Level.COMMUNE,
    Kind.HAMLET_AP: Level.HAMLET,
    Kind.HAMLET_THON: Level.HAMLET,
    Kind.QUARTER: Level.HAMLET,
    Kind.KHOM: Level.HAMLET,
    Kind.VILLAGE_BAN: Level.HAMLET,
}


class LineageKind(models.TextChoices):
    MERGE = "merge", _("Sáp nhập")
    SPLIT = "split", _("Chia tách")
    RENAME = "rename", _("Đổi tên")
    REPARENT = "reparent", _("Chuyển đơn vị cấp trên")


class WeightBasis(models.TextChoices):
    WHOLE = "whole", _("Toàn bộ đơn vị")
    AREA = "area", _("Theo diện tích")
    EQUAL = "equal", _("Chia đều (chưa có số liệu diện tích)")
