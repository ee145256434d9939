"""Bar charts drawn on the server as inline SVG: no JavaScript, readable on a phone.

:func:`bar_chart` turns labelled values into the geometry of an SVG (bars, value
labels, a few grid lines); ``templates/decisions/_bar_chart.html`` draws it with a
title and a description that reads out every value, and the page shows the same
figures as a table for those who prefer one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

WIDTH, HEIGHT = 320, 200
LEFT, RIGHT, TOP, BOTTOM = 30, 6, 18, 34


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    centre: float
    value: float
    label: str
    sublabel: str
    text: str

    @property
    def value_y(self) -> float:
        return self.y - 4


@dataclass(frozen=True)
class GridLine:
    y: float
    text: str


def _nice_max(value: float) -> float:
    if value <= 2:
        return 2  # counts: the grid's middle line stays a whole number
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}".replace(".", ",")


def bar_chart(
    points: list[tuple[str, float | None]], *, title: str, unit: str = ""
) -> dict[str, object]:
    """Geometry of a bar chart of ``(label, value)``; a label ``2025Q1`` is split in two lines.

    ``None`` is a gap (no value that quarter), drawn as "–".
    """
    top = _nice_max(max((v for _l, v in points if v is not None), default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(points), 1)
    bars = []
    for index, (label, value) in enumerate(points):
        height = plot_h * (value or 0) / top
        head, _q, tail = label.partition("Q")
        bars.append(
            Bar(
                x=round(LEFT + index * slot + slot * 0.15, 1),
                y=round(TOP + plot_h - height, 1),
                width=round(slot * 0.7, 1),
                height=round(height, 1),
                centre=round(LEFT + index * slot + slot / 2, 1),
                value=value or 0,
                label=f"Q{tail}" if tail else label,
                sublabel=head if tail else "",
                text="–" if value is None else _number(value),
            )
        )
    grid = [
        GridLine(y=round(TOP + plot_h - plot_h * share, 1), text=_number(top * share))
        for share in (0, 0.5, 1)
    ]
    described = ", ".join(
        f"{label}: {'–' if value is None else _number(value)}{unit}" for label, value in points
    )
    return {
        "title": title,
        "description": described,
        "bars": bars,
        "grid": grid,
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "label_y": HEIGHT - BOTTOM + 14,
        "sublabel_y": HEIGHT - BOTTOM + 27,
    }
