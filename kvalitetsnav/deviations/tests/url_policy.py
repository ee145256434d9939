"""Who may use the deviation pages and endpoints (see access/testing.py)."""

from django.utils import timezone

from kvalitetsnav.access.testing import (
    EVERYONE_WITH_A_ROLE,
    MANAGERS_OF_A,
    NOT_VISIBLE_A,
    RECORD_VIEWERS_OF_A,
    Rule,
)
from kvalitetsnav.deviations import services
from kvalitetsnav.deviations.models import Category
from kvalitetsnav.deviations.shipped import ensure_shipped

# Those who may report: everyone with a working role (staff and managers).
REPORTERS = MANAGERS_OF_A | {"staff_a", "manager_a2", "manager_b", "staff_b"}
# Those who read everyone's deviations somewhere: managers and the inspector.
READERS = MANAGERS_OF_A | {"manager_a2", "manager_b", "inspector"}


def new_deviation(w, *, analysed: bool = False, feedback: bool = False):
    """A deviation in unit A reported by its staff member, optionally analysed and answered."""
    ensure_shipped()
    deviation = services.deviation_report(
        actor=w.staff_a,
        node=w.unit_a,
        occurred_at=timezone.now(),
        category=Category.objects.get(name="Fall"),
        description="Brukaren föll i badrummet.",
        immediate_action="Hjälpte brukaren upp och kontaktade sjuksköterskan.",
    )
    if analysed:
        deviation = services.deviation_record_analysis(
            actor=w.manager_a,
            deviation=deviation,
            version=deviation.version,
            analysis_what="Fall vid dusch.",
            analysis_why="Halkmattan saknades sedan städningen.",
        )
    if feedback:
        deviation = services.deviation_give_feedback(
            actor=w.manager_a,
            deviation=deviation,
            version=deviation.version,
            feedback="Tack! Vi har köpt nya halkmattor.",
        )
    return deviation


def _deviation(key: str, **state):
    def build(w):
        deviation = new_deviation(w, **state)
        return {key: deviation.pk, "_version": deviation.version}

    return build


def _version(w, kw):
    return {"version": kw["_version"]}


def _handled(name: str, data=_version, **state) -> Rule:
    return Rule(
        allowed=MANAGERS_OF_A,
        allowed_status=302,
        method="post",
        kwargs=_deviation("pk", **state),
        data=data,
        not_visible=NOT_VISIBLE_A,
    )


PAGES = {
    # Staff go to their own reports, aggregate-only roles to the statistics.
    "deviations:list": Rule(
        allowed=READERS,
        special={p: 302 for p in ("staff_a", "staff_b", "politician_a", "auditor_a", "sysadmin")},
    ),
    "deviations:report": Rule(allowed=REPORTERS),
    "deviations:mine": Rule(allowed=REPORTERS),
    "deviations:statistics": Rule(allowed=EVERYONE_WITH_A_ROLE),
    "deviations:detail": Rule(
        allowed=RECORD_VIEWERS_OF_A, kwargs=_deviation("pk"), not_visible=NOT_VISIBLE_A
    ),
    "deviations:receipt": Rule(
        allowed=RECORD_VIEWERS_OF_A, kwargs=_deviation("pk"), not_visible=NOT_VISIBLE_A
    ),
    "deviations:start": _handled("start"),
    "deviations:analysis": _handled(
        "analysis",
        data=lambda w, kw: {"version": kw["_version"], "analysis_why": "Rutinen var otydlig."},
    ),
    "deviations:remedied": _handled("remedied", analysed=True),
    "deviations:feedback": _handled(
        "feedback",
        data=lambda w, kw: {"version": kw["_version"], "feedback": "Tack för din rapport."},
    ),
    "deviations:close": _handled("close", analysed=True, feedback=True),
    "deviations:create_action": _handled(
        "create_action", data=lambda w, kw: {"title": "Köp nya halkmattor"}
    ),
}

API = {
    "api-v1:list_deviations": Rule(allowed=REPORTERS | {"inspector"}),
    "api-v1:deviation_statistics": Rule(allowed=EVERYONE_WITH_A_ROLE),
    "api-v1:get_deviation": Rule(
        allowed=RECORD_VIEWERS_OF_A, kwargs=_deviation("deviation_id"), not_visible=NOT_VISIBLE_A
    ),
    "api-v1:report_deviation": Rule(
        allowed=MANAGERS_OF_A | {"staff_a"},
        allowed_status=201,
        method="post",
        kwargs=lambda w: ensure_shipped() or {},
        data=lambda w, kw: {
            "node": str(w.unit_a.pk),
            "occurred_at": timezone.now().isoformat(),
            "category": str(Category.objects.get(name="Fall").pk),
            "description": "Brukaren föll.",
            "immediate_action": "Hjälpte brukaren upp.",
        },
        # They may report, only not for unit A: a field error.
        special={"manager_a2": 400, "manager_b": 400, "staff_b": 400},
    ),
}
