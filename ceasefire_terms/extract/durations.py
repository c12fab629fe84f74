"""Durations: "42-day phase", "72 hours", "forty-two (42) days", "up to another year"."""

from __future__ import annotations

from pydantic import ValidationError

from ..model.periods import Duration, Period
from .mentions import MentionKind
from .numbers import (
    read_ordinal,
)
from .scanner import (
    _DASHES,
    _DURATION_A_AFTER,
    _DURATION_A_CUES,
    _FUNCTION_WORDS,
    _REL_PERIOD_WORDS,
    _UNIT_WORDS,
    Scanner,
    _Candidate,
)


class Durations(Scanner):
    # ------------------------------------------------------------------ durations
    def _duration_numeric(self, t: int) -> _Candidate | None:
        r = self._number_at(t)
        if r is None or not isinstance(r.value, int) or r.value <= 0:
            return None
        r = self._paren_echo(r)
        k = r.end
        adjectival = False
        if self._low(k) in _DASHES and self._adj(k) and self._adj(k + 1):
            adjectival = True
            k += 1
        unit_word = self._low(k)
        unit = _UNIT_WORDS.get(unit_word)
        if unit is None:
            return None
        if adjectival and unit_word.endswith("s"):
            return None
        if not adjectival and r.value == 1 and r.words and self._low(r.start) == "a":
            pass
        end = k + 1
        noun: str | None = None
        if adjectival:
            if self._low(end) in _DASHES and self._low(end + 1) == "old":
                return None
            if self._low(end) in _DASHES and self._low(end + 1) == "long":
                end += 2
            if self._low(end) in self.vocab.duration_nouns:
                noun = self._low(end)
                end += 1
            elif (
                self._low(end + 1) in self.vocab.duration_nouns
                and self._tx(end).isalpha()
                and self._tx(end).islower()
                and self._low(end) not in _FUNCTION_WORDS
            ):
                noun = f"{self._low(end)} {self._low(end + 1)}"  # "14-day notice period"
                end += 2
            elif read_ordinal(self.toks, end) is not None:
                o = read_ordinal(self.toks, end)
                assert o is not None
                if self._low(o.end) in self.vocab.duration_nouns:
                    noun = " ".join(self.toks[i].low for i in range(end, o.end + 1))
                    end = o.end + 1
        value = _period(unit, int(r.value))
        if value is None:
            return None
        hedge = self._duration_hedge(r.start)
        a0 = hedge[0] if hedge else r.start
        return self._mention(
            MentionKind.DURATION, a0, end, value, noun=noun, hedge=hedge[1] if hedge else None
        )

    def _duration_hedge(self, i: int) -> tuple[int, str] | None:
        h = self._hedge_before(i)
        if h is not None and h[1] != "over":  # "over 13 months" usually means "during"
            return h
        if self._low(i - 1) == "within" and i - 1 >= self.lo:
            return i - 1, "within"
        return None

    def _period_word(self, t: int) -> _Candidate | None:
        """Unit words as triggers: "last week" (a date), "a year", "another year" (durations)."""
        low = self._low(t)
        unit = _UNIT_WORDS.get(low)
        if unit is None or low.endswith("s"):
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
            # only where a length is meant: "for a year", "up to a year", "within a week"
            before = self._low(t - 2)
            after = self._low(t + 1)
            if (
                before in _DURATION_A_CUES
                or after in _DURATION_A_AFTER
                or self._hedge_before(t - 1) is not None
            ):
                start = t - 1
        if start is None or start < self.lo:
            return None
        length = _period(unit, 1)
        assert length is not None
        hedge = self._duration_hedge(start)
        a0 = hedge[0] if hedge else start
        end, noun = t + 1, None
        if self._low(end) == "-" and self._low(end + 1) == "long" and self._adj(end):
            end += 2
            if self._low(end) in self.vocab.duration_nouns:
                noun, end = self._low(end), end + 1
        elif self._low(end) == "-":
            return None
        return self._mention(
            MentionKind.DURATION, a0, end, length, noun=noun, hedge=hedge[1] if hedge else None
        )


def _period(unit: str, n: int) -> Period | Duration | None:
    """The period, or None when it is beyond the model's bounds (about a thousand years)."""
    try:
        if unit in ("hours", "minutes"):
            return Duration(**{unit: n})
        return Period(**{unit: n})
    except ValidationError:
        return None
