from __future__ import annotations

from django.urls import path

from dxmon.dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("", views.index, name="index"),
    path("province/<int:pk>/", views.province, name="province"),
    path("unit/<int:pk>/", views.unit, name="unit"),
    path("scorecard/", views.scorecard, name="scorecard"),
    path("indicator/<str:code>/", views.indicator, name="indicator"),
    path("compare/", views.compare, name="compare"),
    path("units/search/", views.unit_search, name="unit_search"),
]
