"""A fast verdict for records of the common shape: "valid, with no findings", or "not sure".

The bulk path (:func:`~ceasefire_terms.pipeline.records.validate_records`) first asks
:func:`clean_id` about each JSON line. It decodes the line with ``msgspec`` into typed structs
that mirror a *subset* of the agreement schema (the fields most records use), then runs the
cross-field checks of :func:`~ceasefire_terms.check` and the date arithmetic they need on
plain integers and dates, without building pydantic models or timeline events.

The answer is one-sided by design:

- the agreement's id when the record is certainly valid and :func:`~ceasefire_terms.check`
  would report nothing at all (no error, no warning) -- the record is accepted with no
  warnings, exactly as the full path would accept it;
- ``None`` whenever anything is outside the subset or looks wrong: an unknown field, a form
  of date or period the subset does not handle (months, hours, elapsed counting, business
  days, moments with an offset, ...), a dangling reference, any finding. The full path
  (``Agreement.model_validate_json`` + ``check``) then decides, and its errors and warnings
  are the ones reported.

Records given as mappings reach it as their JSON text, when they hold only plain JSON
values (``records._clean_mapping``); the model reads such a mapping as it reads its JSON.

So the fast path can only save time, never change a verdict, provided it never says "clean"
where the full path would not. That one property is what ``tests/test_pipeline_fast.py``
tests, on the bundled examples, on synthetic records and on hypothesis-generated
corruptions of them.

Single values are read by the model's own validators (periods, quantities and zones, cached),
so their rules are not written twice.

>>> good = b'{"id": "x", "title": "X", "zone": "UTC", "effective": "2025-01-19",'
>>> good += b' "phases": [{"id": "p1", "start": "agreement.effective", "length": "42 days",'
>>> good += b' "counting": "ordinal"}]}'
>>> clean_id(good)
'x'
>>> clean_id(good.replace(b'"ordinal"', b'"elapsed"')) is None  # not in the subset
True
>>> clean_id(good.replace(b'"42 days"', b'"0 days"')) is None  # invalid: the full path says why
True
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Annotated, Literal
from zoneinfo import ZoneInfo

import msgspec
from pydantic import TypeAdapter

from ..dates.arithmetic import localize
from ..dates.conventions import DstPolicy
from ..model.periods import Duration, Period, PeriodLike
from ..model.quantity import Interval, Quantity, QuantityLike
from ..model.when import get_zone

__all__ = ["MAX_NESTING", "clean_id"]

# -- the subset of the schema, as msgspec structs ---------------------------------------------
# Ids are checked in one go in _Fast.run() (a regex per field in msgspec costs more than the
# rest of the decoding): the model's id pattern without dots, so that event ids such as
# 'x.batch1' or 'p1.end' cannot be confused with a provision id.
FastId = str
QuantityIn = int | str
CountingIn = Literal["ordinal", "elapsed", "following"]
StatusIn = Literal["pending", "due", "fulfilled", "breached", "waived", "disputed", "superseded"]


class _S(msgspec.Struct, forbid_unknown_fields=True):
    pass


class FParty(_S):
    id: FastId
    name: str
    role: Literal["party", "mediator", "guarantor", "witness", "observer"] = "party"
    aliases: list[str] = []


class FSource(_S):
    id: FastId | None = None
    publisher: str | None = None
    url: str | None = None
    published: dt.date | None = None
    quote: str | None = None
    attributed_to: str | None = None
    note: str | None = None


class FRule(_S):
    anchor: str | None = None
    day: Annotated[int, msgspec.Meta(ge=1)] | None = None
    of: str | None = None
    after: str | None = None
    before: str | None = None
    counting: CountingIn | None = None


WhenIn = str | FRule


class FReported(_S):
    date: str
    sources: list[str] = []
    preferred: bool = False
    note: str | None = None


class FReading(_S):
    label: str | None = None
    quantity: QuantityIn | None = None
    text: str | None = None
    preferred: bool = False
    sources: list[str] = []
    note: str | None = None


class FPhase(_S):
    id: FastId
    ordinal: Annotated[int, msgspec.Meta(ge=0)] | None = None
    name: str | None = None
    description: str | None = None
    start: WhenIn | None = None
    length: str | None = None
    counting: CountingIn | None = None
    sources: list[str] = []
    reported_end: list[FReported] = []


class FPart(_S):
    label: str
    quantity: QuantityIn
    readings: list[FReading] = []
    sources: list[str] = []


class FRatio(_S):
    rate: QuantityIn
    per: str
    count: QuantityIn | None = None
    sources: list[str] = []


class FBatch(_S):
    due: WhenIn
    quantity: QuantityIn | None = None
    note: str | None = None
    sources: list[str] = []
    reported: list[FReported] = []


class FRate(_S):
    quantity: QuantityIn
    per: str
    parts: list[FPart] = []
    exhaustive: bool = False


class _FProvision(_S, kw_only=True, tag_field="type"):
    id: FastId
    phase: str | None = None
    description: str | None = None
    readings: list[FReading] = []
    sources: list[str] = []


class FExchange(_FProvision, kw_only=True, tag="exchange"):
    releasing: str
    released: str
    quantity: QuantityIn | None = None
    counterpart: str | None = None
    ratio_rules: list[FRatio] = []
    batches: list[FBatch] = []


class FObligation(_FProvision, kw_only=True, tag="obligation"):
    party: str
    action: str
    rate: FRate | None = None
    quantity: QuantityIn | None = None
    status: StatusIn = "pending"


class FDeadline(_FProvision, kw_only=True, tag="deadline"):
    label: str
    due: WhenIn
    relation: Literal["on", "no_later_than", "not_before"] = "on"
    every: str | None = None
    count: Annotated[int, msgspec.Meta(ge=1, le=10_000)] | None = None
    status: StatusIn = "pending"
    reported: list[FReported] = []


class FAmendment(_S):
    id: FastId
    target: str
    by: str
    kind: Literal["extend", "renew"] = "extend"
    counting: CountingIn | None = None
    description: str | None = None
    sources: list[str] = []


class FAgreement(_S):
    id: FastId
    title: str
    zone: str
    schema_version: Literal[1] = 1
    parties: list[FParty] = []
    announced: str | None = None
    signed: str | None = None
    effective_scheduled: str | None = None
    effective: str | None = None
    phases: list[FPhase] = []
    provisions: list[FExchange | FObligation | FDeadline] = []
    amendments: list[FAmendment] = []
    sources: list[FSource] = []
    purpose: str | None = None
    written: bool | None = None
    notes: str | None = None


_DECODER = msgspec.json.Decoder(FAgreement)


class _Unsure(Exception):
    """The fast path cannot vouch for the record; the full path decides."""


# -- single values, read by the model's own validators (cached) --------------------------------
_QUANTITY: TypeAdapter[Quantity] = TypeAdapter(QuantityLike)
_PERIOD: TypeAdapter[Period | Duration] = TypeAdapter(PeriodLike)


_INTERVALS: dict[QuantityIn, Interval] = {}


def _interval(value: QuantityIn) -> Interval:
    """The interval of a valid quantity (cached); int and str keys never collide (1 != "1"),
    and bools never get here (msgspec refuses them for int fields)."""
    iv = _INTERVALS.get(value)
    if iv is not None:
        return iv
    try:
        iv = _QUANTITY.validate_python(value).interval()
    except Exception:
        raise _Unsure from None
    if len(_INTERVALS) > 65_536:
        _INTERVALS.clear()
    _INTERVALS[value] = iv
    return iv


@lru_cache(maxsize=4096)
def _period_or_none(text: str) -> Period | Duration | None:
    try:
        return _PERIOD.validate_python(text)
    except Exception:
        return None


@lru_cache(maxsize=4096)
def _days_or_none(text: str) -> int | None:
    p = _period_or_none(text)
    if not isinstance(p, Period) or p.has_months or not p.is_positive():
        return None
    return p.total_days()


def _days(text: str) -> int:
    """A positive period of days and weeks, as a number of days."""
    n = _days_or_none(text)
    if n is None:
        raise _Unsure
    return n


@lru_cache(maxsize=1024)
def _zone_or_none(name: str) -> ZoneInfo | None:
    try:
        return get_zone(name)
    except Exception:  # whatever the zone database says, the full path decides
        return None


def _zone(name: str) -> ZoneInfo:
    z = _zone_or_none(name)
    if z is None:
        raise _Unsure
    return z


# -- moments: 'YYYY-MM-DD' and 'YYYY-MM-DD HH:MM Area/City' only --------------------------------
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_LOCAL = re.compile(
    r"(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}) ([A-Za-z][A-Za-z0-9_+\-/]*)", re.ASCII
)
# ids joined by NUL, each matching the model's id pattern without dots, at most 120 long
_IDS = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-]{0,119}(?:\x00[A-Za-z0-9][A-Za-z0-9_\-]{0,119})*")
_ORDER = (("announced", "effective"), ("signed", "effective"), ("announced", "signed"))
_ANCHOR = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*")
_ONE_DAY = dt.timedelta(days=1)
_MAX_DEPTH = 64
"""Longest chain of events defined by other events that the fast path follows."""

# A point: (local date, instant or None, end_of_day), as the resolver's _Point.
Point = tuple[dt.date, dt.datetime | None, bool]


def _moment(text: str, zone: ZoneInfo) -> tuple[dt.date, Point]:
    """(the date as written, for ordering; the resolved point)."""
    m = _DAY.fullmatch(text)
    if m is not None:
        d = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return d, (d, None, False)
    m = _LOCAL.fullmatch(text)
    if m is None:
        raise _Unsure
    d = dt.date(int(m[1]), int(m[2]), int(m[3]))
    hour, minute = int(m[4]), int(m[5])
    if hour > 23 or minute > 59:
        raise _Unsure
    at = localize(dt.datetime(d.year, d.month, d.day, hour, minute), _zone(m[6]), DstPolicy.RAISE)
    at = at.astimezone(zone)
    return d, (at.date(), at, False)


def _first_day(p: Point) -> dt.date:
    return p[0] + _ONE_DAY if p[2] else p[0]


def _last_day(p: Point) -> dt.date:
    if p[2]:
        return p[0]
    at = p[1]
    if at is not None and at.hour == 0 and at.minute == 0 and not at.second and not at.microsecond:
        return p[0] - _ONE_DAY
    return p[0]


def _offset(base: Point, days: int, sign: int, counting: str) -> Point:
    """``base`` moved by a period of ``days`` under ordinal or following counting."""
    d = base[0]
    if counting == "ordinal":
        # in the resolver's order of operations, so that a step past the calendar's edge
        # (year 9999 or 1) fails here as it fails there
        if sign > 0:
            out = _first_day(base) + dt.timedelta(days=days) - _ONE_DAY
        else:
            out = d - dt.timedelta(days=days) + _ONE_DAY
    elif counting == "following":
        out = d + dt.timedelta(days=sign * days)
    else:
        raise _Unsure  # elapsed counting works on instants; the full path handles it
    return (out, None, sign > 0)


# -- the check ---------------------------------------------------------------------------------
class _Fast:
    def __init__(self, a: FAgreement) -> None:
        self.a = a
        self.zone = _zone(a.zone)
        self.phases = {p.id: p for p in a.phases}
        self.done: dict[str, Point] = {}
        self.visiting: set[str] = set()
        self.amended: dict[str, list[FAmendment]] = {}

    def point(self, event_id: str) -> Point:
        p = self.done.get(event_id)
        if p is not None:
            return p
        if event_id in self.visiting or len(self.visiting) > _MAX_DEPTH:
            raise _Unsure  # a cycle, or a chain the full path may not resolve: it decides
        self.visiting.add(event_id)
        head, _, tail = event_id.partition(".")
        ph = self.phases.get(head)
        if ph is None or tail not in ("start", "end"):
            raise _Unsure  # an event the subset does not date, or none at all
        p = self.phase_start(ph) if tail == "start" else self.phase_end(ph)
        self.visiting.discard(event_id)
        self.done[event_id] = p
        return p

    def when(self, w: WhenIn, inherited: str | None) -> Point:
        if type(w) is str:
            # The model reads a string that starts with four digits as a date (even
            # '2025p.end', which is then invalid), anything else as an event id.
            if w[:4].isdigit():
                raise _Unsure
            p = self.done.get(w)  # every key of 'done' is an event id
            if p is not None:
                return p
            if _ANCHOR.fullmatch(w) is None:
                raise _Unsure  # not an event id
            return self.point(w)
        assert isinstance(w, FRule)
        day = w.day
        if day is not None:
            if w.of is None or w.anchor is not None or w.after is not None or w.before is not None:
                raise _Unsure
            start = self.done.get(w.of + ".start")
            if start is None:
                if w.of not in self.phases:
                    raise _Unsure
                start = self.point(w.of + ".start")
            return (_first_day(start) + dt.timedelta(days=day - 1), None, False)
        if w.anchor is None or w.of is not None or (w.after is not None and w.before is not None):
            raise _Unsure
        base = self.point(w.anchor)
        text = w.after if w.after is not None else w.before
        if text is None:
            return base
        counting = w.counting or inherited
        if counting is None:
            raise _Unsure
        return _offset(base, _days(text), 1 if w.after is not None else -1, counting)

    def phase_start(self, ph: FPhase) -> Point:
        if ph.start is None:
            raise _Unsure
        p = self.when(ph.start, ph.counting)
        bare = isinstance(ph.start, str) or (ph.start.after is None and ph.start.before is None)
        if p[2] and bare:
            return (p[0] + _ONE_DAY, None, False)
        return p

    def phase_end(self, ph: FPhase) -> Point:
        if ph.length is None or ph.counting is None:
            raise _Unsure
        p = _offset(self.point(f"{ph.id}.start"), _days(ph.length), 1, ph.counting)
        for am in self.amended.get(ph.id, ()):
            counting = am.counting or ph.counting
            p = _offset(p, _days(am.by), 1, "following" if counting == "ordinal" else counting)
        return p

    def run(self) -> bool:
        a = self.a
        done = self.done
        # moments, and their order
        stated: dict[str, dt.date] = {}
        for name in ("announced", "signed", "effective_scheduled", "effective"):
            text = getattr(a, name)
            if text is not None:
                stated[name], done["agreement." + name] = _moment(text, self.zone)
        for early, late in _ORDER:
            if early in stated and late in stated and stated[early] > stated[late]:
                return False

        # ids: one namespace, the model's pattern (no dots here), no provision or phase called
        # 'agreement' (it would own the agreement's events in the phase check)
        ids = [p.id for p in a.parties]
        ids += [p.id for p in a.phases]
        ids += [p.id for p in a.provisions]
        ids += [am.id for am in a.amendments]
        if len(set(ids)) != len(ids) or "agreement" in ids:
            return False
        sources = [s.id for s in a.sources if s.id is not None]
        every = [a.id, *ids, *sources]
        joined = "\x00".join(every)
        if joined.count("\x00") != len(every) - 1 or _IDS.fullmatch(joined) is None:
            return False  # (an id holding a NUL would otherwise pass as two)
        party_ids = {p.id for p in a.parties}
        source_ids = set(sources)
        exchanges = {p.id: p for p in a.provisions if type(p) is FExchange}
        refs: list[str] = []  # every source id cited where check() looks
        quantities: list[QuantityIn] = []  # every quantity, for the model's validator

        for am in a.amendments:
            target = self.phases.get(am.target)
            if target is None or target.length is None:
                return False
            refs += am.sources
            self.amended.setdefault(am.target, []).append(am)

        # phases: every start and end the full timeline holds, and their order
        prev: Point | None = None
        for ph in a.phases:
            refs += ph.sources
            p = self.point(ph.id + ".start")
            first = _first_day(p)
            if prev is not None and first <= _last_day(prev):
                touching = prev[1] is not None and p[1] is not None and p[1] >= prev[1]
                if not touching:
                    return False
            if ph.reported_end and (ph.length is None or ph.id in self.amended):
                # an open phase has no end to compare with; an amended one is compared with
                # the original timeline, which the fast path does not compute
                raise _Unsure
            if ph.length is None:
                continue
            end = self.point(ph.id + ".end")
            if _last_day(end) < first:
                return False
            if not _reported_agree(ph.reported_end, end, refs):
                return False
            prev = end

        for prov in a.provisions:
            refs += prov.sources
            preferred = 0
            for r in prov.readings:
                refs += r.sources
                preferred += r.preferred
                if r.quantity is not None:
                    quantities.append(r.quantity)
            if preferred > 1:
                return False
            owner = None
            if prov.phase is not None:
                owner = self.phases.get(prov.phase)
                if owner is None:
                    return False
            inherited = owner.counting if owner is not None else None
            dates: list[dt.date] = []
            kind = type(prov)
            if kind is FExchange:
                assert isinstance(prov, FExchange)
                if prov.releasing not in party_ids:
                    return False
                if prov.counterpart is not None and prov.counterpart not in exchanges:
                    return False
                for rr in prov.ratio_rules:
                    quantities.append(rr.rate)
                    if rr.count is not None:
                        quantities.append(rr.count)
                    refs += rr.sources
                for b in prov.batches:
                    if b.quantity is not None:
                        quantities.append(b.quantity)
                    refs += b.sources
                    due = self.when(b.due, inherited)
                    if not _reported_agree(b.reported, due, refs):
                        return False
                    dates.append(due[0])
                if not self.exchange_ok(prov, exchanges):
                    return False
            elif kind is FObligation:
                assert isinstance(prov, FObligation)
                if prov.party not in party_ids:
                    return False
                if prov.quantity is not None:
                    quantities.append(prov.quantity)
                if prov.rate is not None and not self.rate_ok(prov.rate, quantities):
                    return False
            else:
                assert isinstance(prov, FDeadline)
                first_due = self.when(prov.due, inherited)
                # (on a recurring deadline the readings go with its first occurrence)
                if not _reported_agree(prov.reported, first_due, refs):
                    return False
                if prov.every is None:
                    if prov.count is not None:
                        return False
                    dates.append(first_due[0])
                else:
                    step, count = _days(prov.every), prov.count
                    if count is None or first_due[1] is not None:
                        return False
                    day = first_due[0]
                    dates.append(day)
                    dates.append(day + dt.timedelta(days=(count - 1) * step))
            if owner is not None and dates:
                lo = _first_day(done[owner.id + ".start"])
                last = done.get(owner.id + ".end")
                if min(dates) < lo or (last is not None and max(dates) > _last_day(last)):
                    return False

        if not source_ids.issuperset(refs):
            return False
        for q in quantities:
            if q not in _INTERVALS:
                _interval(q)
        return True

    @staticmethod
    def rate_ok(rate: FRate, quantities: list[QuantityIn]) -> bool:
        # Interval arithmetic as check() does it (Interval.sum adds from 0 in order), on plain
        # numbers: parts must fit the total; exhaustive parts must overlap it.
        _any_period(rate.per)
        whole = _INTERVALS.get(rate.quantity) or _interval(rate.quantity)
        if not rate.parts:
            return True
        low: float = 0
        high: float = 0
        for part in rate.parts:
            iv = _INTERVALS.get(part.quantity) or _interval(part.quantity)
            low += iv.low
            high += iv.high
            for r in part.readings:
                if r.quantity is not None:
                    quantities.append(r.quantity)
        if low > whole.high:
            return False
        return not (rate.exhaustive and not (low <= whole.high and whole.low <= high))

    @staticmethod
    def exchange_ok(ex: FExchange, exchanges: dict[str, FExchange]) -> bool:
        if ex.quantity is None:
            return True
        total = _INTERVALS.get(ex.quantity) or _interval(ex.quantity)
        low: float = 0
        for b in ex.batches:
            if b.quantity is not None:
                low += (_INTERVALS.get(b.quantity) or _interval(b.quantity)).low
        if low > total.high:
            return False
        if ex.ratio_rules and ex.counterpart in exchanges:
            if any(r.count is not None for r in ex.ratio_rules):
                return False  # a count changes what the rules imply: the full path decides
            other = exchanges[ex.counterpart]
            if other.quantity is None:
                return True
            rates = [_INTERVALS.get(r.rate) or _interval(r.rate) for r in ex.ratio_rules]
            lo, hi = min(r.low for r in rates), max(r.high for r in rates)
            them = _INTERVALS.get(other.quantity) or _interval(other.quantity)
            # the implied interval [them.low * lo, them.high * hi] must overlap the total
            if not (them.low * lo <= total.high and total.low <= them.high * hi):
                return False
        return True


def _reported_agree(readings: list[FReported], p: Point, refs: list[str]) -> bool:
    """Whether every published date agrees with the computed point, as ``compare_reported``
    judges it (a reading that differs is a finding, preferred or not); only readings written
    as a plain 'YYYY-MM-DD' are compared here. Their sources join ``refs``."""
    for r in readings:
        refs += r.sources
        m = _DAY.fullmatch(r.date)
        if m is None:
            raise _Unsure  # an instant, a local time, a partial date: the full path compares
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        d, at, end_of_day = p
        if day == d:
            continue  # the same day (the event's local date, or the last day of a period)
        if end_of_day or at is None:
            return False
        midnight = at.hour == 0 and at.minute == 0 and not at.second and not at.microsecond
        if not (midnight and day == d - _ONE_DAY):
            return False  # (else: the last day covered by a period ending at midnight)
    return True


def _any_period(text: str) -> None:
    """Any valid period or duration (a rate's 'per' is not checked further)."""
    if _period_or_none(text) is None:
        raise _Unsure


def clean_id(line: bytes) -> str | None:
    """The record's id when it is certainly valid with no findings; ``None`` when the full
    path must decide (see the module docs)."""
    try:
        a = _DECODER.decode(line)
    except Exception:  # malformed, outside the subset, invalid UTF-8: the full path says
        return None
    try:
        return a.id if _Fast(a).run() else None
    except Exception:  # _Unsure, or anything unforeseen: the full path decides and reports
        return None


MAX_NESTING = 10
"""How deep a record of the subset can nest, counted as ``Limits.max_depth`` counts: the
record is level 1, and the deepest value, a source id cited by a reading of a part of an
obligation's rate, is level 10. A record the fast path vouches for is never deeper, so a depth
limit of at least this much cannot reject it."""
