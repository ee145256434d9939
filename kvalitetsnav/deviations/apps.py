from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeviationsConfig(AppConfig):
    name = "kvalitetsnav.deviations"
    label = "deviations"
    verbose_name = _("Avvikelser")

    def ready(self) -> None:
        from kvalitetsnav.core import tasks

        from . import policies  # noqa: F401  (registers the policy)
        from .tasks import deviations_to_handle, feedback_received

        tasks.register(deviations_to_handle)
        tasks.register(feedback_received)
