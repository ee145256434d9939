from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RisksConfig(AppConfig):
    name = "kvalitetsnav.risks"
    label = "risks"
    verbose_name = _("Riskanalyser")
