"""Pages for required training: the share per unit, and a manager's registration form."""

from __future__ import annotations

from collections import defaultdict

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kvalitetsnav.access.policies import has_cap, nodes_with
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.accounts.models import User
from kvalitetsnav.actions.forms import DateInput
from kvalitetsnav.core.models import OperationKind, OrgNode
from kvalitetsnav.core.views import apply_errors

from . import training
from .models import Training, TrainingCompletion, TrainingRequirement


class CompletionForm(forms.Form):
    training = forms.ModelChoiceField(
        label=gettext_lazy("Utbildning"), queryset=Training.objects.none(), empty_label=None
    )
    users = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Medarbetare som har gått utbildningen"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Välj minst en medarbetare.")},
    )
    completed_on = forms.DateField(
        label=gettext_lazy("Datum"),
        widget=DateInput(),
        error_messages={"invalid": gettext_lazy("Ange ett datum som ÅÅÅÅ-MM-DD.")},
    )

    def __init__(self, *args, trainings, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["training"].queryset = trainings
        self.fields["users"].queryset = staff
        self.fields["users"].label_from_instance = lambda u: u.get_full_name() or u.username


@login_required
def training_overview(request: HttpRequest) -> HttpResponse:
    """Every unit the user may follow: the share of trained staff against each requirement."""
    user = request.user
    if not has_cap(user, Cap.VIEW_AGGREGATES):
        raise PermissionDenied
    rows = training.unit_shares(nodes_with(user, Cap.VIEW_AGGREGATES))
    managed = {node.pk for node in nodes_with(user, Cap.MANAGE_RECORDS).filter(level="enhet")}
    return render(
        request,
        "routines/training_overview.html",
        {
            "rows": rows,
            "managed": managed,
            "below": sum(1 for row in rows if row.below),
            "can_manage": has_cap(user, Cap.MANAGE_RECORDS),
        },
    )


def _unit_page(request: HttpRequest, unit: OrgNode, form=None) -> HttpResponse:
    rows = training.unit_shares(OrgNode.objects.filter(pk=unit.pk))
    staff_ids = rows[0].staff_ids if rows else set()
    staff = User.objects.filter(pk__in=staff_ids).order_by("first_name", "last_name")
    trainings = Training.objects.filter(pk__in=[row.requirement.training_id for row in rows])
    done: dict = defaultdict(dict)  # user id → {training id: date}
    for completion in TrainingCompletion.objects.filter(
        user_id__in=staff_ids, training__in=trainings
    ).only("user_id", "training_id", "completed_on"):
        done[completion.user_id][completion.training_id] = completion.completed_on
    people = [
        {
            "user": person,
            "dates": [
                (row.requirement.training.name, done[person.pk].get(row.requirement.training_id))
                for row in rows
            ],
        }
        for person in staff
    ]
    if form is None:
        form = CompletionForm(
            trainings=trainings,
            staff=staff,
            initial={"completed_on": timezone.localdate()},
        )
    return render(
        request,
        "routines/training_unit.html",
        {"unit": unit, "rows": rows, "people": people, "form": form if rows else None},
    )


@login_required
def training_unit(request: HttpRequest, pk) -> HttpResponse:
    """One unit: the share per requirement, who has completed what, and registration."""
    unit = OrgNode.objects.filter(pk=pk).first()
    if unit is None:
        raise Http404
    if not has_cap(request.user, Cap.MANAGE_RECORDS, unit):
        raise PermissionDenied
    if request.method != "POST":
        return _unit_page(request, unit)
    rows = training.unit_shares(OrgNode.objects.filter(pk=unit.pk))
    staff_ids = rows[0].staff_ids if rows else set()
    form = CompletionForm(
        request.POST,
        trainings=Training.objects.filter(pk__in=[row.requirement.training_id for row in rows]),
        staff=User.objects.filter(pk__in=staff_ids),
    )
    if form.is_valid():
        try:
            saved = training.training_complete(
                actor=request.user,
                training=form.cleaned_data["training"],
                users=form.cleaned_data["users"],
                completed_on=form.cleaned_data["completed_on"],
                unit=unit,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(n)s genomförda utbildningar är registrerade.") % {"n": len(saved)},
            )
            return redirect("routines:training_unit", pk=unit.pk)
    return _unit_page(request, unit, form=form)


class RequirementForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Utbildning"),
        max_length=200,
        help_text=gettext_lazy("Finns utbildningen redan används den, annars läggs den till."),
    )
    description = forms.CharField(
        label=gettext_lazy("Beskrivning"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    node = forms.ModelChoiceField(
        label=gettext_lazy("Gäller enheterna under"), queryset=OrgNode.objects.none()
    )
    operation_kind = forms.ChoiceField(
        label=gettext_lazy("Bara verksamheter av slaget"), required=False
    )
    required_percent = forms.IntegerField(
        label=gettext_lazy("Krav på andel utbildad personal (%)"),
        min_value=1,
        max_value=100,
        initial=80,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = (
            nodes_with(user, Cap.MANAGE_RECORDS).filter(is_active=True).order_by("path")
        )
        self.fields["operation_kind"].choices = [
            ("", gettext_lazy("Alla enheter")),
            *OperationKind.choices,
        ]


@login_required
def training_requirements(request: HttpRequest) -> HttpResponse:
    """The requirements that apply where the user manages, and a form to add one."""
    user = request.user
    if not has_cap(user, Cap.MANAGE_RECORDS):
        raise PermissionDenied
    form = RequirementForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            course = Training.objects.filter(name__iexact=data["name"].strip()).first()
            if course is None:
                course = training.training_create(
                    actor=user, name=data["name"], description=data["description"]
                )
            training.requirement_set(
                actor=user,
                training=course,
                node=data["node"],
                required_percent=data["required_percent"],
                operation_kind=data["operation_kind"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Utbildningskravet är sparat."))
            return redirect("routines:training_requirements")
    requirements = (
        TrainingRequirement.objects.filter(
            node__in=nodes_with(user, Cap.MANAGE_RECORDS).values("pk")
        )
        .select_related("training", "node")
        .order_by("training__name", "node__path")
    )
    return render(
        request,
        "routines/training_requirements.html",
        {"form": form, "requirements": requirements},
    )
