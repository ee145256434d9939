"""Shared personas: one small city with two boards, and a person per role.

Data is set up through the services, as the application itself does it.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from kvalitetsnav.access.roles import Role
from kvalitetsnav.accounts import services as account_services
from kvalitetsnav.core import services as core_services
from kvalitetsnav.core.models import OperationKind, OrgLevel, ProviderType

TEST_PASSWORD = "Ett-riktigt-testlösen-42"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


def _node(name, code, level, parent, **kwargs):
    return core_services.org_node_create(
        actor=None, name=name, code=code, level=level, parent=parent, **kwargs
    )


def _person(username, node, role, *, first_name, home_unit=None):
    user = account_services.user_create(
        actor=None,
        username=username,
        password=TEST_PASSWORD,
        first_name=first_name,
        last_name="Testsson",
        home_unit=home_unit,
        validate=False,
    )
    account_services.role_grant(actor=None, user=user, node=node, role=role)
    return user


@pytest.fixture
def world(db):
    """Teststad with board A (two units) and board B (one unit), and one person per role."""
    w = SimpleNamespace()
    w.city = _node("Teststad", "teststad", OrgLevel.KOMMUN, None)
    w.board_a = _node("Nämnd A", "namnd-a", OrgLevel.NAMND, w.city)
    w.admin_a = _node("Förvaltning A", "forvaltning-a", OrgLevel.FORVALTNING, w.board_a)
    w.dept_a = _node("Avdelning äldre A", "avdelning-a", OrgLevel.AVDELNING, w.admin_a)
    w.unit_a = _node(
        "Hemtjänst A",
        "hemtjanst-a",
        OrgLevel.ENHET,
        w.dept_a,
        operation_kind=OperationKind.HEMTJANST,
        provider_type=ProviderType.EGEN_REGI,
    )
    w.unit_a2 = _node(
        "Boende A",
        "boende-a",
        OrgLevel.ENHET,
        w.dept_a,
        operation_kind=OperationKind.VARD_OCH_OMSORGSBOENDE,
        provider_type=ProviderType.LOV,
        provider_name="Omsorg AB",
    )
    w.board_b = _node("Nämnd B", "namnd-b", OrgLevel.NAMND, w.city)
    w.unit_b = _node(
        "Hemtjänst B",
        "hemtjanst-b",
        OrgLevel.ENHET,
        w.board_b,
        operation_kind=OperationKind.HEMTJANST,
        provider_type=ProviderType.EGEN_REGI,
    )

    w.staff_a = _person(
        "personal.a", w.unit_a, Role.MEDARBETARE, first_name="Stina", home_unit=w.unit_a
    )
    w.manager_a = _person(
        "chef.a", w.unit_a, Role.ENHETSCHEF, first_name="Maja", home_unit=w.unit_a
    )
    w.manager_a2 = _person("chef.a2", w.unit_a2, Role.ENHETSCHEF, first_name="Malte")
    w.dept_head_a = _person("avdchef.a", w.dept_a, Role.AVDELNINGSCHEF, first_name="Anders")
    w.director_a = _person("ledning.a", w.admin_a, Role.FORVALTNINGSLEDNING, first_name="Lena")
    w.quality_a = _person("kvalitet.a", w.board_a, Role.KVALITETSUTVECKLARE, first_name="Kim")
    w.mas_a = _person("mas.a", w.admin_a, Role.MAS, first_name="Maria")
    w.inspector = _person("inspektor", w.city, Role.INSPEKTOR, first_name="Ingrid")
    w.politician_a = _person("namnd.a", w.board_a, Role.NAMND, first_name="Nils")
    w.auditor_a = _person("revisor.a", w.board_a, Role.REVISOR, first_name="Rut")
    w.sysadmin = _person("admin", w.city, Role.SYSTEMADMINISTRATOR, first_name="Sam")
    w.manager_b = _person("chef.b", w.unit_b, Role.ENHETSCHEF, first_name="Bo", home_unit=w.unit_b)
    w.staff_b = _person(
        "personal.b", w.unit_b, Role.MEDARBETARE, first_name="Britt", home_unit=w.unit_b
    )
    w.no_role = account_services.user_create(
        actor=None, username="utan.roll", password=TEST_PASSWORD, validate=False
    )
    return w


@pytest.fixture
def action_a(world):
    """An action in unit A, owned by the staff member there, due in a week."""
    from kvalitetsnav.actions import services

    return services.action_create(
        actor=world.manager_a,
        title="Ny rutin för nyckelhantering",
        node=world.unit_a,
        owner=world.staff_a,
        due_date=timezone.localdate() + dt.timedelta(days=7),
        description="Gå igenom rutinen på arbetsplatsträffen.",
    )


@pytest.fixture
def action_b(world):
    from kvalitetsnav.actions import services

    return services.action_create(
        actor=world.manager_b,
        title="Ses över larmrutinen",
        node=world.unit_b,
        owner=world.staff_b,
        due_date=timezone.localdate() + dt.timedelta(days=7),
    )
