from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RisksConfig(AppConfig):
    name = "kvalitetsnav.risks"
    label = "risks"
    verbose_name = _("Riskanalyser")

    def ready(self) -> None:
        from kvalitetsnav.core import reminders, tasks

        from . import policies  # noqa: F401  (registers the policies)
        from .reminders import send_risk_review_reminders
        from .tasks import my_risks_to_review

        tasks.register(my_risks_to_review)
        reminders.register(send_risk_review_reminders)
