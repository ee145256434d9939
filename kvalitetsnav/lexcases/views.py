"""Pages for lex Sarah and lex Maria cases: thin views over the policy, forms and services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kvalitetsnav.access.policies import get_for_user, has_cap
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.actions.models import Action
from kvalitetsnav.core import audit
from kvalitetsnav.core.models import OrgNode
from kvalitetsnav.core.views import apply_errors, paginate, record_context

from . import ivo_report, services, statistics
from .forms import (
    AnalysisItemForm,
    AssessForm,
    CloseEarlyForm,
    CloseForm,
    EntryForm,
    IvoDecisionForm,
    IvoReportForm,
    LexActionForm,
    LexCaseEditForm,
    LexCaseForm,
    LexFilterForm,
    VersionForm,
)
from .models import AnalysisSection, LexCase, LexKind
from .policies import may_report, policy

_OPEN_FIELDS = LexCaseForm.Meta.fields


def may_list(user) -> bool:
    """Whoever may report, handle or read cases; nämnd and revisor see statistics only."""
    return may_report(user) or has_cap(user, Cap.VIEW_RECORDS)


@login_required
def lex_list(request: HttpRequest) -> HttpResponse:
    if not may_list(request.user):
        raise PermissionDenied
    form = LexFilterForm(request.GET or None, user=request.user)
    cases = form.apply(policy.visible_to(request.user))
    page = paginate(request, cases.select_related("node"))
    template = "lexcases/_list_results.html" if request.htmx else "lexcases/list.html"
    return render(
        request,
        template,
        {
            "filter_form": form,
            "page": page,
            "today": timezone.localdate(),
            "can_report": may_report(request.user),
        },
    )


@login_required
def lex_overdue(request: HttpRequest) -> HttpResponse:
    """Cases past an internal target, for the department and the administration."""
    if not has_cap(request.user, Cap.VIEW_RECORDS):
        raise PermissionDenied
    cases = policy.visible_to(request.user).overdue().order_by("received_at")
    page = paginate(request, cases.select_related("node"))
    return render(request, "lexcases/overdue.html", {"page": page, "today": timezone.localdate()})


def _open(request: HttpRequest, form: LexCaseForm, **source) -> HttpResponse | None:
    if not form.is_valid():
        return None
    data = {name: form.cleaned_data[name] for name in _OPEN_FIELDS}
    try:
        case = services.lex_case_open(actor=request.user, **source, **data)
    except ValidationError as exc:
        apply_errors(form, exc)
        return None
    messages.success(
        request,
        _("Rapporten är registrerad som %(reference)s. Tack för att du rapporterade.")
        % {"reference": case.reference},
    )
    return redirect(case)


@login_required
def lex_create(request: HttpRequest) -> HttpResponse:
    """Report misconduct (lex Sarah) or a vårdskada (lex Maria): everyone must, at once."""
    if not may_report(request.user):
        raise PermissionDenied
    kind = request.GET.get("typ")
    initial = {"kind": kind if kind in LexKind.values else LexKind.LEX_SARAH}
    if request.active_node:
        initial["node"] = request.active_node
    form = LexCaseForm(request.POST or None, user=request.user, initial=initial)
    return _open(request, form) or render(
        request, "lexcases/form.html", {"form": form, "title": _("Rapportera missförhållande")}
    )


@login_required
def lex_create_from_deviation(request: HttpRequest, deviation_pk) -> HttpResponse:
    """Open a case from a deviation, prefilled from it; for those who handle the deviation."""
    from kvalitetsnav.deviations.models import Deviation

    deviation = get_for_user(request.user, Deviation, deviation_pk)
    if not has_cap(request.user, Cap.MANAGE_RECORDS, deviation.node):
        raise PermissionDenied
    kind = request.GET.get("typ")
    initial = {
        "kind": kind if kind in LexKind.values else LexKind.LEX_SARAH,
        "node": deviation.node,
        "title": str(deviation.category)[:200],
        "occurred_at": timezone.localtime(deviation.occurred_at).replace(second=0, microsecond=0),
        "description": deviation.description,
        "immediate_measures": deviation.immediate_action,
        "person_ref": deviation.person_ref,
    }
    form = LexCaseForm(request.POST or None, user=request.user, initial=initial)
    return _open(request, form, deviation=deviation) or render(
        request,
        "lexcases/form.html",
        {"form": form, "title": _("Öppna ärende från avvikelse"), "deviation": deviation},
    )


@login_required
def lex_create_from_feedback(request: HttpRequest, feedback_pk) -> HttpResponse:
    """Open a lex Sarah case from a complaint that may reveal misconduct, keeping the link."""
    from kvalitetsnav.feedback.models import Feedback
    from kvalitetsnav.feedback.policies import policy as feedback_policy

    feedback = get_for_user(request.user, Feedback, feedback_pk)
    if not feedback_policy.can(request.user, "handle", feedback):
        raise PermissionDenied
    initial = {
        "kind": LexKind.LEX_SARAH,
        "node": feedback.node if feedback.node and feedback.node.is_unit else None,
        "title": str(feedback)[:200],
        "received_at": timezone.localtime().replace(second=0, microsecond=0),
        "description": feedback.description,
        "how_noticed": _("Genom synpunkt eller klagomål %(receipt)s.")
        % {"receipt": feedback.receipt_number},
    }
    form = LexCaseForm(request.POST or None, user=request.user, initial=initial)
    return _open(request, form, feedback=feedback) or render(
        request,
        "lexcases/form.html",
        {"form": form, "title": _("Öppna lex Sarah-ärende från synpunkt"), "feedback": feedback},
    )


def _detail(request: HttpRequest, case: LexCase, **forms) -> HttpResponse:
    user = request.user
    version = {"version": case.version}
    can = {name: policy.can(user, name, case) for name in ("change", "assess", "close")}
    items = list(case.analysis_items.select_related("added_by"))
    context = {
        "case": case,
        "can_change": can["change"] and case.is_open,
        "can_assess": can["assess"],
        "can_document": policy.can(user, "document", case),
        "targets": case.targets(),
        "entries": case.entries.select_related("written_by"),
        "analysis": [
            (value, label, [i for i in items if i.section == value])
            for value, label in AnalysisSection.choices
        ],
        "actions": Action.objects.linked_to(case).select_related("owner"),
        "entry_form": forms.get("entry_form") or EntryForm(),
        "analysis_form": forms.get("analysis_form") or AnalysisItemForm(),
        "action_form": forms.get("action_form") or LexActionForm(user=user),
        "complete_form": forms.get("complete_form") or VersionForm(initial=version),
        "assess_form": forms.get("assess_form") or AssessForm(initial=version),
        "ivo_form": forms.get("ivo_form") or IvoReportForm(initial=version),
        "decision_form": forms.get("decision_form") or IvoDecisionForm(initial=version),
        "close_form": forms.get("close_form") or CloseForm(initial=version),
        "close_early_form": forms.get("close_early_form") or CloseEarlyForm(initial=version),
        **record_context(request, case, policy),
    }
    return render(request, "lexcases/detail.html", context)


@login_required
def lex_detail(request: HttpRequest, pk) -> HttpResponse:
    return _detail(request, get_for_user(request.user, LexCase, pk))


@login_required
def lex_edit(request: HttpRequest, pk) -> HttpResponse:
    case = get_for_user(request.user, LexCase, pk, "change")
    if not case.is_open:
        raise PermissionDenied
    form = LexCaseEditForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.lex_case_update(
                actor=request.user,
                case=LexCase.objects.get(pk=pk),
                version=form.cleaned_data["version"],
                **fields,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect(case)
    return render(
        request, "lexcases/form.html", {"form": form, "title": _("Ändra uppgifter"), "case": case}
    )


def _post(request, pk, permission, form, form_name, call, done: str) -> HttpResponse:
    """Bind a form on the case page, call the service, redirect or show the page again."""
    case = get_for_user(request.user, LexCase, pk, permission)
    if form.is_valid():
        try:
            call(case, form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect(case)
    return _detail(request, case, **{form_name: form})


@require_POST
@login_required
def lex_add_entry(request: HttpRequest, pk) -> HttpResponse:
    return _post(
        request, pk, "change", EntryForm(request.POST), "entry_form",
        lambda c, d: services.lex_case_add_entry(actor=request.user, case=c, **d),
        _("Anteckningen är sparad."),
    )  # fmt: skip


@require_POST
@login_required
def lex_add_analysis(request: HttpRequest, pk) -> HttpResponse:
    return _post(
        request, pk, "change", AnalysisItemForm(request.POST), "analysis_form",
        lambda c, d: services.lex_case_add_analysis_item(actor=request.user, case=c, **d),
        _("Händelseanalysen är uppdaterad."),
    )  # fmt: skip


@require_POST
@login_required
def lex_add_action(request: HttpRequest, pk) -> HttpResponse:
    return _post(
        request, pk, "change", LexActionForm(request.POST, user=request.user), "action_form",
        lambda c, d: services.lex_case_create_action(actor=request.user, case=c, **d),
        _("Åtgärden är registrerad i åtgärdsregistret."),
    )  # fmt: skip


@require_POST
@login_required
def lex_complete(request: HttpRequest, pk) -> HttpResponse:
    return _post(
        request, pk, "change", VersionForm(request.POST), "complete_form",
        lambda c, d: services.lex_case_complete_investigation(
            actor=request.user, case=c, version=d["version"]),
        _("Utredningen är markerad som klar."),
    )  # fmt: skip


@require_POST
@login_required
def lex_assess(request: HttpRequest, pk) -> HttpResponse:
    return _post(
        request, pk, "assess", AssessForm(request.POST), "assess_form",
        lambda c, d: services.lex_case_assess(actor=request.user, case=c, **d),
        _("Bedömningen är sparad."),
    )  # fmt: skip


@require_POST
@login_required
def lex_report_ivo(request: HttpRequest, pk) -> HttpResponse:
    return _post(
        request, pk, "report", IvoReportForm(request.POST), "ivo_form",
        lambda c, d: services.lex_case_report_to_ivo(actor=request.user, case=c, **d),
        _("Anmälan till IVO är registrerad."),
    )  # fmt: skip


@require_POST
@login_required
def lex_ivo_decision(request: HttpRequest, pk) -> HttpResponse:
    return _post(
        request, pk, "report", IvoDecisionForm(request.POST), "decision_form",
        lambda c, d: services.lex_case_record_ivo_decision(actor=request.user, case=c, **d),
        _("IVO:s beslut är registrerat."),
    )  # fmt: skip


@require_POST
@login_required
def lex_close(request: HttpRequest, pk) -> HttpResponse:
    return _post(
        request, pk, "close", CloseForm(request.POST), "close_form",
        lambda c, d: services.lex_case_close(actor=request.user, case=c, **d),
        _("Ärendet är avslutat."),
    )  # fmt: skip


@require_POST
@login_required
def lex_close_early(request: HttpRequest, pk) -> HttpResponse:
    return _post(
        request, pk, "close", CloseEarlyForm(request.POST), "close_early_form",
        lambda c, d: services.lex_case_close_early(actor=request.user, case=c, **d),
        _("Ärendet är avslutat utan anmälan."),
    )  # fmt: skip


def _for_document(request: HttpRequest, pk, what: str) -> LexCase:
    case = get_for_user(request.user, LexCase, pk, "document")
    audit.record_read(request.user, case, what=what)
    return case


@require_GET
@login_required
def lex_ivo_docx(request: HttpRequest, pk) -> HttpResponse:
    case = _for_document(request, pk, "IVO-underlag (Word)")
    response = HttpResponse(
        ivo_report.build_docx(case),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="IVO-{case.reference}.docx"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@login_required
def lex_ivo_print(request: HttpRequest, pk) -> HttpResponse:
    case = _for_document(request, pk, "IVO-underlag (utskrift)")
    response = render(
        request,
        "lexcases/ivo_print.html",
        {"case": case, "sections": ivo_report.report_sections(case), "today": timezone.localdate()},
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def lex_statistics(request: HttpRequest) -> HttpResponse:
    """Counts per kind and department, and how many went to IVO: figures only."""
    if not has_cap(request.user, Cap.VIEW_AGGREGATES):
        raise PermissionDenied
    boards = list(OrgNode.objects.boards().active().order_by("name"))
    code = request.GET.get("namnd") or (boards[0].code if boards else "")
    board = next((b for b in boards if b.code == code), None)
    if board is None:
        raise Http404
    try:
        year = int(request.GET.get("ar") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    year = min(max(year, 2000), 2100)
    stats = statistics.board_statistics(request.user, board, year)
    return render(
        request,
        "lexcases/statistics.html",
        {"stats": stats, "boards": boards, "years": range(timezone.localdate().year, 2019, -1)},
    )
