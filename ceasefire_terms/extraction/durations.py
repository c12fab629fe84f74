"""Durations: "42-day phase", "72 hours", "forty-two (42) days", "up to another year",
"2 mins", "3h", "10D", "48-hr notice", "2 nights", "a fortnight", "half an hour",
"an hour and a half", "1.5 hours", "3.5years", "2 years and 3 months", "3h 40 mins".

A duration's value is a :class:`Period` (calendar units) or a :class:`Duration` (hours,
minutes, seconds), with whole-number components as ISO 8601 writes them. A fraction is turned
into whole smaller units ("1.5 hours" is ``PT1H30M``, "3.5 years" ``P3Y6M``, "half an hour"
``PT30M``); weeks with a fraction become days. A length that states calendar days and
hours at once ("1.5 days", "a week and a half", "1 day and 6 hours") is a
:class:`~ceasefire_terms.extraction.mentions.DaysAndClock`: its two parts are kept apart, never
converted (a calendar day is not always 24 hours), and its ISO form has both (``P1DT12H``).

>>> from ceasefire_terms.extraction import extract
>>> [m.canonical() for m in extract("within 1.5 hours, then 2 years and 3 months")]
['PT1H30M', 'P2Y3M']
"""

from __future__ import annotations

from pydantic import ValidationError

from ..model.periods import Duration, Period
from .mentions import DaysAndClock, MentionKind
from .numbers import DASHES, read_number, read_ordinal
from .scanner import (
    _DURATION_A_AFTER,
    _DURATION_A_CUES,
    _FUNCTION_WORDS,
    _REL_PERIOD_WORDS,
    _UNIT_WORDS,
    Scanner,
    _Candidate,
)

__all__ = ["Durations", "duration_value"]

#: One-letter units, read only when glued to the number ("3h", "10D").
_GLUED_UNITS: dict[str, tuple[str, int]] = {"h": ("hours", 1), "d": ("days", 1)}
_ORDER = ("years", "months", "weeks", "days", "hours", "minutes", "seconds")
_CALENDAR = frozenset({"years", "months", "weeks", "days"})
#: How a fraction of a unit is written in a smaller one.
_SMALLER = {
    "years": ("months", 12),
    "weeks": ("days", 7),
    "days": ("hours", 24),
    "hours": ("minutes", 60),
    "minutes": ("seconds", 60),
}
#: Singular unit words that "a", "an", "another" may count ("for a year", "half an hour").
_SINGULAR = frozenset(
    {"day", "night", "weekend", "week", "fortnight", "month", "year", "decade", "century",
     "millennium", "hour", "minute"}
)  # fmt: skip
#: Words allowed between a number and its unit ("up to six additional days").
_EXTRA = frozenset({"additional", "more", "further", "extra", "other"})
_MAX_PARTS = 4  # "1 year, 2 months and 15 days"
#: Words after an adjectival duration that are not what it measures ("a 24-hour long ...").
_NOT_NOUNS = frozenset({"long", "old", "later", "earlier", "ago", "more", "less", "and", "or"})
#: Parts of one unit written in words ("half an hour", "an hour and a quarter").
_PARTS = {"half": 0.5, "quarter": 0.25, "quarters": 0.25}


def duration_value(parts: dict[str, int | float]) -> Period | Duration | DaysAndClock | None:
    """Whole-number components from possibly fractional ones: a Period, a Duration, or both
    kept apart (:class:`DaysAndClock`) when calendar days and clock time are stated together;
    None when they are not whole (half a month), mix months or years with clock time, or are
    out of bounds.

    >>> duration_value({"hours": 1.5}), duration_value({"years": 3.5})
    (Duration(hours=1, minutes=30), Period(years=3, months=6))
    >>> duration_value({"weeks": 1.5}).iso()  # 10 days and 12 hours, kept apart
    'P10DT12H'
    """
    whole: dict[str, int] = {}
    for stated in _ORDER:
        v = parts.get(stated)
        if v is None:
            continue
        unit = stated
        for _ in range(3):
            if unit == "weeks" and not float(v).is_integer():
                unit, v = "days", v * 7  # no fractional weeks in ISO 8601: whole days
                continue
            n = int(v)
            if n:
                whole[unit] = whole.get(unit, 0) + n
            frac = v - n
            if abs(frac) < 1e-9:
                break
            if unit not in _SMALLER:
                return None
            unit, factor = _SMALLER[unit]
            v = round(frac * factor, 9)
        else:
            return None
    if not whole:
        return None
    calendar = {u: n for u, n in whole.items() if u in _CALENDAR}
    clock = {u: n for u, n in whole.items() if u not in _CALENDAR}
    try:
        if calendar and clock:
            if "years" in calendar or "months" in calendar:
                return None  # a month is not a fixed number of days: no "1 month 6 hours"
            return DaysAndClock(Period(**calendar), Duration(**clock))
        return Period(**calendar) if calendar else Duration(**clock)
    except ValidationError:
        return None


class Durations(Scanner):
    def _unit_at(self, k: int, *, glued: bool) -> tuple[str, int] | None:
        """The unit at token ``k``: a unit word, or "h"/"d" glued to the number."""
        low = self._low(k)
        found = _UNIT_WORDS.get(low)
        if found is None and glued and self._adj(k):
            found = _GLUED_UNITS.get(low)
        return found

    def _half_after(self, k: int) -> int:
        """The token after "and a half" or "and a quarter" at ``k``, or ``k`` when there is
        none (:meth:`_part_after` says which)."""
        return k + 3 if self._part_after(k) else k

    def _part_after(self, k: int) -> float:
        """0.5 for "and a half" at ``k``, 0.25 for "and a quarter", else 0."""
        if self._low(k) == "and" and self._low(k + 1) == "a":
            return _PARTS.get(self._low(k + 2), 0.0)
        return 0.0

    def _duration_numeric(self, t: int) -> _Candidate | None:
        r = self._number_at(t)
        if r is None or r.value <= 0:
            return None
        r = self._paren_echo(r)
        value: int | float = r.value
        k = self._half_after(r.end)  # "two and a half years"
        value += self._part_after(r.end)
        if self._low(k) in _EXTRA and _UNIT_WORDS.get(self._low(k + 1)) is not None:
            k += 1  # "six additional days", "five more days"
        plus = self._tx(k) == "+" and self._adj(k) and _UNIT_WORDS.get(self._low(k + 1))
        if plus:
            k += 1  # "20+ years": at least 20 years
        adjectival = False
        if self._low(k) in DASHES and self._adj(k) and self._adj(k + 1):
            adjectival = True
            k += 1
        unit = self._unit_at(k, glued=not r.words and k == r.end)
        if unit is None and self._low(k) == "h" and not r.words and self._tx(k + 1)[:1].isdecimal():
            unit = ("hours", 1)  # "1 h 30 min": a spaced "h" before the minutes
        if unit is None:
            return None
        unit_word = self._low(k)
        if (
            adjectival
            and unit_word.endswith("s")
            and unit_word not in ("hrs", "mins", "secs", "mos")
        ):
            return None
        end = k + 1
        parts: dict[str, int | float] = {unit[0]: value * unit[1]}
        noun: str | None = None
        if adjectival:
            if self._low(end) in DASHES and self._low(end + 1) == "old":
                return None
            noun, end = self._duration_noun(end)
        elif self._adj(k) and self._low(end) in self.vocab.duration_nouns:
            noun, end = self._low(end), end + 1  # "a 3h window": glued, used as an adjective
        else:
            end = self._compound(parts, unit[0], unit[1], end)
        length = duration_value(parts)
        if length is None:
            return None
        if self._low(end) == "old" and noun is None:
            return _Candidate(r.start, end + 1, None)  # "7 years old": an age, not a length
        hedge = self._duration_hedge(r.start)
        a0 = hedge[0] if hedge else r.start
        words = hedge[1] if hedge else ("+" if plus else None)
        return self._mention(MentionKind.DURATION, a0, end, length, noun=noun, hedge=words)

    def _duration_noun(self, end: int) -> tuple[str | None, int]:
        """The noun after an adjectival duration ("42-day phase", "14-day notice period",
        "5-year periods", "60-day first phase"): (noun, next index)."""
        if self._low(end) in DASHES and self._low(end + 1) == "long":
            end += 2
        low = self._low(end)
        nouns = self.vocab.duration_nouns
        if low in nouns or (low.endswith("s") and low[:-1] in nouns):
            return low, end + 1
        if (
            self._low(end + 1) in nouns
            and self._tx(end).isalpha()
            and self._tx(end).islower()
            and low not in _FUNCTION_WORDS
        ):
            return f"{low} {self._low(end + 1)}", end + 2  # "14-day notice period"
        o = read_ordinal(self.toks, end)
        if o is not None and self._low(o.end) in nouns:
            return " ".join(self.toks[i].low for i in range(end, o.end + 1)), o.end + 1
        tx = self._tx(end)
        if (
            tx.isalpha()
            and tx.islower()
            and low not in _FUNCTION_WORDS
            and low not in _UNIT_WORDS
            and low not in _NOT_NOUNS
            and not low.endswith("ly")
        ):
            return low, end + 1  # "a 10-day festival", "a 24-hour service": the thing it lasts
        return None, end

    def _compound(self, parts: dict[str, int | float], last: str, size: int, end: int) -> int:
        """Further parts of a compound duration after ``end`` ("2 years and 3 months",
        "1 year, 2 months and 15 days", "3h 40 mins", "an hour and a half"), each in a smaller
        unit than the one before; ``parts`` is filled in. Returns the new end."""
        half = self._half_after(end)
        if half > end:
            parts[last] += self._part_after(end) * size  # "an hour and a quarter"
            return half
        if (
            last == "hours"
            and self._adj(end)
            and self._tx(end).isdecimal()
            and len(self._tx(end)) == 2
            and int(self._tx(end)) < 60
            and self._low(end - 1) == "h"
            and not self._tx(end + 1)[:1].isalpha()
        ):
            parts["minutes"] = int(self._tx(end))  # "1h30"
            return end + 1
        for _ in range(_MAX_PARTS - 1):
            k = end
            if self._tx(k) == ",":
                k += 1
            if self._low(k) == "and":
                k += 1
            r = read_number(self.toks, k)
            if r is None or r.value <= 0 or (k == end and self._tx(end)[:1] in ",;"):
                break
            unit = self._unit_at(r.end, glued=not r.words)
            if unit is None or _ORDER.index(unit[0]) <= _ORDER.index(last):
                break
            joined = {**parts, unit[0]: parts.get(unit[0], 0) + r.value * unit[1]}
            if duration_value(joined) is None:
                break  # "1 month and 6 hours": no length has both parts
            parts.update(joined)
            last = unit[0]
            end = r.end + 1
        return end

    def _duration_hedge(self, i: int) -> tuple[int, str] | None:
        h = self._hedge_before(i)
        if h is not None and h[1] != "over":  # "over 13 months" usually means "during"
            return h
        if self._low(i - 1) == "within" and i - 1 >= self.lo:
            return i - 1, "within"
        return None

    def _half(self, t: int) -> _Candidate | None:
        """Part of one unit: "half an hour", "half a day", "half day", "(a) quarter of an
        hour", "three quarters of an hour"."""
        low = self._low(t)
        part = _PARTS.get(low)
        if part is None:
            return None
        k = t + 1
        if self._low(k) in DASHES and self._adj(k) and self._adj(k + 1):
            k += 1  # "a half-hour wait", "a quarter-hour"
        elif low in ("quarter", "quarters") and self._low(k) == "of":
            k += 1  # "a quarter of an hour" ("a quarter century": no "of")
        if self._low(k) in ("a", "an"):
            k += 1
        first = t
        if low == "quarters":
            n = t - 2 if self._low(t - 1) in DASHES and self._adj(t - 1) else t - 1
            r = read_number(self.toks, n) if n >= self.lo else None
            if r is None or r.end != n + 1 or not r.words or not 0 < r.value < 4:
                return None
            part, first = 0.25 * r.value, n  # "three quarters of an hour", "three-quarters"
        elif (
            self._low(t - 1) in ("a", "one")
            and t - 1 >= self.lo
            and k == t + 1 + (self._low(t + 1) in DASHES)
        ):
            first = t - 1  # "a half hour", "a half-hour", "a quarter century"
        elif self._low(t - 1) in ("a", "one") and low == "quarter" and t - 1 >= self.lo:
            first = t - 1  # "a quarter of an hour"
        unit = _UNIT_WORDS.get(self._low(k))
        if unit is None or self._low(k) not in _SINGULAR:
            return None
        length = duration_value({unit[0]: part * unit[1]})
        if length is None:
            return None
        hedge = self._duration_hedge(first)
        a0 = hedge[0] if hedge else first
        return self._mention(
            MentionKind.DURATION, a0, k + 1, length, hedge=hedge[1] if hedge else None
        )

    def _period_word(self, t: int) -> _Candidate | None:
        """Unit words as triggers: "last week" (a date), "a year", "another year", "a
        fortnight", "an hour and a half" (durations)."""
        low = self._low(t)
        unit = _UNIT_WORDS.get(low)
        if unit is None or low not in _SINGULAR:
            return None
        prev = self._low(t - 1)
        if t - 1 < self.lo:
            return None
        # "last week", "next month", "this year"
        if prev in _REL_PERIOD_WORDS and low in ("week", "month", "year"):
            phrase = f"{_REL_PERIOD_WORDS[prev]} {low}"
            return self._relative_date(phrase, t - 1, t + 1)
        # "another year", "one more year", "a further year"
        start: int | None = None
        if prev == "another":
            start = t - 1
        elif prev in ("more", "further", "additional") and self._low(t - 2) in ("one", "a", "an"):
            start = t - 2
        elif prev in ("a", "an"):
            # only where a length is meant: "for a year", "up to a year", "within a week",
            # "an hour and a half"; "a fortnight" is always a length
            before = self._low(t - 2)
            after = self._low(t + 1)
            if (
                low == "fortnight"
                or before in _DURATION_A_CUES
                or after in _DURATION_A_AFTER
                or self._half_after(t + 1) > t + 1
                or self._hedge_before(t - 1) is not None
            ):
                start = t - 1
        elif low == "fortnight" and prev not in ("this", "that", "the", "last", "next"):
            start = t
        if start is None or start < self.lo:
            return None
        parts: dict[str, int | float] = {unit[0]: unit[1]}
        end, noun = t + 1, None
        if self._low(end) == "-" and self._low(end + 1) == "long" and self._adj(end):
            noun, end = self._duration_noun(end)  # "an hour-long talk", "a year-long truce"
        elif self._low(end) == "-":
            return None
        else:
            end = self._compound(parts, unit[0], unit[1], end)
        length = duration_value(parts)
        if length is None:
            return None
        hedge = self._duration_hedge(start)
        a0 = hedge[0] if hedge else start
        return self._mention(
            MentionKind.DURATION, a0, end, length, noun=noun, hedge=hedge[1] if hedge else None
        )
