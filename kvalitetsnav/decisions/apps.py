from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "kvalitetsnav.decisions"
    label = "decisions"
    verbose_name = _("Beslut och insatser")

    def ready(self) -> None:
        from kvalitetsnav.core import reminders, tasks

        from . import policies  # noqa: F401  (registers the policies)
        from .jobs import run_pending
        from .tasks import decisions_near_the_limit

        tasks.register(decisions_near_the_limit)
        # The worker (send_reminders --loop) also runs queued import jobs.
        reminders.register(run_pending)
