from django.urls import path

from . import review_views, views

app_name = "inspections"
urlpatterns = [
    path("", views.inspection_list, name="list"),
    path("arshjul/", views.wheel, name="wheel"),
    path("arshjul/planera/", views.plan_create, name="plan_create"),
    path("resultat/", views.results, name="results"),
    path("urval/nytt/", views.sample_create, name="sample_create"),
    path("urval/<uuid:pk>/", views.sample_detail, name="sample_detail"),
    path("granskningar/", review_views.round_list, name="round_list"),
    path("granskningar/ny/", review_views.round_create, name="round_create"),
    path("granskningar/<uuid:pk>/", review_views.round_detail, name="round_detail"),
    path("mallar/", views.template_list, name="template_list"),
    path("mallar/ny/", views.template_create, name="template_create"),
    path("mallar/<uuid:pk>/", views.template_detail, name="template_detail"),
    path("mallar/<uuid:pk>/andra/", views.template_edit, name="template_edit"),
    path("mallar/<uuid:pk>/uppgifter/", review_views.template_details, name="template_details"),
    path("versioner/<uuid:pk>/", views.version_detail, name="version_detail"),
    path("versioner/<uuid:pk>/bygg/", views.version_build, name="version_build"),
    path("versioner/<uuid:pk>/sammanstallning/", views.survey, name="survey"),
    path("avsnitt/<uuid:pk>/ny-fraga/", views.question_add, name="question_add"),
    path("fragor/<uuid:pk>/andra/", views.question_edit, name="question_edit"),
    path("<uuid:pk>/", views.inspection_detail, name="detail"),
    path("<uuid:pk>/svar/<uuid:answer_pk>/atgard/", views.finding_action, name="finding_action"),
]
