"""Calendar export: a timeline as an iCalendar (RFC 5545) file (the ``ics`` extra).

Each resolved event becomes a ``VEVENT``:

- an event with a known instant (``at``) starts at that time in the agreement's IANA zone
  (``DTSTART;TZID=Asia/Jerusalem``), with the zone's ``VTIMEZONE`` included;
- a day-level event is an all-day event on its local date;
- the end of a period counted in days (``end_of_day``) is an all-day event on the period's
  last day, and its description says the period runs through the end of that day.

The description of every event carries the rule that produced the date (naming the counting
convention), the zone, the event id, any dates the sources reported, and the date before an
amendment moved it. UIDs are stable (``<agreement>/<event id>``), so re-importing an updated
calendar updates the events rather than duplicating them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from ..dates.resolve import Event, EventKind, Timeline
from ..model.agreement import Agreement
from ..model.when import get_zone
from . import require

__all__ = ["event_description", "timeline_ics"]

# Imported with the module (which is itself imported only when a calendar is wanted), so that
# ``from ceasefire_terms.integrations.ics import timeline_ics`` already fails with a message
# naming the extra.
icalendar: Any = require("icalendar", "ics")

PRODID = "-//ceasefire_terms//agreement timeline//EN"


def event_description(agreement: Agreement, t: Timeline, e: Event) -> str:
    """The text of an event's DESCRIPTION: what it is, how its date was computed, where."""
    lines = [e.label]
    if e.at is not None:
        lines.append(f"At {e.at.isoformat()} ({t.zone}); UTC {e.at_utc.isoformat()}.")  # type: ignore[union-attr]
    elif e.end_of_day:
        lines.append(f"The period runs through the end of {e.date.isoformat()} ({t.zone}).")
    else:
        lines.append(f"On {e.date.isoformat()} (local date in {t.zone}).")
    lines.append(f"Rule: {e.rule}")
    if e.counting is not None:
        lines.append(f"Counting: {e.counting.value}")
    if e.phase is not None:
        lines.append(f"Phase: {e.phase}")
    if e.original_date is not None:
        lines.append(f"Moved by an amendment from {e.original_date.isoformat()}.")
    for rep in e.reported:
        cited = ", ".join(s if isinstance(s, str) else str(s) for s in rep.sources)
        lines.append(f"Reported: {rep.date}" + (f" ({cited})" if cited else ""))
    lines.append(f"Event id: {e.id}")
    lines.append(f"Agreement: {agreement.title} ({agreement.id})")
    return "\n".join(lines)


def timeline_ics(
    agreement: Agreement,
    timeline: Timeline | None = None,
    *,
    kinds: Iterable[EventKind] | None = None,
    stamp: dt.datetime | None = None,
) -> bytes:
    """The timeline as iCalendar bytes (UTF-8, CRLF line ends).

    ``timeline`` defaults to ``agreement.timeline()``; ``kinds`` keeps only those event kinds
    (default: all); ``stamp`` is the DTSTAMP of every event (default: now, UTC) — pass a fixed
    value for reproducible output.

    >>> import ceasefire_terms as ct
    >>> a = ct.parse_agreement({"id": "x", "title": "X", "zone": "UTC",
    ...     "effective": "2025-01-01", "phases": [{"id": "p", "start": "agreement.effective",
    ...     "length": "2 days", "counting": "ordinal"}]})
    >>> text = timeline_ics(a).decode()
    >>> text.count("BEGIN:VEVENT"), "DTSTART;VALUE=DATE:20250102" in text
    (3, True)
    """
    t = timeline if timeline is not None else agreement.timeline()
    zone = get_zone(t.zone)
    keep = None if kinds is None else {EventKind(k) for k in kinds}
    now = (stamp or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)

    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", agreement.title)
    cal.add("x-wr-timezone", t.zone)
    for e in t.events:
        if keep is not None and e.kind not in keep:
            continue
        ev = icalendar.Event()
        ev.add("uid", f"{agreement.id}/{e.id}")
        ev.add("dtstamp", now)
        summary = e.label + (" (last day)" if e.end_of_day else "")
        ev.add("summary", summary)
        if e.at is not None:
            ev.add("dtstart", e.at.astimezone(zone))
        else:
            ev.add("dtstart", e.date)
            ev.add("dtend", e.date + dt.timedelta(days=1))
            ev.add("transp", "TRANSPARENT")
        ev.add("description", event_description(agreement, t, e))
        ev.add("categories", [e.kind.value])
        cal.add_component(ev)
    add_zones = getattr(cal, "add_missing_timezones", None)
    if callable(add_zones):  # icalendar >= 6.1 writes VTIMEZONE blocks for the TZIDs used
        add_zones()
    data: bytes = cal.to_ical()
    return data
