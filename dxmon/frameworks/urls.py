from __future__ import annotations

from django.urls import path

from dxmon.frameworks import views

app_name = "frameworks"
urlpatterns = [
    path("", views.framework_list, name="list"),
    path("<slug:code>/<str:version>/", views.version_detail, name="version_detail"),
]
