"""The shipped lists of categories and contributing factors, put back where missing.

Migration 0002 loads them into a new database. A database emptied by a test's
flush (the browser tests' live server) or by hand loses them; the demo and the
tests call :func:`ensure_shipped` to put the missing ones back, idempotently.
"""

from __future__ import annotations

import importlib

from .models import Category, ContributingFactor

_lists = importlib.import_module(
    "kvalitetsnav.deviations.migrations.0002_shipped_categories_and_factors"
)
CATEGORIES: list[str] = _lists.CATEGORIES
FACTORS: list[tuple[str, str]] = _lists.FACTORS


def ensure_shipped() -> None:
    """Create any shipped category or factor that is missing (edited ones are left alone)."""
    if Category.objects.count() >= len(CATEGORIES) and ContributingFactor.objects.count() >= len(
        FACTORS
    ):
        return
    for index, name in enumerate(CATEGORIES, start=1):
        Category.objects.get_or_create(name=name, defaults={"ordering": index * 10})
    for index, (code, name) in enumerate(FACTORS, start=1):
        ContributingFactor.objects.get_or_create(
            code=code, defaults={"name": name, "ordering": index * 10}
        )
