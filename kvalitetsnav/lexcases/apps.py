from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LexCasesConfig(AppConfig):
    name = "kvalitetsnav.lexcases"
    label = "lexcases"
    verbose_name = _("Lex Sarah och lex Maria")
