from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("mina-uppgifter/", views.my_tasks, name="my_tasks"),
    path("organisation/", views.org_tree, name="org_tree"),
    path("organisation/byt/", views.switch_node, name="switch_node"),
    path(
        "bilagor/<int:content_type_id>/<str:object_id>/ladda-upp/",
        views.attachment_upload,
        name="attachment_upload",
    ),
    path("bilagor/<uuid:pk>/", views.attachment_download, name="attachment_download"),
    path("bilagor/<uuid:pk>/ta-bort/", views.attachment_delete, name="attachment_delete"),
]
