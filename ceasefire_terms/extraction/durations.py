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

Words that state no single length have a :class:`~ceasefire_terms.model.quantity.Bounds` of
lengths as their value: a range ("10 to 15 minutes", "an hour or two", "between 5 and 10
years") or a vague count of a unit ("several days": at least two days). A part of a month is
kept as a fraction of a month (:class:`FractionalMonths`, ``P3.5M``), never turned into days.

>>> from ceasefire_terms.extraction import extract
>>> [m.canonical() for m in extract("within 1.5 hours, then 2 years and 3 months")]
['PT1H30M', 'P2Y3M']
>>> [m.canonical() for m in extract("2-3 days, three and a half months, several weeks")]
['range P2D/P3D', 'P3.5M', 'at_least P2W']
"""

from __future__ import annotations

from pydantic import ValidationError

from ..model.periods import Duration, Period
from ..model.quantity import Bounds
from .mentions import (
    DaysAndClock,
    DurationValue,
    FractionalMonths,
    MentionKind,
    duration_bound_kind,
)
from .numbers import DASHES, NumberReading, read_number, read_ordinal
from .ranges import _CHANGE_VERBS, Ranges, SecondEnd
from .scanner import (
    _DURATION_A_AFTER,
    _DURATION_A_CUES,
    _FUNCTION_WORDS,
    _REL_PERIOD_WORDS,
    _UNIT_WORDS,
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
#: How many units a vague plural of a unit states at least: "several days", "a few weeks"
#: are read as quantities read "several thousand" and "a few hundred" (at least 2,000 and
#: 200, the vague plurals "thousands" and "hundreds" of ``vocabulary.yaml``): at least two of
#: the unit, with no upper end.
_VAGUE_AT_LEAST = 2
#: "the past decade", "the last two years", "the next 24 hours": a length that ends (or
#: starts) at the time of writing; the mention's ``anchor`` says which.
_ANCHORS = {"past": "past", "last": "past", "next": "next", "coming": "next"}
#: Units that "the past/last/next" makes a length without a number ("the past decade");
#: "the last day", "last night", "the last minute" and "last weekend" are moments, not lengths.
_ANCHORED_UNITS = frozenset(
    {"week", "fortnight", "month", "year", "decade", "century", "millennium", "hour"}
)
#: "three days and nights": the nights of the same days, not a second length.
_AND_NIGHTS = frozenset({("and", "nights"), ("and", "night")})
#: The note on a length that keeps a fraction of a month.
_MONTH_FRACTION_NOTE = (
    "a part of a month is kept as a fraction of a month: a month has no fixed number of days",
)


def _order_key(v: DurationValue) -> tuple[str, float] | None:
    """What makes two lengths comparable, and the size to compare: clock time in seconds,
    days and weeks in days, months and years in months (with a month's fraction); None for
    a length that mixes kinds (a month and days; days and clock time)."""
    if isinstance(v, Duration):
        return "clock", v.to_timedelta().total_seconds()
    if isinstance(v, FractionalMonths):
        if v.period.weeks or v.period.days:
            return None
        return "months", v.period.years * 12 + v.months
    if isinstance(v, Period):
        if v.has_months:
            return None if v.weeks or v.days else ("months", v.years * 12 + v.months)
        return "days", v.total_days()
    return None


def duration_value(parts: dict[str, int | float]) -> DurationValue | None:
    """Whole-number components from possibly fractional ones: a Period, a Duration, or both
    kept apart (:class:`DaysAndClock`) when calendar days and clock time are stated together;
    a part of a month stays a fraction of a month (:class:`FractionalMonths`: a month has no
    fixed number of days). None when months or years are mixed with clock time, a fraction of
    a month is followed by smaller units, or the parts are out of bounds.

    >>> duration_value({"hours": 1.5}), duration_value({"years": 3.5})
    (Duration(hours=1, minutes=30), Period(years=3, months=6))
    >>> duration_value({"weeks": 1.5}).iso()  # 10 days and 12 hours, kept apart
    'P10DT12H'
    >>> duration_value({"months": 3.5}).iso()  # half a month is not a number of days
    'P3.5M'
    """
    whole: dict[str, int] = {}
    month_part = 0.0  # a fraction of a month, kept as such (see FractionalMonths)
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
            if unit == "months":
                month_part = round(month_part + frac, 9)  # never turned into days
                break
            if unit not in _SMALLER:
                return None
            unit, factor = _SMALLER[unit]
            v = round(frac * factor, 9)
        else:
            return None
    if month_part >= 1:
        whole["months"] = whole.get("months", 0) + int(month_part)
        month_part = round(month_part - int(month_part), 9)
    if not whole and not month_part:
        return None
    calendar = {u: n for u, n in whole.items() if u in _CALENDAR}
    clock = {u: n for u, n in whole.items() if u not in _CALENDAR}
    try:
        if month_part:
            if clock or "weeks" in calendar or "days" in calendar:
                return None  # "1.5 months and 3 days": a fraction is only on the last part
            return FractionalMonths(Period(**calendar), month_part)
        if calendar and clock:
            if "years" in calendar or "months" in calendar:
                return None  # a month is not a fixed number of days: no "1 month 6 hours"
            return DaysAndClock(Period(**calendar), Duration(**clock))
        return Period(**calendar) if calendar else Duration(**clock)
    except ValidationError:
        return None


class Durations(Ranges):
    _joining = False  # set while the second length of "A to B" is read (see _length_to)

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
        ranged = self._duration_range(r)
        if ranged is not None:
            return ranged
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
            if list(parts) == ["days"] and (self._low(end), self._low(end + 1)) in _AND_NIGHTS:
                end += 2  # "three days and nights": the same three days
        length = duration_value(parts)
        if length is None:
            return None
        if self._low(end) == "old" and noun is None:
            return _Candidate(r.start, end + 1, None)  # "7 years old": an age, not a length
        hedge = self._duration_hedge(r.start)
        a0 = hedge[0] if hedge else r.start
        words = hedge[1] if hedge else ("+" if plus else None)
        return self._length(a0, end, length, noun=noun, hedge=words, anchor=self._anchor(a0))

    def _length(
        self, a: int, b: int, value: DurationValue | Bounds[DurationValue], **kw: object
    ) -> _Candidate:
        """A duration mention over tokens ``a`` to ``b``, flagged when it keeps a fraction
        of a month (see :class:`FractionalMonths`); a longer length after "to" makes it a
        range ("18 months to 2 years", "half an hour to an hour")."""
        if not isinstance(value, Bounds) and kw.get("noun") is None:
            joined = self._length_to(a, b, value)
            if joined is not None:
                b, value = joined
                if kw.get("hedge") is None and self._low(a - 1) == "from" and a - 1 >= self.lo:
                    a, kw["hedge"] = a - 1, "from"  # "from 3 days to 2 weeks", as "from 3 to 5"
            elif kw.get("hedge") is None and (self._low(b), self._low(b + 1)) == ("or", "so"):
                b, kw["hedge"] = b + 2, "or so"  # "an hour or so": approximate, as "20 or so"
        ends = (value.low, value.high) if isinstance(value, Bounds) else (value,)
        if any(isinstance(e, FractionalMonths) for e in ends):
            kw["notes"] = _MONTH_FRACTION_NOTE
        return self._mention(MentionKind.DURATION, a, b, value, **kw)

    def _length_to(
        self, a: int, b: int, first: DurationValue
    ) -> tuple[int, Bounds[DurationValue]] | None:
        """A second, longer length after "to" at token ``b``: (its end, the range). Not after
        a verb of change ("extended from 3 days to 2 weeks": two lengths). Only one level:
        the second length is not joined again, so a chain of "to"s costs one look each."""
        if self._joining or self._low(b) not in ("to", "–", "—"):
            return None
        if self._low(a - 1) == "from" and self._low(a - 2) in _CHANGE_VERBS:
            return None
        j = b + 1
        self._joining = True
        try:
            found = [
                c
                for c in (
                    self._duration_numeric(j),
                    self._half(j),
                    self._period_word(j + 1),
                    self._period_word(j + 2),
                )
                if c is not None and c.start == j and c.mention is not None
            ]
        finally:
            self._joining = False
        if not found:
            return None
        second = max(found, key=lambda c: c.end)
        assert second.mention is not None
        value = second.mention.value
        if second.mention.hedge is not None or not isinstance(
            value, (Period, Duration, DaysAndClock, FractionalMonths)
        ):
            return None
        k1, k2 = _order_key(first), _order_key(value)
        if k1 is None or k2 is None or k1[0] != k2[0] or not k2[1] > k1[1]:
            return None
        return second.end, Bounds(first, value, True, True)

    def _anchor(self, a: int) -> str | None:
        """ "past" or "next" when "the past/last/next" comes before token ``a`` ("the last two
        years", "the next 24 hours"): the length ends or starts at the time of writing."""
        anchor = _ANCHORS.get(self._low(a - 1))
        if anchor is not None and self._low(a - 2) == "the" and a - 2 >= self.lo:
            return anchor
        return None

    def _duration_range(self, r: NumberReading) -> _Candidate | None:
        """A range of lengths, ONE mention whose value is a
        :class:`~ceasefire_terms.model.quantity.Bounds` of lengths: "10 to 15 minutes", "2-3
        days", "between 5 and 10 years", "two or three weeks", "more than 2 and less than 5
        hours" (both ends open), "a 3-5 day trip" is not read (no dash before the unit)."""
        hedge = self._duration_hedge(r.start)
        between = self._low(r.start - 1) in ("between", "from") and r.start - 1 >= self.lo
        lower = duration_bound_kind(hedge[1]) if hedge else None
        second: SecondEnd | None
        if self._low(r.end) == "or" and not between:
            r2 = read_number(self.toks, r.end + 1)  # "two or three weeks", "1 or 2 days"
            if r2 is None or r2.words != r.words or not r2.value > r.value:
                return None
            second = SecondEnd(r.value, r2.value, r2.end, True, True)
        else:
            second = self._second_end(r, between, lower)
            if second is None and lower is not None:
                # "within 24 to 48 hours", "at least 3 to 5 days": the range is the length
                # stated; the bound word before it stays in ``hedge``
                second = self._second_end(r, between, None)
        if second is None:
            return None
        k = second.end
        if self._low(k) in _EXTRA and _UNIT_WORDS.get(self._low(k + 1)) is not None:
            k += 1  # "two to three more weeks"
        adjectival = self._low(k) in DASHES and self._adj(k) and self._adj(k + 1)
        k += adjectival
        unit = self._unit_at(k, glued=self._adj(k) and self._tx(k - 1)[:1].isdecimal())
        if unit is None or (adjectival and self._low(k).endswith("s")):
            return None
        end, noun = k + 1, None
        if adjectival:
            noun, end = self._duration_noun(end)  # "a 10-15-minute walk"
        elif self._low(end) == "old":
            return _Candidate(r.start, end + 1, None)  # "18 to 25 years old": ages
        low = duration_value({unit[0]: second.low * unit[1]})
        high = duration_value({unit[0]: second.high * unit[1]})
        if low is None or high is None:
            return None
        value: Bounds[DurationValue] = Bounds(low, high, second.low_closed, second.high_closed)
        if hedge is not None:
            a0, words = hedge
        elif between:
            a0, words = r.start - 1, self._low(r.start - 1)
        else:
            a0, words = r.start, None
        return self._length(a0, end, value, noun=noun, hedge=words, anchor=self._anchor(a0))

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
        return self._length(a0, k + 1, length, hedge=hedge[1] if hedge else None)

    def _period_word(self, t: int) -> _Candidate | None:
        """Unit words as triggers: "last week" (a date), "a year", "another year", "a
        fortnight", "an hour and a half" (durations)."""
        low = self._low(t)
        unit = _UNIT_WORDS.get(low)
        if unit is None or t - 1 < self.lo:
            return None
        if low not in _SINGULAR:
            return self._vague_length(t, unit)
        prev = self._low(t - 1)
        # "the past decade", "the last week", "over the next month": a length up to (or
        # from) the time of writing; but "the last week of the truce" is a date
        if (
            prev in _ANCHORS
            and low in _ANCHORED_UNITS
            and self._low(t - 2) == "the"
            and self._low(t + 1) != "of"
        ):
            length = duration_value({unit[0]: unit[1]})
            if length is None:
                return None
            return self._length(t - 1, t + 1, length, anchor=_ANCHORS[prev])
        # "an hour or two", "a day or two": a range of one to n units
        if prev in ("a", "an") and self._low(t + 1) == "or":
            r2 = read_number(self.toks, t + 2)
            if r2 is not None and r2.value > 1 and _UNIT_WORDS.get(self._low(r2.end)) is None:
                low_len = duration_value({unit[0]: unit[1]})
                high_len = duration_value({unit[0]: r2.value * unit[1]})
                if low_len is not None and high_len is not None:
                    hedge = self._duration_hedge(t - 1)
                    return self._length(
                        hedge[0] if hedge else t - 1,
                        r2.end,
                        Bounds(low_len, high_len, True, True),
                        hedge=hedge[1] if hedge else None,
                    )
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
                or self._range_from_one(t, unit)
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
        return self._length(a0, end, length, noun=noun, hedge=hedge[1] if hedge else None)

    def _range_from_one(self, t: int, unit: tuple[str, int]) -> bool:
        """Whether "a"/"an" and the unit at token ``t`` begin a range to a longer length ("a
        week to ten days", "a day to a week", "an hour to 90 minutes"): its lower end is a
        length even with no cue word before it (without one, only the upper end was read,
        as if the text gave it alone)."""
        if self._low(t + 1) not in ("to", "–", "—"):
            return False
        one = duration_value({unit[0]: unit[1]})
        return one is not None and self._length_to(t - 1, t + 1, one) is not None

    def _vague_length(self, t: int, unit: tuple[str, int]) -> _Candidate | None:
        """ "several days", "a few weeks", "the past few months": a vague count of a unit,
        read as quantities read "several thousand" (see ``_VAGUE_AT_LEAST``): at least two of
        the unit, no upper end. The value is a ``Bounds``; ``hedge`` holds the vague words."""
        k = t - 1
        if self._low(k) in _EXTRA:
            k -= 1  # "several more days"
        if self._low(k) == "several":
            a = k
        elif self._low(k) == "few" and self._low(k - 1) == "a":
            a = k - 1
        elif self._low(k) == "few" and self._low(k - 1) in _ANCHORS:
            a = k  # "the past few weeks", "the next few days"
        else:
            return None
        if a < self.lo or self._low(t + 1) in DASHES:
            return None
        least = duration_value({unit[0]: _VAGUE_AT_LEAST * unit[1]})
        if least is None:
            return None
        value: Bounds[DurationValue] = Bounds(least, None, True, False)
        words = " ".join(self.toks[i].low for i in range(a, k + 1))
        return self._length(a, t + 1, value, hedge=words, anchor=self._anchor(a))
