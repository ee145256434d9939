from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("logga-in/", views.login, name="login"),
    path("logga-ut/", views.logout, name="logout"),
]
