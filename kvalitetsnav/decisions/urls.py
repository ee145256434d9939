from django.urls import path

from . import views, views_imports

app_name = "decisions"
urlpatterns = [
    path("", views.decision_list, name="list"),
    path("importera/", views_imports.decision_import, name="import"),
    path("importera/<uuid:pk>/", views_imports.import_job, name="import_job"),
    path(
        "importera/<uuid:pk>/starta-om/",
        views_imports.import_job_restart,
        name="import_job_restart",
    ),
    path("mappningar/", views_imports.mapping_list, name="mappings"),
    path("mappningar/ny/", views_imports.mapping_create, name="mapping_create"),
    path("mappningar/<uuid:pk>/", views_imports.mapping_edit, name="mapping_edit"),
    path("ivo/", views.ivo_report, name="ivo_report"),
    path("ivo/excel/", views.ivo_report_xlsx, name="ivo_report_xlsx"),
    path("ivo/csv/", views.ivo_report_csv, name="ivo_report_csv"),
    path("ivo/rapporterat/", views.ivo_mark_reported, name="ivo_mark_reported"),
    path("statistik/", views.decision_statistics, name="statistics"),
    path("forandringar/", views.change_list, name="changes"),
    path("forandringar/ny/", views.change_create, name="change_create"),
    path("forandringar/<uuid:pk>/", views.change_detail, name="change_detail"),
    path("forandringar/<uuid:pk>/andra/", views.change_edit, name="change_edit"),
    path("ny/", views.decision_create, name="create"),
    path("<uuid:pk>/", views.decision_detail, name="detail"),
    path("<uuid:pk>/andra/", views.decision_edit, name="edit"),
    path("<uuid:pk>/erbjudande/", views.offer_add, name="offer_add"),
]
