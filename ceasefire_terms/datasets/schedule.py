"""Scheduled end against coded end for ETH/PRIO ceasefires with a fixed duration.

The ETH/PRIO Civil Conflict Ceasefire dataset (Clayton et al. 2022,
doi:10.1177/00220027221129195) codes, per ceasefire and actor, the date it was declared
(``cf_dec_yr/_month/_day``), the date it took effect (``cf_effect_*``), the date it ended
(``end_*``) and, for a ceasefire with a fixed duration (``fixed`` 1), that duration in days
(``fixed_time``). It does not compute when a fixed-duration ceasefire was *scheduled* to end,
because that depends on how the days are counted, which the dataset does not state. This
module computes the scheduled end under each of the library's counting conventions (ordinal,
following, elapsed: see docs/conventions.md), from the declared and from the effective date,
with the library's date engine, and compares it with the coded end:

- ``on_schedule``: the coded end is the scheduled end under at least one convention (they are
  listed in ``agree``);
- ``early`` / ``late``: the coded end is before / after the scheduled end under every one;
- ``unknown``: it cannot be decided, and ``reason`` says why (no fixed duration, a duration
  that is not a number of days, a start or end that is not coded, or a date known only to the
  month whose days straddle a scheduled end).

It reads the rows through the datasets package's ETH/PRIO cell parsers (the same ones
:func:`~ceasefire_terms.datasets.import_dataset` uses), and takes them in any form: a file
(:func:`schedule_file`: the published .csv/.xlsx, or the JSON Lines written by
``ceasefire-terms import ethprio``), a :class:`~ceasefire_terms.datasets.Table`, its
:class:`RawRow` s, typed :class:`EthprioRecord` s, imported agreements (their ``origin``
rows), or plain mappings of column name to cell text. A cell the parsers refuse makes its
comparison ``unknown`` with the parser's message; nothing raises and every input row gives
one result.

>>> row = {"uniq_id": "840033", "actor_name": "CPP", "fixed": "1", "fixed_time": "3",
...        "cf_dec_yr": "1994", "cf_dec_month": "12", "cf_dec_day": "21",
...        "cf_effect_yr": "1994", "cf_effect_month": "12", "cf_effect_day": "30",
...        "end_yr": "1995", "end_month": "1", "end_day": "1"}
>>> [r] = schedule([row])
>>> declared, effective = r.comparisons
>>> [(e.counting.value, e.text) for e in declared.ends]
[('ordinal', '1994-12-23'), ('following', '1994-12-24'), ('elapsed', '1994-12-24')]
>>> declared.status.value, effective.status.value, [c.value for c in effective.agree]
('late', 'on_schedule', ['ordinal'])
>>> [e.delta for e in effective.ends]
[0, -1, -1]

Dates are local calendar days in a zone the dataset does not name. They are placed in UTC,
which has no clock changes: ordinal and following counting are calendar arithmetic and give
the same day in any zone; elapsed counting (start + N x 24 h) ends on start day + N at the
start's time of day, which is what it gives in any zone without a clock change in the period
(see docs/schedule.md for the one case a clock change could move it).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, TypeAlias

from ..errors import CeasefireTermsError, InputError, ParseError
from ..io.load import parse_agreement
from ..model.agreement import Agreement
from ..model.conventions import Counting
from ..model.when import PartialDate
from ._cells import code, split_date, text
from ._common import check_header
from ._table import RawRow, RowProblem, Table, read_table
from .ethprio import ETHPRIO, ETHPRIO_DATES, EthprioRecord, parse_fixed_time

if TYPE_CHECKING:
    from pandas import DataFrame

__all__ = [
    "COUNTINGS",
    "REQUIRED_COLUMNS",
    "STARTS",
    "TABLE_COLUMNS",
    "ZONE",
    "CeasefireSchedule",
    "Comparison",
    "ScheduleInput",
    "ScheduleRow",
    "ScheduleStatus",
    "ScheduleSummary",
    "ScheduledEnd",
    "by_ceasefire",
    "schedule",
    "schedule_file",
    "schedule_frame",
    "schedule_records",
    "summarize",
    "write_csv",
]

COUNTINGS: tuple[Counting, ...] = (Counting.ORDINAL, Counting.FOLLOWING, Counting.ELAPSED)
"""The conventions every scheduled end is computed under, in this order."""

Start = Literal["declared", "effective"]
STARTS: tuple[Start, ...] = ("declared", "effective")
"""The dates a duration is counted from: ``cf_dec_*`` and ``cf_effect_*``."""

REQUIRED_COLUMNS: tuple[str, ...] = (
    "fixed",
    "fixed_time",
    *(col for k in ("declared", "effective", "end") for col in ETHPRIO_DATES[k]),
)
"""The columns the comparison reads (others, such as ``uniq_id`` and ``actor_name``, are
shown when present)."""

ScheduleInput: TypeAlias = Mapping[str, Any] | RawRow | RowProblem | EthprioRecord | Agreement
"""What :func:`schedule` takes, item by item (see the module docs)."""

ZONE = "UTC"
"""The zone the dataset's calendar days are placed in (see the module docs)."""


class ScheduleStatus(StrEnum):
    """How a coded end compares with the scheduled ends. ``mixed`` is only given to a whole
    ceasefire whose actor rows were decided differently."""

    ON_SCHEDULE = "on_schedule"
    EARLY = "early"
    LATE = "late"
    UNKNOWN = "unknown"
    MIXED = "mixed"


@dataclass(frozen=True)
class ScheduledEnd:
    """The scheduled end under one convention, as the range of days it can be: one day when
    the start is known to the day, a range when it is known only to the month or year.
    ``verdict`` compares the coded end with it; ``delta`` is coded end - scheduled end in days
    (negative: early), given only when both are single days."""

    counting: Counting
    earliest: dt.date
    latest: dt.date
    rule: str
    verdict: ScheduleStatus
    delta: int | None

    @property
    def text(self) -> str:
        """``YYYY-MM-DD``, or ``first/last`` (an ISO 8601 interval) for a range."""
        if self.earliest == self.latest:
            return self.earliest.isoformat()
        return f"{self.earliest.isoformat()}/{self.latest.isoformat()}"


@dataclass(frozen=True)
class Comparison:
    """One row's coded end against its scheduled ends counted from one start date."""

    start_from: Start
    start: PartialDate | None
    ends: tuple[ScheduledEnd, ...]
    status: ScheduleStatus
    agree: tuple[Counting, ...] = ()
    reason: str = ""

    def end(self, counting: Counting) -> ScheduledEnd | None:
        return next((e for e in self.ends if e.counting is counting), None)


@dataclass(frozen=True)
class ScheduleRow:
    """The result for one input row (one ceasefire and actor): the cells it was read from and
    one :class:`Comparison` per start date (declared, then effective)."""

    row: int
    uniq_id: str | None
    actor: str | None
    location: str | None
    fixed: str | None
    fixed_time: str | None
    days: int | None
    end: PartialDate | None
    comparisons: tuple[Comparison, ...]

    def comparison(self, start_from: Start) -> Comparison:
        for c in self.comparisons:
            if c.start_from == start_from:
                return c
        raise InputError(  # pragma: no cover - every row carries both
            f"must be one of {list(STARTS)}", path="start_from", got=start_from
        )


@dataclass(frozen=True)
class CeasefireSchedule:
    """The actor rows of one ceasefire (one ``uniq_id``), judged together for one start.

    ``status`` is the status shared by every actor row that could be decided; ``mixed`` when
    they differ (or are on schedule under no common convention); ``unknown`` when none could
    be decided. ``agree`` lists the conventions under which every decided row is on schedule.
    """

    uniq_id: str | None
    start_from: Start
    rows: tuple[int, ...]
    actors: tuple[str, ...]
    status: ScheduleStatus
    agree: tuple[Counting, ...]
    decided: int
    reason: str

    def as_dict(self) -> dict[str, Any]:
        """A JSON-friendly view (the ``schedule`` command's ``ceasefires`` entries)."""
        return {
            "uniq_id": self.uniq_id,
            "from": self.start_from,
            "rows": list(self.rows),
            "actors": list(self.actors),
            "status": self.status.value,
            "agree": [a.value for a in self.agree],
            "decided": self.decided,
            "reason": self.reason or None,
        }


@dataclass(frozen=True)
class ScheduleSummary:
    """Counts: rows per start and status, rows on schedule per start and convention,
    ceasefires per start and status."""

    rows: int
    by_status: dict[str, dict[str, int]] = field(default_factory=dict)
    by_convention: dict[str, dict[str, int]] = field(default_factory=dict)
    ceasefires: dict[str, dict[str, int]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "by_status": self.by_status,
            "on_schedule_by_convention": self.by_convention,
            "ceasefires": self.ceasefires,
        }


# ---------------------------------------------------------------------------------------------
# Reading cells (through the ETH/PRIO parsers of the datasets package)
# ---------------------------------------------------------------------------------------------


def _cell(row: Mapping[Any, Any], column: str) -> str | None:
    """The cell's text, ``None`` when the column is absent (or the cell is missing)."""
    value = row.get(column, None)
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def _short(cell: str, limit: int = 60) -> str:
    cell = " ".join(cell.split())
    return repr(cell if len(cell) <= limit else cell[: limit - 1] + "…")


def _coded_date(row: Mapping[Any, Any], which: str, where: str) -> tuple[PartialDate | None, str]:
    """The split date ``which`` (declared, effective, end) as :func:`split_date` reads it
    for the importer, or ``None`` and the reason: not known (-1), not recorded (0/0/0), or
    the parser's message naming the cell."""
    cols = ETHPRIO_DATES[which]
    label = f"the {which} date" if which != "end" else "the end date"
    cells: list[str] = []
    for col in cols:
        cell = _cell(row, col)
        if cell is None:
            return None, f"{label} cannot be read: no column {col!r}"
        cells.append(cell)
    try:
        date, state = split_date((cells[0], cells[1], cells[2]), where, cols)
    except ParseError as exc:
        return None, f"{label} cannot be read: {exc}"
    if state == "unknown":
        return None, f"{label} is not known ({cols[0]} is -1)"
    if state == "none":
        return None, f"{label} is not recorded ({'/'.join(cols)} are 0/0/0: no such date)"
    return date, ""


def _duration(row: Mapping[Any, Any], where: str) -> tuple[int | None, str]:
    """``fixed_time`` in days when ``fixed`` is 1 and it is a positive whole number; otherwise
    ``None`` and the reason. The cells are read as the importer reads them (``code`` and
    :func:`parse_fixed_time`)."""
    fixed = _cell(row, "fixed")
    fixed_time = _cell(row, "fixed_time")
    if fixed is None:
        return None, "no column 'fixed'"
    if fixed_time is None:
        return None, "no column 'fixed_time'"
    try:
        flag = code(fixed, f"{where}.fixed", unknown=None)
    except ParseError as exc:
        return None, f"fixed cannot be read: {exc}"
    try:
        days, words = parse_fixed_time(fixed_time, f"{where}.fixed_time")
    except ParseError as exc:
        days, words, bad = None, None, f"fixed_time cannot be read: {exc}"
    else:
        bad = ""
    if flag == 0:
        extra = f", although fixed_time is {days}" if days else ""
        return None, f"no fixed duration (fixed is 0{extra})"
    if flag == -1:
        return None, "unclear whether the duration was fixed (fixed is -1)"
    if flag != 1:
        return None, f"fixed is {_short(fixed)}; expected 1, 0 or -1"
    if bad:
        return None, bad
    if words is not None:
        return None, f"fixed_time is free text, not a number of days: {_short(words)}"
    if days is None:
        if not fixed_time.strip():
            return None, "fixed_time is empty"
        return None, "the duration is unclear (fixed_time is -1)"
    if days == 0:
        return None, "fixed_time is 0 (no duration) although fixed is 1"
    return days, ""


def _span(p: PartialDate) -> tuple[dt.date, dt.date]:
    """The first and last day a partial date may be."""
    if p.month is None:
        return dt.date(p.year, 1, 1), dt.date(p.year, 12, 31)
    if p.day is None:
        first = dt.date(p.year, p.month, 1)
        nxt = dt.date(p.year + 1, 1, 1) if p.month == 12 else dt.date(p.year, p.month + 1, 1)
        return first, nxt - dt.timedelta(days=1)
    d = p.to_date()
    return d, d


# ---------------------------------------------------------------------------------------------
# The date engine
# ---------------------------------------------------------------------------------------------

_EngineEnds = dict[Counting, tuple[dt.date, dt.date, str]]


@lru_cache(maxsize=16384)
def _engine_ends(start: dt.date, days: int) -> _EngineEnds | str:
    """The end of a ``days``-day period from local day ``start`` under each convention, from
    the library's timeline: a minimal agreement with one phase per convention. The elapsed
    period (``days`` x 24 h, a Duration) is run from the first and the last minute of the
    start day, since the dataset gives no time of day; the earliest and latest end days are
    returned (the same day in UTC). A date the engine refuses gives the error's message."""
    first = f"{start.isoformat()} 00:00 {ZONE}"
    last = f"{start.isoformat()} 23:59 {ZONE}"
    period, hours = {"days": days}, {"hours": 24 * days}  # a Period, and a Duration
    data = {
        "id": "ethprio-schedule",
        "title": f"{days} days from {start.isoformat()}",
        "zone": ZONE,
        "effective": start.isoformat(),
        "phases": [
            {"id": "ordinal", "start": "agreement.effective", "length": period,
             "counting": "ordinal"},
            {"id": "following", "start": "agreement.effective", "length": period,
             "counting": "following"},
            {"id": "elapsed-first", "start": first, "length": hours, "counting": "elapsed",
             "may_overlap": True},
            {"id": "elapsed-last", "start": last, "length": hours, "counting": "elapsed",
             "may_overlap": True},
        ],
    }  # fmt: skip
    try:
        t = parse_agreement(data).timeline()
        o, f = t["ordinal.end"], t["following.end"]
        e1, e2 = t["elapsed-first.end"], t["elapsed-last.end"]
    except CeasefireTermsError as exc:
        return exc.expected
    return {
        Counting.ORDINAL: (o.date, o.date, o.rule),
        Counting.FOLLOWING: (f.date, f.date, f.rule),
        Counting.ELAPSED: (
            min(e1.date, e2.date),
            max(e1.date, e2.date),
            f"{e1.rule} (from 00:00; from 23:59 it ends on {e2.date.isoformat()})"
            if e1.date != e2.date
            else f"{e1.rule}; from any time of {start.isoformat()} it ends on "
            f"{e1.date.isoformat()}",
        ),
    }


def _scheduled(start: PartialDate, days: int) -> dict[Counting, tuple[dt.date, dt.date, str]] | str:
    """The range of each convention's end for a start known to the day, month or year: the
    engine run from its first and its last possible day (ends only move forward with the start).
    """
    lo, hi = _span(start)
    a = _engine_ends(lo, days)
    if isinstance(a, str):
        return a
    if lo == hi:
        return a
    b = _engine_ends(hi, days)
    if isinstance(b, str):
        return b
    return {
        c: (a[c][0], b[c][1], f"from {lo.isoformat()}: {a[c][2]}; from {hi.isoformat()}: {b[c][2]}")
        for c in COUNTINGS
    }


# ---------------------------------------------------------------------------------------------
# Comparing
# ---------------------------------------------------------------------------------------------


def _verdict(
    end: tuple[dt.date, dt.date] | None, lo: dt.date, hi: dt.date
) -> tuple[ScheduleStatus, int | None]:
    if end is None:
        return ScheduleStatus.UNKNOWN, None
    e0, e1 = end
    exact = e0 == e1 and lo == hi
    if exact and e0 == lo:
        return ScheduleStatus.ON_SCHEDULE, 0
    if e1 < lo:
        return ScheduleStatus.EARLY, (e0 - lo).days if exact else None
    if e0 > hi:
        return ScheduleStatus.LATE, (e0 - lo).days if exact else None
    return ScheduleStatus.UNKNOWN, None


def _compare(
    start_from: Start,
    start: PartialDate | None,
    start_reason: str,
    days: int,
    end: PartialDate | None,
    end_reason: str,
) -> Comparison:
    if start is None:
        return Comparison(start_from, None, (), ScheduleStatus.UNKNOWN, reason=start_reason)
    computed = _scheduled(start, days)
    if isinstance(computed, str):
        return Comparison(
            start_from,
            start,
            (),
            ScheduleStatus.UNKNOWN,
            reason=f"no scheduled end: {days} days from {start}: {computed}",
        )
    span = None if end is None else _span(end)
    ends = tuple(
        ScheduledEnd(c, lo, hi, rule, *_verdict(span, lo, hi))
        for c, (lo, hi, rule) in ((c, computed[c]) for c in COUNTINGS)
    )
    if end is None:
        return Comparison(start_from, start, ends, ScheduleStatus.UNKNOWN, reason=end_reason)
    verdicts = {e.verdict for e in ends}
    agree = tuple(e.counting for e in ends if e.verdict is ScheduleStatus.ON_SCHEDULE)
    note = ""
    if span is not None and span[1] < _span(start)[0]:
        note = f"the coded end {end} is before the {start_from} date {start}"
    if agree:
        return Comparison(start_from, start, ends, ScheduleStatus.ON_SCHEDULE, agree, note)
    if verdicts in ({ScheduleStatus.EARLY}, {ScheduleStatus.LATE}):
        return Comparison(start_from, start, ends, verdicts.pop(), (), note)
    return Comparison(
        start_from, start, ends, ScheduleStatus.UNKNOWN, reason=_undecided(start, end, ends)
    )


def _undecided(start: PartialDate, end: PartialDate, ends: Sequence[ScheduledEnd]) -> str:
    open_ = [e for e in ends if e.verdict is ScheduleStatus.UNKNOWN]
    if not open_:
        parts = ", ".join(f"{e.verdict.value} under {e.counting.value}" for e in ends)
        return f"the conventions disagree: {parts}"
    why = []
    if end.precision != "day":
        why.append(f"the end is known only to the {end.precision} ({end})")
    if start.precision != "day":
        why.append(f"the start is known only to the {start.precision} ({start})")
    overlap = ", ".join(f"{e.counting.value} ({e.text})" for e in open_)
    return (
        f"cannot be decided: {' and '.join(why)}, which overlaps the scheduled end under "
        f"{overlap}"
    )


def _one(n: int, row: Mapping[Any, Any]) -> ScheduleRow:
    where = f"row[{n}]"
    days, days_reason = _duration(row, where)
    end, end_reason = _coded_date(row, "end", where)
    comparisons = []
    for start_from in STARTS:
        start, start_reason = _coded_date(row, start_from, where)
        if days is None:
            comparisons.append(
                Comparison(start_from, start, (), ScheduleStatus.UNKNOWN, reason=days_reason)
            )
            continue
        comparisons.append(_compare(start_from, start, start_reason, days, end, end_reason))
    shown = {c: None if (t := _cell(row, c)) is None or (v := text(t)) is None else v.strip()
             for c in ("uniq_id", "actor_name", "location")}  # fmt: skip
    return ScheduleRow(
        row=n,
        uniq_id=shown["uniq_id"],
        actor=shown["actor_name"],
        location=shown["location"],
        fixed=_cell(row, "fixed"),
        fixed_time=_cell(row, "fixed_time"),
        days=days,
        end=end,
        comparisons=tuple(comparisons),
    )


def _unread(n: int, reason: str) -> ScheduleRow:
    comparisons = tuple(
        Comparison(s, None, (), ScheduleStatus.UNKNOWN, reason=reason) for s in STARTS
    )
    return ScheduleRow(n, None, None, None, None, None, None, None, comparisons)


def _rows(items: Iterable[Any]) -> Iterator[tuple[int, Mapping[Any, Any] | str]]:
    """(row number, cells) for every row the items hold, or (row number, why it has none).
    Rows of a file, records and agreements keep the dataset's row numbers; plain mappings
    are numbered by their position (from 1)."""
    for n, item in enumerate(items, start=1):
        if isinstance(item, (RawRow, EthprioRecord)):
            yield item.row, item.cells
        elif isinstance(item, RowProblem):
            yield item.row, f"row {item.row} cannot be read: {item.reason}"
        elif isinstance(item, Agreement):
            o = item.origin
            if o is None or o.dataset != ETHPRIO.name:
                yield n, (
                    f"record {item.id!r} holds no ETH/PRIO rows (it was not imported from "
                    "ETH/PRIO: 'origin' is "
                    + ("empty)" if o is None else f"from {o.dataset!r})")
                )
                continue
            for r in o.rows:
                yield r.row, r.cells
        elif isinstance(item, Mapping):
            yield n, item
        else:
            yield n, f"row {n} is a {type(item).__name__}, not a mapping of column to cell"


def _row_number(r: RawRow | RowProblem) -> int:
    return r.row


def schedule(items: Iterable[ScheduleInput] | Table) -> list[ScheduleRow]:
    """One :class:`ScheduleRow` per row, in order: each row of a :class:`Table` (a row it
    could not read too), each :class:`RawRow`, :class:`EthprioRecord` or mapping, and each
    ``origin`` row of an agreement imported from ETH/PRIO (another agreement gives one
    ``unknown`` row saying so). Never raises on a row's content: what cannot be compared is
    ``unknown`` with the reason."""
    source: Iterable[Any]
    if isinstance(items, Table):  # a file's rows in order, the unread ones too
        source = sorted([*items.rows, *items.problems], key=_row_number)
    else:
        source = items
    return [
        _one(n, cells) if not isinstance(cells, str) else _unread(n, cells)
        for n, cells in _rows(source)
    ]


def schedule_file(path: str | Path) -> list[ScheduleRow]:
    """:func:`schedule` over a file: the published ETH/PRIO table (``.csv``, or ``.xlsx``
    with the ``xlsx`` extra) read by :func:`~ceasefire_terms.datasets.read_table`, or
    agreement records (``.jsonl``/``.json``/``.yaml``, e.g. from ``ceasefire-terms import
    ethprio``). A record that is not a valid agreement gives an ``unknown`` row naming its
    line. :class:`InputError` when the file cannot be read, or a table lacks the ETH/PRIO
    columns."""
    p = Path(path)
    if p.suffix.lower() in (".jsonl", ".json", ".yaml", ".yml"):
        from ..pipeline.records import ValidRecord, validate_files

        items: list[ScheduleInput] = []
        for o in validate_files([p]):
            if isinstance(o, ValidRecord):
                if o.agreement is not None:
                    items.append(o.agreement)
            else:
                where = f"line {o.line}" if o.line is not None else f"record {o.index + 1}"
                items.append(
                    RowProblem(o.index + 1, o.line, None, f"{where} is not a valid agreement: "
                               f"{o.message}")
                )  # fmt: skip
        return schedule(items)
    table = read_table(p)
    check_header(ETHPRIO, table)
    return schedule(table)


def _results(rows: Iterable[Any] | Table) -> list[ScheduleRow]:
    if isinstance(rows, Table):
        return schedule(rows)
    items = list(rows)
    if all(isinstance(r, ScheduleRow) for r in items):
        return items
    return schedule(items)


# ---------------------------------------------------------------------------------------------
# Ceasefires, summary, table
# ---------------------------------------------------------------------------------------------


def by_ceasefire(results: Iterable[ScheduleRow]) -> list[CeasefireSchedule]:
    """The actor rows of each ceasefire (same ``uniq_id``; a row without one stands alone)
    judged together, once per start date, in order of first appearance."""
    groups: dict[str, list[ScheduleRow]] = {}
    for r in results:
        groups.setdefault(r.uniq_id if r.uniq_id is not None else f"\0{r.row}", []).append(r)
    out = []
    for members in groups.values():
        for start_from in STARTS:
            out.append(_judge(members, start_from))
    return out


def _judge(members: list[ScheduleRow], start_from: Start) -> CeasefireSchedule:
    pairs = [(m, m.comparison(start_from)) for m in members]
    decided = [(m, c) for m, c in pairs if c.status is not ScheduleStatus.UNKNOWN]
    undecided = len(pairs) - len(decided)

    def who(m: ScheduleRow) -> str:
        return m.actor or f"row {m.row}"

    agree: tuple[Counting, ...] = ()
    if not decided:
        status = ScheduleStatus.UNKNOWN
        reasons = list(dict.fromkeys(c.reason for _, c in pairs if c.reason))
        reason = "; ".join(reasons)
    else:
        statuses = {c.status for _, c in decided}
        detail = "; ".join(
            f"{who(m)}: {c.status.value}"
            + (f" ({'+'.join(a.value for a in c.agree)})" if c.agree else "")
            for m, c in decided
        )
        if len(statuses) > 1:
            status, reason = ScheduleStatus.MIXED, f"actors differ: {detail}"
        else:
            status, reason = statuses.pop(), ""
            if status is ScheduleStatus.ON_SCHEDULE:
                common = set(COUNTINGS)
                for _, c in decided:
                    common &= set(c.agree)
                agree = tuple(c for c in COUNTINGS if c in common)
                if not agree:
                    status = ScheduleStatus.MIXED
                    reason = f"on schedule under no common convention: {detail}"
        if undecided:
            more = f"{undecided} of {len(pairs)} actor rows could not be decided"
            reason = f"{reason}; {more}" if reason else more
    return CeasefireSchedule(
        uniq_id=members[0].uniq_id,
        start_from=start_from,
        rows=tuple(m.row for m in members),
        actors=tuple(who(m) for m in members),
        status=status,
        agree=agree,
        decided=len(decided),
        reason=reason,
    )


def summarize(results: Iterable[ScheduleRow]) -> ScheduleSummary:
    """Counts per start date: rows by status, rows on schedule under each convention (a row
    may agree with several), and ceasefires by status."""
    items = list(results)
    by_status: dict[str, dict[str, int]] = {}
    by_convention: dict[str, dict[str, int]] = {}
    for start_from in STARTS:
        comps = [r.comparison(start_from) for r in items]
        counts = Counter(c.status.value for c in comps)
        by_status[start_from] = {
            s.value: counts[s.value] for s in ScheduleStatus if s is not ScheduleStatus.MIXED
        }
        agree = Counter(a.value for c in comps for a in c.agree)
        by_convention[start_from] = {c.value: agree[c.value] for c in COUNTINGS}
    ceasefires: dict[str, dict[str, int]] = {s: {} for s in STARTS}
    for cf in by_ceasefire(items):
        bucket = ceasefires[cf.start_from]
        bucket[cf.status.value] = bucket.get(cf.status.value, 0) + 1
    ceasefires = {
        s: {st.value: ceasefires[s].get(st.value, 0) for st in ScheduleStatus} for s in STARTS
    }
    return ScheduleSummary(len(items), by_status, by_convention, ceasefires)


TABLE_COLUMNS: tuple[str, ...] = (
    "row",
    "uniq_id",
    "actor",
    "location",
    "fixed_time",
    "days",
    "from",
    "start",
    "end",
    *(f"{c.value}_end" for c in COUNTINGS),
    *(f"{c.value}_delta" for c in COUNTINGS),
    "status",
    "agree",
    "reason",
)
"""The table's columns: one line per input row and start date. ``<convention>_end`` is the
scheduled end (a day, or ``first/last``); ``<convention>_delta`` is coded end - scheduled end
in days (negative: early); ``agree`` joins the conventions that agree with ``+``."""


def schedule_records(rows: Iterable[Any] | Table) -> list[dict[str, Any]]:
    """The table as plain records (``TABLE_COLUMNS``), two per input row: from the declared
    and from the effective date. Takes what :func:`schedule` takes, or its results."""
    out = []
    for r in _results(rows):
        for c in r.comparisons:
            rec: dict[str, Any] = {
                "row": r.row,
                "uniq_id": r.uniq_id,
                "actor": r.actor,
                "location": r.location,
                "fixed_time": r.fixed_time,
                "days": r.days,
                "from": c.start_from,
                "start": None if c.start is None else str(c.start),
                "end": None if r.end is None else str(r.end),
            }
            for conv in COUNTINGS:
                e = c.end(conv)
                rec[f"{conv.value}_end"] = None if e is None else e.text
                rec[f"{conv.value}_delta"] = None if e is None else e.delta
            rec["status"] = c.status.value
            rec["agree"] = "+".join(a.value for a in c.agree) or None
            rec["reason"] = c.reason or None
            out.append({col: rec[col] for col in TABLE_COLUMNS})
    return out


def write_csv(rows: Iterable[Any] | Table, target: str | Path | IO[str]) -> int:
    """Write the table as CSV (``TABLE_COLUMNS``; empty cells for missing values) to a path
    (replaced atomically) or an open text stream. Returns the number of lines written."""
    records = schedule_records(rows)
    if isinstance(target, (str, Path)):
        from ..pipeline.atomic import atomic_writer

        with atomic_writer(target) as f:
            _write(records, f)
    else:
        _write(records, target)
    return len(records)


def _write(records: list[dict[str, Any]], f: IO[str]) -> None:
    w = csv.DictWriter(f, fieldnames=TABLE_COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(records)


def schedule_frame(rows: Iterable[Any] | Table) -> DataFrame:
    """The table as a pandas DataFrame (the ``pandas`` extra): ``row`` int64; ``days`` and the
    deltas nullable ``Int64``; ``from``, ``status`` category; other columns ``string``.
    Takes what :func:`schedule` takes, or its results.

    >>> df = schedule_frame([{"fixed": "1", "fixed_time": "2", "cf_dec_yr": "2015",
    ...     "cf_dec_month": "2", "cf_dec_day": "6", "cf_effect_yr": "2015",
    ...     "cf_effect_month": "2", "cf_effect_day": "6", "end_yr": "2015", "end_month": "2",
    ...     "end_day": "7"}])
    >>> df[["from", "ordinal_end", "following_delta", "status"]].values.tolist()
    [['declared', '2015-02-07', -1, 'on_schedule'], ['effective', '2015-02-07', -1, 'on_schedule']]
    >>> str(df["following_delta"].dtype), str(df["status"].dtype)
    ('Int64', 'category')
    """
    from ..integrations import require

    pd = require("pandas", "pandas")
    records = schedule_records(rows)
    frame = pd.DataFrame.from_records(records, columns=list(TABLE_COLUMNS))
    ints = {"days", *(f"{c.value}_delta" for c in COUNTINGS)}
    dtypes: dict[str, Any] = {}
    for col in TABLE_COLUMNS:
        if col == "row":
            dtypes[col] = "int64"
        elif col in ints:
            dtypes[col] = "Int64"
        elif col == "from":
            dtypes[col] = pd.CategoricalDtype(list(STARTS))
        elif col == "status":
            dtypes[col] = pd.CategoricalDtype(
                [s.value for s in ScheduleStatus if s is not ScheduleStatus.MIXED]
            )
        else:
            dtypes[col] = "string"
    result: DataFrame = frame.astype(dtypes)
    return result
