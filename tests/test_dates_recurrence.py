"""Repeating deadlines under the month rule (issue #13, item 17): a monthly or yearly step
that lands on a missing day raises unless month_end is stated, and the trace says which rule
applied to which day."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import ceasefire_terms as ct


def agreement(**fields: Any) -> ct.Agreement:
    base: dict[str, Any] = {"id": "t", "title": "Test", "zone": "Asia/Jerusalem"}
    base.update(fields)
    return ct.parse_agreement(base)


def monthly(due: Any, every: str = "1 month", count: int = 4) -> ct.Agreement:
    deadline = {"type": "deadline", "id": "m", "label": "Report", "due": due, "every": every,
                "count": count}
    return agreement(effective="2025-01-31", provisions=[deadline])


def occurrences(a: ct.Agreement) -> list[ct.Event]:
    return [e for e in a.timeline() if e.id.startswith("m#")]


def test_a_monthly_step_onto_a_missing_day_without_month_end_raises() -> None:
    with pytest.raises(ct.AmbiguousDateError) as info:
        monthly("2025-01-31").timeline()
    assert info.value.path == "provisions[0].every"
    assert "2025-02" in str(info.value)
    # the hint says where the rule can be stated for a deadline whose due is a plain date
    assert "phase" in (info.value.hint or "")


def test_month_end_on_the_due_rule_is_used_and_traced() -> None:
    a = monthly({"anchor": "agreement.effective", "month_end": "clip"})
    got = occurrences(a)
    assert [e.date for e in got] == [
        dt.date(2025, 1, 31), dt.date(2025, 2, 28), dt.date(2025, 3, 31), dt.date(2025, 4, 30)
    ]
    assert "2025-02-31 does not exist, month_end: clip applied" in got[1].rule
    assert "does not exist" not in got[2].rule  # 31 March exists: nothing was decided
    assert "2025-04-31 does not exist, month_end: clip applied" in got[3].rule


def test_next_day_rule_gives_the_first_of_the_next_month() -> None:
    a = monthly({"anchor": "agreement.effective", "month_end": "next_day"}, count=2)
    got = occurrences(a)
    assert [e.date for e in got] == [dt.date(2025, 1, 31), dt.date(2025, 3, 1)]
    assert "month_end: next_day applied" in got[1].rule


def test_the_hint_names_the_due_rule_when_there_is_one() -> None:
    with pytest.raises(ct.AmbiguousDateError) as info:
        monthly({"anchor": "agreement.effective"}).timeline()
    assert "'provisions[0].due'" in (info.value.hint or "")


def test_a_phase_states_month_end_for_its_deadlines_and_the_trace_says_so() -> None:
    a = agreement(
        effective="2024-02-29",
        phases=[{"id": "p", "start": "agreement.effective", "length": "5 years",
                 "counting": "following", "month_end": "clip"}],
        provisions=[{"type": "deadline", "id": "m", "label": "Annual review", "phase": "p",
                     "due": "2024-02-29", "every": "1 year", "count": 3}],
    )
    got = occurrences(a)
    assert [e.date for e in got] == [dt.date(2024, 2, 29), dt.date(2025, 2, 28),
                                     dt.date(2026, 2, 28)]
    assert "2025-02-29 does not exist, month_end: clip applied" in got[1].rule
    assert "month_end from phase p" in got[1].rule


def test_steps_are_from_the_first_date_not_chained() -> None:
    # 31 Jan + 1, 2, 3 months with clip: 28 Feb, 31 Mar, 30 Apr (stepping would drift to 28)
    a = monthly({"anchor": "agreement.effective", "month_end": "clip"})
    assert occurrences(a)[2].date == dt.date(2025, 3, 31)


def test_a_monthly_step_from_an_instant_keeps_the_wall_clock_time_and_says_so() -> None:
    a = agreement(
        effective="2025-01-31 11:15 Asia/Jerusalem",
        provisions=[{"type": "deadline", "id": "m", "label": "Report",
                     "due": {"anchor": "agreement.effective", "month_end": "clip"},
                     "every": "1 month", "count": 4}],
    )
    got = occurrences(a)
    assert all(e.at is not None and e.at.strftime("%H:%M") == "11:15" for e in got)
    # 31 Mar 2025 is after DST began (28 Mar): same local time, another UTC offset
    assert got[2].at is not None and got[2].at.utcoffset() == dt.timedelta(hours=3)
    assert "same local time" in got[2].rule


def test_a_dst_policy_that_resolves_an_occurrence_in_a_gap_is_traced() -> None:
    # weekly at 02:30 from 21 Mar 2025; 28 Mar 02:30 does not exist in Asia/Jerusalem
    base = {"type": "deadline", "id": "m", "label": "Weekly", "every": "7 days", "count": 3}
    refused = agreement(
        effective="2025-03-21 02:30 Asia/Jerusalem",
        provisions=[{**base, "due": {"anchor": "agreement.effective"}}],
    )
    with pytest.raises(ct.NonexistentTimeError) as info:
        refused.timeline()
    assert info.value.path == "provisions[0].every"
    a = agreement(
        effective="2025-03-21 02:30 Asia/Jerusalem",
        provisions=[{**base, "due": {"anchor": "agreement.effective", "dst": "later"}}],
    )
    second = occurrences(a)[1]
    assert second.at is not None and second.at.isoformat() == "2025-03-28T03:30:00+03:00"
    assert "DST gap" in second.rule and "dst: later" in second.rule


def test_an_hourly_recurrence_from_a_date_without_time_is_listed_not_raised() -> None:
    a = agreement(
        effective="2025-01-19",
        provisions=[{"type": "deadline", "id": "m", "label": "M", "due": "2025-01-20",
                     "every": "72 hours", "count": 3}],
    )
    t = a.timeline()  # (this raised out of timeline() before)
    (u,) = t.unresolved
    assert u.id == "m" and "'provisions[0].every'" in u.reason and "start time" in u.reason
