"""The c-chart rules on hand-made monthly series."""

import pytest

from kvalitetsnav.lib.spc import c_chart_limits, special_causes


def test_the_limits_are_the_mean_plus_and_minus_three_square_roots():
    limits = c_chart_limits([9, 9, 9, 9])
    assert (limits.centre, limits.lower, limits.upper) == (9, 0, 18)
    limits = c_chart_limits([16, 16])
    assert (limits.lower, limits.upper) == (4, 28)
    assert c_chart_limits([1, 0]).lower == 0  # never below zero


def test_an_empty_series_has_no_limits():
    with pytest.raises(ValueError):
        c_chart_limits([])


def test_a_flat_or_ordinarily_varying_series_flags_nothing():
    assert special_causes([4] * 12) == []
    assert special_causes([3, 5, 4, 6, 2, 4, 5, 3, 4, 6, 3, 5]) == []


def test_a_spike_above_the_units_own_history_flags_high():
    assert special_causes([4, 5, 3, 4, 6, 4, 5, 3, 4, 5, 4, 14]) == [(11, "high")]


def test_a_higher_bar_within_the_limits_does_not_flag():
    # 9 is more than twice the mean of 4, but within 4 + 3·2 = 10.
    assert special_causes([4, 5, 3, 4, 6, 4, 5, 3, 4, 5, 4, 9]) == []


def test_a_drop_below_the_lower_limit_flags_low():
    assert special_causes([25, 24, 26, 25, 25, 24, 26, 25, 9]) == [(8, "low")]


def test_a_run_of_eight_months_above_or_below_the_earlier_mean_flags():
    # No month is outside the limits, but the last eight all lie above the mean before.
    assert special_causes([2, 2, 2, 2, 5, 5, 5, 5, 5, 5, 5, 5]) == [(11, "run_above")]
    assert special_causes([6, 6, 6, 6, 3, 3, 3, 3, 3, 3, 3, 3]) == [(11, "run_below")]


def test_a_flat_history_with_one_higher_month_is_not_a_run():
    assert special_causes([1] * 10 + [3]) == []


def test_seven_in_a_row_is_not_a_run():
    assert special_causes([2, 2, 2, 2, 2, 4, 4, 4, 4, 4, 4, 4]) == []


def test_too_short_a_history_is_not_judged():
    assert special_causes([1, 1, 30]) == []
