from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LexCasesConfig(AppConfig):
    name = "kvalitetsnav.lexcases"
    label = "lexcases"
    verbose_name = _("Lex Sarah och lex Maria")

    def ready(self) -> None:
        from kvalitetsnav.core import panels, reminders, tasks
        from kvalitetsnav.deviations.models import Deviation
        from kvalitetsnav.feedback.models import Feedback

        from . import policies  # noqa: F401  (registers the policy)
        from .panels import deviation_panel, feedback_panel
        from .reminders import send_lex_deadline_reminders
        from .tasks import my_lex_tasks

        tasks.register(my_lex_tasks)
        reminders.register(send_lex_deadline_reminders)
        panels.register(Deviation, deviation_panel)
        panels.register(Feedback, feedback_panel)
