from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LessonsConfig(AppConfig):
    name = "kvalitetsnav.lessons"
    label = "lessons"
    verbose_name = _("Lärdomar och goda exempel")

    def ready(self) -> None:
        from . import policies  # noqa: F401  (registers the policy)
