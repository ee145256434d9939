"""Control charts and sparklines as accessible inline SVG, drawn on the server.

The SVG scales to its container (a ``viewBox``, width 100 %), names itself with
``<title>`` and ``<desc>``, and marks special-cause points with a shape and a label as
well as a colour. The page puts a table of the same numbers beside it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from itertools import count

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kvalitetsnav.lib import spc

MONTHS = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
SIGNAL_LABELS = {
    spc.OUTSIDE: "utanför styrgränserna",
    spc.SHIFT: "minst 8 i rad på samma sida om mittlinjen",
    spc.TREND: "minst 6 i rad som stiger eller sjunker",
}
CHART_LABELS = {
    spc.C_CHART: "c-diagram (antal per månad)",
    spc.U_CHART: "u-diagram (antal per exponering)",
    spc.P_CHART: "p-diagram (andel, gränserna beror på antalet varje månad)",
    spc.RUN_CHART: "seriediagram med median",
}
_ids = count(1)

INK, MUTED, LINE, BRAND, SPECIAL = "#1b1f24", "#55606e", "#c9d1db", "#1f5f99", "#b3261e"


def month_label(period: dt.date) -> str:
    return f"{MONTHS[period.month - 1]} {period.year}"


def signal_text(signals: Sequence[str]) -> str:
    return "; ".join(_(SIGNAL_LABELS[s]) for s in signals)


def _nice_step(span: float, lines: int = 4) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving about ``lines`` grid lines."""
    raw = span / lines
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def _fmt(value: float) -> str:
    return number_format(round(value, 2), decimal_pos=1 if value != int(value) else 0)


def control_chart_svg(
    chart: spc.Chart, periods: Sequence[dt.date], *, title: str, unit: str = ""
) -> SafeString:
    """A control chart: values, centre line, limits (stepped when they vary), signals marked."""
    n = len(chart.points)
    uid = f"kc{next(_ids)}"
    # Drawn at about a phone's width so that its text is read at its own size there.
    width, height = 360, 230
    left, right, top, bottom = 40, 8, 12, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    numbers = [p.value for p in chart.points] + [chart.centre]
    numbers += [p.upper for p in chart.points if p.upper is not None]
    numbers += [p.lower for p in chart.points if p.lower is not None]
    low, high = min(0.0, min(numbers)), max(numbers)
    step = _nice_step((high - low) or 1.0)
    high = math.ceil(high / step) * step if high > 0 else step
    if unit == "%" and max(numbers) <= 100:
        high = min(high, 100.0)
    low = math.floor(low / step) * step
    span = (high - low) or 1.0

    def x(i: int) -> float:
        return left + (plot_w * (i + 0.5) / n)

    def y(v: float) -> float:
        return top + plot_h * (1 - (v - low) / span)

    parts: list[str] = []
    specials = [i for i, p in enumerate(chart.points) if p.signals]
    desc = _(
        "%(kind)s med %(n)s månader, %(first)s till %(last)s. Mittlinje %(centre)s%(unit)s. "
        "%(special)s"
    ) % {
        "kind": _(CHART_LABELS[chart.kind]),
        "n": n,
        "first": month_label(periods[0]),
        "last": month_label(periods[-1]),
        "centre": _fmt(chart.centre),
        "unit": f" {unit}" if unit else "",
        "special": (
            _("Särskilda orsaker: %(list)s.")
            % {
                "list": "; ".join(
                    f"{month_label(periods[i])} ({signal_text(chart.points[i].signals)})"
                    for i in specials
                )
            }
            if specials
            else _("Inga tecken på särskilda orsaker: variationen är slumpmässig.")
        ),
    }
    parts.append(
        f'<svg class="kc-chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="{uid}-t {uid}-d" preserveAspectRatio="xMidYMid meet" '
        f'style="width:100%;max-width:{2 * width}px;height:auto;display:block;font-family:inherit">'
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(desc)}</desc>'
    )
    # Grid: a line at each round value.
    value = low
    while value <= high + step / 1000:
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
            f'stroke="{LINE}" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="{MUTED}">{escape(_fmt(value))}</text>'
        )
        value += step
    # X labels: about six, always the first and the last.
    every = max(1, round(n / 4))
    for i, period in enumerate(periods):
        if i % every == 0 or i == n - 1:
            if i != n - 1 and n - 1 - i < every / 2:
                continue
            parts.append(
                f'<text x="{x(i):.1f}" y="{height - bottom + 18}" text-anchor="middle" '
                f'font-size="12" fill="{MUTED}">{MONTHS[period.month - 1]}</text>'
                f'<text x="{x(i):.1f}" y="{height - bottom + 34}" text-anchor="middle" '
                f'font-size="11" fill="{MUTED}">{period.year}</text>'
            )
    # Limits: a step line when they vary with the denominator.
    for attr in ("upper", "lower"):
        values = [getattr(p, attr) for p in chart.points]
        if any(v is None for v in values):
            continue
        steps = []
        for i, v in enumerate(values):
            x0, x1 = left + plot_w * i / n, left + plot_w * (i + 1) / n
            steps.append(f"{x0:.1f},{y(v):.1f} {x1:.1f},{y(v):.1f}")
        parts.append(
            f'<polyline points="{" ".join(steps)}" fill="none" stroke="{MUTED}" '
            f'stroke-width="1.5" stroke-dasharray="6 4"/>'
        )
    parts.append(
        f'<line x1="{left}" x2="{width - right}" y1="{y(chart.centre):.1f}" '
        f'y2="{y(chart.centre):.1f}" stroke="{INK}" stroke-width="1.5"/>'
    )
    line = " ".join(f"{x(i):.1f},{y(p.value):.1f}" for i, p in enumerate(chart.points))
    parts.append(f'<polyline points="{line}" fill="none" stroke="{BRAND}" stroke-width="2"/>')
    for i, p in enumerate(chart.points):
        cx, cy = x(i), y(p.value)
        if p.signals:
            parts.append(
                f'<rect x="{cx - 5:.1f}" y="{cy - 5:.1f}" width="10" height="10" '
                f'transform="rotate(45 {cx:.1f} {cy:.1f})" fill="{SPECIAL}" stroke="#fff"/>'
            )
        else:
            parts.append(
                f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="3.5" fill="{BRAND}" stroke="#fff"/>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  (every text above is escaped)


def sparkline_svg(values: Sequence[float | None], *, label: str) -> SafeString:
    """A small line of the last months for a dashboard card (decorative beside the numbers)."""
    known = [(i, v) for i, v in enumerate(values) if v is not None]
    if len(known) < 2:
        return mark_safe("")
    width, height, pad = 120, 32, 3
    low = min(v for _i, v in known)
    high = max(v for _i, v in known)
    span = (high - low) or 1.0
    n = max(len(values) - 1, 1)
    inner_w, inner_h = width - 2 * pad, height - 2 * pad
    points = " ".join(
        f"{pad + inner_w * i / n:.1f},{height - pad - inner_h * (v - low) / span:.1f}"
        for i, v in known
    )
    return mark_safe(  # noqa: S308  (only numbers and an escaped label)
        f'<svg class="kc-spark" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(label)}"><polyline points="{points}" fill="none" '
        f'stroke="{BRAND}" stroke-width="2"/></svg>'
    )
