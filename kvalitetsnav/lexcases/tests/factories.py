"""Cases in the states the tests need, built through the services as the application does."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from kvalitetsnav.lexcases import services
from kvalitetsnav.lexcases.models import EntryNature, EntryTopic, LexCase, LexKind


def open_case(w, *, kind: str = LexKind.LEX_SARAH, by=None, node=None, **extra) -> LexCase:
    """A report in unit A, made by its staff member unless someone else is given."""
    fields = {
        "title": "Utebliven insats",
        "description": "Planerat besök utfördes inte under kvällen.",
        "consequences": "Den enskilda fick inte sina läkemedel i tid.",
        "immediate_measures": "Extra besök sattes in samma kväll.",
        "person_ref": "B-1042",
        "occurred_at": timezone.now() - dt.timedelta(days=1),
        **extra,
    }
    return services.lex_case_open(actor=by or w.staff_a, kind=kind, node=node or w.unit_a, **fields)


def decider(w, kind: str):
    return w.mas_a if kind == LexKind.LEX_MARIA else w.dept_head_a


def handler(w, kind: str):
    return w.mas_a if kind == LexKind.LEX_MARIA else w.manager_a


def document(w, case: LexCase, *, by=None) -> LexCase:
    services.lex_case_add_entry(
        actor=by or handler(w, case.kind),
        case=case,
        entry_date=timezone.localdate(),
        topic=EntryTopic.CAUSES,
        nature=EntryNature.ASSESSMENT,
        source="Samtal med personal",
        text="Rutinen för överlämning vid skiftbyte följdes inte.",
    )
    return LexCase.objects.get(pk=case.pk)


def assessed(w, *, serious: bool, kind: str = LexKind.LEX_SARAH, completed: bool = False):
    case = document(w, open_case(w, kind=kind))
    if completed:
        case = services.lex_case_complete_investigation(
            actor=handler(w, kind), case=case, version=case.version
        )
    return services.lex_case_assess(
        actor=decider(w, kind),
        case=case,
        version=case.version,
        serious=serious,
        reasons="Risk för allvarlig skada." if serious else "Ingen skada och ingen påtaglig risk.",
    )


def reported(w, kind: str = LexKind.LEX_SARAH) -> LexCase:
    case = assessed(w, serious=True, kind=kind)
    return services.lex_case_report_to_ivo(
        actor=decider(w, kind),
        case=case,
        version=case.version,
        sent_on=timezone.localdate(),
        ivo_reference="IVO 3.5.1-12345/2026",
    )
