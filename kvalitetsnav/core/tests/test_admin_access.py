"""The Django admin is for system administrators only, and what they change there is audited."""

from django.urls import reverse

from kvalitetsnav.core.models import AuditEvent, OrgNode


def test_only_a_system_administrator_reaches_the_admin(client, world):
    for persona in ("staff_a", "manager_a", "quality_a", "inspector", "politician_a"):
        client.force_login(getattr(world, persona))
        response = client.get(reverse("admin:index"))
        assert response.status_code == 302, persona
    client.force_login(world.sysadmin)
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:core_orgnode_changelist")).status_code == 200


def test_a_unit_added_in_the_admin_gets_its_place_in_the_tree_and_an_audit_entry(client, world):
    client.force_login(world.sysadmin)
    response = client.post(
        reverse("admin:core_orgnode_add"),
        {
            "name": "Nya hemtjänsten",
            "code": "nya-hemtjansten",
            "level": "enhet",
            "parent": world.dept_a.pk,
            "operation_kind": "hemtjanst",
            "provider_type": "egen_regi",
            "provider_name": "",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    node = OrgNode.objects.get(code="nya-hemtjansten")
    assert node.is_within(world.dept_a)
    assert AuditEvent.objects.for_object(node).get().actor == world.sysadmin


def test_the_audit_log_cannot_be_edited_in_the_admin(client, world):
    client.force_login(world.sysadmin)
    event = AuditEvent.objects.first()
    response = client.post(
        reverse("admin:core_auditevent_change", args=[event.pk]), {"actor_username": "x"}
    )
    assert response.status_code == 403
