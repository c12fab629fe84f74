"""Plain-text exports of a resolved timeline (CSV). Calendar (iCalendar) export needs the
``ics`` extra and lives in :mod:`ceasefire_terms.integrations.ics`."""

from __future__ import annotations

import csv
import io

from ..dates.resolve import Timeline

__all__ = ["TIMELINE_COLUMNS", "timeline_csv"]

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
        w.writerow({k: "" if row.get(k) is None else row[k] for k in TIMELINE_COLUMNS})
    return buf.getvalue()
