"""Business-day rolling: the engine's side of the conventions. The vocabulary itself
(:class:`Counting`, :class:`Roll`, :class:`MonthEnd`, :class:`DstPolicy`,
:class:`BusinessCalendar`) is part of the record and is defined in
:mod:`ceasefire_terms.model.conventions`.

>>> from datetime import date
>>> from ceasefire_terms.model.conventions import BusinessCalendar, Roll
>>> cal = BusinessCalendar(weekend=["fri", "sat"])
>>> roll(date(2025, 1, 24), Roll.FOLLOWING, cal)   # a Friday
datetime.date(2025, 1, 26)
"""

from __future__ import annotations

from datetime import date, timedelta

from ..errors import ParseError
from ..model.conventions import BusinessCalendar, Roll

__all__ = ["roll"]

_NO_ROLL = Roll.NONE  # (read once: on Python 3.11 reading an enum member costs about 0.3 us)


def roll(day: date, rule: Roll, calendar: BusinessCalendar | None) -> date:
    """Move ``day`` to a business day by ``rule``. With ``Roll.NONE`` or no calendar the day is
    returned unchanged. Gives up (ParseError) after a year without a business day."""
    if rule is _NO_ROLL or calendar is None:
        return day
    if calendar.is_business_day(day):
        return day
    step = -1 if rule is Roll.PRECEDING else 1
    out = _step(day, step, calendar)
    if rule is Roll.MODIFIED_FOLLOWING and out.month != day.month:
        out = _step(day, -1, calendar)
    return out


def _step(day: date, step: int, calendar: BusinessCalendar) -> date:
    out = day
    for _ in range(366):
        out += timedelta(step)
        if calendar.is_business_day(out):
            return out
    raise ParseError("has no business day within a year", got=calendar.describe())
