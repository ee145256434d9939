"""Forms for risk analyses and risks. Choices are limited to what the user may use."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kvalitetsnav.access.policies import nodes_with
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.accounts.models import User
from kvalitetsnav.actions.forms import DateInput, owner_choices, tree_label

from .models import (
    CONSEQUENCE_CHOICES,
    CONSEQUENCE_LEVELS,
    LEVEL_CHOICES,
    PROBABILITY_LEVELS,
    Occasion,
    Risk,
    RiskAnalysis,
    level_help,
)
from .shipped import RISK_TEMPLATES
from .statistics import CURRENT, RATINGS, RESIDUAL, with_rating


class AnalysisForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = RiskAnalysis
        fields = ["title", "occasion", "node", "analysed_on", "participants"]
        widgets = {
            "analysed_on": DateInput(),
            "participants": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = nodes_with(user, Cap.MANAGE_RECORDS).active()
        self.fields["node"].label_from_instance = tree_label(user, Cap.MANAGE_RECORDS)
        self.fields["node"].empty_label = _("Välj enhet eller nivå")
        self.fields["occasion"].choices = [("", _("Välj anledning"))] + Occasion.choices
        if self.instance._state.adding:
            self.fields["analysed_on"].initial = timezone.localdate
        else:
            self.fields["version"].initial = self.instance.version


def _level_field(label, choices, levels, *, required: bool) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=([] if required else [("", _("Inte bedömd ännu"))]) + choices,
        coerce=int,
        empty_value=None,
        required=required,
        widget=forms.RadioSelect if required else forms.Select,
        help_text=level_help(levels),
        error_messages={"invalid_choice": _("Välj ett värde från 1 till 4.")},
    )


class RiskForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Risk
        fields = [
            "title", "process", "causes", "probability", "consequence", "existing_controls",
            "residual_probability", "residual_consequence", "owner", "review_date",
        ]  # fmt: skip
        widgets = {
            "review_date": DateInput(),
            "causes": forms.Textarea(attrs={"rows": 3}),
            "existing_controls": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "title": _("Till exempel: en omedelbar skyddsbedömning görs inte samma dag."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["probability"] = _level_field(
            _("Sannolikhet (1–4)"), LEVEL_CHOICES, PROBABILITY_LEVELS, required=True
        )
        self.fields["consequence"] = _level_field(
            _("Konsekvens (1–4)"), CONSEQUENCE_CHOICES, CONSEQUENCE_LEVELS, required=True
        )
        self.fields["residual_probability"] = _level_field(
            _("Sannolikhet efter planerade åtgärder"),
            LEVEL_CHOICES,
            PROBABILITY_LEVELS,
            required=False,
        )
        self.fields["residual_consequence"] = _level_field(
            _("Konsekvens efter planerade åtgärder"),
            CONSEQUENCE_CHOICES,
            CONSEQUENCE_LEVELS,
            required=False,
        )
        for name in ("residual_probability", "residual_consequence"):
            self.fields[name].help_text = _(
                "Samma skala som ovan. Lämna tomt tills åtgärderna är planerade."
            )
        for name in ("probability", "consequence"):
            self.fields[name].error_messages["required"] = _("Välj ett värde från 1 till 4.")
        self.fields["owner"].queryset = owner_choices(user)
        self.fields["owner"].label_from_instance = lambda u: f"{u} ({u.username})"
        self.fields["owner"].empty_label = _("Ingen utsedd ännu")
        if not self.instance._state.adding:
            self.fields["version"].initial = self.instance.version


class TemplateChoiceForm(forms.Form):
    mall = forms.ChoiceField(
        label=_("Utgå från en mall"),
        choices=[(t.key, t.title) for t in RISK_TEMPLATES],
    )


class RiskActionForm(forms.Form):
    title = forms.CharField(label=_("Åtgärd"), max_length=200)
    description = forms.CharField(
        label=_("Beskrivning"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    owner = forms.ModelChoiceField(
        label=_("Ansvarig"), queryset=User.objects.none(), required=False
    )
    due_date = forms.DateField(label=_("Klart senast"), widget=DateInput(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owner_choices(user)

    def clean_due_date(self):
        due = self.cleaned_data.get("due_date")
        if due and due < timezone.localdate():
            raise forms.ValidationError(_("Datumet har redan passerat. Välj ett datum från i dag."))
        return due


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class RiskFilterForm(forms.Form):
    """The risk list's filters, all applied in the database (the heat map links here)."""

    node = forms.ModelChoiceField(
        label=_("Enhet"), queryset=None, required=False, empty_label=_("Alla jag ser")
    )
    probability = forms.TypedChoiceField(
        label=_("Sannolikhet"),
        choices=[("", _("Alla"))] + LEVEL_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )
    consequence = forms.TypedChoiceField(
        label=_("Konsekvens"),
        choices=[("", _("Alla"))] + CONSEQUENCE_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )
    owner = forms.ChoiceField(
        label=_("Riskägare"), required=False, choices=[("", _("Alla")), ("me", _("Jag"))]
    )
    review_due = forms.BooleanField(label=_("Bara de som ska följas upp"), required=False)
    rating = forms.ChoiceField(
        label=_("Sannolikhet och konsekvens enligt"), required=False, choices=list(RATINGS.items())
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = nodes_with(user, Cap.VIEW_RECORDS).active()
        self.fields["node"].label_from_instance = tree_label(user, Cap.VIEW_RECORDS)
        self.fields["rating"].choices = [(CURRENT, RATINGS[CURRENT]), (RESIDUAL, RATINGS[RESIDUAL])]

    def apply(self, queryset, user):
        if not self.is_valid():
            return queryset.none()
        data = self.cleaned_data
        if data["node"]:
            queryset = queryset.filter(node__path__startswith=data["node"].path)
        queryset = with_rating(queryset, data["rating"] or CURRENT)
        if data["probability"]:
            queryset = queryset.filter(rated_probability=data["probability"])
        if data["consequence"]:
            queryset = queryset.filter(rated_consequence=data["consequence"])
        if data["owner"] == "me":
            queryset = queryset.filter(owner=user)
        if data["review_due"]:
            queryset = queryset.due_for_review()
        return queryset


class HeatMapForm(forms.Form):
    node = forms.ModelChoiceField(label=_("Enhet eller avdelning"), queryset=None, required=False)
    rating = forms.ChoiceField(
        label=_("Visa bedömningen"),
        required=False,
        choices=list(RATINGS.items()),
        widget=forms.RadioSelect,
        initial=RESIDUAL,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = nodes_with(user, Cap.VIEW_AGGREGATES).active()
        self.fields["node"].label_from_instance = tree_label(user, Cap.VIEW_AGGREGATES)
        self.fields["node"].empty_label = None
