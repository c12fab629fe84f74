"""The agreement record: parties, dates, phases, provisions, amendments and sources.

All models are frozen and refuse unknown fields (``extra="forbid"``), so a misspelt key is an
error rather than a silently dropped fact. Periods, quantities and moments accept the readable
text forms used in YAML files ("42 days", "approximately 1,900", "2025-01-19 11:15
Asia/Jerusalem").

Event ids. Every dated thing has an id other rules can refer to:
``agreement.announced``, ``agreement.signed``, ``agreement.effective_scheduled``,
``agreement.effective``; ``<phase>.start`` and ``<phase>.end``; ``<provision id>`` for a
deadline or obligation with a due date; ``<exchange id>.batch<N>`` for batches (N from 1).
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    model_validator,
)

from ..errors import LimitError, ParseError
from . import _services
from ._built import built
from .conventions import BusinessCalendar, Counting, DstPolicy, MonthEnd, Roll
from .ids import did_you_mean
from .limits import MAX_RENEWALS
from .periods import PeriodLike
from .provenance import ID_PATTERN, DatasetOrigin, Reading, ReportedDate, Source, SourceRef
from .quantity import QuantityLike
from .when import Moment, ZoneName, moment_expected

if TYPE_CHECKING:
    from ._services import Status, Timeline

__all__ = [
    "AGREEMENT_EVENTS",
    "MAX_RENEWALS",
    "Agreement",
    "Amendment",
    "AmendmentKind",
    "AutoRenewal",
    "Batch",
    "Boundary",
    "Deadline",
    "Exchange",
    "Obligation",
    "ObligationStatus",
    "Part",
    "Party",
    "Phase",
    "Provision",
    "Rate",
    "RatioRule",
    "Relation",
    "Role",
    "Rule",
    "StatusChange",
    "When",
]

Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=120)]
AGREEMENT_EVENTS = ("announced", "signed", "effective_scheduled", "effective")
_REF = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Role(StrEnum):
    PARTY = "party"
    MEDIATOR = "mediator"
    GUARANTOR = "guarantor"
    WITNESS = "witness"
    OBSERVER = "observer"


class Party(_Frozen):
    """A signatory or third party. ``aliases`` are other names used in reports."""

    id: Id
    name: str
    role: Role = Role.PARTY
    aliases: tuple[str, ...] = ()


class Rule(_Frozen):
    """A date stated relative to another event.

    Either ``day`` N ``of`` a phase ("no later than the 16th day of the first phase"), or an
    offset ``after``/``before`` the ``anchor`` event ("within 60 days of entry into force").
    ``counting`` says how days are counted; when it is left out the rule takes the counting
    stated on the phase it belongs to, and the trace says so. ``day`` is always counted
    ordinally: day 1 is the start day of the phase.
    """

    anchor: str | None = Field(default=None, description="event id, e.g. 'phase-1.end'")
    day: int | None = Field(default=None, ge=1, description="ordinal day N (day 1 = start)")
    of: str | None = Field(default=None, description="phase id for 'day'")
    after: PeriodLike | None = None
    before: PeriodLike | None = None
    counting: Counting | None = None
    roll: Roll = Roll.NONE
    calendar: BusinessCalendar | None = None
    month_end: MonthEnd | None = None
    dst: DstPolicy = DstPolicy.RAISE

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"anchor": data}
        return data

    @model_validator(mode="after")
    def _shape(self) -> Rule:
        if self.day is not None:
            if self.of is None:
                raise ValueError("'day' needs 'of': the id of the phase it counts in")
            if self.anchor is not None or self.after is not None or self.before is not None:
                raise ValueError("give either 'day' + 'of', or 'anchor' with 'after'/'before'")
        else:
            if self.anchor is None:
                raise ValueError("a rule needs 'anchor' (an event id) or 'day' + 'of'")
            if self.of is not None:
                raise ValueError("'of' goes with 'day'")
            if self.after is not None and self.before is not None:
                raise ValueError("give 'after' or 'before', not both")
            for name in ("after", "before"):
                p = getattr(self, name)
                if p is not None and not p.is_positive():
                    raise ValueError(
                        f"'{name}' must be a positive period or duration (got '{p}'); "
                        "use 'before' for an earlier date"
                    )
        if self.roll is not Roll.NONE and self.calendar is None:
            raise ValueError(f"'roll: {self.roll.value}' needs a 'calendar' of business days")
        return self

    def describe(self) -> str:
        if self.day is not None:
            return f"day {self.day} of {self.of}"
        if self.after is not None:
            return f"{self.after} after {self.anchor}"
        if self.before is not None:
            return f"{self.before} before {self.anchor}"
        return f"at {self.anchor}"


def _when(value: Any) -> Any:
    if isinstance(value, (Moment, Rule)):
        return value
    if isinstance(value, dict):
        if {"anchor", "day", "of", "after", "before"} & set(value):
            return Rule.model_validate(value)
        return Moment.model_validate(value)
    if isinstance(value, str):
        if value[:4].isdigit():
            return Moment.parse(value)
        if _REF.match(value):
            return _rule_at(value)
        raise ParseError(moment_expected(event_id=True), got=value)
    if isinstance(value, (dt.date, dt.datetime)):
        return Moment.model_validate(value)
    return value


@cache
def _rule_defaults() -> dict[str, Any]:
    return {name: f.default for name, f in Rule.model_fields.items()}


def _rule_at(anchor: str) -> Rule:
    """``Rule(anchor=anchor)`` (a rule that every event id satisfies), built without
    validating it again (see model/_built.py)."""
    return built(Rule, {**_rule_defaults(), "anchor": anchor}, {"anchor"})


def _when_tag(value: Any) -> str:
    if isinstance(value, Rule):
        return "rule"
    if isinstance(value, dict) and {"anchor", "day", "of", "after", "before"} & set(value):
        return "rule"
    return "moment"


When = Annotated[
    Annotated[Moment, Tag("moment")] | Annotated[Rule, Tag("rule")],
    Discriminator(_when_tag),
    BeforeValidator(_when),
]
"""A date given absolutely (a :class:`Moment`) or relative to another event (a :class:`Rule`).
A plain string is read as a moment when it starts with a year, else as an event id."""


class AutoRenewal(_Frozen):
    """ "Extended automatically for the same period unless a party gives notice"."""

    period: PeriodLike | None = Field(default=None, description="default: the term's length")
    counting: Counting | None = None
    notice: str | None = Field(default=None, description="how renewal is stopped, as stated")
    max_renewals: int | None = Field(default=None, ge=0)


class Phase(_Frozen):
    """A stage of the agreement. Two of start / length / end are given, as in Akoma Ntoso
    intervals; ``counting`` is required whenever a length is given."""

    id: Id
    ordinal: int | None = Field(default=None, ge=0)
    name: str | None = None
    description: str | None = None
    start: When | None = None
    length: PeriodLike | None = None
    end: When | None = None
    counting: Counting | None = None
    roll: Roll = Roll.NONE
    calendar: BusinessCalendar | None = None
    month_end: MonthEnd | None = None
    dst: DstPolicy = DstPolicy.RAISE
    auto_renewal: AutoRenewal | None = None
    may_overlap: bool = Field(
        default=False, description="true when the phase may begin before the previous one ends"
    )
    reported_end: tuple[ReportedDate, ...] = ()
    sources: tuple[SourceRef, ...] = ()

    @model_validator(mode="after")
    def _shape(self) -> Phase:
        if self.length is not None:
            if not self.length.is_positive():
                raise ValueError(f"'length' must be a positive period (got '{self.length}')")
            if self.counting is None:
                raise ValueError(
                    "a phase with a 'length' needs 'counting': one of 'ordinal' (day 1 is the "
                    "start day), 'elapsed' (start + N x 24 h), 'following' (the start day is "
                    "not counted) or 'wall_clock' (calendar days from the start instant, same "
                    "local time)"
                )
            if self.end is not None:
                raise ValueError("give 'length' or 'end', not both")
        if self.roll is not Roll.NONE and self.calendar is None:
            raise ValueError(f"'roll: {self.roll.value}' needs a 'calendar' of business days")
        return self


class Part(_Frozen):
    """A named part of a total ("50 fuel trucks", "1,167 Gaza detainees").

    In an exchange's ``breakdown``, ``outside_ratio_rules: true`` marks releases the ratio
    rules do not cover ("1,167 Gaza detainees" released besides the ratio), so the ratio
    check compares the rules with the total less these parts."""

    label: str
    quantity: QuantityLike
    outside_ratio_rules: bool = False
    readings: tuple[Reading, ...] = ()
    sources: tuple[SourceRef, ...] = ()


class RatioRule(_Frozen):
    """``rate`` released per one unit of ``per`` in the counterpart exchange
    ("30 prisoners per civilian hostage").

    ``count`` is how many of the counterpart's releases the rule applies to (5 female
    soldiers). Without it the rule may apply to any of them; when every rule states one, the
    counterpart's releases beyond the counts are outside the rules."""

    rate: QuantityLike
    per: str
    count: QuantityLike | None = Field(
        default=None,
        description="how many of the counterpart's releases ('per') the rule applies to",
    )
    sources: tuple[SourceRef, ...] = ()


class Batch(_Frozen):
    """A release on a given day ("3 on day 1"); ``reported`` holds the dates sources published
    for it ("three civilians released on Sunday 19 January")."""

    due: When
    quantity: QuantityLike | None = None
    note: str | None = None
    reported: tuple[ReportedDate, ...] = ()
    sources: tuple[SourceRef, ...] = ()


class _ProvisionBase(_Frozen):
    id: Id
    phase: str | None = Field(default=None, description="id of the phase it belongs to")
    description: str | None = None
    readings: tuple[Reading, ...] = ()
    sources: tuple[SourceRef, ...] = ()


class Exchange(_ProvisionBase):
    """Who releases whom, how many, by what ratio rule, in which batches."""

    type: Literal["exchange"] = "exchange"
    releasing: str = Field(description="party id that releases")
    released: str = Field(description="group released, e.g. 'Israeli captives'")
    quantity: QuantityLike | None = None
    breakdown: tuple[Part, ...] = ()
    counterpart: str | None = Field(default=None, description="exchange id given in return")
    ratio_rules: tuple[RatioRule, ...] = ()
    batches: tuple[Batch, ...] = ()


class ObligationStatus(StrEnum):
    PENDING = "pending"
    DUE = "due"
    FULFILLED = "fulfilled"
    BREACHED = "breached"
    WAIVED = "waived"
    DISPUTED = "disputed"
    SUPERSEDED = "superseded"


class StatusChange(_Frozen):
    status: ObligationStatus
    at: Moment
    evidence: str | None = None
    sources: tuple[SourceRef, ...] = ()


class Rate(_Frozen):
    """A quantity per period, with parts: 600 trucks a day, of which 50 carry fuel."""

    quantity: QuantityLike
    per: PeriodLike = Field(description="e.g. '1 day'")
    parts: tuple[Part, ...] = ()
    exhaustive: bool = Field(
        default=False, description="true when the parts must add up to the whole"
    )


class Obligation(_ProvisionBase):
    """Something a party must do, possibly at a rate and by a deadline."""

    type: Literal["obligation"] = "obligation"
    party: str = Field(description="party id that owes it")
    action: str
    rate: Rate | None = None
    quantity: QuantityLike | None = None
    due: When | None = None
    status: ObligationStatus = ObligationStatus.PENDING
    history: tuple[StatusChange, ...] = ()
    reported: tuple[ReportedDate, ...] = Field(
        default=(), description="dates sources published for 'due'"
    )

    @model_validator(mode="after")
    def _reported_needs_due(self) -> Obligation:
        if self.reported and self.due is None:
            raise ValueError(
                "'reported' dates are compared with the obligation's 'due', which is not "
                "given; state 'due', or keep the published dates in a note"
            )
        return self


class Relation(StrEnum):
    ON = "on"
    NO_LATER_THAN = "no_later_than"
    NOT_BEFORE = "not_before"


class Deadline(_ProvisionBase):
    """A dated event of its own ("phase-2 talks begin no later than day 16"), optionally
    recurring ``every`` period from its first date, built as first + i x step."""

    type: Literal["deadline"] = "deadline"
    label: str
    due: When
    relation: Relation = Relation.ON
    every: PeriodLike | None = None
    count: int | None = Field(default=None, ge=1, le=10_000)
    until: str | None = Field(default=None, description="event id ending the recurrence")
    status: ObligationStatus = ObligationStatus.PENDING
    reported: tuple[ReportedDate, ...] = ()

    @model_validator(mode="after")
    def _recurrence(self) -> Deadline:
        if self.every is not None:
            if not self.every.is_positive():
                raise ValueError(f"'every' must be a positive period (got '{self.every}')")
            if self.count is None and self.until is None:
                raise ValueError("a recurring deadline needs 'count' or 'until'")
        elif self.count is not None or self.until is not None:
            raise ValueError("'count' and 'until' go with 'every'")
        return self


Provision = Annotated[Exchange | Obligation | Deadline, Field(discriminator="type")]


class AmendmentKind(StrEnum):
    EXTEND = "extend"
    RENEW = "renew"
    TERMINATE = "terminate"


class Boundary(StrEnum):
    """Whether a date an amendment runs 'to' is included. ``unstated`` keeps the date and
    says so in the trace (and in a check warning)."""

    END_OF_DAY = "end_of_day"
    START_OF_DAY = "start_of_day"
    UNSTATED = "unstated"


class Amendment(_Frozen):
    """A change to the timeline: extend (or renew) a phase by a period or to a date, or
    terminate it on a date; or move a deadline's due date by a period or to a date ("the
    handover was postponed to 25 November"). Amendments apply in the order given."""

    id: Id
    kind: AmendmentKind = AmendmentKind.EXTEND
    target: str = Field(
        description="a phase id (its end moves) or a deadline/obligation id (its due date moves)"
    )
    made: Moment | None = Field(default=None, description="when it was agreed or announced")
    by: PeriodLike | None = None
    to: Moment | None = None
    counting: Counting | None = Field(
        default=None, description="how 'by' is counted; default: the phase's counting"
    )
    boundary: Boundary = Boundary.UNSTATED
    description: str | None = None
    reported_end: tuple[ReportedDate, ...] = ()
    sources: tuple[SourceRef, ...] = ()

    @model_validator(mode="after")
    def _shape(self) -> Amendment:
        if self.kind is AmendmentKind.TERMINATE:
            if self.to is None or self.by is not None:
                raise ValueError("a 'terminate' amendment needs 'to' (the end date) only")
        elif (self.by is None) == (self.to is None):
            raise ValueError(f"an '{self.kind.value}' amendment needs exactly one of 'by' or 'to'")
        if self.by is not None and not self.by.is_positive():
            raise ValueError(f"'by' must be a positive period (got '{self.by}')")
        return self


class Agreement(_Frozen):
    """A ceasefire or peace agreement's terms.

    >>> a = Agreement.model_validate({
    ...     "id": "demo", "title": "Demo", "zone": "Asia/Jerusalem",
    ...     "effective": "2025-01-19T11:15+02:00",
    ...     "phases": [{"id": "p1", "start": "agreement.effective", "length": "42 days",
    ...                 "counting": "ordinal"}]})
    >>> [(e.id, str(e.date)) for e in a.timeline()]
    [('agreement.effective', '2025-01-19'), ('p1.start', '2025-01-19'), ('p1.end', '2025-03-01')]
    """

    # The resolved timelines, cached on first use (see :meth:`timeline`). A slot, not a field
    # or a private attribute: it is not part of equality, serialisation, pickling or copies
    # (a copy made with changes must not inherit the original's dates).
    __slots__ = ("_timelines",)

    schema_version: Literal[1] = 1
    id: Id
    title: str
    zone: ZoneName = Field(description="IANA zone in which the agreement's days are counted")
    parties: tuple[Party, ...] = ()
    announced: Moment | None = None
    signed: Moment | None = None
    effective_scheduled: Moment | None = None
    effective: Moment | None = None
    phases: tuple[Phase, ...] = ()
    provisions: tuple[Provision, ...] = ()
    amendments: tuple[Amendment, ...] = ()
    sources: tuple[Source, ...] = ()
    purpose: str | None = None
    written: bool | None = None
    notes: str | None = None
    origin: DatasetOrigin | None = Field(
        default=None, description="the reference-dataset row(s) the record was imported from"
    )

    def __repr__(self) -> str:
        return (
            f"Agreement(id={self.id!r}, phases={len(self.phases)}, "
            f"provisions={len(self.provisions)}, amendments={len(self.amendments)})"
        )

    def _repr_html_(self) -> str:
        return _services.agreement_html(self)

    # -- lookups ---------------------------------------------------------------------------
    def phase(self, phase_id: str) -> Phase:
        """The phase with this id (:class:`~ceasefire_terms.errors.UnknownReferenceError`)."""
        for p in self.phases:
            if p.id == phase_id:
                return p
        from ..errors import UnknownReferenceError

        raise UnknownReferenceError(
            f"must be one of the phase ids {[p.id for p in self.phases]}",
            path="phase",
            got=phase_id,
            hint=did_you_mean(phase_id, [p.id for p in self.phases]),
        )

    def provision(self, provision_id: str) -> Exchange | Obligation | Deadline:
        for p in self.provisions:
            if p.id == provision_id:
                return p
        from ..errors import UnknownReferenceError

        raise UnknownReferenceError(
            f"must be one of the provision ids {[p.id for p in self.provisions]}",
            path="provision",
            got=provision_id,
            hint=did_you_mean(provision_id, [p.id for p in self.provisions]),
        )

    def source(self, source_id: str) -> Source:
        for s in self.sources:
            if s.id == source_id:
                return s
        from ..errors import UnknownReferenceError

        raise UnknownReferenceError(
            "must be the id of a listed source",
            path="source",
            got=source_id,
            hint=did_you_mean(source_id, [s.id for s in self.sources if s.id]),
        )

    # -- the date engine ---------------------------------------------------------------------
    def timeline(self, *, amended: bool = True, renewals: int = 0) -> Timeline:
        """The resolved, ordered events. ``amended=False`` gives the original timeline;
        ``renewals`` projects that many automatic renewals of phases with ``auto_renewal``
        (at most :data:`MAX_RENEWALS`; more raises :class:`~ceasefire_terms.errors.LimitError`).

        The agreement is frozen, so the timeline with and without amendments (and no
        renewals) is computed once and kept; :func:`~ceasefire_terms.check`,
        :meth:`status_on` and :meth:`day` reuse it. A timeline that cannot be computed is not
        kept: each call raises again."""
        if type(renewals) is int and renewals > MAX_RENEWALS:
            raise LimitError(
                f"must be at most {MAX_RENEWALS:,} (the renewal projection limit)",
                path="renewals",
                got=renewals,
            )
        if type(amended) is not bool or type(renewals) is not int or renewals != 0:
            return _services.resolve(self, amended=amended, renewals=renewals)
        # A copy that refers back to this agreement (status_on projects renewals from it); the
        # kept one does not, so an agreement and its timeline never form a reference cycle
        # (which only the cyclic garbage collector would free, late, in a long pipeline).
        t = self._kept_timeline(amended).model_copy()
        t._agreement = self
        return t

    def _kept_timeline(self, amended: bool) -> Timeline:
        cache: dict[bool, Timeline] | None = getattr(self, "_timelines", None)
        if cache is None:
            cache = {}
            object.__setattr__(self, "_timelines", cache)
        found = cache.get(amended)
        if found is None:
            found = _services.resolve(self, amended=amended)
            found._agreement = None
            cache[amended] = found
        return found

    def status_on(self, when: dt.date | dt.datetime | str) -> Status:
        """What is active, due and past on a date or at an instant (see :class:`Status`)."""
        return self._kept_timeline(True).status_on(when, agreement=self)

    def day(self, phase_id: str, n: int) -> dt.date:
        """The local date of day ``n`` of a phase (day 1 is its start day)."""
        return self._kept_timeline(True).day(phase_id, n)

    def day_of(self, phase_id: str, on: dt.date) -> int:
        """Which day of the phase ``on`` is (1 = its start day; may be <= 0 or past its end)."""
        return self._kept_timeline(True).day_of(phase_id, on)
