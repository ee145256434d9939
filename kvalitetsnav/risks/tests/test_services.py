import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from kvalitetsnav.actions.models import Action
from kvalitetsnav.core.models import AuditEvent
from kvalitetsnav.risks import services
from kvalitetsnav.risks.models import Occasion, Risk, RiskAnalysis


def test_the_score_is_probability_times_consequence(world, analysis_a):
    risk = services.risk_add(
        actor=world.manager_a, analysis=analysis_a, title="Elavbrott", probability=3, consequence=4
    )
    assert risk.score == 12
    risk = services.risk_update(
        actor=world.manager_a, risk=risk, version=risk.version, probability=1
    )
    assert Risk.objects.get(pk=risk.pk).score == 4


def test_the_database_refuses_a_score_that_is_not_the_product(risk_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        Risk.objects.filter(pk=risk_a.pk).update(score=5)


def test_a_probability_of_5_gets_a_clear_message(world, analysis_a):
    with pytest.raises(ValidationError) as exc:
        services.risk_add(
            actor=world.manager_a, analysis=analysis_a, title="X", probability=5, consequence=2
        )
    assert "probability" in exc.value.message_dict


def test_a_residual_rating_needs_both_values(world, analysis_a):
    with pytest.raises(ValidationError) as exc:
        services.risk_add(
            actor=world.manager_a,
            analysis=analysis_a,
            title="X",
            probability=2,
            consequence=2,
            residual_probability=1,
        )
    assert "residual_consequence" in exc.value.message_dict


def test_it_refuses_an_identity_number_in_the_participants(world):
    with pytest.raises(ValidationError) as exc:
        services.risk_analysis_create(
            actor=world.manager_a,
            title="Analys",
            occasion=Occasion.CRISIS,
            node=world.unit_a,
            analysed_on=timezone.localdate(),
            participants="Brukare 19121212-1212",
        )
    assert "participants" in exc.value.message_dict


def test_staff_cannot_start_an_analysis(world):
    with pytest.raises(PermissionDenied):
        services.risk_analysis_create(
            actor=world.staff_a,
            title="Analys",
            occasion=Occasion.YEARLY,
            node=world.unit_a,
            analysed_on=timezone.localdate(),
        )


def test_sign_off_freezes_the_analysis_and_its_risks(world, analysis_a, risk_a):
    analysis = services.risk_analysis_sign_off(
        actor=world.manager_a, analysis=analysis_a, version=analysis_a.version
    )
    assert analysis.signed_off_by == world.manager_a
    with pytest.raises(ValidationError):
        services.risk_analysis_update(
            actor=world.manager_a, analysis=analysis, version=analysis.version, title="Ny"
        )
    with pytest.raises(ValidationError):
        services.risk_add(
            actor=world.manager_a, analysis=analysis, title="X", probability=1, consequence=1
        )
    risk = Risk.objects.select_related("analysis").get(pk=risk_a.pk)
    with pytest.raises(ValidationError):
        services.risk_update(actor=world.manager_a, risk=risk, version=risk.version, probability=1)
    assert RiskAnalysis.objects.get(pk=analysis.pk).title == "Årlig riskanalys"


def test_an_empty_analysis_cannot_be_signed_off(world):
    analysis = services.risk_analysis_create(
        actor=world.manager_a,
        title="Tom",
        occasion=Occasion.OTHER,
        node=world.unit_a,
        analysed_on=timezone.localdate(),
    )
    with pytest.raises(ValidationError):
        services.risk_analysis_sign_off(
            actor=world.manager_a, analysis=analysis, version=analysis.version
        )


def test_revising_copies_the_risks_and_moves_their_actions(world, analysis_a, risk_a):
    action = services.risk_create_action(actor=world.manager_a, risk=risk_a, title="Personlarm")
    signed = services.risk_analysis_sign_off(
        actor=world.manager_a, analysis=analysis_a, version=analysis_a.version
    )
    draft = services.risk_analysis_revise(actor=world.manager_a, analysis=signed)
    copy = draft.risks.get()
    assert (copy.title, copy.score) == (risk_a.title, risk_a.score)
    assert list(Action.objects.linked_to(copy)) == [action]
    assert list(Risk.objects.current()) == [copy]


def test_a_planned_action_is_created_in_the_register_linked_to_the_risk(world, risk_a):
    action = services.risk_create_action(
        actor=world.manager_a,
        risk=risk_a,
        title="Gå två vid hembesök",
        owner=world.staff_a,
        due_date=timezone.localdate() + dt.timedelta(days=14),
    )
    assert action.node == world.unit_a
    assert list(Action.objects.linked_to(risk_a)) == [action]


def test_every_change_is_audited(world, analysis_a, risk_a):
    services.risk_update(actor=world.manager_a, risk=risk_a, version=risk_a.version, consequence=3)
    assert AuditEvent.objects.for_object(risk_a).count() == 2
    assert AuditEvent.objects.for_object(analysis_a).count() == 1
