"""Who may use the decisions pages and endpoints (see access/testing.py).

The register is for those who report (DOMAIN.md): managers and quality staff, and the
city's inspector, who reads. Medarbetare, nämnd, revisor and the system administrator
see the statistics only.
"""

import datetime as dt
from itertools import count

from kvalitetsnav.access.testing import (
    EVERYONE_LOGGED_IN,
    EVERYONE_WITH_A_ROLE,
    MANAGERS_OF_A,
    Rule,
)
from kvalitetsnav.decisions import jobs, services
from kvalitetsnav.decisions.forms import default_quarter

from . import factories as f

READERS = MANAGERS_OF_A | {"inspector", "manager_a2", "manager_b"}
IMPORTERS = MANAGERS_OF_A | {"manager_a2", "manager_b"}
VIEWERS_OF_A = MANAGERS_OF_A | {"inspector"}
NOT_VISIBLE = EVERYONE_LOGGED_IN - VIEWERS_OF_A


def _decision(key: str):
    def build(w):
        decision = f.decision(w, decided_on=dt.date(2025, 1, 15))
        return {key: decision.pk, "_version": decision.version}

    return build


def _change(key: str):
    def build(w):
        change = services.service_change_create(
            actor=w.manager_a,
            node=w.unit_a,
            person_code="B-77",
            service_kind=f.kind(),
            kind="pausad",
            reason="Ville inte ha besök under sjukdomsutbrottet.",
            changed_on=dt.date(2025, 3, 1),
        )
        return {key: change.pk}

    return build


# Those who answer for the whole of board A: may see its import jobs and edit its mappings.
BOARD_MANAGERS_OF_A = {"quality_a", "director_a", "mas_a"}


def _job(w):
    f.kind()
    job = jobs.job_create(
        actor=w.quality_a, board=w.board_a, filename="beslut.csv", data=b"beslut_id\r\n"
    )
    return {"pk": job.pk}


_sources = count(1)


def _mapping(w):
    mapping = services.mapping_create(
        actor=w.quality_a,
        board=w.board_a,
        name=f"Källa {next(_sources)}",
        columns={"reference": "Id"},
    )
    return {"pk": mapping.pk, "_version": mapping.version}


def _detail(key: str, allowed=VIEWERS_OF_A, build=_decision, **kwargs):
    return Rule(allowed=allowed, kwargs=build(key), not_visible=NOT_VISIBLE, **kwargs)


PAGES = {
    "decisions:list": Rule(allowed=READERS),
    "decisions:import": Rule(allowed=IMPORTERS),
    "decisions:create": Rule(allowed=IMPORTERS),
    "decisions:import_job": Rule(
        allowed=BOARD_MANAGERS_OF_A,
        kwargs=_job,
        not_visible=EVERYONE_LOGGED_IN - BOARD_MANAGERS_OF_A,
    ),
    "decisions:import_job_restart": Rule(
        # Not stale: the answer is a redirect back with a message, nothing restarted.
        allowed=BOARD_MANAGERS_OF_A,
        allowed_status=302,
        method="post",
        kwargs=_job,
        not_visible=EVERYONE_LOGGED_IN - BOARD_MANAGERS_OF_A,
    ),
    "decisions:mappings": Rule(allowed=IMPORTERS),
    "decisions:mapping_create": Rule(allowed=BOARD_MANAGERS_OF_A),
    "decisions:mapping_edit": Rule(
        allowed=BOARD_MANAGERS_OF_A,
        kwargs=_mapping,
        # Managers inside the board see its mappings listed but may not change them.
        not_visible=EVERYONE_LOGGED_IN - IMPORTERS - {"manager_a2"} | {"manager_b"},
    ),
    "decisions:ivo_report": Rule(allowed=READERS),
    "decisions:ivo_report_xlsx": Rule(allowed=READERS),
    "decisions:ivo_report_csv": Rule(allowed=READERS),
    "decisions:ivo_mark_reported": Rule(
        # Only those who answer for the whole board: at the board or its förvaltning.
        allowed={"quality_a", "director_a", "mas_a"},
        allowed_status=302,
        method="post",
        data=lambda w, kw: {"board": "namnd-a", "quarter": str(default_quarter())},
        # Board B's manager may not pick board A at all: the form is refused.
        special={"manager_b": 400},
    ),
    "decisions:statistics": Rule(allowed=EVERYONE_WITH_A_ROLE),
    "decisions:changes": Rule(allowed=READERS),
    "decisions:change_create": Rule(allowed=IMPORTERS),
    "decisions:change_detail": _detail("pk", build=_change),
    "decisions:change_edit": _detail("pk", allowed=MANAGERS_OF_A, build=_change),
    "decisions:detail": _detail("pk"),
    "decisions:edit": _detail("pk", allowed=MANAGERS_OF_A),
    "decisions:offer_add": _detail(
        "pk",
        allowed=MANAGERS_OF_A,
        allowed_status=302,
        method="post",
        data=lambda w, kw: {"offered_on": "2025-02-01", "declined": "on"},
    ),
}

API = {
    "api-v1:list_decisions": Rule(allowed=READERS),
    "api-v1:decision_ivo_report": Rule(allowed=READERS),
    "api-v1:decision_statistics": Rule(allowed=EVERYONE_WITH_A_ROLE),
    "api-v1:decision_import_job": Rule(
        allowed=BOARD_MANAGERS_OF_A,
        kwargs=lambda w: {"job_id": _job(w)["pk"]},
        not_visible=EVERYONE_LOGGED_IN - BOARD_MANAGERS_OF_A,
    ),
}
