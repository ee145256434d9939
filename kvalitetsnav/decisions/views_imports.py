"""Import pages: send a file, follow a background job's progress, edit column mappings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kvalitetsnav.access.roles import Cap
from kvalitetsnav.core.views import apply_errors

from . import jobs, services
from .forms import ImportForm, MappingForm
from .importer import ImportResult
from .models import ImportJob, ImportMapping
from .policies import boards_for, may_edit_mapping, may_import


def _importers_only(request: HttpRequest) -> None:
    if not may_import(request.user):
        raise PermissionDenied


def _recent_jobs(user):
    boards = boards_for(user, Cap.MANAGE_RECORDS)
    return (
        ImportJob.objects.filter(board__in=boards)
        .select_related("created_by", "board")
        .defer("data", "result", "columns")
        .order_by("-created_at")[:10]
    )


@login_required
def decision_import(request: HttpRequest) -> HttpResponse:
    """Send a file: a small one is imported at once, a large one runs in the background."""
    _importers_only(request)
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    result = job = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = jobs.job_create(
                actor=request.user,
                board=form.cleaned_data["board"],
                filename=upload.name,
                data=upload.read(),
                mapping=form.cleaned_data["mapping"],
                valid_only=form.cleaned_data["valid_only"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if job.size > jobs.INLINE_BYTES:
                jobs.start_in_thread(job.pk)
                return redirect(job)
            jobs.run(job.pk)
            job.refresh_from_db()
            if "message" in job.result:
                form.add_error("file", job.result["message"])
            else:
                result = ImportResult.from_dict(job.result)
    context = {
        "form": form,
        "result": result,
        "job": job,
        "jobs": _recent_jobs(request.user),
        "can_map": may_edit_mapping(request.user),
    }
    return render(request, "decisions/import.html", context)


def _job_for(request: HttpRequest, pk) -> ImportJob:
    job = get_object_or_404(ImportJob.objects.select_related("created_by", "board"), pk=pk)
    if not jobs.may_see_job(request.user, job):
        raise Http404
    return job


@login_required
def import_job(request: HttpRequest, pk) -> HttpResponse:
    """A job's progress (polled by htmx while it runs) and, when done, its result."""
    job = _job_for(request, pk)
    context = {
        "job": job,
        "result": ImportResult.from_dict(job.result)
        if job.result and "message" not in job.result
        else None,
        "stale": job.is_stale(timezone.now()),
    }
    template = "decisions/_import_job.html" if request.htmx else "decisions/import_job.html"
    return render(request, template, context)


@login_required
@require_POST
def import_job_restart(request: HttpRequest, pk) -> HttpResponse:
    job = _job_for(request, pk)
    if jobs.restart(actor=request.user, job=job):
        jobs.start_in_thread(job.pk)
        messages.success(request, _("Importen har startats om."))
    else:
        messages.error(request, _("Importen pågår fortfarande eller är redan klar."))
    return redirect(job)


# Column mappings --------------------------------------------------------------------


@login_required
def mapping_list(request: HttpRequest) -> HttpResponse:
    _importers_only(request)
    boards = boards_for(request.user, Cap.MANAGE_RECORDS)
    mappings = ImportMapping.objects.filter(board__in=boards).select_related("board")
    return render(
        request,
        "decisions/mappings.html",
        {"mappings": mappings, "can_map": may_edit_mapping(request.user)},
    )


@login_required
def mapping_create(request: HttpRequest) -> HttpResponse:
    if not may_edit_mapping(request.user):
        raise PermissionDenied
    form = MappingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.mapping_create(actor=request.user, **form.service_fields())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Mappningen är sparad."))
            return redirect("decisions:mappings")
    return render(
        request, "decisions/mapping_form.html", {"form": form, "title": _("Ny kolumnmappning")}
    )


@login_required
def mapping_edit(request: HttpRequest, pk) -> HttpResponse:
    mapping = get_object_or_404(ImportMapping.objects.select_related("board"), pk=pk)
    if mapping.board not in boards_for(request.user, Cap.MANAGE_RECORDS):
        raise Http404
    if not may_edit_mapping(request.user, mapping.board):
        raise PermissionDenied
    form = MappingForm(request.POST or None, user=request.user, mapping=mapping)
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        fields.pop("board")
        try:
            services.mapping_update(
                actor=request.user,
                mapping=ImportMapping.objects.get(pk=pk),
                version=form.cleaned_data["version"] or 0,
                **fields,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Mappningen är sparad."))
            return redirect("decisions:mappings")
    title = _("Ändra kolumnmappning")
    context = {"form": form, "title": title, "mapping": mapping}
    return render(request, "decisions/mapping_form.html", context)
