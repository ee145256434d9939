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


def _value(w, kw):
    return {"unit": str(w.unit_a.pk), "period": "2025-03-01", "value": "42.5"}


API = {
    "api-v1:list_key_figures": Rule(allowed=EVERYONE_WITH_A_ROLE),
    "api-v1:implementation_plans": Rule(allowed=EVERYONE_WITH_A_ROLE),
    "api-v1:get_key_figure": Rule(
        allowed=SEES_BOARD_A, kwargs=_figure("key_figure_id"), not_visible={"manager_b", "staff_b"}
    ),
    "api-v1:list_values": Rule(
        allowed=SEES_BOARD_A, kwargs=_figure("key_figure_id"), not_visible={"manager_b", "staff_b"}
    ),
    "api-v1:create_value": Rule(
        allowed={"manager_a", "dept_head_a", "director_a", "quality_a", "mas_a"},
        # The same month again replaces the value: 200 after the first one's (manager_a) 201.
        allowed_status=200,
        method="post",
        kwargs=_figure("key_figure_id"),
        data=_value,
        not_visible={"manager_b", "staff_b"},
        # A manager of another unit of board A may record, but not for unit A: a field error.
        special={"manager_a": 201, "manager_a2": 400},
    ),
}
