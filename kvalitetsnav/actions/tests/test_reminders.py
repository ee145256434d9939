"""The owner of an overdue action gets one e-mail, however many workers run."""

import datetime as dt

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from kvalitetsnav.actions.models import Action
from kvalitetsnav.actions.reminders import send_overdue_action_reminders


def _make_overdue(action, days=2):
    Action.objects.filter(pk=action.pk).update(
        due_date=timezone.localdate() - dt.timedelta(days=days)
    )


def test_the_owner_of_an_overdue_action_gets_one_email_with_a_link(world, action_a, settings):
    settings.KVN_BASE_URL = "https://kvalitet.example.se"
    world.staff_a.email = "stina@example.se"
    world.staff_a.save()
    _make_overdue(action_a)
    assert send_overdue_action_reminders(timezone.localdate()) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["stina@example.se"]
    assert message.subject == "Försenad åtgärd: Ny rutin för nyckelhantering"
    assert f"https://kvalitet.example.se/atgarder/{action_a.pk}/" in message.body
    # A second round, or a second worker, sends nothing more.
    assert send_overdue_action_reminders(timezone.localdate()) == 0
    assert len(mail.outbox) == 1


def test_no_reminder_for_an_action_not_yet_due_or_without_an_email(world, action_a):
    assert send_overdue_action_reminders(timezone.localdate()) == 0
    _make_overdue(action_a)  # owner has no e-mail address
    assert send_overdue_action_reminders(timezone.localdate()) == 0
    assert mail.outbox == []


def test_a_failed_send_is_tried_again_next_round(world, action_a, monkeypatch):
    world.staff_a.email = "stina@example.se"
    world.staff_a.save()
    _make_overdue(action_a)

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr("kvalitetsnav.actions.reminders.send_mail", refuse)
    assert send_overdue_action_reminders(timezone.localdate()) == 0
    monkeypatch.undo()
    assert send_overdue_action_reminders(timezone.localdate()) == 1


def test_the_send_reminders_command_runs_every_module(world, action_a, capsys):
    world.staff_a.email = "stina@example.se"
    world.staff_a.save()
    _make_overdue(action_a)
    call_command("send_reminders")
    assert "1 reminder(s) sent." in capsys.readouterr().out
    assert len(mail.outbox) == 1
