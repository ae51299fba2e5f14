from __future__ import annotations

from django.urls import path

from dxmon.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("communes/<int:pk>/", views.commune, name="commune"),
]
