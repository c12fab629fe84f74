"""The library-neutral half of the frame builders (private).

Each ``*_columns`` function here decides which events, provisions or findings become which
cell values, and returns an ordered mapping of column name -> :class:`Column`: a plain
Python list plus the column's kind (an instant in a named zone, a calendar date, text, a
closed vocabulary, a float, an integer or a boolean). The pandas and Polars modules only
turn each :class:`Column` into a series of their own library with the matching dtype, so
the two kinds of frame cannot drift apart.

Missing values are ``None`` in every kind of column; each adapter maps ``None`` to its
library's missing marker (``NaT``, ``NaN``, ``<NA>``, ``null``).

>>> import ceasefire_terms as ct
>>> a = ct.parse_agreement({"id": "x", "title": "X", "zone": "UTC",
...     "effective": "2025-01-01 00:00 UTC",
...     "phases": [{"id": "p", "start": "agreement.effective", "length": "3 days",
...                 "counting": "ordinal"}]})
>>> cols = timeline_columns(a)
>>> cols["kind"].kind, cols["kind"].values
('category', ['agreement', 'phase_start', 'phase_end'])
>>> cols["date"].kind, cols["date"].zone, cols["date"].values[-1].isoformat()
('instant', 'UTC', '2025-01-03T00:00:00+00:00')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ..dates.arithmetic import start_of_day
from ..dates.resolve import EventKind, Timeline
from ..errors import CeasefireTermsError
from ..model.agreement import Agreement, Deadline, Exchange, Obligation, ObligationStatus
from ..model.conventions import Counting
from ..model.quantity import Quantity, QuantityKind
from ..model.when import get_zone
from ..validation.checks import Report, Severity, check

__all__ = [
    "AGREEMENT_FRAME_COLUMNS",
    "COUNTINGS",
    "EVENT_KINDS",
    "PROVISION_FRAME_COLUMNS",
    "PROVISION_TYPES",
    "QUANTITY_KINDS",
    "REPORT_FRAME_COLUMNS",
    "SEVERITIES",
    "STATUSES",
    "TIMELINES_FRAME_COLUMNS",
    "TIMELINE_FRAME_COLUMNS",
    "Column",
    "ColumnKind",
    "Columns",
    "agreements_columns",
    "provisions_columns",
    "report_columns",
    "timeline_columns",
    "timelines_columns",
]

ColumnKind = Literal["instant", "date", "string", "category", "float", "int", "bool"]
"""``instant``: aware datetimes shown in ``Column.zone``; ``date``: calendar dates without a
zone; ``string``: text; ``category``: text from ``Column.categories`` only; ``float``,
``int``, ``bool``: numbers and flags."""


@dataclass(frozen=True)
class Column:
    """One frame column: its values in row order (``None`` when missing) and their kind."""

    kind: ColumnKind
    values: list[Any]
    zone: str = "UTC"
    """The zone an ``instant`` column is shown in (unused by other kinds)."""
    categories: tuple[str, ...] = ()
    """The allowed values of a ``category`` column, in order (unused by other kinds)."""


Columns = dict[str, Column]
"""Column name -> column, in frame order."""


def _text(values: Iterable[Any]) -> list[str | None]:
    return [None if v is None else str(v) for v in values]


def instants(values: Iterable[dt.datetime | None], zone: str) -> Column:
    """Aware datetimes (``None`` for missing), shown in ``zone``."""
    return Column("instant", list(values), zone=zone)


def dates(values: Iterable[dt.date | None]) -> Column:
    return Column("date", list(values))


def strings(values: Iterable[Any]) -> Column:
    return Column("string", _text(values))


def category(values: Iterable[Any], categories: Iterable[str]) -> Column:
    return Column("category", _text(values), categories=tuple(categories))


def floats(values: Iterable[float | None]) -> Column:
    return Column("float", [None if v is None else float(v) for v in values])


def ints(values: Iterable[int]) -> Column:
    return Column("int", [int(v) for v in values])


def bools(values: Iterable[bool]) -> Column:
    return Column("bool", [bool(v) for v in values])


def _as_timeline(item: Agreement | Timeline) -> Timeline:
    return item.timeline() if isinstance(item, Agreement) else item


def _in_order(columns: Columns, order: Sequence[str]) -> Columns:
    assert list(columns) == list(order), (list(columns), order)
    return columns


# -- timeline ------------------------------------------------------------------------------------

EVENT_KINDS = tuple(k.value for k in EventKind)
COUNTINGS = tuple(c.value for c in Counting)

TIMELINE_FRAME_COLUMNS = (
    "agreement",
    "id",
    "label",
    "kind",
    "date",
    "at",
    "end_of_day",
    "counting",
    "phase",
    "rule",
    "original_date",
)

TIMELINES_FRAME_COLUMNS = (
    *TIMELINE_FRAME_COLUMNS[:1],
    "zone",
    *TIMELINE_FRAME_COLUMNS[1:5],
    "local_date",
    *TIMELINE_FRAME_COLUMNS[5:],
)


def timeline_columns(item: Agreement | Timeline, *, zone: str | None = None) -> Columns:
    """The columns of ``timeline_frame``: one row per resolved event, in timeline order.

    ``date`` and ``original_date`` are the first instant of the local day in the agreement's
    zone; all three instant columns are shown in ``zone`` (default: the agreement's own)."""
    t = _as_timeline(item)
    tz = get_zone(t.zone)
    out_zone = t.zone if zone is None else get_zone(zone).key
    ev = t.events
    columns: Columns = {
        "agreement": strings([t.agreement] * len(ev)),
        "id": strings(e.id for e in ev),
        "label": strings(e.label for e in ev),
        "kind": category((e.kind.value for e in ev), EVENT_KINDS),
        "date": instants((start_of_day(e.date, tz) for e in ev), out_zone),
        "at": instants((e.at for e in ev), out_zone),
        "end_of_day": bools(e.end_of_day for e in ev),
        "counting": category(
            (None if e.counting is None else e.counting.value for e in ev), COUNTINGS
        ),
        "phase": strings(e.phase for e in ev),
        "rule": strings(e.rule for e in ev),
        "original_date": instants(
            (None if e.original_date is None else start_of_day(e.original_date, tz) for e in ev),
            out_zone,
        ),
    }
    return _in_order(columns, TIMELINE_FRAME_COLUMNS)


def timelines_columns(items: Iterable[Agreement | Timeline], *, zone: str = "UTC") -> Columns:
    """The columns of ``timelines_frame``: many timelines stacked, instants shown in ``zone``
    (a column holds one zone), with each row's own ``zone`` and ``local_date`` (the calendar
    date there) added so nothing is lost."""
    target = get_zone(zone).key
    empty = timeline_columns(Timeline(agreement="", zone=target, amended=True, events=()))
    parts = [{**empty, "zone": strings([]), "local_date": dates([])}]
    for item in items:
        t = _as_timeline(item)
        one = timeline_columns(t, zone=target)
        one["zone"] = strings([t.zone] * len(t.events))
        one["local_date"] = dates(e.date for e in t.events)
        parts.append(one)
    return {name: _stack([p[name] for p in parts]) for name in TIMELINES_FRAME_COLUMNS}


def _stack(pieces: Sequence[Column]) -> Column:
    """One column holding the values of ``pieces`` in turn (all of the same kind)."""
    first = pieces[0]
    if any(
        (p.kind, p.zone, p.categories) != (first.kind, first.zone, first.categories) for p in pieces
    ):
        raise ValueError("cannot stack columns of different kinds")
    return Column(first.kind, [v for p in pieces for v in p.values], first.zone, first.categories)


# -- provisions ----------------------------------------------------------------------------------

PROVISION_TYPES = ("exchange", "obligation", "deadline")
QUANTITY_KINDS = tuple(k.value for k in QuantityKind)
STATUSES = tuple(s.value for s in ObligationStatus)

PROVISION_FRAME_COLUMNS = (
    "agreement",
    "id",
    "type",
    "phase",
    "party",
    "subject",
    "quantity",
    "quantity_kind",
    "quantity_low",
    "quantity_high",
    "per",
    "due",
    "due_rule",
    "status",
    "sources",
    "description",
)


def _quantity_of(p: Exchange | Obligation | Deadline) -> Quantity | None:
    if isinstance(p, Exchange):
        return p.quantity
    if isinstance(p, Obligation):
        return p.rate.quantity if p.rate is not None else p.quantity
    return None


def provisions_columns(agreement: Agreement) -> Columns:
    """The columns of ``provisions_frame``: one row per provision, in the agreement's order.

    ``quantity_low``/``quantity_high`` are the interval the figure admits (``inf`` when it has
    no upper bound, ``None`` when there is no figure); ``due`` is the provision's own event in
    the resolved timeline (its instant, else the start of its local day), ``None`` when it
    has none or the timeline cannot be resolved."""
    tz = get_zone(agreement.zone)
    try:
        timeline: Timeline | None = agreement.timeline()
    except CeasefireTermsError:
        timeline = None
    rows: dict[str, list[Any]] = {c: [] for c in PROVISION_FRAME_COLUMNS}
    for p in agreement.provisions:
        q = _quantity_of(p)
        iv = q.interval() if q is not None else None
        event = timeline.get(p.id) if timeline is not None else None
        due = None
        if event is not None:
            due = event.at if event.at is not None else start_of_day(event.date, tz)
        if isinstance(p, Exchange):
            party, subject, status = p.releasing, p.released, None
        elif isinstance(p, Obligation):
            party, subject, status = p.party, p.action, p.status.value
        else:
            party, subject, status = None, p.label, p.status.value
        per = p.rate.per if isinstance(p, Obligation) and p.rate is not None else None
        rows["agreement"].append(agreement.id)
        rows["id"].append(p.id)
        rows["type"].append(p.type)
        rows["phase"].append(p.phase)
        rows["party"].append(party)
        rows["subject"].append(subject)
        rows["quantity"].append(None if q is None else str(q))
        rows["quantity_kind"].append(None if q is None else q.kind.value)
        rows["quantity_low"].append(None if iv is None else float(iv.low))
        rows["quantity_high"].append(None if iv is None else float(iv.high))
        rows["per"].append(None if per is None else str(per))
        rows["due"].append(due)
        rows["due_rule"].append(None if event is None else event.rule)
        rows["status"].append(status)
        rows["sources"].append(len(p.sources))
        rows["description"].append(p.description)
    columns: Columns = {
        "agreement": strings(rows["agreement"]),
        "id": strings(rows["id"]),
        "type": category(rows["type"], PROVISION_TYPES),
        "phase": strings(rows["phase"]),
        "party": strings(rows["party"]),
        "subject": strings(rows["subject"]),
        "quantity": strings(rows["quantity"]),
        "quantity_kind": category(rows["quantity_kind"], QUANTITY_KINDS),
        "quantity_low": floats(rows["quantity_low"]),
        "quantity_high": floats(rows["quantity_high"]),
        "per": strings(rows["per"]),
        "due": instants(rows["due"], agreement.zone),
        "due_rule": strings(rows["due_rule"]),
        "status": category(rows["status"], STATUSES),
        "sources": ints(rows["sources"]),
        "description": strings(rows["description"]),
    }
    return _in_order(columns, PROVISION_FRAME_COLUMNS)


# -- reports -------------------------------------------------------------------------------------

SEVERITIES = tuple(s.value for s in Severity)

REPORT_FRAME_COLUMNS = (
    "agreement",
    "severity",
    "code",
    "path",
    "expected",
    "got",
    "hint",
    "message",
)


def report_columns(report: Report) -> Columns:
    """The columns of ``report_frame``: one row per finding, in the report's order."""
    fs = report.findings
    columns: Columns = {
        "agreement": strings([report.agreement] * len(fs)),
        "severity": category((f.severity.value for f in fs), SEVERITIES),
        "code": strings(f.code for f in fs),
        "path": strings(f.path for f in fs),
        "expected": strings(f.expected for f in fs),
        "got": strings(f.got for f in fs),
        "hint": strings(f.hint for f in fs),
        "message": strings(f.message for f in fs),
    }
    return _in_order(columns, REPORT_FRAME_COLUMNS)


# -- many agreements -----------------------------------------------------------------------------

AGREEMENT_FRAME_COLUMNS = (
    "id",
    "title",
    "zone",
    "parties",
    "phases",
    "provisions",
    "amendments",
    "first_event",
    "last_event",
    "errors",
    "warnings",
)


def agreements_columns(agreements: Iterable[Agreement]) -> Columns:
    """The columns of ``agreements_frame``: one row per agreement, with counts, the first and
    last dated events (in UTC, as zones differ between rows) and the numbers of errors and
    warnings :func:`~ceasefire_terms.check` finds."""
    rows: dict[str, list[Any]] = {c: [] for c in AGREEMENT_FRAME_COLUMNS}
    for a in agreements:
        report = check(a)
        first = last = None
        try:
            events = a.timeline().events
        except CeasefireTermsError:
            events = ()
        tz = get_zone(a.zone)
        if events:
            first = events[0].at or start_of_day(events[0].date, tz)
            last = events[-1].at or start_of_day(events[-1].date, tz)
        for name, value in (
            ("id", a.id),
            ("title", a.title),
            ("zone", a.zone),
            ("parties", len(a.parties)),
            ("phases", len(a.phases)),
            ("provisions", len(a.provisions)),
            ("amendments", len(a.amendments)),
            ("first_event", first),
            ("last_event", last),
            ("errors", len(report.errors)),
            ("warnings", len(report.warnings)),
        ):
            rows[name].append(value)
    columns: Columns = {
        **{n: strings(rows[n]) for n in ("id", "title", "zone")},
        **{n: ints(rows[n]) for n in ("parties", "phases", "provisions", "amendments")},
        "first_event": instants(rows["first_event"], "UTC"),
        "last_event": instants(rows["last_event"], "UTC"),
        **{n: ints(rows[n]) for n in ("errors", "warnings")},
    }
    return _in_order(columns, AGREEMENT_FRAME_COLUMNS)
