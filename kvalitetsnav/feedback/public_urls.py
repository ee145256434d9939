"""/lamna-synpunkt/: the open form, the receipt and the sender's own case page (no login)."""

from django.urls import path, register_converter

from . import public_views as views
from .models import PUBLIC_LANGUAGES


class LanguageConverter:
    regex = "|".join(PUBLIC_LANGUAGES)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(LanguageConverter, "publiclang")

app_name = "feedback_public"
urlpatterns = [
    path("", views.start, name="start"),
    path("arende/", views.status_start, name="status_start"),
    path("<publiclang:lang>/", views.feedback_form, name="form"),
    path("<publiclang:lang>/kvitto/", views.receipt, name="receipt"),
    path("<publiclang:lang>/arende/", views.status, name="status"),
    path("<publiclang:lang>/arende/tillagg/", views.follow_up, name="follow_up"),
]
