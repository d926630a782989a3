"""The number line: each source's interval on one axis, so the gap is seen at a glance."""

from __future__ import annotations

import pytest

from claimdiff.report.number_line import PLOT_LEFT, PLOT_RIGHT, LineEntry, number_line


def entry(label: str, figure: str, value, low, high, **kwargs) -> LineEntry:  # type: ignore[no-untyped-def]
    return LineEntry(label=label, figure=figure, value=value, low=low, high=high, **kwargs)


def test_at_least_runs_off_to_the_right_and_the_exact_figure_is_a_point():
    line = number_line(
        [
            entry("Jordan Times", "at least 116", 116, 116, None),
            entry("Sputnik", "128", 128, 128, 128),
        ]
    )
    assert line is not None and line.scale == "linear"
    at_least, exact = line.rows
    assert at_least.arrow_right and at_least.x2 == PLOT_RIGHT and at_least.arrow_path
    assert f"M{at_least.x1:g} " in at_least.bar_path and "v14" in at_least.bar_path  # closed
    assert not exact.arrow_right and exact.x1 == exact.x2 == exact.point_x
    assert exact.bar_path == "" and exact.point_path  # a single figure is a point
    # Both figures inside the plot, far enough apart to tell.
    assert PLOT_LEFT < at_least.point_x < exact.point_x < PLOT_RIGHT
    assert exact.point_x - at_least.point_x > (PLOT_RIGHT - PLOT_LEFT) / 2
    assert line.description == (
        "Number line, linear scale, figures from 116 to 128. Jordan Times: at least 116 "
        "(116 or more); Sputnik: 128 (exactly 128)."
    )


def test_disjoint_figures_are_far_apart_with_round_ticks():
    line = number_line([entry("A", "1,300", 1300, 1300, 1300), entry("B", "355", 355, 355, 355)])
    assert line is not None and line.scale == "linear"
    a, b = line.rows
    assert b.point_x < a.point_x
    labels = [tick.label for tick in line.ticks]
    assert labels == ["400", "600", "800", "1,000", "1,200"]  # round steps, thousands marked
    assert all(PLOT_LEFT <= tick.x <= PLOT_RIGHT for tick in line.ticks)


def test_values_more_than_ten_times_apart_get_a_log_scale():
    line = number_line([entry("A", "12", 12, 12, 12), entry("B", "3,000", 3000, 3000, 3000)])
    assert line is not None and line.scale == "logarithmic"
    a, b = line.rows
    middle = (PLOT_LEFT + PLOT_RIGHT) / 2
    assert a.point_x < middle < b.point_x
    labels = [tick.label for tick in line.ticks]
    assert labels == ["10", "20", "50", "100", "200", "500", "1,000", "2,000"]


def test_open_bounds_and_up_to():
    line = number_line(
        [
            entry("A", "more than 600", 600, 600, None, low_open=True),
            entry("B", "up to 2,000", 2000, 0, 2000),
        ]
    )
    assert line is not None and line.scale == "linear"  # a bound at zero: no log scale
    more_than, up_to = line.rows
    assert more_than.open_caps == (more_than.x1,) and more_than.arrow_right  # 600 excluded
    assert up_to.open_caps == () and up_to.x1 == PLOT_LEFT  # the axis starts at zero
    assert up_to.bar_path.count("v14") == 2  # both ends closed
    assert "more than 600" in line.description and "0 to 2,000" in line.description


def test_nothing_to_draw():
    assert number_line([]) is None
    assert number_line([entry("A", "any", None, None, None)]) is None


@pytest.mark.parametrize("value", [7, 116, 18000, 2_500_000])
def test_one_value_is_centred(value: float):
    line = number_line([entry("A", str(value), value, value, value)])
    assert line is not None
    (row,) = line.rows
    assert row.point_x == pytest.approx((PLOT_LEFT + PLOT_RIGHT) / 2, abs=1)
    assert line.ticks  # an axis with at least one labelled tick


def test_the_axis_never_goes_below_zero_for_counts():
    line = number_line([entry("A", "1", 1, 1, 1)])
    assert line is not None
    assert line.ticks[0].label == "0" and line.ticks[0].x == PLOT_LEFT
    assert PLOT_LEFT < line.rows[0].point_x < PLOT_RIGHT


def test_long_labels_are_shortened_but_kept_whole_in_the_description():
    label = "The Syrian Observatory for Human Rights monitoring desk"
    line = number_line([entry(label, "5", 5, 5, 5)])
    assert line is not None
    assert len(line.rows[0].label) < len(label) and line.rows[0].label.endswith("…")
    assert label in line.description


def test_whole_figures_get_whole_ticks():
    line = number_line([entry("A", "19", 19, 19, 19), entry("B", "22", 22, 22, 22)])
    assert line is not None
    assert [tick.label for tick in line.ticks] == ["19", "20", "21", "22"]
