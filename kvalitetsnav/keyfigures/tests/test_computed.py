"""Computed key figures against the records of the other registers, in a bounded query count."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kvalitetsnav.actions import services as action_services
from kvalitetsnav.actions.models import Action
from kvalitetsnav.deviations import services as deviation_services
from kvalitetsnav.deviations.models import Category
from kvalitetsnav.feedback import services as feedback_services
from kvalitetsnav.feedback.models import Feedback, Kind
from kvalitetsnav.keyfigures import services
from kvalitetsnav.keyfigures.models import ComputedKind, Source
from kvalitetsnav.keyfigures.series import month_range, series_for

from .conftest import months_ago


def _computed(world, kind: str):
    return services.key_figure_create(
        actor=world.quality_a,
        name=kind,
        code=kind.replace("_", "-"),
        node=world.board_a,
        source=Source.COMPUTED,
        computed_kind=kind,
    )


def _deviation(world, unit, when):
    category, _created = Category.objects.get_or_create(name="Fall")
    return deviation_services.deviation_report(
        actor=world.manager_a if unit == world.unit_a else world.manager_a2,
        node=unit,
        category=category,
        occurred_at=when,
        description="Brukaren föll i hallen.",
        immediate_action="Hjälpte upp.",
    )


def _at(period: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(period.replace(day=10), dt.time(12)))


@pytest.mark.django_db
def test_deviations_are_counted_per_month_and_unit_with_zero_for_quiet_months(world):
    figure = _computed(world, ComputedKind.DEVIATIONS)
    for unit, back in ((world.unit_a, 1), (world.unit_a, 1), (world.unit_a2, 1), (world.unit_a, 3)):
        _deviation(world, unit, _at(months_ago(back)))
    periods = month_range(timezone.localdate(), 4)
    with CaptureQueriesContext(connection) as queries:
        (series,) = series_for([figure], world.board_a, periods=periods, parts=[world.dept_a])
    assert len(queries) == 1
    assert [c.n for c in series.cells] == [1, 0, 3, 0]
    assert [c.n for c in series.parts[0][1]] == [1, 0, 3, 0]
    (unit_a2,) = series_for([figure], world.unit_a2, periods=periods)
    assert [c.n for c in unit_a2.cells] == [0, 0, 1, 0]
    chart = series.chart()
    assert chart is not None and chart.kind == "c"


@pytest.mark.django_db
def test_complaints_replied_in_time_are_a_share_of_those_due_that_month(world):
    figure = _computed(world, ComputedKind.COMPLAINTS_IN_TIME)
    due = months_ago(1).replace(day=12)
    for replied in (due - dt.timedelta(days=2), due, due + dt.timedelta(days=3), None):
        feedback, _code = feedback_services.feedback_register(
            actor=world.manager_a,
            node=world.unit_a,
            kind=Kind.COMPLAINT,
            channel="telefon",
            sender_type="anhorig",
            description="Ingen kom på kvällsbesöket.",
        )
        Feedback.objects.filter(pk=feedback.pk).update(reply_due=due, replied_on=replied)
    periods = month_range(timezone.localdate(), 3)
    (series,) = series_for([figure], world.board_a, periods=periods)
    cell = series.cells[1]
    assert (cell.n, cell.d, cell.value) == (2, 4, Decimal("50.00"))
    assert series.cells[0].value is None and series.cells[2].value is None


@pytest.mark.django_db
def test_actions_past_due_are_counted_at_each_months_end(world):
    figure = _computed(world, ComputedKind.ACTIONS_PAST_DUE)
    action = action_services.action_create(
        actor=world.manager_a, title="Ny rutin", node=world.unit_a
    )
    late = action_services.action_create(actor=world.manager_a, title="Sen", node=world.unit_a)
    created = timezone.make_aware(dt.datetime.combine(months_ago(3), dt.time(8)))
    Action.objects.filter(pk__in=[action.pk, late.pk]).update(created_at=created)
    # Due in the month three back, done in the month one back: late at two months' ends.
    Action.objects.filter(pk=action.pk).update(
        due_date=months_ago(3).replace(day=5),
        status="genomford",
        completed_on=months_ago(1).replace(day=5),
    )
    Action.objects.filter(pk=late.pk).update(due_date=months_ago(2).replace(day=5))
    periods = month_range(timezone.localdate(), 4)
    (series,) = series_for([figure], world.board_a, periods=periods)
    assert [c.n for c in series.cells] == [1, 2, 1, 1]


@pytest.mark.django_db
def test_the_query_count_does_not_grow_with_the_records(world):
    figure = _computed(world, ComputedKind.DEVIATIONS)
    _deviation(world, world.unit_a, _at(months_ago(1)))
    with CaptureQueriesContext(connection) as few:
        series_for([figure], world.board_a)
    for back in range(1, 6):
        _deviation(world, world.unit_a2, _at(months_ago(back)))
    with CaptureQueriesContext(connection) as many:
        series_for([figure], world.board_a)
    assert len(few) == len(many) == 1
