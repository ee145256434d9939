from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kvalitetsnav.core"
    label = "core"
    verbose_name = _("Organisation och logg")

    def ready(self) -> None:
        from . import policies  # noqa: F401  (registers the policy)
