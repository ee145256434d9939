"""Forms for key figures: the definition, a month's value, an import, a plan count."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kvalitetsnav.access.policies import nodes_with
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.actions.forms import DateInput, tree_label
from kvalitetsnav.core.models import OrgNode

from .models import KeyFigure


class MonthInput(forms.DateInput):
    input_type = "month"

    def format_value(self, value):
        if isinstance(value, dt.date):
            return f"{value:%Y-%m}"
        return value


class MonthField(forms.DateField):
    """A month as ÅÅÅÅ-MM (a month picker where the browser has one), stored as its first day."""

    widget = MonthInput
    input_formats = ["%Y-%m", "%Y-%m-%d"]
    default_error_messages = {"invalid": _("Ange månaden som ÅÅÅÅ-MM.")}

    def to_python(self, value):
        day = super().to_python(value)
        return day.replace(day=1) if day else day


def _node_field(user, cap: Cap, label, *, units_only: bool = False, queryset=None):
    nodes = queryset if queryset is not None else nodes_with(user, cap).active()
    if units_only:
        nodes = nodes.units()
    field = forms.ModelChoiceField(label=label, queryset=nodes.order_by("path"))
    field.label_from_instance = tree_label(user, cap)
    return field


class KeyFigureForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = KeyFigure
        fields = [
            "name",
            "code",
            "description",
            "node",
            "measure",
            "target",
            "higher_is_better",
            "source",
            "computed_kind",
            "is_active",
        ]
        help_texts = {
            "measure": _("Beräknade nyckeltal får sin måttenhet av vad som beräknas."),
            "computed_kind": _("Bara när källan är ”Beräknas från registren”."),
            "node": _("Nyckeltalet gäller enheterna under den här nivån."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["node"] = _node_field(user, Cap.MANAGE_RECORDS, _("Gäller för"))
        self.fields["node"].help_text = self.Meta.help_texts["node"]
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version


class ValueForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Enhet"), queryset=OrgNode.objects.none())
    period = MonthField(label=_("Månad"))
    value = forms.DecimalField(
        label=_("Värde"), required=False, max_digits=12, decimal_places=2, localize=True
    )
    numerator = forms.IntegerField(
        label=_("Antal som uppfyller"),
        required=False,
        min_value=0,
        help_text=_("För en andel: ange antalen så räknas procenten ut."),
    )
    denominator = forms.IntegerField(label=_("Antal totalt"), required=False, min_value=0)
    comment = forms.CharField(
        label=_("Kommentar"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Aldrig namn eller personnummer."),
    )

    def __init__(self, *args, user, key_figure: KeyFigure, **kwargs):
        super().__init__(*args, **kwargs)
        units = nodes_with(user, Cap.MANAGE_RECORDS).active().units()
        units = units.filter(path__startswith=key_figure.node.path)
        self.fields["unit"] = _node_field(user, Cap.MANAGE_RECORDS, _("Enhet"), queryset=units)
        if units.count() == 1:
            self.fields["unit"].initial = units.first()
        if key_figure.measure != "procent":
            del self.fields["numerator"]
            del self.fields["denominator"]
        else:
            self.fields["value"].label = _("Andel i procent")
            self.fields["value"].help_text = _("Lämna tomt om du anger antalen nedan.")
        self.fields["period"].initial = timezone.localdate().replace(day=1)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fil (CSV eller Excel)"),
        help_text=_(
            "Kolumner: nyckeltal, enhet, månad, värde, och för andelar uppfyller och totalt; "
            "kommentar om du vill."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError(_("Filen är större än 10 MB."))
        return upload


class PlanCountForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Enhet"), queryset=OrgNode.objects.none())
    measured_on = forms.DateField(label=_("Mätdatum"), widget=DateInput())
    plans_total = forms.IntegerField(label=_("Genomförandeplaner totalt"), min_value=0)
    plans_in_time = forms.IntegerField(label=_("Upprättade och godkända i tid"), min_value=0)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = _node_field(user, Cap.MANAGE_RECORDS, _("Enhet"), units_only=True)
        self.fields["measured_on"].initial = timezone.localdate()


class ScopeForm(forms.Form):
    enhet = forms.ModelChoiceField(
        label=_("Visa för"), queryset=OrgNode.objects.none(), required=False, empty_label=None
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enhet"] = _node_field(user, Cap.VIEW_AGGREGATES, _("Visa för"))
        self.fields["enhet"].required = False
