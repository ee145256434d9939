from django.urls import path

from . import training_views, views

app_name = "routines"
urlpatterns = [
    path("", views.home, name="home"),
    path("processer/", views.process_map, name="processes"),
    path("oversikt/", views.overview, name="overview"),
    path("nytt/", views.routine_create, name="create"),
    path("aktivitet/<uuid:pk>/", views.activity_detail, name="activity"),
    path("<uuid:pk>/", views.routine_detail, name="detail"),
    path("<uuid:pk>/andra/", views.routine_edit, name="edit"),
    path("<uuid:pk>/last/", views.routine_confirm, name="confirm"),
    path("<uuid:pk>/ny-version/", views.routine_new_version, name="new_version"),
    path("<uuid:pk>/reviderad/", views.routine_reviewed, name="reviewed"),
    path("<uuid:pk>/lasstatus/", views.read_status, name="read_status"),
    path("utbildning/", training_views.training_overview, name="training"),
    path("utbildning/krav/", training_views.training_requirements, name="training_requirements"),
    path("utbildning/enhet/<uuid:pk>/", training_views.training_unit, name="training_unit"),
    path("hanvisa/<str:label>/<uuid:object_id>/", views.cite, name="cite"),
    path("hanvisning/<uuid:pk>/ta-bort/", views.uncite, name="uncite"),
    path("version/<uuid:pk>/", views.version_detail, name="version"),
    path("version/<uuid:pk>/spara/", views.version_edit, name="version_edit"),
    path("version/<uuid:pk>/skicka/", views.version_submit, name="submit"),
    path("version/<uuid:pk>/tillbaka/", views.version_return, name="return"),
    path("version/<uuid:pk>/godkann/", views.version_approve, name="approve"),
]
