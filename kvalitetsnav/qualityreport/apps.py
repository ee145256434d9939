from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityReportConfig(AppConfig):
    name = "kvalitetsnav.qualityreport"
    label = "qualityreport"
    verbose_name = _("Kvalitetsberättelse")

    def ready(self) -> None:
        from . import policies  # noqa: F401  (registers the policies)
