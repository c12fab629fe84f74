"""What extraction returns: :class:`Mention`, one figure or name tied to its exact words.

A mention is a frozen value. ``text[m.start:m.end] == m.text`` always holds for the string it
was extracted from. ``value`` has the core type of its kind:

=================  ==========================================================================
kind               value
=================  ==========================================================================
``duration``       :class:`~ceasefire_terms.model.periods.Period` (days, weeks, months, years),
                   :class:`~ceasefire_terms.model.periods.Duration` (hours, minutes, seconds),
                   :class:`DaysAndClock` when the words state both ("1.5 days"),
                   :class:`FractionalMonths` for a part of a month ("three and a half
                   months"); a :class:`~ceasefire_terms.model.quantity.Bounds` of those when
                   the words state no single length ("10 to 15 minutes", "several days")
``quantity``       :class:`~ceasefire_terms.model.quantity.Quantity` (hedge, range, group noun)
``date``           :class:`datetime.date` when resolved, else ``None`` (see ``partial``)
``time``           :class:`datetime.time`; ``zone`` says which clock ("local", "GMT", ...)
``day_reference``  ``int``: the ordinal day ("day 16" -> 16); ``anchor`` names what it counts
``party``          ``str``: the canonical actor name; ``role`` is "party" or "mediator"
=================  ==========================================================================

>>> from ceasefire_terms.model.periods import Period
>>> m = Mention(kind=MentionKind.DURATION, text="42-day phase", start=4, end=16,
...             value=Period(days=42), noun="phase")
>>> m.canonical()
'P42D'
>>> m.to_dict()["value"]
'42 days'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ..model.periods import Duration, Period
from ..model.quantity import Bounds, Number, Quantity, QuantityKind, bounds_of, hedges

__all__ = [
    "DatePrecision",
    "DaysAndClock",
    "DurationValue",
    "FractionalMonths",
    "Mention",
    "MentionKind",
    "PartialDate",
    "duration_bound_kind",
]


class MentionKind(StrEnum):
    DURATION = "duration"
    QUANTITY = "quantity"
    DATE = "date"
    TIME = "time"
    DAY_REFERENCE = "day_reference"
    PARTY = "party"


class DatePrecision(StrEnum):
    """How much of a date the words state. A week, month or year mention's ``value`` is the
    first day of that week (Monday), month or year; ``precision`` says so, and nothing finer
    is implied."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class PartialDate:
    """The parts of a date that the words state, kept when the date cannot be resolved
    (e.g. "January 19" with no publication date): ``year`` is then ``None``."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # Monday = 0
    relative: str | None = None  # "last week", "yesterday", "next Monday"

    def __str__(self) -> str:
        if self.relative:
            return self.relative
        if self.weekday is not None:
            return _WEEKDAYS[self.weekday]
        y = "XXXX" if self.year is None else f"{self.year:04d}"
        m = "XX" if self.month is None else f"{self.month:02d}"
        if self.day is None:
            return f"{y}-{m}"
        return f"{y}-{m}-{self.day:02d}"


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True, slots=True)
class DaysAndClock:
    """A length stated in calendar units and clock time at once: "1.5 days" (1 day and 12
    hours), "a week and a half" (10 days and 12 hours), "1 day and 6 hours". The two parts
    are kept apart, never converted into each other (a calendar day is not always 24 hours;
    see :mod:`ceasefire_terms.model.periods`); laying the length down is left to whoever
    knows where it starts.

    >>> DaysAndClock(Period(days=10), Duration(hours=12)).iso()
    'P10DT12H'
    """

    period: Period
    clock: Duration

    def iso(self) -> str:
        return self.period.iso() + self.clock.iso()[1:]

    def __str__(self) -> str:
        return f"{self.period} {self.clock}"


@dataclass(frozen=True, slots=True)
class FractionalMonths:
    """A length that ends in a part of a month: "three and a half months", "1.5 months",
    "half a month", "a month and a half". A month has 28 to 31 days, so half of one is not a
    number of days until it is laid down from a start date: the part is kept as a fraction of
    a month, never turned into days. ISO 8601 allows a decimal fraction on the last component
    of a duration, and :meth:`iso` writes it so.

    >>> FractionalMonths(Period(months=3), 0.5).iso()
    'P3.5M'
    >>> str(FractionalMonths(Period(years=1), 0.5))
    '1 year 0.5 months'
    """

    period: Period  # the whole years and months
    fraction: float  # of one month, 0 < fraction < 1

    @property
    def months(self) -> float:
        """The months part with its fraction (3.5 for "three and a half months")."""
        return round(self.period.months + self.fraction, 9)

    def iso(self) -> str:
        years = f"{self.period.years}Y" if self.period.years else ""
        return f"P{years}{_num(self.months)}M"

    def __str__(self) -> str:
        years = self.period.years
        head = f"{years} year{'' if years == 1 else 's'} " if years else ""
        return f"{head}{_num(self.months)} months"


DurationValue = Period | Duration | DaysAndClock | FractionalMonths
"""A single length as the words state it."""

MentionValue = (
    Quantity | DurationValue | Bounds[DurationValue] | dt.date | dt.time | int | str | None
)

#: Duration hedges that are not in ``data/hedges.yaml`` (which serves quantities too):
#: "within 3 days" states at most three days; "20+ years" at least twenty; "an hour or so"
#: is approximate, as "20 or so" is for counts.
_DURATION_HEDGES = {
    "within": QuantityKind.AT_MOST,
    "+": QuantityKind.AT_LEAST,
    "or so": QuantityKind.APPROXIMATE,
}


def duration_bound_kind(hedge: str | None) -> QuantityKind:
    """Which ends a single length with ``hedge`` states: "up to" (at most), "more than",
    "within" (at most), "about" (approximate: the length at both ends); the same kinds as
    quantities (``data/hedges.yaml``)."""
    if hedge is None:
        return QuantityKind.EXACT
    key = " ".join(hedge.lower().split())
    found = hedges().get(key)
    if found is not None:
        return found.kind
    return _DURATION_HEDGES.get(key, QuantityKind.EXACT)


@dataclass(frozen=True, slots=True)
class Mention:
    """One extracted figure or name.

    ``hedge`` holds the qualifying words as written, lower-cased: a quantity's hedge
    ("approximately", "more than", "between"), a duration's bound ("up to", "within"), or a
    date's or day reference's relation ("by", "no later than", "before", "from"). Plain "on",
    "in" and "at" carry no meaning beyond the date and are not part of the span.
    """

    kind: MentionKind
    text: str
    start: int
    end: int
    value: MentionValue
    hedge: str | None = None
    noun: str | None = None
    per: str | None = None  # a rate's unit: "600 trucks a day" -> "day"
    precision: DatePrecision | None = None
    resolved: bool = True
    basis: str | None = None  # how a date was resolved, or why it was not
    partial: PartialDate | None = None
    zone: str | None = None
    anchor: str | None = None  # what a day reference counts from: "the first phase"
    role: str | None = None  # party or mediator
    notes: tuple[str, ...] = field(default=())

    def canonical(self) -> str:
        """A short, stable string for the value, used by the evaluation corpus.

        >>> Mention(kind=MentionKind.DAY_REFERENCE, text="day 16", start=0, end=6,
        ...         value=16).canonical()
        'day 16'
        """
        v = self.value
        if self.kind is MentionKind.QUANTITY and isinstance(v, Quantity):
            if v.kind is QuantityKind.RANGE:
                body = f"range {_num(v.low)}-{_num(v.high)}"
            else:
                body = f"{v.kind.value} {_num(v.value)}"
            return f"{body} per {self.per}" if self.per else body
        if self.kind is MentionKind.DURATION:
            if isinstance(v, Bounds):
                return _bounds_canonical(v)
            if isinstance(v, (Period, Duration, DaysAndClock, FractionalMonths)):
                return v.iso()
        if self.kind is MentionKind.DATE:
            if isinstance(v, dt.date):
                p = self.precision or DatePrecision.DAY
                if p is DatePrecision.DAY:
                    return v.isoformat()
                if p is DatePrecision.WEEK:
                    return f"week {v.isoformat()}"
                if p is DatePrecision.MONTH:
                    return v.isoformat()[:7]
                return f"{v.year:04d}"
            return f"unresolved {self.partial}"
        if self.kind is MentionKind.TIME and isinstance(v, dt.time):
            t = v.strftime("%H:%M")
            return f"{t} {self.zone}" if self.zone else t
        if self.kind is MentionKind.DAY_REFERENCE:
            return f"day {v}"
        if self.kind is MentionKind.PARTY:
            return f"{self.role}:{v}"
        return str(v)

    def bounds(self) -> Bounds[Number] | Bounds[DurationValue] | None:
        """The ends of what a quantity or duration states (None for other kinds), as
        :class:`~ceasefire_terms.model.quantity.Bounds`: a quantity's as
        :meth:`Quantity.bounds`; a duration's from its hedge ("at least 3 days": a closed lower
        end, no upper end; "within 48 hours": a closed upper end) or, when the words state no
        single length, the value itself ("10 to 15 minutes", "several days").

        >>> from ceasefire_terms.extraction import extract
        >>> extract("no more than 48 hours")[0].bounds()
        Bounds(low=None, high=Duration(hours=48), low_closed=False, high_closed=True)
        """
        v = self.value
        if self.kind is MentionKind.QUANTITY and isinstance(v, Quantity):
            return v.bounds()
        if self.kind is not MentionKind.DURATION:
            return None
        if isinstance(v, Bounds):
            return v
        if isinstance(v, (Period, Duration, DaysAndClock, FractionalMonths)):
            return bounds_of(duration_bound_kind(self.hedge), v)
        return None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly view: values as readable strings, empty fields left out."""
        out: dict[str, Any] = {
            "kind": self.kind.value,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": _jsonable(self.value),
            "canonical": self.canonical(),
        }
        for name in ("hedge", "noun", "per", "basis", "zone", "anchor", "role"):
            val = getattr(self, name)
            if val is not None:
                out[name] = val
        if self.precision is not None:
            out["precision"] = self.precision.value
        if not self.resolved:
            out["resolved"] = False
        if self.partial is not None and not self.resolved:
            out["partial"] = str(self.partial)
        if self.kind is MentionKind.DURATION:
            b = self.bounds()
            if b is not None and not (b.low == b.high and b.low_closed and b.high_closed):
                out["bounds"] = {
                    "low": None if b.low is None else b.low.iso(),  # type: ignore[union-attr]
                    "high": None if b.high is None else b.high.iso(),  # type: ignore[union-attr]
                    "low_closed": b.low_closed,
                    "high_closed": b.high_closed,
                }
        if self.notes:
            out["notes"] = list(self.notes)
        return out


def _num(x: int | float | None) -> str:
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def _bounds_canonical(b: Bounds[DurationValue]) -> str:
    """ "range P2D/P3D" (the ends' open or closed state is in :meth:`Mention.bounds`, as for
    quantities), "at_least P2D", "more_than P1Y", "at_most P6M", "fewer_than PT48H"."""
    if b.low is not None and b.high is not None:
        return f"range {b.low.iso()}/{b.high.iso()}"
    if b.low is not None:
        return f"{'at_least' if b.low_closed else 'more_than'} {b.low.iso()}"
    if b.high is not None:
        return f"{'at_most' if b.high_closed else 'fewer_than'} {b.high.iso()}"
    return "range"


def _bounds_text(b: Bounds[DurationValue]) -> str:
    """Interval notation: "[10 minutes, 15 minutes]", "[2 days, ∞)", "[0, 6 months]"."""
    low = "0" if b.low is None else str(b.low)
    high = "∞" if b.high is None else str(b.high)
    left = "[" if b.low_closed or b.low is None else "("
    right = "]" if b.high_closed and b.high is not None else ")"
    return f"{left}{low}, {high}{right}"


def _jsonable(v: MentionValue) -> Any:
    if v is None or isinstance(v, (int, str)):
        return v
    if isinstance(v, Bounds):
        return _bounds_text(v)
    if isinstance(v, (dt.date, dt.time)):
        return v.isoformat()
    return str(v)
