"""The audit log: who changed what, append-only, with a hash chain that exposes tampering."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from kvalitetsnav.actions import services as action_services
from kvalitetsnav.core.models import AuditEvent


def _tamper(sql: str, params: list) -> None:
    """Change the log behind the application's back, as an attacker with database access might."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Deferred foreign-key checks must fire before the table can be altered.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER USER")
        else:
            cursor.execute("DROP TRIGGER core_auditevent_no_update")
            cursor.execute("DROP TRIGGER core_auditevent_no_delete")
        cursor.execute(sql, params)


def test_it_records_who_changed_which_fields_from_what_to_what(world, action_a):
    action_services.action_update(
        actor=world.manager_a,
        action=action_a,
        version=action_a.version,
        title="Ny rutin för nycklar",
    )
    event = AuditEvent.objects.for_object(action_a).order_by("-id").first()
    assert event.action == "update"
    assert event.actor == world.manager_a
    assert event.changes == {"title": ["Ny rutin för nyckelhantering", "Ny rutin för nycklar"]}


def test_it_records_the_creation_with_every_field(world, action_a):
    created = AuditEvent.objects.for_object(action_a).get(action="create")
    assert created.actor_username == "chef.a"
    assert created.changes["title"] == [None, "Ny rutin för nyckelhantering"]
    assert created.changes["owner"] == [None, str(world.staff_a.pk)]


def test_an_update_that_changes_nothing_leaves_no_entry(world, action_a):
    before = AuditEvent.objects.count()
    action_services.action_update(
        actor=world.manager_a, action=action_a, version=action_a.version, title=action_a.title
    )
    assert AuditEvent.objects.count() == before


def test_the_application_cannot_change_or_delete_an_entry(world, action_a):
    event = AuditEvent.objects.first()
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()


def test_the_database_refuses_to_change_an_entry(world):
    event = AuditEvent.objects.first()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_auditevent SET actor_username = %s WHERE id = %s",
            ["någon annan", event.pk],
        )
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [event.pk])


def test_verify_audit_passes_on_an_intact_log(world, action_a, capsys):
    call_command("verify_audit")
    assert "intact" in capsys.readouterr().out


def test_verify_audit_fails_when_an_entry_was_changed(world, action_a):
    event = AuditEvent.objects.for_object(action_a).get(action="create")
    _tamper(
        "UPDATE core_auditevent SET actor_username = %s WHERE id = %s", ["någon annan", event.pk]
    )
    with pytest.raises(CommandError, match="broken"):
        call_command("verify_audit")


def test_verify_audit_fails_when_an_entry_was_removed(world, action_a):
    event = AuditEvent.objects.order_by("id")[3]
    _tamper("DELETE FROM core_auditevent WHERE id = %s", [event.pk])
    with pytest.raises(CommandError, match="broken"):
        call_command("verify_audit")


def test_verify_audit_exits_non_zero_from_the_command_line(world, action_a):
    event = AuditEvent.objects.order_by("id")[2]
    _tamper("UPDATE core_auditevent SET changes = %s WHERE id = %s", ['{"x": 1}', event.pk])
    with pytest.raises(SystemExit) as exit_info:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["manage.py", "verify_audit"])
    assert exit_info.value.code != 0


def test_entries_logged_many_at_once_continue_the_chain_in_order(world, capsys):
    from kvalitetsnav.core import audit

    before = AuditEvent.objects.count()
    nodes = [world.unit_a, world.unit_a2, world.unit_b]
    assert audit.record_many(world.quality_a, [audit.created_entry(n) for n in nodes]) == 3

    logged = list(AuditEvent.objects.order_by("id")[before:])
    assert [e.object_id for e in logged] == [str(n.pk) for n in nodes]
    assert {e.actor_username for e in logged} == {world.quality_a.username}
    assert logged[0].changes["name"] == [None, world.unit_a.name]  # å, ä and ö as they were
    assert logged[0].changes["parent"] == [None, str(world.unit_a.parent_id)]
    call_command("verify_audit")
    assert "intact" in capsys.readouterr().out


def test_each_entry_links_to_the_one_before(world):
    events = list(AuditEvent.objects.order_by("id"))
    assert events[0].prev_hash == "0" * 64
    assert all(
        later.prev_hash == earlier.hash for earlier, later in zip(events, events[1:], strict=False)
    )


def test_reading_a_record_marked_sensitive_is_logged_with_who_and_when(
    client, world, action_a, monkeypatch
):
    from kvalitetsnav.actions.models import Action

    client.force_login(world.inspector)
    client.get(action_a.get_absolute_url())
    assert not AuditEvent.objects.filter(action="read").exists()  # actions are not sensitive
    monkeypatch.setattr(Action, "audit_reads", True)
    client.get(action_a.get_absolute_url())
    read = AuditEvent.objects.get(action="read")
    assert (read.actor, read.object_id) == (world.inspector, str(action_a.pk))


def test_a_masked_field_shows_that_it_changed_but_not_its_values(world, action_a, monkeypatch):
    from kvalitetsnav.actions.models import Action
    from kvalitetsnav.core.audit import readable_history

    action_services.action_update(
        actor=world.manager_a, action=action_a, version=action_a.version, title="Hemlig rubrik"
    )
    monkeypatch.setattr(Action, "audit_masked_fields", frozenset({"title"}))
    events = list(AuditEvent.objects.for_object(action_a).filter(action="update"))
    ((_, lines),) = readable_history(Action, events)
    assert [(line.old, line.new) for line in lines] == [("(dold)", "(dold)")]
