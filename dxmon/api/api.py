"""The API root: one django-ninja instance; each app adds its router in ``<app>/api.py``."""

from __future__ import annotations

from ninja import NinjaAPI

from dxmon.accounts.api import router as accounts_router
from dxmon.collection.api import router as collection_router
from dxmon.frameworks.api import router as frameworks_router
from dxmon.public.api import router as public_router
from dxmon.supervision.api import router as supervision_router
from dxmon.units.api import router as units_router

api = NinjaAPI(
    title="dxmon API",
    version="1",
    description="API của dxmon: đơn vị hành chính, bộ chỉ số, báo cáo, chỉ số tổng hợp, giám sát.",
    urls_namespace="api",
)

api.add_router("/units", units_router)
api.add_router("/frameworks", frameworks_router)
api.add_router("/accounts", accounts_router)
api.add_router("/collection", collection_router)
api.add_router("/supervision", supervision_router)
api.add_router("/public", public_router)
