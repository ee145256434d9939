from django.urls import path

from . import views

app_name = "lexcases"
urlpatterns = [
    path("", views.lex_list, name="list"),
    path("rapportera/", views.lex_create, name="create"),
    path(
        "fran-avvikelse/<uuid:deviation_pk>/",
        views.lex_create_from_deviation,
        name="create_from_deviation",
    ),
    path(
        "fran-synpunkt/<uuid:feedback_pk>/",
        views.lex_create_from_feedback,
        name="create_from_feedback",
    ),
    path("forsenade/", views.lex_overdue, name="overdue"),
    path("statistik/", views.lex_statistics, name="statistics"),
    path("<uuid:pk>/", views.lex_detail, name="detail"),
    path("<uuid:pk>/andra/", views.lex_edit, name="edit"),
    path("<uuid:pk>/anteckning/", views.lex_add_entry, name="add_entry"),
    path("<uuid:pk>/handelseanalys/", views.lex_add_analysis, name="add_analysis"),
    path("<uuid:pk>/atgard/", views.lex_add_action, name="add_action"),
    path("<uuid:pk>/utredning-klar/", views.lex_complete, name="complete"),
    path("<uuid:pk>/bedom/", views.lex_assess, name="assess"),
    path("<uuid:pk>/anmal-ivo/", views.lex_report_ivo, name="report_ivo"),
    path("<uuid:pk>/ivo-beslut/", views.lex_ivo_decision, name="ivo_decision"),
    path("<uuid:pk>/avsluta/", views.lex_close, name="close"),
    path("<uuid:pk>/avsluta-direkt/", views.lex_close_early, name="close_early"),
    path("<uuid:pk>/ivo-anmalan.docx", views.lex_ivo_docx, name="ivo_docx"),
    path("<uuid:pk>/ivo-anmalan/", views.lex_ivo_print, name="ivo_print"),
]
