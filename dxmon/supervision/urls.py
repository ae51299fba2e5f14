from __future__ import annotations

from django.urls import path

from dxmon.supervision import views

app_name = "supervision"

urlpatterns = [
    path("", views.mission_list, name="mission_list"),
    path("new/", views.mission_create, name="mission_create"),
    path("<int:pk>/", views.mission_detail, name="mission_detail"),
    path("<int:pk>/edit/", views.mission_edit, name="mission_edit"),
    path("<int:pk>/move/<str:move>/", views.mission_move, name="mission_move"),
    path("<int:pk>/visits/", views.visit_create, name="visit_create"),
    path("<int:pk>/findings/", views.finding_create, name="finding_create"),
    path("<int:pk>/recommendations/", views.recommendation_create, name="recommendation_create"),
    path("<int:pk>/<str:doc>.<str:fmt>", views.mission_document, name="mission_document"),
    path("visits/<int:pk>/", views.visit_detail, name="visit_detail"),
    path("visits/<int:pk>/brief.<str:fmt>", views.visit_brief_download, name="visit_brief"),
    path("recommendations/<int:pk>/", views.recommendation_detail, name="recommendation_detail"),
    path("commune/", views.commune_recommendations, name="commune"),
]
