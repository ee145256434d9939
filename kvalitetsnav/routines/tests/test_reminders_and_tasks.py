import datetime as dt

from django.core import mail
from django.utils import timezone

from kvalitetsnav.core.tasks import tasks_for
from kvalitetsnav.routines import services
from kvalitetsnav.routines.models import Routine
from kvalitetsnav.routines.reminders import send_review_reminders


def _due_in(routine, days):
    Routine.objects.filter(pk=routine.pk).update(
        next_review_date=timezone.localdate() + dt.timedelta(days=days)
    )


def test_a_routine_due_within_30_days_is_listed_for_its_owner(world, routine_a):
    _due_in(routine_a, 10)
    groups = {g.title: g for g in tasks_for(world.manager_a)}
    assert [i.title for i in groups["Styrdokument att revidera"].items] == [routine_a.title]
    _due_in(routine_a, 60)
    assert "Styrdokument att revidera" not in {g.title for g in tasks_for(world.manager_a)}


def test_a_past_due_routine_is_marked_overdue(world, routine_a):
    _due_in(routine_a, -3)
    group = next(g for g in tasks_for(world.manager_a) if g.title == "Styrdokument att revidera")
    assert group.overdue_count == 1


def test_the_owner_is_reminded_once_per_review_date(world, routine_a):
    world.manager_a.email = "chef.a@example.org"
    world.manager_a.save()
    _due_in(routine_a, 5)
    today = timezone.localdate()
    assert send_review_reminders(today) == 1
    assert send_review_reminders(today) == 0
    assert mail.outbox[0].to == ["chef.a@example.org"]
    # Reviewed: a new date, and in time a new reminder.
    routine_a.refresh_from_db()
    services.routine_mark_reviewed(actor=world.manager_a, routine=routine_a)
    _due_in(routine_a, 1)
    assert send_review_reminders(today) == 1


def test_staff_see_what_to_read_until_they_confirm(world, routine_a):
    groups = {g.title: g for g in tasks_for(world.staff_a)}
    assert [i.title for i in groups["Att läsa"].items] == [routine_a.title]
    services.read_confirm(actor=world.staff_a, version=routine_a.current_version)
    assert "Att läsa" not in {g.title for g in tasks_for(world.staff_a)}
