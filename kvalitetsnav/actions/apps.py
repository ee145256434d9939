from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionsConfig(AppConfig):
    name = "kvalitetsnav.actions"
    label = "actions"
    verbose_name = _("Åtgärder")

    def ready(self) -> None:
        from kvalitetsnav.core import reminders, tasks

        from . import policies  # noqa: F401  (registers the policy)
        from .reminders import send_overdue_action_reminders
        from .tasks import my_actions

        tasks.register(my_actions)
        reminders.register(send_overdue_action_reminders)
