"""Writing many rows fast: COPY on PostgreSQL, executemany elsewhere, and a bulk audit chain.

A :class:`Table` takes rows as keyword arguments keyed by field name (a foreign key by
its name, given the related id), fills every field left out with its default, and sends
them to the database in large batches. An :class:`AuditChain` writes the audit entries
those rows would have written through the services, hash-chained exactly as
:mod:`kvalitetsnav.core.audit` does, so that ``manage.py verify_audit`` still passes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, models

from kvalitetsnav.core.audit import _SKIPPED_FIELDS, GENESIS_HASH, _dumps, _jsonable, chain_hash
from kvalitetsnav.core.bulk import copy_rows
from kvalitetsnav.core.models import AuditAction, AuditEvent

BATCH = 20_000


class Table:
    """Rows of one model waiting to be written; ``flush`` sends them."""

    def __init__(self, model: type[models.Model], audit: AuditChain | None = None) -> None:
        self.model = model
        self.audit = audit
        # A serial key is left to the database.
        self.fields = [
            f
            for f in model._meta.concrete_fields
            if not (f.primary_key and isinstance(f, models.fields.AutoFieldMixin))
        ]
        self.names = [f.name for f in self.fields]
        self.columns = [f.column for f in self.fields]
        self.logged = [
            f.name for f in self.fields if f.name not in _SKIPPED_FIELDS and not f.primary_key
        ]
        self.defaults: dict[str, Callable[[], Any] | Any] = {}
        for f in self.fields:
            if f.has_default():
                default = f.default
                self.defaults[f.name] = default if callable(default) else (lambda d=default: d)
            elif f.null:
                self.defaults[f.name] = lambda: None
            else:
                self.defaults[f.name] = lambda: ""
        self.json_fields = {i for i, f in enumerate(self.fields) if isinstance(f, models.JSONField)}
        self.rows: list[list[Any]] = []
        self.written = 0

    def add(
        self,
        *,
        actor: tuple[Any, str] | None = None,
        repr_: str = "",
        **values: Any,
    ) -> dict[str, Any]:
        """Queue one row; with ``actor`` (id, username) also log its creation. Returns the row."""
        for name in self.names:
            if name not in values:
                if name in ("created_at", "updated_at"):
                    values[name] = values.get("created_at") or values["updated_at"]
                else:
                    values[name] = self.defaults[name]()
        self.rows.append([values[n] for n in self.names])
        if actor is not None and self.audit is not None:
            self.audit.created(actor, self.model, values, repr_, self.logged)
        if len(self.rows) >= BATCH:
            self.flush()
        return values

    def flush(self) -> None:
        if not self.rows:
            return
        rows, self.rows = self.rows, []
        write_rows(self.model._meta.db_table, self.columns, self.fields, self.json_fields, rows)
        self.written += len(rows)


def write_rows(
    table: str,
    columns: list[str],
    fields: list[models.Field],
    json_fields: set[int],
    rows: list[list[Any]],
) -> None:
    """COPY on PostgreSQL; one executemany with values prepared by each field elsewhere."""
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    if json_fields:
        for row in rows:
            for i in json_fields:
                row[i] = None if row[i] is None else json.dumps(row[i], ensure_ascii=False)
    if connection.vendor == "postgresql":
        copy_rows(table, columns, rows)
        return
    with connection.cursor() as cursor:
        preps = [
            (lambda v: v)
            if i in json_fields
            else (lambda v, f=f: f.get_db_prep_save(v, connection))
            for i, f in enumerate(fields)
        ]
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(
            f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({marks})",
            [[prep(v) for prep, v in zip(preps, row, strict=True)] for row in rows],
        )


class AuditChain:
    """Audit entries in the order they are added, each hashed over the one before."""

    def __init__(self) -> None:
        last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
        self.prev = last or GENESIS_HASH
        self.fields = [f for f in AuditEvent._meta.concrete_fields if not f.primary_key]
        self.columns = [f.column for f in self.fields]
        self.json_fields: set[int] = set()  # ``changes`` is already JSON text here
        self.rows: list[list[Any]] = []
        self.written = 0

    def append(
        self,
        actor: tuple[Any, str] | None,
        action: str,
        object_type: str,
        object_id: str,
        object_repr: str,
        changes: dict[str, Any],
        at: dt.datetime,
    ) -> None:
        actor_id, username = actor if actor else (None, "")
        changes_json = _dumps(changes)
        repr_ = object_repr[:200]
        digest = chain_hash(
            prev=self.prev,
            at=at,
            actor_id=actor_id,
            actor_username=username,
            action=action,
            object_type=object_type,
            object_id=object_id,
            object_repr=repr_,
            changes_json=changes_json,
        )
        self.rows.append(
            [at, actor_id, username, action, object_type, object_id, repr_, changes_json,
             self.prev, digest]
        )  # fmt: skip
        self.prev = digest
        if len(self.rows) >= BATCH:
            self.flush()

    def created(
        self,
        actor: tuple[Any, str] | None,
        model: type[models.Model],
        values: dict[str, Any],
        repr_: str,
        logged: list[str],
    ) -> None:
        changes = {name: [None, _jsonable(values[name])] for name in logged}
        self.append(
            actor,
            AuditAction.CREATE,
            model._meta.label_lower,
            str(values["id"]),
            repr_,
            changes,
            values["created_at"],
        )

    def updated(
        self,
        actor: tuple[Any, str] | None,
        model: type[models.Model],
        pk: Any,
        repr_: str,
        changes: dict[str, list[Any]],
        at: dt.datetime,
    ) -> None:
        changes = {k: [_jsonable(a), _jsonable(b)] for k, (a, b) in changes.items()}
        self.append(actor, AuditAction.UPDATE, model._meta.label_lower, str(pk), repr_, changes, at)

    def flush(self) -> None:
        if not self.rows:
            return
        rows, self.rows = self.rows, []
        if connection.vendor != "postgresql":
            for row in rows:
                row[7] = json.loads(row[7])  # prepared again by the JSONField
            write_rows(AuditEvent._meta.db_table, self.columns, self.fields, set(), rows)
        else:
            write_rows(AuditEvent._meta.db_table, self.columns, self.fields, set(), rows)
        self.written += len(rows)


@contextmanager
def indexes_built_after(models_: list[type[models.Model]]) -> Iterator[None]:
    """On PostgreSQL, drop the secondary indexes, unique and foreign-key constraints of these
    tables, and build them again at the end: one sort per index and one join per foreign key
    instead of a check per row. Run it inside a transaction: a failure leaves nothing behind.
    Elsewhere it does nothing.
    """
    if connection.vendor != "postgresql":
        yield
        return
    tables = sorted({m._meta.db_table for m in models_})
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute(
            """SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), contype
                 FROM pg_constraint
                WHERE contype IN ('f', 'u') AND conrelid = ANY(%s::regclass[])
                ORDER BY contype""",
            [tables],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            """SELECT indexname, indexdef FROM pg_indexes
                WHERE schemaname = current_schema() AND tablename = ANY(%s)
                  AND indexname NOT IN (SELECT conname FROM pg_constraint)""",
            [tables],
        )
        indexes = cursor.fetchall()
        for table, name, _definition, _kind in constraints:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    yield
    with connection.cursor() as cursor:
        for _name, definition in indexes:
            cursor.execute(definition)
        for table, name, definition, _kind in reversed(
            constraints
        ):  # unique ones before foreign keys
            cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
