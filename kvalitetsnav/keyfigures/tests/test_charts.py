"""The inline SVG charts: named, described in words, special causes shaped, text escaped."""

import datetime as dt

from kvalitetsnav.keyfigures.charts import control_chart_svg, sparkline_svg
from kvalitetsnav.lib import spc


def test_a_control_chart_names_itself_and_says_which_months_break_a_rule():
    periods = [dt.date(2025, m, 1) for m in range(1, 13)]
    chart = spc.c_chart([4, 5, 3, 4, 6, 4, 5, 3, 4, 5, 4, 16])
    svg = control_chart_svg(chart, periods, title="Avvikelser <Rinkeby>", unit="")
    assert svg.startswith("<svg") and 'role="img"' in svg and "aria-labelledby" in svg
    assert "<title" in svg and "Avvikelser &lt;Rinkeby&gt;" in svg
    assert "c-diagram" in svg and "dec 2025 (utanför styrgränserna)" in svg
    assert svg.count("<rect") == 1  # the one special point is a diamond, not only a colour
    assert svg.count("<circle") == 11


def test_a_p_chart_draws_limits_that_step_with_the_denominator():
    periods = [dt.date(2025, m, 1) for m in range(1, 4)]
    chart = spc.p_chart([5, 50, 9], [10, 100, 10])
    svg = control_chart_svg(chart, periods, title="Andel", unit="%")
    assert svg.count("<polyline") == 3  # upper, lower, the values
    assert "Inga tecken på särskilda orsaker" in svg


def test_a_sparkline_needs_two_known_values():
    assert sparkline_svg([None, 3.0], label="x") == ""
    assert 'aria-label="Utveckling"' in sparkline_svg([1.0, None, 3.0], label="Utveckling")
