"""Who may use the lex Sarah and lex Maria pages and endpoints (see access/testing.py).

A lex Sarah case of unit A, reported by its staff member: the managers above unit A
handle it, the avdelningschef and förvaltningsledning decide, the reporter and the
inspector read it, and for everyone else it does not exist.
"""

from django.utils import timezone

from kvalitetsnav.access.testing import (
    EVERYONE_WITH_A_ROLE,
    MANAGERS_OF_A,
    NOT_VISIBLE_A,
    RECORD_VIEWERS_OF_A,
    Rule,
)
from kvalitetsnav.feedback.tests.url_policy import NOT_VISIBLE as FEEDBACK_NOT_VISIBLE
from kvalitetsnav.feedback.tests.url_policy import new_feedback

from . import factories as f

DECIDERS_OF_A = {"dept_head_a", "director_a"}
REPORTERS = MANAGERS_OF_A | {"staff_a", "manager_a2", "manager_b", "staff_b"}
LISTERS = REPORTERS | {"inspector"}


def _case(key: str, build=None):
    def make(w):
        case = build(w) if build else f.open_case(w)
        return {key: case.pk, "_version": case.version}

    return make


def _version(w, kw):
    return {"version": kw["_version"]}


def _deviation(w):
    from kvalitetsnav.deviations import services as deviation_services
    from kvalitetsnav.deviations.models import Category

    deviation = deviation_services.deviation_report(
        actor=w.staff_a,
        category=Category.objects.order_by("ordering").first(),
        occurred_at=timezone.now(),
        description="Larmet fungerade inte under natten.",
        immediate_action="Larmet byttes ut.",
        node=w.unit_a,
    )
    return {"deviation_pk": deviation.pk}


def _post(allowed, build=None, data=_version):
    return Rule(
        allowed=allowed,
        allowed_status=302,
        method="post",
        kwargs=_case("pk", build),
        data=data,
        not_visible=NOT_VISIBLE_A,
    )


PAGES = {
    "lexcases:list": Rule(allowed=LISTERS),
    "lexcases:overdue": Rule(allowed=LISTERS),
    "lexcases:statistics": Rule(allowed=EVERYONE_WITH_A_ROLE),
    "lexcases:create": Rule(allowed=REPORTERS),
    "lexcases:create_from_deviation": Rule(
        allowed=MANAGERS_OF_A,
        kwargs=_deviation,
        # The reporter and the inspector see the deviation; only its handlers open a case.
        not_visible=NOT_VISIBLE_A,
    ),
    "lexcases:create_from_feedback": Rule(
        allowed=MANAGERS_OF_A,
        kwargs=lambda w: {"feedback_pk": new_feedback(w).pk},
        # The inspector reads the complaint but does not handle it: 403.
        not_visible=FEEDBACK_NOT_VISIBLE,
    ),
    "lexcases:detail": Rule(
        allowed=RECORD_VIEWERS_OF_A, kwargs=_case("pk"), not_visible=NOT_VISIBLE_A
    ),
    "lexcases:edit": Rule(allowed=MANAGERS_OF_A, kwargs=_case("pk"), not_visible=NOT_VISIBLE_A),
    "lexcases:add_entry": _post(
        MANAGERS_OF_A,
        data=lambda w, kw: {
            "entry_date": timezone.localdate().isoformat(),
            "topic": "handelse",
            "nature": "faktum",
            "source": "Samtal med personal",
            "text": "Besöket var inte inlagt i planeringen.",
        },
    ),
    "lexcases:add_analysis": _post(
        MANAGERS_OF_A,
        data=lambda w, kw: {"section": "barriar", "text": "Planeringsverktyget varnade inte."},
    ),
    "lexcases:add_action": _post(
        MANAGERS_OF_A, data=lambda w, kw: {"title": "Ny rutin för överlämning"}
    ),
    "lexcases:complete": _post(MANAGERS_OF_A, build=lambda w: f.document(w, f.open_case(w))),
    "lexcases:assess": _post(
        DECIDERS_OF_A,
        data=lambda w, kw: {**_version(w, kw), "serious": "yes", "reasons": "Påtaglig risk."},
    ),
    "lexcases:close_early": _post(
        DECIDERS_OF_A,
        data=lambda w, kw: {**_version(w, kw), "position": "Insatsen gavs enligt beslut."},
    ),
    "lexcases:report_ivo": _post(
        DECIDERS_OF_A,
        build=lambda w: f.assessed(w, serious=True),
        data=lambda w, kw: {**_version(w, kw), "sent_on": timezone.localdate().isoformat()},
    ),
    "lexcases:ivo_decision": _post(
        DECIDERS_OF_A,
        build=f.reported,
        data=lambda w, kw: {
            **_version(w, kw),
            "decided_on": timezone.localdate().isoformat(),
            "decision": "IVO avslutar ärendet.",
        },
    ),
    "lexcases:close": _post(
        DECIDERS_OF_A,
        build=lambda w: f.assessed(w, serious=False, completed=True),
        data=lambda w, kw: {**_version(w, kw), "summary": "Rutinen är förtydligad."},
    ),
    "lexcases:ivo_docx": Rule(allowed=MANAGERS_OF_A, kwargs=_case("pk"), not_visible=NOT_VISIBLE_A),
    "lexcases:ivo_print": Rule(
        allowed=MANAGERS_OF_A, kwargs=_case("pk"), not_visible=NOT_VISIBLE_A
    ),
}

API = {
    "api-v1:list_lex_cases": Rule(allowed=LISTERS),
    "api-v1:lex_case_statistics": Rule(allowed=EVERYONE_WITH_A_ROLE),
    "api-v1:get_lex_case": Rule(
        allowed=RECORD_VIEWERS_OF_A, kwargs=_case("case_id"), not_visible=NOT_VISIBLE_A
    ),
}
