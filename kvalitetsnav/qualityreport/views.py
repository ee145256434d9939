"""Pages of the quality report: list, report, section drafting, print view and Word file."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kvalitetsnav.access.policies import get_for_user, has_cap
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.core.concurrency import ConflictError
from kvalitetsnav.core.views import apply_errors, paginate

from . import export, services
from .forms import ApproveForm, AssignForm, GenerateForm, ReviewForm, SectionTextForm
from .models import QualityReport, ReportSection, SectionStatus
from .policies import boards_coordinated, report_policy, section_policy, sees_records_at

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _present_table(table: dict[str, Any], user, board_path: str) -> dict[str, Any]:
    rows = []
    for row in table["rows"]:
        linkable = sees_records_at(user, row["path"] or board_path)
        cells = [
            (value, url if linkable and url and value not in (0, "", None) else "")
            for value, url in zip(row["values"], row["urls"], strict=False)
        ]
        rows.append({"kind": row["kind"], "label": row["label"], "cells": cells})
    return {**table, "rows": rows, "labels": table["columns"][1:]}


def _present_chart(chart: dict[str, Any]) -> dict[str, Any]:
    top = max([v for s in chart["series"] for v in s["values"]] + [1])
    groups = []
    for i, label in enumerate(chart["labels"]):
        bars = [
            {"name": s["name"], "value": s["values"][i], "width": round(100 * s["values"][i] / top)}
            for s in chart["series"]
        ]
        groups.append({"label": label, "bars": bars})
    return {"title": chart["title"], "groups": groups}


def present(section: ReportSection, user) -> dict[str, Any]:
    figures = section.figures or {}
    board_path = section.report.board.path
    return {
        "tables": [_present_table(t, user, board_path) for t in figures.get("tables", [])],
        "charts": [_present_chart(c) for c in figures.get("charts", []) if c["labels"]],
    }


def _readers_only(user) -> None:
    if not has_cap(user, Cap.VIEW_AGGREGATES):
        raise PermissionDenied


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    _readers_only(request.user)
    reports = report_policy.visible_to(request.user).select_related("board")
    can_generate = boards_coordinated(request.user).exists()
    form = GenerateForm(user=request.user) if can_generate else None
    return render(
        request,
        "qualityreport/list.html",
        {
            "page": paginate(request, reports),
            "form": form,
            "show_reviews": has_cap(request.user, Cap.MANAGE_RECORDS),
        },
    )


@login_required
@require_POST
def report_create(request: HttpRequest) -> HttpResponse:
    form = GenerateForm(request.POST, user=request.user)
    if not form.fields["board"].queryset.exists():
        raise PermissionDenied
    if form.is_valid():
        try:
            report = services.report_generate(
                actor=request.user,
                board=form.cleaned_data["board"],
                year=form.cleaned_data["year"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Kvalitetsberättelsen är skapad ur registren."))
            return redirect(report)
    reports = report_policy.visible_to(request.user).select_related("board")
    return render(
        request,
        "qualityreport/list.html",
        {
            "page": paginate(request, reports),
            "form": form,
            "show_reviews": has_cap(request.user, Cap.MANAGE_RECORDS),
        },
        status=400,
    )


def _detail_context(request, report: QualityReport, approve_form=None) -> dict[str, Any]:
    user = request.user
    sections = list(report.sections.select_related("writer"))
    can_work = report_policy.can(user, "work", report)
    return {
        "report": report,
        "sections": [(s, present(s, user)) for s in sections],
        "can_work": can_work,
        "can_regenerate": report_policy.can(user, "regenerate", report),
        "can_approve": report_policy.can(user, "approve", report),
        "writer_ids": {s.pk for s in sections if s.writer_id == user.pk},
        "pending": [s for s in sections if s.status != SectionStatus.REVIEWED],
        "approve_form": approve_form or ApproveForm(initial={"version": report.version}),
    }


@login_required
def report_detail(request: HttpRequest, pk) -> HttpResponse:
    report = get_for_user(request.user, QualityReport, pk)
    return render(request, "qualityreport/detail.html", _detail_context(request, report))


@login_required
def report_print(request: HttpRequest, pk) -> HttpResponse:
    report = get_for_user(request.user, QualityReport, pk)
    sections = [(s, present(s, request.user)) for s in report.sections.all()]
    return render(request, "qualityreport/print.html", {"report": report, "sections": sections})


@login_required
def report_docx(request: HttpRequest, pk) -> HttpResponse:
    report = get_for_user(request.user, QualityReport, pk)
    response = HttpResponse(export.docx_bytes(report), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{export.filename(report)}"'
    return response


@login_required
@require_POST
def report_regenerate(request: HttpRequest, pk) -> HttpResponse:
    report = get_for_user(request.user, QualityReport, pk, "regenerate")
    try:
        services.report_regenerate(actor=request.user, report=report)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Siffrorna är hämtade på nytt ur registren."))
    return redirect(report)


@login_required
@require_POST
def report_approve(request: HttpRequest, pk) -> HttpResponse:
    report = get_for_user(request.user, QualityReport, pk, "approve")
    form = ApproveForm(request.POST)
    if form.is_valid():
        try:
            services.report_approve(
                actor=request.user,
                report=report,
                version=form.cleaned_data["version"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Kvalitetsberättelsen är godkänd och låst."))
            return redirect(report)
    return render(
        request,
        "qualityreport/detail.html",
        _detail_context(request, report, approve_form=form),
        status=400,
    )


def _section_context(request, section: ReportSection, **forms) -> dict[str, Any]:
    user = request.user
    report = section.report
    can_write = section_policy.can(user, "write", section)
    can_assign = section_policy.can(user, "assign", section)
    can_review = section_policy.can(user, "review", section)
    initial = {"version": section.version}
    return {
        "section": section,
        "report": report,
        "figures": present(section, user),
        "can_work": report_policy.can(user, "work", report) or section.writer_id == user.pk,
        "can_write": can_write,
        "can_assign": can_assign,
        "can_review": can_review,
        "text_form": forms.get("text_form")
        or SectionTextForm(initial={**initial, "text": section.text}),
        "assign_form": forms.get("assign_form")
        or (
            AssignForm(initial={**initial, "writer": section.writer_id}, board=report.board)
            if can_assign
            else None
        ),
        "review_form": forms.get("review_form") or ReviewForm(initial=initial),
        "conflict": forms.get("conflict", False),
    }


@login_required
def section_detail(request: HttpRequest, pk) -> HttpResponse:
    section = get_for_user(request.user, ReportSection, pk)
    if request.method != "POST":
        return render(request, "qualityreport/section.html", _section_context(request, section))
    if not section_policy.can(request.user, "write", section):
        raise PermissionDenied
    form = SectionTextForm(request.POST)
    conflict = False
    if form.is_valid():
        try:
            services.section_save(
                actor=request.user,
                section=section,
                version=form.cleaned_data["version"],
                text=form.cleaned_data["text"],
                submit="submit" in request.POST,
            )
        except ConflictError as exc:
            # Keep what was typed; show the stored text beside it to merge by hand.
            conflict = True
            section.refresh_from_db()
            form = SectionTextForm({"version": section.version, "text": form.cleaned_data["text"]})
            form.is_valid()
            form.add_error(None, exc.messages)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if "submit" in request.POST:
                messages.success(request, _("Avsnittet är skickat för granskning."))
            else:
                messages.success(request, _("Utkastet är sparat."))
            return redirect(section)
    context = _section_context(request, section, text_form=form, conflict=conflict)
    return render(request, "qualityreport/section.html", context, status=409 if conflict else 400)


@login_required
@require_POST
def section_assign(request: HttpRequest, pk) -> HttpResponse:
    section = get_for_user(request.user, ReportSection, pk, "assign")
    form = AssignForm(request.POST, board=section.report.board)
    if form.is_valid():
        try:
            services.section_assign(
                actor=request.user,
                section=section,
                writer=form.cleaned_data["writer"],
                version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Skribenten är tilldelad."))
            return redirect(section)
    context = _section_context(request, section, assign_form=form)
    return render(request, "qualityreport/section.html", context, status=400)


@login_required
@require_POST
def section_review(request: HttpRequest, pk) -> HttpResponse:
    section = get_for_user(request.user, ReportSection, pk, "review")
    form = ReviewForm(request.POST)
    if form.is_valid():
        accept = "accept" in request.POST
        try:
            services.section_review(
                actor=request.user,
                section=section,
                version=form.cleaned_data["version"],
                accept=accept,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if accept:
                messages.success(request, _("Avsnittet är granskat."))
            else:
                messages.success(request, _("Avsnittet är skickat tillbaka till skribenten."))
            return redirect(section.report if request.POST.get("next") == "report" else section)
    context = _section_context(request, section, review_form=form)
    return render(request, "qualityreport/section.html", context, status=400)
