"""The vocabulary of day-counting conventions and business-day rules. It is part of the record:
a phase, rule or deadline states which convention counts its days, and every computed date
says which one produced it; none is assumed. The date engine (:mod:`ceasefire_terms.dates`)
applies them; this module only names them.

Counting conventions (see docs/conventions.md for the published rules behind them):

``ordinal``
    Day 1 is the start day. A period of N days covers days 1..N and ends at the end of day N:
    a 42-day phase starting 19 Jan 2025 ends at the end of 1 Mar 2025.
``elapsed``
    Exact time: the start instant + N x 24 h (or the stated hours). 60 days from 27 Nov 2024
    04:00 is 26 Jan 2025 04:00.
``following``
    The day of the trigger is not counted; the period ends at the end of start day + N days
    (EU Regulation 1182/71 art. 3, US FRCP 6(a)). 120 days from 22 Jul 2022 ends 19 Nov 2022.
``wall_clock``
    Calendar days (or months) from an instant, keeping the local wall-clock time: 3 days from
    27 Mar 2025 11:15 Asia/Jerusalem is 30 Mar 11:15, although DST began in between (72 h
    ``elapsed`` would be 12:15).

>>> cal = BusinessCalendar(weekend=["fri", "sat"])
>>> from datetime import date
>>> cal.is_business_day(date(2025, 1, 24))   # a Friday
False
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from functools import cached_property
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..errors import ParseError

__all__ = [
    "BusinessCalendar",
    "Counting",
    "DstPolicy",
    "MonthEnd",
    "Roll",
]


class Counting(StrEnum):
    """How the days of a period are counted (see the module docs)."""

    ORDINAL = "ordinal"
    ELAPSED = "elapsed"
    FOLLOWING = "following"
    WALL_CLOCK = "wall_clock"


class Roll(StrEnum):
    """What happens to a last day that is not a business day (ISDA names)."""

    NONE = "none"
    FOLLOWING = "following"
    PRECEDING = "preceding"
    MODIFIED_FOLLOWING = "modified_following"


class MonthEnd(StrEnum):
    """What adding months does when the day does not exist in the target month
    (31 Jan + 1 month). ``clip`` gives the month's last day (European Convention on the
    Calculation of Time-Limits, EU 1182/71); ``next_day`` gives the first day of the following
    month; ``raise`` refuses. If none is stated, the library raises rather than guess."""

    CLIP = "clip"
    NEXT_DAY = "next_day"
    RAISE = "raise"


class DstPolicy(StrEnum):
    """What to do with a local time that a DST change skips (a gap) or repeats (an overlap).
    ``raise`` (the default) refuses; ``earlier``/``later`` pick the earlier or later reading
    (for a gap: the instant computed with the offset before or after the change)."""

    RAISE = "raise"
    EARLIER = "earlier"
    LATER = "later"


_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


class BusinessCalendar(BaseModel):
    """Which days are business days: not a weekend day, not a public holiday.

    ``weekend`` takes three-letter day names (``["fri", "sat"]`` in Israel, ``["sat", "sun"]``
    in most of Europe). ``country`` (and ``subdivision``) pick public holidays from the
    ``holidays`` package; ``extra_holidays`` adds dates, ``extra_business_days`` removes them.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    weekend: tuple[str, ...] = Field(min_length=0, max_length=6)
    country: str | None = None
    subdivision: str | None = None
    extra_holidays: tuple[date, ...] = ()
    extra_business_days: tuple[date, ...] = ()

    @field_validator("weekend", mode="before")
    @classmethod
    def _days(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [v.strip() for v in value.replace("-", ",").split(",")]
        out = []
        for v in value:
            key = str(v).strip().lower()[:3]
            if key not in _WEEKDAYS:
                raise ParseError("must list weekday names such as 'fri', 'sat', 'sun'", got=v)
            out.append(key)
        return tuple(out)

    @field_validator("country")
    @classmethod
    def _country(cls, value: str | None) -> str | None:
        if value is None:
            return None
        holidays = _holidays_package()
        if value.upper() not in holidays.list_supported_countries():
            raise ParseError(
                "must be a country code known to the 'holidays' package, such as 'IL'",
                got=value,
            )
        return value.upper()

    @cached_property
    def _weekend_numbers(self) -> frozenset[int]:
        return frozenset(_WEEKDAYS[d] for d in self.weekend)

    @cached_property
    def _holidays(self) -> Any:
        if self.country is None:
            return None
        return _holidays_package().country_holidays(self.country, subdiv=self.subdivision)

    def is_holiday(self, day: date) -> bool:
        if day in self.extra_holidays:
            return True
        return self._holidays is not None and day in self._holidays

    def is_business_day(self, day: date) -> bool:
        if day in self.extra_business_days:
            return True
        return day.weekday() not in self._weekend_numbers and not self.is_holiday(day)

    def describe(self) -> str:
        parts = [f"weekend {'-'.join(self.weekend) or 'none'}"]
        if self.country:
            parts.append(
                f"holidays of {self.country}{'-' + self.subdivision if self.subdivision else ''}"
            )
        return ", ".join(parts)


def _holidays_package() -> Any:
    """The ``holidays`` package, an optional extra: only a calendar that names a country's
    public holidays needs it."""
    try:
        import holidays
    except ModuleNotFoundError:
        raise ParseError(
            "needs the optional 'holidays' package for a country's public holidays: "
            "pip install 'ceasefire-terms[holidays]' (or list the days in 'extra_holidays')",
            path="country",
        ) from None
    return holidays
