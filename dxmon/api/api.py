"""The API root: one django-ninja instance; each app adds its router in ``<app>/api.py``."""

from __future__ import annotations

from ninja import NinjaAPI

api = NinjaAPI(
    title="dxmon API",
    version="1",
    description="API của dxmon: đơn vị hành chính, bộ chỉ số, báo cáo, chỉ số tổng hợp, giám sát.",
    urls_namespace="api",
)
