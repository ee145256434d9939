"""Pages of the actions register: thin views over the policy, forms and services."""

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
from kvalitetsnav.core import panels
from kvalitetsnav.core.views import apply_errors, paginate, record_context

from . import services, statistics
from .forms import ActionFilterForm, ActionForm, AdvanceForm, CancelForm, EvaluateForm
from .models import Action, ActionStatus
from .policies import policy


@login_required
def action_list(request: HttpRequest) -> HttpResponse:
    if not has_cap(request.user, Cap.VIEW_RECORDS):
        raise PermissionDenied
    form = ActionFilterForm(request.GET or None, user=request.user)
    actions = form.apply(policy.visible_to(request.user), request.user)
    page = paginate(request, actions.select_related("node", "owner"))
    template = "actions/_list_results.html" if request.htmx else "actions/list.html"
    return render(
        request,
        template,
        {
            "filter_form": form,
            "page": page,
            "can_create": has_cap(request.user, Cap.MANAGE_RECORDS),
        },
    )


@login_required
def action_create(request: HttpRequest) -> HttpResponse:
    if not has_cap(request.user, Cap.MANAGE_RECORDS):
        raise PermissionDenied
    initial = {"node": request.active_node} if request.active_node else {}
    form = ActionForm(request.POST or None, user=request.user, initial=initial)
    if form.is_valid():
        try:
            action = services.action_create(
                actor=request.user,
                **{
                    k: form.cleaned_data[k]
                    for k in ("title", "description", "node", "owner", "due_date")
                },
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Åtgärden är registrerad."))
            return redirect(action)
    return render(request, "actions/form.html", {"form": form, "title": _("Ny åtgärd")})


@login_required
def action_edit(request: HttpRequest, pk) -> HttpResponse:
    action = get_for_user(request.user, Action, pk, "change")
    form = ActionForm(request.POST or None, instance=action, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = {
            k: form.cleaned_data[k] for k in ("title", "description", "node", "owner", "due_date")
        }
        try:
            services.action_update(
                actor=request.user,
                action=Action.objects.get(pk=pk),
                version=form.cleaned_data["version"] or 0,
                **fields,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect(action)
    return render(
        request, "actions/form.html", {"form": form, "title": _("Ändra åtgärd"), "action": action}
    )


def _detail(request: HttpRequest, action: Action, **forms) -> HttpResponse:
    user = request.user
    version = {"version": action.version}
    context = {
        "action": action,
        "can_change": policy.can(user, "change", action),
        "can_progress": policy.can(user, "progress", action),
        "advance_form": forms.get("advance_form") or AdvanceForm(initial=version),
        "evaluate_form": forms.get("evaluate_form") or EvaluateForm(initial=version),
        "cancel_form": forms.get("cancel_form") or CancelForm(initial=version),
        "panels": panels.render_panels(request, action),
        **record_context(request, action, policy),
    }
    return render(request, "actions/detail.html", context)


@login_required
def action_detail(request: HttpRequest, pk) -> HttpResponse:
    action = get_for_user(request.user, Action, pk)
    return _detail(request, action)


def _post_transition(request, pk, permission, form_class, form_name, call):
    action = get_for_user(request.user, Action, pk, permission)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            call(action, form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Åtgärden är uppdaterad."))
            return redirect(action)
    return _detail(request, action, **{form_name: form})


@require_POST
@login_required
def action_advance(request: HttpRequest, pk) -> HttpResponse:
    return _post_transition(
        request,
        pk,
        "progress",
        AdvanceForm,
        "advance_form",
        lambda a, d: services.action_advance(actor=request.user, action=a, version=d["version"]),
    )


@require_POST
@login_required
def action_evaluate(request: HttpRequest, pk) -> HttpResponse:
    return _post_transition(
        request,
        pk,
        "change",
        EvaluateForm,
        "evaluate_form",
        lambda a, d: services.action_evaluate_effect(
            actor=request.user,
            action=a,
            version=d["version"],
            evaluated_on=d["evaluated_on"],
            result=d["result"],
            sufficient=d["sufficient"],
        ),
    )


@require_POST
@login_required
def action_cancel(request: HttpRequest, pk) -> HttpResponse:
    return _post_transition(
        request,
        pk,
        "change",
        CancelForm,
        "cancel_form",
        lambda a, d: services.action_cancel(
            actor=request.user, action=a, version=d["version"], reason=d["reason"]
        ),
    )


@login_required
def action_overview(request: HttpRequest) -> HttpResponse:
    """Counts per unit and status: aggregates only, for the board, auditors and managers."""
    if not has_cap(request.user, Cap.VIEW_AGGREGATES):
        raise PermissionDenied
    rows = statistics.counts_by_node(request.user)
    return render(
        request, "actions/overview.html", {"rows": rows, "statuses": ActionStatus.choices}
    )
