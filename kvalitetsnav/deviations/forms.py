"""Forms for deviations. The report form is short: a phone, at night, in under a minute."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kvalitetsnav.actions.forms import DateInput, owner_choices
from kvalitetsnav.core.models import OrgNode
from kvalitetsnav.lib.personnummer import validate_no_identity_number

from .models import Category, ContributingFactor, DeviationStatus
from .policies import reader_q
from .services import FUTURE_TOLERANCE, reportable_units

NO_NAMES = _("Skriv aldrig namn eller personnummer.")


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _now_minutes():
    return timezone.localtime().replace(second=0, microsecond=0)


class TextArea(forms.Textarea):
    def __init__(self, rows: int = 4, **attrs):
        super().__init__(attrs={"rows": rows, **attrs})


class ReportForm(forms.Form):
    node = forms.ModelChoiceField(label=_("Enhet"), queryset=OrgNode.objects.none())
    occurred_at = forms.DateTimeField(
        label=_("När hände det?"),
        widget=DateTimeLocalInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        initial=_now_minutes,
    )
    category = forms.ModelChoiceField(
        label=_("Vad gäller det?"),
        queryset=Category.objects.filter(is_active=True),
        empty_label=_("Välj kategori"),
    )
    description = forms.CharField(
        label=_("Vad hände?"),
        widget=TextArea(4),
        help_text=_("Beskriv kort vad som hände. %(no_names)s") % {"no_names": NO_NAMES},
        validators=[validate_no_identity_number],
    )
    immediate_action = forms.CharField(
        label=_("Vad gjordes direkt?"),
        widget=TextArea(3),
        validators=[validate_no_identity_number],
    )
    person_ref = forms.CharField(
        label=_("Den enskildes kodade referens (valfritt)"),
        required=False,
        max_length=40,
        help_text=_("T.ex. B-1042. Aldrig namn eller personnummer."),
        validators=[validate_no_identity_number],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = reportable_units(user).order_by("name")
        self.fields["node"].queryset = units
        if user.home_unit_id and units.filter(pk=user.home_unit_id).exists():
            self.fields["node"].initial = user.home_unit_id

    def clean_occurred_at(self):
        value = self.cleaned_data["occurred_at"]
        if value and value > timezone.now() + FUTURE_TOLERANCE:
            raise forms.ValidationError(
                _("Tidpunkten ligger i framtiden. Ange när det faktiskt hände.")
            )
        return value


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class AnalysisForm(VersionForm):
    analysis_what = forms.CharField(
        label=_("Vad hände?"),
        required=False,
        widget=TextArea(3),
        help_text=_("Händelseförloppet, som det ser ut efter utredningen."),
        validators=[validate_no_identity_number],
    )
    analysis_why = forms.CharField(
        label=_("Varför hände det?"),
        widget=TextArea(4),
        help_text=_(
            "Sök orsakerna i verksamheten – rutiner, bemanning, kommunikation – "
            "inte hos en enskild medarbetare."
        ),
        validators=[validate_no_identity_number],
    )
    factors = forms.ModelMultipleChoiceField(
        label=_("Bidragande orsaker"),
        queryset=ContributingFactor.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class FeedbackForm(VersionForm):
    feedback = forms.CharField(
        label=_("Återkoppling till den som rapporterade"),
        widget=TextArea(4),
        help_text=_("Vad kom utredningen fram till och vad görs nu? Den som rapporterade ser det."),
        validators=[validate_no_identity_number],
    )


class CloseForm(VersionForm):
    reason = forms.CharField(
        label=_("Skäl att avsluta trots öppna åtgärder"),
        required=False,
        widget=TextArea(2),
        help_text=_("Krävs bara om någon kopplad åtgärd ännu inte är genomförd."),
        validators=[validate_no_identity_number],
    )


class CreateActionForm(forms.Form):
    title = forms.CharField(label=_("Rubrik"), max_length=200)
    description = forms.CharField(
        label=_("Beskrivning"),
        required=False,
        widget=TextArea(3),
        validators=[validate_no_identity_number],
    )
    owner = forms.ModelChoiceField(label=_("Ansvarig"), queryset=None, required=False)
    due_date = forms.DateField(label=_("Klart senast"), required=False, widget=DateInput())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owner_choices(user)
        self.fields["owner"].label_from_instance = lambda u: f"{u} ({u.username})"


class DeviationFilterForm(forms.Form):
    """The unit list's filters; every one is applied in the database."""

    node = forms.ModelChoiceField(
        label=_("Enhet"), queryset=None, required=False, empty_label=_("Alla jag ser")
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alla")), ("open", _("Öppna"))] + list(DeviationStatus.choices),
    )
    category = forms.ModelChoiceField(
        label=_("Kategori"), queryset=Category.objects.all(), required=False, empty_label=_("Alla")
    )
    fran = forms.DateField(label=_("Från och med"), required=False, widget=DateInput())
    till = forms.DateField(label=_("Till och med"), required=False, widget=DateInput())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        nodes = OrgNode.objects.filter(reader_q(user, "path")).active()
        self.fields["node"].queryset = nodes
        top = min((n.depth for n in nodes[:1]), default=0)
        self.fields["node"].label_from_instance = lambda node: (
            f"{'– ' * max(node.depth - top, 0)}{node.name}"
        )

    def clean(self):
        data = super().clean()
        if data.get("fran") and data.get("till") and data["fran"] > data["till"]:
            self.add_error("till", _("Slutdatumet ligger före startdatumet."))
        return data

    def apply(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["node"]:
            queryset = queryset.filter(node__path__startswith=data["node"].path)
        if data["status"] == "open":
            queryset = queryset.open()
        elif data["status"]:
            queryset = queryset.filter(status=data["status"])
        if data["category"]:
            queryset = queryset.filter(category=data["category"])
        if data["fran"]:
            queryset = queryset.filter(occurred_at__date__gte=data["fran"])
        if data["till"]:
            queryset = queryset.filter(occurred_at__date__lte=data["till"])
        return queryset
