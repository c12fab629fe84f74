"""A repeating deadline 'until' an event that is an instant stops at that instant, not at the
end of its day."""

from __future__ import annotations

import datetime as dt

import ceasefire_terms as ct


def weekly(until_length: str, counting: str, due_time: str = "11:15") -> list[ct.Event]:
    a = ct.parse_agreement({
        "id": "x", "title": "X", "zone": "Asia/Beirut",
        "effective": "2024-11-27 04:00 Asia/Beirut",
        "phases": [{"id": "w", "start": "agreement.effective", "length": until_length,
                    "counting": counting}],
        "provisions": [{"type": "deadline", "id": "r", "label": "Report",
                        "due": f"2024-11-27 {due_time} Asia/Beirut", "every": "7 days",
                        "until": "w.end"}],
    })
    return [e for e in a.timeline() if e.id.startswith("r#")]


def test_an_occurrence_after_an_instant_end_on_the_same_day_is_not_listed() -> None:
    # 14 days elapsed from 27 Nov 04:00 ends 11 Dec 04:00; the 11 Dec occurrence at 11:15
    # falls after it
    got = weekly("14 days", "elapsed")
    assert [e.date for e in got] == [dt.date(2024, 11, 27), dt.date(2024, 12, 4)]


def test_an_occurrence_before_the_instant_end_on_the_same_day_is_listed() -> None:
    got = weekly("14 days", "elapsed", due_time="03:00")
    assert got[-1].date == dt.date(2024, 12, 11)


def test_a_day_level_end_keeps_its_whole_last_day() -> None:
    # 14 days ordinal from 27 Nov ends at the end of 10 Dec; following ends at the end of 11 Dec
    assert weekly("14 days", "ordinal")[-1].date == dt.date(2024, 12, 4)
    assert weekly("14 days", "following")[-1].date == dt.date(2024, 12, 11)
