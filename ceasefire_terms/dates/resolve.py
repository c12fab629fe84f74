"""Resolve an agreement's rules into dated events, each with the trace of how it was computed.

The resolver is lazy and memoised: an event is computed when something asks for it, its
anchors first; a rule that (indirectly) refers to itself raises :class:`CycleError`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from dateutil import rrule
from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, PrivateAttr

from ..errors import (
    AmbiguousDateError,
    CeasefireTermsError,
    ConventionError,
    CycleError,
    NonexistentTimeError,
    ParseError,
    TimeZoneError,
    UnknownReferenceError,
    UnresolvableError,
)
from ..model._built import built
from ..model.agreement import (
    AGREEMENT_EVENTS,
    MAX_RENEWALS,
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
from ..model.conventions import BusinessCalendar, Counting, DstPolicy, MonthEnd, Roll
from ..model.ids import did_you_mean
from ..model.periods import Duration, Period
from ..model.provenance import ReportedDate
from ..model.when import Moment, get_zone, moment_expected
from .arithmetic import (
    add_calendar,
    add_exact,
    add_period,
    days_to_exact,
    dst_change,
    dst_note,
    localize,
    localize_on,
    missing_day,
    start_of_day,
    start_of_day_offset,
)
from .conventions import roll

__all__ = [
    "Event",
    "EventKind",
    "PhaseStatus",
    "Status",
    "Timeline",
    "first_renewals",
    "resolve",
]


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


# Enum members read once, here: on Python 3.11 reading a member from its class costs about
# 0.3 us, as much as a date addition, and the resolver compares with them at every step.
_AGREEMENT = EventKind.AGREEMENT
_AMENDED_END = EventKind.AMENDED_END
_AMENDMENT = EventKind.AMENDMENT
_BATCH = EventKind.BATCH
_DEADLINE = EventKind.DEADLINE
_OBLIGATION = EventKind.OBLIGATION
_PHASE_END = EventKind.PHASE_END
_PHASE_START = EventKind.PHASE_START
_RENEWAL = EventKind.RENEWAL
_RENEW = AmendmentKind.RENEW
_KIND_VALUES = {k: k.value for k in AmendmentKind}
# (a deadline's label names its relation unless it is the default; reading the default from
# the model's fields costs more than the rest of the label)
_RELATION_DEFAULT = Deadline.model_fields["relation"].default
_TERMINATE = AmendmentKind.TERMINATE
_END_OF_DAY = Boundary.END_OF_DAY
_START_OF_DAY = Boundary.START_OF_DAY
_ELAPSED = Counting.ELAPSED
_FOLLOWING = Counting.FOLLOWING
_ORDINAL = Counting.ORDINAL
_WALL_CLOCK = Counting.WALL_CLOCK
_DST_RAISE = DstPolicy.RAISE
_NO_ROLL = Roll.NONE


def _order(
    date: dt.date, at: dt.datetime | None, end_of_day: bool, kind: EventKind
) -> tuple[dt.date, int, float, int]:
    """The order of events in a timeline (:meth:`Event._sort_key`): by local date; on one
    day, timed events by instant, then day-level events, then the ends of periods counted in
    days; the agreement's own events first among equals."""
    kind_order = 0 if kind is _AGREEMENT else 1
    if at is not None:
        return (date, 0, at.timestamp(), kind_order)
    return (date, 2 if end_of_day else 1, 0.0, kind_order)


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
        return _order(self.date, self.at, self.end_of_day, self.kind)

    def __str__(self) -> str:
        when = self.at.isoformat(timespec="minutes") if self.at else self.date.isoformat()
        return f"{when}  {self.label}"

    def __repr__(self) -> str:
        when = self.at.isoformat(timespec="minutes") if self.at else self.date.isoformat()
        end = ", end of day" if self.end_of_day else ""
        return f"Event({self.id!r}, {when}{end})"


class PhaseStatus(BaseModel):
    """A phase on the status date. ``renewal`` is 0 in the phase's first term (as amended)
    and k inside its k-th automatic renewal, which is projected: it holds unless a party
    gives the notice that stops renewal (``notice``, as the record words it). For a phase
    whose end could not be dated, ``days_left`` and ``ends`` are None and ``end_rule`` says
    why."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    phase: str
    name: str | None
    day: int = Field(description="day number within the phase, day 1 = its start day")
    days_left: int | None = Field(description="whole days of the phase after this one")
    ends: dt.date | None
    end_rule: str | None
    renewal: int = Field(default=0, description="0: first term; k: k-th automatic renewal")
    notice: str | None = Field(default=None, description="how renewal is stopped, as stated")

    def __str__(self) -> str:
        """One line: ``phase-1 (Phase one): day 7 of 42, ends 2025-03-01``."""
        name = f" ({self.name})" if self.name and self.name != self.phase else ""
        if self.days_left is not None:
            day = f"day {self.day} of {self.day + self.days_left}"
        else:
            day = f"day {self.day}"
        if self.ends is not None:
            end = f", ends {self.ends.isoformat()}"
        elif self.end_rule is not None:
            end = ", end not dated"
        else:
            end = ", no end stated"
        renewal = f", renewal {self.renewal} (projected)" if self.renewal else ""
        return f"{self.phase}{name}: {day}{end}{renewal}"

    def __repr__(self) -> str:
        return f"PhaseStatus({str(self)!r})"


class Unresolved(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    id: str
    reason: str


def _ids(items: tuple[Event, ...] | tuple[Unresolved, ...], shown: int = 4) -> str:
    ids = [i.id for i in items]
    more = f" and {len(ids) - shown} more" if len(ids) > shown else ""
    return ", ".join(ids[:shown]) + more


class Status(BaseModel):
    """The state of an agreement on a date (or at an instant, ``at``): the active phase(s)
    and their day numbers, what falls due that day, what comes next and what has passed.

    What could not be placed is listed, never dropped: ``undetermined`` holds the phases that
    have begun but whose end could not be dated (so whether they are still running is
    unknown), and ``unresolved`` every term of the timeline that could not be dated, with the
    reason. An empty ``active`` means "nothing active" only when both are empty."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    on: dt.date
    at: Instant | None = None
    active: tuple[PhaseStatus, ...]
    due: tuple[Event, ...]
    upcoming: tuple[Event, ...]
    passed: tuple[Event, ...]
    undetermined: tuple[PhaseStatus, ...] = ()
    unresolved: tuple[Unresolved, ...] = ()

    @property
    def complete(self) -> bool:
        """True when every term could be placed on the timeline."""
        return not self.undetermined and not self.unresolved

    def __str__(self) -> str:
        """A few lines: the day, each active phase with its day number, what is due, what
        comes next and what could not be dated (ids only; the fields hold the rest)."""
        when = self.at.isoformat(timespec="minutes") if self.at is not None else self.on.isoformat()
        lines = [f"Status on {when}"]
        if self.active:
            lines += [f"  active: {p}" for p in self.active]
        elif self.complete:
            lines.append("  active: nothing")
        lines += [f"  begun, end not dated: {p}" for p in self.undetermined]
        if self.due:
            lines.append(f"  due: {_ids(self.due)}")
        if self.upcoming:
            nxt = self.upcoming[0]
            more = f" (+{len(self.upcoming) - 1} later)" if len(self.upcoming) > 1 else ""
            lines.append(f"  next: {nxt.date.isoformat()} {nxt.id}{more}")
        if self.unresolved:
            lines.append(f"  not dated: {_ids(self.unresolved)}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        active = [p.phase for p in self.active]
        return (
            f"Status(on={self.on.isoformat()!r}, active={active}, due={len(self.due)}, "
            f"upcoming={len(self.upcoming)}, passed={len(self.passed)}, "
            f"unresolved={len(self.unresolved) + len(self.undetermined)})"
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "on": self.on.isoformat(),
            "at": None if self.at is None else self.at.isoformat(),
            "active": [a.model_dump(mode="json") for a in self.active],
            "undetermined": [a.model_dump(mode="json") for a in self.undetermined],
            "due": [e.as_dict() for e in self.due],
            "upcoming": [e.as_dict() for e in self.upcoming],
            "passed": [e.as_dict() for e in self.passed],
            "unresolved": [u.model_dump() for u in self.unresolved],
        }


class Timeline(BaseModel):
    """The ordered events of an agreement, with what could not be dated."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    agreement: str
    zone: str
    amended: bool
    events: tuple[Event, ...]
    unresolved: tuple[Unresolved, ...] = ()
    # the agreement it was resolved from (set by resolve()), so that status_on can project
    # automatic renewals as far as the date asked about
    _agreement: Agreement | None = PrivateAttr(default=None)

    def __iter__(self) -> Any:
        return iter(self.events)

    def __repr__(self) -> str:
        return f"Timeline({self.agreement!r}, {len(self.events)} events, zone={self.zone!r})"

    def __str__(self) -> str:
        """One line per event (see :meth:`Event.__str__`), then what could not be dated."""
        head = f"{self.agreement} ({self.zone}{'' if self.amended else ', as first agreed'})"
        lines = [head] + [f"  {e}" for e in self.events]
        lines += [f"  not dated: {u.id}: {u.reason}" for u in self.unresolved]
        return "\n".join(lines)

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
            hint=did_you_mean(event_id, self._by_id)
            or f"known ids: {', '.join(e.id for e in self.events)}",
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
            starts = [e.phase for e in self.events if e.kind is _PHASE_START and e.phase]
            raise UnknownReferenceError(
                "must be a phase with a resolved start",
                path="phase",
                got=phase_id,
                hint=did_you_mean(phase_id, starts),
            )
        return start, self.get(f"{phase_id}.end")

    def day(self, phase_id: str, n: int) -> dt.date:
        """Local date of day ``n`` of a phase (day 1 = the start day)."""
        if not isinstance(n, int) or n < 1:
            raise ParseError("must be a day number of 1 or more", path="n", got=n)
        start, _ = self._bounds(phase_id)
        return first_day(start) + dt.timedelta(n - 1)

    def day_of(self, phase_id: str, on: dt.date | str) -> int:
        """Day number of ``on`` within a phase (1 = its start day)."""
        start, _ = self._bounds(phase_id)
        return (_as_date(on) - first_day(start)).days + 1

    def status_on(
        self,
        when: dt.date | dt.datetime | str | Moment,
        *,
        upcoming: int = 5,
        agreement: Agreement | None = None,
    ) -> Status:
        """The state on a local date, or at an instant: an aware datetime, or a moment string
        (``'2025-03-01 23:00 Asia/Jerusalem'``, ``'2025-03-01T23:00+02:00'``). With an
        instant, a phase whose end is an instant (elapsed or wall_clock counting) is over from
        that instant on, not from the next day; with a date, the whole day counts.

        A phase with ``auto_renewal`` whose (amended) term has ended is active in the
        automatic renewal that covers the date, up to ``max_renewals``, unless a
        ``terminate`` amendment ended it; such a status is marked with its ``renewal`` number
        and the stated ``notice``. Phases that have begun but whose end could not be dated
        are ``undetermined``; every term that could not be dated is in ``unresolved``.
        Renewals are projected from ``agreement`` (default: the one this timeline was
        resolved from)."""
        source = agreement if agreement is not None else self._agreement
        instant, d = _status_when(when, self.zone)
        unresolved = {u.id: u for u in self.unresolved}
        active: list[PhaseStatus] = []
        undetermined: list[PhaseStatus] = []
        for e in self.events:
            if e.kind is not _PHASE_START or e.phase is None:
                continue
            first = first_day(e)
            started = first <= d
            if instant is not None and e.at is not None:
                started = e.at <= instant
            if not started:
                continue
            name = e.label.removesuffix(" begins")
            end = self.get(f"{e.phase}.end")
            day = (d - first).days + 1
            unknown = unresolved.get(f"{e.phase}.end")
            if end is None and unknown is not None:
                undetermined.append(_phase_status(e.phase, name, day, d, None, why=unknown))
                continue
            if end is None or _running(end, d, instant):
                active.append(_phase_status(e.phase, name, day, d, end))
                continue
            renewed = self._renewed(source, e.phase, d, instant)
            if isinstance(renewed, Unresolved):
                undetermined.append(_phase_status(e.phase, name, day, d, None, why=renewed))
            elif renewed is not None:
                k, renewal_end, notice = renewed
                active.append(
                    _phase_status(e.phase, name, day, d, renewal_end, renewal=k, notice=notice)
                )
        due: list[Event] = []
        later: list[Event] = []
        passed: list[Event] = []
        for e in self.events:  # one pass, in timeline order
            (due if e.date == d else later if e.date > d else passed).append(e)
        return built(
            Status,
            {
                "on": d,
                "at": instant,
                "active": tuple(active),
                "due": tuple(due),
                "upcoming": tuple(later[:upcoming]),
                "passed": tuple(passed),
                "undetermined": tuple(undetermined),
                "unresolved": self.unresolved,
            },
        )

    def _renewed(
        self, a: Agreement | None, phase_id: str, d: dt.date, instant: dt.datetime | None
    ) -> tuple[int, Event, str | None] | Unresolved | None:
        """The automatic renewal of a phase that covers ``d`` (or ``instant``), as (k, the end
        of renewal k, the stated notice); None when the phase does not auto-renew that far."""
        if a is None:
            return None
        ph = next((p for p in a.phases if p.id == phase_id), None)
        if ph is None or ph.auto_renewal is None:
            return None
        r = _Resolver(a, amended=self.amended, renewals=0)
        k = 0
        try:
            for k, p in r.renewal_chain(ph):
                end = _event(f"{ph.id}.renewal{k}.end", "", _RENEWAL, p, ph.id, ())
                if _running(end, d, instant):
                    return k, end, ph.auto_renewal.notice
                if k >= MAX_RENEWALS:
                    return Unresolved(
                        id=f"{ph.id}.renewal",
                        reason=f"the date is more than {MAX_RENEWALS} automatic renewals after "
                        "the phase's first term; the library projects no further",
                    )
        except UnresolvableError as exc:
            return Unresolved(id=f"{ph.id}.renewal", reason=str(exc))
        except ConventionError as exc:
            if k == 0:
                raise  # the clause itself cannot be counted: an error of the record
            # a later renewal ran off the calendar (past year 9999) before reaching the date
            return Unresolved(id=f"{ph.id}.renewal{k + 1}", reason=str(exc))
        return None


def _running(end: Event, d: dt.date, instant: dt.datetime | None) -> bool:
    """Whether a period ending at ``end`` still runs on local day ``d`` (at ``instant``)."""
    if instant is not None and end.at is not None:
        return instant < end.at
    return d <= last_day(end)


def _phase_status(
    phase: str,
    name: str | None,
    day: int,
    d: dt.date,
    end: Event | None,
    *,
    renewal: int = 0,
    notice: str | None = None,
    why: Unresolved | None = None,
) -> PhaseStatus:
    last = None if end is None else last_day(end)
    return built(
        PhaseStatus,
        {
            "phase": phase,
            "name": name,
            "day": day,
            "days_left": None if last is None else (last - d).days,
            "ends": None if end is None else end.date,
            "end_rule": why.reason if why is not None else (None if end is None else end.rule),
            "renewal": renewal,
            "notice": notice,
        },
    )


_ON_EXPECTED = moment_expected()


def _status_when(
    value: dt.date | dt.datetime | str | Moment, zone: str
) -> tuple[dt.datetime | None, dt.date]:
    """(the instant, or None for a whole day; the local date in ``zone``) of a status query."""
    tz = get_zone(zone)
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise TimeZoneError(
                "must be an aware datetime (with a zone or UTC offset)",
                path="on",
                got=value.isoformat(),
                hint=f"or give a moment such as '{value.date()} {value:%H:%M} {zone}'",
            )
        at = value.astimezone(tz)
        return at, at.date()
    if isinstance(value, dt.date):
        return None, value
    if isinstance(value, str):
        try:
            return None, dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    if not isinstance(value, (str, Moment)):
        raise ParseError(_ON_EXPECTED, path="on", got=value)
    try:
        m = Moment.parse(value)
    except CeasefireTermsError as exc:
        # the same list of forms once, not twice; another failure is quoted whole
        hint = exc.hint if exc.expected == _ON_EXPECTED else f"the reading failed: {exc}"
        raise type(exc)(_ON_EXPECTED, path="on", got=str(value), hint=hint) from None
    except ValueError:
        raise ParseError(_ON_EXPECTED, path="on", got=str(value)) from None
    if m.at is not None:
        at = m.at.astimezone(tz)
        return at, at.date()
    assert m.date is not None
    if m.date.precision != "day":
        raise UnresolvableError(
            f"is known only to the {m.date.precision}; a status needs a day",
            path="on",
            got=str(m),
        )
    if m.time is None:
        if m.zone is not None and m.zone != zone:
            raise ParseError(
                f"is a date without a time in {m.zone}; days are counted in the agreement's "
                f"zone {zone}",
                path="on",
                got=str(m),
                hint="drop the zone, or give a time of day",
            )
        return None, m.date.to_date()
    assert m.zone is not None
    local = dt.datetime.combine(m.date.to_date(), m.time)
    try:
        at = localize(local, get_zone(m.zone), m.dst, what="the local time")
    except NonexistentTimeError as exc:
        raise NonexistentTimeError(exc.expected, path="on", got=str(m), hint=exc.hint) from None
    at = at.astimezone(tz)
    return at, at.date()


def first_day(e: Event) -> dt.date:
    """The first local day of a period that begins at event ``e``."""
    return e.date + _DAY if e.end_of_day else e.date


def last_day(e: Event) -> dt.date:
    """The last local day a period ending at ``e`` covers."""
    if e.end_of_day:
        return e.date
    if e.at is not None and e.at.time() == dt.time(0, 0):
        return e.date - _DAY
    return e.date


def _as_date(value: dt.date | dt.datetime | str) -> dt.date:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
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


class _Point:
    """A resolved date, before it is an :class:`Event`. Never changed once made. (A plain
    class with slots: a frozen dataclass costs four times as much to make, once per event
    and per intermediate result.)"""

    __slots__ = ("at", "counting", "date", "end_of_day", "original", "rule")

    def __init__(
        self,
        date: dt.date,
        at: dt.datetime | None,
        end_of_day: bool,
        rule: str,
        counting: Counting | None = None,
        original: dt.date | None = None,
    ) -> None:
        self.date = date
        self.at = at
        self.end_of_day = end_of_day
        self.rule = rule
        self.counting = counting
        self.original = original


class _Terms:
    """How the dates of an amended target are counted when an amendment moves them.
    ``where`` is the record path where month_end and dst are stated for the target (None:
    nowhere). Never changed once made."""

    __slots__ = ("calendar", "counting", "dst", "month_end", "roll", "where")

    def __init__(
        self,
        counting: Counting | None,
        month_end: MonthEnd | None,
        roll: Roll,
        calendar: BusinessCalendar | None,
        dst: DstPolicy,
        where: str | None = None,
    ) -> None:
        self.counting = counting
        self.month_end = month_end
        self.roll = roll
        self.calendar = calendar
        self.dst = dst
        self.where = where

    @staticmethod
    def of_due(due: Moment | Rule, inherited: Counting | None, path: str) -> _Terms:
        if isinstance(due, Rule):
            counting = due.counting or (_ORDINAL if due.day is not None else inherited)
            return _Terms(counting, due.month_end, due.roll, due.calendar, due.dst, path)
        return _Terms(inherited, None, _NO_ROLL, None, _DST_RAISE)


_DAY = dt.timedelta(1)
_ZERO = dt.timedelta(0)
# the agreement's own events: (field, event id, label), and the trace of each
_AGREEMENT_EVENT_LABELS = tuple(
    (n, f"agreement.{n}", f"Agreement {n.replace('_', ' ')}") for n in AGREEMENT_EVENTS
)
_AGREEMENT_RULES = {n: f"{n.replace('_', ' ')} date as stated" for n in AGREEMENT_EVENTS}
# (timedelta(days=1) parses its keyword on every call, which costs more than the date
# arithmetic it is used for)

MAX_CHAIN = 100
"""Longest chain of events, each defined by the next, that the resolver follows (a limit of
the implementation, well below Python's recursion limit; real agreements chain a handful)."""


_Item = tuple[str, str, EventKind, str | None, tuple[ReportedDate, ...]]
"""What an event is made from, with its date: ``(id, label, kind, phase, reported)``."""


class _Resolver:
    def __init__(self, agreement: Agreement, *, amended: bool, renewals: int) -> None:
        self.a = agreement
        self.zone = get_zone(agreement.zone)
        self.zones: dict[str, ZoneInfo] = {agreement.zone: self.zone}
        self.amended = amended
        self.renewals = renewals
        self.done: dict[str, _Point] = {}
        # what amendments move (nothing, for the original timeline)
        self.targets = {am.target for am in agreement.amendments} if amended else set()
        self.visiting: list[str] = []
        self.phases = {p.id: p for p in agreement.phases}
        self.provisions = {p.id: p for p in agreement.provisions}
        # record paths, for errors: 'phases[0]', 'provisions[3]', 'amendments[1]'
        self.paths: dict[str, str] = {}
        for key, items in (
            ("amendments", agreement.amendments),
            ("provisions", agreement.provisions),
            ("phases", agreement.phases),
        ):
            for i, item in enumerate(items):
                self.paths[item.id] = f"{key}[{i}]"

    def zone_of(self, name: str) -> ZoneInfo:
        """The zone ``name`` (:func:`get_zone`), looked up once per resolution."""
        zone = self.zones.get(name)
        if zone is None:
            zone = self.zones[name] = get_zone(name)
        return zone

    def party_name(self, party_id: str) -> str:
        return next((p.name for p in self.a.parties if p.id == party_id), party_id)

    # -- entry -----------------------------------------------------------------------------
    def point(self, event_id: str) -> _Point:
        found = self.done.get(event_id)
        if found is not None:
            return found
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
        if head == "agreement":
            stated = _AGREEMENT_RULES.get(tail)
            if stated is not None:
                m = getattr(self.a, tail)
                if m is None:
                    raise UnresolvableError(
                        "is referred to but not given", path=event_id, got=None
                    )
                return self.moment(m, stated, tail)
        if tail in ("start", "end"):
            ph = self.phases.get(head)
            if ph is not None:
                return self.phase_start(ph) if tail == "start" else self.phase_end(ph)
        prov = self.provisions.get(event_id)
        if prov is not None:
            if isinstance(prov, (Deadline, Obligation)) and prov.due is not None:
                inherited = self._phase_counting(prov.phase)
                path = f"{self.paths[event_id]}.due"
                p = self.when(prov.due, path, inherited)
                if event_id not in self.targets:
                    return p
                return self.amended_point(event_id, p, _Terms.of_due(prov.due, inherited[0], path))
            raise UnresolvableError("has no due date to refer to", path=event_id, got=None)
        amendment = next((am for am in self.a.amendments if am.id == head), None)
        if amendment is not None and tail == "end" and self.amended:
            target = amendment.target
            if target not in self.phases and target not in self.provisions:
                raise UnknownReferenceError(
                    "must be the id of a phase, deadline or obligation",
                    path=f"{self.paths[amendment.id]}.target",
                    got=target,
                    hint=did_you_mean(target, [*self.phases, *self.provisions]),
                )
            self.point(f"{target}.end" if target in self.phases else target)
            if event_id in self.done:
                return self.done[event_id]
            raise UnknownReferenceError(
                "must be an amendment of a phase, deadline or obligation",
                path=f"{self.paths[amendment.id]}.target",
                got=target,
            )
        if head in self.provisions and tail.startswith("batch") and tail[5:].isdigit():
            prov = self.provisions[head]
            n = int(tail[5:])
            if isinstance(prov, Exchange) and 1 <= n <= len(prov.batches):
                return self.when(
                    prov.batches[n - 1].due,
                    f"{self.paths[head]}.batches[{n - 1}].due",
                    self._phase_counting(prov.phase),
                )
        raise UnknownReferenceError(
            "must be an event id: agreement.<announced|signed|effective_scheduled|effective>, "
            "<phase>.start, <phase>.end, a deadline or obligation id, or <exchange>.batch<N>",
            path=self.visiting[-2] if len(self.visiting) > 1 else None,
            got=event_id,
            hint=did_you_mean(event_id, self.event_ids()),
        )

    def event_ids(self) -> list[str]:
        """Every event id this agreement defines (for suggestions)."""
        ids = [f"agreement.{n}" for n in AGREEMENT_EVENTS if getattr(self.a, n) is not None]
        for ph in self.phases:
            ids += [f"{ph}.start", f"{ph}.end"]
        for pid, prov in self.provisions.items():
            if isinstance(prov, (Deadline, Obligation)) and prov.due is not None:
                ids.append(pid)
            if isinstance(prov, Exchange):
                ids += [f"{pid}.batch{n}" for n in range(1, len(prov.batches) + 1)]
        if self.amended:
            ids += [f"{am.id}.end" for am in self.a.amendments]
        return ids

    def _phase_counting(self, phase_id: str | None) -> tuple[Counting | None, str | None]:
        if phase_id is None or phase_id not in self.phases:
            return (None, None)
        return (self.phases[phase_id].counting, phase_id)

    # -- moments ----------------------------------------------------------------------------
    def moment(self, m: Moment, rule: str, path: str) -> _Point:
        stated = m.at
        if stated is not None:
            at = stated.astimezone(self.zone)
            return _Point(at.date(), at, False, f"{rule}: {stated.isoformat()}")
        pd = m.date
        assert pd is not None
        day = pd.day
        if day is None:  # (a day implies a month: PartialDate checks it)
            raise UnresolvableError(
                f"is known only to the {pd.precision} ({pd}); dates computed from it "
                "cannot be given without imputing a day, which the library does not do",
                path=path,
                got=str(pd),
            )
        assert pd.month is not None
        d = dt.date(pd.year, pd.month, day)
        zone = self.zone_of(m.zone) if m.zone else self.zone
        if m.time is None:
            text = f"{rule}: {d.isoformat()}"
            if zone is not self.zone and zone.key != self.zone.key:
                # a date has no instant to convert: its label is taken on the agreement's
                # calendar, and the trace says so
                text += (
                    f" (a date in {zone.key}, counted as the same date in {self.zone.key}, "
                    "where the agreement's days are counted)"
                )
            return _Point(d, None, False, text)
        try:
            at = localize_on(d, m.time, zone, m.dst, what="the local time")
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
        change = None if m.dst is _DST_RAISE else dst_change(dt.datetime.combine(d, m.time), zone)
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
                    f"must name a phase {sorted(self.phases)}",
                    path=f"{path}.of",
                    got=r.of,
                    hint=did_you_mean(r.of, self.phases),
                )
            start = self.point(f"{r.of}.start")
            first = _first(start)
            d = first + dt.timedelta(r.day - 1)
            text = f"day {r.day} of {r.of}, counted ordinally (day 1 = {first.isoformat()})"
            if r.roll is _NO_ROLL or r.calendar is None:
                return _Point(d, None, False, text, _ORDINAL)
            rolled = roll(d, r.roll, r.calendar)
            return _Point(
                rolled, None, False, text + _roll_text(d, rolled, r.roll, r.calendar), _ORDINAL
            )
        anchor = r.anchor
        assert anchor is not None
        base = self.point(anchor)
        period = r.after if r.after is not None else r.before
        if period is None:
            return _Point(
                base.date, base.at, base.end_of_day, f"at {anchor} ({_show(base)})", base.counting
            )
        counting, where = (r.counting, None) if r.counting is not None else inherited
        if counting is None:
            raise ConventionError(
                "needs 'counting' (ordinal, elapsed, following or wall_clock): it is not "
                "stated on the rule and there is no phase to take it from",
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
            anchor,
            path,
            roll_rule=r.roll,
            calendar=r.calendar,
            month_end=r.month_end,
            dst=r.dst,
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
        dst: DstPolicy = DstPolicy.RAISE,
        source: str = "",
    ) -> _Point:
        """``base`` moved by ``period`` (forward when sign is 1) under ``counting``."""
        word = "after" if sign > 0 else "before"
        if counting is _ELAPSED:
            instant = self._instant(base, anchor, path, counting)
            try:
                delta = days_to_exact(period)
            except ConventionError as exc:
                raise type(exc)(exc.expected, path=path, got=exc.got, hint=exc.hint) from None
            try:
                at = add_exact(instant, delta if sign > 0 else -delta)
            except ConventionError as exc:
                raise _at(exc, path) from None
            shown = str(period)
            text = (
                f"{shown} {word} {anchor}, elapsed: {instant.isoformat()} "
                f"{'+' if sign > 0 else '-'} {_hours(delta)}"
            )
            if isinstance(period, Period):
                text += _elapsed_days_note(period, shown, instant, at)
            return _Point(at.date(), at, False, text + source, counting)
        if isinstance(period, Duration):
            raise ConventionError(
                f"counts exact time ({period}); only 'elapsed' counting applies to hours",
                path=path,
                got=counting.value,
            )
        p = period if sign > 0 else -period
        if counting is _WALL_CLOCK:
            instant = self._instant(base, anchor, path, counting)
            at = self._calendar(instant, p, month_end, dst, path, None)
            naive = dt.datetime.combine(
                add_period(instant.date(), p, month_end), instant.time()
            )
            tz = instant.tzinfo
            assert isinstance(tz, ZoneInfo)
            text = (
                f"{period} {word} {anchor}, wall_clock: {instant.isoformat()} "
                f"{'+' if sign > 0 else '-'} {period}, same local time"
                + _month_end_note(instant.date(), p, month_end)
                + dst_note(naive, tz, dst, at)
                + source
            )
            return _Point(at.date(), at, False, text, counting)
        start_day = _first(base) if counting is _ORDINAL and sign > 0 else base.date
        try:
            if counting is _ORDINAL:
                if sign > 0:
                    d = add_period(start_day, p, month_end) - _DAY
                    how = f"ordinal: day 1 = {start_day.isoformat()}, last day = {d.isoformat()}"
                else:
                    d = add_period(start_day, p, month_end) + _DAY
                    how = f"ordinal, counted back: day 1 = {start_day.isoformat()}"
            else:  # FOLLOWING
                d = add_period(start_day, p, month_end)
                how = (
                    f"following: {start_day.isoformat()} not counted, "
                    f"{'ends at the end of' if sign > 0 else 'on'} {d.isoformat()}"
                )
        except ConventionError as exc:
            raise type(exc)(exc.expected, path=path, got=exc.got, hint=exc.hint) from None
        text = f"{period} {word} {anchor}, {how}"
        if roll_rule is _NO_ROLL or calendar is None:
            rolled = d
        else:
            rolled = roll(d, roll_rule, calendar)
            text += _roll_text(d, rolled, roll_rule, calendar)
        if p.years or p.months:
            text += _month_end_note(start_day, p, month_end)
        text += _skipped_day_note(min(start_day, d), max(start_day, d), self.zone) + source
        return _Point(rolled, None, sign > 0, text, counting)

    def _calendar(
        self,
        instant: dt.datetime,
        p: Period,
        month_end: MonthEnd | None,
        dst: DstPolicy,
        path: str,
        where: str | None,
        *,
        fixable_here: bool = True,
    ) -> dt.datetime:
        """``add_calendar`` with its errors placed at ``path``; when the rule that decides a
        missing day or a DST gap is stated elsewhere (``where``), the hint says so."""
        try:
            return add_calendar(instant, p, month_end=month_end, dst=dst)
        except ConventionError as exc:
            hint = exc.hint
            if isinstance(exc, (AmbiguousDateError, NonexistentTimeError)) and not fixable_here:
                key = "month_end" if isinstance(exc, AmbiguousDateError) else "dst"
                hint = (
                    f"{hint} on '{where}', whose terms it counts by"
                    if where
                    else f"{hint}: {key} is stated where the date is defined, which is not a "
                    "rule here; move it 'to' a date instead"
                )
            raise type(exc)(exc.expected, path=path, got=exc.got, hint=hint) from None

    def _instant(self, base: _Point, anchor: str, path: str, counting: Counting) -> dt.datetime:
        if base.at is not None:
            return base.at
        if base.end_of_day:
            return start_of_day(base.date + _DAY, self.zone)
        raise UnresolvableError(
            f"needs a start time for {counting.value} counting, but {anchor} is known only to "
            f"the day "
            f"({base.date.isoformat()})",
            path=path,
            got=anchor,
            hint="give the anchor a time and zone, or count 'ordinal' or 'following'",
        )

    # -- phases ------------------------------------------------------------------------------
    def phase_start(self, ph: Phase) -> _Point:
        where = self.paths[ph.id]
        if ph.start is None:
            raise UnresolvableError("has no 'start'", path=where, got=None)
        p = self.when(ph.start, f"{where}.start", (ph.counting, ph.id))
        if (
            p.end_of_day
            and isinstance(ph.start, Rule)
            and ph.start.after is None
            and ph.start.before is None
        ):
            nxt = p.date + _DAY
            return _Point(
                nxt, None, False, f"the day after {ph.start.anchor} ({p.date.isoformat()})"
            )
        return p

    def phase_base_end(self, ph: Phase) -> _Point:
        where = self.paths[ph.id]
        if ph.end is not None:
            p = self.when(ph.end, f"{where}.end", (ph.counting, ph.id))
            if isinstance(ph.end, Moment) and p.at is None:
                return _Point(p.date, None, True, f"ends on the stated date {p.date} (included)")
            return p
        if ph.length is None:
            raise UnresolvableError("has neither 'length' nor 'end'", path=where, got=None)
        assert ph.counting is not None
        start = self.point(f"{ph.id}.start")
        p = self.offset(
            start,
            ph.length,
            1,
            ph.counting,
            f"{ph.id}.start",
            f"{where}.length",
            roll_rule=ph.roll,
            calendar=ph.calendar,
            month_end=ph.month_end,
            dst=ph.dst,
        )
        return p

    def phase_terms(self, ph: Phase, counting: Counting | None) -> _Terms:
        return _Terms(counting, ph.month_end, ph.roll, ph.calendar, ph.dst, self.paths[ph.id])

    def phase_end(self, ph: Phase) -> _Point:
        p = self.phase_base_end(ph)
        if ph.id not in self.targets:
            return p
        return self.amended_point(ph.id, p, self.phase_terms(ph, ph.counting))

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

    def amend(
        self,
        target: str,
        terms: _Terms,
        current: _Point,
        am: Amendment,
        path: str | None = None,
    ) -> _Point:
        path = path or self.paths.get(am.id) or f"amendments.{am.id}"
        label = f"{_KIND_VALUES[am.kind]} ({am.id})"
        if am.to is not None:
            p = self.moment(am.to, label, f"{path}.to")
            if p.at is not None:
                return p
            if am.boundary is _END_OF_DAY:
                return _Point(p.date, None, True, f"{label}: to the end of {p.date}")
            if am.boundary is _START_OF_DAY:
                at = start_of_day(p.date, self.zone)
                return _Point(p.date, at, False, f"{label}: until the start of {p.date}")
            return _Point(
                p.date,
                None,
                False,
                f"{label}: until {p.date} (whether that day is included is not stated)",
            )
        assert am.by is not None
        by_path = path if path.endswith("auto_renewal") else f"{path}.by"
        counting = am.counting or terms.counting
        if counting is None:
            raise ConventionError("needs 'counting' for 'by'", path=path, got=None)
        if isinstance(am.by, Duration) and counting is not _ELAPSED:
            owner = "auto_renewal" if by_path.endswith("auto_renewal") else "amendment"
            raise ConventionError(
                f"counts exact time ({am.by}); only 'elapsed' counting applies to hours, and "
                f"this {owner} counts '{counting.value}'",
                path=by_path,
                got=str(am.by),
                hint=f"state counting: elapsed on the {owner}",
            )
        if current.at is not None and counting is not _ELAPSED:
            assert isinstance(am.by, Period)
            at = self._calendar(
                current.at,
                am.by,
                terms.month_end,
                terms.dst,
                by_path,
                terms.where,
                fixable_here=False,
            )
            naive = dt.datetime.combine(
                add_period(current.at.date(), am.by, terms.month_end),
                current.at.time(),
            )
            return _Point(
                at.date(),
                at,
                False,
                f"{label}: {am.by} after {current.at.isoformat()}, wall-clock time kept"
                + _month_end_note(current.at.date(), am.by, terms.month_end)
                + dst_note(naive, self.zone, terms.dst, at),
                counting,
            )
        try:
            p = self.offset(
                current,
                am.by,
                1,
                _FOLLOWING if counting is _ORDINAL else counting,
                target,
                by_path,
                roll_rule=terms.roll,
                calendar=terms.calendar,
                month_end=terms.month_end,
                dst=terms.dst,
            )
        except (AmbiguousDateError, NonexistentTimeError) as exc:
            where = terms.where
            hint = (
                f"{exc.hint} on '{where}', whose terms the amendment counts by"
                if where
                else f"{exc.hint} where the target's date is defined"
            )
            raise type(exc)(exc.expected, path=exc.path, got=exc.got, hint=hint) from None
        return _Point(p.date, p.at, p.end_of_day, f"{label}: {p.rule}", counting)

    # -- the whole timeline -------------------------------------------------------------------
    def events(self) -> tuple[list[Event], list[Unresolved]]:
        out: list[Event] = []
        keys: list[tuple[dt.date, int, float, int]] = []  # each event's _order, as made
        bad: list[Unresolved] = []
        point = self.point

        def add(
            event_id: str,
            label: str,
            kind: EventKind,
            phase: str | None = None,
            reported: tuple[ReportedDate, ...] = (),
        ) -> None:
            try:
                p = point(event_id)
            except UnresolvableError as exc:
                bad.append(Unresolved(id=event_id, reason=str(exc)))
                return
            out.append(_event(event_id, label, kind, p, phase, reported))
            keys.append(_order(p.date, p.at, p.end_of_day, kind))

        def extend(events: list[Event]) -> None:
            out.extend(events)
            keys.extend(_order(e.date, e.at, e.end_of_day, e.kind) for e in events)

        a = self.a
        for name, event_id, label in _AGREEMENT_EVENT_LABELS:
            if getattr(a, name) is not None:
                add(event_id, label, _AGREEMENT)
        # A phase's reported_end is what sources said of its end as first agreed; once an
        # amendment moves that end, the readings belong to the original timeline (each
        # amendment's own reported_end goes with its '<amendment>.end' event).
        for ph in a.phases:
            add(f"{ph.id}.start", f"{ph.name or ph.id} begins", _PHASE_START, ph.id)
            if ph.end is not None or ph.length is not None:
                add(*self.phase_end_item(ph))
            if ph.auto_renewal is not None and self.renewals:
                extend(self.renewal_events(ph, bad))
        if self.amended:
            for am in a.amendments:
                # an event's phase is a phase id: an amendment of a deadline or obligation
                # belongs to none
                is_phase = am.target in self.phases
                if am.made is not None:
                    try:
                        p = self.moment(am.made, "made", f"amendments.{am.id}.made")
                    except UnresolvableError as exc:
                        bad.append(Unresolved(id=am.id, reason=str(exc)))
                    else:
                        out.append(
                            _event(
                                am.id,
                                f"Amendment {am.id} made",
                                _AMENDMENT,
                                p,
                                am.target if is_phase else None,
                                (),
                            )
                        )
                        keys.append(_order(p.date, p.at, p.end_of_day, _AMENDMENT))
                add(
                    f"{am.id}.end",
                    f"{am.target} {'ends' if is_phase else 'moved'} "
                    f"({_KIND_VALUES[am.kind]}: {am.id})",
                    _AMENDED_END,
                    am.target if is_phase else None,
                    am.reported_end,
                )
        for prov in a.provisions:
            if isinstance(prov, Deadline):
                extend(self.deadline_events(prov, bad))
            elif isinstance(prov, Obligation):
                if prov.due is not None:
                    add(*self.obligation_item(prov))
            elif isinstance(prov, Exchange):
                for i, b in enumerate(prov.batches, start=1):
                    q = f"{b.quantity} " if b.quantity is not None else ""
                    add(
                        f"{prov.id}.batch{i}",
                        f"{self.party_name(prov.releasing)} releases {q}{prov.released}".strip(),
                        _BATCH,
                        prov.phase,
                        b.reported,
                    )
        # sorted as Event._sort_key sorts (stable: ties keep the order made), by the keys
        # computed as each event was made
        order = sorted(range(len(out)), key=keys.__getitem__)
        return [out[i] for i in order], bad

    def phase_end_item(self, ph: Phase) -> _Item:
        """What :meth:`events` makes the end of phase ``ph`` from (see :data:`_Item`). A
        phase's reported_end is what sources said of its end as first agreed: once an
        amendment moves that end, the readings belong to the original timeline (each
        amendment's own reported_end goes with its '<amendment>.end' event)."""
        reported = () if ph.id in self.targets else ph.reported_end
        return f"{ph.id}.end", f"{ph.name or ph.id} ends", _PHASE_END, ph.id, reported

    def obligation_item(self, prov: Obligation) -> _Item:
        """What :meth:`events` makes an obligation with a due date from. As for deadlines:
        once an amendment moves the due date, the published dates belong to the original
        timeline (see validation.reported_readings)."""
        label = f"{self.party_name(prov.party)}: {prov.action}"
        reported = () if prov.id in self.targets else prov.reported
        return prov.id, label, _OBLIGATION, prov.phase, reported

    def events_of(self, ids: set[str]) -> list[Event]:
        """The events :meth:`events` makes of the phase ends, deadlines and obligations
        named in ``ids``, and only those, in the order it gives them; one that cannot be
        dated is left out. Only the dates these events need are computed."""
        out: list[Event] = []

        def add(item: _Item) -> None:
            event_id, label, kind, phase, reported = item
            try:
                p = self.point(event_id)
            except UnresolvableError:
                return
            out.append(_event(event_id, label, kind, p, phase, reported))

        # made in the order events() makes them, then sorted by the same keys (stable)
        for ph in self.a.phases:
            if ph.id in ids and (ph.end is not None or ph.length is not None):
                add(self.phase_end_item(ph))
        for prov in self.a.provisions:
            if prov.id not in ids:
                continue
            if isinstance(prov, Deadline):
                out += self.deadline_events(prov, [])
            elif isinstance(prov, Obligation) and prov.due is not None:
                add(self.obligation_item(prov))
        return sorted(out, key=lambda e: _order(e.date, e.at, e.end_of_day, e.kind))

    def deadline_events(self, d: Deadline, bad: list[Unresolved]) -> list[Event]:
        try:
            first = self.point(d.id)
        except UnresolvableError as exc:
            bad.append(Unresolved(id=d.id, reason=str(exc)))
            return []
        label = (
            d.label
            if d.relation is _RELATION_DEFAULT
            else (f"{d.label} ({d.relation.value.replace('_', ' ')})")
        )
        moved = d.id in self.targets
        reported = () if moved else d.reported
        if d.every is None:
            return [_event(d.id, label, _DEADLINE, first, d.phase, reported)]
        until: _Point | None = None
        if d.until is not None:
            try:
                until = self.point(d.until)
            except UnresolvableError as exc:
                bad.append(Unresolved(id=d.id, reason=str(exc)))
                return []
        month_end, dst, terms_note = self.recurrence_terms(d)
        path = f"{self.paths[d.id]}.every"
        try:
            dates = recurrence(
                first, d.every, count=d.count, until=until, month_end=month_end, dst=dst
            )
        except UnresolvableError as exc:
            bad.append(Unresolved(id=d.id, reason=str(_at(exc, path))))
            return []
        except ConventionError as exc:
            hint = (
                self.recurrence_hint(d, exc)
                if isinstance(exc, (AmbiguousDateError, NonexistentTimeError))
                else exc.hint
            )
            raise type(exc)(exc.expected, path=path, got=exc.got, hint=hint) from None
        out = []
        kept = "same local time" if first.at is not None and isinstance(d.every, Period) else ""
        for i, (day, at, note) in enumerate(dates, start=1):
            how = f"occurrence {i}: {first.rule} + {i - 1} x {d.every}"
            if kept and i > 1:
                how += f" ({kept})"
            p = _Point(day, at, first.end_of_day, how + note + terms_note, first.counting)
            out.append(
                _event(
                    f"{d.id}#{i}",
                    f"{label} [{i}]",
                    _DEADLINE,
                    p,
                    d.phase,
                    reported if i == 1 else (),
                )
            )
        return out

    def recurrence_terms(self, d: Deadline) -> tuple[MonthEnd | None, DstPolicy, str]:
        """The month_end and dst rules of a recurring deadline: those of its 'due' rule, else
        those of its phase (and the trace says so), else none."""
        rule = d.due if isinstance(d.due, Rule) else None
        phase = self.phases.get(d.phase) if d.phase is not None else None
        month_end = rule.month_end if rule is not None else None
        dst = rule.dst if rule is not None else _DST_RAISE
        taken = []
        if phase is not None:
            if month_end is None and phase.month_end is not None:
                month_end = phase.month_end
                taken.append("month_end")
            if dst is _DST_RAISE and phase.dst is not _DST_RAISE:
                dst = phase.dst
                taken.append("dst")
        note = f" ({' and '.join(taken)} from phase {d.phase})" if taken and phase else ""
        return month_end, dst, note

    def recurrence_hint(self, d: Deadline, exc: AmbiguousDateError | NonexistentTimeError) -> str:
        key = "month_end" if isinstance(exc, AmbiguousDateError) else "dst"
        places = []
        if isinstance(d.due, Rule):
            places.append(f"'{self.paths[d.id]}.due'")
        if d.phase is not None and d.phase in self.phases:
            places.append(f"its phase '{self.paths[d.phase]}'")
        if not places:
            return (
                f"{exc.hint}: a recurring deadline takes {key} from its 'due' rule or its "
                "phase; write 'due' as a rule (an anchor event) or give the deadline a phase "
                f"that states {key}"
            )
        return f"{exc.hint} on {' or '.join(places)}"

    def renewal_events(self, ph: Phase, bad: list[Unresolved]) -> list[Event]:
        out = []
        try:
            for k, p in self.renewal_chain(ph):
                if k > self.renewals:
                    break
                out.append(
                    _event(
                        f"{ph.id}.renewal{k}.end",
                        f"{ph.name or ph.id} ends if renewed {k} time{'s' if k > 1 else ''}",
                        _RENEWAL,
                        p,
                        ph.id,
                        (),
                    )
                )
        except UnresolvableError as exc:
            bad.append(Unresolved(id=f"{ph.id}.renewal", reason=str(exc)))
            return []
        return out

    def renewal_chain(self, ph: Phase) -> Iterator[tuple[int, _Point]]:
        """The ends of a phase's automatic renewals 1, 2, ..., each chained from the previous
        end (as amendments chain), up to ``max_renewals``; none once a ``terminate``
        amendment ends the phase (that is how a notice that stops renewal is recorded)."""
        assert ph.auto_renewal is not None
        ar = ph.auto_renewal
        period = ar.period or ph.length
        counting = ar.counting or ph.counting
        if period is None or counting is None:
            raise UnresolvableError(
                "auto-renewal needs a period and a counting",
                path=f"{self.paths[ph.id]}.auto_renewal",
                got=None,
            )
        if self.amended and any(
            am.target == ph.id and am.kind is _TERMINATE for am in self.a.amendments
        ):
            return
        current = self.point(f"{ph.id}.end")
        k = 0
        while ar.max_renewals is None or k < ar.max_renewals:
            k += 1
            am = Amendment(
                id=f"{ph.id}-renewal{k}",
                kind=_RENEW,
                target=ph.id,
                by=period,
                counting=counting,
            )
            current = self.amend(
                ph.id,
                self.phase_terms(ph, counting),
                current,
                am,
                f"{self.paths[ph.id]}.auto_renewal",
            )
            yield (
                k,
                _Point(
                    current.date,
                    current.at,
                    current.end_of_day,
                    f"projected automatic renewal {k}: {current.rule}",
                    counting,
                ),
            )


def recurrence(
    first: _Point,
    step: Period | Duration,
    *,
    count: int | None,
    until: _Point | None,
    month_end: MonthEnd | None = None,
    dst: DstPolicy = DstPolicy.RAISE,
) -> list[tuple[dt.date, dt.datetime | None, str]]:
    """Occurrences first + i x step, i = 0, 1, ... (never by stepping, so nothing drifts), each
    with what its trace must add (a month_end or dst rule that decided it, else '').

    Steps of days, weeks or hours go through ``dateutil.rrule`` (which computes exactly
    start + i x interval for those units); steps with months or years are computed here as
    start + i x step under ``month_end`` (a missing day without one raises
    :class:`AmbiguousDateError`), because rrule silently skips months that lack the day. A
    calendar step from an instant keeps the local wall-clock time; an hour step is exact.
    """
    limit = count if count is not None else 10_000
    out: list[tuple[dt.date, dt.datetime | None, str]] = []

    def at_of(p: Period) -> tuple[dt.datetime | None, str]:
        if first.at is None:
            return None, ""
        at = add_calendar(first.at, p, month_end=month_end, dst=dst)
        tz = first.at.tzinfo
        assert isinstance(tz, ZoneInfo)
        naive = dt.datetime.combine(
            add_period(first.at.date(), p, month_end), first.at.time()
        )
        return at, dst_note(naive, tz, dst, at)

    if isinstance(step, Period) and step.has_months:
        for i in range(limit):
            p = step * i
            day = add_period(first.date, p, month_end)
            if until is not None and day > until.date:
                break
            missing = missing_day(first.date, p)
            note = (
                f"; {missing} does not exist, month_end: {month_end.value} applied"
                if missing is not None and month_end is not None
                else ""
            )
            at, dst_text = at_of(p)
            if _beyond(until, day, at):
                break
            out.append((day, at, note + dst_text))
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
            if _beyond(until, at.date(), at):
                break
            out.append((at.date(), at, ""))
        return out
    days = step.total_days()
    rule = rrule.rrule(
        rrule.DAILY, interval=days, dtstart=dt.datetime.combine(first.date, dt.time()), count=limit
    )
    for naive in rule:
        day = naive.date()
        if until is not None and day > until.date:
            break
        at, dst_text = at_of(Period(days=(day - first.date).days))
        if _beyond(until, day, at):
            break
        out.append((day, at, dst_text))
    return out


def _beyond(until: _Point | None, day: dt.date, at: dt.datetime | None) -> bool:
    """Whether an occurrence (on local ``day``, at ``at`` when timed) falls after the event
    that ends a recurrence: after its instant when it has one, else after its day."""
    if until is None:
        return False
    if until.at is None:
        return day > until.date
    if at is not None:
        return at > until.at
    # a day-level occurrence against an instant: the days the period covered
    midnight = until.at.time() == dt.time(0, 0)
    return day >= until.date if midnight else day > until.date


def _at(exc: CeasefireTermsError, path: str) -> CeasefireTermsError:
    """The same error, placed at the record field ``path``."""
    return type(exc)(exc.expected, path=path, got=exc.got, hint=exc.hint)


def _month_end_note(start: dt.date, p: Period, month_end: MonthEnd | None) -> str:
    """What the trace says of a month_end rule: which rule applied to which missing day."""
    missing = missing_day(start, p)
    if missing is None:
        return f"; month ends: {month_end.value}" if month_end and p.has_months else ""
    assert month_end is not None  # else add_period has raised
    return f"; {missing} does not exist, month_end: {month_end.value} applied"


def _skipped_day_note(first: dt.date, last: dt.date, zone: ZoneInfo) -> str:
    """Days are counted on the calendar. When the zone skipped or repeated a whole local day
    between ``first`` and ``last`` (Pacific/Apia skipped 30 Dec 2011), the trace says so."""
    try:
        before = start_of_day_offset(first, zone)
        after = start_of_day_offset(last + _DAY, zone)
    except OverflowError:
        return ""
    shift = after - before
    if abs(shift) < _DAY:
        return ""
    what = "skipped" if shift > _ZERO else "repeated"
    return (
        f"; {zone.key} {what} a local day in this period (its UTC offset moved by "
        f"{_hours(shift)}); days are counted on the calendar"
    )


def _elapsed_days_note(period: Period, shown: str, start: dt.datetime, end: dt.datetime) -> str:
    """Elapsed counting of a period of days is 24 h a day; the trace says so, and says when a
    change of UTC offset in between moves the local time of day. (``shown``: ``str(period)``,
    already written once for the trace.)"""
    days = period.total_days()
    text = f" (elapsed counting takes {shown} as {days} x 24 h"
    shift = end.utcoffset() != start.utcoffset()
    if shift:
        text += (
            f"; the UTC offset changes in between, so the local time moves from "
            f"{start.strftime('%H:%M')} to {end.strftime('%H:%M')}: count 'wall_clock' to keep "
            "it"
        )
    return text + ")"


def _first(p: _Point) -> dt.date:
    return p.date + _DAY if p.end_of_day else p.date


def _show(p: _Point) -> str:
    if p.at is not None:
        return p.at.isoformat()
    return f"end of {p.date}" if p.end_of_day else p.date.isoformat()


def _hours(td: dt.timedelta) -> str:
    h = td.total_seconds() / 3600
    return f"{h:g} h"


def _roll_text(d: dt.date, rolled: dt.date, rule: Roll, cal: BusinessCalendar | None) -> str:
    if rule is _NO_ROLL or cal is None:
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
    return built(
        Event,
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
        _EVENT_FIELDS.copy(),
    )


_EVENT_FIELDS = set(Event.model_fields)


def first_renewals(agreement: Agreement) -> None:
    """Raise what ``resolve(agreement, renewals=1)`` raises, if anything, by projecting only
    the renewals of the phases with ``auto_renewal`` (in order, as that timeline does).

    For an agreement whose timeline without renewals resolves (``check()`` asks only then),
    the renewals are the only difference between the two timelines, so the first error is
    the same one; tests/test_resolved_snapshot.py compares the two on 520 records."""
    r = _Resolver(agreement, amended=True, renewals=1)
    bad: list[Unresolved] = []
    for ph in agreement.phases:
        if ph.auto_renewal is not None:
            r.renewal_events(ph, bad)


def original_events(agreement: Agreement, ids: set[str]) -> list[Event]:
    """The events of the original (unamended) timeline for the phase ends, deadlines and
    obligations named in ``ids``, as ``resolve(agreement, amended=False)`` gives them, in
    its order, computing only the dates they need (``validation.reported_readings``
    compares the published dates of what amendments moved with these)."""
    return _Resolver(agreement, amended=False, renewals=0).events_of(ids)


def resolve(agreement: Agreement, *, amended: bool = True, renewals: int = 0) -> Timeline:
    """Resolve every dated term of ``agreement`` (see :meth:`Agreement.timeline`)."""
    if not isinstance(renewals, int) or renewals < 0:
        raise ParseError(
            "must be a whole number of renewals, 0 or more", path="renewals", got=renewals
        )
    r = _Resolver(agreement, amended=amended, renewals=renewals)
    events, bad = r.events()
    return built(
        Timeline,
        {
            "agreement": agreement.id,
            "zone": agreement.zone,
            "amended": amended,
            "events": tuple(events),
            "unresolved": tuple(bad),
        },
        private={"_agreement": agreement},
    )
