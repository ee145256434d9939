"""The handlers' pages: register, triage, investigate, reply, close, and the statistics."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kvalitetsnav.access.policies import get_for_user, has_cap
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.actions.models import Action
from kvalitetsnav.core import panels
from kvalitetsnav.core.models import OrgNode
from kvalitetsnav.core.views import apply_errors, paginate, record_context
from kvalitetsnav.lib.personnummer import find_identity_numbers

from . import services, statistics, trends
from .forms import (
    ActionFromFeedbackForm,
    FilterForm,
    InvestigationForm,
    RegisterForm,
    ReplyForm,
    TriageForm,
    VersionForm,
)
from .models import Feedback
from .policies import policy
from .public_texts import LANGUAGE_NAMES

MASK = "•••••• - ••••"


def _masked(text: str) -> str:
    for found in find_identity_numbers(text):
        text = text.replace(found, MASK)
    return text


@login_required
def feedback_list(request: HttpRequest) -> HttpResponse:
    visible = policy.visible_to(request.user)
    if not has_cap(request.user, Cap.VIEW_RECORDS) and not has_cap(
        request.user, Cap.MANAGE_RECORDS
    ):
        raise PermissionDenied
    form = FilterForm(request.GET or None, user=request.user)
    items = form.apply(visible, request.user).select_related("node", "handler")
    page = paginate(request, items)
    return render(
        request,
        "feedback/list.html",
        {"filter_form": form, "page": page, "today": timezone.localdate()},
    )


@login_required
def feedback_register(request: HttpRequest) -> HttpResponse:
    form = RegisterForm(request.POST or None, user=request.user)
    if not form.fields["node"].queryset.exists():
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            feedback, code = services.feedback_register(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Synpunkten är registrerad som %(number)s. Avsändarens hemliga kod är "
                    "%(code)s: ge den till avsändaren nu, den visas bara en gång."
                )
                % {"number": feedback.receipt_number, "code": code},
            )
            return redirect(feedback)
    return render(request, "feedback/register.html", {"form": form})


def _detail(request: HttpRequest, feedback: Feedback, status: int = 200, **forms) -> HttpResponse:
    user = request.user
    can_handle = policy.can(user, "handle", feedback)
    version = {"version": feedback.version}
    context = {
        "feedback": feedback,
        "can_handle": can_handle,
        "today": timezone.localdate(),
        "language_name": LANGUAGE_NAMES.get(feedback.language, feedback.language),
        "has_identity_number": feedback.identity_numbers_found(),
        # Identity numbers in the sender's text are masked for everyone but the handlers.
        "description": feedback.description if can_handle else _masked(feedback.description),
        "wish": feedback.wish if can_handle else _masked(feedback.wish),
        "follow_ups": [
            (f, f.text if can_handle else _masked(f.text)) for f in feedback.follow_ups.all()
        ],
        "actions": Action.objects.linked_to(feedback).select_related("owner"),
        "panels": panels.render_panels(request, feedback),
        **record_context(request, feedback, policy),
    }
    if can_handle:
        context.update(
            triage_form=forms.get("triage_form")
            or TriageForm(
                user=user,
                feedback=feedback,
                initial={
                    **version,
                    "node": feedback.node_id,
                    "handler": feedback.handler_id or user.pk,
                    "kind": feedback.kind,
                    "theme": feedback.theme,
                },
            ),
            investigation_form=forms.get("investigation_form")
            or InvestigationForm(initial={**version, "investigation": feedback.investigation}),
            reply_form=forms.get("reply_form") or ReplyForm(initial=version),
            close_form=forms.get("close_form") or VersionForm(initial=version),
            action_form=forms.get("action_form") or ActionFromFeedbackForm(user=user),
        )
    return render(request, "feedback/detail.html", context, status=status)


@login_required
def feedback_detail(request: HttpRequest, pk) -> HttpResponse:
    return _detail(request, get_for_user(request.user, Feedback, pk))


def _post(request, pk, form_name, make_form, call, done_message):
    feedback = get_for_user(request.user, Feedback, pk, "handle")
    form = make_form(feedback)
    if form.is_valid():
        try:
            call(feedback, form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, done_message)
            return redirect(feedback)
    feedback.refresh_from_db()
    return _detail(request, feedback, status=400, **{form_name: form})


@require_POST
@login_required
def feedback_triage(request: HttpRequest, pk) -> HttpResponse:
    return _post(
        request,
        pk,
        "triage_form",
        lambda f: TriageForm(request.POST, user=request.user, feedback=f),
        lambda f, d: services.feedback_triage(actor=request.user, feedback=f, **d),
        _("Synpunkten är fördelad."),
    )


@require_POST
@login_required
def feedback_investigate(request: HttpRequest, pk) -> HttpResponse:
    return _post(
        request,
        pk,
        "investigation_form",
        lambda f: InvestigationForm(request.POST),
        lambda f, d: services.feedback_investigate(actor=request.user, feedback=f, **d),
        _("Utredningen är sparad."),
    )


@require_POST
@login_required
def feedback_reply(request: HttpRequest, pk) -> HttpResponse:
    return _post(
        request,
        pk,
        "reply_form",
        lambda f: ReplyForm(request.POST),
        lambda f, d: services.feedback_reply(actor=request.user, feedback=f, **d),
        _("Återkopplingen är registrerad."),
    )


@require_POST
@login_required
def feedback_close(request: HttpRequest, pk) -> HttpResponse:
    return _post(
        request,
        pk,
        "close_form",
        lambda f: VersionForm(request.POST),
        lambda f, d: services.feedback_close(actor=request.user, feedback=f, **d),
        _("Synpunkten är avslutad."),
    )


@require_POST
@login_required
def feedback_action(request: HttpRequest, pk) -> HttpResponse:
    return _post(
        request,
        pk,
        "action_form",
        lambda f: ActionFromFeedbackForm(request.POST, user=request.user),
        lambda f, d: services.feedback_create_action(actor=request.user, feedback=f, **d),
        _("Åtgärden är skapad och kopplad till synpunkten."),
    )


@login_required
def feedback_statistics(request: HttpRequest) -> HttpResponse:
    """Counts per unit, department, kind, theme, area and month; aggregates only."""
    if not has_cap(request.user, Cap.VIEW_AGGREGATES):
        raise PermissionDenied
    try:
        year = int(request.GET.get("ar") or timezone.localdate().year)
        dt.date(year, 1, 1)
    except ValueError:
        year = timezone.localdate().year
    report = statistics.compile_report(request.user, year=year)
    return render(
        request,
        "feedback/statistics.html",
        {
            "report": report,
            "year": year,
            "years": range(timezone.localdate().year, timezone.localdate().year - 5, -1),
            "can_list": has_cap(request.user, Cap.VIEW_RECORDS)
            or has_cap(request.user, Cap.MANAGE_RECORDS),
        },
    )


TREND_PERIODS = (12, 24, 36)


@login_required
def feedback_trends(request: HttpRequest) -> HttpResponse:
    """Counts per theme and unit over months, with real changes against their own history."""
    if not has_cap(request.user, Cap.VIEW_AGGREGATES):
        raise PermissionDenied
    boards = OrgNode.objects.boards().active().order_by("name")
    board = boards.filter(code=request.GET.get("namnd") or "").first()
    try:
        months = int(request.GET.get("manader") or TREND_PERIODS[0])
    except ValueError:
        months = TREND_PERIODS[0]
    if months not in TREND_PERIODS:
        months = TREND_PERIODS[0]
    report = trends.compile_trends(
        request.user, today=timezone.localdate(), months=months, board=board
    )
    return render(
        request,
        "feedback/trends.html",
        {
            "report": report,
            "boards": boards,
            "board": board,
            "months": months,
            "periods": TREND_PERIODS,
            "can_list": has_cap(request.user, Cap.VIEW_RECORDS)
            or has_cap(request.user, Cap.MANAGE_RECORDS),
        },
    )
