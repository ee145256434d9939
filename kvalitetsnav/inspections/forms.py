"""Forms of the inspections module. Choices are limited to what the user may use."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kvalitetsnav.access.policies import nodes_with, roles_of, subtree_q
from kvalitetsnav.access.roles import Cap, Role
from kvalitetsnav.accounts.models import User
from kvalitetsnav.actions.forms import DateInput, owner_choices, tree_label

from .models import (
    SCALE_VALUES,
    AnswerType,
    Choice,
    Inspection,
    Purpose,
    QualityArea,
    Question,
    Recurrence,
    Template,
)
from .policies import review_nodes

MONTHS = [
    (1, _("januari")), (2, _("februari")), (3, _("mars")), (4, _("april")), (5, _("maj")),
    (6, _("juni")), (7, _("juli")), (8, _("augusti")), (9, _("september")),
    (10, _("oktober")), (11, _("november")), (12, _("december")),
]  # fmt: skip
MONTH_SHORT = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


def _node_field(user, cap: Cap, label, required: bool = True) -> forms.ModelChoiceField:
    field = forms.ModelChoiceField(
        label=label, queryset=nodes_with(user, cap).active(), required=required
    )
    field.label_from_instance = tree_label(user, cap)
    return field


class TemplateForm(forms.ModelForm):
    class Meta:
        model = Template
        fields = ["name", "purpose", "description", "owner"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"] = _node_field(user, Cap.MANAGE_RECORDS, _("Förvaltas av"))
        self.fields["owner"].help_text = _("Den nivå som äger mallen och får ändra den.")
        self.fields["name"].widget.attrs["autofocus"] = True


class TemplateDetailsForm(forms.ModelForm):
    """A template's details; the questions are changed in a new version."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Template
        fields = ["name", "purpose", "description", "owner"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        shipped_keeper = Role.KVALITETSUTVECKLARE in roles_of(user)
        self.fields["owner"] = _node_field(
            user, Cap.MANAGE_RECORDS, _("Förvaltas av"), required=not shipped_keeper
        )
        self.fields["owner"].help_text = _("Den nivå som äger mallen och får ändra den.")
        if shipped_keeper:
            self.fields["owner"].empty_label = _("Kvalitetsutvecklarna (levereras med systemet)")


class SectionForm(forms.Form):
    title = forms.CharField(label=_("Nytt avsnitt"), max_length=200)


class QuestionForm(forms.ModelForm):
    quality_areas = forms.ModelMultipleChoiceField(
        label=_("Kvalitetsområden"),
        queryset=QualityArea.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    reason_required_for = forms.MultipleChoiceField(
        label=_("Kräv motivering vid svaren"),
        choices=list(Choice.choices)
        + [(v, _("%(n)s på skalan") % {"n": v}) for v, _l in SCALE_VALUES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Alla frågor med fasta svar har ett fält för motivering. Kryssa i de svar "
            "där motiveringen måste fyllas i."
        ),
    )

    class Meta:
        model = Question
        fields = ["text", "answer_type", "help_text", "rule_cited"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "help_text": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self):
        data = super().clean()
        kind = data.get("answer_type")
        allowed = {
            AnswerType.CHOICE: set(Choice.values),
            AnswerType.SCALE: {v for v, _l in SCALE_VALUES},
        }.get(kind, set())
        wrong = set(data.get("reason_required_for") or []) - allowed
        if wrong:
            self.add_error(
                "reason_required_for",
                _("De valda svaren finns inte för den här svarstypen."),
            )
        return data


class PlanForm(forms.Form):
    template = forms.ModelChoiceField(label=_("Mall"), queryset=Template.objects.none())
    node = forms.ModelChoiceField(label=_("Enhet"), queryset=None)
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    recurrence = forms.ChoiceField(label=_("Hur ofta"), choices=Recurrence.choices)
    start_month = forms.TypedChoiceField(
        label=_("Första månaden"), choices=MONTHS, coerce=int, initial=1
    )
    responsible = forms.ModelChoiceField(
        label=_("Ansvarig"), queryset=None, required=False, empty_label=_("Ingen utsedd ännu")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = Template.objects.filter(
            versions__published=True
        ).distinct()
        self.fields["node"] = _node_field(user, Cap.MANAGE_RECORDS, _("Enhet"))
        self.fields["responsible"].queryset = owner_choices(user)
        self.fields["year"].initial = timezone.localdate().year


def reviewer_choices(user):
    """Those the user may make responsible for case reviews: the people they manage, and
    the inspectors (who review cases in the units they cover)."""
    return (
        User.objects.filter(is_active=True)
        .filter(
            subtree_q(user, Cap.MANAGE_RECORDS, "role_assignments__node__path")
            | Q(role_assignments__role=Role.INSPEKTOR)
            | Q(pk=user.pk)
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def _case_review_templates():
    return Template.objects.filter(versions__published=True, purpose=Purpose.CASE_REVIEW).distinct()


class SampleForm(forms.Form):
    template = forms.ModelChoiceField(label=_("Mall"), queryset=Template.objects.none())
    node = forms.ModelChoiceField(label=_("Enhet eller stadsdel"), queryset=None)
    size = forms.IntegerField(label=_("Antal ärenden att dra"), min_value=1, max_value=500)
    population = forms.CharField(
        label=_("Ärendereferenser att dra ur"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "En kodad referens per rad, till exempel en lista från verksamhetssystemet. "
            "Lämna tomt och ange ett nummerintervall nedan i stället."
        ),
    )
    prefix = forms.CharField(label=_("Prefix för nummerintervall"), required=False, max_length=20)
    first = forms.IntegerField(label=_("Från nummer"), required=False, min_value=1)
    last = forms.IntegerField(label=_("Till nummer"), required=False, min_value=1)
    seed = forms.IntegerField(
        label=_("Slumpfrö"),
        required=False,
        min_value=0,
        max_value=2**62,
        help_text=_("Lämna tomt för ett nytt. Samma frö och lista ger alltid samma urval."),
    )
    due_month = forms.DateField(label=_("Granskas senast (månad)"), widget=DateInput())
    responsible = forms.ModelChoiceField(
        label=_("Ansvarig granskare"), queryset=None, required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = _case_review_templates()
        self.fields["node"].queryset = review_nodes(user)
        self.fields["node"].label_from_instance = tree_label(user, Cap.VIEW_RECORDS)
        self.fields["responsible"].queryset = reviewer_choices(user)
        self.fields["due_month"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        if not (data.get("population") or "").strip() and not (
            data.get("first") and data.get("last")
        ):
            self.add_error(
                "population", _("Klistra in ärendereferenser eller ange ett nummerintervall.")
            )
        return data


class RoundForm(forms.Form):
    """A case review over several units or districts at once: N cases drawn in each."""

    template = forms.ModelChoiceField(label=_("Mall"), queryset=Template.objects.none())
    title = forms.CharField(
        label=_("Benämning"),
        max_length=200,
        help_text=_("Till exempel ”Aktgranskning barn 0–12 år 2026”."),
    )
    nodes = forms.ModelMultipleChoiceField(
        label=_("Enheter eller stadsdelar"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Lika många ärenden dras i var och en."),
    )
    size_per_node = forms.IntegerField(
        label=_("Antal ärenden per enhet eller stadsdel"), min_value=1, max_value=500, initial=20
    )
    population = forms.CharField(
        label=_("Ärenden att dra ur"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "En rad per ärende: enhetens eller stadsdelens kod, semikolon, ärendets kodade "
            "referens (till exempel jarva;BoU-2041). Lämna tomt och ange antal nedan i stället."
        ),
    )
    count = forms.IntegerField(
        label=_("Eller: antal aktuella ärenden per enhet"),
        required=False,
        min_value=1,
        max_value=5000,
        help_text=_(
            "Ärendena numreras 1, 2, 3 … i varje enhets lista och de dragna numren slås upp där."
        ),
    )
    seed = forms.IntegerField(
        label=_("Slumpfrö"),
        required=False,
        min_value=0,
        max_value=2**62,
        help_text=_("Lämna tomt för ett nytt. Samma frö och lista ger alltid samma urval."),
    )
    due_month = forms.DateField(label=_("Granskas senast (månad)"), widget=DateInput())
    responsible = forms.ModelChoiceField(
        label=_("Ansvarig granskare"), queryset=None, required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = _case_review_templates()
        nodes = review_nodes(user).exclude(level="kommun").order_by("path")
        self.fields["nodes"].queryset = nodes
        self.fields["nodes"].label_from_instance = tree_label(user, Cap.VIEW_RECORDS)
        self.fields["responsible"].queryset = reviewer_choices(user)
        self.fields["responsible"].initial = user.pk
        self.fields["due_month"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        if not (data.get("population") or "").strip() and not data.get("count"):
            self.add_error(
                "population", _("Klistra in ärenden per enhet eller ange antal per enhet.")
            )
        return data


class InspectionFilterForm(forms.Form):
    node = forms.ModelChoiceField(
        label=_("Enhet"), queryset=None, required=False, empty_label=_("Alla jag ser")
    )
    year = forms.IntegerField(label=_("År"), required=False, min_value=2000, max_value=2100)
    responsible = forms.ChoiceField(
        label=_("Ansvarig"), required=False, choices=[("", _("Alla")), ("me", _("Jag"))]
    )
    open = forms.BooleanField(label=_("Bara ej klara"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["node"] = _node_field(user, Cap.VIEW_RECORDS, _("Enhet"), required=False)
        self.fields["node"].empty_label = _("Alla jag ser")

    def apply(self, queryset, user):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["node"]:
            queryset = queryset.filter(node__path__startswith=data["node"].path)
        if data["year"]:
            queryset = queryset.in_year(data["year"])
        if data["responsible"] == "me":
            queryset = queryset.filter(responsible=user)
        if data["open"]:
            queryset = queryset.open()
        return queryset


class AnswerForm(forms.Form):
    """One field for the value and one for the reason of every question of a version."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, inspection: Inspection, questions: list[Question], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[f"value_{question.pk}"] = self._value_field(question)
            if question.takes_reason:
                self.fields[f"reason_{question.pk}"] = forms.CharField(
                    label=_("Motivering"),
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
        self.fields["summary"] = forms.CharField(
            label=_("Sammanfattning och iakttagelser"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_("Skriv aldrig namn eller personnummer."),
        )

    @staticmethod
    def _value_field(question: Question) -> forms.Field:
        label = question.text
        if question.answer_type == AnswerType.CHOICE:
            return forms.ChoiceField(
                label=label, choices=Choice.choices, widget=forms.RadioSelect, required=False
            )
        if question.answer_type == AnswerType.SCALE:
            return forms.ChoiceField(
                label=label, choices=SCALE_VALUES, widget=forms.RadioSelect, required=False
            )
        if question.answer_type == AnswerType.NUMBER:
            return forms.DecimalField(label=label, required=False, max_digits=12, decimal_places=2)
        if question.answer_type == AnswerType.DATE:
            return forms.DateField(label=label, required=False, widget=DateInput())
        return forms.CharField(
            label=label, required=False, widget=forms.Textarea(attrs={"rows": 3})
        )

    def rows(self):
        """(question, value field, reason field or None), section by section."""
        return [
            (
                q,
                self[f"value_{q.pk}"],
                self[f"reason_{q.pk}"] if q.takes_reason else None,
            )
            for q in self.questions
        ]

    def answers(self) -> dict:
        return {
            q.pk: {
                "value": self.cleaned_data.get(f"value_{q.pk}"),
                "reason": self.cleaned_data.get(f"reason_{q.pk}", ""),
            }
            for q in self.questions
        }


def initial_answers(inspection: Inspection) -> dict:
    initial: dict = {"version": inspection.version, "summary": inspection.summary}
    for answer in inspection.answers.all():
        value: object = answer.choice or answer.text
        if answer.number is not None:
            value = answer.number
        elif answer.date is not None:
            value = answer.date
        initial[f"value_{answer.question_id}"] = value
        initial[f"reason_{answer.question_id}"] = answer.reason
    return initial


class FindingActionForm(forms.Form):
    title = forms.CharField(label=_("Åtgärd"), max_length=200)
    due_date = forms.DateField(label=_("Klart senast"), required=False, widget=DateInput())

    def clean_due_date(self):
        due = self.cleaned_data.get("due_date")
        if due and due < dt.date.today():
            raise forms.ValidationError(_("Datumet har redan passerat. Välj ett datum från i dag."))
        return due
