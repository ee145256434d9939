from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoutinesConfig(AppConfig):
    name = "kvalitetsnav.routines"
    label = "routines"
    verbose_name = _("Ledningssystem")

    def ready(self) -> None:
        from kvalitetsnav.core import reminders, tasks

        from . import policies  # noqa: F401  (registers the policies)
        from .reminders import send_review_reminders
        from .tasks import to_read, to_review, training_below

        tasks.register(to_read)
        tasks.register(to_review)
        tasks.register(training_below)
        reminders.register(send_review_reminders)

        from kvalitetsnav.actions.models import Action
        from kvalitetsnav.core import panels
        from kvalitetsnav.deviations.models import Deviation
        from kvalitetsnav.inspections.models import Inspection

        from .citations import record_panel

        for model in (Action, Deviation, Inspection):
            panels.register(model, record_panel)
