"""Figures of the inspections: the twelve-month wheel, fair comparisons and survey summaries.

Every function answers in a fixed number of queries, whatever the number of rows.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, Count, Q
from django.utils import timezone

from kvalitetsnav.access.policies import subtree_q
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.core.models import OrgLevel, OrgNode

from .models import (
    APPLICABLE,
    Answer,
    AnswerType,
    Choice,
    Inspection,
    InspectionStatus,
    QualityArea,
    TemplateVersion,
)

# Below this many applicable answers a share is not shown, let alone compared.
MIN_N = 5
Z95 = 1.959964


def wilson(yes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for a proportion (95 % by default)."""
    if n == 0:
        return (0.0, 1.0)
    p = yes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


# The twelve-month view ------------------------------------------------------------------


@dataclass
class WheelRow:
    node: OrgNode
    months: list[list[Inspection]] = field(default_factory=lambda: [[] for _ in range(12)])
    total: int = 0
    done: int = 0
    due_so_far: int = 0
    done_so_far: int = 0

    @property
    def completion(self) -> int | None:
        """Per cent of the inspections due so far that are done."""
        if not self.due_so_far:
            return None
        return round(100 * self.done_so_far / self.due_so_far)


def wheel(user: Any, root: OrgNode, year: int, *, cap: Cap = Cap.VIEW_RECORDS) -> list[WheelRow]:
    """One row per unit under ``root`` with inspections in ``year`` (one query)."""
    today = timezone.localdate()
    inspections = (
        Inspection.objects.in_year(year)
        .filter(subtree_q(user, cap), node__path__startswith=root.path)
        .select_related("node", "template_version__template")
        .order_by("node__path", "due_month", "template_version__template__name")
    )
    rows: dict[Any, WheelRow] = {}
    for inspection in inspections:
        row = rows.setdefault(inspection.node_id, WheelRow(node=inspection.node))
        row.months[inspection.due_month.month - 1].append(inspection)
        row.total += 1
        row.done += inspection.is_done
        if inspection.due_month <= today.replace(day=1):
            row.due_so_far += 1
            row.done_so_far += inspection.is_done
    return list(rows.values())


def wheel_totals(rows: list[WheelRow]) -> WheelRow:
    """The department's line: the sum of its units."""
    total = WheelRow(node=OrgNode(name=""))
    for row in rows:
        for month in range(12):
            total.months[month].extend(row.months[month])
        total.total += row.total
        total.done += row.done
        total.due_so_far += row.due_so_far
        total.done_so_far += row.done_so_far
    return total


# Fair comparison --------------------------------------------------------------------------


@dataclass
class Share:
    yes: int
    n: int
    reference: float | None = None

    @property
    def enough(self) -> bool:
        return self.n >= MIN_N

    @property
    def share(self) -> float | None:
        return self.yes / self.n if self.n else None

    @property
    def percent(self) -> int | None:
        return round(100 * self.yes / self.n) if self.n else None

    @property
    def interval(self) -> tuple[int, int]:
        low, high = wilson(self.yes, self.n)
        return (round(100 * low), round(100 * high))

    @property
    def difference(self) -> str:
        """ "over" or "under" when the reference lies outside the 95 % interval; else ""."""
        if not self.enough or self.reference is None:
            return ""
        low, high = wilson(self.yes, self.n)
        if self.reference < low:
            return "over"
        if self.reference > high:
            return "under"
        return ""


@dataclass
class ResultRow:
    node_id: Any
    name: str
    level: str
    cells: list[Share]


@dataclass
class Results:
    areas: list[QualityArea]
    units: list[ResultRow]
    districts: list[ResultRow]
    average: list[Share]


def _answers(year: int, purpose: str = "") -> Any:
    answers = Answer.objects.filter(
        inspection__status=InspectionStatus.DONE,
        inspection__due_month__year=year,
        question__answer_type=AnswerType.CHOICE,
        choice__in=APPLICABLE,
    )
    if purpose:
        answers = answers.filter(inspection__template_version__template__purpose=purpose)
    return answers


def _grouped(answers: Any, by: str) -> Any:
    return answers.values(by, "question__quality_areas").annotate(
        n=Count("id"), yes=Count("id", filter=Q(choice=Choice.YES))
    )


def results(user: Any, year: int, *, root: OrgNode | None = None, purpose: str = "") -> Results:
    """Share of "ja" among applicable answers per quality area, per unit and per district.

    Ej aktuellt is left out. The reference is the average over the whole city, an
    aggregate everyone with figures may see. Four queries.
    """
    areas = list(QualityArea.objects.filter(is_active=True))
    scoped = _answers(year, purpose).filter(
        subtree_q(user, Cap.VIEW_AGGREGATES, "inspection__node__path")
    )
    if root is not None:
        scoped = scoped.filter(inspection__node__path__startswith=root.path)
    per_node: dict[Any, dict[Any, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for row in _grouped(scoped, "inspection__node_id"):
        cell = per_node[row["inspection__node_id"]][row["question__quality_areas"]]
        cell[0] += row["yes"]
        cell[1] += row["n"]
    city: dict[Any, list[int]] = defaultdict(lambda: [0, 0])
    for row in (
        _answers(year, purpose)
        .values("question__quality_areas")
        .annotate(n=Count("id"), yes=Count("id", filter=Q(choice=Choice.YES)))
    ):
        city[row["question__quality_areas"]] = [row["yes"], row["n"]]
    average = [Share(*city[a.pk]) for a in areas]
    references = {a.pk: s.share for a, s in zip(areas, average, strict=True)}
    nodes = {n.pk: n for n in OrgNode.objects.filter(pk__in=list(per_node))}
    boards = list(OrgNode.objects.filter(level=OrgLevel.NAMND))
    units: list[ResultRow] = []
    district_sums: dict[Any, dict[Any, list[int]]] = defaultdict(
        lambda: defaultdict(lambda: [0, 0])
    )
    for node in sorted(nodes.values(), key=lambda n: n.path):
        counts = per_node[node.pk]
        units.append(
            ResultRow(
                node.pk,
                node.name,
                node.level,
                [Share(*counts[a.pk], reference=references[a.pk]) for a in areas],
            )
        )
        board = next((b for b in boards if node.path.startswith(b.path)), None)
        if board is not None:
            for area_id, (yes, n) in counts.items():
                district_sums[board.pk][area_id][0] += yes
                district_sums[board.pk][area_id][1] += n
    districts = [
        ResultRow(
            b.pk,
            b.name,
            b.level,
            [Share(*district_sums[b.pk][a.pk], reference=references[a.pk]) for a in areas],
        )
        for b in boards
        if b.pk in district_sums
    ]
    return Results(areas=areas, units=units, districts=districts, average=average)


# Survey summaries ---------------------------------------------------------------------------


@dataclass
class QuestionSummary:
    question: Any
    counts: list[tuple[str, str, int]]
    total: int
    mean: float | None = None
    texts: list[str] = field(default_factory=list)


def survey_summary(
    user: Any,
    version: TemplateVersion,
    *,
    with_texts: bool,
    root: OrgNode | None = None,
    within: Q | None = None,
) -> tuple[int, list[QuestionSummary]]:
    """Counts per answer, the mean of scales and (for record viewers) the free texts.

    ``within`` narrows the inspections, e.g. to one sample or review round.
    Four queries: the questions, the counts, the means and the texts.
    """
    done = Inspection.objects.filter(template_version=version, status=InspectionStatus.DONE).filter(
        subtree_q(user, Cap.VIEW_AGGREGATES)
    )
    if root is not None:
        done = done.filter(node__path__startswith=root.path)
    if within is not None:
        done = done.filter(within)
    answers = Answer.objects.filter(inspection__in=done)
    questions = list(version.questions())
    counts: dict[Any, dict[str, int]] = defaultdict(dict)
    for row in answers.exclude(choice="").values("question_id", "choice").annotate(n=Count("id")):
        counts[row["question_id"]][row["choice"]] = row["n"]
    means: dict[Any, float] = {}
    scale_ids = [q.pk for q in questions if q.answer_type == AnswerType.SCALE]
    if scale_ids:
        from django.db.models import FloatField
        from django.db.models.functions import Cast

        for row in (
            answers.filter(question_id__in=scale_ids)
            .exclude(choice="")
            .values("question_id")
            .annotate(mean=Avg(Cast("choice", FloatField())))
        ):
            means[row["question_id"]] = row["mean"]
    texts: dict[Any, list[str]] = defaultdict(list)
    if with_texts:
        for question_id, text, reason in (
            answers.filter(Q(~Q(text="")) | ~Q(reason=""))
            .order_by("created_at")
            .values_list("question_id", "text", "reason")
        ):
            texts[question_id].append(text or reason)
    summaries = []
    for question in questions:
        if question.answer_type == AnswerType.CHOICE:
            options = list(Choice.choices)
        elif question.answer_type == AnswerType.SCALE:
            options = [(str(n), str(n)) for n in range(1, 6)]
        else:
            options = []
        row_counts = [
            (value, str(label), counts[question.pk].get(value, 0)) for value, label in options
        ]
        summaries.append(
            QuestionSummary(
                question=question,
                counts=row_counts,
                total=sum(c for _v, _l, c in row_counts),
                mean=means.get(question.pk),
                texts=texts[question.pk],
            )
        )
    return done.count(), summaries
