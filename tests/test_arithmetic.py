"""Date arithmetic: month ends, DST, exact vs calendar time (the edge cases of a date engine)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ceasefire_terms as ct
from ceasefire_terms.dates.arithmetic import (
    days_to_exact,
    localize_on,
    start_of_day,
    start_of_day_offset,
)

JLM = ZoneInfo("Asia/Jerusalem")
UTC = dt.UTC


# -- month ends ---------------------------------------------------------------------------


def test_31_january_plus_one_month_needs_a_stated_rule() -> None:
    with pytest.raises(ct.AmbiguousDateError) as info:
        ct.add_period(dt.date(2025, 1, 31), ct.Period(months=1), None)
    assert "month_end" in str(info.value)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("start", "months", "rule", "expected"),
    [
        (dt.date(2025, 1, 31), 1, ct.MonthEnd.CLIP, dt.date(2025, 2, 28)),
        (dt.date(2024, 1, 31), 1, ct.MonthEnd.CLIP, dt.date(2024, 2, 29)),
        (dt.date(2025, 1, 31), 1, ct.MonthEnd.NEXT_DAY, dt.date(2025, 3, 1)),
        (dt.date(2025, 3, 31), -1, ct.MonthEnd.CLIP, dt.date(2025, 2, 28)),
        (dt.date(2024, 12, 31), 3, ct.MonthEnd.CLIP, dt.date(2025, 3, 31)),
        (dt.date(2025, 1, 15), 1, None, dt.date(2025, 2, 15)),  # no missing day: no rule needed
    ],
)
def test_month_arithmetic(
    start: dt.date, months: int, rule: ct.MonthEnd | None, expected: dt.date
) -> None:
    assert ct.add_period(start, ct.Period(months=months), rule) == expected


def test_29_february_plus_one_year_clips_to_28_february() -> None:
    assert ct.add_period(dt.date(2024, 2, 29), ct.Period(years=1), ct.MonthEnd.CLIP) == dt.date(
        2025, 2, 28
    )
    with pytest.raises(ct.AmbiguousDateError):
        ct.add_period(dt.date(2024, 2, 29), ct.Period(years=1), ct.MonthEnd.RAISE)


def test_month_arithmetic_is_not_associative() -> None:
    d = dt.date(2024, 12, 31)
    stepped = d
    for _ in range(3):
        stepped = ct.add_period(stepped, ct.Period(months=1), ct.MonthEnd.CLIP)
    assert stepped == dt.date(2025, 3, 28)
    assert ct.add_period(d, ct.Period(months=3), ct.MonthEnd.CLIP) == dt.date(2025, 3, 31)


def test_month_arithmetic_is_not_reversible() -> None:
    there = ct.add_period(dt.date(2025, 3, 31), ct.Period(months=-1), ct.MonthEnd.CLIP)
    back = ct.add_period(there, ct.Period(months=1), ct.MonthEnd.CLIP)
    assert (there, back) == (dt.date(2025, 2, 28), dt.date(2025, 3, 28))


# -- DST in Asia/Jerusalem, 2025 ------------------------------------------------------------


def test_72_exact_hours_across_spring_forward() -> None:
    start = dt.datetime(2025, 3, 27, 11, 15, tzinfo=JLM)
    out = ct.add_exact(start, ct.Duration(hours=72))
    assert out.replace(tzinfo=None) == dt.datetime(2025, 3, 30, 12, 15)
    # (same-zone subtraction in Python is wall-clock; compare instants in UTC)
    assert out.astimezone(UTC) - start.astimezone(UTC) == dt.timedelta(hours=72)


def test_3_calendar_days_across_spring_forward_keep_the_wall_clock() -> None:
    start = dt.datetime(2025, 3, 27, 11, 15, tzinfo=JLM)
    out = ct.add_calendar(start, ct.Period(days=3))
    assert out.replace(tzinfo=None) == dt.datetime(2025, 3, 30, 11, 15)
    assert out.astimezone(UTC) - start.astimezone(UTC) == dt.timedelta(hours=71)


def test_gap_time_raises_by_default_and_resolves_by_policy() -> None:
    gap = dt.datetime(2025, 3, 28, 2, 30)  # 02:00 jumps to 03:00
    with pytest.raises(ct.NonexistentTimeError) as info:
        ct.localize(gap, JLM, ct.DstPolicy.RAISE)
    assert "gap" in str(info.value)
    early = ct.localize(gap, JLM, ct.DstPolicy.EARLIER)
    late = ct.localize(gap, JLM, ct.DstPolicy.LATER)
    assert early.replace(tzinfo=None) == dt.datetime(2025, 3, 28, 1, 30)
    assert late.replace(tzinfo=None) == dt.datetime(2025, 3, 28, 3, 30)
    assert late.astimezone(UTC) - early.astimezone(UTC) == dt.timedelta(hours=1)


def test_overlap_time_raises_by_default_and_resolves_by_policy() -> None:
    twice = dt.datetime(2025, 10, 26, 1, 30)  # 02:00 falls back to 01:00
    with pytest.raises(ct.NonexistentTimeError) as info:
        ct.localize(twice, JLM, ct.DstPolicy.RAISE)
    assert "overlap" in str(info.value)
    early = ct.localize(twice, JLM, ct.DstPolicy.EARLIER)
    late = ct.localize(twice, JLM, ct.DstPolicy.LATER)
    assert early.utcoffset() == dt.timedelta(hours=3)
    assert late.utcoffset() == dt.timedelta(hours=2)
    assert late.astimezone(UTC) - early.astimezone(UTC) == dt.timedelta(hours=1)


def test_calendar_add_landing_in_a_gap_raises() -> None:
    start = dt.datetime(2025, 3, 27, 2, 30, tzinfo=JLM)
    with pytest.raises(ct.NonexistentTimeError):
        ct.add_calendar(start, ct.Period(days=1))
    out = ct.add_calendar(start, ct.Period(days=1), dst=ct.DstPolicy.LATER)
    assert out.replace(tzinfo=None) == dt.datetime(2025, 3, 28, 3, 30)


def test_apia_skipped_30_december_2011() -> None:
    apia = ZoneInfo("Pacific/Apia")
    with pytest.raises(ct.NonexistentTimeError):
        ct.localize(dt.datetime(2011, 12, 30, 12, 0), apia, ct.DstPolicy.RAISE)
    before = dt.datetime(2011, 12, 29, 12, 0, tzinfo=apia)
    # 24 exact hours after noon on 29 Dec is noon on 31 Dec: the 30th never happened.
    assert ct.add_exact(before, ct.Duration(hours=24)).date() == dt.date(2011, 12, 31)


def test_calendar_add_refuses_fixed_offsets() -> None:
    fixed = dt.datetime(2025, 1, 19, 11, 15, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    with pytest.raises(ct.ConventionError):
        ct.add_calendar(fixed, ct.Period(days=1))


def test_elapsed_refuses_months() -> None:
    with pytest.raises(ct.ConventionError) as info:
        days_to_exact(ct.Period(months=1))
    assert "fixed length" in str(info.value)
    assert days_to_exact(ct.Period(weeks=1, days=2)) == dt.timedelta(days=9)


def test_start_of_day_in_a_zone_without_midnight() -> None:
    # Asia/Beirut moved its clocks at midnight in spring 2024 (31 Mar 00:00 -> 01:00).
    beirut = ZoneInfo("Asia/Beirut")
    first = start_of_day(dt.date(2024, 3, 31), beirut)
    assert first.replace(tzinfo=None) == dt.datetime(2024, 3, 31, 1, 0)


def test_start_of_day_with_two_midnights_is_the_first() -> None:
    # America/Havana fell back at 01:00 to 00:00 on 2 Nov 2025: midnight happened twice.
    havana = ZoneInfo("America/Havana")
    first = start_of_day(dt.date(2025, 11, 2), havana)
    assert first.astimezone(UTC) == dt.datetime(2025, 11, 2, 4, 0, tzinfo=UTC)


# -- properties -----------------------------------------------------------------------------

instants = st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2035, 12, 31)).map(
    lambda d: d.replace(tzinfo=UTC).astimezone(JLM)
)


@given(instants, st.integers(min_value=1, max_value=400))
def test_elapsed_days_are_exactly_n_times_86400_seconds(start: dt.datetime, n: int) -> None:
    out = ct.add_exact(start, dt.timedelta(days=n))
    assert (out.astimezone(UTC) - start.astimezone(UTC)).total_seconds() == n * 86_400


@given(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 1, 1)),
    st.integers(min_value=-500, max_value=500),
    st.integers(min_value=-500, max_value=500),
)
def test_day_periods_compose(d: dt.date, a: int, b: int) -> None:
    once = ct.add_period(d, ct.Period(days=a + b), None)
    twice = ct.add_period(ct.add_period(d, ct.Period(days=a), None), ct.Period(days=b), None)
    assert once == twice


@given(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 1, 1)),
    st.integers(min_value=-120, max_value=120),
)
def test_clipped_months_land_in_the_right_month(d: dt.date, months: int) -> None:
    out = ct.add_period(d, ct.Period(months=months), ct.MonthEnd.CLIP)
    assert out.year * 12 + out.month == d.year * 12 + d.month + months
    assert out.day == d.day or (out.day < d.day and (out + dt.timedelta(days=1)).day == 1)


def test_dates_beyond_the_calendar_are_a_convention_error() -> None:
    with pytest.raises(ct.ConventionError, match="outside the calendar"):
        ct.add_period(dt.date(9999, 12, 1), ct.Period(months=1), None)
    with pytest.raises(ct.ConventionError, match="outside the calendar"):
        ct.add_period(dt.date(9999, 12, 1), ct.Period(days=100), None)
    with pytest.raises(ct.ConventionError, match="outside the calendar"):
        ct.add_exact(dt.datetime(9999, 12, 31, tzinfo=UTC), ct.Duration(hours=48))


@settings(max_examples=300, deadline=None)
@given(
    st.dates(min_value=dt.date(1850, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.sampled_from(["Asia/Beirut", "America/Havana", "Pacific/Apia", "America/Santiago",
                     "Asia/Jerusalem", "Europe/Kyiv", "Australia/Lord_Howe", "UTC"]),
)
def test_start_of_day_offset_is_the_offset_at_the_start_of_the_day(d: dt.date, zone: str) -> None:
    z = ZoneInfo(zone)
    assert start_of_day_offset(d, z) == start_of_day(d, z).utcoffset()


@pytest.mark.parametrize(
    ("zone", "day"),
    [("Asia/Beirut", "2024-03-31"), ("America/Havana", "2025-11-02"),
     ("Pacific/Apia", "2011-12-30"), ("Pacific/Apia", "2011-12-31"),
     ("America/Santiago", "2024-09-08"), ("America/Santiago", "2024-04-07")],
)
def test_start_of_day_offset_on_days_whose_midnight_is_skipped_or_repeated(
    zone: str, day: str
) -> None:
    z, d = ZoneInfo(zone), dt.date.fromisoformat(day)
    assert start_of_day_offset(d, z) == start_of_day(d, z).utcoffset()


_TRANSITION_DAYS = [
    ("Asia/Jerusalem", "2025-03-28"), ("Asia/Jerusalem", "2025-10-26"),
    ("Asia/Beirut", "2024-03-31"), ("America/Havana", "2025-11-02"),
    ("Pacific/Apia", "2011-12-29"), ("Pacific/Apia", "2011-12-30"), ("Pacific/Apia", "2011-12-31"),
    ("America/Santiago", "2024-09-08"), ("America/Santiago", "2024-04-06"),
    ("Australia/Lord_Howe", "2024-04-07"), ("Europe/Kyiv", "2024-10-27"), ("UTC", "2025-01-01"),
]


def _reference_localize(d: dt.date, t: dt.time, zone: ZoneInfo, policy: ct.DstPolicy) -> Any:
    """The rule, stated independently: a wall time the zone names once is that instant; one
    it skips or repeats names two instants (its two readings), of which 'earlier' and 'later'
    pick one, and 'raise' refuses."""
    a = dt.datetime.combine(d, t.replace(fold=0), zone)
    b = dt.datetime.combine(d, t.replace(fold=1), zone)
    if a.utcoffset() == b.utcoffset():
        return a
    if policy is ct.DstPolicy.RAISE:
        return "refused"
    pick = min if policy is ct.DstPolicy.EARLIER else max
    return pick(a, b, key=lambda x: x.astimezone(UTC)).astimezone(UTC).astimezone(zone)


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(_TRANSITION_DAYS),
    st.integers(0, 23),
    st.sampled_from([0, 15, 30, 59]),
    st.sampled_from(list(ct.DstPolicy)),
    st.sampled_from([0, 1]),
)
def test_localize_on_follows_the_rule_whatever_the_fold_it_is_given(
    day: tuple[str, str], hour: int, minute: int, policy: ct.DstPolicy, fold: int
) -> None:
    zone, d = ZoneInfo(day[0]), dt.date.fromisoformat(day[1])
    t = dt.time(hour, minute, fold=fold)
    expected = _reference_localize(d, t, zone, policy)
    try:
        got: Any = localize_on(d, t, zone, policy)
    except ct.NonexistentTimeError:
        got = "refused"
    assert got == expected
    if got != "refused":
        assert got.tzinfo is zone and got.fold == expected.fold
        assert got == ct.localize(dt.datetime.combine(d, t), zone, policy)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (ct.Period(), "0 days"),
        (ct.Period(days=1), "1 day"),
        (ct.Period(days=-1), "-1 day"),
        (ct.Period(weeks=1), "1 week"),
        (ct.Period(months=1, days=3), "1 month 3 days"),
        (ct.Period(years=1, months=2, weeks=3, days=4), "1 year 2 months 3 weeks 4 days"),
        (ct.Period(years=-2, days=-30), "-2 years -30 days"),
        (ct.Duration(), "0 hours"),
        (ct.Duration(hours=1), "1 hour"),
        (ct.Duration(hours=72), "72 hours"),
        (ct.Duration(minutes=-1), "-1 minute"),
        (ct.Duration(hours=1, seconds=30), "1 hour 30 seconds"),
        (ct.Duration(hours=2, minutes=1, seconds=1), "2 hours 1 minute 1 second"),
    ],
)
def test_periods_and_durations_as_text(value: ct.Period | ct.Duration, text: str) -> None:
    assert str(value) == text


@given(
    st.integers(-8_784_000, 8_784_000),
    st.integers(-527_040_000, 527_040_000),
    st.integers(-31_622_400_000, 31_622_400_000),
)
def test_duration_as_a_timedelta(hours: int, minutes: int, seconds: int) -> None:
    d = ct.Duration(hours=hours, minutes=minutes, seconds=seconds)
    assert d.to_timedelta() == dt.timedelta(hours=hours, minutes=minutes, seconds=seconds)
