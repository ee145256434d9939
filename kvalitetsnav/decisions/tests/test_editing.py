"""Editing by hand: column mappings, decisions without a case system, and linked changes."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from kvalitetsnav.core.models import AuditEvent
from kvalitetsnav.decisions import services
from kvalitetsnav.decisions.models import Decision, ImportMapping, ServiceChange

from . import factories as f
from .test_import import GOOD, HEADER, run


def post_mapping(client, **data):
    fields = {"board": "namnd-a", "name": "Paraplyet", "date_format": "%d.%m.%Y"} | data
    return client.post(reverse("decisions:mapping_create"), fields)


@pytest.mark.django_db
def test_a_mapping_made_on_its_page_reads_another_sources_columns_and_dates(world, client):
    client.force_login(world.quality_a)
    response = post_mapping(client, col_reference="Ärende", col_decided_on="Datum")
    assert response.status_code == 302
    mapping = ImportMapping.objects.get()
    assert mapping.columns == {"reference": "Ärende", "decided_on": "Datum"}
    header = HEADER.replace("beslut_id", "Ärende").replace("beslutsdatum", "Datum")
    row = GOOD[0].replace("2025-01-15", "15.01.2025")
    data = f"{header}\r\n{row}\r\n".encode()
    result = run(world, data, columns=mapping.columns, date_format=mapping.date_format)
    assert result.created == 1
    assert Decision.objects.get().decided_on == dt.date(2025, 1, 15)


@pytest.mark.django_db
def test_a_date_in_the_wrong_format_for_the_mapping_is_named(world):
    result = run(world, f"{HEADER}\r\n{GOOD[0]}\r\n".encode(), date_format="%d.%m.%Y")
    assert "ange DD.MM.ÅÅÅÅ" in str(result.errors[0])


@pytest.mark.django_db
def test_the_mapping_form_refuses_a_column_used_twice_and_a_taken_name_in_swedish(world, client):
    client.force_login(world.quality_a)
    response = post_mapping(client, col_reference="Id", col_unit="id")
    assert (
        "Kolumnen används redan för beslut-id i verksamhetssystemet." in response.content.decode()
    )
    assert post_mapping(client).status_code == 302
    again = post_mapping(client, name="paraplyet")
    assert "Det finns redan en mappning med det namnet för nämnden." in again.content.decode()
    assert ImportMapping.objects.count() == 1


@pytest.mark.django_db
def test_editing_a_mapping_is_logged_and_a_stale_form_gets_a_conflict(world, client):
    mapping = services.mapping_create(
        actor=world.quality_a, board=world.board_a, name="Källa", columns={"reference": "Id"}
    )
    client.force_login(world.quality_a)
    url = reverse("decisions:mapping_edit", args=[mapping.pk])
    form = {"name": "Källa", "date_format": "%Y-%m-%d", "col_reference": "Nr", "version": 1}
    assert client.post(url, form).status_code == 302
    mapping.refresh_from_db()
    assert mapping.columns == {"reference": "Nr"} and mapping.version == 2
    assert AuditEvent.objects.filter(object_id=str(mapping.pk)).count() == 2
    stale = client.post(url, form | {"col_reference": "Löpnr"})
    assert "Någon annan har ändrat mappningen" in stale.content.decode()


@pytest.mark.django_db
def test_only_who_answers_for_the_board_may_edit_its_mappings(world):
    with pytest.raises(PermissionDenied):
        services.mapping_create(actor=world.manager_a, board=world.board_a, name="X", columns={})


@pytest.mark.django_db
def test_the_command_reads_a_saved_mapping_by_name(world, tmp_path):
    f.kind()
    services.mapping_create(
        actor=world.quality_a, board=world.board_a, name="Paraplyet",
        columns={"reference": "Id"}, date_format="%Y%m%d",
    )  # fmt: skip
    path = tmp_path / "export.csv"
    path.write_text(
        f"{HEADER.replace('beslut_id', 'Id')}\r\n{GOOD[0].replace('2025-01-15', '20250115')}\r\n"
    )
    call_command("import_decisions", str(path), "--board", "namnd-a", "--mapping", "Paraplyet")
    assert Decision.objects.get().decided_on == dt.date(2025, 1, 15)


def make(world, **fields):
    values = {
        "node": world.unit_a, "service_kind": f.kind(), "decided_on": dt.date(2025, 2, 3),
        "sex": "M", "birth_year": 1950,
    } | fields  # fmt: skip
    return services.decision_create(actor=world.manager_a, **values)


@pytest.mark.django_db
def test_a_decision_registered_by_hand_gets_a_reference_its_board_and_a_log_entry(world):
    decision = make(world, delay_reason_text="Väntar på plats")
    assert decision.reference.startswith("KVN-2025-") and decision.board == world.board_a
    assert (decision.law, decision.source) == ("SoL", "manuell")
    assert decision.execution_due_on == dt.date(2025, 5, 4)
    assert AuditEvent.objects.filter(object_id=str(decision.pk), action="create").exists()


@pytest.mark.django_db
def test_a_decision_by_hand_is_refused_with_swedish_messages_at_the_fields(world):
    make(world, reference="A-1")
    with pytest.raises(ValidationError) as error:
        make(world, reference="A-1", executed_on=dt.date(2025, 1, 1))
    assert error.value.message_dict["reference"] == [
        "Det finns redan ett beslut med det beslut-id:t i nämnden."
    ]
    with pytest.raises(ValidationError) as error:
        make(world, node=world.unit_b)
    assert "Du får inte registrera beslut" in error.value.message_dict["node"][0]
    with pytest.raises(ValidationError) as error:
        make(world, executed_on=dt.date(2025, 1, 1))
    assert "Verkställt kan inte ligga före beslutsdatum." in error.value.message_dict["executed_on"]
    with pytest.raises(PermissionDenied):
        services.decision_create(
            actor=world.staff_a, node=world.unit_a, service_kind=f.kind(),
            decided_on=dt.date(2025, 2, 3), sex="K", birth_year=1950,
        )  # fmt: skip


@pytest.mark.django_db
def test_the_new_decision_page_keeps_what_was_typed_on_error(world, client):
    client.force_login(world.manager_a)
    data = {"node": world.unit_a.pk, "service_kind": f.kind().pk, "decided_on": "2025-02-03",
            "sex": "K", "birth_year": "1950", "executed_on": "2025-01-01"}  # fmt: skip
    page = client.post(reverse("decisions:create"), data).content.decode()
    assert "Verkställt kan inte ligga före beslutsdatum." in page and 'value="1950"' in page
    response = client.post(reverse("decisions:create"), data | {"executed_on": "2025-03-01"})
    decision = Decision.objects.get()
    assert response.url == decision.get_absolute_url() and decision.executed_on.month == 3


@pytest.mark.django_db
def test_correcting_a_decision_is_logged_and_a_stale_edit_gets_a_conflict(world, client):
    decision = make(world, reference="A-2")
    client.force_login(world.manager_a)
    url = reverse("decisions:edit", args=[decision.pk])
    form = {"reference": "A-2", "node": world.unit_a.pk, "service_kind": f.kind().pk,
            "decided_on": "2025-02-10", "sex": "M", "birth_year": "1951", "version": 1}  # fmt: skip
    assert client.post(url, form).status_code == 302
    decision.refresh_from_db()
    assert (decision.decided_on, decision.birth_year, decision.version) == (
        dt.date(2025, 2, 10), 1951, 2,
    )  # fmt: skip
    assert decision.execution_due_on == dt.date(2025, 5, 11)
    last = AuditEvent.objects.filter(object_id=str(decision.pk)).order_by("-id").first()
    assert last.changes["birth_year"] == [1950, 1951]
    stale = client.post(url, form | {"birth_year": "1952"})
    assert "Någon annan har ändrat beslutet" in stale.content.decode()


@pytest.mark.django_db
def test_a_changed_service_links_its_decision_by_reference(world, client):
    decision = f.decision(world, reference="L-1", decided_on=dt.date(2025, 1, 15))
    client.force_login(world.manager_a)
    url = reverse("decisions:change_create")
    prefilled = client.get(url, {"beslut": decision.pk}).content.decode()
    assert 'value="L-1"' in prefilled
    data = {"node": world.unit_a.pk, "decision_reference": "L-1", "service_kind": f.kind().pk,
            "kind": "pausad", "reason": "Bad om uppehåll.", "changed_on": "2025-03-01"}  # fmt: skip
    response = client.post(url, data)
    change = ServiceChange.objects.get()
    assert response.status_code == 302 and change.decision == decision
    assert change.person_code == ""
    page = client.get(decision.get_absolute_url()).content.decode()
    assert change.get_absolute_url() in page
    unknown = client.post(url, data | {"decision_reference": "finns-inte"}).content.decode()
    assert "Det finns inget beslut med det beslut-id:t som du har tillgång till." in unknown
    neither = client.post(url, data | {"decision_reference": ""}).content.decode()
    assert "Ange beslutet eller en kodad referens till personen." in neither


@pytest.mark.django_db
def test_a_change_may_not_link_a_decision_the_user_does_not_see(world):
    other = f.decision(world, reference="L-2", decided_on=dt.date(2025, 1, 15), node=world.unit_a)
    with pytest.raises(ValidationError) as error:
        services.service_change_create(
            actor=world.manager_a2, node=world.unit_a2, decision=other, service_kind=f.kind(),
            kind="pausad", reason="Bad om uppehåll.", changed_on=dt.date(2025, 3, 1),
        )  # fmt: skip
    assert "decision" in error.value.message_dict
