"""Who may use the key figures' pages and endpoints (see access/testing.py).

Key figures are aggregates without personal data: everyone with a role sees the
dashboards of their part of the organisation (nämnd and revisor included); managers
enter values for their units; a figure is defined and changed at its level.
"""

from kvalitetsnav.access.testing import EVERYONE_WITH_A_ROLE, MANAGERS_OF_A, Rule
from kvalitetsnav.keyfigures import services
from kvalitetsnav.keyfigures.models import Measure, Source

# Managers anywhere: may define figures for their level and import values.
MANAGERS = MANAGERS_OF_A | {"manager_a2", "manager_b"}
# Those who see aggregates somewhere in board A or above it.
SEES_BOARD_A = EVERYONE_WITH_A_ROLE - {"manager_b", "staff_b"}
# Those who manage some unit board A's figures apply to.
RECORDERS_A = MANAGERS_OF_A | {"manager_a2"}


def new_figure(w, code: str = "nojda"):
    from kvalitetsnav.keyfigures.models import KeyFigure

    existing = KeyFigure.objects.filter(code=code).first()
    if existing:
        return existing
    return services.key_figure_create(
        actor=w.quality_a,
        name="Nöjda brukare",
        code=code,
        node=w.board_a,
        measure=Measure.PERCENT,
        source=Source.MANUAL,
    )


def _figure(key: str):
    def build(w):
        figure = new_figure(w)
        return {key: figure.pk, "_version": figure.version}

    return build


PAGES = {
    "keyfigures:dashboard": Rule(allowed=EVERYONE_WITH_A_ROLE),
    "keyfigures:plans": Rule(allowed=EVERYONE_WITH_A_ROLE),
    "keyfigures:create": Rule(allowed=MANAGERS),
    "keyfigures:import": Rule(allowed=MANAGERS),
    "keyfigures:plan_create": Rule(allowed=MANAGERS),
    "keyfigures:detail": Rule(
        allowed=SEES_BOARD_A, kwargs=_figure("pk"), not_visible={"manager_b", "staff_b"}
    ),
    "keyfigures:edit": Rule(
        allowed={"quality_a"}, kwargs=_figure("pk"), not_visible={"manager_b", "staff_b"}
    ),
    "keyfigures:value_create": Rule(
        allowed=RECORDERS_A, kwargs=_figure("pk"), not_visible={"manager_b", "staff_b"}
    ),
}

API: dict = {}
