"""Panels other modules add to a deviation's page (e.g. "open a lex Sarah case").

A panel is a function ``fn(request, deviation) -> str`` returning rendered HTML
(from a template, so it is escaped there) or ``""`` when it has nothing to show.
Register it in your AppConfig.ready(): ``panels.register(my_panel)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.safestring import SafeString, mark_safe

Panel = Callable[[Any, Any], str]
_PANELS: list[Panel] = []


def register(panel: Panel) -> Panel:
    if panel not in _PANELS:
        _PANELS.append(panel)
    return panel


def render_panels(request: Any, deviation: Any) -> list[SafeString]:
    """Every registered panel's HTML for this deviation, empty ones left out."""
    rendered = []
    for panel in _PANELS:
        html = panel(request, deviation)
        if html:
            # Panels return rendered templates, escaped where they were rendered.
            rendered.append(mark_safe(html))  # noqa: S308
    return rendered
