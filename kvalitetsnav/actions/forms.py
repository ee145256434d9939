"""Forms for the actions register. Choices are limited to what the user may use."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kvalitetsnav.access.policies import nodes_with, paths_with, subtree_q
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.accounts.models import User

from .models import Action, ActionStatus


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def tree_label(user, cap: Cap):
    """Label org nodes indented below the top of the user's own part of the tree."""
    top = min((path.count("/") - 2 for path in paths_with(user, cap)), default=0)
    return lambda node: f"{'– ' * max(node.depth - top, 0)}{node.name}"


def owner_choices(user) -> forms.models.QuerySet[User]:
    """People who work where the user manages: the only ones they can make responsible."""
    return (
        User.objects.filter(is_active=True)
        .filter(subtree_q(user, Cap.MANAGE_RECORDS, "role_assignments__node__path"))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class ActionForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Action
        fields = ["title", "description", "node", "owner", "due_date"]
        widgets = {
            "due_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "description": _(
                "Beskriv vad som ska göras. Skriv aldrig namn eller personnummer på den enskilda."
            ),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = nodes_with(user, Cap.MANAGE_RECORDS).active()
        self.fields["node"].label_from_instance = tree_label(user, Cap.MANAGE_RECORDS)
        self.fields["owner"].queryset = owner_choices(user)
        self.fields["owner"].label_from_instance = lambda u: f"{u} ({u.username})"
        self.fields["owner"].empty_label = _("Ingen utsedd ännu")
        self.fields["node"].empty_label = _("Välj enhet eller nivå")
        self.fields["title"].widget.attrs["autofocus"] = True
        if not self.instance._state.adding:
            self.fields["version"].initial = self.instance.version

    def clean_due_date(self):
        due = self.cleaned_data.get("due_date")
        if due and self.instance._state.adding and due < timezone.localdate():
            raise forms.ValidationError(_("Datumet har redan passerat. Välj ett datum från i dag."))
        return due


class EvaluateForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    evaluated_on = forms.DateField(
        label=_("Utvärderad den"), widget=DateInput(), initial=timezone.localdate
    )
    result = forms.CharField(
        label=_("Resultat"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Vad blev effekten? Hur vet ni det?"),
    )
    sufficient = forms.TypedChoiceField(
        label=_("Räckte åtgärden?"),
        choices=[("yes", _("Ja, problemet är åtgärdat")), ("no", _("Nej, mer behöver göras"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )


class CancelForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Skäl till att åtgärden avbryts"), widget=forms.Textarea(attrs={"rows": 3})
    )


class AdvanceForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ActionFilterForm(forms.Form):
    """The list's filters; every one is applied in the database."""

    q = forms.CharField(label=_("Sök"), required=False)
    node = forms.ModelChoiceField(
        label=_("Enhet"), queryset=None, required=False, empty_label=_("Alla jag ser")
    )
    owner = forms.ChoiceField(
        label=_("Ansvarig"), required=False, choices=[("", _("Alla")), ("me", _("Jag"))]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alla")), ("open", _("Öppna"))] + list(ActionStatus.choices),
    )
    overdue = forms.BooleanField(label=_("Bara försenade"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = nodes_with(user, Cap.VIEW_RECORDS).active()
        self.fields["node"].label_from_instance = tree_label(user, Cap.VIEW_RECORDS)

    def apply(self, queryset, user):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["q"]:
            queryset = queryset.filter(
                Q(title__icontains=data["q"]) | Q(description__icontains=data["q"])
            )
        if data["node"]:
            queryset = queryset.filter(node__path__startswith=data["node"].path)
        if data["owner"] == "me":
            queryset = queryset.filter(owner=user)
        if data["status"] == "open":
            queryset = queryset.open()
        elif data["status"]:
            queryset = queryset.filter(status=data["status"])
        if data["overdue"]:
            queryset = queryset.overdue()
        return queryset
