"""Many audit log entries in one go, for imports of thousands of decisions.

The same chain as :mod:`kvalitetsnav.core.audit` (each entry's hash covers the
previous one), but the previous hash is read once and the entries are inserted
in batches, so an import of 100,000 rows does not cost 200,000 queries. It takes
the same PostgreSQL advisory lock, so entries appended meanwhile by others cannot
interleave with the chain being built.
"""

from __future__ import annotations

from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from kvalitetsnav.core import audit
from kvalitetsnav.core.models import AuditAction, AuditEvent

BATCH = 1000


def record_many(actor: Any, entries: list[tuple[str, models.Model, dict[str, Any]]]) -> int:
    """Append ``(action, object, changes)`` entries to the log, in order; returns the count.

    ``changes`` is what :func:`audit.record_create` or :func:`audit.record_update`
    would log: ``{field: [old, new]}``.
    """
    if not entries:
        return 0
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [audit._AUDIT_LOCK_KEY])
        prev = (
            AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
            or audit.GENESIS_HASH
        )
        now = timezone.now()
        events = []
        for action, obj, changes in entries:
            event = AuditEvent(
                occurred_at=now,
                actor=actor if authenticated else None,
                actor_username=actor.get_username() if authenticated else "",
                action=action,
                object_type=obj._meta.label_lower,
                object_id=str(obj.pk),
                object_repr=str(obj)[:200],
                changes=audit._jsonable(changes),
                prev_hash=prev,
            )
            event.hash = prev = audit.compute_hash(event)
            events.append(event)
        AuditEvent.objects.bulk_create(events, batch_size=BATCH)
    return len(events)


def created(obj: models.Model) -> tuple[str, models.Model, dict[str, Any]]:
    return AuditAction.CREATE, obj, {k: [None, v] for k, v in audit.snapshot(obj).items()}


def updated(
    obj: models.Model, before: dict[str, Any]
) -> tuple[str, models.Model, dict[str, Any]] | None:
    changes = audit.diff(before, audit.snapshot(obj))
    return (AuditAction.UPDATE, obj, changes) if changes else None
