"""Who may use the risk pages and endpoints (see access/testing.py)."""

import datetime as dt

from django.utils import timezone

from kvalitetsnav.access.testing import (
    EVERYONE_WITH_A_ROLE,
    MANAGERS_OF_A,
    NOT_VISIBLE_A,
    RECORD_VIEWERS_OF_A,
    Rule,
)
from kvalitetsnav.risks import services
from kvalitetsnav.risks.models import Occasion


def new_analysis(w, *, signed: bool = False):
    """An analysis of unit A with one rated risk; fixed (signed off) when ``signed``."""
    analysis = services.risk_analysis_create(
        actor=w.manager_a,
        title="Årlig riskanalys",
        occasion=Occasion.YEARLY,
        node=w.unit_a,
        analysed_on=timezone.localdate(),
        participants="Enhetschef, två undersköterskor",
    )
    risk = services.risk_add(
        actor=w.manager_a,
        analysis=analysis,
        title="Hot vid hembesök",
        probability=2,
        consequence=4,
        owner=w.manager_a,
        review_date=timezone.localdate() + dt.timedelta(days=30),
    )
    if signed:
        analysis = services.risk_analysis_sign_off(
            actor=w.manager_a, analysis=analysis, version=analysis.version
        )
    return analysis, risk


def _analysis(key: str, signed: bool = False):
    def build(w):
        analysis, _risk = new_analysis(w, signed=signed)
        return {key: analysis.pk, "_version": analysis.version}

    return build


def _risk(key: str):
    def build(w):
        _analysis, risk = new_analysis(w)
        return {key: risk.pk, "_version": risk.version}

    return build


LISTERS = RECORD_VIEWERS_OF_A | {"manager_a2", "manager_b", "staff_b"}
CREATORS = MANAGERS_OF_A | {"manager_a2", "manager_b"}
# Roles that see aggregates only are sent on to the heat map.
AGGREGATES_ONLY = {"politician_a": 302, "auditor_a": 302, "sysadmin": 302}

PAGES = {
    "risks:analysis_list": Rule(allowed=LISTERS, special=AGGREGATES_ONLY),
    "risks:analysis_create": Rule(allowed=CREATORS),
    "risks:heatmap": Rule(allowed=EVERYONE_WITH_A_ROLE),
    "risks:risk_list": Rule(allowed=LISTERS),
    "risks:analysis_detail": Rule(
        allowed=RECORD_VIEWERS_OF_A, kwargs=_analysis("pk"), not_visible=NOT_VISIBLE_A
    ),
    "risks:analysis_edit": Rule(
        allowed=MANAGERS_OF_A, kwargs=_analysis("pk"), not_visible=NOT_VISIBLE_A
    ),
    "risks:analysis_sign_off": Rule(
        allowed=MANAGERS_OF_A,
        allowed_status=302,
        method="post",
        kwargs=_analysis("pk"),
        data=lambda w, kw: {"version": kw["_version"]},
        not_visible=NOT_VISIBLE_A,
    ),
    "risks:analysis_revise": Rule(
        allowed=MANAGERS_OF_A,
        allowed_status=302,
        method="post",
        kwargs=_analysis("pk", signed=True),
        not_visible=NOT_VISIBLE_A,
    ),
    "risks:risk_create": Rule(
        allowed=MANAGERS_OF_A, kwargs=_analysis("pk"), not_visible=NOT_VISIBLE_A
    ),
    "risks:risk_detail": Rule(
        allowed=RECORD_VIEWERS_OF_A, kwargs=_risk("pk"), not_visible=NOT_VISIBLE_A
    ),
    "risks:risk_edit": Rule(allowed=MANAGERS_OF_A, kwargs=_risk("pk"), not_visible=NOT_VISIBLE_A),
    "risks:risk_action": Rule(
        allowed=MANAGERS_OF_A,
        allowed_status=302,
        method="post",
        kwargs=_risk("pk"),
        data=lambda w, kw: {"title": "Personlarm till alla"},
        not_visible=NOT_VISIBLE_A,
    ),
}

API = {
    "api-v1:list_risks": Rule(allowed=LISTERS),
    "api-v1:risk_heatmap": Rule(allowed=EVERYONE_WITH_A_ROLE),
}
