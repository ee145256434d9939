from django.urls import path

from . import views

app_name = "actions"
urlpatterns = [
    path("", views.action_list, name="list"),
    path("ny/", views.action_create, name="create"),
    path("oversikt/", views.action_overview, name="overview"),
    path("<uuid:pk>/", views.action_detail, name="detail"),
    path("<uuid:pk>/andra/", views.action_edit, name="edit"),
    path("<uuid:pk>/vidare/", views.action_advance, name="advance"),
    path("<uuid:pk>/utvardera/", views.action_evaluate, name="evaluate"),
    path("<uuid:pk>/avbryt/", views.action_cancel, name="cancel"),
]
