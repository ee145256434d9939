from django.urls import path

from . import review_views, views

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
    path("ledningens-genomgang/", review_views.review_list, name="review_list"),
    path("ledningens-genomgang/ny/", review_views.review_create, name="review_create"),
    path("ledningens-genomgang/<uuid:pk>/", review_views.review_detail, name="review_detail"),
    path(
        "ledningens-genomgang/<uuid:pk>/beslut/", review_views.review_decide, name="review_decide"
    ),
]
