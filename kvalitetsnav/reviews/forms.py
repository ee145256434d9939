"""Forms for reviews, findings and follow-ups."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kvalitetsnav.access.policies import nodes_with
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.actions.forms import DateInput, owner_choices, tree_label
from kvalitetsnav.risks.forms import RiskActionForm

from .models import Finding, ProviderFollowUp, Review, ReviewerKind, Severity, Theme

ActionForm = RiskActionForm  # the same few fields: title, description, owner, due date


class ReviewForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Review
        fields = [
            "reviewer", "reference", "subject", "node", "units", "started_on", "decided_on",
            "responsible",
        ]  # fmt: skip
        widgets = {"started_on": DateInput(), "decided_on": DateInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        nodes = nodes_with(user, Cap.MANAGE_RECORDS).active()
        self.fields["node"].queryset = nodes
        self.fields["node"].label_from_instance = tree_label(user, Cap.MANAGE_RECORDS)
        self.fields["node"].empty_label = _("Välj nämnd, avdelning eller enhet")
        self.fields["units"].queryset = nodes.units()
        self.fields["units"].widget = forms.CheckboxSelectMultiple()
        self.fields["units"].widget.choices = self.fields["units"].choices
        self.fields["units"].help_text = _("Lämna tomt om granskningen gällde hela nivån.")
        self.fields["responsible"].queryset = owner_choices(user)
        self.fields["responsible"].help_text = _(
            "Får iakttagelser att redovisa under Mina uppgifter och påminnelser."
        )
        if not self.instance._state.adding:
            self.fields["version"].initial = self.instance.version

    def clean(self):
        data = super().clean()
        started, decided = data.get("started_on"), data.get("decided_on")
        if started and decided and decided < started:
            self.add_error("decided_on", _("Beslutet kan inte vara före granskningen började."))
        return data


class FindingForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Finding
        fields = ["severity", "text", "requirement", "theme", "response_required", "response_due"]
        widgets = {
            "response_due": DateInput(),
            "text": forms.Textarea(attrs={"rows": 3}),
            "requirement": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["severity"].choices = [("", _("Välj slag"))] + Severity.choices
        self.fields["theme"].choices = [("", _("Inget tema"))] + Theme.choices
        self.fields["theme"].help_text = _("Används i stadens översikt över öppna iakttagelser.")
        self.fields["text"].error_messages["required"] = _("Skriv vad granskaren fann.")
        if not self.instance._state.adding:
            self.fields["version"].initial = self.instance.version

    def clean(self):
        data = super().clean()
        if data.get("response_required") and not data.get("response_due"):
            self.add_error("response_due", _("Ange när åtgärderna ska redovisas."))
        return data


class AccountSentForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    sent_on = forms.DateField(
        label=_("Redovisningen skickad den"), widget=DateInput(), initial=timezone.localdate
    )


class RespondForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    response = forms.CharField(
        label=_("Redovisning"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Vilka åtgärder har vidtagits och hur följs de upp?"),
    )
    responded_on = forms.DateField(
        label=_("Skickad den"), widget=DateInput(), initial=timezone.localdate
    )


class CloseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    closed_on = forms.DateField(
        label=_("Avslutad den"), widget=DateInput(), initial=timezone.localdate
    )
    closing_note = forms.CharField(
        label=_("Granskarens besked"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Till exempel: IVO avslutar ärendet, alla krav är uppfyllda."),
    )


class FollowUpPlanForm(forms.Form):
    node = forms.ModelChoiceField(label=_("Enhet"), queryset=None)
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    planned_on = forms.DateField(label=_("Planerad"), widget=DateInput())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = nodes_with(user, Cap.MANAGE_RECORDS).active().units()
        self.fields["node"].label_from_instance = lambda n: (
            f"{n.name} ({n.get_provider_type_display()})" if n.provider_type else n.name
        )
        self.fields["year"].initial = timezone.localdate().year


class FollowUpRecordForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = ProviderFollowUp
        fields = ["done_on", "not_done_reason", "strengths", "development_areas", "shortcomings"]
        widgets = {
            "done_on": DateInput(),
            "strengths": forms.Textarea(attrs={"rows": 2}),
            "development_areas": forms.Textarea(attrs={"rows": 2}),
            "shortcomings": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"not_done_reason": _("Till exempel: avtalet med utföraren upphörde.")}


class FindingFilterForm(forms.Form):
    """The findings list's filters, applied in the database (the city view links here)."""

    node = forms.ModelChoiceField(
        label=_("Stadsdel, avdelning eller enhet"),
        queryset=None,
        required=False,
        empty_label=_("Alla jag ser"),
    )
    reviewer = forms.ChoiceField(label=_("Granskare"), required=False)
    theme = forms.ChoiceField(label=_("Tema"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("oppna", _("Öppna")), ("alla", _("Alla"))],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = nodes_with(user, Cap.VIEW_RECORDS).active()
        self.fields["node"].label_from_instance = tree_label(user, Cap.VIEW_RECORDS)
        self.fields["reviewer"].choices = [("", _("Alla"))] + ReviewerKind.choices
        self.fields["theme"].choices = (
            [("", _("Alla"))] + Theme.choices + [("inget", _("Inget tema angivet"))]
        )

    def apply(self, queryset):
        from .statistics import open_findings_q

        if not self.is_valid():
            return queryset.none()
        data = self.cleaned_data
        if data["node"]:
            queryset = queryset.filter(review__node__path__startswith=data["node"].path)
        if data["reviewer"]:
            queryset = queryset.filter(review__reviewer=data["reviewer"])
        if data["theme"]:
            queryset = queryset.filter(theme="" if data["theme"] == "inget" else data["theme"])
        if data["status"] != "alla":
            queryset = queryset.filter(open_findings_q())
        return queryset


class CityFilterForm(forms.Form):
    reviewer = forms.ChoiceField(label=_("Granskare"), required=False)
    theme = forms.ChoiceField(label=_("Tema"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].choices = [("", _("Alla"))] + ReviewerKind.choices
        self.fields["theme"].choices = [("", _("Alla"))] + Theme.choices
