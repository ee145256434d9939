"""The lex Sarah / lex Maria panel on a deviation's and a complaint's page.

Open a case from the record, or see the cases already opened from it.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from kvalitetsnav.access.policies import has_cap
from kvalitetsnav.access.roles import Cap

from .policies import policy


def _panel(request: Any, cases: list, open_urls: list[tuple[str, str]]) -> str:
    if not open_urls and not cases:
        return ""
    return render_to_string(
        "lexcases/_record_panel.html", {"cases": cases, "open_urls": open_urls}, request=request
    )


def deviation_panel(request: Any, deviation: Any) -> str:
    user = request.user
    cases = list(policy.visible_to(user).filter(deviation=deviation).order_by("received_at"))
    open_urls = []
    if has_cap(user, Cap.MANAGE_RECORDS, deviation.node):
        url = reverse("lexcases:create_from_deviation", args=[deviation.pk])
        open_urls = [
            (f"{url}?typ=lex_sarah", _("Öppna lex Sarah-ärende")),
            (f"{url}?typ=lex_maria", _("Öppna lex Maria-ärende")),
        ]
    return _panel(request, cases, open_urls)


def feedback_panel(request: Any, feedback: Any) -> str:
    from kvalitetsnav.feedback.policies import policy as feedback_policy

    user = request.user
    cases = list(policy.visible_to(user).filter(feedback=feedback).order_by("received_at"))
    open_urls = []
    if feedback_policy.can(user, "handle", feedback):
        url = reverse("lexcases:create_from_feedback", args=[feedback.pk])
        open_urls = [(url, _("Öppna lex Sarah-ärende"))]
    return _panel(request, cases, open_urls)
