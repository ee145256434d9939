from django.urls import path

from . import views

app_name = "risks"
urlpatterns = [
    path("", views.analysis_list, name="analysis_list"),
    path("ny/", views.analysis_create, name="analysis_create"),
    path("karta/", views.heatmap, name="heatmap"),
    path("alla/", views.risk_list, name="risk_list"),
    path("<uuid:pk>/", views.analysis_detail, name="analysis_detail"),
    path("<uuid:pk>/andra/", views.analysis_edit, name="analysis_edit"),
    path("<uuid:pk>/faststall/", views.analysis_sign_off, name="analysis_sign_off"),
    path("<uuid:pk>/revidera/", views.analysis_revise, name="analysis_revise"),
    path("<uuid:pk>/ny-risk/", views.risk_create, name="risk_create"),
    path("risk/<uuid:pk>/", views.risk_detail, name="risk_detail"),
    path("risk/<uuid:pk>/andra/", views.risk_edit, name="risk_edit"),
    path("risk/<uuid:pk>/atgard/", views.risk_action, name="risk_action"),
]
