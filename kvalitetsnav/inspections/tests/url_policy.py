"""Who may use the inspections' pages and endpoints (see access/testing.py)."""

from kvalitetsnav.access.testing import (
    EVERYONE_WITH_A_ROLE,
    MANAGERS_OF_A,
    NOT_VISIBLE_A,
    RECORD_VIEWERS_OF_A,
    Rule,
)
from kvalitetsnav.inspections.tests.factories import (
    answers_for,
    make_done,
    make_inspection,
    make_round,
    make_sample,
    make_template,
)

# Everyone who may see records somewhere (the list, the wheel, the templates).
RECORD_VIEWERS = RECORD_VIEWERS_OF_A | {"manager_a2", "manager_b", "staff_b"}
MANAGERS = MANAGERS_OF_A | {"manager_a2", "manager_b"}
# Templates owned by board A are built by managers whose subtree holds board A.
BUILDERS_A = {"quality_a"}


def _inspection(key):
    def build(w):
        inspection = make_inspection(w)
        return {key: inspection.pk, "_version": inspection.version, "_i": inspection}

    return build


def _finding(w):
    inspection = make_inspection(w)
    make_done(w, inspection, choice="nej")
    answer = inspection.answers.filter(choice="nej").first()
    return {"pk": inspection.pk, "answer_pk": answer.pk}


def _template(w):
    return {"pk": make_template(w).pk}


def _version(w):
    return {"pk": make_template(w).latest_published().pk}


def _draft(w):
    from kvalitetsnav.inspections import services

    template = make_template(w)
    return {"pk": services.template_draft(actor=w.quality_a, template=template).pk}


def _draft_section(w):
    from kvalitetsnav.inspections import services

    template = make_template(w)
    draft = services.template_draft(actor=w.quality_a, template=template)
    return {"pk": draft.sections.first().pk}


def _draft_question(w):
    from kvalitetsnav.inspections import services
    from kvalitetsnav.inspections.models import Question

    template = make_template(w)
    draft = services.template_draft(actor=w.quality_a, template=template)
    return {"pk": Question.objects.filter(section__version=draft).first().pk}


def _sample(w):
    return {"pk": make_sample(w, make_template(w, purpose="aktgranskning")).pk}


def _round(w):
    return {"pk": make_round(w).pk}


# Those who may draw case-review samples: managers, and inspectors over their area.
REVIEWERS = MANAGERS | {"inspector"}

PAGES = {
    "inspections:round_list": Rule(allowed=RECORD_VIEWERS),
    "inspections:round_create": Rule(allowed=REVIEWERS),
    # A round over unit A and unit B spans the city: only the city-level inspector sees it.
    "inspections:round_detail": Rule(
        allowed={"inspector"},
        kwargs=_round,
        not_visible=EVERYONE_WITH_A_ROLE - {"inspector"} | {"no_role"},
    ),
    "inspections:template_details": Rule(
        allowed=BUILDERS_A,
        kwargs=_template,
        not_visible=EVERYONE_WITH_A_ROLE - RECORD_VIEWERS | {"no_role"},
    ),
    "inspections:list": Rule(allowed=RECORD_VIEWERS),
    "inspections:wheel": Rule(allowed=RECORD_VIEWERS),
    "inspections:results": Rule(allowed=EVERYONE_WITH_A_ROLE),
    "inspections:plan_create": Rule(allowed=MANAGERS),
    "inspections:sample_create": Rule(allowed=REVIEWERS),
    "inspections:template_list": Rule(allowed=RECORD_VIEWERS),
    "inspections:template_create": Rule(allowed=MANAGERS),
    "inspections:template_detail": Rule(
        allowed=RECORD_VIEWERS,
        kwargs=_template,
        not_visible=EVERYONE_WITH_A_ROLE - RECORD_VIEWERS | {"no_role"},
    ),
    "inspections:template_edit": Rule(
        allowed=BUILDERS_A,
        allowed_status=302,
        method="post",
        kwargs=_template,
        not_visible=EVERYONE_WITH_A_ROLE - RECORD_VIEWERS | {"no_role"},
    ),
    "inspections:version_detail": Rule(
        allowed=RECORD_VIEWERS,
        kwargs=_version,
        not_visible=EVERYONE_WITH_A_ROLE - RECORD_VIEWERS | {"no_role"},
    ),
    "inspections:version_build": Rule(
        allowed=BUILDERS_A,
        allowed_status=302,
        method="post",
        kwargs=_draft,
        data=lambda w, kw: {"op": "add_section", "title": "Journal"},
        not_visible=EVERYONE_WITH_A_ROLE - RECORD_VIEWERS | {"no_role"},
    ),
    "inspections:survey": Rule(allowed=EVERYONE_WITH_A_ROLE, kwargs=_version),
    "inspections:question_add": Rule(
        allowed=BUILDERS_A,
        kwargs=_draft_section,
        not_visible=EVERYONE_WITH_A_ROLE - RECORD_VIEWERS | {"no_role"},
    ),
    "inspections:question_edit": Rule(
        allowed=BUILDERS_A,
        kwargs=_draft_question,
        not_visible=EVERYONE_WITH_A_ROLE - RECORD_VIEWERS | {"no_role"},
    ),
    "inspections:sample_detail": Rule(
        allowed=RECORD_VIEWERS_OF_A, kwargs=_sample, not_visible=NOT_VISIBLE_A
    ),
    "inspections:detail": Rule(
        allowed=RECORD_VIEWERS_OF_A, kwargs=_inspection("pk"), not_visible=NOT_VISIBLE_A
    ),
    "inspections:finding_action": Rule(
        allowed=MANAGERS_OF_A,
        allowed_status=302,
        method="post",
        kwargs=_finding,
        data=lambda w, kw: {"title": "Påminn om genomförandeplaner på APT"},
        not_visible=NOT_VISIBLE_A,
    ),
}

API = {
    "api-v1:list_rounds": Rule(allowed=RECORD_VIEWERS),
    "api-v1:draw_round": Rule(
        allowed={"inspector"},
        allowed_status=201,
        method="post",
        data=lambda w, kw: {
            "template": str(make_template(w, purpose="aktgranskning").pk),
            "title": "Aktgranskning",
            "nodes": [str(w.unit_a.pk), str(w.unit_b.pk)],
            "size_per_node": 2,
            "count": 5,
            "due_month": "2026-11-01",
        },
        # Managers may draw, only not in both unit A and unit B: a field error.
        special={p: 400 for p in MANAGERS},
    ),
    "api-v1:get_round": Rule(
        allowed={"inspector"},
        kwargs=lambda w: {"round_id": make_round(w).pk},
        not_visible=EVERYONE_WITH_A_ROLE - {"inspector"} | {"no_role"},
    ),
    "api-v1:list_inspections": Rule(allowed=RECORD_VIEWERS),
    "api-v1:inspection_results": Rule(allowed=EVERYONE_WITH_A_ROLE),
    "api-v1:get_inspection": Rule(
        allowed=RECORD_VIEWERS_OF_A, kwargs=_inspection("inspection_id"), not_visible=NOT_VISIBLE_A
    ),
}

__all__ = ["PAGES", "API", "answers_for"]
