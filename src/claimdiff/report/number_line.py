"""The number line of a finding or an event: every source's interval drawn on one axis.

Pure geometry: `number_line(entries)` returns the positions of the bars, points, arrows and
ticks in SVG user units, and the template (`_number_line.svg.j2`) only draws them. "at least 116"
against "128" is a bar from 116 running off to the right (an arrow: no upper bound) and a point
at 128; "1,300" against "355" are two points far apart. When the figures differ by more than ten
times the scale is logarithmic, so a small figure is not squashed against the axis's start (a
bound at zero, as in "up to 200", is then drawn from the axis's start).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# Layout, in SVG user units (the SVG scales to its container's width).
WIDTH = 1040.0
LABEL_WIDTH = 200.0  # the outlet names, left of the plot
PLOT_LEFT = LABEL_WIDTH + 16.0
PLOT_RIGHT = WIDTH - 24.0
TOP = 8.0
ROW_HEIGHT = 34.0
AXIS_HEIGHT = 34.0
LOG_RATIO = 10.0  # values further apart than this many times get a log scale
PADDING = 0.08  # share of the data range left free at each end of the axis
MAX_LABEL_CHARS = 27


@dataclass(frozen=True)
class LineEntry:
    """One source on the line: its interval, the figure it stated, and how to label it.

    low/high None: unbounded on that side. value None: no single stated figure (a date range).
    low_open/high_open: the bound itself is excluded ("more than 600").
    """

    label: str
    figure: str
    value: float | None
    low: float | None
    high: float | None
    low_open: bool = False
    high_open: bool = False
    highlight: bool = False


@dataclass(frozen=True)
class LineRow:
    """One source's row. Coordinates are numbers; `*_path` are ready SVG path data."""

    label: str  # shortened to fit the label column
    full_label: str
    figure: str
    y: float  # the row's centre line
    x1: float  # the bar's drawn extent (equal for a single figure: no bar)
    x2: float
    arrow_left: bool  # no lower bound: the bar runs off the left end
    arrow_right: bool  # no upper bound: the bar runs off the right end
    open_caps: tuple[float, ...]  # x of bounds drawn as hollow circles (excluded: "more than")
    bar_path: str  # the bar with its closed end caps
    arrow_path: str
    point_x: float | None  # the stated figure; None for a date range
    point_path: str  # a diamond at the stated figure
    value_text: str
    value_x: float
    value_anchor: str  # SVG text-anchor keeping the value's text inside the plot
    highlight: bool


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class NumberLine:
    width: float
    height: float
    plot_left: float
    plot_right: float
    axis_y: float
    rows: tuple[LineRow, ...]
    ticks: tuple[Tick, ...]
    grid_path: str  # the vertical grid line of every tick, as one path
    tick_path: str  # the tick marks under the axis
    scale: str  # "linear", "logarithmic" or "dates"
    description: str  # the text alternative: every source and its interval in words


def number_line(
    entries: Sequence[LineEntry], *, dates: bool = False, unit: str = ""
) -> NumberLine | None:
    """Lay out `entries` on one axis; None when there is nothing to place (no finite figure).

    dates: values are day ordinals (`date.toordinal()`), labelled as ISO dates.
    unit: a word for the description ("people").
    """
    finite = [
        x
        for entry in entries
        for x in (entry.value, entry.low, entry.high)
        if x is not None and math.isfinite(x)
    ]
    if not entries or not finite:
        return None
    lo, hi = min(finite), max(finite)
    # The scale follows the stated figures and the positive bounds: an "up to 200" (a bound at
    # zero) must not squash 12 and 100,000 onto a linear axis; zero is then the axis's start.
    positive = [x for x in finite if x > 0]
    logarithmic = not dates and bool(positive) and max(positive) / min(positive) > LOG_RATIO
    whole = all(float(x).is_integer() for x in finite)  # counts and days: no tick at 19.5
    scale = _Scale(min(positive) if logarithmic else lo, hi, logarithmic, whole)
    rows = tuple(
        _row(entry, TOP + ROW_HEIGHT * (index + 0.5), scale, dates)
        for index, entry in enumerate(entries)
    )
    axis_y = TOP + ROW_HEIGHT * len(entries) + 6
    ticks = tuple(
        Tick(x=scale.x(value), label=_format(value, dates)) for value in scale.tick_values()
    )
    kind = "dates" if dates else ("logarithmic" if logarithmic else "linear")
    return NumberLine(
        width=WIDTH,
        height=axis_y + AXIS_HEIGHT,
        plot_left=PLOT_LEFT,
        plot_right=PLOT_RIGHT,
        axis_y=axis_y,
        rows=rows,
        ticks=ticks,
        grid_path="".join(f"M{_n(t.x)} {_n(TOP / 2)}V{_n(axis_y)}" for t in ticks),
        tick_path="".join(f"M{_n(t.x)} {_n(axis_y)}v5" for t in ticks),
        scale=kind,
        description=_describe(entries, kind, lo, hi, dates, unit),
    )


def _n(number: float) -> str:
    """A coordinate for SVG: one decimal at most, no trailing ".0"."""
    return f"{round(number, 1):g}"


class _Scale:
    """Maps data values to x, with PADDING free at both ends so open bars show their arrow."""

    def __init__(self, lo: float, hi: float, logarithmic: bool, whole: bool = False) -> None:
        self.logarithmic = logarithmic
        self.whole = whole
        t_lo, t_hi = self._t(lo), self._t(hi)
        if t_hi == t_lo:  # one value: centre it in a window around it
            spread = 1.0 if logarithmic else max(1.0, abs(t_lo) * 0.1)
            t_lo, t_hi = t_lo - spread, t_hi + spread
        pad = (t_hi - t_lo) * PADDING
        self.t_min, self.t_max = t_lo - pad, t_hi + pad
        if not logarithmic and lo >= 0 and self.t_min < 0:
            self.t_min = 0.0  # counts are never negative: no axis below zero

    def _t(self, value: float) -> float:
        return math.log10(value) if self.logarithmic else value

    def x(self, value: float) -> float:
        if self.logarithmic and value <= 0:
            return PLOT_LEFT
        share = (self._t(value) - self.t_min) / (self.t_max - self.t_min)
        return round(PLOT_LEFT + share * (PLOT_RIGHT - PLOT_LEFT), 1)

    def value_at(self, t: float) -> float:
        return 10**t if self.logarithmic else t

    @property
    def low(self) -> float:
        return self.value_at(self.t_min)

    @property
    def high(self) -> float:
        return self.value_at(self.t_max)

    def tick_values(self) -> list[float]:
        if self.logarithmic:
            return _log_ticks(self.low, self.high)
        return _linear_ticks(self.low, self.high, whole=self.whole)


def _linear_ticks(low: float, high: float, target: int = 7, whole: bool = False) -> list[float]:
    """Round values (1, 2 or 5 times a power of ten apart) inside [low, high]: 4 to 7 of them.

    whole: the values are whole numbers, so the step is at least 1.
    """
    raw_step = (high - low) / target
    magnitude = 10 ** math.floor(math.log10(raw_step))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw_step)
    if whole:
        step = max(step, 1)
    first = math.ceil(low / step) * step
    count = int((high - first) / step + 1e-9) + 1
    return [round(first + i * step, 10) for i in range(count)]


def _log_ticks(low: float, high: float) -> list[float]:
    """Powers of ten inside [low, high], with 2 and 5 times them when there are few."""
    decades = range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)
    for multipliers in ((1, 2, 5), (1,)):
        ticks = [m * 10.0**d for d in decades for m in multipliers if low <= m * 10.0**d <= high]
        if len(ticks) <= 8:
            return ticks
    return ticks


def _row(entry: LineEntry, y: float, scale: _Scale, dates: bool) -> LineRow:
    left_edge, right_edge = PLOT_LEFT, PLOT_RIGHT
    arrow_left = entry.low is None
    arrow_right = entry.high is None
    x1 = left_edge if arrow_left else scale.x(entry.low)  # type: ignore[arg-type]
    x2 = right_edge if arrow_right else scale.x(entry.high)  # type: ignore[arg-type]
    point_x = scale.x(entry.value) if entry.value is not None else None
    anchor_x = point_x if point_x is not None else (x1 + x2) / 2
    # Keep the value's text inside the plot: anchor it on the side away from the nearer edge.
    if anchor_x > PLOT_RIGHT - 60:
        value_anchor = "end"
    elif anchor_x < PLOT_LEFT + 60:
        value_anchor = "start"
    else:
        value_anchor = "middle"
    return LineRow(
        label=_shorten(entry.label),
        full_label=entry.label,
        figure=entry.figure,
        y=y,
        x1=x1,
        x2=x2,
        arrow_left=arrow_left,
        arrow_right=arrow_right,
        open_caps=tuple(
            x for x, is_open in ((x1, entry.low_open), (x2, entry.high_open)) if is_open
        ),
        bar_path=_bar_path(x1, x2, y, entry, arrow_left, arrow_right),
        arrow_path=(
            (f"M{_n(x2 + 10)} {_n(y)}L{_n(x2 - 1)} {_n(y - 6)}V{_n(y + 6)}Z" if arrow_right else "")
            + (
                f"M{_n(x1 - 10)} {_n(y)}L{_n(x1 + 1)} {_n(y - 6)}V{_n(y + 6)}Z"
                if arrow_left
                else ""
            )
        ),
        point_x=point_x,
        point_path=(f"M{_n(point_x)} {_n(y - 6)}l6 6-6 6-6-6Z" if point_x is not None else ""),
        value_text=entry.figure,
        value_x=anchor_x,
        value_anchor=value_anchor,
        highlight=entry.highlight,
    )


def _bar_path(
    x1: float, x2: float, y: float, entry: LineEntry, arrow_left: bool, arrow_right: bool
) -> str:
    """The interval's bar and the caps of its closed bounds; nothing for a single figure."""
    if x1 == x2 and not (arrow_left or arrow_right):
        return ""
    path = f"M{_n(x1)} {_n(y)}H{_n(x2)}"
    if not arrow_left and not entry.low_open:
        path += f"M{_n(x1)} {_n(y - 7)}v14"
    if not arrow_right and not entry.high_open:
        path += f"M{_n(x2)} {_n(y - 7)}v14"
    return path


def _shorten(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"


def _format(value: float, dates: bool) -> str:
    if dates:
        return dt.date.fromordinal(round(value)).isoformat()
    if float(value).is_integer() or abs(value) >= 100:
        return f"{round(value):,}"
    return f"{value:.3g}"


def interval_words(entry: LineEntry, fmt: Callable[[float], str]) -> str:
    """ "116 or more", "exactly 128", "16,200 to 19,800": the interval as a sentence says it."""
    low, high = entry.low, entry.high
    if low is None and high is None:
        return "any value"
    if high is None:
        return f"more than {fmt(low)}" if entry.low_open else f"{fmt(low)} or more"  # type: ignore[arg-type]
    if low is None:
        return f"less than {fmt(high)}" if entry.high_open else f"{fmt(high)} or less"
    if low == high:
        return f"exactly {fmt(low)}"
    return f"{fmt(low)} to {fmt(high)}"


def _describe(
    entries: Sequence[LineEntry], kind: str, lo: float, hi: float, dates: bool, unit: str
) -> str:
    def fmt(value: float) -> str:
        return _format(value, dates)

    sides = "; ".join(
        f"{entry.label}: {entry.figure} ({interval_words(entry, fmt)}{' ' + unit if unit else ''})"
        for entry in entries
    )
    span = f"at {fmt(lo)}" if lo == hi else f"from {fmt(lo)} to {fmt(hi)}"
    return f"Number line, {kind} scale, figures {span}. {sides}."
