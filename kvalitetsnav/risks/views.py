"""Pages of riskanalys: thin views over the policies, forms and services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kvalitetsnav.access.policies import get_for_user, has_cap
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.actions.models import Action
from kvalitetsnav.core.views import apply_errors, paginate, record_context

from . import services
from .forms import (
    AnalysisForm,
    HeatMapForm,
    RiskActionForm,
    RiskFilterForm,
    RiskForm,
    TemplateChoiceForm,
    VersionForm,
)
from .models import Risk, RiskAnalysis
from .policies import analysis_policy, risk_policy
from .shipped import TEMPLATES_BY_KEY
from .statistics import RATINGS, RESIDUAL, heat_map

_ANALYSIS_FIELDS = ("title", "occasion", "node", "analysed_on", "participants")
_RISK_FIELDS = RiskForm.Meta.fields


@login_required
def analysis_list(request: HttpRequest) -> HttpResponse:
    if not has_cap(request.user, Cap.VIEW_RECORDS):
        if has_cap(request.user, Cap.VIEW_AGGREGATES):
            return redirect("risks:heatmap")
        raise PermissionDenied
    analyses = analysis_policy.visible_to(request.user).filter(replaced_by__isnull=True)
    page = paginate(request, analyses.select_related("node", "signed_off_by"))
    return render(
        request,
        "risks/analysis_list.html",
        {"page": page, "can_create": has_cap(request.user, Cap.MANAGE_RECORDS)},
    )


@login_required
def analysis_create(request: HttpRequest) -> HttpResponse:
    if not has_cap(request.user, Cap.MANAGE_RECORDS):
        raise PermissionDenied
    initial = {"node": request.active_node} if request.active_node else {}
    form = AnalysisForm(request.POST or None, user=request.user, initial=initial)
    if form.is_valid():
        try:
            analysis = services.risk_analysis_create(
                actor=request.user, **{k: form.cleaned_data[k] for k in _ANALYSIS_FIELDS}
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Riskanalysen är skapad. Lägg till riskerna."))
            return redirect(analysis)
    return render(request, "risks/form.html", {"form": form, "title": _("Ny riskanalys")})


@login_required
def analysis_edit(request: HttpRequest, pk) -> HttpResponse:
    analysis = get_for_user(request.user, RiskAnalysis, pk, "change")
    form = AnalysisForm(request.POST or None, instance=analysis, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.risk_analysis_update(
                actor=request.user,
                analysis=RiskAnalysis.objects.get(pk=pk),
                version=form.cleaned_data["version"] or 0,
                **{k: form.cleaned_data[k] for k in _ANALYSIS_FIELDS},
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect(analysis)
    return render(
        request,
        "risks/form.html",
        {"form": form, "title": _("Ändra riskanalys"), "back": analysis},
    )


def _analysis_page(request, analysis: RiskAnalysis, sign_form=None) -> HttpResponse:
    can_change = analysis_policy.can(request.user, "change", analysis)
    return render(
        request,
        "risks/analysis_detail.html",
        {
            "analysis": analysis,
            "risks": analysis.risks.select_related("owner"),
            "can_change": can_change,
            "template_form": TemplateChoiceForm(),
            "sign_form": sign_form or VersionForm(initial={"version": analysis.version}),
            "heatmap": heat_map(analysis.node, RESIDUAL) if analysis.risks.exists() else None,
            **record_context(request, analysis, analysis_policy),
        },
    )


@login_required
def analysis_detail(request: HttpRequest, pk) -> HttpResponse:
    analysis = get_for_user(request.user, RiskAnalysis, pk)
    return _analysis_page(request, analysis)


@require_POST
@login_required
def analysis_sign_off(request: HttpRequest, pk) -> HttpResponse:
    analysis = get_for_user(request.user, RiskAnalysis, pk, "change")
    form = VersionForm(request.POST)
    if form.is_valid():
        try:
            services.risk_analysis_sign_off(
                actor=request.user, analysis=analysis, version=form.cleaned_data["version"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Riskanalysen är fastställd."))
            return redirect(analysis)
    return _analysis_page(request, analysis, sign_form=form)


@require_POST
@login_required
def analysis_revise(request: HttpRequest, pk) -> HttpResponse:
    analysis = get_for_user(request.user, RiskAnalysis, pk, "change")
    try:
        draft = services.risk_analysis_revise(actor=request.user, analysis=analysis)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(analysis)
    messages.success(request, _("En ny version av riskanalysen är skapad. Gå igenom riskerna."))
    return redirect(draft)


@login_required
def risk_create(request: HttpRequest, pk) -> HttpResponse:
    analysis = get_for_user(request.user, RiskAnalysis, pk, "change")
    if analysis.is_signed_off:
        messages.error(request, _("Riskanalysen är fastställd och kan inte ändras."))
        return redirect(analysis)
    template = TEMPLATES_BY_KEY.get(request.GET.get("mall") or request.POST.get("mall", ""))
    initial = {}
    if template:
        initial = {
            "title": template.title,
            "process": template.process,
            "causes": template.causes,
            "existing_controls": template.existing_controls,
            "probability": template.probability,
            "consequence": template.consequence,
        }
    form = RiskForm(request.POST or None, user=request.user, initial=initial)
    if form.is_valid():
        try:
            risk = services.risk_add(
                actor=request.user,
                analysis=analysis,
                template_key=template.key if template else "",
                **{k: form.cleaned_data[k] for k in _RISK_FIELDS},
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Risken är tillagd."))
            return redirect(risk)
    return render(
        request,
        "risks/risk_form.html",
        {
            "form": form,
            "title": _("Ny risk"),
            "analysis": analysis,
            "template": template,
            "back": analysis,
        },
    )


@login_required
def risk_edit(request: HttpRequest, pk) -> HttpResponse:
    risk = get_for_user(request.user, Risk, pk, "change")
    if risk.analysis.is_signed_off:
        messages.error(request, _("Riskanalysen är fastställd och kan inte ändras."))
        return redirect(risk)
    form = RiskForm(request.POST or None, instance=risk, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.risk_update(
                actor=request.user,
                risk=Risk.objects.select_related("analysis").get(pk=pk),
                version=form.cleaned_data["version"] or 0,
                **{k: form.cleaned_data[k] for k in _RISK_FIELDS},
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect(risk)
    return render(
        request,
        "risks/risk_form.html",
        {"form": form, "title": _("Ändra risk"), "analysis": risk.analysis, "back": risk},
    )


def _risk_page(request, risk: Risk, action_form=None) -> HttpResponse:
    return render(
        request,
        "risks/risk_detail.html",
        {
            "risk": risk,
            "actions": Action.objects.linked_to(risk).select_related("owner"),
            "can_change": risk_policy.can(request.user, "change", risk),
            "action_form": action_form or RiskActionForm(user=request.user),
            **record_context(request, risk, risk_policy),
        },
    )


@login_required
def risk_detail(request: HttpRequest, pk) -> HttpResponse:
    risk = get_for_user(request.user, Risk, pk)
    return _risk_page(request, risk)


@require_POST
@login_required
def risk_action(request: HttpRequest, pk) -> HttpResponse:
    risk = get_for_user(request.user, Risk, pk, "change")
    form = RiskActionForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.risk_create_action(actor=request.user, risk=risk, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Åtgärden är registrerad i åtgärdsregistret."))
            return redirect(risk)
    return _risk_page(request, risk, action_form=form)


@login_required
def risk_list(request: HttpRequest) -> HttpResponse:
    if not has_cap(request.user, Cap.VIEW_RECORDS):
        raise PermissionDenied
    form = RiskFilterForm(request.GET or None, user=request.user)
    risks = form.apply(risk_policy.visible_to(request.user).current(), request.user)
    page = paginate(request, risks.select_related("node", "owner", "analysis"))
    return render(request, "risks/risk_list.html", {"filter_form": form, "page": page})


@login_required
def heatmap(request: HttpRequest) -> HttpResponse:
    """Counts per probability and consequence for a unit or department; aggregates only."""
    if not has_cap(request.user, Cap.VIEW_AGGREGATES):
        raise PermissionDenied
    data = None
    if request.GET:
        data = request.GET.copy()
        if data.get("rating") not in RATINGS:
            data["rating"] = RESIDUAL
    form = HeatMapForm(data, user=request.user)
    choices = form.fields["node"].queryset
    node = None
    if form.is_valid() and form.cleaned_data["node"]:
        node = form.cleaned_data["node"]
    elif request.active_node and choices.filter(pk=request.active_node.pk).exists():
        node = request.active_node
    else:
        node = choices.order_by("path").first()
    if node is None:
        raise PermissionDenied
    rating = data["rating"] if data else RESIDUAL
    if not form.is_bound or not form.is_valid():
        form = HeatMapForm(initial={"node": node, "rating": rating}, user=request.user)
    return render(
        request,
        "risks/heatmap.html",
        {
            "form": form,
            "map": heat_map(node, rating),
            "can_drill": has_cap(request.user, Cap.VIEW_RECORDS, node),
        },
    )
