"""Who may use the management system's pages and endpoints (see access/testing.py)."""

from kvalitetsnav.access.testing import (
    EVERYONE_WITH_A_ROLE,
    MANAGERS_OF_A,
    NOT_VISIBLE_A,
    RECORD_VIEWERS_OF_A,
    Rule,
)
from kvalitetsnav.actions.tests.url_policy import new_action
from kvalitetsnav.routines import citations, services
from kvalitetsnav.routines.models import Process, Routine, RoutineKind

TEXT = "## Syfte\nAtt förebygga fall.\n\n- Bedöm fallrisk vid inflyttning."

# Everyone who may see individual records somewhere reads the module (not nämnd, revisor).
READERS = RECORD_VIEWERS_OF_A | {"manager_a2", "manager_b", "staff_b"}
# Managers of every node of a unit-A routine, other than its owner (manager_a).
APPROVERS_OF_A = MANAGERS_OF_A - {"manager_a"}


def new_routine(w, *, state: str = "approved"):
    """A routine for unit A owned by its manager: a draft, in review, or approved."""
    routine = services.routine_create(
        actor=w.manager_a,
        title="Rutin för fallprevention",
        kind=RoutineKind.RUTIN,
        owner=w.manager_a,
        applies_to=[w.unit_a],
        body=TEXT,
    )
    version = routine.versions.get()
    if state in ("review", "approved"):
        version = services.version_submit(actor=w.manager_a, version=version)
    if state == "approved":
        version = services.version_approve(actor=w.dept_head_a, version=version)
    routine.refresh_from_db()
    return routine, version


def _routine(key: str, state: str = "approved"):
    return lambda w: {key: new_routine(w, state=state)[0].pk}


def _version(key: str, state: str):
    return lambda w: {key: new_routine(w, state=state)[1].pk}


def _activity(w):
    process = Process.objects.filter(name="Genomförande").first() or services.process_create(
        actor=None, name="Genomförande", applies_to=[w.unit_a], activities=["Planera insatsen"]
    )
    return {"pk": process.activities.get().pk}


def _routine_form(w, kw):
    return {
        "title": "Ny rutin",
        "kind": "rutin",
        "owner": str(w.manager_a.pk),
        "applies_to": [str(w.unit_a.pk)],
        "review_interval_months": 12,
        "version": Routine.objects.get(pk=kw["pk"]).version,
        "body": TEXT,
    }


def _citable_action(w):
    action = new_action(w)
    return {"label": "actions.action", "object_id": action.pk, "_routine": new_routine(w)[0].pk}


def _citation(w):
    action = new_action(w)
    routine = new_routine(w)[0]
    return {"pk": citations.routine_cite(actor=w.manager_a, routine=routine, record=action).pk}


# Who may change an action of unit A (cite from it): its managers and its owner (staff_a).
ACTION_CHANGERS_A = MANAGERS_OF_A | {"staff_a"}

# Drafts: only the owner (manager_a) and the approvers see them.
DRAFT_NOT_VISIBLE = NOT_VISIBLE_A | {"staff_a", "inspector"}

PAGES = {
    "routines:home": Rule(allowed=READERS),
    "routines:processes": Rule(allowed=READERS),
    "routines:overview": Rule(allowed=EVERYONE_WITH_A_ROLE),
    "routines:create": Rule(allowed=MANAGERS_OF_A | {"manager_a2", "manager_b"}),
    "routines:activity": Rule(
        allowed=RECORD_VIEWERS_OF_A, kwargs=_activity, not_visible=NOT_VISIBLE_A
    ),
    "routines:detail": Rule(
        allowed=RECORD_VIEWERS_OF_A, kwargs=_routine("pk"), not_visible=NOT_VISIBLE_A
    ),
    "routines:edit": Rule(
        allowed=MANAGERS_OF_A,
        method="post",
        allowed_status=302,
        kwargs=_routine("pk"),
        data=_routine_form,
        not_visible=NOT_VISIBLE_A,
        # A manager of unit A who does not own it may change it only for nodes they manage:
        # every approver manages unit A, so all of them are allowed.
    ),
    "routines:confirm": Rule(
        allowed=RECORD_VIEWERS_OF_A,
        method="post",
        allowed_status=302,
        kwargs=_routine("pk"),
        not_visible=NOT_VISIBLE_A,
    ),
    "routines:new_version": Rule(
        allowed=MANAGERS_OF_A,
        method="post",
        allowed_status=302,
        kwargs=_routine("pk"),
        data=lambda w, kw: {"change_note": "Ny larmrutin"},
        not_visible=NOT_VISIBLE_A,
    ),
    "routines:reviewed": Rule(
        allowed=MANAGERS_OF_A,
        method="post",
        allowed_status=302,
        kwargs=_routine("pk"),
        not_visible=NOT_VISIBLE_A,
    ),
    "routines:read_status": Rule(
        allowed=MANAGERS_OF_A, kwargs=_routine("pk"), not_visible=NOT_VISIBLE_A
    ),
    "routines:training": Rule(allowed=EVERYONE_WITH_A_ROLE),
    # Names of who has completed what: managers of the unit only (403 for everyone else).
    "routines:training_unit": Rule(allowed=MANAGERS_OF_A, kwargs=lambda w: {"pk": w.unit_a.pk}),
    "routines:training_requirements": Rule(allowed=MANAGERS_OF_A | {"manager_a2", "manager_b"}),
    "routines:cite": Rule(
        allowed=ACTION_CHANGERS_A,
        method="post",
        allowed_status=302,
        kwargs=_citable_action,
        data=lambda w, kw: {"routine": str(kw["_routine"])},
        not_visible=NOT_VISIBLE_A,
    ),
    "routines:uncite": Rule(
        allowed=ACTION_CHANGERS_A,
        method="post",
        allowed_status=302,
        kwargs=_citation,
        not_visible=NOT_VISIBLE_A,
    ),
    "routines:version": Rule(
        allowed=MANAGERS_OF_A, kwargs=_version("pk", "draft"), not_visible=DRAFT_NOT_VISIBLE
    ),
    "routines:version_edit": Rule(
        allowed=MANAGERS_OF_A,
        method="post",
        allowed_status=302,
        kwargs=_version("pk", "draft"),
        data=lambda w, kw: {"body": TEXT + "\n- Ny rad.", "change_note": ""},
        not_visible=DRAFT_NOT_VISIBLE,
    ),
    "routines:submit": Rule(
        allowed=MANAGERS_OF_A,
        method="post",
        allowed_status=302,
        kwargs=_version("pk", "draft"),
        not_visible=DRAFT_NOT_VISIBLE,
    ),
    "routines:return": Rule(
        allowed=MANAGERS_OF_A,
        method="post",
        allowed_status=302,
        kwargs=_version("pk", "review"),
        not_visible=DRAFT_NOT_VISIBLE,
    ),
    "routines:approve": Rule(
        allowed=APPROVERS_OF_A,
        method="post",
        allowed_status=302,
        kwargs=_version("pk", "review"),
        not_visible=DRAFT_NOT_VISIBLE,
    ),
}

API = {
    "api-v1:list_routines": Rule(allowed=READERS),
    "api-v1:get_routine": Rule(
        allowed=RECORD_VIEWERS_OF_A, kwargs=_routine("routine_id"), not_visible=NOT_VISIBLE_A
    ),
    "api-v1:list_routine_versions": Rule(
        allowed=RECORD_VIEWERS_OF_A, kwargs=_routine("routine_id"), not_visible=NOT_VISIBLE_A
    ),
}
