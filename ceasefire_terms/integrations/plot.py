"""Timeline plots with matplotlib (the ``plot`` extra).

:func:`plot_timeline` draws each phase as a horizontal bar from its first instant to its last
(an open-ended phase fades out to the right edge), and every other dated event as a marker on
a row of its own kind: agreement dates, deadlines and obligations, exchange batches,
amendments. A vertical line marks ``as_of`` (today by default) with the active phase and its
day number. The x axis shows local dates in the agreement's zone, named in the axis label.

It returns the :class:`matplotlib.axes.Axes`, so callers can restyle it or draw more on it.

Limits: at most :data:`MAX_PLOT_PHASES` phase bars and :data:`MAX_PLOT_EVENTS` events
(beyond that a plot is unreadable, and ten thousand phases took minutes and gigabytes), and
dates from :data:`PLOT_FIRST_DAY` to :data:`PLOT_LAST_DAY` (the span a date axis can be padded
in); anything over raises :class:`~ceasefire_terms.errors.LimitError` naming the limit.
Artists carry ``gid`` values for programmatic checks: ``phase:<id>`` for bars,
``event:<id>`` for markers and ``as-of`` for the line.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from ..dates.arithmetic import start_of_day as day_start
from ..dates.resolve import Event, EventKind, Timeline
from ..errors import LimitError, ParseError, TimeZoneError
from ..model.agreement import Agreement
from ..model.when import get_zone
from . import require

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "MARKER_ROWS",
    "MAX_PLOT_EVENTS",
    "MAX_PLOT_PHASES",
    "MAX_PLOT_PIXELS",
    "PLOT_FIRST_DAY",
    "PLOT_LAST_DAY",
    "plot_timeline",
    "save_timeline_png",
]

MAX_PLOT_PHASES = 100
"""The most phases one plot draws (each is a row of its own)."""
MAX_PLOT_EVENTS = 2_000
"""The most events one plot draws."""
MAX_PLOT_PIXELS = 40_000_000
"""The largest PNG :func:`save_timeline_png` renders (about 160 MB of memory while drawing)."""
PLOT_FIRST_DAY, PLOT_LAST_DAY = dt.date(1000, 1, 1), dt.date(8999, 12, 31)
"""The dates a plot can show: far enough inside the calendar's ends (years 1 and 9999) for
the axis padding and matplotlib's date ticks, which overflow near them."""

MARKER_ROWS: tuple[tuple[str, tuple[EventKind, ...], str, str], ...] = (
    ("Agreement", (EventKind.AGREEMENT, EventKind.AMENDMENT), "s", "#444444"),
    ("Deadlines", (EventKind.DEADLINE, EventKind.OBLIGATION), "D", "#c0392b"),
    ("Exchanges", (EventKind.BATCH,), "o", "#1f6fb2"),
    ("Amended ends", (EventKind.AMENDED_END, EventKind.RENEWAL), "^", "#8e44ad"),
)
"""Marker rows, top to bottom: title, the event kinds on it, marker shape and colour."""

_PHASE_COLOURS = ("#7fb3d5", "#a9dfbf", "#f9e79f", "#f5b7b1", "#d7bde2", "#aed6f1")
_MAX_LABELS = 24  # a row with more markers than this is drawn without text labels


@dataclass(frozen=True)
class _Bar:
    phase: str
    name: str
    start: dt.datetime
    end: dt.datetime | None
    first_day: dt.date
    last_day: dt.date | None
    rule: str | None


def _phase_bars(t: Timeline, names: dict[str, str]) -> list[_Bar]:
    zone = get_zone(t.zone)
    bars = []
    for e in t.events:
        if e.kind is not EventKind.PHASE_START or e.phase is None:
            continue
        first = e.date + dt.timedelta(days=1) if e.end_of_day else e.date
        start = e.at if e.at is not None else day_start(first, zone)
        end_ev = t.get(f"{e.phase}.end")
        end: dt.datetime | None = None
        last: dt.date | None = None
        if end_ev is not None:
            if end_ev.at is not None:
                end = end_ev.at
                midnight = end_ev.at.timetz().replace(tzinfo=None) == dt.time(0, 0)
                last = end_ev.date - dt.timedelta(days=1) if midnight else end_ev.date
            else:
                end = day_start(end_ev.date + dt.timedelta(days=1), zone)
                last = end_ev.date
        name = names.get(e.phase) or e.label.removesuffix(" begins")
        bars.append(
            _Bar(e.phase, name, start, end, first, last, None if end_ev is None else end_ev.rule)
        )
    return bars


def _marker_instant(e: Event, zone: Any) -> dt.datetime:
    """Where a marker sits: its instant, else the middle of its local day (the end of the day
    for an end-of-day event)."""
    if e.at is not None:
        return e.at
    if e.end_of_day:
        return day_start(e.date + dt.timedelta(days=1), zone)
    return day_start(e.date, zone) + dt.timedelta(hours=12)


def _resolve_as_of(
    as_of: dt.date | dt.datetime | str | None, zone: Any
) -> tuple[dt.datetime, dt.date, str] | None:
    """The as-of instant, its local date and the word for it ('today' or 'as of')."""
    if as_of is None:
        return None
    if isinstance(as_of, str) and as_of == "today":
        now = dt.datetime.now(zone)
        return now, now.date(), "today"
    if isinstance(as_of, dt.datetime):
        if as_of.tzinfo is None:
            raise TimeZoneError(
                "must be an aware datetime or a date", path="as_of", got=as_of.isoformat()
            )
        local = as_of.astimezone(zone)
        return local, local.date(), "as of"
    if isinstance(as_of, str):
        try:
            day = dt.date.fromisoformat(as_of.strip())
        except ValueError:
            raise ParseError(
                "must be a date YYYY-MM-DD, 'today' or None", path="as_of", got=as_of
            ) from None
    elif isinstance(as_of, dt.date):
        day = as_of
    else:
        raise ParseError("must be a date YYYY-MM-DD, 'today' or None", path="as_of", got=as_of)
    _plottable(day, "as_of")
    return day_start(day, zone) + dt.timedelta(hours=12), day, "as of"


def _plottable(day: dt.date, path: str) -> None:
    if not PLOT_FIRST_DAY <= day <= PLOT_LAST_DAY:
        raise LimitError(
            f"must be a date from {PLOT_FIRST_DAY.isoformat()} to {PLOT_LAST_DAY.isoformat()} "
            "to be plotted",
            path=path,
            got=day.isoformat(),
        )


def _check_size(t: Timeline) -> None:
    """Refuse a timeline too large to plot, or dated where no axis can be drawn."""
    phases = sum(1 for e in t.events if e.kind is EventKind.PHASE_START)
    if phases > MAX_PLOT_PHASES:
        raise LimitError(
            f"must be at most {MAX_PLOT_PHASES:,} to plot (the plot size limit)",
            path="phases",
            got=phases,
        )
    if len(t.events) > MAX_PLOT_EVENTS:
        raise LimitError(
            f"must be at most {MAX_PLOT_EVENTS:,} to plot (the plot size limit)",
            path="events",
            got=len(t.events),
        )
    for e in t.events:
        _plottable(e.date, f"events.{e.id}")


def _shifted(t: dt.datetime, by: dt.timedelta) -> dt.datetime:
    """``t + by``, stopping at years 100 and 9900 (matplotlib's date ticks overflow near the
    calendar's ends)."""
    try:
        moved = t + by
    except OverflowError:
        moved = None
    if moved is not None and 100 <= moved.year < 9900:
        return moved
    edge = dt.datetime(9900, 1, 1) if by > dt.timedelta(0) else dt.datetime(100, 1, 1)
    return edge.replace(tzinfo=dt.UTC).astimezone(t.tzinfo)


_LABEL_LEVELS = (6, -14, 16, -24)  # vertical offsets (points) of marker labels, in turn
_LABEL_SIZE = 7.5


def _marker_text(e: Event, row_title: str) -> str:
    label = e.label
    if row_title == "Agreement":
        label = label.removeprefix("Agreement ")
    when = f"{e.date.day} {e.date.strftime('%b')}"
    if e.at is not None:
        when += f" {e.at.strftime('%H:%M')}"
    return f"{label} ({when})"


def _fmt_day(d: dt.date) -> str:
    return f"{d.day} {d.strftime('%b %Y')}"


def plot_timeline(
    item: Agreement | Timeline,
    *,
    as_of: dt.date | dt.datetime | str | Literal["today"] | None = "today",
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Draw the timeline of an agreement (or of a resolved :class:`Timeline`).

    ``as_of`` draws a vertical line on that date (``"YYYY-MM-DD"``, a date, or an aware
    datetime) labelled with the active phase and its day number; the default ``"today"`` draws
    it only when today falls within the plotted span, and ``None`` draws none. ``ax`` draws on
    existing axes (otherwise a new figure is made with :mod:`matplotlib.pyplot`).
    """
    mdates: Any = require("matplotlib.dates", "plot")

    t = item.timeline() if isinstance(item, Agreement) else item
    _check_size(t)
    zone = get_zone(t.zone)
    names = {p.id: p.name or p.id for p in item.phases} if isinstance(item, Agreement) else {}
    heading = title or (item.title if isinstance(item, Agreement) else t.agreement)

    bars = _phase_bars(t, names)
    rows: list[tuple[str, list[Event], str, str]] = []
    for row_title, kinds, marker, colour in MARKER_ROWS:
        evs = [e for e in t.events if e.kind in kinds]
        if evs:
            rows.append((row_title, evs, marker, colour))

    instants = [b.start for b in bars] + [b.end for b in bars if b.end is not None]
    instants += [_marker_instant(e, zone) for _, evs, _, _ in rows for e in evs]
    if not instants:
        instants = [day_start(e.date, zone) for e in t.events]
    mark = _resolve_as_of(as_of, zone)
    explicit = mark is not None and mark[2] == "as of"
    if explicit and mark is not None:
        instants.append(mark[0])
    if not instants:
        raise ParseError("must have at least one dated event to plot", path="timeline", got=0)
    lo, hi = min(instants), max(instants)
    pad = max((hi - lo) * 0.04, dt.timedelta(days=1))
    x0, x1 = _shifted(lo, -pad), _shifted(hi, pad * 3)
    for b in bars:  # leave an open-ended phase room to show and to say so
        if b.end is None:
            x1 = max(x1, _shifted(b.start, (hi - lo) * 0.25 + pad))

    if ax is None:
        import matplotlib.pyplot as plt

        n_rows = len(bars) + len(rows)
        _, ax = plt.subplots(figsize=(11, 1.6 + 0.75 * max(n_rows, 1)), layout="constrained")
    assert ax is not None

    num = mdates.date2num
    labels: list[str] = []
    y = 0
    ax.set_xlim(num(x0), num(x1))
    for i, b in enumerate(bars):
        colour = _PHASE_COLOURS[i % len(_PHASE_COLOURS)]
        end = b.end if b.end is not None else x1
        (rect,) = ax.barh(
            y,
            num(end) - num(b.start),
            left=num(b.start),
            height=0.55,
            color=colour,
            edgecolor="#333333" if b.end is not None else colour,
            alpha=1.0 if b.end is not None else 0.45,
            hatch=None if b.end is not None else "//",
        )
        rect.set_gid(f"phase:{b.phase}")
        if b.last_day is not None:
            days = (b.last_day - b.first_day).days + 1
            text = f"{_fmt_day(b.first_day)} – {_fmt_day(b.last_day)} ({days} days)"
        else:
            text = f"from {_fmt_day(b.first_day)}; end not stated"
        if b.end is not None:
            mid = b.start + (end - b.start) / 2
            ax.text(num(mid), y, text, ha="center", va="center", fontsize=8.5, clip_on=True)
        else:
            ax.text(num(b.start), y, f"  {text}", ha="left", va="center", fontsize=8.5)
        labels.append(b.name)
        y += 1
    # width of the axes in points, to keep marker labels from overprinting each other
    fig_width_pt = ax.get_figure().get_size_inches()[0] * 72  # type: ignore[union-attr]
    per_pt = (num(x1) - num(x0)) / (fig_width_pt * ax.get_position().width * 0.9)
    for row_title, evs, shape, colour in rows:
        level_end: list[float] = [-float("inf")] * len(_LABEL_LEVELS)
        for e in evs:
            x = num(_marker_instant(e, zone))
            (pt,) = ax.plot([x], [y], marker=shape, color=colour, markersize=7, linestyle="")
            pt.set_gid(f"event:{e.id}")
            if len(evs) > _MAX_LABELS:
                continue
            text = _marker_text(e, row_title)
            width = (len(text) * _LABEL_SIZE * 0.55 + 8) * per_pt
            level = next((k for k, end in enumerate(level_end) if end < x), None)
            if level is None:  # no free level: reuse the one that frees up first
                level = min(range(len(level_end)), key=level_end.__getitem__)
            level_end[level] = x + width
            ax.annotate(
                text,
                (x, y),
                xytext=(4, _LABEL_LEVELS[level]),
                textcoords="offset points",
                fontsize=_LABEL_SIZE,
                color="#222222",
                clip_on=True,
            )
        labels.append(row_title)
        y += 1

    ax.set_yticks(range(len(labels)), labels=labels)
    ax.set_ylim(len(labels) - 0.4, -0.7)
    ax.xaxis_date(tz=zone)
    locator = mdates.AutoDateLocator(tz=zone, maxticks=12)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, tz=zone))
    ax.set_xlabel(f"local date in {t.zone}")
    ax.grid(axis="x", color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)
    subtitle = f"{t.agreement}, times in {t.zone}" + ("" if t.amended else ", original terms")

    if mark is not None:
        when, day, word = mark
        if explicit or x0 <= when <= x1:
            line = ax.axvline(num(when), color="#d62728", linestyle="--", linewidth=1.4)
            line.set_gid("as-of")
            line.set_label(f"{word} {day.isoformat()}")
            status = t.status_on(day)
            active = "; ".join(
                f"{a.name or a.phase}, day {a.day}"
                + ("" if a.days_left is None else f" ({a.days_left} left)")
                for a in status.active
            )
            ax.annotate(
                f"{word} {_fmt_day(day)}" + (f": {active}" if active else ""),
                (num(when), 0),
                xycoords=("data", "axes fraction"),
                xytext=(4, 4),
                textcoords="offset points",
                fontsize=8.5,
                color="#d62728",
                fontweight="bold",
            )
        else:
            side = "after" if when > x1 else "before"
            subtitle += f"; today ({day.isoformat()}) is {side} the plotted span"
    ax.set_title(f"{heading}\n{subtitle}", fontsize=11, loc="left")
    return ax


def save_timeline_png(
    item: Agreement | Timeline,
    path: Any,
    *,
    as_of: dt.date | dt.datetime | str | Literal["today"] | None = "today",
    dpi: int = 120,
) -> None:
    """Render the timeline with the non-interactive Agg canvas and write a PNG to ``path``
    (a file name, replaced atomically as :func:`ceasefire_terms.pipeline.atomic.atomic_writer`
    does, or an open binary file). Uses no pyplot state, so it is safe in scripts, servers
    and the command line."""
    require("matplotlib", "plot")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    t = item.timeline() if isinstance(item, Agreement) else item
    _check_size(t)
    rows = {e.phase for e in t.events if e.kind is EventKind.PHASE_START}
    kinds = {e.kind for e in t.events}
    n_rows = len(rows) + sum(1 for _, ks, _, _ in MARKER_ROWS if kinds & set(ks))
    size = (11, 1.6 + 0.75 * max(n_rows, 1))
    pixels = int(size[0] * dpi) * int(size[1] * dpi)
    if pixels > MAX_PLOT_PIXELS:
        raise LimitError(
            f"must give an image of at most {MAX_PLOT_PIXELS:,} pixels (the plot size limit; "
            f"{n_rows} rows at this resolution make {pixels:,}); use a lower dpi",
            path="dpi",
            got=dpi,
        )
    fig = Figure(figsize=size, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    plot_timeline(item, as_of=as_of, ax=ax)
    if isinstance(path, (str, os.PathLike)):  # a file name: replaced only when complete
        from ..pipeline.atomic import atomic_writer

        with atomic_writer(os.fspath(path), "wb") as f:
            fig.savefig(f, dpi=dpi, format="png")
    else:  # an open binary file
        fig.savefig(path, dpi=dpi, format="png")
