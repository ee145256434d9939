"""Pages of case review over several districts at once, and of a template's details."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kvalitetsnav.access.policies import get_for_user, has_cap
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.core.views import apply_errors, paginate, record_context

from . import comparison, planning, services
from .forms import RoundForm, TemplateDetailsForm
from .models import Inspection, ReviewRound, Template
from .policies import may_build, review_nodes, round_policy


@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    if not has_cap(request.user, Cap.VIEW_RECORDS):
        raise PermissionDenied
    rounds = round_policy.visible_to(request.user).select_related(
        "template_version__template", "scope"
    )
    return render(
        request,
        "inspections/round_list.html",
        {
            "page": paginate(request, rounds.order_by("-created_at")),
            "can_draw": review_nodes(request.user).exists(),
        },
    )


@login_required
def round_create(request: HttpRequest) -> HttpResponse:
    if not review_nodes(request.user).exists():
        raise PermissionDenied
    form = RoundForm(request.POST or None, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        nodes = list(data["nodes"])
        try:
            if data["population"].strip():
                populations = planning.parse_round_population(data["population"], nodes)
            else:
                populations = planning.round_population_from_count(nodes, data["count"])
            review_round = planning.round_draw(
                actor=request.user,
                version=data["template"].latest_published(),
                title=data["title"],
                nodes=nodes,
                populations=populations,
                size_per_node=data["size_per_node"],
                due_month=data["due_month"],
                seed=data["seed"],
                responsible=data["responsible"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(n)s ärenden är dragna, %(size)s per enhet.")
                % {
                    "n": len(nodes) * review_round.size_per_node,
                    "size": review_round.size_per_node,
                },
            )
            return redirect(review_round)
    return render(
        request,
        "inspections/form.html",
        {
            "form": form,
            "title": _("Ny aktgranskning i flera stadsdelar"),
            "submit": _("Dra ärendena"),
            "intro": _(
                "Lika många ärenden dras slumpvis i varje vald enhet eller stadsdel, och ett "
                "granskningsprotokoll skapas för varje ärende. Slumpfröet sparas så att "
                "dragningen kan upprepas och kontrolleras."
            ),
        },
    )


@login_required
def round_detail(request: HttpRequest, pk) -> HttpResponse:
    """The drawn cases per district, their review, and the comparison across districts."""
    review_round = get_for_user(request.user, ReviewRound, pk)
    result = comparison.compare(review_round)
    protocols = defaultdict(list)
    for inspection in Inspection.objects.filter(sample__round=review_round).order_by(
        "case_reference"
    ):
        protocols[inspection.sample_id].append(inspection)
    for row in result.districts:
        row.protocols = protocols[row.sample.pk]
    return render(
        request,
        "inspections/round.html",
        {
            "round": review_round,
            "result": result,
            **record_context(request, review_round, round_policy),
        },
    )


@login_required
def template_details(request: HttpRequest, pk) -> HttpResponse:
    """Change a template's name, description and owner; its versions stay as they are."""
    template = get_for_user(request.user, Template, pk, "change")
    form = TemplateDetailsForm(
        request.POST or None,
        instance=template,
        user=request.user,
        initial={"version": template.version},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.template_update(
                actor=request.user,
                template=Template.objects.get(pk=template.pk),
                version=data["version"],
                name=data["name"],
                description=data["description"],
                owner=data["owner"],
                purpose=data["purpose"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Mallens uppgifter är sparade."))
            return redirect(template)
    return render(
        request,
        "inspections/form.html",
        {
            "form": form,
            "title": _("Ändra mallens uppgifter"),
            "intro": _(
                "Namn, beskrivning och förvaltare gäller mallen. Frågorna ändras i en ny "
                "version; resultat som redan finns behåller sin version."
            ),
            "back": template.get_absolute_url(),
            "can_build": may_build(request.user, template),
        },
    )
