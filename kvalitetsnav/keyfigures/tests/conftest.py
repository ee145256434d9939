import datetime as dt
from decimal import Decimal

import pytest

from kvalitetsnav.keyfigures import services
from kvalitetsnav.keyfigures.models import Measure, Source


@pytest.fixture
def satisfaction(world):
    """A share key figure for board A, higher is better, target 80 %."""
    return services.key_figure_create(
        actor=world.quality_a,
        name="Nöjda brukare",
        code="nojda-brukare",
        node=world.board_a,
        description="Andel som svarat ganska eller mycket nöjd.",
        measure=Measure.PERCENT,
        target=Decimal("80"),
        higher_is_better=True,
        source=Source.MANUAL,
    )


@pytest.fixture
def falls(world):
    """A count key figure for board A, lower is better."""
    return services.key_figure_create(
        actor=world.quality_a,
        name="Fallolyckor",
        code="fall",
        node=world.board_a,
        measure=Measure.COUNT,
        target=Decimal("3"),
        higher_is_better=False,
        source=Source.IMPORT,
    )


def months_ago(n: int) -> dt.date:
    today = dt.date.today().replace(day=1)
    year, month = divmod(today.year * 12 + today.month - 1 - n, 12)
    return dt.date(year, month + 1, 1)
