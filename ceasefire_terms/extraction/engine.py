"""The extraction engine: find every duration, quantity, date, time, day reference and actor
in a text, each tied to its exact span.

The recognisers live in one module per family over a shared scanner (see ``scanner.py``
for how extraction stays linear); this module combines them and chooses which to run at
each trigger word.

>>> import datetime as dt
>>> ms = extract("The initial 42-day phase includes the release of 33 Israeli captives "
...              "in exchange for approximately 1,900 Palestinian prisoners.",
...              published=dt.date(2025, 2, 3))
>>> [(m.kind.value, m.text, m.canonical()) for m in ms]  # doctest: +NORMALIZE_WHITESPACE
[('duration', '42-day phase', 'P42D'),
 ('quantity', '33 Israeli captives', 'exact 33'),
 ('party', 'Israeli', 'party:Israel'),
 ('quantity', 'approximately 1,900 Palestinian prisoners', 'approximate 1900')]
>>> [m.canonical() for m in extract("It took effect on January 19.", published="2025-02-03")]
['2025-01-19']
>>> extract("It took effect on January 19.")[0].resolved
False
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ..errors import ParseError
from .actors import Actors, settle_roles
from .dates import (
    MONTHS,
    WEEKDAYS,
)
from .datetimes import DateTimes
from .durations import Durations
from .mentions import Mention
from .numbers import (
    FRACTION_STARTS,
    NUMBER_WORDS,
)
from .quantities import Quantities
from .scanner import (
    _RELATIVE_WORDS,
    _TIME_WORDS,
    _UNIT_WORDS,
    _VAGUE_WORDS,
    _better,
    _Candidate,
)
from .vocabulary import Vocabulary

__all__ = ["extract"]


def extract(
    text: str,
    *,
    published: dt.date | dt.datetime | str | None = None,
    vocabulary: Vocabulary | None = None,
) -> list[Mention]:
    """Every duration, quantity, date, time, day reference and actor in ``text``, in order.

    ``published`` (a date, a datetime or an ISO string) resolves partial dates ("January 19",
    "on Monday", "last week"); without it those mentions are returned with ``resolved=False``
    and the parts that were stated. ``vocabulary`` replaces the default one (see
    :meth:`Vocabulary.extend`). Never raises for a string ``text``.
    """
    if not isinstance(text, str):
        raise ParseError("must be a string", path="text", got=type(text).__name__)
    pub = _published(published)
    vocab = vocabulary if vocabulary is not None else Vocabulary.default()
    return settle_roles(_Scanner(text, pub, vocab).run())


def _published(value: dt.date | dt.datetime | str | None) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise ParseError("must be a date such as '2025-02-03'", path="published", got=value)


class _Scanner(Quantities, Durations, DateTimes, Actors):
    """The scanner with every recogniser family."""

    def _dispatch(self, w: str, low: str) -> tuple[Callable[[int], _Candidate | None], ...]:
        """The recognisers a trigger word can start."""
        found: list[Callable[[int], _Candidate | None]] = []
        if w[0].isdecimal() or low in NUMBER_WORDS or low in FRACTION_STARTS:
            found.append(self._numeric)
        if low in _UNIT_WORDS:
            found.append(self._period_word)
            if low == "day":
                found.append(self._day_word)
        if low in ("half", "quarter", "quarters"):
            found.append(self._half)
        if w in MONTHS:
            found.append(self._month)
        if w in WEEKDAYS:
            found.append(self._weekday)
        if low in _RELATIVE_WORDS:
            found.append(self._relative_day)
        if low in _VAGUE_WORDS:
            found.append(self._vague)
        if low in _TIME_WORDS:
            found.append(self._time_word)
        if (
            w.split("'", maxsplit=1)[0].split("’", maxsplit=1)[0] in self.aliases
            or w.split(".", maxsplit=1)[0] in self.aliases
        ):
            found.append(self._party)
        return tuple(found)

    # ------------------------------------------------------------------ numbers
    def _numeric(self, t: int) -> _Candidate | None:
        tok = self.toks[t]
        if not tok.is_digits and tok.low not in NUMBER_WORDS and tok.low not in FRACTION_STARTS:
            return None
        best: _Candidate | None = None
        for cand in (
            self._skip_digits(t),
            self._date_numeric(t),
            self._time_numeric(t),
            self._day_ordinal(t),
            self._duration_numeric(t),
            self._quantity(t),
            self._half(t + 1) if self._low(t + 1) == "quarters" else None,
        ):
            if cand is not None and (best is None or _better(cand, best, self.toks)):
                best = cand
        return best
