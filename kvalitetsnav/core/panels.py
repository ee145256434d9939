"""Panels one module adds to another module's record page.

A deviation's page shows "open a lex Sarah case" from the lex module; a
complaint's page shows the same. The page's module knows nothing of who adds
what: it renders ``render_panels(request, record)``.

A panel is ``fn(request, record) -> str``: rendered HTML (from a template, so
escaped there), or ``""`` when it has nothing to show this user. Register it in
your AppConfig.ready(): ``panels.register(Deviation, my_panel)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models
from django.utils.safestring import SafeString, mark_safe

Panel = Callable[[Any, Any], str]
_PANELS: dict[str, list[Panel]] = {}


def register(model: type[models.Model], panel: Panel) -> Panel:
    panels = _PANELS.setdefault(model._meta.label_lower, [])
    if panel not in panels:
        panels.append(panel)
    return panel


def render_panels(request: Any, record: models.Model) -> list[SafeString]:
    """Every panel registered for the record's model, empty ones left out."""
    rendered = []
    for panel in _PANELS.get(record._meta.label_lower, []):
        html = panel(request, record)
        if html:
            # Panels return rendered templates, escaped where they were rendered.
            rendered.append(mark_safe(html))  # noqa: S308
    return rendered
