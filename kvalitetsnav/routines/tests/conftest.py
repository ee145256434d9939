import pytest

from kvalitetsnav.routines import services
from kvalitetsnav.routines.models import RoutineKind

FALL_TEXT = """## Syfte
Att förebygga fall och minska fallrisken för den enskilde.

## Så här gör du
- Gör en bedömning av fallrisk vid inflyttning.
- Se över läkemedel som kan öka risken för fall.

| Risk | Åtgärd |
|---|---|
| Hög | Larmmatta |
"""


def make_routine(
    w,
    *,
    title="Rutin för fallprevention",
    body=FALL_TEXT,
    nodes=None,
    approve=True,
    owner=None,
    approver=None,
):
    """A routine in unit A owned by its manager; approved by the department head when asked."""
    owner = owner or w.manager_a
    routine = services.routine_create(
        actor=owner,
        title=title,
        kind=RoutineKind.RUTIN,
        owner=owner,
        applies_to=nodes or [w.unit_a],
        body=body,
    )
    version = routine.versions.get()
    if approve:
        version = services.version_submit(actor=owner, version=version)
        version = services.version_approve(actor=approver or w.dept_head_a, version=version)
        routine.refresh_from_db()
    return routine


@pytest.fixture
def routine_a(world):
    return make_routine(world)
