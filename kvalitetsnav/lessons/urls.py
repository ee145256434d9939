from django.urls import path

from . import views

app_name = "lessons"
urlpatterns = [
    path("", views.lesson_list, name="list"),
    path("ny/", views.lesson_create, name="create"),
    path("<uuid:pk>/", views.lesson_detail, name="detail"),
    path("<uuid:pk>/andra/", views.lesson_edit, name="edit"),
    path("<uuid:pk>/ta-bort/", views.lesson_withdraw, name="withdraw"),
]
