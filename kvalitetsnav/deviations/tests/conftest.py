"""Fixtures for the deviation tests: a LOV provider's staff member, and a quick report."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from kvalitetsnav.access.roles import Role
from kvalitetsnav.accounts import services as account_services
from kvalitetsnav.conftest import TEST_PASSWORD
from kvalitetsnav.deviations import services
from kvalitetsnav.deviations.models import Category, ContributingFactor
from kvalitetsnav.deviations.shipped import ensure_shipped


@pytest.fixture(autouse=True)
def _shipped_lists(db):
    """The categories and factors, even after a live-server test emptied the database."""
    ensure_shipped()


@pytest.fixture
def staff_a2(world):
    """A member of staff at Boende A, the LOV provider's unit."""
    user = account_services.user_create(
        actor=None,
        username="personal.a2",
        password=TEST_PASSWORD,
        first_name="Leo",
        last_name="Testsson",
        home_unit=world.unit_a2,
        validate=False,
    )
    account_services.role_grant(actor=None, user=user, node=world.unit_a2, role=Role.MEDARBETARE)
    return user


@pytest.fixture
def fall():
    return Category.objects.get(name="Fall")


@pytest.fixture
def routines():
    return ContributingFactor.objects.get(code="rutiner")


def report(actor, *, node=None, category=None, when=None, **texts):
    return services.deviation_report(
        actor=actor,
        node=node,
        category=category or Category.objects.get(name="Fall"),
        occurred_at=when or timezone.now() - dt.timedelta(hours=1),
        description=texts.get("description", "Brukaren föll i hallen."),
        immediate_action=texts.get("immediate_action", "Hjälpte upp och ringde sjuksköterskan."),
        person_ref=texts.get("person_ref", ""),
    )


def analyse(deviation, actor, **kwargs):
    return services.deviation_record_analysis(
        actor=actor,
        deviation=deviation,
        version=deviation.version,
        analysis_what=kwargs.get("what", "Fall i hallen på natten."),
        analysis_why=kwargs.get("why", "Nattbelysningen var trasig sedan en vecka."),
        factors=kwargs.get("factors", ()),
    )


def answer(deviation, actor, text="Tack! Belysningen är lagad."):
    return services.deviation_give_feedback(
        actor=actor, deviation=deviation, version=deviation.version, feedback=text
    )
