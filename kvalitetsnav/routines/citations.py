"""Links between modules: a deviation, a self-inspection or an action cites a routine.

The record's own policy decides who may add or remove a citation (``attach``); the
routine's policy decides which routines one may cite (those one may read). A routine's
page lists what cites it, only the records the reader may see, one query per model.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kvalitetsnav.access.policies import policy_for
from kvalitetsnav.accounts.models import User
from kvalitetsnav.core import audit

from .models import Routine, RoutineCitation
from .policies import routine_policy

# The models whose records may cite a routine: label → (heading, related fields for str()).
CITABLE: dict[str, tuple[Any, tuple[str, ...]]] = {
    "deviations.deviation": (gettext_lazy("Avvikelser"), ("category",)),
    "inspections.inspection": (gettext_lazy("Egenkontroller"), ("template_version__template",)),
    "actions.action": (gettext_lazy("Åtgärder"), ()),
}

# At most this many routines are offered in the list to cite from.
MAX_CHOICES = 300


def citable_model(label: str) -> type[models.Model]:
    if label not in CITABLE:
        raise LookupError(label)
    return apps.get_model(label)


def _check(actor: User, routine: Routine, record: models.Model) -> None:
    if record._meta.label_lower not in CITABLE:
        raise ValidationError(_("Den här typen av post kan inte hänvisa till styrdokument."))
    if not policy_for(record).can(actor, "attach", record):
        raise PermissionDenied(_("Du kan inte ändra den här posten."))
    if not routine_policy.can(actor, "view", routine):
        raise PermissionDenied(_("Du kan inte se det här styrdokumentet."))


def _citations_of(record: models.Model) -> models.QuerySet[RoutineCitation]:
    return RoutineCitation.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=str(record.pk)
    )


def routine_cite(*, actor: User, routine: Routine, record: models.Model) -> RoutineCitation:
    """The record cites the routine it concerns (once; citing again changes nothing)."""
    _check(actor, routine, record)
    existing = _citations_of(record).filter(routine=routine).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            citation = RoutineCitation.objects.create(
                routine=routine,
                content_type=ContentType.objects.get_for_model(record),
                object_id=str(record.pk),
                cited_by=actor,
            )
            audit.record_create(actor, citation)
    except IntegrityError:
        # Someone cited it at the same moment: the citation exists, which is what was asked.
        return _citations_of(record).get(routine=routine)
    return citation


def routine_uncite(*, actor: User, citation: RoutineCitation) -> None:
    """Remove a citation; allowed to whoever may change the citing record."""
    record = citation_record(citation)
    if record is None or not policy_for(record).can(actor, "attach", record):
        raise PermissionDenied(_("Du kan inte ändra den här posten."))
    with transaction.atomic():
        audit.record_delete(actor, citation)
        citation.delete()


def citation_record(citation: RoutineCitation) -> models.Model | None:
    model = citation.content_type.model_class()
    if model is None:
        return None
    return model._default_manager.filter(pk=citation.object_id).first()


def cited_routines(user: Any, record: models.Model) -> list[RoutineCitation]:
    """The citations of a record whose routine the user may read (one query)."""
    readable = routine_policy.visible_to(user).values("pk")
    return list(
        _citations_of(record)
        .filter(routine__in=readable)
        .select_related("routine__current_version")
        .order_by("routine__title")
    )


def citing_records(user: Any, routine: Routine) -> list[dict[str, Any]]:
    """What cites the routine, grouped per model, only records the user may see.

    One query for the citations and one per model that cites it (at most three).
    """
    ids: dict[int, list[str]] = defaultdict(list)
    for content_type_id, object_id in RoutineCitation.objects.filter(routine=routine).values_list(
        "content_type_id", "object_id"
    ):
        ids[content_type_id].append(object_id)
    groups = []
    for content_type_id, object_ids in ids.items():
        content_type = ContentType.objects.get_for_id(content_type_id)  # cached
        label = f"{content_type.app_label}.{content_type.model}"
        if label not in CITABLE:
            continue
        heading, related = CITABLE[label]
        model = content_type.model_class()
        records = list(
            policy_for(model)
            .visible_to(user)
            .filter(pk__in=object_ids)
            .select_related(*related)
            .order_by("-created_at")
        )
        if records:
            groups.append({"label": label, "heading": heading, "records": records})
    order = list(CITABLE)
    groups.sort(key=lambda group: order.index(group["label"]))
    return groups


def record_panel(request: Any, record: models.Model) -> str:
    """The panel on a deviation's, an inspection's or an action's page."""
    user = request.user
    citations = cited_routines(user, record)
    can_cite = policy_for(record).can(user, "attach", record)
    if not citations and not can_cite:
        return ""
    choices = []
    if can_cite:
        cited = {c.routine_id for c in citations}
        choices = [
            routine
            for routine in routine_policy.visible_to(user)
            .in_force()
            .only("pk", "title")
            .order_by("title")[:MAX_CHOICES]
            if routine.pk not in cited
        ]
    return render_to_string(
        "routines/_citation_panel.html",
        {
            "citations": citations,
            "can_cite": can_cite,
            "choices": choices,
            "cite_url": reverse("routines:cite", args=[record._meta.label_lower, record.pk]),
        },
        request=request,
    )
