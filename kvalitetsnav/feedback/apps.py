from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "kvalitetsnav.feedback"
    label = "feedback"
    verbose_name = _("Synpunkter och klagomål")

    def ready(self) -> None:
        from kvalitetsnav.core import reminders, tasks

        from . import policies  # noqa: F401  (registers the policy)
        from .reminders import send_feedback_reply_reminders
        from .tasks import my_feedback

        tasks.register(my_feedback)
        reminders.register(send_feedback_reply_reminders)
