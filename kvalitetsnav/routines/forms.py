"""Forms of the management system. Choices are limited to what the user may use."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kvalitetsnav.access.policies import nodes_with
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.actions.forms import owner_choices, tree_label

from .models import Activity, Routine, RoutineKind

MARKDOWN_HELP = _(
    "Skriv med enkel formatering: ## Rubrik, - punkt i lista, 1. numrerad lista, "
    "**fetstil**, [länktext](https://adress) och tabeller med | mellan kolumnerna. "
    "Skriv aldrig namn eller personnummer på enskilda."
)


class RoutineForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    body = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=MARKDOWN_HELP,
    )

    class Meta:
        model = Routine
        fields = ["title", "kind", "owner", "applies_to", "activities", "review_interval_months"]
        widgets = {
            "applies_to": forms.CheckboxSelectMultiple,
            "activities": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, with_body: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = RoutineKind.choices
        self.fields["owner"].queryset = owner_choices(user)
        self.fields["applies_to"].queryset = nodes_with(user, Cap.MANAGE_RECORDS).active()
        self.fields["applies_to"].label_from_instance = tree_label(user, Cap.MANAGE_RECORDS)
        self.fields["activities"].queryset = Activity.objects.select_related("process")
        self.fields["activities"].label_from_instance = lambda a: f"{a.process.name}: {a.name}"
        self.fields["activities"].required = False
        self.fields["review_interval_months"].min_value = 1
        self.fields["review_interval_months"].max_value = 60
        self.fields["review_interval_months"].widget.attrs.update(min=1, max=60)
        if not with_body:
            del self.fields["body"]


class VersionForm(forms.Form):
    updated_at = forms.CharField(widget=forms.HiddenInput, required=False)
    body = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=MARKDOWN_HELP,
    )
    change_note = forms.CharField(
        label=_("Vad har ändrats och varför"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class NewVersionForm(forms.Form):
    change_note = forms.CharField(
        label=_("Vad ska ändras och varför"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Beskriv kort vad som ska ändras.")},
    )


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Sök i rutiner och riktlinjer"),
        max_length=200,
        required=False,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": _("t.ex. läkemedel, fall, nycklar"),
                "autocomplete": "off",
                "enterkeyhint": "search",
            }
        ),
    )

    def clean_q(self) -> str:
        return self.cleaned_data["q"].replace("\x00", "").strip()
