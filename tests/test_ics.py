"""iCalendar export: the file is parsed back with the icalendar package and its events are
checked against the timeline (dates, instants in the zone, all-day events, descriptions)."""

from __future__ import annotations

import datetime as dt
import importlib
import sys
from typing import Any

import pytest

import ceasefire_terms as ct
from ceasefire_terms.integrations.ics import timeline_ics

icalendar = pytest.importorskip("icalendar")

STAMP = dt.datetime(2025, 2, 1, 12, 0, tzinfo=dt.UTC)


def _events(data: bytes) -> dict[str, Any]:
    cal = icalendar.Calendar.from_ical(data)
    return {str(c["UID"]): c for c in cal.walk("VEVENT")}


def test_one_event_per_timeline_event_with_stable_uids(gaza: ct.Agreement) -> None:
    events = _events(timeline_ics(gaza, stamp=STAMP))
    assert set(events) == {f"gaza-2025/{e.id}" for e in gaza.timeline().events}


def test_day_level_events_are_all_day(gaza: ct.Agreement) -> None:
    events = _events(timeline_ics(gaza, stamp=STAMP))
    end = events["gaza-2025/phase-1.end"]
    assert end.decoded("DTSTART") == dt.date(2025, 3, 1)
    assert end.decoded("DTEND") == dt.date(2025, 3, 2)
    assert str(end["SUMMARY"]) == "Phase 1 ends (last day)"
    talks = events["gaza-2025/phase-2-talks"]
    assert talks.decoded("DTSTART") == dt.date(2025, 2, 3)
    assert not isinstance(talks.decoded("DTSTART"), dt.datetime)


def test_instants_are_in_the_agreement_zone(gaza: ct.Agreement) -> None:
    data = timeline_ics(gaza, stamp=STAMP)
    start = _events(data)["gaza-2025/agreement.effective"].decoded("DTSTART")
    assert isinstance(start, dt.datetime)
    assert (start.hour, start.minute) == (11, 15)
    assert getattr(start.tzinfo, "key", str(start.tzinfo)) == "Asia/Jerusalem"
    assert start.astimezone(dt.UTC) == dt.datetime(2025, 1, 19, 9, 15, tzinfo=dt.UTC)
    text = data.decode()
    assert "DTSTART;TZID=Asia/Jerusalem:20250119T111500" in text
    zones = [str(z["TZID"]) for z in icalendar.Calendar.from_ical(data).walk("VTIMEZONE")]
    assert zones == ["Asia/Jerusalem"]


def test_descriptions_carry_the_rule_and_the_zone(gaza: ct.Agreement) -> None:
    t = gaza.timeline()
    events = _events(timeline_ics(gaza, t, stamp=STAMP))
    for e in t.events:
        desc = str(events[f"gaza-2025/{e.id}"]["DESCRIPTION"])
        assert f"Rule: {e.rule}" in desc
        assert "Asia/Jerusalem" in desc
        assert f"Event id: {e.id}" in desc
    end = str(events["gaza-2025/phase-1.end"]["DESCRIPTION"])
    assert "Counting: ordinal" in end and "runs through the end of 2025-03-01" in end
    assert "Reported: 2025-03-01" in end


def test_calendar_headers(gaza: ct.Agreement) -> None:
    cal = icalendar.Calendar.from_ical(timeline_ics(gaza, stamp=STAMP))
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["X-WR-CALNAME"]) == gaza.title
    assert str(cal["X-WR-TIMEZONE"]) == "Asia/Jerusalem"


def test_output_is_reproducible_with_a_fixed_stamp(gaza: ct.Agreement) -> None:
    assert timeline_ics(gaza, stamp=STAMP) == timeline_ics(gaza, stamp=STAMP)
    event = next(iter(_events(timeline_ics(gaza, stamp=STAMP)).values()))
    assert event.decoded("DTSTAMP") == STAMP


def test_kinds_filter(gaza: ct.Agreement) -> None:
    kinds = [ct.EventKind.PHASE_START, ct.EventKind.PHASE_END, ct.EventKind.DEADLINE]
    events = _events(timeline_ics(gaza, kinds=kinds, stamp=STAMP))
    expected = {f"gaza-2025/{e.id}" for e in gaza.timeline().events if e.kind in kinds}
    assert set(events) == expected and "gaza-2025/captives.batch1" not in events


def test_amended_event_says_where_it_moved_from() -> None:
    a = ct.parse_agreement(
        {
            "id": "x",
            "title": "X",
            "zone": "Europe/Istanbul",
            "signed": "2022-07-22",
            "phases": [
                {
                    "id": "term",
                    "start": "agreement.signed",
                    "length": "120 days",
                    "counting": "following",
                }
            ],
            "amendments": [{"id": "ext", "target": "term", "by": "60 days"}],
        }
    )
    events = _events(timeline_ics(a, stamp=STAMP))
    desc = str(events["x/term.end"]["DESCRIPTION"])
    assert "Moved by an amendment from 2022-11-19" in desc


def test_ics_names_the_extra_when_icalendar_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "icalendar", None)
    monkeypatch.delitem(sys.modules, "ceasefire_terms.integrations.ics")
    with pytest.raises(ImportError, match=r"ceasefire-terms\[ics\]"):
        importlib.import_module("ceasefire_terms.integrations.ics")
