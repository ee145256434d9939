"""Handling: register, triage, investigate, reply, close; deadlines, reminders, access."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kvalitetsnav.actions.models import Action
from kvalitetsnav.core.models import AuditEvent
from kvalitetsnav.feedback import services
from kvalitetsnav.feedback.models import Feedback, Kind, Status
from kvalitetsnav.feedback.reminders import send_feedback_reply_reminders
from kvalitetsnav.feedback.tasks import my_feedback

PNR = "19121212-1212"


def test_a_phoned_in_complaint_gets_a_number_a_code_and_a_reply_deadline(phoned_in):
    today = timezone.localdate()
    assert phoned_in.receipt_number == f"SYN-{today.year}-0001"
    assert phoned_in.reply_due == today + dt.timedelta(days=14)
    assert phoned_in.channel == "telefon" and phoned_in.status == Status.RECEIVED
    assert services.feedback_find(phoned_in.receipt_number, phoned_in.code) == phoned_in


def test_the_reply_deadline_follows_the_setting(world, settings):
    settings.KVN_FEEDBACK_REPLY_DAYS = 7
    feedback, _ = services.feedback_register(
        actor=world.manager_a, node=world.unit_a, kind=Kind.PRAISE, channel="brev",
        sender_type="samarbetspartner", description="Tack för ett gott samarbete.",
    )  # fmt: skip
    assert feedback.reply_due == feedback.received_on + dt.timedelta(days=7)


def test_receipt_numbers_count_up_within_the_year(world, phoned_in):
    second, _ = services.feedback_register(
        actor=world.manager_a, node=world.unit_a, kind=Kind.COMPLAINT, channel="mote",
        sender_type="enskild", description="Maten var kall.",
    )  # fmt: skip
    assert second.receipt_number.endswith("-0002")


def test_staff_may_not_write_an_identity_number(world):
    with pytest.raises(ValidationError) as error:
        services.feedback_register(
            actor=world.staff_a, node=world.unit_a, kind=Kind.COMPLAINT, channel="telefon",
            sender_type="anhorig", description=f"Gäller {PNR}.",
        )  # fmt: skip
    assert "description" in error.value.message_dict


def test_staff_elsewhere_may_not_register_on_unit_a(world):
    with pytest.raises(PermissionDenied):
        services.feedback_register(
            actor=world.staff_b, node=world.unit_a, kind=Kind.COMPLAINT, channel="telefon",
            sender_type="anhorig", description="Sent besök.",
        )  # fmt: skip


def test_the_handler_triages_investigates_replies_and_closes(world, phoned_in, client):
    f = services.feedback_triage(
        actor=world.manager_a, feedback=phoned_in, version=phoned_in.version,
        node=world.unit_a, handler=world.manager_a, theme="utforande",
    )  # fmt: skip
    assert f.status == Status.HANDLING
    f = services.feedback_investigate(
        actor=world.manager_a, feedback=f, version=f.version,
        investigation="Körlistan hade fel tid.",
    )  # fmt: skip
    with pytest.raises(ValidationError):
        services.feedback_close(actor=world.manager_a, feedback=f, version=f.version)
    action = services.feedback_create_action(
        actor=world.manager_a, feedback=f, title="Rätta körlistan"
    )
    assert action.source == f
    f = services.feedback_reply(
        actor=world.manager_a, feedback=f, version=f.version,
        replied_on=timezone.localdate(), reply_method="telefon",
        reply_text="Vi ringde och förklarade vad vi ändrat.",
    )  # fmt: skip
    assert f.replied_by == world.manager_a and f.replied_in_time()
    f = services.feedback_close(actor=world.manager_a, feedback=f, version=f.version)
    assert f.status == Status.CLOSED
    assert AuditEvent.objects.for_object(f).count() >= 5


def test_an_identity_number_in_the_reply_is_refused(world, phoned_in):
    with pytest.raises(ValidationError) as error:
        services.feedback_reply(
            actor=world.manager_a, feedback=phoned_in, version=phoned_in.version,
            replied_on=timezone.localdate(), reply_method="brev", reply_text=f"Angående {PNR}",
        )  # fmt: skip
    assert "reply_text" in error.value.message_dict


def test_an_old_version_is_a_conflict(world, phoned_in):
    services.feedback_investigate(
        actor=world.manager_a, feedback=phoned_in, version=1, investigation="Första."
    )
    with pytest.raises(ValidationError):
        services.feedback_investigate(
            actor=world.dept_head_a, feedback=Feedback.objects.get(), version=1,
            investigation="Andra.",
        )  # fmt: skip


def test_the_pages_run_the_whole_flow(client, world, phoned_in):
    client.force_login(world.manager_a)
    url = phoned_in.get_absolute_url()
    assert client.get(url).status_code == 200
    response = client.post(
        reverse("feedback:reply", args=[phoned_in.pk]),
        {"version": 1, "replied_on": "2999-01-01", "reply_method": "telefon", "reply_text": "Svar"},
    )
    assert response.status_code == 400
    assert "Datumet kan inte ligga i framtiden." in response.content.decode()
    response = client.post(
        reverse("feedback:reply", args=[phoned_in.pk]),
        {"version": 1, "replied_on": timezone.localdate().isoformat(), "reply_method": "telefon",
         "reply_text": "Vi ringde upp."},
    )  # fmt: skip
    assert response.status_code == 302
    assert (
        client.post(reverse("feedback:close", args=[phoned_in.pk]), {"version": 2}).status_code
        == 302
    )
    assert Feedback.objects.get().status == Status.CLOSED


def test_registering_on_the_page_shows_the_code_once(client, world):
    client.force_login(world.staff_a)
    response = client.post(
        reverse("feedback:register"),
        {"kind": "klagomal", "channel": "telefon", "sender_type": "anhorig",
         "node": str(world.unit_a.pk), "received_on": timezone.localdate().isoformat(),
         "description": "Ringde om sent besök."},
        follow=True,
    )  # fmt: skip
    assert "hemliga kod" in response.content.decode()
    feedback = Feedback.objects.get()
    assert feedback.created_by == world.staff_a
    # A staff member sees what they registered, and nothing else of the unit's.
    assert client.get(feedback.get_absolute_url()).status_code == 200


def test_contact_details_and_identity_numbers_are_for_handlers_only(client, world, home_care):
    feedback, _ = services.feedback_submit_public(
        board=world.board_a, service_area=home_care, kind="klagomal",
        description=f"Min mamma {PNR} fick ingen hjälp.", contact_email="dotter@example.org",
    )  # fmt: skip
    client.force_login(world.manager_a)
    html = client.get(feedback.get_absolute_url()).content.decode()
    assert PNR in html and "dotter@example.org" in html and "personnummer" in html
    client.force_login(world.inspector)
    html = client.get(feedback.get_absolute_url()).content.decode()
    assert PNR not in html and "dotter@example.org" not in html
    assert "dolt för dig" in html


def test_reminders_go_to_the_handler_once(world, phoned_in):
    services.feedback_triage(
        actor=world.manager_a, feedback=phoned_in, version=1, node=world.unit_a,
        handler=world.manager_a,
    )  # fmt: skip
    world.manager_a.email = "chef.a@example.org"
    world.manager_a.save()
    assert send_feedback_reply_reminders(timezone.localdate()) == 0  # 14 days left
    later = phoned_in.reply_due - dt.timedelta(days=1)
    assert send_feedback_reply_reminders(later) == 1
    assert send_feedback_reply_reminders(later) == 0
    assert mail.outbox[0].to == ["chef.a@example.org"]
    assert phoned_in.receipt_number in mail.outbox[0].subject


def test_mina_uppgifter_lists_unassigned_and_own_items(world, phoned_in):
    groups = my_feedback(world.manager_a)
    assert groups and groups[0].items[0].title.startswith(phoned_in.receipt_number)
    assert my_feedback(world.staff_a) == []
    assert my_feedback(world.manager_b) == []


def test_the_list_takes_the_same_number_of_queries_for_many_items(client, world):
    client.force_login(world.manager_a)

    def add(n):
        for _ in range(n):
            services.feedback_register(
                actor=world.manager_a, node=world.unit_a, kind=Kind.COMPLAINT,
                channel="telefon", sender_type="anhorig", description="Sent besök.",
            )  # fmt: skip

    add(2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("feedback:list") + "?status=open&overdue=").status_code == 200
    add(20)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("feedback:list") + "?status=open&overdue=")
    assert len(many) == len(few)


def test_the_list_filters_by_kind_and_period(client, world, phoned_in):
    client.force_login(world.manager_a)
    url = reverse("feedback:list")
    assert client.get(url, {"kind": "berom"}).context["page"].paginator.count == 0
    assert client.get(url, {"kind": "klagomal"}).context["page"].paginator.count == 1
    assert (
        client.get(url, {"period_from": "2000-01-01", "period_to": "2000-12-31"})
        .context["page"]
        .paginator.count
        == 0
    )
    assert client.get(url, {"kind": "nonsense"}).status_code == 200


def test_nothing_is_seen_from_another_board(client, world, phoned_in):
    client.force_login(world.manager_b)
    assert client.get(phoned_in.get_absolute_url()).status_code == 404
    assert Action.objects.count() == 0
