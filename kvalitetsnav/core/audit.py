"""Writing and verifying the hash-chained audit log.

Services call :func:`record_create`, :func:`record_update`, :func:`record_delete`
and views call :func:`record_read` for records marked sensitive. Every entry's
hash covers its content and the previous entry's hash.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import hashlib
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from . import bulk
from .models import AuditAction, AuditEvent

GENESIS_HASH = "0" * 64
# An arbitrary constant: the PostgreSQL advisory lock that serialises appends.
_AUDIT_LOCK_KEY = 7_345_918_220_001
_PLAIN = frozenset({str, int, float, bool})

# Fields that never go into the log (secrets, derived bookkeeping).
_SKIPPED_FIELDS = {
    "password",
    "key_hash",
    "path",
    "created_at",
    "updated_at",
    "version",
    "reminded_at",
}


def _jsonable(value: Any) -> Any:
    if value is None or type(value) in _PLAIN:
        return value
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat() if value.tzinfo else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID | decimal.Decimal):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


@functools.cache
def _logged_fields(model: type[models.Model]) -> tuple[tuple[str, str], ...]:
    """(name, attname) of the fields a snapshot of this model holds."""
    return tuple(
        (field.name, field.attname)
        for field in model._meta.concrete_fields
        if field.name not in _SKIPPED_FIELDS and not field.primary_key
    )


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The loggable field values of a record, as JSON-compatible values."""
    return {name: _jsonable(getattr(obj, attname)) for name, attname in _logged_fields(type(obj))}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for every field whose value changed."""
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }


def _dumps(value: Any) -> str:
    """Canonical JSON: sorted keys, no spaces, UTF-8 as it is."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def chain_hash(
    *,
    prev: str,
    at: dt.datetime,
    actor_id: Any,
    actor_username: str,
    action: str,
    object_type: str,
    object_id: str,
    object_repr: str,
    changes_json: str,
) -> str:
    """The SHA-256 of an entry's canonical JSON, given its changes as canonical JSON text.

    The text is the canonical JSON of the object ``{prev, at, actor, …, changes}`` with its
    keys in sorted order, written out here so that an import of 100,000 rows serialises
    each entry's changes once (for the hash and for the row) instead of twice.
    """
    canonical = (
        '{"action":' + _dumps(action)
        + ',"actor":' + _dumps(str(actor_id) if actor_id else None)
        + ',"actor_username":' + _dumps(actor_username)
        + ',"at":' + _dumps(_jsonable(at))
        + ',"changes":' + changes_json
        + ',"id":' + _dumps(object_id)
        + ',"prev":' + _dumps(prev)
        + ',"repr":' + _dumps(object_repr)
        + ',"type":' + _dumps(object_type)
        + "}"
    )  # fmt: skip
    return hashlib.sha256(canonical.encode()).hexdigest()


def compute_hash(event: AuditEvent) -> str:
    return chain_hash(
        prev=event.prev_hash,
        at=event.occurred_at,
        actor_id=event.actor_id,
        actor_username=event.actor_username,
        action=event.action,
        object_type=event.object_type,
        object_id=event.object_id,
        object_repr=event.object_repr,
        changes_json=_dumps(event.changes),
    )


AuditEntry = tuple[str, models.Model, dict[str, Any]]  # (action, object, changes)


def _append_many(actor: Any, entries: list[AuditEntry]) -> list[AuditEvent]:
    """Append entries to the chain in order: the previous hash is read once, under the lock.

    The entries' changes must already be JSON values (as :func:`created_entry` and
    :func:`updated_entry` make them); :func:`_append` converts a single entry's.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_AUDIT_LOCK_KEY])
        prev = (
            AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
            or GENESIS_HASH
        )
        authenticated = actor is not None and getattr(actor, "is_authenticated", False)
        now = timezone.now()
        username = actor.get_username() if authenticated else ""
        events, texts = [], []
        for action, obj, changes in entries:
            event = AuditEvent(
                occurred_at=now,
                actor=actor if authenticated else None,
                actor_username=username,
                action=action,
                object_type=obj._meta.label_lower,
                object_id=str(obj.pk),
                object_repr=str(obj)[:200],
                changes=changes,
                prev_hash=prev,
            )
            text = _dumps(changes)
            event.hash = prev = chain_hash(
                prev=event.prev_hash,
                at=now,
                actor_id=event.actor_id,
                actor_username=username,
                action=action,
                object_type=event.object_type,
                object_id=event.object_id,
                object_repr=event.object_repr,
                changes_json=text,
            )
            events.append(event)
            texts.append(text)
        if len(events) == 1:
            events[0].save()
        else:  # COPY on PostgreSQL; the ids are not read back
            bulk.insert_objects(events, prepared={"changes": texts})
        return events


def _append(actor: Any, action: str, obj: models.Model, changes: dict[str, Any]) -> AuditEvent:
    return _append_many(actor, [(action, obj, _jsonable(changes))])[0]


def created_entry(obj: models.Model) -> AuditEntry:
    return AuditAction.CREATE, obj, {k: [None, v] for k, v in snapshot(obj).items()}


def updated_entry(obj: models.Model, before: dict[str, Any]) -> AuditEntry | None:
    """The entry for the fields changed since ``before`` (a :func:`snapshot`); None if none did."""
    changes = diff(before, snapshot(obj))
    return (AuditAction.UPDATE, obj, changes) if changes else None


def record_many(actor: Any, entries: list[AuditEntry]) -> int:
    """Log many entries in one go (imports of thousands of rows); returns the count.

    The same chain as one :func:`record_create` after another, but written in one stream
    (COPY on PostgreSQL), so an import of 100,000 rows does not cost 200,000 queries.
    Build the entries with :func:`created_entry` and :func:`updated_entry`.
    """
    return len(_append_many(actor, entries)) if entries else 0


def record_create(actor: Any, obj: models.Model) -> AuditEvent:
    return _append(actor, AuditAction.CREATE, obj, {k: [None, v] for k, v in snapshot(obj).items()})


def record_update(actor: Any, obj: models.Model, before: dict[str, Any]) -> AuditEvent | None:
    """Log the fields that changed since ``before`` (a :func:`snapshot`); nothing if none did."""
    changes = diff(before, snapshot(obj))
    if not changes:
        return None
    return _append(actor, AuditAction.UPDATE, obj, changes)


def record_changes(actor: Any, obj: models.Model, changes: dict[str, list[Any]]) -> AuditEvent:
    """Log changes a snapshot cannot see (a many-to-many relation): ``{name: [old, new]}``."""
    return _append(actor, AuditAction.UPDATE, obj, changes)


def record_delete(actor: Any, obj: models.Model) -> AuditEvent:
    return _append(actor, AuditAction.DELETE, obj, {k: [v, None] for k, v in snapshot(obj).items()})


def record_read(actor: Any, obj: models.Model, what: str = "") -> AuditEvent:
    """Log that ``actor`` read a sensitive record (or a file of it)."""
    return _append(actor, AuditAction.READ, obj, {"read": what} if what else {})


@dataclass(frozen=True)
class ChainBreak:
    event_id: int
    reason: str


def verify_chain(batch_size: int = 2000) -> Iterator[ChainBreak]:
    """Yield every place where the chain is broken (an entry changed, removed or inserted)."""
    expected_prev = GENESIS_HASH
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=batch_size):
        if event.prev_hash != expected_prev:
            yield ChainBreak(
                event.id, "previous hash does not match: an entry before it was removed or changed"
            )
        if compute_hash(event) != event.hash:
            yield ChainBreak(event.id, "content does not match its hash: the entry was changed")
        expected_prev = event.hash


@dataclass(frozen=True)
class ChangeLine:
    label: str
    old: str
    new: str


def readable_history(
    model: type[models.Model], events: list[AuditEvent]
) -> list[tuple[AuditEvent, list[ChangeLine]]]:
    """Events with their changes in words: field labels, choice labels, names of linked records.

    Linked records are looked up with one query per related model, whatever the number of events.
    """
    fields = {f.name: f for f in model._meta.concrete_fields}
    wanted: dict[type[models.Model], set[str]] = {}
    for event in events:
        for name, values in event.changes.items():
            field = fields.get(name)
            if field is not None and field.is_relation and isinstance(values, list):
                wanted.setdefault(field.related_model, set()).update(str(v) for v in values if v)
    names: dict[tuple[type[models.Model], str], str] = {}
    for related, pks in wanted.items():
        for obj in related._default_manager.filter(pk__in=pks):
            names[(related, str(obj.pk))] = str(obj)

    def words(field: Any, value: Any) -> str:
        if value in (None, ""):
            return "–"
        if field is None:
            return str(value)
        if field.is_relation:
            return names.get((field.related_model, str(value)), str(value))
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(value, bool):
            return "ja" if value else "nej"
        return str(value)

    masked = getattr(model, "audit_masked_fields", frozenset())
    result = []
    for event in events:
        lines = []
        if event.action == AuditAction.UPDATE:
            for name, values in event.changes.items():
                field = fields.get(name)
                label = str(field.verbose_name) if field is not None else name
                if name in masked:
                    lines.append(ChangeLine(label, "(dold)", "(dold)"))
                    continue
                old, new = (
                    values if isinstance(values, list) and len(values) == 2 else (None, values)
                )
                lines.append(ChangeLine(label, words(field, old), words(field, new)))
        result.append((event, lines))
    return result
