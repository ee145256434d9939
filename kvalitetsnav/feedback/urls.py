from django.urls import path

from . import views

app_name = "feedback"
urlpatterns = [
    path("", views.feedback_list, name="list"),
    path("ny/", views.feedback_register, name="register"),
    path("statistik/", views.feedback_statistics, name="statistics"),
    path("trender/", views.feedback_trends, name="trends"),
    path("<uuid:pk>/", views.feedback_detail, name="detail"),
    path("<uuid:pk>/fordela/", views.feedback_triage, name="triage"),
    path("<uuid:pk>/utredning/", views.feedback_investigate, name="investigate"),
    path("<uuid:pk>/aterkoppling/", views.feedback_reply, name="reply"),
    path("<uuid:pk>/avsluta/", views.feedback_close, name="close"),
    path("<uuid:pk>/atgard/", views.feedback_action, name="action"),
]
