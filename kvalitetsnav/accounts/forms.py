from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Fel användarnamn eller lösenord. Kontrollera stavningen och försök igen."
        ),
        "inactive": _("Kontot är avstängt. Kontakta din systemadministratör."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Användarnamn")
        self.fields["password"].label = _("Lösenord")
        self.fields["username"].widget.attrs.update(
            {"autocomplete": "username", "autocapitalize": "none"}
        )

    def clean(self):
        from django.conf import settings
        from django.core.exceptions import ValidationError

        from .validators import is_demo_password

        if settings.PRODUCTION and is_demo_password(self.cleaned_data.get("password") or ""):
            raise ValidationError(
                _(
                    "Demolösenord kan inte användas i produktion. Kontakta din "
                    "systemadministratör för ett riktigt lösenord."
                ),
                code="demo_password",
            )
        return super().clean()
