"""Who may use the quality report's pages (see access/testing.py)."""

from django.utils import timezone

from kvalitetsnav.access.testing import EVERYONE_LOGGED_IN, EVERYONE_WITH_A_ROLE, Rule
from kvalitetsnav.qualityreport import services
from kvalitetsnav.qualityreport.models import QualityReport

# Those who manage records somewhere in board A see its drafts.
WORKERS_A = {"manager_a", "manager_a2", "dept_head_a", "director_a", "quality_a", "mas_a"}
NOT_WORKERS_A = EVERYONE_LOGGED_IN - WORKERS_A
# Managers of board A's administration (förvaltning): generate, assign, review.
COORDINATORS_A = {"director_a", "quality_a", "mas_a"}


def year() -> int:
    return timezone.localdate().year - 1


def fresh_report(w, *, reviewed: bool = False):
    QualityReport.objects.filter(board=w.board_a, year=year()).delete()
    report = services.report_generate(actor=w.quality_a, board=w.board_a, year=year())
    if reviewed:
        for section in report.sections.all():
            services.section_review(
                actor=w.quality_a, section=section, version=section.version, accept=True
            )
    return report


def _report(reviewed: bool = False):
    def build(w):
        report = fresh_report(w, reviewed=reviewed)
        return {"pk": report.pk, "_version": report.version}

    return build


def _section(w):
    section = fresh_report(w).sections.get(key="avvikelser")
    return {"pk": section.pk, "_version": section.version}


def _clear(w):
    QualityReport.objects.filter(board=w.board_a, year=year()).delete()
    return {}


def _version(w, kw):
    return {"version": kw["_version"]}


PAGES = {
    "qualityreport:list": Rule(allowed=EVERYONE_WITH_A_ROLE),
    "qualityreport:create": Rule(
        allowed=COORDINATORS_A,
        allowed_status=302,
        method="post",
        kwargs=_clear,
        data=lambda w, kw: {"board": w.board_a.pk, "year": year()},
    ),
    "qualityreport:detail": Rule(allowed=WORKERS_A, kwargs=_report(), not_visible=NOT_WORKERS_A),
    "qualityreport:print": Rule(allowed=WORKERS_A, kwargs=_report(), not_visible=NOT_WORKERS_A),
    "qualityreport:docx": Rule(allowed=WORKERS_A, kwargs=_report(), not_visible=NOT_WORKERS_A),
    "qualityreport:regenerate": Rule(
        allowed=COORDINATORS_A,
        allowed_status=302,
        method="post",
        kwargs=_report(),
        not_visible=NOT_WORKERS_A,
    ),
    "qualityreport:approve": Rule(
        allowed={"director_a"},
        allowed_status=302,
        method="post",
        kwargs=_report(reviewed=True),
        data=_version,
        not_visible=NOT_WORKERS_A,
    ),
    "qualityreport:section": Rule(allowed=WORKERS_A, kwargs=_section, not_visible=NOT_WORKERS_A),
    "qualityreport:assign": Rule(
        allowed=COORDINATORS_A,
        allowed_status=302,
        method="post",
        kwargs=_section,
        data=lambda w, kw: {"version": kw["_version"], "writer": w.dept_head_a.pk},
        not_visible=NOT_WORKERS_A,
    ),
    "qualityreport:review": Rule(
        allowed=COORDINATORS_A,
        allowed_status=302,
        method="post",
        kwargs=_section,
        data=lambda w, kw: {"version": kw["_version"], "accept": "1"},
        not_visible=NOT_WORKERS_A,
    ),
}


def _meeting(w):
    from kvalitetsnav.qualityreport import review_services
    from kvalitetsnav.qualityreport.models import ManagementReview

    ManagementReview.objects.filter(board=w.board_a, year=year()).delete()
    review = review_services.management_review_create(
        actor=w.director_a,
        board=w.board_a,
        year=year(),
        held_on=timezone.localdate(),
        participants="Förvaltningschef\nKvalitetsutvecklare",
        fitness="delvis",
        fitness_reasoning="Avvikelsehanteringen behöver systematiseras.",
    )
    return {"pk": review.pk, "_version": review.version}


def _clear_meeting(w):
    from kvalitetsnav.qualityreport.models import ManagementReview

    ManagementReview.objects.filter(board=w.board_a, year=year()).delete()
    return {}


_MEETING = {
    "held_on": timezone.localdate().isoformat(),
    "participants": "Förvaltningschef",
    "fitness": "ja",
    "fitness_reasoning": "Systemet fungerar.",
}
# Everyone who manages records somewhere sees the list (and the boards they may record).
MANAGERS = WORKERS_A | {"manager_b"}

PAGES.update(
    {
        "qualityreport:review_list": Rule(allowed=MANAGERS),
        "qualityreport:review_create": Rule(
            allowed=COORDINATORS_A,
            allowed_status=302,
            method="post",
            kwargs=_clear_meeting,
            data=lambda w, kw: {"board": w.board_a.pk, "year": year(), **_MEETING},
        ),
        "qualityreport:review_detail": Rule(
            allowed=WORKERS_A, kwargs=_meeting, not_visible=NOT_WORKERS_A
        ),
        "qualityreport:review_decide": Rule(
            allowed=COORDINATORS_A,
            allowed_status=302,
            method="post",
            kwargs=_meeting,
            data=lambda w, kw: {"text": "Systematisera avvikelsehanteringen", "node": w.dept_a.pk},
            not_visible=NOT_WORKERS_A,
        ),
    }
)


API = {
    "api-v1:list_quality_reports": Rule(allowed=EVERYONE_WITH_A_ROLE),
    "api-v1:get_quality_report": Rule(
        allowed=WORKERS_A,
        kwargs=lambda w: {"report_id": fresh_report(w).pk},
        not_visible=NOT_WORKERS_A,
    ),
}
