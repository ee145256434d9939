from django.urls import path

from . import views

app_name = "keyfigures"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("nytt/", views.figure_create, name="create"),
    path("importera/", views.value_import, name="import"),
    path("genomforandeplaner/", views.plans, name="plans"),
    path("genomforandeplaner/ny/", views.plan_count_create, name="plan_create"),
    path("<uuid:pk>/", views.figure_detail, name="detail"),
    path("<uuid:pk>/andra/", views.figure_edit, name="edit"),
    path("<uuid:pk>/registrera/", views.value_create, name="value_create"),
]
