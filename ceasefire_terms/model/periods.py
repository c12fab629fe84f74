"""Calendar periods and exact durations: two types that are never silently converted.

A :class:`Period` counts calendar units (days, weeks, months, years): its length in seconds
depends on where it is laid down (a month is 28 to 31 days; a day across a DST change is 23
or 25 hours). A :class:`Duration` is exact elapsed time (hours, minutes, seconds). "72 hours"
is a Duration; "3 days" is a Period; the two never compare equal and are not interchangeable.

>>> parse_period("42 days")
Period(days=42)
>>> parse_period("a 42-day first phase")
Traceback (most recent call last):
...
ceasefire_terms.errors.ParseError: must be a period or duration such as '42 days', \
'6 weeks', '72 hours' or 'P42D' (got 'a 42-day first phase')
>>> parse_period("42-day")
Period(days=42)
>>> parse_period("PT72H")
Duration(hours=72)
>>> str(parse_period("P1Y2M10D"))
'1 year 2 months 10 days'
"""

from __future__ import annotations

import re
from datetime import timedelta
from functools import lru_cache
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer

from ..errors import ParseError

__all__ = ["Duration", "Period", "PeriodLike", "parse_period"]

_EXPECTED = "must be a period or duration such as '42 days', '6 weeks', '72 hours' or 'P42D'"

_UNIT_WORDS: dict[str, str] = {
    "d": "days",
    "day": "days",
    "days": "days",
    "w": "weeks",
    "wk": "weeks",
    "week": "weeks",
    "weeks": "weeks",
    "m": "months",
    "mo": "months",
    "month": "months",
    "months": "months",
    "y": "years",
    "yr": "years",
    "year": "years",
    "years": "years",
    "h": "hours",
    "hr": "hours",
    "hrs": "hours",
    "hour": "hours",
    "hours": "hours",
    "min": "minutes",
    "mins": "minutes",
    "minute": "minutes",
    "minutes": "minutes",
    "s": "seconds",
    "sec": "seconds",
    "secs": "seconds",
    "second": "seconds",
    "seconds": "seconds",
}
_CALENDAR_UNITS = ("years", "months", "weeks", "days")
_EXACT_UNITS = ("hours", "minutes", "seconds")

_PART = re.compile(r"([+-]?\d+)\s*-?\s*([a-z]+)")
_WHOLE = re.compile(r"^\s*(?:[+-]?\d+\s*-?\s*[a-z]+\s*(?:,|and)?\s*)+$")
_ISO = re.compile(
    r"^(?P<sign>[+-])?P(?!$)(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<weeks>\d+)W)?"
    r"(?:(?P<days>\d+)D)?(?:T(?=\d)(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?"
    r"(?:(?P<seconds>\d+)S)?)?$"
)


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit[:-1] if abs(n) == 1 else unit}"


class Period(BaseModel):
    """A calendar period: whole years, months, weeks and days. Negative means 'before'.
    Each part is bounded to about a thousand years, which no agreement term approaches.

    Periods add component-wise; they are not reduced (``Period(weeks=1) != Period(days=7)``
    is deliberate: "1 week" and "7 days" are the same length, so :meth:`total_days` agrees,
    but they were stated differently and are kept so).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    years: int = Field(default=0, ge=-1000, le=1000)
    months: int = Field(default=0, ge=-12_000, le=12_000)
    weeks: int = Field(default=0, ge=-52_200, le=52_200)
    days: int = Field(default=0, ge=-366_000, le=366_000)

    def __repr__(self) -> str:
        parts = [f"{u}={getattr(self, u)}" for u in _CALENDAR_UNITS if getattr(self, u)]
        return f"Period({', '.join(parts) or 'days=0'})"

    def __str__(self) -> str:
        # (the units written out rather than looked up by name: every trace of a count
        # writes its period)
        y, m, w, d = self.years, self.months, self.weeks, self.days
        if not (y or m or w):
            return _plural(d, "days") if d else "0 days"
        pairs = ((y, "years"), (m, "months"), (w, "weeks"), (d, "days"))
        return " ".join([_plural(n, unit) for n, unit in pairs if n])

    @property
    def has_months(self) -> bool:
        """True when the period has a month or year part (its length in days varies)."""
        return bool(self.years or self.months)

    def total_days(self) -> int:
        """Days in a period of weeks and days; refused for months and years, whose length
        depends on the start date."""
        if self.has_months:
            raise ParseError(
                "has no fixed number of days because it counts months or years",
                got=str(self),
                hint="compute it from a start date instead",
            )
        return self.weeks * 7 + self.days

    def is_zero(self) -> bool:
        return not any(getattr(self, u) for u in _CALENDAR_UNITS)

    def is_positive(self) -> bool:
        values = [getattr(self, u) for u in _CALENDAR_UNITS]
        return any(v > 0 for v in values) and all(v >= 0 for v in values)

    def __neg__(self) -> Period:
        return Period(years=-self.years, months=-self.months, weeks=-self.weeks, days=-self.days)

    def __add__(self, other: object) -> Period:
        if not isinstance(other, Period):
            return NotImplemented
        return Period(
            years=self.years + other.years,
            months=self.months + other.months,
            weeks=self.weeks + other.weeks,
            days=self.days + other.days,
        )

    def __mul__(self, k: int) -> Period:
        return Period(
            years=self.years * k, months=self.months * k, weeks=self.weeks * k, days=self.days * k
        )

    def iso(self) -> str:
        """ISO 8601 form, e.g. ``P42D``."""
        sign = (
            "-"
            if all(getattr(self, u) <= 0 for u in _CALENDAR_UNITS) and not self.is_zero()
            else ""
        )
        a = self if not sign else -self
        body = "".join(f"{getattr(a, u)}{u[0].upper()}" for u in _CALENDAR_UNITS if getattr(a, u))
        return f"{sign}P{body or '0D'}"


class Duration(BaseModel):
    """An exact duration: hours, minutes and seconds of elapsed time. Negative means 'before'."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    hours: int = Field(default=0, ge=-8_784_000, le=8_784_000)
    minutes: int = Field(default=0, ge=-527_040_000, le=527_040_000)
    seconds: int = Field(default=0, ge=-31_622_400_000, le=31_622_400_000)

    def __repr__(self) -> str:
        parts = [f"{u}={getattr(self, u)}" for u in _EXACT_UNITS if getattr(self, u)]
        return f"Duration({', '.join(parts) or 'hours=0'})"

    def __str__(self) -> str:
        h, m, s = self.hours, self.minutes, self.seconds
        if not (m or s):
            return _plural(h, "hours") if h else "0 hours"
        pairs = ((h, "hours"), (m, "minutes"), (s, "seconds"))
        return " ".join([_plural(n, unit) for n, unit in pairs if n])

    def to_timedelta(self) -> timedelta:
        # (one positional argument: keyword arguments cost more than the arithmetic)
        return timedelta(0, self.hours * 3600 + self.minutes * 60 + self.seconds)

    def is_positive(self) -> bool:
        return self.to_timedelta() > timedelta(0)

    def __neg__(self) -> Duration:
        return Duration(hours=-self.hours, minutes=-self.minutes, seconds=-self.seconds)

    def iso(self) -> str:
        total = int(self.to_timedelta().total_seconds())
        sign = "-" if total < 0 else ""
        a = self if not sign else -self
        body = "".join(f"{getattr(a, u)}{u[0].upper()}" for u in _EXACT_UNITS if getattr(a, u))
        return f"{sign}PT{body or '0H'}"


def _build(values: dict[str, int], text: object) -> Period | Duration:
    cal = {u: values[u] for u in _CALENDAR_UNITS if u in values}
    exact = {u: values[u] for u in _EXACT_UNITS if u in values}
    if cal and exact:
        raise ParseError(
            "must be either a calendar period (days, weeks, months, years) or an exact "
            "duration (hours, minutes, seconds), not a mix",
            got=text,
            hint="a day is not always 24 hours; state the two parts separately",
        )
    if exact:
        return Duration(**exact)
    return Period(**cal)


def parse_period(text: str) -> Period | Duration:
    """Read a period or duration (see :func:`_parse_period`); results are cached, which is
    safe because periods are immutable."""
    if not isinstance(text, str):
        raise ParseError(_EXPECTED, got=text)
    return _parse_period_cached(text)


@lru_cache(maxsize=4096)
def _parse_period_cached(text: str) -> Period | Duration:
    return _parse_period(text)


def _parse_period(text: str) -> Period | Duration:
    """Read "42 days", "42-day", "six weeks" is not accepted (digits only here; the extraction
    module reads number words), "72 hours", "1 month 2 days", "P42D", "PT72H", "-3 days"."""
    if not isinstance(text, str):
        raise ParseError(_EXPECTED, got=text)
    s = text.strip()
    m = _ISO.match(s.upper()) if s.upper().lstrip("+-").startswith("P") else None
    if m:
        iso = {k: int(v) for k, v in m.groupdict().items() if k != "sign" and v is not None}
        result = _build(iso, text)
        return -result if m.group("sign") == "-" else result
    low = s.lower()
    if not low or not _WHOLE.match(low):
        raise ParseError(_EXPECTED, got=text)
    values: dict[str, int] = {}
    for num, word in _PART.findall(low):
        unit = _UNIT_WORDS.get(word)
        if unit is None:
            raise ParseError(_EXPECTED, got=text, hint=f"unknown unit {word!r}")
        values[unit] = values.get(unit, 0) + int(num)
    return _build(values, text)


def _coerce(value: Any) -> Any:
    if isinstance(value, str):
        return parse_period(value)
    if isinstance(value, dict) and value:
        keys = set(value)
        if keys <= set(_EXACT_UNITS):
            return Duration(**value)
        if keys <= set(_CALENDAR_UNITS):
            return Period(**value)
    if isinstance(value, (Period, Duration)):
        return value
    raise ParseError(_EXPECTED, got=value)


def _serialise(value: Period | Duration) -> str:
    return str(value)


PeriodLike = Annotated[
    Period | Duration,
    BeforeValidator(_coerce),
    PlainSerializer(_serialise, return_type=str, when_used="json"),
]
"""A field type accepting "42 days", "72 hours", "P42D", a dict of units, or the objects.
In JSON it is written back as readable text ("42 days"), which parses to the same value."""
