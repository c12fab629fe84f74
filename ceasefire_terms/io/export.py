"""Plain-text exports of a resolved timeline (CSV). Calendar (iCalendar) export needs the
``ics`` extra and lives in :mod:`ceasefire_terms.integrations.ics`.

Every CSV this library writes is safe to open in a spreadsheet: a text cell that begins with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return (which Excel, LibreOffice and Google
Sheets would run as a formula) is written with a single quote in front, as the OWASP advice
on CSV injection says. Only text cells are changed: dates and instants (ISO 8601), numbers
(a negative number stays ``-3``) and flags are written as they are. The library's values
themselves (timelines, frames) are never altered; this happens only on the way to CSV.

>>> [csv_text(t) for t in ("=1+2", "-3 days", "@SUM(A1)", "Phase 1")]
["'=1+2", "'-3 days", "'@SUM(A1)", 'Phase 1']
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from ..dates.resolve import Timeline

__all__ = ["FORMULA_STARTS", "TIMELINE_COLUMNS", "csv_text", "frame_csv", "timeline_csv"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A text cell starting with one of these is neutralised with a leading single quote."""

_TEXT_COLUMNS = frozenset({"id", "label", "kind", "counting", "phase", "rule"})
"""The timeline CSV's text columns; the others hold ISO dates, ISO instants and flags."""


def csv_text(value: str) -> str:
    """A text cell, neutralised if a spreadsheet would read it as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


TIMELINE_COLUMNS = (
    "id",
    "label",
    "kind",
    "date",
    "at",
    "at_utc",
    "end_of_day",
    "counting",
    "phase",
    "rule",
)


def timeline_csv(t: Timeline) -> str:
    """The timeline as CSV with a header row; dates are local ISO dates, instants ISO 8601
    with offsets.

    >>> from ceasefire_terms.io import parse_agreement
    >>> a = parse_agreement({"id": "x", "title": "X", "zone": "UTC", "effective": "2025-01-01",
    ...     "phases": [{"id": "p", "start": "agreement.effective", "length": "2 days",
    ...                 "counting": "ordinal"}]})
    >>> print(timeline_csv(a.timeline()).splitlines()[-1][:52])
    p.end,p ends,phase_end,2025-01-02,,,true,ordinal,p,"
    """
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=TIMELINE_COLUMNS, lineterminator="\n")
    w.writeheader()
    for e in t.events:
        row = e.as_dict()
        row["end_of_day"] = "true" if e.end_of_day else "false"
        w.writerow({k: _timeline_cell(k, row.get(k)) for k in TIMELINE_COLUMNS})
    return buf.getvalue()


def _timeline_cell(column: str, value: Any) -> Any:
    if value is None:
        return ""
    if column in _TEXT_COLUMNS:
        return csv_text(str(value))
    return value


def frame_csv(frame: Any) -> str:
    """A pandas or Polars frame (such as those of :mod:`ceasefire_terms.integrations.pandas`)
    as CSV with a header row, safe to open in a spreadsheet: text cells are neutralised
    (see the module notes), numbers, flags and dates are written as they are (dates and
    instants in ISO 8601), missing values as empty cells.

    Use it instead of the frame's own ``to_csv``/``write_csv`` when the file may be opened
    in a spreadsheet; the frame itself keeps the true text."""
    names = [str(c) for c in frame.columns]
    if hasattr(frame, "iter_rows"):  # Polars
        rows = frame.iter_rows()
    else:  # pandas
        rows = frame.itertuples(index=False, name=None)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([csv_text(n) for n in names])
    for row in rows:
        w.writerow([_frame_cell(v) for v in row])
    return buf.getvalue()


def _frame_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str):
        return csv_text(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    try:
        if value != value:  # noqa: PLR0124  (NaN and NaT are not equal to themselves)
            return ""
    except TypeError:  # pandas' NA cannot be compared
        return ""
    if isinstance(value, (dt.date, dt.time)) or hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return value
    return csv_text(str(value))
