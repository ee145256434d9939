from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KeyfiguresConfig(AppConfig):
    name = "kvalitetsnav.keyfigures"
    label = "keyfigures"
    verbose_name = _("Nyckeltal")

    def ready(self) -> None:
        from . import policies  # noqa: F401  (registers the policies)
