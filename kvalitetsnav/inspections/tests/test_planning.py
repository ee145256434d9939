"""The annual wheel, reminders, Mina uppgifter and reproducible samples."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from kvalitetsnav.core.tasks import tasks_for
from kvalitetsnav.inspections import planning, statistics
from kvalitetsnav.inspections.models import months_for
from kvalitetsnav.inspections.reminders import send_late_inspection_reminders
from kvalitetsnav.inspections.tests.factories import make_done, make_inspection


@pytest.mark.parametrize(
    ("recurrence", "start", "months"),
    [
        ("manad", 1, list(range(1, 13))),
        ("kvartal", 2, [2, 5, 8, 11]),
        ("halvar", 3, [3, 9]),
        ("ar", 10, [10]),
        ("en_gang", 4, [4]),
    ],
)
def test_each_recurrence_falls_in_its_months(recurrence, start, months):
    assert months_for(recurrence, start) == months


def test_a_plan_generates_one_inspection_per_month(world, checklist):
    plan = planning.plan_create(
        actor=world.manager_a,
        template=checklist,
        node=world.unit_a,
        year=2026,
        recurrence="halvar",
        start_month=3,
        responsible=world.staff_a,
    )
    months = sorted(i.due_month for i in plan.inspections.all())
    assert months == [dt.date(2026, 3, 1), dt.date(2026, 9, 1)]


def test_the_twelve_month_view_shows_planned_done_and_late(world, checklist):
    last_year = dt.date.today().year - 1
    done = make_inspection(world, checklist, month=dt.date(last_year, 2, 1))
    make_done(world, done)
    make_inspection(world, checklist, month=dt.date(last_year, 3, 1))
    make_inspection(world, checklist, node=world.unit_a2, month=dt.date(last_year, 3, 1))
    rows = statistics.wheel(world.dept_head_a, world.dept_a, last_year)
    by_unit = {row.node.name: row for row in rows}
    assert [i.state() for i in by_unit["Hemtjänst A"].months[1]] == ["klar"]
    assert [i.state() for i in by_unit["Hemtjänst A"].months[2]] == ["sen"]
    assert by_unit["Hemtjänst A"].completion == 50


def test_the_wheel_page_links_every_cell_to_its_inspection(client, world, checklist):
    inspection = make_inspection(world, checklist, month=dt.date(2030, 5, 1))
    client.force_login(world.manager_a)
    page = client.get(f"/egenkontroll/arshjul/?node={world.unit_a.pk}&year=2030").content.decode()
    assert inspection.get_absolute_url() in page and "state planerad" in page


def test_late_inspections_show_under_mina_uppgifter_and_are_reminded_once(world, checklist):
    world.staff_a.email = "stina@example.se"
    world.staff_a.save()
    make_inspection(world, checklist, month=dt.date(2020, 1, 1))
    groups = tasks_for(world.staff_a)
    assert any(item.overdue for g in groups for item in g.items if item.kind == "Egenkontroll")
    assert send_late_inspection_reminders(dt.date.today()) == 1
    assert send_late_inspection_reminders(dt.date.today()) == 0
    assert len(mail.outbox) == 1


def test_a_sample_is_reproducible_and_without_duplicates():
    population = [f"BoU-{n}" for n in range(1, 101)]
    first = planning.draw(population, 20, seed=42)
    assert first == planning.draw(list(reversed(population)), 20, seed=42)
    assert len(set(first)) == 20


def test_a_sample_creates_one_protocol_per_drawn_case(world):
    from kvalitetsnav.inspections.tests.factories import make_sample, make_template

    sample = make_sample(world, make_template(world, purpose="aktgranskning"), size=2)
    assert sorted(sample.inspections.values_list("case_reference", flat=True)) == sorted(
        sample.drawn
    )


def test_a_sample_larger_than_the_population_is_refused(world):
    from kvalitetsnav.inspections.tests.factories import make_sample, make_template

    with pytest.raises(ValidationError, match="större än"):
        make_sample(world, make_template(world, purpose="aktgranskning"), size=4)


def test_duplicates_and_personnummer_in_the_population_are_refused():
    with pytest.raises(ValidationError, match="Dubbletter"):
        planning.parse_population("BoU-1\nBoU-2\nBoU-1")
    with pytest.raises(ValidationError, match="personnummer"):
        planning.parse_population("BoU-1\n19121212-1212")
