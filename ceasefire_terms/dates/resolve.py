"""Resolve an agreement's rules into dated events, each with the trace of how it was computed.

The resolver is lazy and memoised: an event is computed when something asks for it, its
anchors first; a rule that (indirectly) refers to itself raises :class:`CycleError`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any

from dateutil import rrule
from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

from ..errors import (
    ConventionError,
    CycleError,
    NonexistentTimeError,
    ParseError,
    UnknownReferenceError,
    UnresolvableError,
)
from ..model.agreement import (
    AGREEMENT_EVENTS,
    Agreement,
    Amendment,
    AmendmentKind,
    Boundary,
    Deadline,
    Exchange,
    Obligation,
    Phase,
    Rule,
)
from ..model.periods import Duration, Period
from ..model.provenance import ReportedDate
from ..model.when import Moment, get_zone
from .arithmetic import (
    add_calendar,
    add_exact,
    add_period,
    days_to_exact,
    dst_change,
    localize,
    start_of_day,
)
from .conventions import BusinessCalendar, Counting, DstPolicy, MonthEnd, Roll, roll

__all__ = ["Event", "EventKind", "PhaseStatus", "Status", "Timeline", "resolve"]


class EventKind(StrEnum):
    AGREEMENT = "agreement"
    PHASE_START = "phase_start"
    PHASE_END = "phase_end"
    DEADLINE = "deadline"
    OBLIGATION = "obligation"
    BATCH = "batch"
    AMENDMENT = "amendment"
    AMENDED_END = "amended_end"
    RENEWAL = "renewal"


Instant = Annotated[
    dt.datetime,
    PlainSerializer(lambda d: d.isoformat(), return_type=str, when_used="json"),
]


class Event(BaseModel):
    """One resolved event.

    ``date`` is the local date in the agreement's zone. ``at`` is the instant when one is
    known (an aware datetime in the zone) and ``None`` for a day-level event. ``end_of_day``
    marks the end of a period counted in days: the period runs through the whole of ``date``.
    ``rule`` says in words how the date was computed, naming the convention.
    """

    model_config = ConfigDict(frozen=True, defer_build=True)

    id: str
    label: str
    kind: EventKind
    date: dt.date
    at: Instant | None = None
    end_of_day: bool = False
    rule: str
    phase: str | None = None
    counting: Counting | None = None
    reported: tuple[ReportedDate, ...] = ()
    original_date: dt.date | None = Field(
        default=None, description="the date before amendments, where they moved it"
    )

    @property
    def at_utc(self) -> dt.datetime | None:
        return None if self.at is None else self.at.astimezone(dt.UTC)

    def as_dict(self) -> dict[str, Any]:
        """The command line's JSON shape: id, label, kind, date, at, rule (+ extras)."""
        return {
            "id": self.id,
            "label": self.label,
            "kind": self.kind.value,
            "date": self.date.isoformat(),
            "at": None if self.at is None else self.at.isoformat(),
            "at_utc": None if self.at is None else self.at_utc.isoformat(),  # type: ignore[union-attr]
            "end_of_day": self.end_of_day,
            "rule": self.rule,
            "counting": None if self.counting is None else self.counting.value,
            "phase": self.phase,
        }

    def _sort_key(self) -> tuple[dt.date, int, float, int]:
        """Same-day order: timed events by instant, then day-level events, then period ends."""
        kind_order = 0 if self.kind is EventKind.AGREEMENT else 1
        if self.at is not None:
            return (self.date, 0, self.at.timestamp(), kind_order)
        return (self.date, 2 if self.end_of_day else 1, 0.0, kind_order)

    def __str__(self) -> str:
        when = self.at.isoformat(timespec="minutes") if self.at else self.date.isoformat()
        return f"{when}  {self.label}"


class PhaseStatus(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    phase: str
    name: str | None
    day: int = Field(description="day number within the phase, day 1 = its start day")
    days_left: int | None = Field(description="whole days of the phase after this one")
    ends: dt.date | None
    end_rule: str | None


class Status(BaseModel):
    """The state of an agreement on a date: the active phase(s) and their day numbers, what
    falls due that day, what comes next and what has passed."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    on: dt.date
    active: tuple[PhaseStatus, ...]
    due: tuple[Event, ...]
    upcoming: tuple[Event, ...]
    passed: tuple[Event, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "on": self.on.isoformat(),
            "active": [a.model_dump(mode="json") for a in self.active],
            "due": [e.as_dict() for e in self.due],
            "upcoming": [e.as_dict() for e in self.upcoming],
            "passed": [e.as_dict() for e in self.passed],
        }


class Unresolved(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    id: str
    reason: str


class Timeline(BaseModel):
    """The ordered events of an agreement, with what could not be dated."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    agreement: str
    zone: str
    amended: bool
    events: tuple[Event, ...]
    unresolved: tuple[Unresolved, ...] = ()

    def __iter__(self) -> Any:
        return iter(self.events)

    def __repr__(self) -> str:
        return f"Timeline({self.agreement!r}, {len(self.events)} events, zone={self.zone!r})"

    def _repr_html_(self) -> str:
        from ..display import timeline_html

        return timeline_html(self)

    def __len__(self) -> int:
        return len(self.events)

    @cached_property
    def _by_id(self) -> dict[str, Event]:
        return {e.id: e for e in self.events}

    def __getitem__(self, event_id: str) -> Event:
        found = self._by_id.get(event_id)
        if found is not None:
            return found
        raise UnknownReferenceError(
            "must be the id of an event in this timeline",
            path="event",
            got=event_id,
            hint=f"known ids: {', '.join(e.id for e in self.events)}",
        )

    def get(self, event_id: str) -> Event | None:
        return self._by_id.get(event_id)

    def as_dict(self) -> dict[str, Any]:
        return {
            "agreement": self.agreement,
            "zone": self.zone,
            "amended": self.amended,
            "events": [e.as_dict() for e in self.events],
            "unresolved": [u.model_dump() for u in self.unresolved],
        }

    # -- questions ---------------------------------------------------------------------------
    def on(self, day: dt.date | str) -> tuple[Event, ...]:
        """Events that fall on a local date ("what is due on 10 Feb?")."""
        d = _as_date(day)
        return tuple(e for e in self.events if e.date == d)

    def _bounds(self, phase_id: str) -> tuple[Event, Event | None]:
        start = self.get(f"{phase_id}.start")
        if start is None:
            raise UnknownReferenceError(
                "must be a phase with a resolved start", path="phase", got=phase_id
            )
        return start, self.get(f"{phase_id}.end")

    def day(self, phase_id: str, n: int) -> dt.date:
        """Local date of day ``n`` of a phase (day 1 = the start day)."""
        if not isinstance(n, int) or n < 1:
            raise ParseError("must be a day number of 1 or more", path="n", got=n)
        start, _ = self._bounds(phase_id)
        return first_day(start) + dt.timedelta(days=n - 1)

    def day_of(self, phase_id: str, on: dt.date | str) -> int:
        """Day number of ``on`` within a phase (1 = its start day)."""
        start, _ = self._bounds(phase_id)
        return (_as_date(on) - first_day(start)).days + 1

    def status_on(self, when: dt.date | dt.datetime | str, *, upcoming: int = 5) -> Status:
        """The state on a local date, or at an aware instant. With an instant, a phase whose
        end is an instant (elapsed counting) is over from that instant on, not from the next
        day; with a date, the whole day counts."""
        instant = _as_instant(when, self.zone)
        d = instant.date() if instant is not None else _as_date(when)
        active = []
        for e in self.events:
            if e.kind is not EventKind.PHASE_START or e.phase is None:
                continue
            end = self.get(f"{e.phase}.end")
            first = first_day(e)
            last = None if end is None else last_day(end)
            started = first <= d
            if instant is not None and e.at is not None:
                started = e.at <= instant
            running = last is None or d <= last
            if instant is not None and end is not None and end.at is not None:
                running = instant < end.at
            if started and running:
                active.append(
                    PhaseStatus(
                        phase=e.phase,
                        name=e.label.removesuffix(" begins"),
                        day=(d - first).days + 1,
                        days_left=None if last is None else (last - d).days,
                        ends=None if end is None else end.date,
                        end_rule=None if end is None else end.rule,
                    )
                )
        due: list[Event] = []
        later: list[Event] = []
        passed: list[Event] = []
        for e in self.events:  # one pass, in timeline order
            (due if e.date == d else later if e.date > d else passed).append(e)
        return Status(
            on=d,
            active=tuple(active),
            due=tuple(due),
            upcoming=tuple(later[:upcoming]),
            passed=tuple(passed),
        )


def _as_instant(value: object, zone: str) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            from ..errors import TimeZoneError

            raise TimeZoneError(
                "must be an aware datetime (with a zone or UTC offset)", got=value.isoformat()
            )
        return value.astimezone(get_zone(zone))
    return None


def first_day(e: Event) -> dt.date:
    """The first local day of a period that begins at event ``e``."""
    return e.date + dt.timedelta(days=1) if e.end_of_day else e.date


def last_day(e: Event) -> dt.date:
    """The last local day a period ending at ``e`` covers."""
    if e.end_of_day:
        return e.date
    if e.at is not None and e.at.time() == dt.time(0, 0):
        return e.date - dt.timedelta(days=1)
    return e.date


def _as_date(value: dt.date | dt.datetime | str) -> dt.date:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            from ..errors import TimeZoneError

            raise TimeZoneError("must be an aware datetime", got=value.isoformat())
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError as exc:
            raise ParseError("must be a date YYYY-MM-DD", got=value) from exc
    raise ParseError("must be a date YYYY-MM-DD", got=value)


# ---------------------------------------------------------------------------------------------
# Resolution
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Point:
    date: dt.date
    at: dt.datetime | None
    end_of_day: bool
    rule: str
    counting: Counting | None = None
    original: dt.date | None = None


@dataclass(frozen=True)
class _Terms:
    """How the dates of an amended target are counted when an amendment moves them."""

    counting: Counting | None
    month_end: MonthEnd | None
    roll: Roll
    calendar: BusinessCalendar | None
    dst: DstPolicy

    @staticmethod
    def of_due(due: Moment | Rule, inherited: Counting | None) -> _Terms:
        if isinstance(due, Rule):
            counting = due.counting or (Counting.ORDINAL if due.day is not None else inherited)
            return _Terms(counting, due.month_end, due.roll, due.calendar, due.dst)
        return _Terms(inherited, None, Roll.NONE, None, DstPolicy.RAISE)


MAX_CHAIN = 100
"""Longest chain of events, each defined by the next, that the resolver follows (a limit of
the implementation, well below Python's recursion limit; real agreements chain a handful)."""


class _Resolver:
    def __init__(self, agreement: Agreement, *, amended: bool, renewals: int) -> None:
        self.a = agreement
        self.zone = get_zone(agreement.zone)
        self.amended = amended
        self.renewals = renewals
        self.done: dict[str, _Point] = {}
        self.visiting: list[str] = []
        self.phases = {p.id: p for p in agreement.phases}
        self.provisions = {p.id: p for p in agreement.provisions}

    def party_name(self, party_id: str) -> str:
        return next((p.name for p in self.a.parties if p.id == party_id), party_id)

    # -- entry -----------------------------------------------------------------------------
    def point(self, event_id: str) -> _Point:
        if event_id in self.done:
            return self.done[event_id]
        if event_id in self.visiting:
            cycle = [*self.visiting[self.visiting.index(event_id) :], event_id]
            raise CycleError("must not depend on itself", path=event_id, got=" -> ".join(cycle))
        if len(self.visiting) >= MAX_CHAIN:
            raise UnresolvableError(
                f"is defined through a chain of more than {MAX_CHAIN} other events, more than "
                "the resolver follows",
                path=event_id,
                got=" -> ".join([*self.visiting[:3], "...", *self.visiting[-2:]]),
            )
        self.visiting.append(event_id)
        try:
            p = self._compute(event_id)
        except OverflowError:
            # datetime arithmetic near year 1 or 9999 (a zone shift across the edge)
            raise ConventionError(
                "lands outside the calendar (years 1 to 9999)", path=event_id
            ) from None
        finally:
            self.visiting.pop()
        self.done[event_id] = p
        return p

    def _compute(self, event_id: str) -> _Point:
        head, _, tail = event_id.partition(".")
        if head == "agreement" and tail in AGREEMENT_EVENTS:
            m = getattr(self.a, tail)
            if m is None:
                raise UnresolvableError("is referred to but not given", path=event_id, got=None)
            return self.moment(m, f"{tail.replace('_', ' ')} date as stated", event_id)
        if head in self.phases and tail in ("start", "end"):
            ph = self.phases[head]
            return self.phase_start(ph) if tail == "start" else self.phase_end(ph)
        if event_id in self.provisions:
            prov = self.provisions[event_id]
            if isinstance(prov, (Deadline, Obligation)) and prov.due is not None:
                inherited = self._phase_counting(prov.phase)
                p = self.when(prov.due, event_id, inherited)
                return self.amended_point(event_id, p, _Terms.of_due(prov.due, inherited[0]))
            raise UnresolvableError("has no due date to refer to", path=event_id, got=None)
        amendment = next((am for am in self.a.amendments if am.id == head), None)
        if amendment is not None and tail == "end" and self.amended:
            target = amendment.target
            self.point(f"{target}.end" if target in self.phases else target)
            if event_id in self.done:
                return self.done[event_id]
            raise UnknownReferenceError(
                "must be an amendment of a phase, deadline or obligation", got=target
            )
        if head in self.provisions and tail.startswith("batch") and tail[5:].isdigit():
            prov = self.provisions[head]
            n = int(tail[5:])
            if isinstance(prov, Exchange) and 1 <= n <= len(prov.batches):
                return self.when(
                    prov.batches[n - 1].due, event_id, self._phase_counting(prov.phase)
                )
        raise UnknownReferenceError(
            "must be an event id: agreement.<announced|signed|effective_scheduled|effective>, "
            "<phase>.start, <phase>.end, a deadline or obligation id, or <exchange>.batch<N>",
            path=self.visiting[-2] if len(self.visiting) > 1 else None,
            got=event_id,
        )

    def _phase_counting(self, phase_id: str | None) -> tuple[Counting | None, str | None]:
        if phase_id is None or phase_id not in self.phases:
            return (None, None)
        return (self.phases[phase_id].counting, phase_id)

    # -- moments ----------------------------------------------------------------------------
    def moment(self, m: Moment, rule: str, path: str) -> _Point:
        if m.at is not None:
            at = m.at.astimezone(self.zone)
            return _Point(at.date(), at, False, f"{rule}: {m.at.isoformat()}")
        assert m.date is not None
        if m.date.precision != "day":
            raise UnresolvableError(
                f"is known only to the {m.date.precision} ({m.date}); dates computed from it "
                "cannot be given without imputing a day, which the library does not do",
                path=path,
                got=str(m.date),
            )
        d = m.date.to_date()
        zone = get_zone(m.zone) if m.zone else self.zone
        if m.time is None:
            return _Point(d, None, False, f"{rule}: {d.isoformat()}")
        local = dt.datetime.combine(d, m.time)
        try:
            at = localize(local, zone, m.dst, what="the local time")
        except NonexistentTimeError as exc:
            raise NonexistentTimeError(
                exc.expected,
                path=path,
                got=str(m),
                hint=(
                    "say how to read it on the moment, as a mapping: "
                    f"{{date: {m.date}, time: {m.time_text()}, zone: {zone.key}, "
                    "dst: earlier | later}"
                ),
            ) from None
        text = f"{rule}: {m}"
        # (with the default policy a gap or overlap has been refused above)
        change = None if m.dst is DstPolicy.RAISE else dst_change(local, zone)
        if change is not None:
            text += (
                f" (a DST {change} in {zone.key}; read as the {m.dst.value} instant, "
                f"{at.isoformat()}, as the moment's dst states)"
            )
        at = at.astimezone(self.zone)
        return _Point(at.date(), at, False, text)

    # -- rules -------------------------------------------------------------------------------
    def when(
        self,
        w: Moment | Rule,
        path: str,
        inherited: tuple[Counting | None, str | None],
    ) -> _Point:
        if isinstance(w, Moment):
            return self.moment(w, "as stated", path)
        return self.rule(w, path, inherited)

    def rule(self, r: Rule, path: str, inherited: tuple[Counting | None, str | None]) -> _Point:
        if r.day is not None:
            assert r.of is not None
            if r.of not in self.phases:
                raise UnknownReferenceError(
                    f"must name a phase {sorted(self.phases)}", path=f"{path}.of", got=r.of
                )
            start = self.point(f"{r.of}.start")
            first = _first(start)
            d = first + dt.timedelta(days=r.day - 1)
            rolled = roll(d, r.roll, r.calendar)
            text = (
                f"day {r.day} of {r.of}, counted ordinally (day 1 = {first.isoformat()})"
                + _roll_text(d, rolled, r.roll, r.calendar)
            )
            return _Point(rolled, None, False, text, Counting.ORDINAL)
        assert r.anchor is not None
        base = self.point(r.anchor)
        period = r.after if r.after is not None else r.before
        if period is None:
            return _Point(
                base.date, base.at, base.end_of_day, f"at {r.anchor} ({_show(base)})", base.counting
            )
        counting, where = (r.counting, None) if r.counting is not None else inherited
        if counting is None:
            raise ConventionError(
                "needs 'counting' (ordinal, elapsed or following): it is not stated on the "
                "rule and there is no phase to take it from",
                path=path,
                got=r.describe(),
            )
        sign = 1 if r.after is not None else -1
        source = f" (counting from phase {where})" if where else ""
        return self.offset(
            base,
            period,
            sign,
            counting,
            r.anchor,
            path,
            roll_rule=r.roll,
            calendar=r.calendar,
            month_end=r.month_end,
            source=source,
        )

    def offset(
        self,
        base: _Point,
        period: Period | Duration,
        sign: int,
        counting: Counting,
        anchor: str,
        path: str,
        *,
        roll_rule: Roll,
        calendar: BusinessCalendar | None,
        month_end: MonthEnd | None,
        source: str = "",
    ) -> _Point:
        """``base`` moved by ``period`` (forward when sign is 1) under ``counting``."""
        word = "after" if sign > 0 else "before"
        if counting is Counting.ELAPSED:
            instant = self._instant(base, anchor, path)
            delta = days_to_exact(period)
            at = add_exact(instant, delta if sign > 0 else -delta)
            text = (
                f"{period} {word} {anchor}, elapsed: {instant.isoformat()} "
                f"{'+' if sign > 0 else '-'} {_hours(delta)}{source}"
            )
            return _Point(at.date(), at, False, text, counting)
        if isinstance(period, Duration):
            raise ConventionError(
                f"counts exact time ({period}); only 'elapsed' counting applies to hours",
                path=path,
                got=counting.value,
            )
        p = period if sign > 0 else -period
        try:
            if counting is Counting.ORDINAL:
                first = _first(base)
                if sign > 0:
                    d = add_period(first, p, month_end) - dt.timedelta(days=1)
                    how = f"ordinal: day 1 = {first.isoformat()}, last day = {{d}}"
                else:
                    last = base.date
                    d = add_period(last, p, month_end) + dt.timedelta(days=1)
                    how = f"ordinal, counted back: day 1 = {last.isoformat()}"
            else:  # FOLLOWING
                d = add_period(base.date, p, month_end)
                how = (
                    f"following: {base.date.isoformat()} not counted, "
                    f"{'ends at the end of' if sign > 0 else 'on'} {{d}}"
                )
        except ConventionError as exc:
            raise type(exc)(exc.expected, path=path, got=exc.got, hint=exc.hint) from None
        rolled = roll(d, roll_rule, calendar)
        text = (
            f"{period} {word} {anchor}, {how.format(d=d.isoformat())}"
            + _roll_text(d, rolled, roll_rule, calendar)
            + (f"; month ends: {month_end.value}" if month_end and p.has_months else "")
            + source
        )
        return _Point(rolled, None, sign > 0, text, counting)

    def _instant(self, base: _Point, anchor: str, path: str) -> dt.datetime:
        if base.at is not None:
            return base.at
        if base.end_of_day:
            return start_of_day(base.date + dt.timedelta(days=1), self.zone)
        raise UnresolvableError(
            f"needs a start time for elapsed counting, but {anchor} is known only to the day "
            f"({base.date.isoformat()})",
            path=path,
            got=anchor,
            hint="give the anchor a time and zone, or count 'ordinal' or 'following'",
        )

    # -- phases ------------------------------------------------------------------------------
    def phase_start(self, ph: Phase) -> _Point:
        if ph.start is None:
            raise UnresolvableError("has no 'start'", path=f"{ph.id}.start", got=None)
        p = self.when(ph.start, f"{ph.id}.start", (ph.counting, ph.id))
        if (
            p.end_of_day
            and isinstance(ph.start, Rule)
            and ph.start.after is None
            and ph.start.before is None
        ):
            nxt = p.date + dt.timedelta(days=1)
            return _Point(
                nxt, None, False, f"the day after {ph.start.anchor} ({p.date.isoformat()})"
            )
        return p

    def phase_base_end(self, ph: Phase) -> _Point:
        path = f"{ph.id}.end"
        if ph.end is not None:
            p = self.when(ph.end, path, (ph.counting, ph.id))
            if isinstance(ph.end, Moment) and p.at is None:
                return _Point(p.date, None, True, f"ends on the stated date {p.date} (included)")
            return p
        if ph.length is None:
            raise UnresolvableError("has neither 'length' nor 'end'", path=path, got=None)
        assert ph.counting is not None
        start = self.point(f"{ph.id}.start")
        p = self.offset(
            start,
            ph.length,
            1,
            ph.counting,
            f"{ph.id}.start",
            path,
            roll_rule=ph.roll,
            calendar=ph.calendar,
            month_end=ph.month_end,
        )
        return p

    def phase_end(self, ph: Phase) -> _Point:
        terms = _Terms(ph.counting, ph.month_end, ph.roll, ph.calendar, ph.dst)
        return self.amended_point(ph.id, self.phase_base_end(ph), terms)

    def amended_point(self, target: str, p: _Point, terms: _Terms) -> _Point:
        """``p`` after the amendments aimed at ``target``, applied in order; each
        intermediate result is kept as the event ``<amendment id>.end``."""
        if not self.amended:
            return p
        original = p.date
        for am in self.a.amendments:
            if am.target == target:
                p = self.amend(target, terms, p, am)
                self.done[f"{am.id}.end"] = p
        if p.date != original:
            p = _Point(p.date, p.at, p.end_of_day, p.rule, p.counting, original)
        return p

    def amend(self, target: str, terms: _Terms, current: _Point, am: Amendment) -> _Point:
        path = f"amendments.{am.id}"
        label = f"{am.kind.value} ({am.id})"
        if am.to is not None:
            p = self.moment(am.to, label, path)
            if p.at is not None:
                return p
            if am.boundary is Boundary.END_OF_DAY:
                return _Point(p.date, None, True, f"{label}: to the end of {p.date}")
            if am.boundary is Boundary.START_OF_DAY:
                at = start_of_day(p.date, self.zone)
                return _Point(p.date, at, False, f"{label}: until the start of {p.date}")
            return _Point(
                p.date,
                None,
                False,
                f"{label}: until {p.date} (whether that day is included is not stated)",
            )
        assert am.by is not None
        counting = am.counting or terms.counting
        if counting is None:
            raise ConventionError("needs 'counting' for 'by'", path=path, got=None)
        if current.at is not None and counting is not Counting.ELAPSED:
            if isinstance(am.by, Duration):
                at = add_exact(current.at, am.by)
            else:
                at = add_calendar(current.at, am.by, month_end=terms.month_end, dst=terms.dst)
            return _Point(
                at.date(),
                at,
                False,
                f"{label}: {am.by} after {current.at.isoformat()}, wall-clock time kept",
                counting,
            )
        p = self.offset(
            current,
            am.by,
            1,
            Counting.FOLLOWING if counting is Counting.ORDINAL else counting,
            target,
            path,
            roll_rule=terms.roll,
            calendar=terms.calendar,
            month_end=terms.month_end,
        )
        return _Point(p.date, p.at, p.end_of_day, f"{label}: {p.rule}", counting)

    # -- the whole timeline -------------------------------------------------------------------
    def events(self) -> tuple[list[Event], list[Unresolved]]:
        out: list[Event] = []
        bad: list[Unresolved] = []

        def add(
            event_id: str,
            label: str,
            kind: EventKind,
            *,
            phase: str | None = None,
            reported: tuple[ReportedDate, ...] = (),
        ) -> None:
            try:
                p = self.point(event_id)
            except UnresolvableError as exc:
                bad.append(Unresolved(id=event_id, reason=str(exc)))
                return
            out.append(_event(event_id, label, kind, p, phase, reported))

        for name in AGREEMENT_EVENTS:
            if getattr(self.a, name) is not None:
                add(f"agreement.{name}", f"Agreement {name.replace('_', ' ')}", EventKind.AGREEMENT)
        # A phase's reported_end is what sources said of its end as first agreed; once an
        # amendment moves that end, the readings belong to the original timeline (each
        # amendment's own reported_end goes with its '<amendment>.end' event).
        moved = {am.target for am in self.a.amendments} if self.amended else set()
        for ph in self.a.phases:
            title = ph.name or ph.id
            add(f"{ph.id}.start", f"{title} begins", EventKind.PHASE_START, phase=ph.id)
            if ph.end is not None or ph.length is not None:
                add(
                    f"{ph.id}.end",
                    f"{title} ends",
                    EventKind.PHASE_END,
                    phase=ph.id,
                    reported=() if ph.id in moved else ph.reported_end,
                )
            if ph.auto_renewal is not None and self.renewals:
                out.extend(self.renewal_events(ph, bad))
        if self.amended:
            for am in self.a.amendments:
                # an event's phase is a phase id: an amendment of a deadline or obligation
                # belongs to none
                is_phase = am.target in self.phases
                if am.made is not None:
                    try:
                        p = self.moment(am.made, "made", f"amendments.{am.id}.made")
                        out.append(
                            _event(
                                am.id,
                                f"Amendment {am.id} made",
                                EventKind.AMENDMENT,
                                p,
                                am.target if is_phase else None,
                                (),
                            )
                        )
                    except UnresolvableError as exc:
                        bad.append(Unresolved(id=am.id, reason=str(exc)))
                add(
                    f"{am.id}.end",
                    f"{am.target} {'ends' if is_phase else 'moved'} ({am.kind.value}: {am.id})",
                    EventKind.AMENDED_END,
                    phase=am.target if is_phase else None,
                    reported=am.reported_end,
                )
        for prov in self.a.provisions:
            if isinstance(prov, Deadline):
                out.extend(self.deadline_events(prov, bad))
            elif isinstance(prov, Obligation) and prov.due is not None:
                # as for deadlines: once an amendment moves the due date, the published dates
                # belong to the original timeline (see validation.reported_readings)
                add(
                    prov.id,
                    f"{self.party_name(prov.party)}: {prov.action}",
                    EventKind.OBLIGATION,
                    phase=prov.phase,
                    reported=() if prov.id in moved else prov.reported,
                )
            elif isinstance(prov, Exchange):
                for i, b in enumerate(prov.batches, start=1):
                    q = f"{b.quantity} " if b.quantity is not None else ""
                    add(
                        f"{prov.id}.batch{i}",
                        f"{self.party_name(prov.releasing)} releases {q}{prov.released}".strip(),
                        EventKind.BATCH,
                        phase=prov.phase,
                        reported=b.reported,
                    )
        out.sort(key=Event._sort_key)
        return out, bad

    def deadline_events(self, d: Deadline, bad: list[Unresolved]) -> list[Event]:
        try:
            first = self.point(d.id)
        except UnresolvableError as exc:
            bad.append(Unresolved(id=d.id, reason=str(exc)))
            return []
        label = (
            d.label
            if d.relation is Deadline.model_fields["relation"].default
            else (f"{d.label} ({d.relation.value.replace('_', ' ')})")
        )
        moved = self.amended and any(am.target == d.id for am in self.a.amendments)
        reported = () if moved else d.reported
        if d.every is None:
            return [_event(d.id, label, EventKind.DEADLINE, first, d.phase, reported)]
        until: dt.date | None = None
        if d.until is not None:
            try:
                until = self.point(d.until).date
            except UnresolvableError as exc:
                bad.append(Unresolved(id=d.id, reason=str(exc)))
                return []
        dst = d.due.dst if isinstance(d.due, Rule) else DstPolicy.RAISE
        dates = recurrence(first, d.every, count=d.count, until=until, dst=dst)
        out = []
        for i, (day, at) in enumerate(dates, start=1):
            p = _Point(
                day,
                at,
                first.end_of_day,
                f"occurrence {i}: {first.rule} + {i - 1} x {d.every}",
                first.counting,
            )
            out.append(
                _event(
                    f"{d.id}#{i}",
                    f"{label} [{i}]",
                    EventKind.DEADLINE,
                    p,
                    d.phase,
                    reported if i == 1 else (),
                )
            )
        return out

    def renewal_events(self, ph: Phase, bad: list[Unresolved]) -> list[Event]:
        assert ph.auto_renewal is not None
        ar = ph.auto_renewal
        period = ar.period or ph.length
        counting = ar.counting or ph.counting
        if period is None or counting is None:
            bad.append(
                Unresolved(
                    id=f"{ph.id}.renewal", reason="auto-renewal needs a period and a counting"
                )
            )
            return []
        n = self.renewals if ar.max_renewals is None else min(self.renewals, ar.max_renewals)
        try:
            current = self.point(f"{ph.id}.end")
        except UnresolvableError as exc:
            bad.append(Unresolved(id=f"{ph.id}.renewal", reason=str(exc)))
            return []
        out = []
        for k in range(1, n + 1):
            am = Amendment(
                id=f"{ph.id}-renewal{k}",
                kind=AmendmentKind.RENEW,
                target=ph.id,
                by=period,
                counting=counting,
            )
            current = self.amend(
                ph.id, _Terms(counting, ph.month_end, ph.roll, ph.calendar, ph.dst), current, am
            )
            p = _Point(
                current.date,
                current.at,
                current.end_of_day,
                f"projected automatic renewal {k}: {current.rule}",
                counting,
            )
            out.append(
                _event(
                    f"{ph.id}.renewal{k}.end",
                    f"{ph.name or ph.id} ends if renewed {k} time{'s' if k > 1 else ''}",
                    EventKind.RENEWAL,
                    p,
                    ph.id,
                    (),
                )
            )
        return out


def recurrence(
    first: _Point,
    step: Period | Duration,
    *,
    count: int | None,
    until: dt.date | None,
    dst: DstPolicy = DstPolicy.RAISE,
) -> list[tuple[dt.date, dt.datetime | None]]:
    """Occurrences first + i x step, i = 0, 1, ... (never by stepping, so nothing drifts).

    Steps of days, weeks or hours go through ``dateutil.rrule`` (which computes exactly
    start + i x interval for those units); steps with months or years are computed here as
    start + i x step with a month-end rule of 'clip', because rrule silently skips months that
    lack the day.
    """
    limit = count if count is not None else 10_000
    out: list[tuple[dt.date, dt.datetime | None]] = []
    if isinstance(step, Period) and step.has_months:
        for i in range(limit):
            day = add_period(first.date, step * i, MonthEnd.CLIP)
            if until is not None and day > until:
                break
            at = None
            if first.at is not None:
                at = add_calendar(first.at, step * i, month_end=MonthEnd.CLIP, dst=dst)
            out.append((day, at))
        return out
    if isinstance(step, Duration):
        if first.at is None:
            raise UnresolvableError("needs a start time for a recurrence in hours", got=str(step))
        start_utc = first.at.astimezone(dt.UTC).replace(tzinfo=None)
        secs = int(step.to_timedelta().total_seconds())
        rule = rrule.rrule(rrule.SECONDLY, interval=secs, dtstart=start_utc, count=limit)
        zone = first.at.tzinfo
        for naive in rule:
            at = naive.replace(tzinfo=dt.UTC).astimezone(zone)
            if until is not None and at.date() > until:
                break
            out.append((at.date(), at))
        return out
    days = step.total_days()
    rule = rrule.rrule(
        rrule.DAILY, interval=days, dtstart=dt.datetime.combine(first.date, dt.time()), count=limit
    )
    for naive in rule:
        day = naive.date()
        if until is not None and day > until:
            break
        at = None
        if first.at is not None:
            at = add_calendar(first.at, Period(days=(day - first.date).days), dst=dst)
        out.append((day, at))
    return out


def _first(p: _Point) -> dt.date:
    return p.date + dt.timedelta(days=1) if p.end_of_day else p.date


def _show(p: _Point) -> str:
    if p.at is not None:
        return p.at.isoformat()
    return f"end of {p.date}" if p.end_of_day else p.date.isoformat()


def _hours(td: dt.timedelta) -> str:
    h = td.total_seconds() / 3600
    return f"{h:g} h"


def _roll_text(d: dt.date, rolled: dt.date, rule: Roll, cal: BusinessCalendar | None) -> str:
    if rule is Roll.NONE or cal is None:
        return ""
    if d == rolled:
        return f"; {d} is a business day ({cal.describe()})"
    return f"; {d} is not a business day ({cal.describe()}), rolled {rule.value} to {rolled}"


def _event(
    event_id: str,
    label: str,
    kind: EventKind,
    p: _Point,
    phase: str | None,
    reported: tuple[ReportedDate, ...],
) -> Event:
    # The resolver builds events from values it has already checked: skip re-validation.
    # This is what ``Event.model_construct`` does with every field given (the same instance
    # state; tests/test_timeline_cache.py compares the two), without its per-field loop,
    # which cost as much as resolving the event.
    e = _new_event(Event)
    _set(
        e,
        "__dict__",
        {
            "id": event_id,
            "label": label,
            "kind": kind,
            "date": p.date,
            "at": p.at,
            "end_of_day": p.end_of_day,
            "rule": p.rule,
            "phase": phase,
            "counting": p.counting,
            "reported": reported,
            "original_date": p.original,
        },
    )
    _set(e, "__pydantic_fields_set__", set(_EVENT_FIELDS))
    _set(e, "__pydantic_extra__", None)
    _set(e, "__pydantic_private__", None)
    return e


_new_event = Event.__new__
_set = object.__setattr__
_EVENT_FIELDS = frozenset(Event.model_fields)


def resolve(agreement: Agreement, *, amended: bool = True, renewals: int = 0) -> Timeline:
    """Resolve every dated term of ``agreement`` (see :meth:`Agreement.timeline`)."""
    if not isinstance(renewals, int) or renewals < 0:
        raise ParseError(
            "must be a whole number of renewals, 0 or more", path="renewals", got=renewals
        )
    r = _Resolver(agreement, amended=amended, renewals=renewals)
    events, bad = r.events()
    return Timeline(
        agreement=agreement.id,
        zone=agreement.zone,
        amended=amended,
        events=tuple(events),
        unresolved=tuple(bad),
    )
