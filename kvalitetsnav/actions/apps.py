from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionsConfig(AppConfig):
    name = "kvalitetsnav.actions"
    label = "actions"
    verbose_name = _("Åtgärder")

    def ready(self) -> None:
        from kvalitetsnav.core import tasks

        from . import policies  # noqa: F401  (registers the policy)
        from .tasks import my_actions

        tasks.register(my_actions)
