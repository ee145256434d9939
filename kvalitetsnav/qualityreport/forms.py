from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kvalitetsnav.access.policies import nodes_with
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.accounts.models import User
from kvalitetsnav.core.models import OrgNode

from .models import Fitness
from .policies import boards_coordinated, review_boards


class GenerateForm(forms.Form):
    board = forms.ModelChoiceField(label=_("Nämnd"), queryset=OrgNode.objects.none())
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["board"].queryset = boards_coordinated(user)
        self.fields["year"].initial = timezone.localdate().year - 1


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class SectionTextForm(VersionForm):
    text = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "Skriv om verksamheten, aldrig om enskilda personer. Lämna en tom rad mellan stycken."
        ),
    )


class AssignForm(VersionForm):
    writer = forms.ModelChoiceField(
        label=_("Skribent"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args, board: OrgNode, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["writer"].queryset = (
            User.objects.filter(
                is_active=True,
                role_assignments__node__path__startswith=board.path,
                role_assignments__role__in=[
                    "avdelningschef",
                    "forvaltningsledning",
                    "kvalitetsutvecklare",
                    "mas",
                    "enhetschef",
                ],
            )
            .distinct()
            .order_by("first_name", "last_name")
        )
        self.fields["writer"].label_from_instance = lambda u: f"{u.get_full_name()} ({u.username})"


class ReviewForm(VersionForm):
    comment = forms.CharField(
        label=_("Kommentar till skribenten"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ApproveForm(VersionForm):
    note = forms.CharField(
        label=_("Kommentar (valfri)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ManagementReviewForm(VersionForm):
    held_on = forms.DateField(label=_("Mötesdatum"), widget=DateInput())
    participants = forms.CharField(
        label=_("Deltagare"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Namn och roller, en per rad. Aldrig personnummer."),
    )
    material = forms.CharField(
        label=_("Underlag och nyckeltal som gicks igenom"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    fitness = forms.ChoiceField(
        label=_("Är ledningssystemet ändamålsenligt?"), choices=Fitness.choices
    )
    fitness_reasoning = forms.CharField(
        label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 4})
    )


class NewManagementReviewForm(ManagementReviewForm):
    board = forms.ModelChoiceField(label=_("Nämnd"), queryset=OrgNode.objects.none())
    year = forms.IntegerField(label=_("År som granskas"), min_value=2000, max_value=2100)
    field_order = ["board", "year", "held_on"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].required = False
        self.fields["board"].queryset = review_boards(user)
        self.fields["year"].initial = timezone.localdate().year - 1


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Beslut"), max_length=200)
    node = forms.ModelChoiceField(label=_("Ansvarig nivå eller enhet"), queryset=None)
    due_date = forms.DateField(label=_("Klart senast"), required=False, widget=DateInput())

    def __init__(self, *args, user, board: OrgNode, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = (
            nodes_with(user, Cap.MANAGE_RECORDS).filter(path__startswith=board.path).active()
        )
