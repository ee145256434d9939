"""The targets reach whoever must act: Mina uppgifter, e-mail once per deadline, overdue."""

import datetime as dt

from django.core import mail
from django.utils import timezone

from kvalitetsnav.access.policies import grants
from kvalitetsnav.core.tasks import tasks_for
from kvalitetsnav.lexcases.models import LexCase, LexKind
from kvalitetsnav.lexcases.reminders import send_lex_deadline_reminders
from kvalitetsnav.lexcases.tasks import my_lex_tasks

from . import factories as f


def _titles(user):
    return [item.title for group in tasks_for(user) for item in group.items]


def test_the_unit_manager_must_start_and_the_department_head_must_assess(world):
    case = f.open_case(world)
    assert any(case.reference in title for title in _titles(world.manager_a))
    assert any(case.reference in title for title in _titles(world.dept_head_a))
    assert not any(case.reference in title for title in _titles(world.staff_a))
    assert not any(case.reference in title for title in _titles(world.mas_a))


def test_lex_maria_is_on_the_mas_list_only(world):
    case = f.open_case(world, kind=LexKind.LEX_MARIA)
    assert any(case.reference in title for title in _titles(world.mas_a))
    assert not any(case.reference in title for title in _titles(world.manager_a))


def test_a_met_target_leaves_the_list(world):
    case = f.assessed(world, serious=False, completed=True)
    assert not any(case.reference in title for title in _titles(world.dept_head_a))
    assert not any(case.reference in title for title in _titles(world.manager_a))


def test_the_task_list_uses_two_queries_whatever_the_number_of_cases(
    world, django_assert_num_queries
):
    for _ in range(4):
        f.open_case(world)
    grants(world.dept_head_a)  # loaded once per request, before any task source runs
    with django_assert_num_queries(2):
        [group] = my_lex_tasks(world.dept_head_a)
    assert group.total == 4


def test_a_reminder_is_sent_once_before_the_target_passes(world, settings):
    settings.KVN_BASE_URL = "https://kvalitet.example.se"
    for person, address in (
        (world.manager_a, "maja@example.se"),
        (world.dept_head_a, "anders@example.se"),
    ):
        person.email = address
        person.save()
    case = f.open_case(world)
    today = timezone.localdate()
    # The start target is a working day away: within the two days' notice.
    LexCase.objects.filter(pk=case.pk).update(start_due=today + dt.timedelta(days=1))
    assert send_lex_deadline_reminders(today) == 1
    [message] = mail.outbox
    assert message.to == ["maja@example.se"]
    assert case.reference in message.subject
    assert f"https://kvalitet.example.se/lex/{case.pk}/" in message.body
    assert case.description not in message.body
    # A second round, or a second worker, sends nothing more.
    assert send_lex_deadline_reminders(today) == 0
    # The assessment target comes to the department head in its own time.
    assert send_lex_deadline_reminders(case.assess_due - dt.timedelta(days=1)) == 1
    assert mail.outbox[-1].to == ["anders@example.se"]


def test_a_failed_send_is_tried_again(world, monkeypatch):
    world.manager_a.email = "maja@example.se"
    world.manager_a.save()
    case = f.open_case(world)
    LexCase.objects.filter(pk=case.pk).update(start_due=timezone.localdate())

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr("kvalitetsnav.lexcases.reminders.send_mail", refuse)
    assert send_lex_deadline_reminders(timezone.localdate()) == 0
    monkeypatch.undo()
    assert send_lex_deadline_reminders(timezone.localdate()) == 1
