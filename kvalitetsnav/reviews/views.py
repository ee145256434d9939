"""Pages of granskningar: reviews, findings answered on time, provider follow-ups."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kvalitetsnav.access.policies import get_for_user, has_cap
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.actions.models import Action
from kvalitetsnav.core import audit
from kvalitetsnav.core.views import apply_errors, paginate, record_context
from kvalitetsnav.lessons.policies import can_publish

from . import account, services, statistics
from .forms import (
    AccountSentForm,
    ActionForm,
    CityFilterForm,
    CloseForm,
    FindingFilterForm,
    FindingForm,
    FollowUpPlanForm,
    FollowUpRecordForm,
    RespondForm,
    ReviewForm,
)
from .models import Finding, ProviderFollowUp, Review
from .policies import finding_policy, followup_policy, review_policy


def _records_or_overview(user) -> None:
    if not has_cap(user, Cap.VIEW_RECORDS):
        raise PermissionDenied


@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    if not has_cap(request.user, Cap.VIEW_RECORDS):
        if has_cap(request.user, Cap.VIEW_AGGREGATES):
            return redirect("reviews:overview")
        raise PermissionDenied
    reviews = (
        review_policy.visible_to(request.user)
        .select_related("node")
        .annotate(
            open_findings=Count(
                "findings",
                filter=Q(findings__response_required=True, findings__responded_on__isnull=True),
            )
        )
        .order_by("-started_on", "subject")
    )
    return render(
        request,
        "reviews/list.html",
        {
            "page": paginate(request, reviews),
            "can_create": has_cap(request.user, Cap.MANAGE_RECORDS),
        },
    )


@login_required
def review_create(request: HttpRequest) -> HttpResponse:
    if not has_cap(request.user, Cap.MANAGE_RECORDS):
        raise PermissionDenied
    form = ReviewForm(request.POST or None, user=request.user)
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            review = services.review_create(actor=request.user, **data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Granskningen är registrerad. Lägg till iakttagelserna."))
            return redirect(review)
    return render(request, "reviews/form.html", {"form": form, "title": _("Ny granskning")})


def _detail(request, review: Review, *, failed: tuple | None = None, **forms) -> HttpResponse:
    """The review page; ``failed`` = (finding id, form name, bound form) to show its errors."""
    user = request.user
    can_change = review_policy.can(user, "change", review)
    findings = list(review.findings.all())
    actions: dict[str, list[Action]] = {}
    for action in Action.objects.filter(
        source_type=ContentType.objects.get_for_model(Finding),
        source_id__in=[str(f.pk) for f in findings],
    ).select_related("owner"):
        actions.setdefault(action.source_id, []).append(action)
    rows = []
    for finding in findings:
        # Each finding has its own forms: ids unique on the page, so each label finds its field.
        auto_id = f"id_{finding.pk.hex[:8]}_%s"
        row = {
            "finding": finding,
            "actions": actions.get(str(finding.pk), []),
            "respond_form": RespondForm(initial={"version": finding.version}, auto_id=auto_id),
            "action_form": ActionForm(user=user, auto_id=auto_id),
        }
        if failed and failed[0] == finding.pk:
            row[failed[1]] = failed[2]
        rows.append(row)
    return render(
        request,
        "reviews/detail.html",
        {
            "review": review,
            "rows": rows,
            "can_change": can_change,
            "finding_form": forms.get("finding_form") or FindingForm(),
            "close_form": forms.get("close_form") or CloseForm(initial={"version": review.version}),
            "sent_form": forms.get("sent_form")
            or AccountSentForm(initial={"version": review.version}),
            "account_due": account.account_due(review),
            "can_share_lesson": can_publish(user),
            "finding_count": sum(1 for r in rows if r["finding"].severity != "styrka"),
            "today": timezone.localdate(),
            **record_context(request, review, review_policy),
        },
    )


@login_required
def review_detail(request: HttpRequest, pk) -> HttpResponse:
    return _detail(request, get_for_user(request.user, Review, pk))


@login_required
def review_edit(request: HttpRequest, pk) -> HttpResponse:
    review = get_for_user(request.user, Review, pk, "change")
    form = ReviewForm(request.POST or None, instance=review, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.review_update(
                actor=request.user,
                review=Review.objects.get(pk=pk),
                version=data["version"] or 0,
                **{name: data[name] for name in services.REVIEW_FIELDS},
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect(review)
    return render(
        request,
        "reviews/form.html",
        {"form": form, "title": _("Ändra granskning"), "back": review},
    )


@login_required
def finding_edit(request: HttpRequest, pk) -> HttpResponse:
    finding = get_for_user(request.user, Finding, pk, "change")
    form = FindingForm(request.POST or None, instance=finding)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.finding_update(
                actor=request.user,
                finding=Finding.objects.select_related("review").get(pk=pk),
                version=data["version"] or 0,
                **{name: data[name] for name in services.FINDING_FIELDS},
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect(finding)
    return render(
        request,
        "reviews/form.html",
        {"form": form, "title": _("Ändra iakttagelse"), "back": finding},
    )


@login_required
def account_docx(request: HttpRequest, pk) -> HttpResponse:
    """The account of measures as a Word document, built from the findings and actions."""
    review = get_for_user(request.user, Review, pk)
    audit.record_read(request.user, review, what=_("Redovisning av vidtagna åtgärder"))
    response = HttpResponse(
        account.build_docx(review),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{account.filename(review)}"'
    return response


@require_POST
@login_required
def account_sent(request: HttpRequest, pk) -> HttpResponse:
    review = get_for_user(request.user, Review, pk, "change")
    form = AccountSentForm(request.POST)
    if form.is_valid():
        try:
            services.review_account_sent(actor=request.user, review=review, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Redovisningen är registrerad som skickad."))
            return redirect(review)
    return _detail(request, review, sent_form=form)


@require_POST
@login_required
def finding_add(request: HttpRequest, pk) -> HttpResponse:
    review = get_for_user(request.user, Review, pk, "change")
    form = FindingForm(request.POST)
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.finding_add(actor=request.user, review=review, **data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Iakttagelsen är tillagd."))
            return redirect(review)
    return _detail(request, review, finding_form=form)


@require_POST
@login_required
def review_close(request: HttpRequest, pk) -> HttpResponse:
    review = get_for_user(request.user, Review, pk, "change")
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.review_close(actor=request.user, review=review, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Granskningen är avslutad."))
            return redirect(review)
    return _detail(request, review, close_form=form)


@require_POST
@login_required
def finding_respond(request: HttpRequest, pk) -> HttpResponse:
    finding = get_for_user(request.user, Finding, pk, "change")
    form = RespondForm(request.POST)
    if form.is_valid():
        try:
            services.finding_respond(actor=request.user, finding=finding, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Redovisningen är registrerad."))
            return redirect(finding)
    return _detail(request, finding.review, failed=(finding.pk, "respond_form", form))


@require_POST
@login_required
def finding_action(request: HttpRequest, pk) -> HttpResponse:
    finding = get_for_user(request.user, Finding, pk, "change")
    form = ActionForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.finding_create_action(actor=request.user, finding=finding, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Åtgärden är registrerad i åtgärdsregistret."))
            return redirect(finding)
    return _detail(request, finding.review, failed=(finding.pk, "action_form", form))


@login_required
def overdue(request: HttpRequest) -> HttpResponse:
    """Findings awaiting an account of measures, overdue first, per board."""
    _records_or_overview(request.user)
    findings = (
        finding_policy.visible_to(request.user)
        .awaiting_response()
        .select_related("review", "review__node")
        .order_by("response_due")
    )
    return render(
        request,
        "reviews/overdue.html",
        {"page": paginate(request, findings), "today": timezone.localdate()},
    )


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """Counts per board; aggregates only, with links for those who may see records."""
    if not has_cap(request.user, Cap.VIEW_AGGREGATES):
        raise PermissionDenied
    rows = statistics.counts_by_board(request.user)
    years = sorted({year for row in rows for year in row.followups}, reverse=True)
    return render(request, "reviews/overview.html", {"rows": rows, "years": years})


@login_required
def finding_list(request: HttpRequest) -> HttpResponse:
    """Findings filtered by level, reviewer, theme and status; the city view links here."""
    _records_or_overview(request.user)
    form = FindingFilterForm(request.GET or {"status": "oppna"}, user=request.user)
    findings = form.apply(finding_policy.visible_to(request.user))
    findings = findings.select_related("review", "review__node").order_by(
        "-review__started_on", "created_at"
    )
    return render(
        request,
        "reviews/finding_list.html",
        {"filter_form": form, "page": paginate(request, findings), "today": timezone.localdate()},
    )


@login_required
def city(request: HttpRequest) -> HttpResponse:
    """Open findings across the districts by reviewer and theme; counts only."""
    if not has_cap(request.user, Cap.VIEW_AGGREGATES):
        raise PermissionDenied
    form = CityFilterForm(request.GET or None)
    chosen = form.cleaned_data if form.is_valid() else {"reviewer": "", "theme": ""}
    view = statistics.open_findings_by_district(
        request.user, reviewer=chosen["reviewer"], theme=chosen["theme"]
    )
    return render(
        request,
        "reviews/city.html",
        {
            "form": form,
            "view": view,
            "chosen": chosen,
            "tables": [
                (_("Per granskare"), view.by_reviewer, "reviewer"),
                (_("Per tema"), view.by_theme, "theme"),
            ],
            "can_drill": has_cap(request.user, Cap.VIEW_RECORDS),
        },
    )


@login_required
def followup_list(request: HttpRequest) -> HttpResponse:
    _records_or_overview(request.user)
    followups = followup_policy.visible_to(request.user).select_related("node")
    return render(
        request,
        "reviews/followup_list.html",
        {
            "page": paginate(request, followups.order_by("-year", "planned_on")),
            "can_create": has_cap(request.user, Cap.MANAGE_RECORDS),
        },
    )


@login_required
def followup_create(request: HttpRequest) -> HttpResponse:
    if not has_cap(request.user, Cap.MANAGE_RECORDS):
        raise PermissionDenied
    form = FollowUpPlanForm(request.POST or None, user=request.user)
    if form.is_valid():
        try:
            followup = services.followup_plan(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Uppföljningen är planerad."))
            return redirect(followup)
    return render(
        request, "reviews/form.html", {"form": form, "title": _("Planera verksamhetsuppföljning")}
    )


def _followup_page(request, followup, **forms) -> HttpResponse:
    return render(
        request,
        "reviews/followup_detail.html",
        {
            "followup": followup,
            "can_change": followup_policy.can(request.user, "change", followup),
            "record_form": forms.get("record_form")
            or FollowUpRecordForm(instance=followup, initial={"version": followup.version}),
            "action_form": forms.get("action_form") or ActionForm(user=request.user),
            "actions": Action.objects.linked_to(followup).select_related("owner"),
            **record_context(request, followup, followup_policy),
        },
    )


@login_required
def followup_detail(request: HttpRequest, pk) -> HttpResponse:
    return _followup_page(request, get_for_user(request.user, ProviderFollowUp, pk))


@require_POST
@login_required
def followup_record(request: HttpRequest, pk) -> HttpResponse:
    followup = get_for_user(request.user, ProviderFollowUp, pk, "change")
    form = FollowUpRecordForm(request.POST, instance=ProviderFollowUp.objects.get(pk=pk))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.followup_record(
                actor=request.user,
                followup=followup,
                version=data["version"],
                **{k: data[k] for k in FollowUpRecordForm.Meta.fields},
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Uppföljningen är registrerad."))
            return redirect(followup)
    return _followup_page(request, followup, record_form=form)


@require_POST
@login_required
def followup_action(request: HttpRequest, pk) -> HttpResponse:
    followup = get_for_user(request.user, ProviderFollowUp, pk, "change")
    form = ActionForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.followup_create_action(
                actor=request.user, followup=followup, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Åtgärden är registrerad i åtgärdsregistret."))
            return redirect(followup)
    return _followup_page(request, followup, action_form=form)
