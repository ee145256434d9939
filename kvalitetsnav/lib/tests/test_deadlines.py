"""The internal targets for lex Sarah and lex Maria, against the rules in DOMAIN.md."""

import datetime as dt

from kvalitetsnav.lib.deadlines import add_months, add_working_days, is_working_day, lex_targets

D = dt.date


def test_weekends_are_not_working_days():
    assert is_working_day(D(2025, 3, 7))  # a Friday
    assert not is_working_day(D(2025, 3, 8))
    assert not is_working_day(D(2025, 3, 9))


def test_one_working_day_after_a_friday_is_the_monday():
    assert add_working_days(D(2025, 3, 7), 1) == D(2025, 3, 10)


def test_midsummer_eve_and_midsummer_day_are_skipped():
    # Thursday 19 June 2025; 20 June is midsommarafton, 21 midsommardagen, 22 a Sunday.
    assert add_working_days(D(2025, 6, 19), 1) == D(2025, 6, 23)


def test_midsummer_eve_counts_as_a_working_day_when_configured(settings):
    settings.KVN_EVES_ARE_WORKING_DAYS = True
    assert add_working_days(D(2025, 6, 19), 1) == D(2025, 6, 20)


def test_easter_is_skipped():
    # Thursday 17 April 2025: långfredag, the weekend and annandag påsk follow.
    assert add_working_days(D(2025, 4, 17), 1) == D(2025, 4, 22)


def test_christmas_and_new_year_are_skipped():
    assert add_working_days(D(2025, 12, 23), 1) == D(2025, 12, 29)
    assert add_working_days(D(2025, 12, 30), 1) == D(2026, 1, 2)


def test_adding_months_keeps_the_day_or_takes_the_last_of_the_month():
    assert add_months(D(2025, 3, 15), 2) == D(2025, 5, 15)
    assert add_months(D(2025, 12, 31), 2) == D(2026, 2, 28)
    assert add_months(D(2025, 11, 30), 3) == D(2026, 2, 28)


def test_lex_sarah_targets_follow_the_defaults_of_a_careful_municipality():
    targets = lex_targets("lex_sarah", D(2025, 6, 19))
    assert targets.start == D(2025, 6, 23)
    assert targets.assess == D(2025, 7, 3)
    assert targets.ivo_report == D(2025, 7, 3)
    assert targets.complete == D(2025, 8, 19)


def test_each_target_can_be_configured_per_kind(settings):
    settings.KVN_LEX_MARIA_START_WORKING_DAYS = 3
    settings.KVN_LEX_MARIA_ASSESS_DAYS = 7
    settings.KVN_LEX_MARIA_IVO_REPORT_DAYS = 10
    settings.KVN_LEX_MARIA_COMPLETE_MONTHS = 1
    maria = lex_targets("lex_maria", D(2025, 3, 7))
    assert maria == type(maria)(
        start=D(2025, 3, 12),
        assess=D(2025, 3, 14),
        ivo_report=D(2025, 3, 17),
        complete=D(2025, 4, 7),
    )
    # Lex Sarah keeps its own defaults.
    assert lex_targets("lex_sarah", D(2025, 3, 7)).assess == D(2025, 3, 21)
