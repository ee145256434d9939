"""A template's name, owner and description change without touching its versions."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kvalitetsnav.core.concurrency import ConflictError
from kvalitetsnav.inspections import services
from kvalitetsnav.inspections.tests.factories import make_done, make_inspection


def _update(world, template, **changes):
    data = {
        "name": template.name,
        "description": template.description,
        "owner": template.owner,
        "purpose": template.purpose,
        **changes,
    }
    return services.template_update(
        actor=world.quality_a, template=template, version=template.version, **data
    )


def test_renaming_a_used_template_keeps_its_versions_and_recorded_results(world, checklist):
    inspection = make_inspection(world, checklist)
    make_done(world, inspection, choice="nej")
    answers = list(inspection.answers.values_list("question_id", "choice", "reason"))
    versions = list(checklist.versions.values_list("pk", "number", "published"))

    _update(world, checklist, name="Social dokumentation", owner=world.admin_a)

    checklist.refresh_from_db()
    inspection.refresh_from_db()
    assert (checklist.name, checklist.owner, checklist.version) == (
        "Social dokumentation",
        world.admin_a,
        2,
    )
    assert list(checklist.versions.values_list("pk", "number", "published")) == versions
    assert inspection.template_version.number == 1
    assert list(inspection.answers.values_list("question_id", "choice", "reason")) == answers


def test_the_purpose_is_fixed_once_the_template_is_used(world, checklist):
    _update(world, checklist, purpose="aktgranskning")
    make_inspection(world, checklist)
    checklist.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        _update(world, checklist, purpose="egenkontroll")
    assert "purpose" in exc.value.message_dict


def test_an_owner_outside_what_the_builder_manages_or_a_stale_form_is_refused(world, checklist):
    with pytest.raises(ValidationError) as exc:
        _update(world, checklist, owner=world.board_b)
    assert "owner" in exc.value.message_dict
    _update(world, checklist, description="Ny beskrivning")
    with pytest.raises(ConflictError):
        services.template_update(
            actor=world.quality_a,
            template=checklist,
            version=1,
            name="Gammalt namn",
            owner=world.board_a,
        )
    with pytest.raises(PermissionDenied):
        services.template_update(
            actor=world.manager_a, template=checklist, version=2, name="X", owner=world.board_a
        )


def test_the_details_page_saves_and_keeps_typed_input_on_error(client, world, checklist):
    client.force_login(world.quality_a)
    url = f"/egenkontroll/mallar/{checklist.pk}/uppgifter/"
    data = {
        "version": 1,
        "name": "",
        "purpose": "egenkontroll",
        "description": "Skrivs om",
        "owner": world.board_a.pk,
    }
    response = client.post(url, data)
    assert response.status_code == 200 and "Skrivs om" in response.content.decode()

    response = client.post(url, {**data, "name": "Dokumentation 2026"})
    assert response.status_code == 302
    checklist.refresh_from_db()
    assert checklist.name == "Dokumentation 2026" and checklist.description == "Skrivs om"
    assert "Ändra uppgifter" in client.get(checklist.get_absolute_url()).content.decode()
