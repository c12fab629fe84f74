"""Agreements as Polars DataFrames (the ``polars`` extra).

The frames are those of :mod:`ceasefire_terms.integrations.pandas`: the same functions, the
same columns in the same order and the same values (both modules take their rows from one
shared builder). Every column has an explicit Polars dtype:

- instants are ``Datetime("us", time_zone=<zone>)``: a day-level event's ``date`` is the
  first instant of that local day in the agreement's zone; ``at`` is the instant when one is
  known and null otherwise; ``timelines_frame``'s ``local_date`` is a ``Date``;
- text is ``String``; closed vocabularies (event kinds, counting conventions, severities,
  provision types, quantity kinds, statuses) are ``Enum`` with the pandas categories;
- quantities are two ``Float64`` columns, ``quantity_low`` and ``quantity_high`` (``inf``
  when there is no upper bound, null when there is no figure), next to the figure as
  written; counts are ``Int64`` and flags ``Boolean``.

>>> import ceasefire_terms as ct
>>> from ceasefire_terms.integrations.polars import timeline_frame
>>> a = ct.parse_agreement({"id": "x", "title": "X", "zone": "Asia/Jerusalem",
...     "effective": "2025-01-19 11:15 Asia/Jerusalem",
...     "phases": [{"id": "p1", "start": "agreement.effective", "length": "42 days",
...                 "counting": "ordinal"}]})
>>> df = timeline_frame(a)
>>> df.schema["date"]
Datetime(time_unit='us', time_zone='Asia/Jerusalem')
>>> end = df.row(df["id"].index_of("p1.end"), named=True)
>>> end["kind"], end["end_of_day"], end["date"].isoformat()
('phase_end', True, '2025-03-01T00:00:00+02:00')

Polars is imported when a function here is called, not when the module is imported; without
it the call raises an ``ImportError`` naming the extra (``pip install "ceasefire-terms[polars]"``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..dates.resolve import Timeline
from ..model.agreement import Agreement
from ..validation.checks import Report
from . import require
from ._columns import (
    Column,
    Columns,
    agreements_columns,
    provisions_columns,
    report_columns,
    timeline_columns,
    timelines_columns,
)

if TYPE_CHECKING:
    from polars import DataFrame

__all__ = [
    "agreements_frame",
    "provisions_frame",
    "report_frame",
    "timeline_frame",
    "timelines_frame",
]


def _pl() -> Any:
    return require("polars", "polars")


def _series(pl: Any, name: str, column: Column) -> Any:
    """``column`` as a Polars Series of the matching dtype (``None`` becomes null)."""
    values = column.values
    match column.kind:
        case "instant":
            # Built from naive UTC wall times, then given the zone: exact for any input
            # offset, and independent of how Polars reads aware datetimes.
            utc = [None if v is None else v.astimezone(dt.UTC).replace(tzinfo=None) for v in values]
            naive = pl.Series(name, utc, dtype=pl.Datetime("us"))
            return naive.dt.replace_time_zone("UTC").dt.convert_time_zone(column.zone)
        case "date":
            return pl.Series(name, values, dtype=pl.Date)
        case "string":
            return pl.Series(name, values, dtype=pl.String)
        case "category":
            return pl.Series(name, values, dtype=pl.Enum(list(column.categories)))
        case "float":
            return pl.Series(name, values, dtype=pl.Float64)
        case "int":
            return pl.Series(name, values, dtype=pl.Int64)
        case "bool":
            return pl.Series(name, values, dtype=pl.Boolean)


def _frame(pl: Any, columns: Columns) -> DataFrame:
    frame: DataFrame = pl.DataFrame([_series(pl, name, col) for name, col in columns.items()])
    return frame


def timeline_frame(item: Agreement | Timeline, *, zone: str | None = None) -> DataFrame:
    """The resolved events, one row each, in timeline order.

    Columns: ``agreement``, ``id``, ``label``, ``kind`` (Enum), ``date`` (start of the local
    day, ``Datetime("us", zone)``), ``at`` (the instant, or null for a day-level event),
    ``end_of_day`` (the period runs through the whole of ``date``), ``counting`` (Enum),
    ``phase``, ``rule`` (how the date was computed) and ``original_date`` (the date before
    amendments moved it). ``zone`` shows the instant columns in another zone (default: the
    agreement's own)."""
    pl = _pl()
    return _frame(pl, timeline_columns(item, zone=zone))


def timelines_frame(items: Iterable[Agreement | Timeline], *, zone: str = "UTC") -> DataFrame:
    """Many timelines stacked into one frame (a batch of agreements).

    A column holds one time zone, so the instant columns are shown in ``zone`` (UTC by
    default); ``zone`` (each agreement's own zone) and ``local_date`` (the calendar date
    there, a ``Date``) are added so nothing is lost."""
    pl = _pl()
    return _frame(pl, timelines_columns(items, zone=zone))


def provisions_frame(agreement: Agreement) -> DataFrame:
    """One row per provision (exchange, obligation, deadline).

    ``party`` is who releases or owes it; ``subject`` what is released, done or due;
    ``quantity`` the figure as written with ``quantity_low``/``quantity_high`` the interval it
    admits (``Float64``; ``inf`` when unbounded; for a rate, the amount per ``per``); ``due``
    and ``due_rule`` come from the resolved timeline (null when the provision has no date of
    its own; an exchange's batches are in :func:`timeline_frame`)."""
    pl = _pl()
    return _frame(pl, provisions_columns(agreement))


def report_frame(report: Report) -> DataFrame:
    """One row per finding of :func:`~ceasefire_terms.check`: severity (Enum), code, path,
    expected, got, hint and the full message."""
    pl = _pl()
    return _frame(pl, report_columns(report))


def agreements_frame(agreements: Iterable[Agreement]) -> DataFrame:
    """One row per agreement: id, title, zone, counts of parties, phases, provisions and
    amendments (``Int64``), the first and last dated events (UTC, since zones differ between
    rows), and the numbers of errors and warnings :func:`~ceasefire_terms.check` finds."""
    pl = _pl()
    return _frame(pl, agreements_columns(agreements))
