"""Whole control charts: c, u and p limits, the run chart, and the special-cause rules."""

import math

import pytest

from kvalitetsnav.lib import spc


def test_a_c_chart_has_fixed_limits_from_all_its_points_and_marks_a_point_outside():
    chart = spc.c_chart([4, 5, 3, 4, 6, 4, 5, 3, 4, 5, 4, 16])
    assert chart.kind == "c"
    assert chart.centre == pytest.approx(63 / 12)
    assert chart.points[0].upper == pytest.approx(63 / 12 + 3 * math.sqrt(63 / 12))
    assert [i for i, p in enumerate(chart.points) if p.signals] == [11]
    assert chart.points[11].signals == ("outside",)


def test_a_u_chart_widens_its_limits_where_the_exposure_is_small():
    chart = spc.u_chart([10, 2, 10], [100, 10, 100])
    assert chart.centre == pytest.approx(22 / 210)
    narrow, wide = chart.points[0], chart.points[1]
    assert wide.upper - wide.centre > narrow.upper - narrow.centre
    assert wide.upper == pytest.approx(22 / 210 + 3 * math.sqrt(22 / 210 / 10))
    assert chart.points[1].value == pytest.approx(0.2)


def test_a_p_chart_gives_percent_with_limits_by_each_months_total_within_0_and_100():
    chart = spc.p_chart([5, 10, 45], [10, 20, 50])
    assert chart.centre == pytest.approx(60 / 80 * 100)
    small, large = chart.points[0], chart.points[2]
    p = 0.75
    assert small.lower == pytest.approx((p - 3 * math.sqrt(p * (1 - p) / 10)) * 100)
    assert small.upper == 100.0
    assert large.upper - large.lower < small.upper - small.lower
    assert small.value == 50.0


def test_a_p_chart_refuses_a_share_above_its_total_or_an_empty_month():
    with pytest.raises(ValueError):
        spc.p_chart([3], [2])
    with pytest.raises(ValueError):
        spc.p_chart([0], [0])
    with pytest.raises(ValueError):
        spc.u_chart([1], [0])


def test_eight_points_on_one_side_of_the_centre_are_a_shift_and_seven_are_not():
    low, high = [2.0] * 8, [6.0] * 8
    chart = spc.run_chart(low + high)
    assert chart.kind == "run" and chart.centre == 4.0
    assert all(p.signals == ("shift",) for p in chart.points)
    chart = spc.run_chart([2.0] * 7 + [6.0] * 7)
    assert not any(p.signals for p in chart.points)


def test_six_rises_in_a_row_are_a_trend_and_a_level_step_breaks_it():
    rising = spc.run_chart([1, 5, 2, 3, 4, 5, 6, 7, 3, 2])
    assert [i for i, p in enumerate(rising.points) if "trend" in p.signals] == [2, 3, 4, 5, 6, 7]
    broken = spc.run_chart([1, 2, 3, 3, 4, 5, 6])
    assert not any("trend" in p.signals for p in broken.points)
    falling = spc.run_chart([9, 8, 7, 6, 5, 4])
    assert all("trend" in p.signals for p in falling.points)


def test_ordinary_variation_marks_nothing():
    chart = spc.c_chart([3, 5, 4, 6, 2, 4, 5, 3, 4, 6, 3, 5])
    assert not any(p.is_special for p in chart.points)
