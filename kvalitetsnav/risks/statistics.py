"""The heat map: risks counted per probability and consequence, in one grouped query."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, Count, F, Q, QuerySet, When
from django.utils.translation import gettext_lazy as _

from kvalitetsnav.core.models import OrgNode

from .models import BAND_LABELS, CONSEQUENCE_LEVELS, PROBABILITY_LEVELS, Risk, score_band

CURRENT = "nuvarande"
RESIDUAL = "efter_atgarder"
RATINGS = {
    RESIDUAL: _("Efter åtgärder där det är bedömt, annars nuvarande"),
    CURRENT: _("Nuvarande bedömning (före åtgärder)"),
}


def with_rating(risks: QuerySet[Risk], rating: str) -> QuerySet[Risk]:
    """Annotate ``rated_probability`` and ``rated_consequence`` for the chosen rating.

    The residual rating counts only where both its probability and consequence are
    set; a risk not yet rated after actions counts with its current rating.
    """
    if rating != RESIDUAL:
        return risks.annotate(
            rated_probability=F("probability"), rated_consequence=F("consequence")
        )
    rated = Q(residual_probability__isnull=False, residual_consequence__isnull=False)
    return risks.annotate(
        rated_probability=Case(
            When(rated, then=F("residual_probability")), default=F("probability")
        ),
        rated_consequence=Case(
            When(rated, then=F("residual_consequence")), default=F("consequence")
        ),
    )


@dataclass(frozen=True)
class Cell:
    probability: int
    consequence: int
    count: int

    @property
    def score(self) -> int:
        return self.probability * self.consequence

    @property
    def band(self) -> str:
        return score_band(self.score)

    @property
    def band_label(self) -> str:
        return str(BAND_LABELS[self.band])


@dataclass
class HeatMap:
    node: OrgNode
    counts: dict[tuple[int, int], int]
    rating: str = CURRENT

    @property
    def rating_label(self) -> str:
        return str(RATINGS[self.rating])

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def rows(self) -> list[tuple[int, str, list[Cell]]]:
        """Probability 4 at the top down to 1; consequence 1 to 4 left to right."""
        return [
            (
                p,
                str(PROBABILITY_LEVELS[p][0]),
                [Cell(p, c, self.counts.get((p, c), 0)) for c in range(1, 5)],
            )
            for p in range(4, 0, -1)
        ]

    @staticmethod
    def columns() -> list[tuple[int, str]]:
        return [(c, str(CONSEQUENCE_LEVELS[c][0])) for c in range(1, 5)]

    def as_dict(self) -> dict:
        return {
            "node": {"id": str(self.node.pk), "name": self.node.name},
            "rating": self.rating,
            "total": self.total,
            "cells": [
                {
                    "probability": cell.probability,
                    "consequence": cell.consequence,
                    "score": cell.score,
                    "count": cell.count,
                }
                for _p, _label, cells in self.rows()
                for cell in cells
            ],
        }


def heat_map(node: OrgNode, rating: str = CURRENT) -> HeatMap:
    """Risks of current analyses in ``node``'s subtree per (probability, consequence).

    ``rating`` is CURRENT (the rating before actions) or RESIDUAL (the rating after
    actions where one is given, else the current one). One query either way.
    """
    rows = (
        with_rating(Risk.objects.current().filter(node__path__startswith=node.path), rating)
        .values("rated_probability", "rated_consequence")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = {(r["rated_probability"], r["rated_consequence"]): r["n"] for r in rows}
    return HeatMap(node, counts, rating if rating in RATINGS else CURRENT)
