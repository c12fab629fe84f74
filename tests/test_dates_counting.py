"""Calendar days from an instant, and elapsed days made explicit (issue #13, item 18); error
locations of the date engine (item 21)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import ceasefire_terms as ct


def agreement(**fields: Any) -> ct.Agreement:
    base: dict[str, Any] = {"id": "t", "title": "Test", "zone": "Asia/Jerusalem"}
    base.update(fields)
    return ct.parse_agreement(base)


def one_phase(length: str, counting: str, start: str = "2025-03-27 11:15 Asia/Jerusalem",
              **extra: Any) -> ct.Agreement:
    return agreement(phases=[{"id": "p", "start": start, "length": length,
                              "counting": counting, **extra}])


# -- item 18: wall_clock --------------------------------------------------------------------


def test_three_calendar_days_from_an_instant_keep_the_wall_clock_time() -> None:
    """docs/conventions.md: 3 calendar days from 27 Mar 2025 11:15 is 30 Mar 11:15."""
    end = one_phase("3 days", "wall_clock").timeline()["p.end"]
    assert end.at is not None and end.at.isoformat() == "2025-03-30T11:15:00+03:00"
    assert end.counting is ct.Counting.WALL_CLOCK
    assert "wall_clock" in end.rule and "same local time" in end.rule
    assert not end.end_of_day


def test_elapsed_days_are_24_hours_each_and_the_trace_says_the_local_time_moved() -> None:
    end = one_phase("3 days", "elapsed").timeline()["p.end"]
    assert end.at is not None and end.at.isoformat() == "2025-03-30T12:15:00+03:00"
    assert "3 days as 3 x 24 h" in end.rule
    assert "from 11:15 to 12:15" in end.rule and "wall_clock" in end.rule


def test_elapsed_days_with_no_offset_change_do_not_claim_one() -> None:
    end = one_phase("3 days", "elapsed", start="2025-01-19 11:15 Asia/Jerusalem").timeline()[
        "p.end"
    ]
    assert "3 days as 3 x 24 h" in end.rule and "moves" not in end.rule


def test_wall_clock_counts_months_under_month_end() -> None:
    with pytest.raises(ct.AmbiguousDateError) as info:
        one_phase("1 month", "wall_clock", start="2025-01-31 09:00 Asia/Jerusalem").timeline()
    assert info.value.path == "phases[0].length"
    end = one_phase(
        "1 month", "wall_clock", start="2025-01-31 09:00 Asia/Jerusalem", month_end="clip"
    ).timeline()["p.end"]
    assert end.at is not None and end.at.isoformat() == "2025-02-28T09:00:00+02:00"
    assert "2025-02-31 does not exist, month_end: clip applied" in end.rule


def test_wall_clock_refuses_hours() -> None:
    with pytest.raises(ct.ConventionError) as info:
        one_phase("72 hours", "wall_clock").timeline()
    assert info.value.path == "phases[0].length" and "elapsed" in str(info.value)


def test_wall_clock_needs_a_time_of_day() -> None:
    t = one_phase("3 days", "wall_clock", start="2025-03-27").timeline()
    (u,) = t.unresolved
    assert u.id == "p.end" and "start time for wall_clock counting" in u.reason


def test_wall_clock_landing_in_a_gap_raises_at_the_phase_length() -> None:
    with pytest.raises(ct.NonexistentTimeError) as info:
        one_phase("1 day", "wall_clock", start="2025-03-27 02:30 Asia/Jerusalem").timeline()
    assert info.value.path == "phases[0].length"
    assert "dst" in (info.value.hint or "")


@pytest.mark.parametrize(("policy", "iso"), [("earlier", "2025-03-28T01:30:00+02:00"),
                                             ("later", "2025-03-28T03:30:00+03:00")])
def test_a_dst_policy_on_the_phase_resolves_the_gap_and_the_trace_says_so(
    policy: str, iso: str
) -> None:
    end = one_phase(
        "1 day", "wall_clock", start="2025-03-27 02:30 Asia/Jerusalem", dst=policy
    ).timeline()["p.end"]
    assert end.at is not None and end.at.isoformat() == iso
    assert "DST gap" in end.rule and f"dst: {policy}" in end.rule


def test_a_dst_policy_on_a_rule_resolves_the_gap_and_the_trace_says_so() -> None:
    a = agreement(
        effective="2025-10-25 01:30 Asia/Jerusalem",
        provisions=[{"type": "deadline", "id": "d", "label": "D",
                     "due": {"anchor": "agreement.effective", "after": "1 day",
                             "counting": "wall_clock", "dst": "later"}}],
    )
    d = a.timeline()["d"]
    assert d.at is not None and d.at.isoformat() == "2025-10-26T01:30:00+02:00"
    assert "DST overlap" in d.rule and "dst: later" in d.rule


# -- item 21: where the errors point --------------------------------------------------------


def test_a_dst_error_in_a_deadline_points_at_its_due_rule() -> None:
    a = agreement(
        effective="2025-03-27 02:30 Asia/Jerusalem",
        provisions=[
            {"type": "deadline", "id": "a", "label": "A", "due": "2025-04-01"},
            {"type": "deadline", "id": "d", "label": "D",
             "due": {"anchor": "agreement.effective", "after": "1 day",
                     "counting": "wall_clock"}},
        ],
    )
    with pytest.raises(ct.NonexistentTimeError) as info:
        a.timeline()
    assert info.value.path == "provisions[1].due"
    report = ct.check(a)
    assert [f.path for f in report.errors] == ["provisions[1].due"]


def test_elapsed_months_are_refused_with_the_path() -> None:
    with pytest.raises(ct.ConventionError) as info:
        one_phase("1 month", "elapsed").timeline()
    assert info.value.path == "phases[0].length"
    assert "months" in str(info.value)


def test_an_amendment_month_end_error_points_to_where_month_end_goes() -> None:
    # a phase ending on 31 Jan, extended by a month, lands on 31 Feb
    a = agreement(
        phases=[{"id": "p", "start": "2025-01-01", "end": "2025-01-31",
                 "counting": "following"}],
        amendments=[{"id": "x", "target": "p", "by": "1 month"}],
    )
    with pytest.raises(ct.AmbiguousDateError) as info:
        a.timeline()
    assert info.value.path == "amendments[0].by"
    assert "'phases[0]'" in (info.value.hint or "")
    fixed = agreement(
        phases=[{"id": "p", "start": "2025-01-01", "end": "2025-01-31",
                 "counting": "following", "month_end": "clip"}],
        amendments=[{"id": "x", "target": "p", "by": "1 month"}],
    )
    assert fixed.timeline()["p.end"].date == dt.date(2025, 2, 28)


def test_an_amendment_dst_error_points_to_where_dst_goes_and_the_fix_works() -> None:
    base: dict[str, Any] = {"id": "p", "start": "2025-03-20 02:30 Asia/Jerusalem",
                            "length": "7 days", "counting": "wall_clock"}
    # the phase ends 27 Mar 02:30; +1 day (wall clock kept) is 28 Mar 02:30, in the gap
    amendments = [{"id": "x", "target": "p", "by": "1 day"}]
    with pytest.raises(ct.NonexistentTimeError) as info:
        agreement(phases=[base], amendments=amendments).timeline()
    assert info.value.path == "amendments[0].by"
    assert "'phases[0]'" in (info.value.hint or "")
    end = agreement(phases=[{**base, "dst": "earlier"}], amendments=amendments).timeline()[
        "p.end"
    ]
    assert end.at is not None and end.at.isoformat() == "2025-03-28T01:30:00+02:00"
    assert "DST gap" in end.rule


def test_an_auto_renewal_error_points_at_the_auto_renewal() -> None:
    a = agreement(phases=[{"id": "p", "start": "2025-01-01", "end": "2025-01-31",
                           "counting": "following",
                           "auto_renewal": {"period": "1 month"}}])
    with pytest.raises(ct.AmbiguousDateError) as info:
        a.timeline(renewals=1)
    assert info.value.path == "phases[0].auto_renewal"


def test_an_amendment_by_hours_needs_elapsed_counting_whatever_its_target_has() -> None:
    """Period and Duration stay apart: hours are counted elapsed or not at all, for an
    amendment as for a phase (before, an instant end moved by exact hours under 'ordinal' and a
    day-level end refused them: the same amendment gave an answer or an error by accident)."""
    for start in ("2025-01-19 11:15 Asia/Jerusalem", "2025-01-19"):
        phase = {"id": "p", "start": start, "length": "3 days",
                 "counting": "wall_clock" if ":" in start else "ordinal"}
        a = agreement(phases=[phase], amendments=[{"id": "x", "target": "p", "by": "48 hours"}])
        with pytest.raises(ct.ConventionError) as info:
            a.timeline()
        assert info.value.path == "amendments[0].by"
        assert "counting: elapsed" in (info.value.hint or "")
    ok = agreement(phases=[{"id": "p", "start": "2025-01-19 11:15 Asia/Jerusalem",
                            "length": "3 days", "counting": "wall_clock"}],
                   amendments=[{"id": "x", "target": "p", "by": "48 hours",
                                "counting": "elapsed"}])
    end = ok.timeline()["p.end"]
    assert end.at is not None and end.at.isoformat() == "2025-01-24T11:15:00+02:00"


def test_a_date_stated_in_another_zone_is_counted_on_the_agreement_calendar_and_says_so() -> None:
    a = agreement(effective="2025-01-19 Europe/Paris",
                  phases=[{"id": "p", "start": "agreement.effective", "length": "3 days",
                           "counting": "ordinal"}])
    t = a.timeline()
    assert t["p.end"].date == dt.date(2025, 1, 21)
    assert "a date in Europe/Paris, counted as the same date in Asia/Jerusalem" in t[
        "agreement.effective"
    ].rule
