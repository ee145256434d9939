"""Who may use the review pages and endpoints (see access/testing.py)."""

import datetime as dt

from django.utils import timezone

from kvalitetsnav.access.testing import (
    EVERYONE_WITH_A_ROLE,
    MANAGERS_OF_A,
    NOT_VISIBLE_A,
    RECORD_VIEWERS_OF_A,
    Rule,
)
from kvalitetsnav.reviews import services
from kvalitetsnav.reviews.models import ProviderFollowUp, ReviewerKind, Severity


def new_review(w, *, due_in_days: int = 30):
    """An IVO review of unit A with one finding that demands an account of measures."""
    today = timezone.localdate()
    review = services.review_create(
        actor=w.manager_a,
        reviewer=ReviewerKind.IVO_SUPERVISION,
        reference="3.5.1-00001/2025",
        subject="Tillsyn av riskanalyser",
        node=w.unit_a,
        started_on=today - dt.timedelta(days=60),
        responsible=w.manager_a,
    )
    finding = services.finding_add(
        actor=w.manager_a,
        review=review,
        text="Enheten har brustit i arbetet med riskanalys.",
        severity=Severity.SHORTCOMING,
        response_required=True,
        response_due=today + dt.timedelta(days=due_in_days),
    )
    return review, finding


def new_followup(w):
    """A planned follow-up of the LOV unit A2 (a year of its own each call: one per year)."""
    year = timezone.localdate().year - ProviderFollowUp.objects.filter(node=w.unit_a2).count()
    return services.followup_plan(
        actor=w.manager_a2, node=w.unit_a2, year=year, planned_on=dt.date(year, 1, 15)
    )


def _review(key):
    def build(w):
        review, _f = new_review(w)
        return {key: review.pk, "_version": review.version}

    return build


def _finding(key):
    def build(w):
        _r, finding = new_review(w)
        return {key: finding.pk, "_version": finding.version}

    return build


def _followup(key):
    def build(w):
        followup = new_followup(w)
        return {key: followup.pk, "_version": followup.version}

    return build


LISTERS = RECORD_VIEWERS_OF_A | {"manager_a2", "manager_b", "staff_b"}
CREATORS = MANAGERS_OF_A | {"manager_a2", "manager_b"}
AGGREGATES_ONLY = {"politician_a": 302, "auditor_a": 302, "sysadmin": 302}
# Unit A2 (the LOV unit) is managed by manager_a2 and the managers above unit A.
MANAGERS_OF_A2 = (MANAGERS_OF_A - {"manager_a"}) | {"manager_a2"}
VIEWERS_OF_A2 = MANAGERS_OF_A2 | {"inspector"}
NOT_VISIBLE_A2 = (NOT_VISIBLE_A - {"manager_a2"}) | {"manager_a", "staff_a"}

PAGES = {
    "reviews:list": Rule(allowed=LISTERS, special=AGGREGATES_ONLY),
    "reviews:create": Rule(allowed=CREATORS),
    "reviews:overview": Rule(allowed=EVERYONE_WITH_A_ROLE),
    "reviews:overdue": Rule(allowed=LISTERS),
    "reviews:finding_list": Rule(allowed=LISTERS),
    "reviews:city": Rule(allowed=EVERYONE_WITH_A_ROLE),
    "reviews:detail": Rule(
        allowed=RECORD_VIEWERS_OF_A, kwargs=_review("pk"), not_visible=NOT_VISIBLE_A
    ),
    "reviews:edit": Rule(allowed=MANAGERS_OF_A, kwargs=_review("pk"), not_visible=NOT_VISIBLE_A),
    "reviews:finding_edit": Rule(
        allowed=MANAGERS_OF_A, kwargs=_finding("pk"), not_visible=NOT_VISIBLE_A
    ),
    "reviews:account_docx": Rule(
        allowed=RECORD_VIEWERS_OF_A, kwargs=_review("pk"), not_visible=NOT_VISIBLE_A
    ),
    "reviews:account_sent": Rule(
        allowed=MANAGERS_OF_A,
        allowed_status=302,
        method="post",
        kwargs=_review("pk"),
        data=lambda w, kw: {"version": kw["_version"], "sent_on": timezone.localdate().isoformat()},
        not_visible=NOT_VISIBLE_A,
    ),
    "reviews:finding_add": Rule(
        allowed=MANAGERS_OF_A,
        allowed_status=302,
        method="post",
        kwargs=_review("pk"),
        data=lambda w, kw: {"severity": "brist", "text": "Rutin saknas."},
        not_visible=NOT_VISIBLE_A,
    ),
    "reviews:close": Rule(
        allowed=MANAGERS_OF_A,
        allowed_status=302,
        method="post",
        kwargs=_review("pk"),
        data=lambda w, kw: {
            "version": kw["_version"],
            "closed_on": timezone.localdate().isoformat(),
            "closing_note": "IVO avslutar ärendet.",
        },
        not_visible=NOT_VISIBLE_A,
    ),
    "reviews:finding_respond": Rule(
        allowed=MANAGERS_OF_A,
        allowed_status=302,
        method="post",
        kwargs=_finding("pk"),
        data=lambda w, kw: {
            "version": kw["_version"],
            "response": "Riskanalys är gjord.",
            "responded_on": timezone.localdate().isoformat(),
        },
        not_visible=NOT_VISIBLE_A,
    ),
    "reviews:finding_action": Rule(
        allowed=MANAGERS_OF_A,
        allowed_status=302,
        method="post",
        kwargs=_finding("pk"),
        data=lambda w, kw: {"title": "Gör riskanalys"},
        not_visible=NOT_VISIBLE_A,
    ),
    "reviews:followup_list": Rule(allowed=LISTERS),
    "reviews:followup_create": Rule(allowed=CREATORS),
    "reviews:followup_detail": Rule(
        allowed=VIEWERS_OF_A2, kwargs=_followup("pk"), not_visible=NOT_VISIBLE_A2
    ),
    "reviews:followup_record": Rule(
        allowed=MANAGERS_OF_A2,
        allowed_status=302,
        method="post",
        kwargs=_followup("pk"),
        data=lambda w, kw: {
            "version": kw["_version"],
            "done_on": timezone.localdate().isoformat(),
            "strengths": "God kontinuitet.",
        },
        not_visible=NOT_VISIBLE_A2,
    ),
    "reviews:followup_action": Rule(
        allowed=MANAGERS_OF_A2,
        allowed_status=302,
        method="post",
        kwargs=_followup("pk"),
        data=lambda w, kw: {"title": "Uppdatera introduktionsplanen"},
        not_visible=NOT_VISIBLE_A2,
    ),
}

API = {
    "api-v1:list_reviews": Rule(allowed=LISTERS),
    "api-v1:list_findings": Rule(allowed=LISTERS),
    "api-v1:city_counts": Rule(allowed=EVERYONE_WITH_A_ROLE),
    "api-v1:get_review": Rule(
        allowed=RECORD_VIEWERS_OF_A, kwargs=_review("review_id"), not_visible=NOT_VISIBLE_A
    ),
}
