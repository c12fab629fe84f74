"""Cross-field checks of an agreement, reported with severities.

Single fields are checked by the model when a record is parsed. :func:`check` looks at the
record as a whole and returns a :class:`Report` of findings; it never raises for a problem in
the record (a problem is a finding), so a pipeline can keep going.

>>> from ceasefire_terms.io import parse_agreement
>>> a = parse_agreement({"id": "x", "title": "X", "zone": "UTC",
...     "phases": [{"id": "p1", "start": "p2.end", "length": "3 days", "counting": "ordinal"},
...                {"id": "p2", "start": "p1.end", "length": "3 days", "counting": "ordinal"}]})
>>> print(check(a).errors[0].message)
'p1.start' must not depend on itself (got p1.start -> p2.end -> p2.start -> p1.end -> p1.start)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..dates.arithmetic import localize, start_of_day
from ..dates.resolve import Event, EventKind, Timeline, first_renewals, original_events
from ..dates.resolve import first_day as _first_day
from ..dates.resolve import last_day as _last_day
from ..errors import CeasefireTermsError, NonexistentTimeError
from ..model._built import built
from ..model.agreement import (
    AGREEMENT_EVENTS,
    Agreement,
    Boundary,
    Deadline,
    Exchange,
    Obligation,
    Part,
)
from ..model.ids import did_you_mean
from ..model.provenance import Reading, ReportedDate, SourceRef
from ..model.quantity import Interval, Quantity
from ..model.when import Moment, get_zone

__all__ = [
    "Finding",
    "Match",
    "Report",
    "Severity",
    "check",
    "compare_reported",
    "reported_readings",
]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Finding(BaseModel):
    """One problem: where (``path``), what was expected and what was found."""

    model_config = ConfigDict(frozen=True)

    severity: Severity
    code: str
    path: str
    expected: str
    got: str | None = None
    hint: str | None = None

    @property
    def message(self) -> str:
        text = f"'{self.path}' {self.expected}"
        if self.got is not None:
            text += f" (got {self.got})"
        if self.hint:
            text += f"; {self.hint}"
        return text

    def as_dict(self) -> dict[str, Any]:
        """``model_dump(mode="json")`` and the message (written out: the bulk path calls it
        for every warning of every record; tests/test_validation.py compares the two)."""
        return {
            "severity": self.severity.value,
            "code": self.code,
            "path": self.path,
            "expected": self.expected,
            "got": self.got,
            "hint": self.hint,
            "message": self.message,
        }


def of_severity(findings: Iterable[Finding], severity: Severity) -> tuple[Finding, ...]:
    """The findings of one severity, in order (:attr:`Report.errors`, :attr:`Report.warnings`,
    and the bulk paths, which take the findings without a report)."""
    return tuple(f for f in findings if f.severity is severity)


class Report(BaseModel):
    """The findings for one agreement. ``ok`` is true when there is no error (warnings allowed;
    pass ``strict=True`` to :meth:`passed` to count warnings too)."""

    model_config = ConfigDict(frozen=True)

    agreement: str
    findings: tuple[Finding, ...] = ()

    @property
    def errors(self) -> tuple[Finding, ...]:
        return of_severity(self.findings, Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return of_severity(self.findings, Severity.WARNING)

    @property
    def ok(self) -> bool:
        return not self.errors

    def passed(self, *, strict: bool = False) -> bool:
        return self.ok and not (strict and self.warnings)

    def as_dict(self) -> dict[str, Any]:
        return {
            "agreement": self.agreement,
            "ok": self.ok,
            "errors": [f.as_dict() for f in self.errors],
            "warnings": [f.as_dict() for f in self.warnings],
        }

    def __repr__(self) -> str:
        return (
            f"Report({self.agreement!r}, errors={len(self.errors)}, warnings={len(self.warnings)})"
        )

    def _repr_html_(self) -> str:
        from ..display import report_html

        return report_html(self)

    def __str__(self) -> str:
        if not self.findings:
            return f"{self.agreement}: valid, no findings"
        lines = [f"{self.agreement}: {len(self.errors)} error(s), {len(self.warnings)} warning(s)"]
        lines += [f"  {f.severity.value}: {f.message}" for f in self.findings]
        return "\n".join(lines)


_FINDING_FIELDS = ("severity", "code", "path", "expected", "got", "hint")


def _finding(
    sev: Severity, code: str, path: str, expected: str, got: str | None, hint: str | None
) -> Finding:
    """``Finding(severity=sev, code=code, ...)``, built without validating the values again
    when each is already of its field's type (always, from the checks; anything else is
    validated). tests/test_model_fast_paths.py compares the two."""
    if (
        type(sev) is Severity
        and type(code) is str
        and type(path) is str
        and type(expected) is str
        and (got is None or type(got) is str)
        and (hint is None or type(hint) is str)
    ):
        values = {
            "severity": sev,
            "code": code,
            "path": path,
            "expected": expected,
            "got": got,
            "hint": hint,
        }
        return built(Finding, values, set(_FINDING_FIELDS))
    return Finding(severity=sev, code=code, path=path, expected=expected, got=got, hint=hint)


def _report(agreement: str, findings: tuple[Finding, ...]) -> Report:
    """``Report(agreement=agreement, findings=findings)``, built like :func:`_finding`."""
    if type(agreement) is str and all(type(f) is Finding for f in findings):
        return built(
            Report, {"agreement": agreement, "findings": findings}, {"agreement", "findings"}
        )
    return Report(agreement=agreement, findings=findings)


class _Checker:
    def __init__(self, a: Agreement) -> None:
        self.a = a
        self.out: list[Finding] = []
        self.party_ids = {p.id for p in a.parties}
        self.phase_ids = {p.id for p in a.phases}
        self.source_ids = {s.id for s in a.sources if s.id}
        self.exchanges = {p.id: p for p in a.provisions if isinstance(p, Exchange)}
        self.provision_ids = {p.id for p in a.provisions}

    def add(
        self,
        sev: Severity,
        code: str,
        path: str,
        expected: str,
        got: Any = None,
        hint: str | None = None,
    ) -> None:
        g = None if got is None else (got if isinstance(got, str) else repr(got))
        self.out.append(_finding(sev, code, path, expected, g, hint))

    def err(
        self, code: str, path: str, expected: str, got: Any = None, hint: str | None = None
    ) -> None:
        self.add(Severity.ERROR, code, path, expected, got, hint)

    def warn(
        self, code: str, path: str, expected: str, got: Any = None, hint: str | None = None
    ) -> None:
        self.add(Severity.WARNING, code, path, expected, got, hint)

    # -- references --------------------------------------------------------------------------
    def ids(self) -> None:
        seen: dict[str, str] = {}
        groups: list[tuple[str, Iterable[Any]]] = [
            ("parties", self.a.parties),
            ("phases", self.a.phases),
            ("provisions", self.a.provisions),
            ("amendments", self.a.amendments),
        ]
        for name, items in groups:
            for i, item in enumerate(items):
                if item.id in seen:
                    self.err(
                        "duplicate-id",
                        f"{name}[{i}].id",
                        f"must be unique (already used in {seen[item.id]})",
                        item.id,
                    )
                seen[item.id] = name
        # A provision's dated event is named by its bare id, so it must not be the name of an
        # event derived from something else ('x.batch1', 'p1.end', 'agreement.signed'), or
        # one of the two would be dated as the other. Every such name has a dot in it, so
        # provision ids without one cannot clash (most records: nothing to build).
        if not any("." in prov.id for prov in self.a.provisions):
            return
        derived = {f"agreement.{n}": "an agreement date" for n in AGREEMENT_EVENTS}
        for ph in self.a.phases:
            derived[f"{ph.id}.start"] = derived[f"{ph.id}.end"] = f"phase {ph.id}"
        for am in self.a.amendments:
            derived[f"{am.id}.end"] = f"amendment {am.id}"
        for ex in self.exchanges.values():
            for n in range(1, len(ex.batches) + 1):
                derived[f"{ex.id}.batch{n}"] = f"a batch of exchange {ex.id}"
        for i, prov in enumerate(self.a.provisions):
            if prov.id in derived:
                self.err(
                    "id-clash",
                    f"provisions[{i}].id",
                    f"must not be the name of an event of {derived[prov.id]}",
                    prov.id,
                    "rename the provision",
                )

    def sources(self, path: str, refs: Iterable[SourceRef]) -> None:
        for j, ref in enumerate(refs):
            if isinstance(ref, str) and ref not in self.source_ids:
                self.err(
                    "unknown-source",
                    f"{path}.sources[{j}]",
                    f"must be the id of a source listed in 'sources' {sorted(self.source_ids)}",
                    ref,
                    did_you_mean(ref, self.source_ids),
                )

    def readings(self, path: str, readings: Iterable[Reading]) -> None:
        rs = list(readings)
        for j, r in enumerate(rs):
            self.sources(f"{path}.readings[{j}]", r.sources)
        if sum(r.preferred for r in rs) > 1:
            self.err("preferred", f"{path}.readings", "may mark at most one reading preferred")

    def references(self) -> None:
        # (an empty list is skipped before its path is written: the checks below only loop)
        for i, ph in enumerate(self.a.phases):
            if ph.sources:
                self.sources(f"phases[{i}]", ph.sources)
            if ph.reported_end:
                self.reported_sources(f"phases[{i}]", ph.reported_end, "reported_end")
        for i, prov in enumerate(self.a.provisions):
            path = f"provisions[{i}]"
            if prov.sources:
                self.sources(path, prov.sources)
            if prov.readings:
                self.readings(path, prov.readings)
            if prov.phase is not None and prov.phase not in self.phase_ids:
                self.err(
                    "unknown-phase",
                    f"{path}.phase",
                    f"must be a phase id {sorted(self.phase_ids)}",
                    prov.phase,
                    did_you_mean(prov.phase, self.phase_ids),
                )
            if isinstance(prov, Exchange):
                self.party(f"{path}.releasing", prov.releasing)
                if prov.counterpart is not None and prov.counterpart not in self.exchanges:
                    self.err(
                        "unknown-exchange",
                        f"{path}.counterpart",
                        f"must be an exchange id {sorted(self.exchanges)}",
                        prov.counterpart,
                        did_you_mean(prov.counterpart, self.exchanges),
                    )
                for j, part in enumerate(prov.breakdown):
                    if part.readings:
                        self.readings(f"{path}.breakdown[{j}]", part.readings)
                    if part.sources:
                        self.sources(f"{path}.breakdown[{j}]", part.sources)
                for j, rr in enumerate(prov.ratio_rules):
                    if rr.sources:
                        self.sources(f"{path}.ratio_rules[{j}]", rr.sources)
                for j, b in enumerate(prov.batches):
                    if b.sources:
                        self.sources(f"{path}.batches[{j}]", b.sources)
                    if b.reported:
                        self.reported_sources(f"{path}.batches[{j}]", b.reported)
            elif isinstance(prov, Obligation):
                self.party(f"{path}.party", prov.party)
                self.history(path, prov)
                self.reported_sources(path, prov.reported)
            elif isinstance(prov, Deadline):
                self.reported_sources(path, prov.reported)
        if not self.a.amendments:
            return
        dated = {
            p.id
            for p in self.a.provisions
            if isinstance(p, (Deadline, Obligation)) and p.due is not None
        }
        targets = self.phase_ids | dated
        for i, am in enumerate(self.a.amendments):
            if am.target not in targets:
                self.err(
                    "unknown-target",
                    f"amendments[{i}].target",
                    f"must be a phase id {sorted(self.phase_ids)} or the id of a deadline or "
                    f"obligation with a due date {sorted(dated)}",
                    am.target,
                    did_you_mean(am.target, targets),
                )
            if am.sources:
                self.sources(f"amendments[{i}]", am.sources)
            if am.reported_end:
                self.reported_sources(f"amendments[{i}]", am.reported_end, "reported_end")
            if am.to is not None and am.to.at is None and am.boundary is Boundary.UNSTATED:
                self.warn(
                    "boundary-unstated",
                    f"amendments[{i}].to",
                    "does not say whether the day is included",
                    str(am.to),
                    "state boundary: end_of_day or start_of_day if the text says so",
                )

    def history(self, path: str, ob: Obligation) -> None:
        """Status changes are in time order and end in the obligation's current status."""
        times = [_comparable(h.at) for h in ob.history]
        known = [t for t in times if t is not None]
        if known != sorted(known):
            self.err(
                "history-order",
                f"{path}.history",
                "must list status changes in time order",
                ", ".join(str(t) for t in known),
            )
        if ob.history and ob.history[-1].status is not ob.status:
            self.warn(
                "history-status",
                f"{path}.status",
                f"should match the last status change ({ob.history[-1].status.value})",
                ob.status.value,
            )

    def party(self, path: str, party_id: str) -> None:
        if party_id not in self.party_ids:
            self.err(
                "unknown-party",
                path,
                f"must be a party id {sorted(self.party_ids)}",
                party_id,
                did_you_mean(party_id, self.party_ids),
            )

    # -- moments ------------------------------------------------------------------------------
    def moments(self) -> None:
        zone = get_zone(self.a.zone)
        for name in ("announced", "signed", "effective_scheduled", "effective"):
            m: Moment | None = getattr(self.a, name)
            if m is not None and m.at is not None:
                try:
                    local = m.at.astimezone(zone)
                except OverflowError:
                    self.err(
                        "out-of-calendar",
                        name,
                        f"lands outside the calendar in {self.a.zone} (years 1 to 9999)",
                        m.at.isoformat(),
                    )
                    continue
                if local.utcoffset() != m.at.utcoffset():
                    self.warn(
                        "offset-zone",
                        name,
                        f"has an offset that differs from {self.a.zone}'s at that instant "
                        f"({local.isoformat()})",
                        m.at.isoformat(),
                        "check the offset; the instant is kept as written",
                    )
        order = [("announced", "effective"), ("signed", "effective"), ("announced", "signed")]
        for early, late in order:
            a, b = getattr(self.a, early), getattr(self.a, late)
            if a is None or b is None:
                continue
            da, db = _comparable(a), _comparable(b)
            if da is not None and db is not None and da > db:
                self.err("date-order", late, f"must not be before '{early}' ({a})", str(b))

    # -- timeline -----------------------------------------------------------------------------
    def timeline(self) -> Timeline | None:
        try:
            # the timeline kept on the frozen agreement itself, not the copy timeline()
            # hands out (that copy refers back to the agreement for status_on, which the
            # checks do not ask)
            t = self.a._kept_timeline(True)
        except CeasefireTermsError as exc:
            self.engine_error(exc)
            return None
        for u in t.unresolved:
            self.warn("unresolved", u.id, "could not be dated", None, u.reason)
        if any(p.auto_renewal is not None for p in self.a.phases):
            # the first automatic renewal is computed only when projected (status, or
            # timeline(renewals=N)); a clause that cannot be counted is an error of the record
            try:
                first_renewals(self.a)  # what timeline(renewals=1) raises, without the rest
            except CeasefireTermsError as exc:
                self.engine_error(exc)
        return t

    def engine_error(self, exc: CeasefireTermsError) -> None:
        """The engine's error as a finding, unless a check already reported an error at the
        same path (an unknown amendment target, say): one finding for one mistake."""
        path = exc.path or "phases"
        if any(f.path == path and f.severity is Severity.ERROR for f in self.out):
            return
        self.err(type(exc).__name__, path, exc.expected, exc.got if exc.has_got else None, exc.hint)

    def phase_order(self, t: Timeline) -> None:
        prev: tuple[str, Event] | None = None
        for ph in self.a.phases:
            start = t.get(f"{ph.id}.start")
            end = t.get(f"{ph.id}.end")
            if start is not None and end is not None and _last_day(end) < _first_day(start):
                self.err(
                    "phase-negative",
                    f"{ph.id}.end",
                    f"must not be before its start ({start.date})",
                    str(end.date),
                )
            if prev is not None and start is not None and not ph.may_overlap:
                pid, pend = prev
                if _first_day(start) <= _last_day(pend) and not _touching(pend, start):
                    self.err(
                        "phase-overlap",
                        f"{ph.id}.start",
                        f"must begin after {pid} ends ({_show(pend)}) unless the phase "
                        "says may_overlap: true",
                        _show(start),
                    )
            if end is not None:
                prev = (ph.id, end)

    def in_phase(self, t: Timeline) -> None:
        if not any(p.phase in self.phase_ids for p in self.a.provisions):
            return  # no provision belongs to a known phase: nothing to compare
        # events of a provision: '<id>', '<id>.batch<N>', '<id>#<N>' (recurrences)
        by_provision: dict[str, list[Event]] = {}
        for e in t.events:
            owner = e.id.partition("#")[0]
            owner = owner if owner in self.provision_ids else owner.partition(".")[0]
            by_provision.setdefault(owner, []).append(e)
        for i, prov in enumerate(self.a.provisions):
            if prov.phase is None or prov.phase not in self.phase_ids:
                continue
            start, end = t.get(f"{prov.phase}.start"), t.get(f"{prov.phase}.end")
            if start is None:
                continue
            for e in by_provision.get(prov.id, ()):
                late = end is not None and e.date > _last_day(end)
                if e.date < _first_day(start) or late:
                    span = f"{_first_day(start)} to {_last_day(end) if end else '…'}"
                    self.err(
                        "outside-phase",
                        f"provisions[{i}]",
                        f"falls outside its phase {prov.phase} ({span})",
                        f"{e.id} on {e.date}",
                    )

    def reported_sources(
        self, path: str, reported: tuple[ReportedDate, ...], field: str = "reported"
    ) -> None:
        for j, rep in enumerate(reported):
            self.sources(f"{path}.{field}[{j}]", rep.sources)

    def reported(self, t: Timeline) -> None:
        for e, rep, original in reported_readings(self.a, t):
            if compare_reported(e, rep.date, self.a.zone) is not Match.DIFFERS:
                continue
            path = f"{e.id} (as first agreed)" if original else e.id
            d = _comparable(rep.date) or rep.date
            when = _show(e) if e.at is not None or e.end_of_day else str(e.date)
            if rep.preferred or not any(r.preferred for r in e.reported):
                self.warn(
                    "reported-differs",
                    path,
                    f"was computed as {when} ({e.rule}) but a source reported {d}",
                    str(rep.date),
                    _cite(rep),
                )
            else:
                self.warn(
                    "reported-disputed",
                    path,
                    f"was computed as {when} ({e.rule}); a reading not marked preferred gives {d}",
                    str(rep.date),
                    _cite(rep) + (f"; note: {rep.note}" if rep.note else ""),
                )

    # -- quantities ---------------------------------------------------------------------------
    def quantities(self) -> None:
        self.ratio_flags()
        for i, prov in enumerate(self.a.provisions):
            path = f"provisions[{i}]"
            if isinstance(prov, Exchange):
                self.exchange(path, prov)
            elif isinstance(prov, Obligation) and prov.rate is not None:
                r = prov.rate
                self.parts(f"{path}.rate", r.quantity, r.parts, exhaustive=r.exhaustive)

    def parts(self, path: str, total: Quantity, parts: Iterable[Part], *, exhaustive: bool) -> None:
        ps = list(parts)
        if not ps:
            return
        s = Interval.sum(p.quantity.interval() for p in ps)
        whole = total.interval()
        if s.low > whole.high:
            self.err(
                "parts-exceed",
                path,
                f"parts must fit the total {total} ({whole})",
                f"parts adding up to {s}",
            )
        elif exhaustive and not s.overlaps(whole):
            self.warn(
                "parts-total",
                path,
                f"parts should add up to the total {total} ({whole})",
                f"parts adding up to {s}",
            )

    def exchange(self, path: str, ex: Exchange) -> None:
        if ex.quantity is None:
            return
        total = ex.quantity.interval()
        batches = [b.quantity.interval() for b in ex.batches if b.quantity is not None]
        if batches:
            s = Interval.sum(batches)
            if s.low > total.high:
                self.err(
                    "batches-exceed",
                    f"{path}.batches",
                    f"batch sizes must fit the total {ex.quantity} ({total})",
                    f"batches adding up to {s}",
                )
        if ex.breakdown:
            s = Interval.sum(p.quantity.interval() for p in ex.breakdown)
            if not s.overlaps(total):
                self.warn(
                    "breakdown-total",
                    f"{path}.breakdown",
                    f"should add up to the stated total {ex.quantity} ({total})",
                    f"parts adding up to {s}",
                )
        if ex.ratio_rules and ex.counterpart in self.exchanges:
            self.ratio(path, ex, self.exchanges[ex.counterpart])

    def ratio(self, path: str, ex: Exchange, other: Exchange) -> None:
        """The released total, less the parts listed as outside the ratio rules, must fit what
        the rules imply for the counterpart's releases: rate x count for a rule with a
        ``count``; the counterpart's remaining releases at the other rules' rates for rules
        without one (none remain outside the rules when every rule has a count)."""
        assert ex.quantity is not None
        rules = ex.ratio_rules
        counted = [r for r in rules if r.count is not None]
        free = [r for r in rules if r.count is None]
        them = None if other.quantity is None else other.quantity.interval()
        counts = Interval.sum(r.count.interval() for r in counted if r.count is not None)
        if counted and them is not None and counts.low > them.high:
            self.warn(
                "ratio-count",
                f"{path}.ratio_rules",
                f"counts should fit the {other.quantity} {other.released} of "
                f"'{ex.counterpart}' ({them})",
                f"counts adding up to {counts}",
                "each rule's 'count' is how many of the counterpart's releases it applies to",
            )
            return
        if free and them is None:
            return  # the rules without a count apply to a number that is not given
        implied = Interval.sum(
            r.count.interval().scale(r.rate.interval().low, r.rate.interval().high)
            for r in counted
            if r.count is not None
        )
        described = [
            f"{r.rate} per {r.per} x {r.count} {r.per}"
            if r.count is not None
            else f"{r.rate} per {r.per}"
            for r in rules
        ]
        covers = ""
        if free:
            assert them is not None
            rest = Interval(max(0, them.low - counts.high), max(0, them.high - counts.low))
            rates = [r.rate.interval() for r in free]
            implied = implied + rest.scale(min(r.low for r in rates), max(r.high for r in rates))
            covers = f" for {other.quantity} {other.released}" + (
                f" ({rest} of them under the rules without a count)" if counted else ""
            )
        total = ex.quantity.interval()
        outside = [p for p in ex.breakdown if p.outside_ratio_rules]
        covered = total
        got = f"{ex.quantity} ({total})"
        if outside:
            o = Interval.sum(p.quantity.interval() for p in outside)
            covered = Interval(max(0, total.low - o.high), max(0, total.high - o.low))
            got += f", less {o} outside the ratio rules = {covered}"
        if implied.overlaps(covered):
            return
        hints = []
        if not outside:
            hints.append(
                "if the total includes releases outside the ratio rules, list them in "
                "'breakdown' with 'outside_ratio_rules: true'"
            )
        if free:
            hints.append(
                f"if the rules apply to only some of the {other.released}, give each rule's 'count'"
            )
        self.warn(
            "ratio-total",
            f"{path}.quantity",
            f"should fit the {implied} {ex.released} implied by the ratio rules "
            f"({', '.join(described)}){covers}",
            got,
            "; ".join(hints) or "the figures disagree; keep each reading with its source",
        )

    def ratio_flags(self) -> None:
        """``outside_ratio_rules`` means something only in an exchange's breakdown."""
        for i, prov in enumerate(self.a.provisions):
            if isinstance(prov, Obligation) and prov.rate is not None:
                for j, part in enumerate(prov.rate.parts):
                    if part.outside_ratio_rules:
                        self.err(
                            "ratio-part",
                            f"provisions[{i}].rate.parts[{j}].outside_ratio_rules",
                            "may be true only in an exchange's 'breakdown' (a rate has no "
                            "ratio rules)",
                            True,
                        )


class Match(StrEnum):
    """How a published date compares with the computed one (see :func:`compare_reported`)."""

    SAME_INSTANT = "same instant"
    SAME_DAY = "same day"
    SAME_MIDNIGHT = "same midnight"
    DIFFERS = "differs"
    NOT_COMPARABLE = "not comparable"


def reported_readings(
    agreement: Agreement, timeline: Timeline
) -> list[tuple[Event, ReportedDate, bool]]:
    """Every published date paired with the computed event it reports on, as
    ``(event, reading, as_first_agreed)``.

    Deadlines, obligations with a due date, batches and amendments carry their readings on
    their own events. A phase's ``reported_end`` is about its end as first agreed: for a phase
    that amendments move, it is paired with the phase end of the original (unamended)
    timeline, and ``as_first_agreed`` is true; so are the readings of a deadline or an
    obligation whose due date an amendment moves.
    """
    out = [(e, rep, False) for e in timeline.events for rep in e.reported]
    moved = {am.target for am in agreement.amendments}
    if moved and timeline.amended and _moved_readings(agreement, moved):
        kept: dict[bool, Timeline] = getattr(agreement, "_timelines", None) or {}
        try:
            # the original timeline when it is kept already, else only the events of what
            # amendments moved (a third of the time of resolving it whole, on the bundled
            # agreements)
            events = kept[False].events if False in kept else original_events(agreement, moved)
        except CeasefireTermsError:
            return out
        for e in events:
            if (e.kind is EventKind.PHASE_END and e.phase in moved) or (
                e.kind in (EventKind.DEADLINE, EventKind.OBLIGATION) and e.id in moved
            ):
                out += [(e, rep, True) for rep in e.reported]
    return out


def _moved_readings(agreement: Agreement, moved: set[str]) -> bool:
    """Whether a phase, deadline or obligation that amendments move carries published
    dates, which belong to the original timeline. (Without any, that timeline adds no
    reading, and is not resolved for nothing.)"""
    return any(ph.id in moved and ph.reported_end for ph in agreement.phases) or any(
        p.id in moved and isinstance(p, (Deadline, Obligation)) and p.reported
        for p in agreement.provisions
    )


def compare_reported(event: Event, reported: Moment, zone: str) -> Match:
    """Compare a published date with a computed event, at the precision both allow.

    An end counted in days (``end_of_day``) is the instant at the start of the next local
    day. Two instants must be equal (``same instant``). A published calendar date is compared
    with the event's local date (``same day``); for an event at exactly local midnight, a date
    naming the day before -- the last day covered, as in "8 to 10 May" for a truce ending at
    00:00 on 11 May -- is the ``same midnight``. A date known only to the month or year is
    ``not comparable``, and so is a local time that a DST change skips or repeats, unless the
    reading states how to read it (``dst``).

    >>> from ceasefire_terms.io import parse_agreement
    >>> a = parse_agreement({"id": "x", "title": "X", "zone": "Europe/Istanbul",
    ...     "signed": "2022-07-22", "phases": [{"id": "p", "start": "agreement.signed",
    ...     "length": "120 days", "counting": "following"}]})
    >>> end = a.timeline()["p.end"]
    >>> [compare_reported(end, Moment.parse(s), a.zone).value
    ...  for s in ("2022-11-19", "2022-11-20 00:00 Europe/Istanbul", "2022-11-18", "2022-11")]
    ['same day', 'same instant', 'differs', 'not comparable']
    """
    tz = get_zone(zone)
    # (the next day is computed first as before, so that an end on the last day of the
    # calendar raises as it did; its first instant only when an instant is compared)
    next_day = event.date + _ONE_DAY if event.end_of_day else None
    if reported.at is not None or reported.time is not None:
        computed: dt.datetime | None = None
        if next_day is not None:
            computed = start_of_day(next_day, tz)
        elif event.at is not None:
            computed = event.at
        if reported.at is not None:
            instant = reported.at
        else:
            assert reported.date is not None and reported.time is not None
            local = dt.datetime.combine(reported.date.to_date(), reported.time)
            try:
                instant = localize(local, get_zone(reported.zone or zone), reported.dst)
            except NonexistentTimeError:
                return Match.NOT_COMPARABLE  # a time a DST change skips or repeats, unread
        if computed is not None:
            return Match.SAME_INSTANT if instant == computed else Match.DIFFERS
        same = instant.astimezone(tz).date() == event.date
        return Match.SAME_DAY if same else Match.DIFFERS
    if reported.date is None or reported.date.precision != "day":
        return Match.NOT_COMPARABLE
    day = reported.date.to_date()
    if event.end_of_day or event.at is None:
        return Match.SAME_DAY if day == event.date else Match.DIFFERS
    local_at = event.at.astimezone(tz)
    if day == local_at.date():
        return Match.SAME_DAY
    if local_at.time() == dt.time(0, 0) and day == local_at.date() - dt.timedelta(days=1):
        return Match.SAME_MIDNIGHT
    return Match.DIFFERS


_ONE_DAY = dt.timedelta(days=1)


def _comparable(m: Moment) -> dt.date | None:
    if m.at is not None:
        return m.at.date()
    if m.date is not None and m.date.precision == "day":
        return m.date.to_date()
    return None


def _touching(end: Event, start: Event) -> bool:
    """An instant end and an instant start at the same moment do not overlap."""
    return end.at is not None and start.at is not None and start.at >= end.at


def _show(e: Event) -> str:
    if e.at is not None:
        return e.at.isoformat()
    return f"end of {e.date}" if e.end_of_day else str(e.date)


def _cite(rep: ReportedDate) -> str:
    names = [s if isinstance(s, str) else str(s) for s in rep.sources]
    return "reported by " + (", ".join(names) or "an unnamed source")


def check(agreement: Agreement) -> Report:
    """Check an agreement as a whole; see the module docs for what is checked."""
    return _report(agreement.id, findings(agreement))


def findings(agreement: Agreement) -> tuple[Finding, ...]:
    """The findings :func:`check` reports, errors and warnings in the order found, without
    the :class:`Report` around them (what the bulk paths need of each record)."""
    c = _Checker(agreement)
    c.ids()
    c.references()
    c.moments()
    c.quantities()
    t = c.timeline()
    if t is not None:
        c.phase_order(t)
        c.in_phase(t)
        c.reported(t)
    return tuple(c.out)
