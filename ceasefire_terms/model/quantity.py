"""Quantities as reported: exact, hedged, ranges and bounds, each with an interval meaning.

>>> q = parse_quantity("approximately 1,900 prisoners")
>>> q.kind, q.value, q.unit, q.hedge
(<QuantityKind.APPROXIMATE: 'approximate'>, 1900, 'prisoners', 'approximately')
>>> q.interval()
Interval(low=1805, high=1995)
>>> parse_quantity("between 1,700 and 2,000").interval()
Interval(low=1700, high=2000)
>>> parse_quantity("more than 1,000").interval()
Interval(low=1001, high=inf)
>>> Interval.sum([parse_quantity("3").interval(), parse_quantity("up to 4").interval()])
Interval(low=3, high=7)

A range states whether each end is included ("more than 10 and less than 40" excludes both);
:meth:`Quantity.bounds` gives the ends as stated, with no tolerance added for hedges:

>>> Quantity(kind="range", low=10, high=40, low_closed=False, high_closed=False).bounds()
Bounds(low=10, high=40, low_closed=False, high_closed=False)
>>> Quantity(kind="range", low=10, high=40, low_closed=False, high_closed=False).interval()
Interval(low=11, high=39)
>>> parse_quantity("more than 1,000").bounds()
Bounds(low=1000, high=None, low_closed=False, high_closed=False)

The hedge vocabulary and the tolerance given to each hedge are documented data in
``ceasefire_terms/data/hedges.yaml``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from enum import StrEnum
from functools import cache, lru_cache
from importlib import resources
from typing import Annotated, Any, Generic, NamedTuple, TypeVar

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from ..errors import ParseError
from . import _services

__all__ = [
    "Bounds",
    "Hedge",
    "Interval",
    "Quantity",
    "QuantityKind",
    "QuantityLike",
    "bounds_of",
    "hedges",
    "parse_quantity",
]

_EXPECTED = (
    "must be a quantity such as '33', 'approximately 1,900', 'between 1,700 and 2,000', "
    "'at least 50' or 'up to 600 trucks'"
)


class QuantityKind(StrEnum):
    EXACT = "exact"
    APPROXIMATE = "approximate"
    NEARLY = "nearly"
    RANGE = "range"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    AT_MOST = "at_most"
    FEWER_THAN = "fewer_than"


class Hedge(NamedTuple):
    phrase: str
    kind: QuantityKind
    tolerance: float


_SafeLoader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML has it (the same safe constructor, the C parser): the
first quantity a command validates reads the vocabulary, and the pure-Python parser took
about 10 ms of start-up for it (docs/performance.md)."""


@cache
def hedges() -> dict[str, Hedge]:
    """The hedge vocabulary, read once from ``data/hedges.yaml``: phrase -> :class:`Hedge`."""
    text = resources.files("ceasefire_terms").joinpath("data/hedges.yaml").read_text("utf-8")
    raw: dict[str, dict[str, Any]] = yaml.load(text, Loader=_SafeLoader)
    return {
        phrase: Hedge(phrase, QuantityKind(spec["kind"]), float(spec.get("tolerance", 0.0)))
        for phrase, spec in raw.items()
    }


@cache
def _hedges_longest_first() -> tuple[str, ...]:
    return tuple(sorted(hedges(), key=len, reverse=True))


Number = int | float
MAX_COUNT = 10**15
"""The largest figure a quantity may state (far beyond any count in an agreement)."""


class Interval(NamedTuple):
    """A closed interval ``[low, high]``; ``high`` may be ``inf`` (no upper bound)."""

    low: Number
    high: Number

    def __repr__(self) -> str:
        return f"Interval(low={_fmt(self.low)}, high={_fmt(self.high)})"

    def __str__(self) -> str:
        if self.low == self.high:
            return _group(self.low)
        if math.isinf(self.high):
            return f"{_group(self.low)} or more"
        return f"{_group(self.low)}–{_group(self.high)}"

    def contains(self, x: Number) -> bool:
        return self.low <= x <= self.high

    def overlaps(self, other: Interval) -> bool:
        return self.low <= other.high and other.low <= self.high

    def within(self, other: Interval) -> bool:
        return other.low <= self.low and self.high <= other.high

    def __add__(self, other: object) -> Interval:
        if not isinstance(other, Interval):
            return NotImplemented
        return Interval(self.low + other.low, self.high + other.high)

    def scale(self, lo: Number, hi: Number) -> Interval:
        """The set ``{x * k : x in self, k in [lo, hi]}`` for non-negative intervals."""
        return Interval(self.low * lo, self.high * hi)

    @staticmethod
    def sum(intervals: Iterable[Interval]) -> Interval:
        total = Interval(0, 0)
        for i in intervals:
            total = total + i
        return total


End = TypeVar("End")


class Bounds(NamedTuple, Generic[End]):
    """The ends of the values a figure states, as stated: ``None`` for a missing end, and
    whether each end is included. An approximate figure's bounds are its number (the hedge
    says it is vague; :meth:`Quantity.interval` adds the tolerance).

    One concept for every kind of figure: a quantity's ends are numbers (``Bounds[Number]``);
    a duration mention's ends are lengths ("10 to 15 minutes", "at least 3 days", "several
    days": see ``Mention.bounds`` in the extraction package). :func:`bounds_of` says which
    ends a :class:`QuantityKind` states.
    """

    low: End | None
    high: End | None
    low_closed: bool
    high_closed: bool


def bounds_of(kind: QuantityKind, value: End) -> Bounds[End]:
    """The ends that a one-valued figure of ``kind`` states: "more than 1,000" has an open
    lower end and no upper end; "up to 6 months" a closed upper end; an exact or approximate
    figure is its value at both ends.

    >>> bounds_of(QuantityKind.AT_MOST, 600)
    Bounds(low=None, high=600, low_closed=False, high_closed=True)
    """
    if kind is QuantityKind.MORE_THAN:
        return Bounds(value, None, False, False)
    if kind is QuantityKind.AT_LEAST:
        return Bounds(value, None, True, False)
    if kind is QuantityKind.AT_MOST:
        return Bounds(None, value, False, True)
    if kind is QuantityKind.FEWER_THAN:
        return Bounds(None, value, False, False)
    return Bounds(value, value, True, True)


def _fmt(x: Number) -> str:
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def _group(x: Number) -> str:
    if isinstance(x, float) and math.isinf(x):
        return "∞"
    if isinstance(x, float) and not x.is_integer():
        return f"{x:,}"  # every stated digit: 9.2321312 is not shown as 9.23
    return f"{int(x):,}"


def _clean(x: float) -> Number:
    return int(x) if float(x).is_integer() and not math.isinf(x) else x


class Quantity(BaseModel):
    """A reported number of things, with its hedge and its group noun.

    Counts are whole things: "more than 1,000" means at least 1,001 and "fewer than 10" at
    most 9 when the value is whole.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    kind: QuantityKind = QuantityKind.EXACT
    value: Number | None = Field(default=None, ge=0, le=MAX_COUNT, description="the stated number")
    low: Number | None = Field(default=None, ge=0, le=MAX_COUNT, description="lower end of a range")
    high: Number | None = Field(
        default=None, ge=0, le=MAX_COUNT, description="upper end of a range"
    )
    low_closed: bool = Field(default=True, description="a range includes its lower end")
    high_closed: bool = Field(default=True, description="a range includes its upper end")
    hedge: str | None = Field(default=None, description="the hedge words as written")
    unit: str | None = Field(default=None, description="group noun, e.g. 'prisoners'")
    text: str | None = Field(default=None, description="the words it was read from")

    @model_validator(mode="after")
    def _shape(self) -> Quantity:
        if self.kind is QuantityKind.RANGE:
            if self.low is None or self.high is None:
                raise ValueError("a range quantity needs both 'low' and 'high'")
            if self.low > self.high:
                raise ValueError(
                    f"a range needs low <= high (got low={self.low!r}, high={self.high!r})"
                )
            if self.low == self.high and not (self.low_closed and self.high_closed):
                raise ValueError(f"a range with an open end needs low < high (got {self.low!r})")
        elif self.value is None:
            raise ValueError(f"a {self.kind.value} quantity needs 'value'")
        elif not (self.low_closed and self.high_closed):
            raise ValueError("only a range quantity has open ends ('low_closed', 'high_closed')")
        return self

    def __str__(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        if self.kind is QuantityKind.RANGE:
            assert self.low is not None and self.high is not None
            body = f"{_group(self.low)}–{_group(self.high)}"
            if not (self.low_closed and self.high_closed):
                body = f"{'[' if self.low_closed else '('}{body}{']' if self.high_closed else ')'}"
            return f"{body}{unit}"
        assert self.value is not None
        # the hedge as written when it is a phrase read before a number ("about 60"); else
        # the kind in words, so that "scores of people" shows as "at least 40 people" and
        # "200 or more" as "at least 200" (the words stay in ``hedge``)
        if self.hedge and self.hedge.lower() in hedges():
            hedge = f"{self.hedge} "
        elif self.kind is not QuantityKind.EXACT:
            hedge = self.kind.value.replace("_", " ") + " "
        else:
            hedge = ""
        return f"{hedge}{_group(self.value)}{unit}"

    def __repr__(self) -> str:
        return f"Quantity({str(self)!r})"

    def _repr_html_(self) -> str:
        return _services.quantity_html(self)

    def interval(self, *, tolerance: float | None = None) -> Interval:
        """The values the figure admits. ``tolerance`` overrides the hedge's own width for
        approximate figures."""
        k = self.kind
        if k is QuantityKind.RANGE:
            assert self.low is not None and self.high is not None
            lo, hi = self.low, self.high
            if not self.low_closed and float(lo).is_integer():
                lo = lo + 1
            if not self.high_closed and float(hi).is_integer():
                hi = hi - 1
            return Interval(lo, hi) if lo <= hi else Interval(self.low, self.high)
        v = self.value
        assert v is not None
        whole = float(v).is_integer()
        if k is QuantityKind.EXACT:
            return Interval(v, v)
        if k in (QuantityKind.APPROXIMATE, QuantityKind.NEARLY):
            t = tolerance if tolerance is not None else self._tolerance()
            lo, hi = v * (1 - t), (v * (1 + t) if k is QuantityKind.APPROXIMATE else v)
            if whole:
                return Interval(_clean(math.ceil(lo)), _clean(math.floor(hi)))
            return Interval(lo, hi)
        if k is QuantityKind.AT_LEAST:
            return Interval(v, math.inf)
        if k is QuantityKind.MORE_THAN:
            return Interval(v + 1 if whole else v, math.inf)
        if k is QuantityKind.AT_MOST:
            return Interval(0, v)
        # FEWER_THAN
        return Interval(0, max(v - 1, 0) if whole else v)

    def bounds(self) -> Bounds[Number]:
        """The ends as stated (see :class:`Bounds` and :func:`bounds_of`)."""
        if self.kind is QuantityKind.RANGE:
            return Bounds(self.low, self.high, self.low_closed, self.high_closed)
        assert self.value is not None
        return bounds_of(self.kind, self.value)

    def _tolerance(self) -> float:
        if self.hedge:
            h = hedges().get(self.hedge.lower())
            if h is not None:
                return h.tolerance
        return 0.05

    @property
    def is_exact(self) -> bool:
        return self.kind is QuantityKind.EXACT


_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_NUMBER = rf"(?:{_NUM})(?:\s+(?:thousand|million|billion))?"
_RANGE = re.compile(
    rf"^(?:between\s+)?(?P<a>{_NUMBER})\s*(?:and|to|-|–|—)\s*(?P<b>{_NUMBER})(?P<rest>.*)$"
)
_SINGLE = re.compile(rf"^(?P<a>{_NUMBER})(?P<rest>.*)$")


def _number(part: str, text: str) -> Number:
    """The number in ``part`` of ``text``, within the model's bounds (else ParseError)."""
    words = part.split()
    base = float(words[0].replace(",", ""))
    if len(words) > 1:
        base *= _SCALE[words[1]]
    if not base <= MAX_COUNT:
        raise ParseError(f"must be at most {MAX_COUNT:,}", got=text)
    return _clean(base)


def parse_quantity(text: str) -> Quantity:
    """Read a figure as reported (see :func:`_parse_quantity`); results are cached, which is
    safe because quantities are immutable."""
    if not isinstance(text, str):
        raise ParseError(_EXPECTED, got=text)
    return _parse_quantity_cached(text)


@lru_cache(maxsize=4096)
def _parse_quantity_cached(text: str) -> Quantity:
    return _parse_quantity(text)


def _parse_quantity(text: str) -> Quantity:
    """Read a figure as reported: digits with thousands separators, an optional hedge before
    it (see :func:`hedges`), an optional range, and an optional group noun after it.

    Number words ("thirty-three") are read by the extraction module, not here.
    """
    if not isinstance(text, str):
        raise ParseError(_EXPECTED, got=text)
    s = " ".join(text.strip().lower().split())
    hedge: Hedge | None = None
    for phrase in _hedges_longest_first():
        if s.startswith(phrase + " "):
            hedge = hedges()[phrase]
            s = s[len(phrase) + 1 :]
            break
    m = _RANGE.match(s) if hedge is None else None
    if m:
        unit = m.group("rest").strip() or None
        if unit is not None and not _is_noun(unit):
            raise ParseError(_EXPECTED, got=text)
        low, high = _number(m.group("a"), text), _number(m.group("b"), text)
        if low > high:
            raise ParseError("must be a range with its lower end first", got=text)
        return Quantity(kind=QuantityKind.RANGE, low=low, high=high, unit=unit, text=text)
    m = _SINGLE.match(s)
    if not m:
        raise ParseError(_EXPECTED, got=text)
    unit = m.group("rest").strip() or None
    if unit is not None and not _is_noun(unit):
        raise ParseError(_EXPECTED, got=text)
    kind = hedge.kind if hedge else QuantityKind.EXACT
    return Quantity(
        kind=kind,
        value=_number(m.group("a"), text),
        hedge=_original_hedge(text, hedge),
        unit=unit,
        text=text,
    )


def _is_noun(rest: str) -> bool:
    return bool(re.fullmatch(r"[a-z][a-z' -]*", rest))


def _original_hedge(text: str, hedge: Hedge | None) -> str | None:
    if hedge is None:
        return None
    return " ".join(text.split()[: len(hedge.phrase.split())])


def _coerce(value: Any) -> Any:
    if isinstance(value, bool):
        raise ParseError(_EXPECTED, got=value)
    if isinstance(value, (int, float)):
        if value < 0 or (isinstance(value, float) and not math.isfinite(value)):
            raise ParseError("must be a non-negative finite number", got=value)
        if value > MAX_COUNT:
            raise ParseError(f"must be at most {MAX_COUNT:,}", got=value)
        return Quantity(value=value)
    if isinstance(value, str):
        return parse_quantity(value)
    return value


QuantityLike = Annotated[Quantity, BeforeValidator(_coerce)]
"""A field type accepting ``33``, ``"approximately 1,900"``, or a full Quantity mapping."""
