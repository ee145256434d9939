"""The heat map: risks counted per probability and consequence, in one grouped query."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from kvalitetsnav.core.models import OrgNode

from .models import BAND_LABELS, CONSEQUENCE_LEVELS, PROBABILITY_LEVELS, Risk, score_band


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


def heat_map(node: OrgNode) -> HeatMap:
    """Current risks in ``node``'s subtree per (probability, consequence): one query."""
    rows = (
        Risk.objects.current()
        .filter(node__path__startswith=node.path)
        .values("probability", "consequence")
        .annotate(n=Count("id"))
        .order_by()
    )
    return HeatMap(node, {(r["probability"], r["consequence"]): r["n"] for r in rows})
