"""/api/v1/inspections: inspections with their answers, and results per quality area."""

# No `from __future__ import annotations`: ninja reads these annotations at import time.
import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from kvalitetsnav.access.policies import get_for_user, has_cap, nodes_with
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.api.pagination import Pagination
from kvalitetsnav.api.schemas import ErrorOut

from . import comparison, planning, statistics
from .forms import reviewer_choices
from .models import Inspection, Purpose, ReviewRound, Template
from .policies import policy, review_nodes, round_policy

router = Router(tags=["inspections"])

ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut}
ONE_ERRORS: dict[int, Any] = {**ERRORS, 404: ErrorOut}


class InspectionOut(Schema):
    id: uuid.UUID
    template: str = Field(alias="template_version.template.name")
    template_version: int = Field(alias="template_version.number")
    purpose: str = Field(alias="template_version.template.purpose")
    node_id: uuid.UUID
    node_name: str = Field(alias="node.name")
    due_month: dt.date
    due_date: dt.date
    status: str
    late: bool
    case_reference: str
    responsible_id: uuid.UUID | None = None

    @staticmethod
    def resolve_late(obj: Inspection) -> bool:
        return obj.is_late()


class AnswerOut(Schema):
    question_id: uuid.UUID
    question: str
    section: str
    answer_type: str
    quality_areas: list[str]
    choice: str
    number: Decimal | None
    date: dt.date | None
    text: str
    reason: str


class InspectionDetailOut(InspectionOut):
    summary: str
    completed_at: dt.datetime | None
    answers: list[AnswerOut] = Field(alias="answer_rows")


class InspectionFilters(Schema):
    node: uuid.UUID | None = None
    year: int | None = Field(None, ge=2000, le=2100)
    open: bool = False


class ShareOut(Schema):
    area: str
    n: int
    yes: int
    share: float | None = Field(description="Andel ja; null när n är för litet för att visas.")
    interval_low: float | None
    interval_high: float | None
    difference: str = Field(description='"over" eller "under" stadens snitt, annars tomt.')


class ResultRowOut(Schema):
    node_id: uuid.UUID
    name: str
    areas: list[ShareOut]


class ResultsOut(Schema):
    year: int
    min_n: int
    districts: list[ResultRowOut]
    units: list[ResultRowOut]
    city_average: list[ShareOut]


def _visible_node(user, node_id, cap: Cap):
    node = nodes_with(user, cap).filter(pk=node_id).first()
    if node is None:
        raise ValidationError(
            {"node": [_("Enheten finns inte, eller så har du inte tillgång till den.")]}
        )
    return node


@router.get("", response={200: list[InspectionOut], **ERRORS}, summary="List inspections")
@paginate(Pagination)
def list_inspections(
    request: HttpRequest, filters: Query[InspectionFilters]
) -> QuerySet[Inspection]:
    """The inspections the user may see, by month. Nämnd and revisor use ``/results``."""
    user = request.auth
    if not has_cap(user, Cap.VIEW_RECORDS):
        raise PermissionDenied(
            _("Din roll ger tillgång till sammanställda resultat: /api/v1/inspections/results.")
        )
    inspections = policy.visible_to(user).select_related("node", "template_version__template")
    if filters.node:
        node = _visible_node(user, filters.node, Cap.VIEW_RECORDS)
        inspections = inspections.filter(node__path__startswith=node.path)
    if filters.year:
        inspections = inspections.in_year(filters.year)
    if filters.open:
        inspections = inspections.open()
    return inspections.order_by("due_month", "created_at", "id")


def _share(area, cell) -> dict[str, Any]:
    shown = cell.enough
    low, high = statistics.wilson(cell.yes, cell.n) if shown else (None, None)
    return {
        "area": area.name,
        "n": cell.n,
        "yes": cell.yes,
        "share": round(cell.share, 4) if shown else None,
        "interval_low": round(low, 4) if shown else None,
        "interval_high": round(high, 4) if shown else None,
        "difference": cell.difference,
    }


@router.get("/results", response={200: ResultsOut, **ERRORS}, summary="Results per quality area")
def inspection_results(
    request: HttpRequest, node: uuid.UUID | None = None, year: int | None = None
) -> dict[str, Any]:
    """Share of "ja" among applicable answers per quality area, per unit and district."""
    user = request.auth
    if not has_cap(user, Cap.VIEW_AGGREGATES):
        raise PermissionDenied
    year = year or timezone.localdate().year
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": [_("Ange ett år mellan 2000 och 2100.")]})
    root = _visible_node(user, node, Cap.VIEW_AGGREGATES) if node else None
    result = statistics.results(user, year, root=root)

    def rows(items):
        return [
            {
                "node_id": row.node_id,
                "name": row.name,
                "areas": [_share(a, c) for a, c in zip(result.areas, row.cells, strict=True)],
            }
            for row in items
        ]

    return {
        "year": year,
        "min_n": statistics.MIN_N,
        "districts": rows(result.districts),
        "units": rows(result.units),
        "city_average": [_share(a, c) for a, c in zip(result.areas, result.average, strict=True)],
    }


class RoundOut(Schema):
    id: uuid.UUID
    title: str
    template: str = Field(alias="template_version.template.name")
    template_version: int = Field(alias="template_version.number")
    scope_id: uuid.UUID
    scope_name: str = Field(alias="scope.name")
    size_per_node: int
    seed: int
    due_month: dt.date
    created_at: dt.datetime


class CaseShareOut(Schema):
    name: str
    yes: int
    n: int = Field(description="Tillämpliga svar (ja, nej, delvis).")
    cases: int = Field(description="Granskade ärenden bakom svaren.")
    share: float | None = Field(description="Andel ja; null med färre än min_n ärenden.")
    interval_low: float | None = Field(description="95 % Wilson, räknat på antalet ärenden.")
    interval_high: float | None
    difference: str = Field(description='"over" eller "under" granskningens snitt, annars tomt.')


class RoundDistrictOut(Schema):
    node_id: uuid.UUID
    name: str
    seed: int = Field(description="Enhetens frö, härlett ur granskningens frö och enhetens kod.")
    population_size: int
    drawn: list[str]
    done: int
    areas: list[CaseShareOut]


class RoundQuestionOut(Schema):
    question_id: uuid.UUID
    question: str
    districts: list[CaseShareOut]
    total: CaseShareOut


class RoundDetailOut(RoundOut):
    min_n: int
    districts: list[RoundDistrictOut]
    average: list[CaseShareOut]
    questions: list[RoundQuestionOut]


def _case_share(name: str, cell) -> dict[str, Any]:
    shown = cell.enough
    low, high = cell.interval if shown else (None, None)
    return {
        "name": name,
        "yes": cell.yes,
        "n": cell.n,
        "cases": cell.cases,
        "share": round(cell.share, 4) if shown else None,
        "interval_low": low / 100 if shown else None,
        "interval_high": high / 100 if shown else None,
        "difference": cell.difference,
    }


class RoundDrawIn(Schema):
    template: uuid.UUID = Field(description="A published case-review template (aktgranskning).")
    title: str = Field(min_length=1, max_length=200)
    nodes: list[uuid.UUID] = Field(min_length=1, description="The units or districts.")
    size_per_node: int = Field(20, ge=1, le=500)
    populations: dict[uuid.UUID, list[str]] | None = Field(
        None, description="Coded case references per node id to draw from."
    )
    count: int | None = Field(
        None, ge=1, le=5000, description="Without populations: cases numbered 1..count per node."
    )
    seed: int | None = Field(None, ge=0, le=2**62, description="Empty for a new one.")
    due_month: dt.date
    responsible: uuid.UUID | None = None


def _refuse(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


@router.post("/rounds", response={201: RoundOut, **ERRORS}, summary="Draw a review round")
def draw_round(request: HttpRequest, payload: RoundDrawIn) -> Status:
    """Draw ``size_per_node`` cases in each node at once, with one recorded seed."""
    user = request.auth
    allowed = review_nodes(user)
    if not allowed.exists():
        raise PermissionDenied
    nodes = list(allowed.filter(pk__in=payload.nodes))
    if len(nodes) != len(set(payload.nodes)):
        raise _refuse("nodes", _("Du kan inte dra ärenden i alla de valda enheterna."))
    template = Template.objects.filter(
        pk=payload.template, purpose=Purpose.CASE_REVIEW, versions__published=True
    ).first()
    if template is None:
        raise _refuse("template", _("Välj en publicerad mall för aktgranskning."))
    responsible = None
    if payload.responsible:
        responsible = reviewer_choices(user).filter(pk=payload.responsible).first()
        if responsible is None:
            raise _refuse("responsible", _("Personen kan inte bli ansvarig granskare."))
    if not payload.populations and not payload.count:
        raise _refuse("populations", _("Ange ärenden per enhet eller antal per enhet."))
    try:
        if payload.populations:
            populations = {
                node.pk: planning.parse_population("\n".join(payload.populations.get(node.pk, [])))
                for node in nodes
            }
        else:
            populations = planning.round_population_from_count(nodes, payload.count)
        review_round = planning.round_draw(
            actor=user,
            version=template.latest_published(),
            title=payload.title,
            nodes=nodes,
            populations=populations,
            size_per_node=payload.size_per_node,
            due_month=payload.due_month,
            seed=payload.seed,
            responsible=responsible,
        )
    except ValidationError as exc:
        # The services speak of the form's "population"; the API's field is "populations".
        errors = getattr(exc, "error_dict", None)
        if errors and "population" in errors:
            errors["populations"] = errors.pop("population")
        raise
    return Status(201, review_round)


@router.get("/rounds", response={200: list[RoundOut], **ERRORS}, summary="List review rounds")
@paginate(Pagination)
def list_rounds(request: HttpRequest) -> QuerySet[ReviewRound]:
    """Case reviews over several units or districts that the user may see in full."""
    if not has_cap(request.auth, Cap.VIEW_RECORDS):
        raise PermissionDenied
    return (
        round_policy.visible_to(request.auth)
        .select_related("template_version__template", "scope")
        .order_by("-created_at", "id")
    )


@router.get(
    "/rounds/{round_id}",
    response={200: RoundDetailOut, **ONE_ERRORS},
    summary="A review round compared across its districts",
)
def get_round(request: HttpRequest, round_id: uuid.UUID) -> ReviewRound:
    """The draw per district (seed, cases) and the share of ja per quality area and question."""
    review_round = get_for_user(request.auth, ReviewRound, round_id)
    result = comparison.compare(review_round)
    names = [row.sample.node.name for row in result.districts]
    review_round.min_n = result.min_n
    review_round.districts = [
        {
            "node_id": row.sample.node_id,
            "name": row.sample.node.name,
            "seed": row.sample.seed,
            "population_size": len(row.sample.population),
            "drawn": row.sample.drawn,
            "done": row.done,
            "areas": [_case_share(a.name, c) for a, c in zip(result.areas, row.cells, strict=True)],
        }
        for row in result.districts
    ]
    review_round.average = [
        _case_share(a.name, c) for a, c in zip(result.areas, result.average, strict=True)
    ]
    review_round.questions = [
        {
            "question_id": item.question.pk,
            "question": item.question.text,
            "districts": [_case_share(n, c) for n, c in zip(names, item.cells, strict=True)],
            "total": _case_share("", item.total),
        }
        for item in result.questions
    ]
    return review_round


@router.get("/{inspection_id}", response={200: InspectionDetailOut, **ONE_ERRORS})
def get_inspection(request: HttpRequest, inspection_id: uuid.UUID) -> Inspection:
    """One inspection with its answers, each with the question as it was asked."""
    inspection = get_for_user(request.auth, Inspection, inspection_id)
    answers = {a.question_id: a for a in inspection.answers.all()}
    inspection.answer_rows = [
        {
            "question_id": q.pk,
            "question": q.text,
            "section": q.section.title,
            "answer_type": q.answer_type,
            "quality_areas": [a.name for a in q.quality_areas.all()],
            "choice": answers[q.pk].choice if q.pk in answers else "",
            "number": answers[q.pk].number if q.pk in answers else None,
            "date": answers[q.pk].date if q.pk in answers else None,
            "text": answers[q.pk].text if q.pk in answers else "",
            "reason": answers[q.pk].reason if q.pk in answers else "",
        }
        for q in inspection.template_version.questions()
    ]
    return inspection
