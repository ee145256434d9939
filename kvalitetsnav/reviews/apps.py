from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "kvalitetsnav.reviews"
    label = "reviews"
    verbose_name = _("Granskningar")

    def ready(self) -> None:
        from kvalitetsnav.core import reminders, tasks

        from . import policies  # noqa: F401  (registers the policies)
        from .reminders import send_finding_reminders
        from .tasks import my_findings_to_answer

        tasks.register(my_findings_to_answer)
        reminders.register(send_finding_reminders)
