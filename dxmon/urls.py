"""URL configuration: pages per app, the API under /api/, the admin under /admin/."""

from __future__ import annotations

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from dxmon.api.api import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("dxmon.web.urls")),
    path("accounts/", include("dxmon.accounts.urls")),
    path("units/", include("dxmon.units.urls")),
    path("frameworks/", include("dxmon.frameworks.urls")),
    path("jobs/", include("dxmon.jobs.urls")),
    path("supervision/", include("dxmon.supervision.urls")),
    path("scoring/", include("dxmon.scoring.urls")),
    path("reports/", include("dxmon.collection.urls")),
    path("dashboards/", include("dxmon.dashboards.urls")),
    path("public/", include("dxmon.public.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
