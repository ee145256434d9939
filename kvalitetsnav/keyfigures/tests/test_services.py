"""Defining key figures and recording their values: the rules and the audit log."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kvalitetsnav.core.models import AuditEvent
from kvalitetsnav.keyfigures import services
from kvalitetsnav.keyfigures.models import ComputedKind, KeyFigureValue, Measure, Source

from .conftest import months_ago


@pytest.mark.django_db
def test_a_share_given_as_counts_gets_its_value_computed_and_logged(world, satisfaction):
    row, created = services.key_figure_value_record(
        actor=world.manager_a,
        key_figure=satisfaction,
        unit=world.unit_a,
        period=months_ago(1).replace(day=15),
        numerator=59,
        denominator=162,
    )
    assert created and row.value == Decimal("36.42") and row.period.day == 1
    assert AuditEvent.objects.filter(object_id=str(row.pk)).count() == 1


@pytest.mark.django_db
def test_a_second_value_for_the_month_replaces_the_first(world, satisfaction):
    for value in (Decimal("70"), Decimal("75.5")):
        row, _created = services.key_figure_value_record(
            actor=world.manager_a,
            key_figure=satisfaction,
            unit=world.unit_a,
            period=months_ago(1),
            value=value,
        )
    assert KeyFigureValue.objects.get().value == Decimal("75.5")
    assert AuditEvent.objects.filter(object_id=str(row.pk)).count() == 2


@pytest.mark.django_db
def test_bad_values_are_refused_at_their_fields(world, satisfaction, falls):
    cases = [
        (satisfaction, {"value": Decimal("120")}, "value"),
        (satisfaction, {"numerator": 5, "denominator": 4}, "numerator"),
        (satisfaction, {"numerator": 5}, "denominator"),
        (falls, {"value": Decimal("2.5")}, "value"),
        (falls, {}, "value"),
        (satisfaction, {"value": Decimal("50"), "comment": "Gäller 19121212-1212"}, "comment"),
    ]
    for figure, given, field in cases:
        with pytest.raises(ValidationError) as caught:
            services.key_figure_value_record(
                actor=world.manager_a,
                key_figure=figure,
                unit=world.unit_a,
                period=months_ago(1),
                **given,
            )
        assert field in caught.value.message_dict, (given, caught.value.message_dict)
    future = dt.date.today().replace(day=28) + dt.timedelta(days=10)
    with pytest.raises(ValidationError) as caught:
        services.key_figure_value_record(
            actor=world.manager_a,
            key_figure=falls,
            unit=world.unit_a,
            period=future,
            value=Decimal("1"),
        )
    assert "period" in caught.value.message_dict
    assert not KeyFigureValue.objects.exists()


@pytest.mark.django_db
def test_values_go_only_to_units_the_figure_applies_to_and_the_actor_manages(world, satisfaction):
    with pytest.raises(ValidationError) as caught:
        services.key_figure_value_record(
            actor=world.manager_b,
            key_figure=satisfaction,
            unit=world.unit_b,
            period=months_ago(1),
            value=Decimal("50"),
        )
    assert "unit" in caught.value.message_dict
    with pytest.raises(PermissionDenied):
        services.key_figure_value_record(
            actor=world.manager_a2,
            key_figure=satisfaction,
            unit=world.unit_a,
            period=months_ago(1),
            value=Decimal("50"),
        )
    with pytest.raises(PermissionDenied):
        services.key_figure_value_record(
            actor=world.politician_a,
            key_figure=satisfaction,
            unit=world.unit_a,
            period=months_ago(1),
            value=Decimal("50"),
        )


@pytest.mark.django_db
def test_a_computed_figure_takes_its_measure_from_what_it_computes_and_takes_no_values(world):
    figure = services.key_figure_create(
        actor=world.quality_a,
        name="Klagomål besvarade i tid",
        code="klagomal-i-tid",
        node=world.board_a,
        measure=Measure.COUNT,
        source=Source.COMPUTED,
        computed_kind=ComputedKind.COMPLAINTS_IN_TIME,
    )
    assert figure.measure == Measure.PERCENT
    with pytest.raises(ValidationError) as caught:
        services.key_figure_value_record(
            actor=world.manager_a,
            key_figure=figure,
            unit=world.unit_a,
            period=months_ago(1),
            value=Decimal("50"),
        )
    assert "key_figure" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.key_figure_create(
            actor=world.quality_a,
            name="Beräknat utan sort",
            code="utan-sort",
            node=world.board_a,
            source=Source.COMPUTED,
        )
    assert "computed_kind" in caught.value.message_dict


@pytest.mark.django_db
def test_only_a_manager_of_the_level_defines_or_changes_a_figure(world, satisfaction):
    with pytest.raises(ValidationError) as caught:
        services.key_figure_create(actor=world.manager_a, name="X", code="x", node=world.board_a)
    assert "node" in caught.value.message_dict
    with pytest.raises(PermissionDenied):
        services.key_figure_update(
            actor=world.manager_a, key_figure=satisfaction, version=1, name="Y"
        )
    changed = services.key_figure_update(
        actor=world.quality_a, key_figure=satisfaction, version=1, target=Decimal("85")
    )
    assert changed.target == Decimal("85")


@pytest.mark.django_db
def test_a_stale_edit_of_a_figure_is_a_conflict(world, satisfaction):
    from kvalitetsnav.core.concurrency import ConflictError

    services.key_figure_update(actor=world.quality_a, key_figure=satisfaction, version=1, name="A")
    with pytest.raises(ConflictError):
        services.key_figure_update(
            actor=world.quality_a, key_figure=satisfaction, version=1, name="B"
        )
