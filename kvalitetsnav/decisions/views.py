"""Pages of the decisions module: thin views over the policies, forms, importer and reports."""

from __future__ import annotations

import uuid
from html import escape

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kvalitetsnav.access.policies import get_for_user, has_cap
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.core.views import apply_errors, paginate, record_context

from . import charts, reports, services
from .forms import (
    BoardQuarterForm,
    DecisionRecordForm,
    OfferForm,
    PeriodForm,
    ServiceChangeForm,
)
from .models import Decision, QuarterReport, ServiceChange
from .policies import change_policy, may_import, may_mark_reported, may_read_register, policy


def _readers_only(request: HttpRequest) -> None:
    if not may_read_register(request.user):
        raise PermissionDenied


@login_required
def decision_list(request: HttpRequest) -> HttpResponse:
    _readers_only(request)
    decisions = policy.visible_to(request.user).select_related("service_kind", "node")
    status = request.GET.get("status", "")
    today = timezone.localdate()
    if status == "near":
        decisions = decisions.crossing_limit(today)
    elif status == "waiting":
        decisions = decisions.waiting()
    elif status == "over":
        decisions = decisions.waiting().filter(execution_due_on__lte=today)
    reference = request.GET.get("q", "").strip()
    if reference:
        decisions = decisions.filter(reference__icontains=reference)
    return render(
        request,
        "decisions/list.html",
        {
            "page": paginate(request, decisions),
            "status": status,
            "q": reference,
            "today": today,
            "can_import": may_import(request.user),
        },
    )


def _detail(request, decision, form=None, offer_form=None) -> HttpResponse:
    can_change = policy.can(request.user, "change", decision)
    return render(
        request,
        "decisions/detail.html",
        {
            "decision": decision,
            "offers": decision.offers.all(),
            "can_change": can_change,
            "offer_form": offer_form or OfferForm(),
            "changes": decision.changes.select_related("service_kind"),
            **record_context(request, decision, policy),
        },
    )


@login_required
def decision_detail(request: HttpRequest, pk) -> HttpResponse:
    return _detail(request, get_for_user(request.user, Decision, pk))


@login_required
def decision_create(request: HttpRequest) -> HttpResponse:
    """Register one decision by hand, for a source without a case system."""
    if not may_import(request.user):
        raise PermissionDenied
    form = DecisionRecordForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.decision_create(actor=request.user, **form.service_fields())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Beslutet är registrerat."))
            return redirect(decision)
    context = {"form": form, "title": _("Nytt beslut"), "cancel": reverse("decisions:list")}
    return render(request, "decisions/form.html", context)


@login_required
def decision_edit(request: HttpRequest, pk) -> HttpResponse:
    decision = get_for_user(request.user, Decision, pk, "change")
    form = DecisionRecordForm(
        request.POST or None,
        instance=decision,
        initial={"version": decision.version},
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_update(
                actor=request.user,
                decision=Decision.objects.select_related("node").get(pk=pk),
                version=form.cleaned_data["version"] or 0,
                **form.service_fields(),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Beslutet är uppdaterat."))
            return redirect(decision)
    title = _("Uppdatera beslut")
    context = {"form": form, "decision": decision, "title": title}
    return render(request, "decisions/form.html", context)


@login_required
@require_POST
def offer_add(request: HttpRequest, pk) -> HttpResponse:
    decision = get_for_user(request.user, Decision, pk, "change")
    form = OfferForm(request.POST)
    if form.is_valid():
        try:
            services.offer_add(actor=request.user, decision=decision, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Erbjudandet är antecknat."))
            return redirect(decision)
    return _detail(request, decision, offer_form=form)


def _table_body(rows: list[dict[str, str]]) -> SafeString:
    """The report's rows as HTML, built here: a board-quarter has hundreds of rows of 22
    cells, and the template language takes several times as long over them (issue 9)."""
    labels = [(key, escape(label)) for key, label in reports.IVO_COLUMNS]
    return mark_safe(  # every value is escaped above
        "\n".join(
            "<tr>"
            + "".join(
                f'<td data-label="{label}">{escape(row.get(key) or "–")}</td>'
                for key, label in labels
            )
            + "</tr>"
            for row in rows
        )
    )


def _report_context(request, form) -> dict:
    board, quarter = form.cleaned_data["board"], form.cleaned_data["quarter"]
    frozen = (
        QuarterReport.objects.filter(board=board, quarter=str(quarter))
        .select_related("reported_by")
        .first()
    )
    rows = (
        frozen.rows if frozen else reports.ivo_rows(board, quarter, policy.visible_to(request.user))
    )
    query = urlencode({"board": board.code, "quarter": str(quarter)})
    return {
        "board": board,
        "quarter": quarter,
        "rows": rows,
        "table": _table_body(rows),
        "columns": reports.IVO_COLUMNS,
        "frozen": frozen,
        "query": query,
        "can_mark": not frozen
        and may_mark_reported(request.user, board)
        and quarter.end < timezone.localdate(),
    }


@login_required
def ivo_report(request: HttpRequest) -> HttpResponse:
    _readers_only(request)
    form = BoardQuarterForm(request.GET, user=request.user, cap=Cap.VIEW_HISTORY)
    context = {"form": form}
    if form.is_valid():
        context |= _report_context(request, form)
    return render(request, "decisions/ivo_report.html", context)


def _download(request: HttpRequest, kind: str) -> HttpResponse:
    _readers_only(request)
    form = BoardQuarterForm(request.GET, user=request.user, cap=Cap.VIEW_HISTORY)
    if not form.is_valid():
        return render(request, "decisions/ivo_report.html", {"form": form}, status=400)
    context = _report_context(request, form)
    name = f"ivo-ej-verkstallda-{context['board'].code}-{context['quarter']}"
    if kind == "xlsx":
        body = reports.ivo_xlsx(context["rows"], str(context["quarter"]))
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = reports.ivo_csv(context["rows"])
        content_type = "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


@login_required
def ivo_report_xlsx(request: HttpRequest) -> HttpResponse:
    return _download(request, "xlsx")


@login_required
def ivo_report_csv(request: HttpRequest) -> HttpResponse:
    return _download(request, "csv")


@login_required
@require_POST
def ivo_mark_reported(request: HttpRequest) -> HttpResponse:
    _readers_only(request)
    form = BoardQuarterForm(request.POST, user=request.user, cap=Cap.VIEW_HISTORY)
    if not form.is_valid():
        return render(request, "decisions/ivo_report.html", {"form": form}, status=400)
    board, quarter = form.cleaned_data["board"], form.cleaned_data["quarter"]
    if not may_mark_reported(request.user, board):
        raise PermissionDenied
    try:
        services.quarter_mark_reported(
            actor=request.user, board=board, quarter=quarter, rows=reports.ivo_rows(board, quarter)
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Kvartalet är markerat som rapporterat till IVO."))
    query = urlencode({"board": board.code, "quarter": str(quarter)})
    return redirect(reverse("decisions:ivo_report") + "?" + query)


@login_required
def decision_statistics(request: HttpRequest) -> HttpResponse:
    if not has_cap(request.user, Cap.VIEW_AGGREGATES):
        raise PermissionDenied
    form = BoardQuarterForm(request.GET, user=request.user, cap=Cap.VIEW_AGGREGATES)
    context = {"form": form, "can_drill": may_read_register(request.user)}
    if form.is_valid():
        board, quarter = form.cleaned_data["board"], form.cleaned_data["quarter"]
        dash = reports.dashboard(board, quarter)
        context |= {
            "stats": reports.statistics(board, quarter),
            "dash": dash,
            "count_chart": charts.bar_chart(
                [(s["quarter"], s["total"]) for s in dash["series"]],
                title=_("Rapporterbara beslut per kvartal"),
            ),
            "wait_chart": charts.bar_chart(
                [(w["quarter"], w["median_days"]) for w in dash["waits"]],
                title=_("Mediantid i dagar från beslut till verkställighet, per kvartal"),
                unit=" " + _("dagar"),
            ),
            "query": urlencode({"board": board.code, "quarter": str(quarter)}),
        }
    return render(request, "decisions/statistics.html", context)


# People whose services changed ------------------------------------------------------


@login_required
def change_list(request: HttpRequest) -> HttpResponse:
    _readers_only(request)
    form = PeriodForm(request.GET, user=request.user)
    context: dict = {"form": form, "can_create": may_import(request.user)}
    if form.is_valid():
        board, start, end = (form.cleaned_data[k] for k in ("board", "start", "end"))
        lacking = (
            change_policy.visible_to(request.user)
            .filter(node__path__startswith=board.path, changed_on__range=(start, end))
            .lacking_a_step()
            .select_related("node", "service_kind")
            .order_by("changed_on")
        )
        context["report"] = reports.changes_report(board, start, end)
        context["page"] = paginate(request, lacking)
    return render(request, "decisions/changes.html", context)


@login_required
def change_create(request: HttpRequest) -> HttpResponse:
    if not may_import(request.user):
        raise PermissionDenied
    decision = None
    if request.GET.get("beslut"):
        decision = (
            policy.visible_to(request.user)
            .filter(pk=_uuid_or_none(request.GET["beslut"]))
            .select_related("node", "service_kind")
            .first()
        )
    form = ServiceChangeForm(request.POST or None, user=request.user, decision=decision)
    if request.method == "POST" and form.is_valid():
        try:
            change = services.service_change_create(actor=request.user, **form.service_fields())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Förändringen är registrerad."))
            return redirect(change)
    context = {"form": form, "title": _("Ny förändrad insats"), "decision": decision}
    return render(request, "decisions/form.html", context)


def _uuid_or_none(value: str):
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


@login_required
def change_detail(request: HttpRequest, pk) -> HttpResponse:
    change = get_for_user(request.user, ServiceChange, pk)
    return render(
        request,
        "decisions/change_detail.html",
        {
            "change": change,
            "can_change": change_policy.can(request.user, "change", change),
            **record_context(request, change, change_policy),
        },
    )


@login_required
def change_edit(request: HttpRequest, pk) -> HttpResponse:
    change = get_for_user(request.user, ServiceChange, pk, "change")
    form = ServiceChangeForm(
        request.POST or None,
        instance=change,
        user=request.user,
        initial={"version": change.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.service_change_update(
                actor=request.user,
                change=ServiceChange.objects.select_related("node").get(pk=pk),
                version=form.cleaned_data["version"] or 0,
                **form.service_fields(),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Förändringen är uppdaterad."))
            return redirect(change)
    title = _("Uppdatera förändrad insats")
    return render(request, "decisions/form.html", {"form": form, "change": change, "title": title})
