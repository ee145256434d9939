"""A review round compared across its units or districts, fairly.

Each cell is a share of "ja" among the applicable answers (ej aktuellt left out), shown
with its numerator and denominator. The answers to several questions of one case are
not independent, so the 95 % interval is taken over the number of *cases* behind the
cell, not the number of answers: with 20 cases per district an interval is wide, and a
district is marked above or below the round's average only when its interval excludes
that average. Cells with fewer than ``MIN_N`` cases show no share.

Seven queries, whatever the number of districts, cases or questions.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q

from .models import (
    APPLICABLE,
    Answer,
    AnswerType,
    Choice,
    InspectionStatus,
    QualityArea,
    Question,
    ReviewRound,
    Sample,
)
from .statistics import MIN_N, wilson


@dataclass
class CaseShare:
    """``yes`` of ``n`` applicable answers, from ``cases`` reviewed cases."""

    yes: int = 0
    n: int = 0
    cases: int = 0
    reference: float | None = None

    @property
    def enough(self) -> bool:
        return self.cases >= MIN_N

    @property
    def share(self) -> float | None:
        return self.yes / self.n if self.n else None

    @property
    def percent(self) -> int | None:
        return round(100 * self.yes / self.n) if self.n else None

    def _bounds(self) -> tuple[float, float]:
        if not self.n or not self.cases:
            return (0.0, 1.0)
        return wilson(round(self.yes / self.n * self.cases), self.cases)

    @property
    def interval(self) -> tuple[int, int]:
        low, high = self._bounds()
        return (round(100 * low), round(100 * high))

    @property
    def difference(self) -> str:
        """ "over" or "under" when the reference lies outside the interval; else ""."""
        if not self.enough or self.reference is None:
            return ""
        low, high = self._bounds()
        if self.reference < low:
            return "over"
        if self.reference > high:
            return "under"
        return ""


@dataclass
class DistrictRow:
    sample: Sample
    drawn: int
    done: int
    cells: list[CaseShare]
    protocols: list[Any] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.done >= self.drawn


@dataclass
class QuestionRow:
    question: Question
    cells: list[CaseShare]
    total: CaseShare


@dataclass
class Comparison:
    areas: list[QualityArea]
    districts: list[DistrictRow]
    average: list[CaseShare]
    questions: list[QuestionRow]
    min_n: int = MIN_N

    @property
    def any_marked(self) -> bool:
        return any(c.difference for row in self.districts for c in row.cells)

    @property
    def done(self) -> int:
        return sum(row.done for row in self.districts)

    @property
    def drawn(self) -> int:
        return sum(row.drawn for row in self.districts)


def _counts(answers: Any, *keys: str) -> Any:
    return answers.values(*keys).annotate(
        n=Count("id"),
        yes=Count("id", filter=Q(choice=Choice.YES)),
        cases=Count("inspection_id", distinct=True),
    )


def compare(review_round: ReviewRound) -> Comparison:
    """Per district and quality area, and per question, with the round's average."""
    areas = list(QualityArea.objects.filter(is_active=True))
    samples = list(
        review_round.samples.select_related("node")
        .annotate(
            done=Count("inspections", filter=Q(inspections__status=InspectionStatus.DONE)),
            drawn_count=Count("inspections"),
        )
        .order_by("node__name", "node__path")
    )
    answers = Answer.objects.filter(
        inspection__sample__round=review_round,
        inspection__status=InspectionStatus.DONE,
        question__answer_type=AnswerType.CHOICE,
        choice__in=APPLICABLE,
    )
    by_area: dict[tuple[Any, Any], CaseShare] = defaultdict(CaseShare)
    for row in _counts(answers, "inspection__sample_id", "question__quality_areas"):
        by_area[(row["inspection__sample_id"], row["question__quality_areas"])] = CaseShare(
            row["yes"], row["n"], row["cases"]
        )
    average = [CaseShare() for _area in areas]
    for row in _counts(answers, "question__quality_areas"):
        for i, area in enumerate(areas):
            if area.pk == row["question__quality_areas"]:
                average[i] = CaseShare(row["yes"], row["n"], row["cases"])
    districts = []
    for sample in samples:
        cells = []
        for area, avg in zip(areas, average, strict=True):
            cell = by_area.get((sample.pk, area.pk), CaseShare())
            cell.reference = avg.share
            cells.append(cell)
        districts.append(DistrictRow(sample, sample.drawn_count, sample.done, cells))
    by_question: dict[tuple[Any, Any], CaseShare] = {}
    totals: dict[Any, CaseShare] = defaultdict(CaseShare)
    for row in _counts(answers, "question_id", "inspection__sample_id"):
        cell = CaseShare(row["yes"], row["n"], row["cases"])
        by_question[(row["question_id"], row["inspection__sample_id"])] = cell
        total = totals[row["question_id"]]
        total.yes += cell.yes
        total.n += cell.n
        total.cases += cell.cases
    questions = []
    for question in review_round.template_version.questions().filter(answer_type=AnswerType.CHOICE):
        total = totals[question.pk]
        cells = []
        for sample in samples:
            cell = by_question.get((question.pk, sample.pk), CaseShare())
            cell.reference = total.share
            cells.append(cell)
        questions.append(QuestionRow(question, cells, total))
    return Comparison(areas=areas, districts=districts, average=average, questions=questions)
