from django.urls import path

from . import views

app_name = "deviations"
urlpatterns = [
    path("", views.deviation_list, name="list"),
    path("rapportera/", views.deviation_report, name="report"),
    path("mina/", views.deviation_mine, name="mine"),
    path("statistik/", views.deviation_statistics, name="statistics"),
    path("<uuid:pk>/", views.deviation_detail, name="detail"),
    path("<uuid:pk>/kvitto/", views.deviation_receipt, name="receipt"),
    path("<uuid:pk>/utred/", views.deviation_start, name="start"),
    path("<uuid:pk>/analys/", views.deviation_analysis, name="analysis"),
    path("<uuid:pk>/atgardad/", views.deviation_remedied, name="remedied"),
    path("<uuid:pk>/aterkoppling/", views.deviation_feedback, name="feedback"),
    path("<uuid:pk>/avsluta/", views.deviation_close, name="close"),
    path("<uuid:pk>/ny-atgard/", views.deviation_create_action, name="create_action"),
]
