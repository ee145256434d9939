"""Pages of the key figures: dashboards, a figure's control chart, entering and importing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from kvalitetsnav.access.policies import get_for_user, has_cap, nodes_with, paths_with
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.core.models import OrgNode
from kvalitetsnav.core.views import apply_errors
from kvalitetsnav.lib import spc

from . import charts, computed, services
from .forms import ImportForm, KeyFigureForm, PlanCountForm, ScopeForm, ValueForm
from .importer import import_values
from .models import KeyFigure, Source
from .policies import key_figure_policy
from .selectors import implementation_plan_summary, implementation_plan_trend
from .series import month_range, series_for

_FIGURE_FIELDS = (
    "name",
    "code",
    "description",
    "node",
    "measure",
    "target",
    "higher_is_better",
    "source",
    "computed_kind",
    "is_active",
)


def _require_aggregates(user) -> None:
    if not has_cap(user, Cap.VIEW_AGGREGATES):
        raise PermissionDenied


def _scope(request: HttpRequest) -> tuple[OrgNode, ScopeForm]:
    """The part of the organisation to show: chosen, else the active node, else the top one."""
    user = request.user
    form = ScopeForm(request.GET or None, user=user)
    chosen = form.cleaned_data.get("enhet") if form.is_valid() else None
    if chosen is None:
        active = getattr(request, "active_node", None)
        if active is not None and has_cap(user, Cap.VIEW_AGGREGATES, active):
            chosen = OrgNode.objects.get(pk=active.pk)
        else:
            top = paths_with(user, Cap.VIEW_AGGREGATES)[0]
            chosen = nodes_with(user, Cap.VIEW_AGGREGATES).filter(path=top).get()
        form = ScopeForm(initial={"enhet": chosen}, user=user)
    return chosen, form


def _figures_for(user, scope: OrgNode):
    """The active figures that apply to the scope or to something under it."""
    ancestors = [f"/{'/'.join(scope.ancestor_ids()[:i])}/" for i in range(1, scope.depth + 2)]
    return (
        key_figure_policy.visible_to(user)
        .filter(is_active=True)
        .filter(Q(node__path__in=ancestors) | Q(node__path__startswith=scope.path))
        .select_related("node")
        .order_by("name")
    )


def _records_link(user, figure: KeyFigure, scope: OrgNode, period: dt.date | None = None):
    if figure.source != Source.COMPUTED or not has_cap(user, Cap.VIEW_RECORDS, scope):
        return ""
    return computed.records_url(figure.computed_kind, scope, period)


def _scoped_url(name: str, scope: OrgNode, *args: Any) -> str:
    return f"{reverse(name, args=args)}?{urlencode({'enhet': scope.pk})}"


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Each figure's latest value, target, direction and trend for a unit, department or board."""
    user = request.user
    _require_aggregates(user)
    scope, scope_form = _scope(request)
    today = timezone.localdate()
    cards = []
    for series in series_for(_figures_for(user, scope), scope, today=today):
        figure = series.figure
        values = [float(c.value) if c.value is not None else None for c in series.cells]
        chart = series.chart()
        cards.append(
            {
                "series": series,
                "figure": figure,
                "url": _scoped_url("keyfigures:detail", scope, figure.pk),
                "records_url": _records_link(user, figure, scope),
                "spark": charts.sparkline_svg(
                    values, label=_("Utvecklingen för %(name)s") % {"name": figure.name}
                ),
                "signals": bool(chart and chart.points[-1].signals),
            }
        )
    plans = implementation_plan_summary(root=scope)
    context = {
        "scope": scope,
        "scope_form": scope_form,
        "cards": cards,
        "plans": plans,
        "plans_url": _scoped_url("keyfigures:plans", scope),
        "can_manage": has_cap(user, Cap.MANAGE_RECORDS),
    }
    return render(request, "keyfigures/dashboard.html", context)


def _chart_context(series, periods_known, title: str, unit: str) -> dict[str, Any]:
    chart = series.chart()
    if chart is None:
        return {"chart": None}
    rows = []
    for cell, point in zip(periods_known, chart.points, strict=True):
        rows.append(
            {
                "cell": cell,
                "label": charts.month_label(cell.period),
                "point": point,
                "signals": charts.signal_text(point.signals),
            }
        )
    return {
        "chart": chart,
        "chart_label": _(charts.CHART_LABELS[chart.kind]),
        "svg": charts.control_chart_svg(
            chart, [c.period for c in periods_known], title=title, unit=unit
        ),
        "chart_rows": rows,
    }


@login_required
def figure_detail(request: HttpRequest, pk) -> HttpResponse:
    """A figure's control chart over two years, its months as a table, and the parts compared."""
    user = request.user
    _require_aggregates(user)
    figure = get_for_user(user, KeyFigure, pk)
    scope, scope_form = _scope(request)
    parts = list(OrgNode.objects.filter(parent=scope).active().order_by("name"))
    (series,) = series_for([figure], scope, parts=parts, periods=month_range(timezone.localdate()))
    title = _("%(name)s, %(scope)s") % {"name": figure.name, "scope": scope.name}
    context = {
        "figure": figure,
        "scope": scope,
        "scope_form": scope_form,
        "series": series,
        "months": list(reversed(series.cells)),
        "parts": [
            {
                "node": node,
                "latest": next((c for c in reversed(cells) if c.value is not None), None),
                "records_url": _records_link(user, figure, node),
            }
            for node, cells in series.parts
        ],
        "records_url": _records_link(user, figure, scope),
        "can_record": figure.source != Source.COMPUTED
        and figure.is_active
        and key_figure_policy.can(user, "record", figure),
        "can_change": key_figure_policy.can(user, "change", figure),
        "signal_names": charts.SIGNAL_LABELS,
        **_chart_context(series, series.known, title, figure.symbol),
    }
    return render(request, "keyfigures/detail.html", context)


@login_required
def figure_create(request: HttpRequest) -> HttpResponse:
    if not has_cap(request.user, Cap.MANAGE_RECORDS):
        raise PermissionDenied
    form = KeyFigureForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            figure = services.key_figure_create(
                actor=request.user, **{k: form.cleaned_data[k] for k in _FIGURE_FIELDS[:-1]}
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Nyckeltalet är skapat."))
            return redirect(figure)
    return render(request, "keyfigures/form.html", {"form": form, "title": _("Nytt nyckeltal")})


@login_required
def figure_edit(request: HttpRequest, pk) -> HttpResponse:
    _require_aggregates(request.user)
    figure = get_for_user(request.user, KeyFigure, pk, "change")
    form = KeyFigureForm(request.POST or None, instance=figure, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.key_figure_update(
                actor=request.user,
                key_figure=KeyFigure.objects.get(pk=pk),
                version=form.cleaned_data["version"] or 0,
                **{k: form.cleaned_data[k] for k in _FIGURE_FIELDS},
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect(figure)
    return render(
        request,
        "keyfigures/form.html",
        {"form": form, "title": _("Ändra nyckeltal"), "figure": figure},
    )


@login_required
def value_create(request: HttpRequest, pk) -> HttpResponse:
    """Enter (or correct) a unit's value for a month."""
    _require_aggregates(request.user)
    figure = get_for_user(request.user, KeyFigure, pk)
    if figure.source == Source.COMPUTED or not key_figure_policy.can(
        request.user, "record", figure
    ):
        raise PermissionDenied
    form = ValueForm(request.POST or None, user=request.user, key_figure=figure)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _value, created = services.key_figure_value_record(
                actor=request.user,
                key_figure=figure,
                unit=data["unit"],
                period=data["period"],
                value=data.get("value"),
                numerator=data.get("numerator"),
                denominator=data.get("denominator"),
                comment=data["comment"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("Värdet är registrerat.") if created else _("Värdet för månaden är ändrat."),
            )
            return redirect(_scoped_url("keyfigures:detail", data["unit"], figure.pk))
    return render(
        request,
        "keyfigures/value_form.html",
        {"form": form, "figure": figure, "title": _("Registrera värde")},
    )


@login_required
def value_import(request: HttpRequest) -> HttpResponse:
    """Import values from CSV or Excel: all rows or none, every bad row named."""
    if not has_cap(request.user, Cap.MANAGE_RECORDS):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = import_values(actor=request.user, filename=upload.name, data=upload.read())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if not result.refused:
                messages.success(
                    request,
                    _("%(created)s värden importerade, %(updated)s ändrade.")
                    % {"created": result.created, "updated": result.updated},
                )
                return redirect("keyfigures:dashboard")
    figures = key_figure_policy.visible_to(request.user).exclude(source=Source.COMPUTED)
    return render(
        request,
        "keyfigures/import.html",
        {"form": form, "result": result, "figures": figures.filter(is_active=True)},
    )


@login_required
def plans(request: HttpRequest) -> HttpResponse:
    """Implementation plans drawn up and approved in time: per unit now, and over time."""
    user = request.user
    _require_aggregates(user)
    scope, scope_form = _scope(request)
    summary = implementation_plan_summary(root=scope)
    trend = implementation_plan_trend(root=scope)
    context: dict[str, Any] = {
        "scope": scope,
        "scope_form": scope_form,
        "summary": summary,
        "trend": trend,
        "can_record": has_cap(user, Cap.MANAGE_RECORDS),
    }
    if len(trend) >= 2:
        chart = spc.p_chart([t[2] for t in trend], [t[1] for t in trend])
        dates = [t[0] for t in trend]
        context["svg"] = charts.control_chart_svg(
            chart,
            dates,
            title=_("Genomförandeplaner i tid, %(scope)s") % {"scope": scope.name},
            unit="%",
        )
        context["chart_rows"] = [
            {"date": d, "point": p, "signals": charts.signal_text(p.signals)}
            for d, p in zip(dates, chart.points, strict=True)
        ]
    return render(request, "keyfigures/plans.html", context)


@login_required
def plan_count_create(request: HttpRequest) -> HttpResponse:
    if not has_cap(request.user, Cap.MANAGE_RECORDS):
        raise PermissionDenied
    form = PlanCountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            figure = services.implementation_plan_figure_record(
                actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Antalet genomförandeplaner är registrerat."))
            return redirect(_scoped_url("keyfigures:plans", figure.unit))
    return render(
        request,
        "keyfigures/form.html",
        {"form": form, "title": _("Registrera genomförandeplaner")},
    )
