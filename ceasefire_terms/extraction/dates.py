"""Resolving the dates news text states only in part, against the publication date.

A reporter writes "January 19", "on Monday" or "last week" and relies on the reader knowing
when the article appeared. These functions state the rule used for each form in the result's
``basis`` so a reviewer can check it:

* month and day without a year: the year that puts the date nearest the publication date
  (on the side the tense or relation shows, when it shows one: "since August");
* a bare weekday ("on Monday"): when the sentence shows the tense ("said on Sunday", "will
  meet on Tuesday") or the relation does ("since Friday"), the nearest such day on that side
  of the publication date, the day itself included (news uses the day's name for "today");
  otherwise the nearest such day, up to three days either side;
* "last Monday" / "next Monday" / "this coming Monday": strictly before / strictly after;
* "last week" / "next week": the Monday of that week, with week precision.

Weekday arithmetic uses :mod:`dateutil.relativedelta`.

>>> import datetime as dt
>>> pub = dt.date(2025, 2, 3)  # a Monday
>>> resolve_month_day(1, 19, None, pub)
(datetime.date(2025, 1, 19), 'year 2025 from the publication date 2025-02-03')
>>> resolve_weekday(1, None, pub)[0]  # Tuesday
datetime.date(2025, 2, 4)
>>> resolve_weekday(3, None, pub, "past")[0]  # "gathered on Thursday"
datetime.date(2025, 1, 30)
>>> resolve_weekday(0, "this coming", pub)[0]
datetime.date(2025, 2, 10)
>>> resolve_relative("last week", pub)[0]
datetime.date(2025, 1, 27)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from dateutil.relativedelta import relativedelta, weekday

from .mentions import DatePrecision

__all__ = [
    "MONTHS",
    "WEEKDAYS",
    "resolve_month",
    "resolve_month_day",
    "resolve_relative",
    "resolve_weekday",
    "safe_date",
]

MONTHS: dict[str, int] = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
    "August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9,
    "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3, "Friday": 4, "Saturday": 5,
    "Sunday": 6,
}  # fmt: skip
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """``datetime.date`` or ``None`` when the parts do not make a real date."""
    if not (1 <= year <= 9999):
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


Direction = str | None  # "past", "future" or None (unknown)


def _pick(candidates: list[dt.date], published: dt.date, direction: Direction) -> dt.date | None:
    if direction == "past":
        side = [d for d in candidates if d <= published]
        return max(side) if side else None
    if direction == "future":
        side = [d for d in candidates if d >= published]
        return min(side) if side else None
    return min(candidates, key=lambda d: abs(d - published)) if candidates else None


def _resolve_month_day(
    month: int,
    day: int,
    year: int | None,
    published: dt.date | None,
    direction: Direction = None,
    *,
    weekday: int | None = None,
) -> tuple[dt.date | None, str]:
    """The date of "<month> <day> [<year>]"; without a year, the year nearest ``published``
    (among the years where the date falls on ``weekday``, when one is stated)."""
    if year is not None:
        return safe_date(year, month, day), "stated in full"
    if published is None:
        return None, "no year stated and no publication date given"
    years = (published.year - 1, published.year, published.year + 1)
    candidates = [d for d in (safe_date(y, month, day) for y in years) if d is not None]
    if weekday is not None and any(d.weekday() == weekday for d in candidates):
        candidates = [d for d in candidates if d.weekday() == weekday]
    best = _pick(candidates, published, direction)
    if best is None:
        return None, "no such day in the years around the publication date"
    return best, f"year {best.year} from the publication date {published.isoformat()}"


def _resolve_month(
    month: int, year: int | None, published: dt.date | None, direction: Direction = None
) -> tuple[dt.date | None, str]:
    """The first day of "<month> [<year>]"; without a year, the nearest one to ``published``."""
    if year is not None:
        return safe_date(year, month, 1), "stated in full"
    if published is None:
        return None, "no year stated and no publication date given"
    years = (published.year - 1, published.year, published.year + 1)
    firsts = [dt.date(y, month, 1) for y in years]
    if direction == "past":
        best = max(d for d in firsts if d <= published)
    elif direction == "future":
        best = min(d for d in firsts if d.replace(day=28) >= published)
    else:
        best = min(firsts, key=lambda d: abs(d.replace(day=15) - published))
    return best, f"year {best.year} from the publication date {published}"


def _resolve_weekday(
    day: int, modifier: str | None, published: dt.date | None, direction: Direction = None
) -> tuple[dt.date | None, str]:
    """The date of a weekday name, with an optional modifier ("last", "next", "this coming",
    "coming", "this", "past")."""
    name = _DAY_NAMES[day]
    if published is None:
        return None, f"'{name}' needs a publication date to be resolved"
    pub = published.isoformat()
    if modifier in ("next", "this coming", "coming"):
        d = published + relativedelta(days=1, weekday=weekday(day)(+1))
        return d, f"first {name} after the publication date {pub}"
    if modifier in ("last", "past"):
        d = published + relativedelta(days=-1, weekday=weekday(day)(-1))
        return d, f"last {name} before the publication date {pub}"
    offset = (day - published.weekday()) % 7
    if direction == "past":
        offset = offset - 7 if offset else 0
        side = "on or before"
    elif direction == "future":
        side = "on or after"
    else:
        offset = offset - 7 if offset > 3 else offset
        side = "nearest to"
    d = published + dt.timedelta(days=offset)
    tense = f" (the sentence reads as {direction})" if direction else ""
    return d, f"{name} {side} the publication date {pub}{tense}"


_RELATIVE_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def _relative_precision(phrase: str) -> DatePrecision:
    """Day for "today"/"yesterday"/...; else the unit of "last week", "next month"..."""
    return (
        DatePrecision.DAY
        if phrase in _RELATIVE_DAYS
        else DatePrecision(phrase.rsplit(maxsplit=1)[-1])
    )


def _resolve_relative(
    phrase: str, published: dt.date | None
) -> tuple[dt.date | None, DatePrecision, str]:
    """ "today", "yesterday", "tomorrow", "tonight", and "last/this/next week|month|year"."""
    phrase = phrase.lower()
    precision = _relative_precision(phrase)
    if published is None:
        return None, precision, f"'{phrase}' needs a publication date to be resolved"
    basis = f"'{phrase}' counted from the publication date {published.isoformat()}"
    if phrase in _RELATIVE_DAYS:
        return published + dt.timedelta(days=_RELATIVE_DAYS[phrase]), precision, basis
    which, unit = phrase.split()
    step = {"last": -1, "past": -1, "this": 0, "next": 1}[which]
    if unit == "week":
        monday = published - dt.timedelta(days=published.weekday())
        return monday + dt.timedelta(weeks=step), precision, basis
    if unit == "month":
        first = published.replace(day=1) + relativedelta(months=step)
        return first, precision, basis
    return dt.date(published.year + step, 1, 1), precision, basis


_OUTSIDE = "lands outside the calendar (years 1 to 9999) from that publication date"
_T = TypeVar("_T")
_UNRESOLVED: tuple[dt.date | None, str] = (None, _OUTSIDE)


def _within_calendar(call: Callable[[], _T], fallback: _T) -> _T:
    """``call()``, or ``fallback`` when its date arithmetic leaves years 1 to 9999."""
    try:
        return call()
    except (OverflowError, ValueError):
        return fallback


def resolve_month_day(
    month: int,
    day: int,
    year: int | None,
    published: dt.date | None,
    direction: Direction = None,
    *,
    weekday: int | None = None,
) -> tuple[dt.date | None, str]:
    """See :func:`_resolve_month_day`; a result beyond year 1 or 9999 is unresolved."""
    return _within_calendar(
        lambda: _resolve_month_day(month, day, year, published, direction, weekday=weekday),
        _UNRESOLVED,
    )


def resolve_month(
    month: int, year: int | None, published: dt.date | None, direction: Direction = None
) -> tuple[dt.date | None, str]:
    """See :func:`_resolve_month`; a result beyond year 1 or 9999 is unresolved."""
    return _within_calendar(lambda: _resolve_month(month, year, published, direction), _UNRESOLVED)


def resolve_weekday(
    day: int, modifier: str | None, published: dt.date | None, direction: Direction = None
) -> tuple[dt.date | None, str]:
    """See :func:`_resolve_weekday`; a result beyond year 1 or 9999 is unresolved."""
    return _within_calendar(
        lambda: _resolve_weekday(day, modifier, published, direction), _UNRESOLVED
    )


def resolve_relative(
    phrase: str, published: dt.date | None
) -> tuple[dt.date | None, DatePrecision, str]:
    """See :func:`_resolve_relative`; a result beyond year 1 or 9999 is unresolved."""
    unresolved: tuple[dt.date | None, DatePrecision, str] = (
        None,
        _relative_precision(phrase.lower()),
        _OUTSIDE,
    )
    return _within_calendar(lambda: _resolve_relative(phrase, published), unresolved)
