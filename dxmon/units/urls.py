from __future__ import annotations

from django.urls import URLPattern, path

from dxmon.units import views

app_name = "units"
urlpatterns: list[URLPattern] = [
    path("", views.unit_search, name="search"),
    path("<int:pk>/", views.unit_detail, name="detail"),
    path("<int:pk>/hamlets/add/", views.hamlet_add, name="hamlet_add"),
    path("<int:pk>/hamlets/import/", views.hamlet_import, name="hamlet_import"),
    path("<int:pk>/hamlets/template.csv", views.hamlet_template, name="hamlet_template"),
]
