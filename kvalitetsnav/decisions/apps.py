from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "kvalitetsnav.decisions"
    label = "decisions"
    verbose_name = _("Beslut och insatser")

    def ready(self) -> None:
        from kvalitetsnav.core import tasks

        from . import policies  # noqa: F401  (registers the policies)
        from .tasks import decisions_near_the_limit

        tasks.register(decisions_near_the_limit)
