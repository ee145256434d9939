from django.urls import path

from . import views

app_name = "qualityreport"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("ny/", views.report_create, name="create"),
    path("<uuid:pk>/", views.report_detail, name="detail"),
    path("<uuid:pk>/utskrift/", views.report_print, name="print"),
    path("<uuid:pk>/word/", views.report_docx, name="docx"),
    path("<uuid:pk>/hamta-siffror/", views.report_regenerate, name="regenerate"),
    path("<uuid:pk>/godkann/", views.report_approve, name="approve"),
    path("avsnitt/<uuid:pk>/", views.section_detail, name="section"),
    path("avsnitt/<uuid:pk>/skribent/", views.section_assign, name="assign"),
    path("avsnitt/<uuid:pk>/granska/", views.section_review, name="review"),
]
