"""Publishing a lesson: typed, keyword-only, atomic, audited; never a personal identity number."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from kvalitetsnav.access.policies import policy_for
from kvalitetsnav.accounts.models import User
from kvalitetsnav.core import audit
from kvalitetsnav.core.concurrency import save_versioned
from kvalitetsnav.core.models import OperationKind, OrgNode
from kvalitetsnav.lib.personnummer import validate_no_identity_number
from kvalitetsnav.reviews.models import Theme

from .models import Lesson, LessonKind
from .policies import can_publish, lesson_policy

# The records a lesson may name as its source (app_label.model).
SOURCE_MODELS = ("reviews.review", "reviews.finding", "deviations.deviation", "lexcases.lexcase")

_CONFLICT = _(
    "Någon annan har ändrat lärdomen medan du arbetade. Ladda om sidan och gör om ändringen."
)


def _check(*, kind: str, title: str, text: str, theme: str, area: str) -> None:
    errors: dict[str, list[str]] = {}
    if kind not in LessonKind.values:
        errors["kind"] = [_("Välj lärdom eller gott exempel.")]
    if not title.strip():
        errors["title"] = [_("Ge lärdomen en rubrik.")]
    if not text.strip():
        errors["text"] = [_("Beskriv lärdomen.")]
    if theme not in Theme.values:
        errors["theme"] = [_("Välj ett tema.")]
    if area not in OperationKind.values:
        errors["area"] = [_("Välj verksamhetsområde.")]
    for name, value in (("title", title), ("text", text)):
        try:
            validate_no_identity_number(value or "")
        except ValidationError as exc:
            errors.setdefault(name, []).extend(exc.messages)
    if errors:
        raise ValidationError(errors)


def _check_source(actor: User, source: models.Model | None) -> None:
    if source is None:
        return
    if source._meta.label_lower not in SOURCE_MODELS:
        raise ValidationError({"source": [_("Källan kan inte kopplas till en lärdom.")]})
    if not policy_for(source).can(actor, "view", source):
        raise PermissionDenied


def lesson_publish(
    *,
    actor: User,
    title: str,
    text: str,
    theme: str,
    area: str,
    node: OrgNode,
    kind: str = LessonKind.LESSON,
    source: models.Model | None = None,
) -> Lesson:
    """Publish an anonymised lesson for every district to read."""
    if not can_publish(actor, node):
        raise PermissionDenied
    _check(kind=kind, title=title, text=text, theme=theme, area=area)
    _check_source(actor, source)
    lesson = Lesson(
        kind=kind,
        title=title.strip(),
        text=text.strip(),
        theme=theme,
        area=area,
        node=node,
        published_by=actor,
    )
    if source is not None:
        lesson.source_type = ContentType.objects.get_for_model(source)
        lesson.source_id = str(source.pk)
    lesson.full_clean()
    with transaction.atomic():
        lesson.save()
        audit.record_create(actor, lesson)
    return lesson


EDITABLE = ("kind", "title", "text", "theme", "area")


def lesson_update(*, actor: User, lesson: Lesson, version: int, **changes: Any) -> Lesson:
    """Change a lesson's wording or tags; ``version`` is the one the user saw."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    if not lesson_policy.can(actor, "change", lesson):
        raise PermissionDenied
    merged = {name: changes.get(name, getattr(lesson, name)) for name in EDITABLE}
    _check(**merged)
    with transaction.atomic():
        before = audit.snapshot(lesson)
        for name, value in merged.items():
            setattr(lesson, name, value.strip() if isinstance(value, str) else value)
        lesson.full_clean()
        save_versioned(lesson, version, _CONFLICT)
        audit.record_update(actor, lesson, before)
    return lesson


def lesson_withdraw(*, actor: User, lesson: Lesson) -> None:
    """Take a lesson down (the audit log keeps what it said)."""
    if not lesson_policy.can(actor, "change", lesson):
        raise PermissionDenied
    with transaction.atomic():
        audit.record_delete(actor, lesson)
        lesson.delete()


def source_from_token(actor: User, token: str) -> models.Model | None:
    """``"reviews.finding:<uuid>"`` → the record, if the actor may see it; else None."""
    label, _sep, pk = (token or "").partition(":")
    if label not in SOURCE_MODELS or not pk:
        return None
    app_label, model = label.split(".")
    try:
        model_class = ContentType.objects.get_by_natural_key(app_label, model).model_class()
    except ContentType.DoesNotExist:
        return None
    if model_class is None:
        return None
    try:
        return policy_for(model_class).visible_to(actor).get(pk=pk)
    except (model_class.DoesNotExist, LookupError, ValueError, ValidationError):
        return None


def source_token(record: models.Model) -> str:
    return f"{record._meta.label_lower}:{record.pk}"
