"""The organisation tree: levels in order, whole subtrees move together."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kvalitetsnav.core import services
from kvalitetsnav.core.models import OrgLevel, OrgNode


def test_a_unit_can_sit_directly_under_a_board_when_levels_are_skipped(world):
    assert world.unit_b.parent == world.board_b
    assert world.unit_b.board() == world.board_b


def test_a_level_cannot_sit_above_its_parent(world):
    with pytest.raises(ValidationError) as error:
        services.org_node_create(
            actor=None, name="Fel", code="fel", level=OrgLevel.NAMND, parent=world.unit_a
        )
    assert "kan inte ligga under" in str(error.value)


def test_only_units_carry_an_operation_kind(world):
    with pytest.raises(ValidationError):
        services.org_node_create(
            actor=None,
            name="Avd",
            code="avd-x",
            level=OrgLevel.AVDELNING,
            parent=world.admin_a,
            operation_kind="hemtjanst",
        )


def test_a_code_is_unique(world):
    with pytest.raises(ValidationError) as error:
        services.org_node_create(
            actor=None,
            name="Dubblett",
            code="hemtjanst-a",
            level=OrgLevel.ENHET,
            parent=world.dept_a,
        )
    assert "code" in error.value.message_dict


def test_moving_a_department_moves_its_units_and_their_access(world, action_a):
    from kvalitetsnav.actions.policies import policy

    services.org_node_move(actor=world.sysadmin, node=world.dept_a, new_parent=world.board_b)
    unit = OrgNode.objects.get(pk=world.unit_a.pk)
    assert unit.is_within(OrgNode.objects.get(pk=world.board_b.pk))
    assert unit.board() == world.board_b
    from kvalitetsnav.accounts.models import User

    fresh = User.objects.get  # a new request loads the user, and the grants, afresh
    assert action_a not in policy.visible_to(fresh(pk=world.manager_b.pk))  # B sees only its unit
    assert action_a in policy.visible_to(fresh(pk=world.manager_a.pk))
    assert action_a in policy.visible_to(fresh(pk=world.inspector.pk))
    assert action_a not in policy.visible_to(fresh(pk=world.director_a.pk))  # moved out of A


def test_a_node_cannot_move_under_itself(world):
    with pytest.raises(ValidationError):
        services.org_node_move(actor=None, node=world.dept_a, new_parent=world.unit_a)


def test_the_tree_page_shows_only_the_users_part(client, world):
    client.force_login(world.manager_b)
    body = client.get(reverse("core:org_tree")).content.decode()
    assert "Hemtjänst B" in body and "Hemtjänst A" not in body


def test_the_switcher_changes_where_the_user_works(client, world):
    from kvalitetsnav.accounts.services import role_grant

    role_grant(actor=None, user=world.manager_a, node=world.unit_a2, role="enhetschef")
    client.force_login(world.manager_a)
    client.post(reverse("core:switch_node"), {"node": world.unit_a2.pk, "next": "/atgarder/ny/"})
    body = client.get(reverse("actions:create")).content.decode()
    assert f'<option value="{world.unit_a2.pk}" selected>' in body


def test_the_switcher_refuses_a_node_the_user_has_no_role_on(client, world):
    client.force_login(world.manager_a)
    assert client.post(reverse("core:switch_node"), {"node": world.unit_b.pk}).status_code == 403


def test_the_switcher_never_redirects_to_another_site(client, world):
    client.force_login(world.manager_a)
    response = client.post(
        reverse("core:switch_node"), {"node": world.unit_a.pk, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_healthz_answers_200_when_the_database_is_reachable(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_is_not(client, db, monkeypatch):
    from django.db import OperationalError

    class UnreachableDatabase:
        def cursor(self):
            raise OperationalError("could not connect to server")

    monkeypatch.setattr("kvalitetsnav.core.views.connection", UnreachableDatabase())
    assert client.get("/healthz").status_code == 503
