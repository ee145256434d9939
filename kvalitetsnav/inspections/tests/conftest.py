"""A small checklist for the inspections' tests: built through the services, never shipped rows."""

import pytest

from kvalitetsnav.inspections.tests.factories import make_template


@pytest.fixture
def checklist(world):
    """A published template owned by board A with three questions."""
    return make_template(world)
