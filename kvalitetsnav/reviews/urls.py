from django.urls import path

from . import views

app_name = "reviews"
urlpatterns = [
    path("", views.review_list, name="list"),
    path("ny/", views.review_create, name="create"),
    path("oversikt/", views.overview, name="overview"),
    path("att-redovisa/", views.overdue, name="overdue"),
    path("iakttagelser/", views.finding_list, name="finding_list"),
    path("staden/", views.city, name="city"),
    path("<uuid:pk>/", views.review_detail, name="detail"),
    path("<uuid:pk>/andra/", views.review_edit, name="edit"),
    path("<uuid:pk>/redovisning.docx", views.account_docx, name="account_docx"),
    path("<uuid:pk>/redovisning-skickad/", views.account_sent, name="account_sent"),
    path("<uuid:pk>/iakttagelse/", views.finding_add, name="finding_add"),
    path("<uuid:pk>/avsluta/", views.review_close, name="close"),
    path("iakttagelse/<uuid:pk>/andra/", views.finding_edit, name="finding_edit"),
    path("iakttagelse/<uuid:pk>/redovisa/", views.finding_respond, name="finding_respond"),
    path("iakttagelse/<uuid:pk>/atgard/", views.finding_action, name="finding_action"),
    path("uppfoljningar/", views.followup_list, name="followup_list"),
    path("uppfoljningar/ny/", views.followup_create, name="followup_create"),
    path("uppfoljningar/<uuid:pk>/", views.followup_detail, name="followup_detail"),
    path("uppfoljningar/<uuid:pk>/resultat/", views.followup_record, name="followup_record"),
    path("uppfoljningar/<uuid:pk>/atgard/", views.followup_action, name="followup_action"),
]
