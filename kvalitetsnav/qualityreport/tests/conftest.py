import datetime as dt

import pytest
from django.utils import timezone

from kvalitetsnav.deviations import services as deviation_services
from kvalitetsnav.deviations.models import Category


@pytest.fixture
def year():
    return timezone.localdate().year - 1


@pytest.fixture
def deviate(world):
    """Report ``n`` deviations at ``unit`` in ``year`` (as its staff or manager)."""
    category, _ = Category.objects.get_or_create(name="Fall")

    def make(unit, year, n=1, actor=None):
        for i in range(n):
            deviation_services.deviation_report(
                actor=actor or world.manager_a,
                category=category,
                occurred_at=dt.datetime(year, 3, 1 + i, 10, tzinfo=timezone.get_current_timezone()),
                description="Brukaren föll i badrummet.",
                immediate_action="Larmade sjuksköterskan.",
                node=unit,
            )

    return make
