from __future__ import annotations

from django.urls import path

from dxmon.scoring import views

app_name = "scoring"
urlpatterns = [
    path("methodology/", views.methodology, name="methodology"),
]
