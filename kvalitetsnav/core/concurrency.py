"""Optimistic locking: two people editing the same record get a clear conflict.

A model that takes part has ``version = models.PositiveIntegerField(default=1)``.
Forms and API clients carry the version the user saw; :func:`save_versioned`
writes only if nobody saved since, and raises :class:`ConflictError` otherwise.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _


class ConflictError(ValidationError):
    """The record was changed by someone else since the user opened it."""


def save_versioned(obj: models.Model, version: int, message: str | None = None) -> None:
    """Save every field of ``obj`` if its stored version is still ``version``; else conflict."""
    model = type(obj)
    fields = {
        f.attname: getattr(obj, f.attname)
        for f in model._meta.concrete_fields
        if not f.primary_key and f.name not in ("created_at", "version")
    }
    if "updated_at" in {f.name for f in model._meta.concrete_fields}:
        fields["updated_at"] = timezone.now()
    updated = model._default_manager.filter(pk=obj.pk, version=version).update(
        version=F("version") + 1, **fields
    )
    if not updated:
        raise ConflictError(
            message
            or _(
                "Någon annan har ändrat posten medan du arbetade. "
                "Ladda om sidan och gör om ändringen."
            )
        )
    obj.version = version + 1
    if "updated_at" in fields:
        obj.updated_at = fields["updated_at"]
