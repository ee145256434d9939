"""``generate_scale_data``: a whole city's (or one district's) records, written in bulk."""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable

from django.db import connection, transaction
from django.utils import timezone

from ..bulk import AuditChain, indexes_built_after
from ..scales import Scale
from .org import Org, OrgBuilder
from .records import RecordBuilder

MARKER_CODE = "bench-stad"


def _written_models() -> list:
    from kvalitetsnav.actions.models import Action
    from kvalitetsnav.core.models import AuditEvent
    from kvalitetsnav.decisions.models import Decision
    from kvalitetsnav.deviations.models import Deviation
    from kvalitetsnav.feedback.models import Feedback
    from kvalitetsnav.inspections.models import Answer, Inspection

    # The big tables; the small ones keep their indexes while they fill.
    return [AuditEvent, Deviation, Deviation.factors.through, Action, Feedback, Decision,
            Inspection, Answer]  # fmt: skip


def already_generated() -> bool:
    from kvalitetsnav.core.models import OrgNode

    return OrgNode.objects.filter(code=MARKER_CODE).exists()


def generate(
    scale: Scale, *, seed: int = 1, log: Callable[[str], None] = lambda s: None
) -> dict[str, float]:
    """Fill the database with ``scale``; return the seconds each phase took."""
    rng = random.Random(seed)
    now = timezone.now().replace(microsecond=0) if seed is None else _fixed_now()
    timings: dict[str, float] = {}
    audit = AuditChain()

    def phase(name: str, fn: Callable[[], object]) -> object:
        started = time.perf_counter()
        result = fn()
        audit.flush()
        timings[name] = round(time.perf_counter() - started, 2)
        log(f"{name}: {timings[name]} s")
        return result

    # All or nothing: one transaction, with the indexes built once at the end.
    with transaction.atomic(), indexes_built_after(_written_models()):
        org: Org = phase("organisation and users", lambda: OrgBuilder(rng, audit, now).build(scale))
        records = RecordBuilder(rng, audit, now, scale, org)
        phase("deviations", records.deviations)
        phase("actions", records.actions)
        phase("feedback", records.feedback)
        phase("decisions", records.decisions)
        phase("self-inspections", records.inspections)
        phase("routines", records.routines)
        phase("risks", records.risks)
        started = time.perf_counter()
    timings["indexes and constraints"] = round(time.perf_counter() - started, 2)
    log(f"indexes and constraints: {timings['indexes and constraints']} s")
    if connection.vendor == "postgresql":
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        timings["analyze"] = round(time.perf_counter() - started, 2)
    timings["audit entries"] = audit.written
    return timings


def _fixed_now() -> dt.datetime:
    """Today at noon: the data is the same for a seed, relative to the day it is made."""
    today = timezone.localdate()
    return timezone.make_aware(dt.datetime(today.year, today.month, today.day, 12))
