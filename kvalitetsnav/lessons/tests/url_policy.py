"""Who may use the lesson pages and endpoints (see access/testing.py).

Every persona with a role reads lessons; kvalitetsutvecklare, förvaltningsledning
and the city's inspector publish; a lesson is changed by its publisher's level.
"""

from kvalitetsnav.access.testing import EVERYONE_WITH_A_ROLE, Rule
from kvalitetsnav.core.models import OperationKind
from kvalitetsnav.lessons import services
from kvalitetsnav.reviews.models import Theme

PUBLISHERS = {"quality_a", "director_a", "inspector"}
# A lesson published by board A's kvalitetsutvecklare: changed by publishers above it.
CHANGERS_OF_A = {"quality_a", "inspector"}


def new_lesson(w, *, actor=None, node=None, **changes):
    data = {
        "title": "Riskanalys vid ändrade insatser",
        "text": "Gör riskanalysen innan insatsen ändras, och följ upp den enskildas behov.",
        "theme": Theme.RISK_ANALYSIS,
        "area": OperationKind.HEMTJANST,
        **changes,
    }
    return services.lesson_publish(actor=actor or w.quality_a, node=node or w.board_a, **data)


def _lesson(key):
    def build(w):
        lesson = new_lesson(w)
        return {key: lesson.pk, "_version": lesson.version}

    return build


PAGES = {
    "lessons:list": Rule(allowed=EVERYONE_WITH_A_ROLE),
    "lessons:create": Rule(allowed=PUBLISHERS),
    "lessons:detail": Rule(
        allowed=EVERYONE_WITH_A_ROLE, kwargs=_lesson("pk"), not_visible={"no_role"}
    ),
    "lessons:edit": Rule(
        allowed=CHANGERS_OF_A,
        kwargs=_lesson("pk"),
        not_visible={"no_role"},
    ),
    "lessons:withdraw": Rule(
        allowed=CHANGERS_OF_A,
        allowed_status=302,
        method="post",
        kwargs=_lesson("pk"),
        not_visible={"no_role"},
    ),
}

API = {
    "api-v1:list_lessons": Rule(allowed=EVERYONE_WITH_A_ROLE),
    "api-v1:get_lesson": Rule(
        allowed=EVERYONE_WITH_A_ROLE, kwargs=_lesson("lesson_id"), not_visible={"no_role"}
    ),
}
