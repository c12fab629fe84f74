"""Ranges and comparatives: the second end of a range, two-sided comparatives and bounds
stated after the number.

Each end says whether it is included, and that is kept (see
:class:`~ceasefire_terms.model.quantity.Bounds`):

* "between 20 and 30", "20 to 30", "1,000 - 5,000", "3 to 5 thousand": both ends closed;
* "more than 10 and less than 40", "above 1000 and below 1500": ONE mention, both ends open;
  "a minimum of 4 and a maximum of 8": both closed; the mention's hedge is the lower phrase;
* one-sided comparatives come from the hedge vocabulary (``data/hedges.yaml``: "greater
  than", "exceeding", "above", ">", "equal to or less than", "below", ...);
* a bound after the number: "200 or more" (at least), "30 or fewer" (at most), "30
  neighbourhoods at most".

>>> from ceasefire_terms.extraction import extract
>>> [m.value.bounds() for m in extract("more than 10 and less than 40 monitors")]
[Bounds(low=10, high=40, low_closed=False, high_closed=False)]
>>> [(m.text, m.canonical()) for m in extract("Monitors recorded 200 or more violations.")]
[('200 or more violations', 'at_least 200')]
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from ..model.quantity import QuantityKind, hedges
from .dates import MONTHS
from .numbers import DASHES, SCALES, NumberReading, read_number
from .scanner import Scanner, _hedge_tokens

__all__ = ["Ranges", "SecondEnd"]

#: Bounds written after the number ("200 or more"), and after its noun ("30 posts at most").
_AFTER_NUMBER: dict[tuple[str, ...], QuantityKind] = {
    ("or", "more"): QuantityKind.AT_LEAST,
    ("or", "above"): QuantityKind.AT_LEAST,
    ("or", "over"): QuantityKind.AT_LEAST,
    ("and", "above"): QuantityKind.AT_LEAST,
    ("and", "over"): QuantityKind.AT_LEAST,
    ("or", "fewer"): QuantityKind.AT_MOST,
    ("or", "less"): QuantityKind.AT_MOST,
    ("or", "below"): QuantityKind.AT_MOST,
    ("at", "most"): QuantityKind.AT_MOST,
    ("at", "least"): QuantityKind.AT_LEAST,
    ("or", "so"): QuantityKind.APPROXIMATE,
}
_LOWER = frozenset({QuantityKind.MORE_THAN, QuantityKind.AT_LEAST})
_UPPER = frozenset({QuantityKind.FEWER_THAN, QuantityKind.AT_MOST})
#: Verbs after which "from A to B" is a change between two counts, not a range.
_CHANGE_VERBS = frozenset(
    {"rose", "risen", "rise", "rises", "increased", "grew", "grown", "fell", "fallen",
     "dropped", "declined", "decreased", "went", "climbed", "jumped", "reduced", "cut",
     "extended", "shortened", "lengthened", "changed", "moved"}
)  # fmt: skip


@cache
def _hedges_by_first_word() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for words, phrase in _hedge_tokens():  # longest first
        out.setdefault(words[0], []).append((words, phrase))
    return {k: tuple(v) for k, v in out.items()}


class SecondEnd(NamedTuple):
    """The upper end of a range found after its lower end."""

    low: (
        int | float
    )  # the lower end, scaled when the scale word is written once ("3 to 5 thousand")
    high: int | float
    end: int  # token index after the upper number
    low_closed: bool
    high_closed: bool


class Ranges(Scanner):
    def _second_end(
        self, r: NumberReading, between: bool, lower: QuantityKind | None
    ) -> SecondEnd | None:
        """The upper end after the number ``r``: "to B", "- B", "and B" after "between" or
        "from", or a second comparative ("and less than B") after a lower-bound hedge of kind
        ``lower``."""
        toks = self.toks
        k = r.end
        sep = self._low(k)
        if lower in _LOWER and sep in ("and", ",", "but"):
            # "more than 10 and less than 40", "a minimum of 4 and a maximum of 8"
            found = self._phrase_after(k + 1)
            if found is not None:
                kind, j = found
                r2 = read_number(toks, j)
                r2 = None if r2 is None else self._paren_echo(r2)
                if kind in _UPPER and r2 is not None and r2.value > r.value:
                    return SecondEnd(
                        r.value,
                        r2.value,
                        r2.end,
                        lower is QuantityKind.AT_LEAST,
                        kind is QuantityKind.AT_MOST,
                    )
            return None
        if lower is not None and lower is not QuantityKind.APPROXIMATE:
            return None  # "up to 6 to ..." is not a range
        if lower is None and sep in ("<", "≤"):
            return self._chained(r)  # "10 < x < 20"
        if sep in DASHES and self._adj(k) and self._low(k + 1) == "to":
            # "a two-to-three-week course", "a two- to three-week pause": "to" joined to the
            # first number by a hyphen (and to the second by one, or a space)
            k += 1
            sep = "to"
            if self._low(k + 1) in DASHES and self._adj(k) and self._adj(k + 1):
                k += 1
        dash = sep in DASHES and (self._adj(k) == self._adj(k + 1))
        frm = self._low(r.start - 1) == "from"
        if frm and sep == "up" and self._low(k + 1) == "to":
            k += 1  # "from 10 up to 20"
        elif frm and sep in ("through", "thru", "till", "until"):
            pass  # "from 5 through 9"
        elif not (sep in ("to", "–", "—") or dash or (sep == "and" and between)):
            return None
        r2 = read_number(toks, k + 1)
        if r2 is None or toks[k + 1].is_digits != toks[r.start].is_digits:
            return None
        r2 = self._paren_echo(r2)  # "between twenty (20) and forty (40)"
        if MONTHS.get(self._tx(r2.end)) is not None:
            return None  # "13-14 January": two days of a date range
        if self._low(r.start - 1) == "from" and self._low(r.start - 2) in _CHANGE_VERBS:
            return None  # "rose from 8 to 19": two counts, before and after
        low = r.value
        last = toks[r2.end - 1].low
        scale = SCALES.get(last) or (100 if last == "hundred" else None)
        first_last = toks[r.end - 1].low
        if (
            scale is not None
            and first_last not in SCALES
            and first_last != "hundred"
            and low * scale < r2.value
        ):
            low = low * scale  # "3 to 5 thousand troops", "two to three hundred workers"
        if not r2.value > low:
            return None  # "won 3-1", "5 to 2": not a range
        return SecondEnd(low, r2.value, r2.end, True, True)

    def _chained(self, r: NumberReading) -> SecondEnd | None:
        """A chained comparison around one letter: "10 < x < 20", "1 ≤ n ≤ 9", "0 <= x < 5"."""
        k = r.end
        ends: list[bool] = []
        for _ in range(2):
            op = self._tx(k)
            if op not in ("<", "≤"):
                return None
            k += 1
            closed = op == "≤"
            if op == "<" and self._tx(k) == "=" and self._adj(k):
                closed, k = True, k + 1
            ends.append(closed)
            if not ends[1:]:
                var = self._tx(k)
                if not (len(var) == 1 and var.isalpha()):
                    return None
                k += 1
        r2 = read_number(self.toks, k)
        if r2 is None or not r2.value > r.value:
            return None
        return SecondEnd(r.value, r2.value, r2.end, ends[0], ends[1])

    def _phrase_after(self, i: int) -> tuple[QuantityKind, int] | None:
        """A hedge phrase starting at token ``i`` ("less than", "a maximum of", "below"):
        (its kind, the token after it)."""
        for words, phrase in _hedges_by_first_word().get(self._low(i), ()):
            n = len(words)
            if all(self._low(i + m) == words[m] for m in range(n)):
                return hedges()[phrase].kind, i + n
        return None

    def _bound_after(self, k: int) -> tuple[QuantityKind, str, int] | None:
        """A bound written after a number or its noun at token ``k``: "or more", "at most",
        a plus sign touching the number ("5+ people")."""
        if self._tx(k) == "+" and self._adj(k) and not self._tx(k + 1)[:1].isdecimal():
            return QuantityKind.AT_LEAST, "+", k + 1
        if self._low(k) == "plus" and not self._tx(k + 1)[:1].isdecimal():
            return QuantityKind.AT_LEAST, "plus", k + 1  # "30 plus people"
        if self._tx(k) == "-" and self._adj(k) and self._low(k + 1) == "odd" and self._adj(k + 1):
            return QuantityKind.APPROXIMATE, "-odd", k + 2  # "20-odd people"
        pair = (self._low(k), self._low(k + 1))
        kind = _AFTER_NUMBER.get(pair)
        if kind is None:
            return None
        return kind, " ".join(pair), k + 2
