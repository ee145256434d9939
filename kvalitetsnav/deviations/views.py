"""Pages for deviations: thin views over the policy, forms and services."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kvalitetsnav.access.policies import get_for_user, has_cap
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.actions.models import Action
from kvalitetsnav.core import panels
from kvalitetsnav.core.views import apply_errors, paginate, record_context

from . import services, statistics
from .forms import (
    AnalysisForm,
    CloseForm,
    CreateActionForm,
    DeviationFilterForm,
    FeedbackForm,
    ReportForm,
    VersionForm,
)
from .models import Deviation
from .policies import can_list, can_report, policy


@login_required
def deviation_report(request: HttpRequest) -> HttpResponse:
    """Rapportera avvikelse: unit, when, category and two texts; the rest is optional."""
    if not can_report(request.user):
        raise PermissionDenied
    form = ReportForm(request.POST or None, user=request.user)
    if form.is_valid():
        try:
            deviation = services.deviation_report(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("deviations:receipt", pk=deviation.pk)
    return render(request, "deviations/report.html", {"form": form})


@login_required
def deviation_receipt(request: HttpRequest, pk) -> HttpResponse:
    deviation = get_for_user(request.user, Deviation, pk)
    return render(request, "deviations/receipt.html", {"deviation": deviation})


@login_required
def deviation_mine(request: HttpRequest) -> HttpResponse:
    """Mina rapporter: what the user reported, its status and the manager's feedback."""
    if not can_report(request.user):
        raise PermissionDenied
    mine = Deviation.objects.reported_by(request.user).select_related("node", "category")
    return render(request, "deviations/mine.html", {"page": paginate(request, mine)})


@login_required
def deviation_list(request: HttpRequest) -> HttpResponse:
    """The deviations of the units the user manages or inspects, filtered in the database."""
    user = request.user
    if not can_list(user):
        if can_report(user):
            return redirect("deviations:mine")
        if has_cap(user, Cap.VIEW_AGGREGATES):
            return redirect("deviations:statistics")
        raise PermissionDenied
    form = DeviationFilterForm(request.GET or None, user=user)
    deviations = form.apply(policy.visible_to(user)).select_related("node", "category")
    page = paginate(request, deviations)
    template = "deviations/_list_results.html" if request.htmx else "deviations/list.html"
    return render(request, template, {"filter_form": form, "page": page})


def _detail(request: HttpRequest, deviation: Deviation, **forms_) -> HttpResponse:
    user = request.user
    version = {"version": deviation.version}
    can_handle = policy.can(user, "handle", deviation)
    can_read_analysis = policy.can(user, "read_analysis", deviation)
    analysis_initial = {
        **version,
        "analysis_what": deviation.analysis_what,
        "analysis_why": deviation.analysis_why,
        "factors": list(deviation.factors.all()) if can_handle else [],
    }
    context = {
        "deviation": deviation,
        "is_reporter": deviation.reported_by_id == user.pk,
        "can_handle": can_handle,
        "can_read_analysis": can_read_analysis,
        "factors": deviation.factors.all() if can_read_analysis else [],
        "linked_actions": (
            Action.objects.linked_to(deviation).select_related("owner") if can_read_analysis else []
        ),
        "start_form": forms_.get("start_form") or VersionForm(initial=version),
        "analysis_form": forms_.get("analysis_form") or AnalysisForm(initial=analysis_initial),
        "remedy_form": forms_.get("remedy_form") or VersionForm(initial=version),
        "feedback_form": forms_.get("feedback_form")
        or FeedbackForm(initial={**version, "feedback": deviation.feedback_to_reporter}),
        "close_form": forms_.get("close_form") or CloseForm(initial=version),
        "action_form": forms_.get("action_form") or CreateActionForm(user=user),
        "panels": panels.render_panels(request, deviation) if can_handle else [],
        **record_context(request, deviation, policy),
    }
    return render(request, "deviations/detail.html", context)


@login_required
def deviation_detail(request: HttpRequest, pk) -> HttpResponse:
    deviation = get_for_user(request.user, Deviation, pk)
    deviation = Deviation.objects.select_related(
        "node", "category", "reported_by", "handler", "feedback_by", "closed_by"
    ).get(pk=deviation.pk)
    services.deviation_mark_feedback_read(actor=request.user, deviation=deviation)
    return _detail(request, deviation)


def _post(request, pk, form_class, form_name, call, done_message, form_kwargs=None):
    deviation = get_for_user(request.user, Deviation, pk, "handle")
    form = form_class(request.POST, **(form_kwargs or {}))
    if form.is_valid():
        try:
            call(deviation, form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, done_message)
            return redirect(deviation)
    return _detail(request, deviation, **{form_name: form})


@require_POST
@login_required
def deviation_start(request: HttpRequest, pk) -> HttpResponse:
    return _post(
        request,
        pk,
        VersionForm,
        "start_form",
        lambda d, data: services.deviation_start_investigation(
            actor=request.user, deviation=d, version=data["version"]
        ),
        _("Du utreder nu avvikelsen."),
    )


@require_POST
@login_required
def deviation_analysis(request: HttpRequest, pk) -> HttpResponse:
    return _post(
        request,
        pk,
        AnalysisForm,
        "analysis_form",
        lambda d, data: services.deviation_record_analysis(
            actor=request.user,
            deviation=d,
            version=data["version"],
            analysis_what=data["analysis_what"],
            analysis_why=data["analysis_why"],
            factors=data["factors"],
        ),
        _("Analysen är sparad."),
    )


@require_POST
@login_required
def deviation_remedied(request: HttpRequest, pk) -> HttpResponse:
    return _post(
        request,
        pk,
        VersionForm,
        "remedy_form",
        lambda d, data: services.deviation_mark_remedied(
            actor=request.user, deviation=d, version=data["version"]
        ),
        _("Avvikelsen är markerad som åtgärdad."),
    )


@require_POST
@login_required
def deviation_feedback(request: HttpRequest, pk) -> HttpResponse:
    return _post(
        request,
        pk,
        FeedbackForm,
        "feedback_form",
        lambda d, data: services.deviation_give_feedback(
            actor=request.user, deviation=d, version=data["version"], feedback=data["feedback"]
        ),
        _("Återkopplingen är skickad till den som rapporterade."),
    )


@require_POST
@login_required
def deviation_close(request: HttpRequest, pk) -> HttpResponse:
    return _post(
        request,
        pk,
        CloseForm,
        "close_form",
        lambda d, data: services.deviation_close(
            actor=request.user, deviation=d, version=data["version"], reason=data["reason"]
        ),
        _("Avvikelsen är avslutad."),
    )


@require_POST
@login_required
def deviation_create_action(request: HttpRequest, pk) -> HttpResponse:
    return _post(
        request,
        pk,
        CreateActionForm,
        "action_form",
        lambda d, data: services.deviation_create_action(actor=request.user, deviation=d, **data),
        _("Åtgärden är registrerad och kopplad till avvikelsen."),
        form_kwargs={"user": request.user},
    )


class StatisticsForm(forms.Form):
    board = forms.ChoiceField(label=gettext_lazy("Nämnd"), required=False)

    def __init__(self, *args, boards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"] = forms.IntegerField(
            label=_("År"), min_value=2000, max_value=timezone.localdate().year + 1, required=False
        )
        self.fields["board"].choices = [("", _("Alla jag ser"))] + [
            (b.code, b.name) for b in boards
        ]
        self.order_fields(["year", "board"])


@login_required
def deviation_statistics(request: HttpRequest) -> HttpResponse:
    """Counts per unit, department, category and month for a year; each links to its list."""
    user = request.user
    if not has_cap(user, Cap.VIEW_AGGREGATES):
        raise PermissionDenied
    boards = statistics.boards_in_scope(user)
    form = StatisticsForm(request.GET or None, boards=boards)
    year = timezone.localdate().year
    board = None
    if form.is_valid():
        year = form.cleaned_data["year"] or year
        code = form.cleaned_data["board"]
        board = next((b for b in boards if b.code == code), None)
    stats = statistics.deviation_statistics(user, year, board)
    lex = statistics.lex_counts(user, year, board)
    lex = statistics.lex_table(lex) if lex else None
    return render(request, "deviations/statistics.html", {"form": form, "stats": stats, "lex": lex})
