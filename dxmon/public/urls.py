from __future__ import annotations

from django.urls import path

from dxmon.public import views

app_name = "public"
urlpatterns = [
    path("", views.landing, name="landing"),
    path("rankings/national/<str:period>/", views.national_ranking, name="national"),
    path("rankings/<str:province_code>/<str:period>/", views.ranking, name="ranking"),
    path("units/<int:unit_pk>/", views.unit_profile, name="unit"),
    path("methodology/", views.methodology, name="methodology"),
    path("data/", views.data, name="data"),
    path("data/dictionary.json", views.dictionary_json, name="dictionary"),
    path("data/<str:period>/<str:dataset>.<str:fmt>", views.download, name="download"),
]
