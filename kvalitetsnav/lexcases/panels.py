"""The lex Sarah / lex Maria panel on a deviation's page: open a case, or see the ones opened."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from kvalitetsnav.access.policies import has_cap
from kvalitetsnav.access.roles import Cap

from .policies import policy


def deviation_panel(request: Any, deviation: Any) -> str:
    user = request.user
    can_open = has_cap(user, Cap.MANAGE_RECORDS, deviation.node)
    cases = list(policy.visible_to(user).filter(deviation=deviation).order_by("received_at"))
    if not can_open and not cases:
        return ""
    return render_to_string(
        "lexcases/_deviation_panel.html",
        {"deviation": deviation, "cases": cases, "can_open": can_open},
        request=request,
    )
