"""Forms for lex Sarah and lex Maria cases. Choices are limited to what the user may use."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kvalitetsnav.access.policies import nodes_with
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.actions.forms import DateInput, owner_choices, tree_label
from kvalitetsnav.lib.personnummer import validate_no_identity_number

from .models import (
    AnalysisItem,
    AnalysisSection,
    EntryNature,
    EntryTopic,
    Factor,
    LexCase,
    LexKind,
    LexStatus,
)
from .responsibility import must_act_q

NO_ID = [validate_no_identity_number]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def report_nodes(user):
    """Units where the user works or manages: where they may report."""
    return (nodes_with(user, Cap.WORK_OWN) | nodes_with(user, Cap.MANAGE_RECORDS)).active()


class LexCaseForm(forms.ModelForm):
    """Opening a case: the report as it reached the provider."""

    class Meta:
        model = LexCase
        fields = [
            "kind",
            "node",
            "title",
            "received_at",
            "occurred_at",
            "noticed_at",
            "how_noticed",
            "description",
            "consequences",
            "immediate_measures",
            "person_ref",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "received_at": DateTimeInput(),
            "occurred_at": DateTimeInput(),
            "noticed_at": DateTimeInput(),
            "how_noticed": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 5}),
            "consequences": forms.Textarea(attrs={"rows": 3}),
            "immediate_measures": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "kind": _(
                "Lex Sarah: missförhållanden i socialtjänst och LSS. Lex Maria: vårdskador "
                "i hälso- och sjukvården (utreds av MAS)."
            ),
            "received_at": _("När rapporten kom till verksamheten. Lämna som det är om det är nu."),
            "description": _(
                "Beskriv vad som hände, så konkret som möjligt. Skriv aldrig namn eller "
                "personnummer på den enskilda."
            ),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = report_nodes(user)
        self.fields["node"].label_from_instance = tree_label(user, Cap.WORK_OWN)
        self.fields["kind"].choices = LexKind.choices
        self.fields["received_at"].required = False
        if not self.is_bound and "received_at" not in self.initial:
            self.initial["received_at"] = timezone.localtime().replace(second=0, microsecond=0)


class LexCaseEditForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = LexCase
        fields = [
            "title",
            "occurred_at",
            "noticed_at",
            "how_noticed",
            "description",
            "consequences",
            "immediate_measures",
            "person_ref",
            "previous_occurrences",
            "patient_informed_on",
            "patient_experience",
            "journal_noted",
        ]
        widgets = {
            "occurred_at": DateTimeInput(),
            "noticed_at": DateTimeInput(),
            "patient_informed_on": DateInput(),
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in (
                    "how_noticed",
                    "description",
                    "consequences",
                    "immediate_measures",
                    "previous_occurrences",
                    "patient_experience",
                )
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        if not self.instance.is_maria:
            for name in ("patient_informed_on", "patient_experience", "journal_noted"):
                del self.fields[name]


class EntryForm(forms.Form):
    entry_date = forms.DateField(label=_("Datum"), widget=DateInput(), initial=timezone.localdate)
    topic = forms.ChoiceField(label=_("Avser"), choices=EntryTopic.choices)
    nature = forms.ChoiceField(
        label=_("Faktum eller bedömning"), choices=EntryNature.choices, widget=forms.RadioSelect
    )
    source = forms.CharField(
        label=_("Källa"),
        max_length=200,
        validators=NO_ID,
        help_text=_("T.ex. samtal med personal, genomförandeplanen, larmloggen."),
    )
    text = forms.CharField(
        label=_("Anteckning"), widget=forms.Textarea(attrs={"rows": 4}), validators=NO_ID
    )


class AnalysisItemForm(forms.ModelForm):
    class Meta:
        model = AnalysisItem
        fields = ["section", "happened_at", "factor", "is_root_cause", "text"]
        widgets = {"happened_at": DateTimeInput(), "text": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "happened_at": _("Bara för händelseförloppet."),
            "factor": _("Bara för orsaker: var i verksamheten finns orsaken?"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = AnalysisSection.choices
        self.fields["factor"].choices = [("", "–")] + list(Factor.choices)


class LexActionForm(forms.Form):
    title = forms.CharField(label=_("Åtgärd"), max_length=200, validators=NO_ID)
    description = forms.CharField(
        label=_("Beskrivning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=NO_ID,
    )
    owner = forms.ModelChoiceField(label=_("Ansvarig"), queryset=None, required=False)
    due_date = forms.DateField(label=_("Klart senast"), widget=DateInput(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owner_choices(user)
        self.fields["owner"].label_from_instance = lambda u: f"{u} ({u.username})"

    def clean_due_date(self):
        due = self.cleaned_data.get("due_date")
        if due and due < timezone.localdate():
            raise forms.ValidationError(_("Datumet har redan passerat. Välj ett datum från i dag."))
        return due


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class AssessForm(VersionForm):
    serious = forms.TypedChoiceField(
        label=_("Är det allvarligt?"),
        choices=[
            ("yes", _("Ja, allvarligt – ska anmälas till IVO")),
            ("no", _("Nej, inte allvarligt")),
        ],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label=_("Skäl för bedömningen"),
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=NO_ID,
    )


class IvoReportForm(VersionForm):
    sent_on = forms.DateField(
        label=_("Skickad till IVO den"), widget=DateInput(), initial=timezone.localdate
    )
    ivo_reference = forms.CharField(
        label=_("IVO:s diarienummer"),
        max_length=60,
        required=False,
        help_text=_("Står i IVO:s bekräftelse. Kan fyllas i senare."),
    )


class IvoDecisionForm(VersionForm):
    decided_on = forms.DateField(label=_("IVO:s beslut daterat"), widget=DateInput())
    decision = forms.CharField(
        label=_("IVO:s beslut i korthet"),
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=NO_ID,
    )
    ivo_reference = forms.CharField(label=_("IVO:s diarienummer"), max_length=60, required=False)


class CloseForm(VersionForm):
    summary = forms.CharField(
        label=_("Slutligt ställningstagande"),
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=NO_ID,
        help_text=_(
            "Vad utredningen kom fram till och vad som gjorts för att det inte ska upprepas."
        ),
    )


class CloseEarlyForm(VersionForm):
    position = forms.CharField(
        label=_("Dokumenterat ställningstagande"),
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=NO_ID,
        help_text=_("Varför det uppenbart inte är fråga om ett missförhållande."),
    )


class LexFilterForm(forms.Form):
    """The list's filters; every one is applied in the database."""

    q = forms.CharField(label=_("Sök"), required=False)
    kind = forms.ChoiceField(
        label=_("Typ"), required=False, choices=[("", _("Båda"))] + list(LexKind.choices)
    )
    node = forms.ModelChoiceField(
        label=_("Enhet"), queryset=None, required=False, empty_label=_("Alla jag ser")
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alla")), ("open", _("Pågående"))] + list(LexStatus.choices),
    )
    year = forms.IntegerField(label=_("År"), required=False, min_value=2000, max_value=2100)
    overdue = forms.BooleanField(label=_("Bara försenade"), required=False)
    todo = forms.BooleanField(label=_("Bara där jag ska agera"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["node"].queryset = nodes_with(user, Cap.VIEW_RECORDS).active()
        self.fields["node"].label_from_instance = tree_label(user, Cap.VIEW_RECORDS)

    def apply(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["q"]:
            words = data["q"]
            queryset = queryset.filter(
                Q(title__icontains=words)
                | Q(reference__icontains=words)
                | Q(description__icontains=words)
            )
        if data["kind"]:
            queryset = queryset.filter(kind=data["kind"])
        if data["node"]:
            queryset = queryset.filter(node__path__startswith=data["node"].path)
        if data["status"] == "open":
            queryset = queryset.open()
        elif data["status"]:
            queryset = queryset.filter(status=data["status"])
        if data["year"]:
            queryset = queryset.filter(received_at__year=data["year"])
        if data["overdue"]:
            queryset = queryset.overdue()
        if data["todo"]:
            queryset = queryset.filter(must_act_q(self.user))
        return queryset
