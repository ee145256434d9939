from django.urls import path

from . import views

app_name = "decisions"
urlpatterns = [
    path("", views.decision_list, name="list"),
    path("importera/", views.decision_import, name="import"),
    path("ivo/", views.ivo_report, name="ivo_report"),
    path("ivo/excel/", views.ivo_report_xlsx, name="ivo_report_xlsx"),
    path("ivo/csv/", views.ivo_report_csv, name="ivo_report_csv"),
    path("ivo/rapporterat/", views.ivo_mark_reported, name="ivo_mark_reported"),
    path("statistik/", views.decision_statistics, name="statistics"),
    path("forandringar/", views.change_list, name="changes"),
    path("forandringar/ny/", views.change_create, name="change_create"),
    path("forandringar/<uuid:pk>/", views.change_detail, name="change_detail"),
    path("forandringar/<uuid:pk>/andra/", views.change_edit, name="change_edit"),
    path("<uuid:pk>/", views.decision_detail, name="detail"),
    path("<uuid:pk>/andra/", views.decision_edit, name="edit"),
    path("<uuid:pk>/erbjudande/", views.offer_add, name="offer_add"),
]
