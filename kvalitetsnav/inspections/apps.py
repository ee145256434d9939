from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "kvalitetsnav.inspections"
    label = "inspections"
    verbose_name = _("Egenkontroll")

    def ready(self) -> None:
        from kvalitetsnav.core import reminders, tasks

        from . import policies  # noqa: F401  (registers the policies)
        from .reminders import send_late_inspection_reminders
        from .tasks import my_inspections

        tasks.register(my_inspections)
        reminders.register(send_late_inspection_reminders)
