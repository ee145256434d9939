"""Demo passwords are for demos: refused whenever the settings say production."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DEMO_PASSWORD = "Kvalitet-Demo-2026"


def is_demo_password(password: str) -> bool:
    return password == DEMO_PASSWORD


class DemoPasswordValidator:
    def validate(self, password: str, user=None) -> None:
        if settings.PRODUCTION and is_demo_password(password):
            raise ValidationError(
                _("Demolösenordet får inte användas i produktion."), code="demo_password"
            )

    def get_help_text(self) -> str:
        return _("Lösenordet får inte vara demolösenordet.")
