"""Pages of the management system: thin views over the policies, forms and services."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kvalitetsnav.access.policies import get_for_user, has_cap, paths_with
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.core.views import apply_errors, paginate, record_context

from . import citations, search, services, statistics
from .forms import NewVersionForm, RoutineForm, SearchForm, VersionForm
from .models import Activity, ReadRequest, Routine, RoutineCitation, RoutineVersion, VersionStatus
from .policies import process_policy, routine_policy, version_policy
from .rendering import diff_lines, render_markdown
from .tasks import pending_reads

ROUTINE_FIELDS = ("title", "kind", "owner", "applies_to", "activities", "review_interval_months")


def _require_reader(user) -> None:
    if not has_cap(user, Cap.VIEW_RECORDS):
        raise PermissionDenied


def _search_results(request: HttpRequest, q: str):
    versions = version_policy.visible_to(request.user).filter(
        Q(status=VersionStatus.APPROVED) | Q(routine__in=routine_policy.editable_by(request.user))
    )
    versions = versions.exclude(status=VersionStatus.ARCHIVED).select_related("routine")
    page = paginate(request, search.search(versions, q))
    for version in page:
        version.snippet = search.snippet(version.body, q)
    return page


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The module's start page: search, what to read, the routines for one's own unit."""
    user = request.user
    _require_reader(user)
    form = SearchForm(request.GET or None)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    context = {"form": form, "q": q, "can_create": has_cap(user, Cap.MANAGE_RECORDS)}
    if q:
        context["page"] = _search_results(request, q)
        template = "routines/_search_results.html" if request.htmx else "routines/home.html"
        return render(request, template, context)
    routines = routine_policy.visible_to(user).select_related("current_version")
    if request.GET.get("mina") == "revidera":
        routines = routines.review_due().filter(owner=user)
    context["to_read"] = list(
        pending_reads(user).select_related("version__routine").order_by("created_at")[:50]
    )
    context["page"] = paginate(request, routines.order_by("title"))
    return render(request, "routines/home.html", context)


@login_required
def process_map(request: HttpRequest) -> HttpResponse:
    _require_reader(request.user)
    processes = (
        process_policy.visible_to(request.user)
        .select_related("owner")
        .prefetch_related(Prefetch("activities", queryset=Activity.objects.order_by("order")))
    )
    return render(request, "routines/process_map.html", {"processes": processes})


@login_required
def activity_detail(request: HttpRequest, pk) -> HttpResponse:
    activity = get_for_user(request.user, Activity, pk)
    routines = (
        routine_policy.visible_to(request.user)
        .filter(activities=activity)
        .select_related("current_version")
    )
    return render(
        request,
        "routines/activity.html",
        {"activity": activity, "page": paginate(request, routines.order_by("title"))},
    )


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """Per unit: routines in force, in preparation and past their review date (counts only)."""
    if not has_cap(request.user, Cap.VIEW_AGGREGATES):
        raise PermissionDenied
    rows = statistics.counts_by_node(request.user)
    top = min((row.depth for row in rows), default=0)
    return render(request, "routines/overview.html", {"rows": rows, "top": top})


@login_required
def routine_create(request: HttpRequest) -> HttpResponse:
    if not has_cap(request.user, Cap.MANAGE_RECORDS):
        raise PermissionDenied
    initial = {"owner": request.user}
    if request.active_node:
        initial["applies_to"] = [request.active_node]
    form = RoutineForm(request.POST or None, user=request.user, initial=initial)
    if form.is_valid():
        try:
            routine = services.routine_create(
                actor=request.user,
                body=form.cleaned_data["body"],
                **{k: form.cleaned_data[k] for k in ROUTINE_FIELDS},
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("Utkastet är sparat. Skicka det för granskning när det är klart.")
            )
            return redirect(routine.versions.get().get_absolute_url())
    return render(request, "routines/form.html", {"form": form, "title": _("Nytt styrdokument")})


@login_required
def routine_edit(request: HttpRequest, pk) -> HttpResponse:
    routine = get_for_user(request.user, Routine, pk, "change")
    form = RoutineForm(
        request.POST or None,
        instance=routine,
        user=request.user,
        with_body=False,
        initial={"version": routine.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.routine_update(
                actor=request.user,
                routine=Routine.objects.get(pk=pk),
                version=form.cleaned_data["version"] or 0,
                **{k: form.cleaned_data[k] for k in ROUTINE_FIELDS},
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect(routine)
    return render(
        request,
        "routines/form.html",
        {"form": form, "title": _("Ändra uppgifter om dokumentet"), "routine": routine},
    )


def _routine_page(request: HttpRequest, routine: Routine, **forms) -> HttpResponse:
    user = request.user
    current = routine.current_version
    versions = list(
        version_policy.visible_to(user)
        .filter(routine=routine)
        .select_related("approved_by", "created_by")
        .order_by("-number")
    )
    my_request = ReadRequest.objects.filter(version=current, user=user).first() if current else None
    context = {
        "routine": routine,
        "current": current,
        "html": render_markdown(current.body) if current else "",
        "versions": versions,
        "open_version": next((v for v in versions if v.is_open), None),
        "my_request": my_request,
        "can_change": routine_policy.can(user, "change", routine),
        "can_follow_up": routine_policy.can(user, "follow_up", routine),
        "new_version_form": forms.get("new_version_form") or NewVersionForm(),
        "applies_to": list(routine.applies_to.order_by("path")),
        "activities": list(routine.activities.select_related("process")),
        "citing": citations.citing_records(user, routine),
        **record_context(request, routine, routine_policy),
    }
    return render(request, "routines/detail.html", context)


@login_required
def routine_detail(request: HttpRequest, pk) -> HttpResponse:
    routine = get_for_user(request.user, Routine, pk)
    return _routine_page(request, routine)


@require_POST
@login_required
def routine_confirm(request: HttpRequest, pk) -> HttpResponse:
    routine = get_for_user(request.user, Routine, pk)
    if routine.current_version is None:
        raise PermissionDenied
    try:
        services.read_confirm(actor=request.user, version=routine.current_version)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Tack! Du har bekräftat att du har läst och förstått."))
    return redirect(routine)


@require_POST
@login_required
def routine_new_version(request: HttpRequest, pk) -> HttpResponse:
    routine = get_for_user(request.user, Routine, pk, "change")
    form = NewVersionForm(request.POST)
    if form.is_valid():
        try:
            version = services.version_new(
                actor=request.user, routine=routine, change_note=form.cleaned_data["change_note"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("En ny version är skapad som utkast."))
            return redirect(version)
    return _routine_page(request, routine, new_version_form=form)


@require_POST
@login_required
def routine_reviewed(request: HttpRequest, pk) -> HttpResponse:
    routine = get_for_user(request.user, Routine, pk, "change")
    try:
        services.routine_mark_reviewed(actor=request.user, routine=routine)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Dokumentet är markerat som reviderat."))
    return redirect(routine)


@login_required
def read_status(request: HttpRequest, pk) -> HttpResponse:
    """Per unit the manager manages: who has confirmed the version in force."""
    routine = get_for_user(request.user, Routine, pk, "follow_up")
    requests = []
    if routine.current_version_id:
        where = Q(pk__in=[])
        for root in paths_with(request.user, Cap.MANAGE_RECORDS):
            where |= Q(node__path__startswith=root)
        requests = list(
            ReadRequest.objects.filter(where, version_id=routine.current_version_id)
            .select_related("user", "node")
            .order_by("node__path", "user__first_name", "user__last_name")
        )
    units: dict = {}  # node id → {node, confirmed, waiting, total}
    for item in requests:
        unit = units.setdefault(item.node_id, {"node": item.node, "confirmed": [], "waiting": []})
        unit["confirmed" if item.confirmed_at else "waiting"].append(item)
    for unit in units.values():
        unit["total"] = len(unit["confirmed"]) + len(unit["waiting"])
    return render(
        request, "routines/read_status.html", {"routine": routine, "units": list(units.values())}
    )


# Versions --------------------------------------------------------------------------------


def _version_page(request: HttpRequest, version: RoutineVersion, **forms) -> HttpResponse:
    user = request.user
    routine = version.routine
    previous = (
        version_policy.visible_to(user)
        .filter(routine=routine, number__lt=version.number)
        .order_by("-number")
        .first()
    )
    editing = version.status == VersionStatus.DRAFT and routine_policy.can(user, "change", routine)
    form = forms.get("form")
    if editing and form is None:
        form = VersionForm(
            initial={
                "body": version.body,
                "change_note": version.change_note,
                "updated_at": version.updated_at.isoformat(),
            }
        )
    context = {
        "version": version,
        "routine": routine,
        "html": render_markdown(version.body),
        "previous": previous,
        "diff": diff_lines(previous.body, version.body) if previous else None,
        "form": form if editing else None,
        "can_change": routine_policy.can(user, "change", routine),
        "can_approve": routine_policy.can(user, "approve", routine),
    }
    return render(request, "routines/version.html", context)


@login_required
def version_detail(request: HttpRequest, pk) -> HttpResponse:
    version = get_for_user(request.user, RoutineVersion, pk)
    return _version_page(request, version)


@require_POST
@login_required
def version_edit(request: HttpRequest, pk) -> HttpResponse:
    version = get_for_user(request.user, RoutineVersion, pk, "change")
    form = VersionForm(request.POST)
    if form.is_valid():
        try:
            services.version_update(
                actor=request.user,
                version=version,
                body=form.cleaned_data["body"],
                change_note=form.cleaned_data["change_note"],
                seen_updated_at=form.cleaned_data["updated_at"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Utkastet är sparat."))
            return redirect(version)
    return _version_page(request, version, form=form)


def _transition(request: HttpRequest, pk, permission: str, call, done: str) -> HttpResponse:
    version = get_for_user(request.user, RoutineVersion, pk, permission)
    try:
        call(version)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(version)
    messages.success(request, done)
    return redirect(version)


@require_POST
@login_required
def version_submit(request: HttpRequest, pk) -> HttpResponse:
    return _transition(
        request,
        pk,
        "change",
        lambda v: services.version_submit(actor=request.user, version=v),
        _("Versionen är skickad för granskning."),
    )


@require_POST
@login_required
def version_return(request: HttpRequest, pk) -> HttpResponse:
    return _transition(
        request,
        pk,
        "change",
        lambda v: services.version_return(actor=request.user, version=v),
        _("Versionen är tillbaka som utkast."),
    )


@require_POST
@login_required
def version_approve(request: HttpRequest, pk) -> HttpResponse:
    return _transition(
        request,
        pk,
        "approve",
        lambda v: services.version_approve(actor=request.user, version=v),
        _("Versionen är godkänd och gäller från i dag. Medarbetarna ombeds läsa den."),
    )


# Citations from other modules' records ---------------------------------------------------


@require_POST
@login_required
def cite(request: HttpRequest, label: str, object_id) -> HttpResponse:
    """A record (action, deviation, self-inspection) cites a routine chosen in its panel."""
    try:
        model = citations.citable_model(label)
    except LookupError:
        raise Http404 from None
    record = get_for_user(request.user, model, object_id, "attach")
    routine = (
        routine_policy.visible_to(request.user)
        .in_force()
        .filter(pk=_uuid_or_none(request.POST.get("routine", "")))
        .first()
    )
    if routine is None:
        messages.error(request, _("Välj en rutin i listan."))
        return redirect(record)
    try:
        citations.routine_cite(actor=request.user, routine=routine, record=record)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Hänvisningen till rutinen är sparad."))
    return redirect(record)


@require_POST
@login_required
def uncite(request: HttpRequest, pk) -> HttpResponse:
    citation = RoutineCitation.objects.select_related("content_type").filter(pk=pk).first()
    record = citations.citation_record(citation) if citation else None
    if record is None or citation.content_type.model_class() is None:
        raise Http404
    record = get_for_user(request.user, type(record), record.pk, "attach")
    citations.routine_uncite(actor=request.user, citation=citation)
    messages.success(request, _("Hänvisningen är borttagen."))
    return redirect(record)


def _uuid_or_none(value: str):
    try:
        return uuid.UUID(value)
    except ValueError:
        return None
