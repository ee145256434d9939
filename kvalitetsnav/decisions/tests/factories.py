"""Small builders for decision tests (the import service is the real way in)."""

from __future__ import annotations

import datetime as dt
from itertools import count

from kvalitetsnav.decisions.models import Decision, ServiceKind
from kvalitetsnav.decisions.service_kinds import ensure

_refs = count(1)


def kind(name: str = "Hemtjänst", law: str = "SoL") -> ServiceKind:
    ensure(ServiceKind)  # a live-server test may have flushed the shipped kinds
    return ServiceKind.objects.get(law=law, name=name)


def decision(world, *, decided_on: dt.date, node=None, **fields) -> Decision:
    service_kind = fields.pop("service_kind", None) or kind()
    return Decision.objects.create(
        board=world.board_a,
        reference=fields.pop("reference", f"B-{next(_refs)}"),
        node=node or world.unit_a,
        law=service_kind.law,
        service_kind=service_kind,
        decided_on=decided_on,
        sex=fields.pop("sex", "K"),
        birth_year=fields.pop("birth_year", 1940),
        **fields,
    )
