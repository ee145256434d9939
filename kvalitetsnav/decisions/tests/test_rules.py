"""Every rule of DOMAIN.md "Non-executed decisions", in Python and in the database alike."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from kvalitetsnav.decisions import rules
from kvalitetsnav.decisions.models import Decision, Offer
from kvalitetsnav.decisions.rules import INTERRUPTED, NOT_EXECUTED, Quarter

from . import factories as f

D = dt.date
Q = Quarter.parse

QUARTERS = ["2025Q1", "2025Q2", "2025Q3", "2025Q4", "2026Q1", "2026Q2"]


def _from(first: str, kind: str) -> dict[str, list[str]]:
    """Reportable from ``first`` on, every quarter (nothing has happened since)."""
    return {q: [kind] for q in QUARTERS[QUARTERS.index(first) :]}


# name: (fields, {quarter: expected kinds}); quarters not listed expect nothing.
CASES = {
    "not executed: reportable from three months plus one day, every quarter": (
        {"decided_on": D(2025, 1, 15)},
        _from("2025Q2", NOT_EXECUTED),
    ),
    "decided 31 March: the limit is 30 June, reportable from 1 July": (
        {"decided_on": D(2025, 3, 31)},
        _from("2025Q3", NOT_EXECUTED),
    ),
    "decided 29 March: reportable on 30 June already": (
        {"decided_on": D(2025, 3, 29)},
        _from("2025Q2", NOT_EXECUTED),
    ),
    "executed on the last day of the three months: never reportable": (
        {"decided_on": D(2025, 1, 15), "executed_on": D(2025, 4, 15)},
        {},
    ),
    "executed one day late: reported once, in the quarter of execution": (
        {"decided_on": D(2025, 1, 15), "executed_on": D(2025, 4, 16)},
        {"2025Q2": [NOT_EXECUTED]},
    ),
    "executed in a later quarter: reported until and including that quarter": (
        {"decided_on": D(2025, 1, 15), "executed_on": D(2025, 8, 1)},
        {"2025Q2": [NOT_EXECUTED], "2025Q3": [NOT_EXECUTED]},
    ),
    "withdrawn after the limit: the end is reported, then nothing": (
        {"decided_on": D(2025, 1, 15), "ended_on": D(2025, 7, 2)},
        {"2025Q2": [NOT_EXECUTED], "2025Q3": [NOT_EXECUTED]},
    ),
    "withdrawn within three months: never reportable": (
        {"decided_on": D(2025, 1, 15), "ended_on": D(2025, 3, 1)},
        {},
    ),
    "interrupted and not resumed within three months: reportable until resumed": (
        {
            "decided_on": D(2025, 1, 10),
            "executed_on": D(2025, 2, 1),
            "interrupted_from": D(2025, 5, 10),
            "interrupted_to": D(2025, 12, 1),
        },
        {"2025Q3": [INTERRUPTED], "2025Q4": [INTERRUPTED]},
    ),
    "interrupted and resumed within three months: not reportable": (
        {
            "decided_on": D(2025, 1, 10),
            "executed_on": D(2025, 2, 1),
            "interrupted_from": D(2025, 5, 10),
            "interrupted_to": D(2025, 8, 10),
        },
        {},
    ),
    "interrupted and never resumed: reportable every quarter": (
        {
            "decided_on": D(2025, 1, 10),
            "executed_on": D(2025, 2, 1),
            "interrupted_from": D(2025, 2, 20),
        },
        _from("2025Q2", INTERRUPTED),
    ),
    "late execution and later a long interruption: both, each in its quarters": (
        {
            "decided_on": D(2025, 1, 10),
            "executed_on": D(2025, 5, 1),
            "interrupted_from": D(2025, 6, 1),
            "ended_on": D(2026, 1, 5),
        },
        {"2025Q2": [NOT_EXECUTED], "2025Q3": [INTERRUPTED], "2025Q4": [INTERRUPTED],
         "2026Q1": [INTERRUPTED]},
    ),
    "partly executed (3 of 5 hours): the unexecuted part stays reportable": (
        {
            "decided_on": D(2025, 1, 15),
            "partly_executed_on": D(2025, 2, 1),
            "unexecuted_part": "2 av 5 timmar",
        },
        _from("2025Q2", NOT_EXECUTED),
    ),
}  # fmt: skip


@pytest.mark.django_db
def test_the_python_rule_and_the_database_filter_agree_on_every_case(world):
    made = {name: f.decision(world, **fields) for name, (fields, _) in CASES.items()}
    for quarter in QUARTERS:
        in_db = set(Decision.objects.reportable(Q(quarter)).values_list("pk", flat=True))
        for name, (_, expected) in CASES.items():
            decision = made[name]
            kinds = rules.reportable_kinds(decision, Q(quarter))
            assert kinds == expected.get(quarter, []), f"{name} in {quarter}: {kinds}"
            assert (decision.pk in in_db) == bool(kinds), f"{name} in {quarter}: database"


@pytest.mark.django_db
def test_a_person_who_declined_an_offer_stays_reportable(world):
    decision = f.decision(world, decided_on=D(2025, 1, 15))
    Offer.objects.create(decision=decision, offered_on=D(2025, 2, 1), declined=True)
    assert Decision.objects.reportable(Q("2025Q2")).filter(pk=decision.pk).exists()


def test_three_months_plus_one_day_clamps_to_the_end_of_the_month():
    assert rules.first_reportable_day(D(2025, 11, 30)) == D(2026, 3, 1)
    assert rules.first_reportable_day(D(2023, 11, 30)) == D(2024, 3, 1)
    assert rules.first_reportable_day(D(2024, 5, 31)) == D(2024, 9, 1)
    assert rules.first_reportable_day(D(2025, 1, 15)) == D(2025, 4, 16)


@pytest.mark.parametrize("text", ["2025Q4", "2025q4", " 2025-Q4 "])
def test_it_reads_a_quarter_in_its_usual_forms(text):
    assert Quarter.parse(text) == Quarter(2025, 4)
    assert Quarter.parse(text).start == D(2025, 10, 1)
    assert Quarter.parse(text).end == D(2025, 12, 31)


@pytest.mark.parametrize("text", ["", "2025", "2025Q5", "Q4 2025", "25Q1", "1899Q1"])
def test_it_refuses_a_quarter_in_the_wrong_form_in_swedish(text):
    with pytest.raises(ValidationError) as error:
        Quarter.parse(text)
    assert error.value.message_dict == {
        "quarter": ["Ange kvartalet som ÅÅÅÅQN, till exempel 2025Q4."]
    }


def test_the_fourth_quarter_is_reported_in_january_the_year_after(settings):
    assert Quarter(2025, 4).reporting_window() == "januari 2026"
    assert Quarter(2025, 2).reporting_window() == "juli–augusti 2025"
    settings.KVN_IVO_REPORTING_WINDOWS = {1: "maj", 2: "augusti", 3: "november", 4: "februari"}
    assert Quarter(2025, 1).reporting_window() == "maj 2025"


@pytest.mark.django_db
def test_it_refuses_an_execution_before_the_decision_in_the_form_and_the_database(world):
    decision = f.decision(world, decided_on=D(2025, 3, 1))
    decision.executed_on = D(2025, 2, 1)
    with pytest.raises(ValidationError) as error:
        decision.full_clean()
    assert "executed_on" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        decision.save()


@pytest.mark.django_db
def test_it_refuses_an_interruption_that_ends_before_it_begins(world):
    decision = f.decision(
        world,
        decided_on=D(2025, 1, 1),
        executed_on=D(2025, 1, 5),
        interrupted_from=D(2025, 3, 1),
    )
    decision.interrupted_to = D(2025, 2, 1)
    with pytest.raises(ValidationError) as error:
        decision.full_clean()
    assert "interrupted_to" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        decision.save()


@pytest.mark.parametrize(
    ("code", "sex", "ok"),
    [
        ("19400312-T142", "K", True),
        ("19400312-T132", "M", True),
        ("19400312-TF42", "K", True),
        ("19400312-T152", "K", False),  # odd third character for a woman
        ("19400312-1234", "K", False),  # a personnummer's last four, not IVO's code
        ("19401332-T142", "K", False),  # no such date
    ],
)
def test_the_person_code_follows_ivos_form(code, sex, ok):
    from kvalitetsnav.decisions.models import person_code_problem

    assert (person_code_problem(code, sex) == "") is ok


@pytest.mark.django_db
def test_the_early_warning_finds_decisions_crossing_the_limit_within_30_days(world):
    today = D(2025, 6, 1)
    soon = f.decision(world, decided_on=D(2025, 3, 10))  # reportable from 11 June
    later = f.decision(world, decided_on=D(2025, 5, 1))
    f.decision(world, decided_on=D(2025, 3, 10), executed_on=D(2025, 4, 1))
    found = set(Decision.objects.crossing_limit(today))
    assert soon in found and later not in found and len(found) == 1


@pytest.mark.django_db
def test_the_stored_end_of_the_wait_is_what_the_migration_computes_for_old_decisions(world):
    import importlib

    migration = importlib.import_module(
        "kvalitetsnav.decisions.migrations.0004_decision_wait_ended_on"
    )
    made = {name: f.decision(world, **fields) for name, (fields, _) in CASES.items()}
    stored = dict(Decision.objects.values_list("pk", "wait_ended_on"))
    Decision.objects.update(wait_ended_on=migration.wait_ended_expression())
    for name, decision in made.items():
        assert Decision.objects.get(pk=decision.pk).wait_ended_on == stored[decision.pk], name
    assert stored[
        made["late execution and later a long interruption: both, each in its quarters"].pk
    ] == D(2026, 1, 5)
