"""Pages of ledningens genomgång: the list, a new record, the record and its decisions."""

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
from kvalitetsnav.core.concurrency import ConflictError
from kvalitetsnav.core.views import apply_errors, paginate

from . import review_services
from .forms import DecisionForm, ManagementReviewForm, NewManagementReviewForm
from .models import ManagementReview
from .policies import review_boards, review_policy

_FIELDS = ("held_on", "participants", "material", "fitness", "fitness_reasoning")


def _list(request: HttpRequest, form, status: int = 200) -> HttpResponse:
    reviews = review_policy.visible_to(request.user).select_related("board")
    return render(
        request,
        "qualityreport/review_list.html",
        {"page": paginate(request, reviews), "form": form},
        status=status,
    )


@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    if not has_cap(request.user, Cap.MANAGE_RECORDS):
        raise PermissionDenied
    may_record = review_boards(request.user).exists()
    return _list(request, NewManagementReviewForm(user=request.user) if may_record else None)


@login_required
@require_POST
def review_create(request: HttpRequest) -> HttpResponse:
    form = NewManagementReviewForm(request.POST, user=request.user)
    if not form.fields["board"].queryset.exists():
        raise PermissionDenied
    if form.is_valid():
        data = form.cleaned_data
        try:
            review = review_services.management_review_create(
                actor=request.user,
                board=data["board"],
                year=data["year"],
                **{f: data[f] for f in _FIELDS},
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Ledningens genomgång är registrerad."))
            return redirect(review)
    return _list(request, form, status=400)


def _detail(request, review, form=None, decision_form=None, status=200) -> HttpResponse:
    can_change = review_policy.can(request.user, "change", review)
    if can_change and form is None:
        form = ManagementReviewForm(
            initial={"version": review.version, **{f: getattr(review, f) for f in _FIELDS}}
        )
    if can_change and decision_form is None:
        decision_form = DecisionForm(user=request.user, board=review.board)
    return render(
        request,
        "qualityreport/review_detail.html",
        {
            "review": review,
            "decisions": review.decisions.select_related("node", "action"),
            "form": form if can_change else None,
            "decision_form": decision_form if can_change else None,
        },
        status=status,
    )


@login_required
def review_detail(request: HttpRequest, pk) -> HttpResponse:
    review = get_for_user(request.user, ManagementReview, pk)
    if request.method != "POST":
        return _detail(request, review)
    if not review_policy.can(request.user, "change", review):
        raise PermissionDenied
    form = ManagementReviewForm(request.POST)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        try:
            review_services.management_review_update(
                actor=request.user,
                review=review,
                version=data["version"],
                **{f: data[f] for f in _FIELDS},
            )
        except ConflictError as exc:
            form.add_error(None, exc.messages)
            status = 409
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect(review)
    return _detail(request, review, form=form, status=status)


@login_required
@require_POST
def review_decide(request: HttpRequest, pk) -> HttpResponse:
    review = get_for_user(request.user, ManagementReview, pk, "decide")
    form = DecisionForm(request.POST, user=request.user, board=review.board)
    if form.is_valid():
        try:
            review_services.review_decision_create(
                actor=request.user, review=review, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Beslutet är registrerat som en åtgärd."))
            return redirect(review)
    return _detail(request, review, decision_form=form, status=400)
