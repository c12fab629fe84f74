"""Properties of the date engine, through the resolver, in zones with unusual clocks; and the
edge cases the field lists for a serious date engine (year ends, leap days, skipped days,
30-minute DST, midnight DST changes)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import ceasefire_terms as ct
from ceasefire_terms.dates.arithmetic import dst_change, missing_day, start_of_day

UTC = dt.UTC
ZONES = ["Asia/Jerusalem", "Europe/Kyiv", "America/Santiago", "Australia/Lord_Howe",
         "Pacific/Apia"]


def phase_end(zone: str, start: str, length: str, counting: str, **extra: Any) -> ct.Event:
    a = ct.parse_agreement({"id": "x", "title": "X", "zone": zone, "phases": [
        {"id": "p", "start": start, "length": length, "counting": counting, **extra}]})
    return a.timeline()["p.end"]


def local_text(d: dt.datetime, zone: str) -> str:
    return f"{d:%Y-%m-%d %H:%M} {zone}"


starts = st.datetimes(min_value=dt.datetime(2005, 1, 1), max_value=dt.datetime(2030, 12, 31))
zones = st.sampled_from(ZONES)
days = st.integers(min_value=1, max_value=400)


# -- relations between the conventions -------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 1, 1)), days, zones)
def test_following_ends_one_day_after_ordinal(d: dt.date, n: int, zone: str) -> None:
    ordinal = phase_end(zone, d.isoformat(), f"{n} days", "ordinal")
    following = phase_end(zone, d.isoformat(), f"{n} days", "following")
    assert ordinal.end_of_day and following.end_of_day
    assert ordinal.date == d + dt.timedelta(days=n - 1)
    assert following.date == ordinal.date + dt.timedelta(days=1)


@settings(max_examples=60, deadline=None)
@given(starts, days, zones)
def test_elapsed_is_exact_and_wall_clock_keeps_the_local_time(
    local: dt.datetime, n: int, zone: str
) -> None:
    tz = ZoneInfo(zone)
    local = local.replace(second=0, microsecond=0)
    assume(dst_change(local, tz) is None)
    target = local + dt.timedelta(days=n)
    assume(dst_change(target, tz) is None)
    start = local.replace(tzinfo=tz)
    elapsed = phase_end(zone, local_text(local, zone), f"{n} days", "elapsed")
    wall = phase_end(zone, local_text(local, zone), f"{n} days", "wall_clock")
    assert elapsed.at is not None and wall.at is not None
    assert elapsed.at.astimezone(UTC) - start.astimezone(UTC) == dt.timedelta(days=n)
    assert wall.at.replace(tzinfo=None) == target
    # the two differ by exactly the change of UTC offset in between, and the elapsed trace
    # says so whenever there is one
    off_start, off_end = start.utcoffset(), target.replace(tzinfo=tz).utcoffset()
    assert off_start is not None and off_end is not None
    assert wall.at.astimezone(UTC) - elapsed.at.astimezone(UTC) == off_start - off_end
    assert ("local time moves" in elapsed.rule) is (off_start != off_end)


@settings(max_examples=60, deadline=None)
@given(starts, st.integers(min_value=1, max_value=30), zones, st.sampled_from(["earlier",
                                                                                "later"]))
def test_a_dst_policy_decides_every_gap_and_overlap_and_is_traced(
    local: dt.datetime, n: int, zone: str, policy: str
) -> None:
    tz = ZoneInfo(zone)
    local = local.replace(second=0, microsecond=0)
    assume(dst_change(local, tz) is None)
    change = dst_change(local + dt.timedelta(days=n), tz)
    text = local_text(local, zone)
    if change is None:
        end = phase_end(zone, text, f"{n} days", "wall_clock", dst=policy)
        assert "DST" not in end.rule
        return
    with pytest.raises(ct.NonexistentTimeError) as info:
        phase_end(zone, text, f"{n} days", "wall_clock")
    assert info.value.path == "phases[0].length"
    end = phase_end(zone, text, f"{n} days", "wall_clock", dst=policy)
    assert f"DST {change}" in end.rule and f"dst: {policy}" in end.rule


# -- gaps and overlaps, zone by zone ---------------------------------------------------------

TRANSITIONS = [
    # (zone, naive local time, 'gap' or 'overlap', exact length of the change)
    ("Asia/Jerusalem", dt.datetime(2025, 3, 28, 2, 30), "gap", dt.timedelta(hours=1)),
    ("Asia/Jerusalem", dt.datetime(2025, 10, 26, 1, 30), "overlap", dt.timedelta(hours=1)),
    ("Europe/Kyiv", dt.datetime(2025, 3, 30, 3, 30), "gap", dt.timedelta(hours=1)),
    ("Europe/Kyiv", dt.datetime(2025, 10, 26, 3, 30), "overlap", dt.timedelta(hours=1)),
    ("America/Santiago", dt.datetime(2024, 9, 8, 0, 30), "gap", dt.timedelta(hours=1)),
    ("America/Santiago", dt.datetime(2025, 4, 5, 23, 30), "overlap", dt.timedelta(hours=1)),
    ("Australia/Lord_Howe", dt.datetime(2024, 10, 6, 2, 15), "gap", dt.timedelta(minutes=30)),
    ("Australia/Lord_Howe", dt.datetime(2025, 4, 6, 1, 45), "overlap",
     dt.timedelta(minutes=30)),
    ("Pacific/Apia", dt.datetime(2011, 12, 30, 12, 0), "gap", dt.timedelta(hours=24)),
]


@pytest.mark.parametrize(("zone", "local", "kind", "size"), TRANSITIONS)
def test_each_transition_is_found_and_its_readings_are_the_size_of_the_change_apart(
    zone: str, local: dt.datetime, kind: str, size: dt.timedelta
) -> None:
    tz = ZoneInfo(zone)
    assert dst_change(local, tz) == kind
    early = ct.localize(local, tz, ct.DstPolicy.EARLIER).astimezone(UTC)
    late = ct.localize(local, tz, ct.DstPolicy.LATER).astimezone(UTC)
    assert late - early == size


@pytest.mark.parametrize(("zone", "local", "kind", "size"), TRANSITIONS)
def test_a_stated_moment_at_a_transition_is_refused_at_its_field_unless_dst_is_stated(
    zone: str, local: dt.datetime, kind: str, size: dt.timedelta
) -> None:
    record = {"id": "x", "title": "X", "zone": zone, "effective": local_text(local, zone)}
    with pytest.raises(ct.NonexistentTimeError) as info:
        ct.parse_agreement(record).timeline()
    assert info.value.path == "effective"
    record["effective"] = {"date": local.date().isoformat(), "time": f"{local:%H:%M}",
                           "zone": zone, "dst": "later"}
    e = ct.parse_agreement(record).timeline()["agreement.effective"]
    assert f"DST {kind}" in e.rule


def test_lord_howe_half_hour_shift_elapsed_and_wall_clock_differ_by_30_minutes() -> None:
    start = "2024-10-05 10:00 Australia/Lord_Howe"  # DST begins 6 Oct 02:00 -> 02:30
    elapsed = phase_end("Australia/Lord_Howe", start, "2 days", "elapsed")
    wall = phase_end("Australia/Lord_Howe", start, "2 days", "wall_clock")
    assert elapsed.at is not None and wall.at is not None
    assert elapsed.at.strftime("%H:%M") == "10:30" and wall.at.strftime("%H:%M") == "10:00"
    assert "from 10:00 to 10:30" in elapsed.rule


def test_santiago_day_that_starts_at_one_oclock() -> None:
    # Chile moves 00:00 -> 01:00 on 8 Sep 2024: that day's first instant is 01:00
    santiago = ZoneInfo("America/Santiago")
    assert start_of_day(dt.date(2024, 9, 8), santiago).strftime("%H:%M") == "01:00"
    # hours counted from the end of 7 Sep start at that first instant
    a = ct.parse_agreement({"id": "x", "title": "X", "zone": "America/Santiago",
                            "phases": [{"id": "a", "start": "2024-09-01", "end": "2024-09-07"}],
                            "provisions": [{"type": "deadline", "id": "d", "label": "D",
                                            "due": {"anchor": "a.end", "after": "24 hours",
                                                    "counting": "elapsed"}}]})
    t = a.timeline()
    assert t["d"].at is not None
    assert t["d"].at.isoformat() == "2024-09-09T01:00:00-03:00"
    # and a status asked for 00:30 that day names a time that never happened
    with pytest.raises(ct.NonexistentTimeError) as info:
        a.status_on("2024-09-08 00:30 America/Santiago")
    assert info.value.path == "on"


# -- skipped days, year ends, leap days ------------------------------------------------------


def test_apia_skipped_day_is_counted_on_the_calendar_and_the_trace_says_so() -> None:
    end = phase_end("Pacific/Apia", "2011-12-29", "3 days", "ordinal")
    assert end.date == dt.date(2011, 12, 31)
    assert "Pacific/Apia skipped a local day" in end.rule
    quiet = phase_end("Pacific/Apia", "2012-01-02", "3 days", "ordinal")
    assert "skipped" not in quiet.rule


def test_apia_elapsed_day_lands_two_dates_later_and_wall_clock_refuses_the_missing_day() -> None:
    elapsed = phase_end("Pacific/Apia", "2011-12-29 12:00 Pacific/Apia", "1 day", "elapsed")
    assert elapsed.at is not None and elapsed.at.date() == dt.date(2011, 12, 31)
    with pytest.raises(ct.NonexistentTimeError):
        phase_end("Pacific/Apia", "2011-12-29 12:00 Pacific/Apia", "1 day", "wall_clock")


@pytest.mark.parametrize(
    ("start", "length", "counting", "end"),
    [
        ("2024-12-31", "1 day", "following", dt.date(2025, 1, 1)),
        ("2024-12-31", "1 day", "ordinal", dt.date(2024, 12, 31)),
        ("2024-12-25", "10 days", "ordinal", dt.date(2025, 1, 3)),
        ("2024-02-28", "2 days", "ordinal", dt.date(2024, 2, 29)),
        ("2023-02-28", "2 days", "ordinal", dt.date(2023, 3, 1)),
        ("2024-02-29", "1 year", "following", None),  # 2025-02-29 is missing: stated rule
    ],
)
def test_year_ends_and_leap_days(start: str, length: str, counting: str,
                                 end: dt.date | None) -> None:
    if end is None:
        with pytest.raises(ct.AmbiguousDateError):
            phase_end("Asia/Jerusalem", start, length, counting)
        return
    assert phase_end("Asia/Jerusalem", start, length, counting).date == end


@pytest.mark.parametrize(("rule", "following_end", "ordinal_end"), [
    ("clip", dt.date(2025, 2, 28), dt.date(2025, 2, 27)),
    ("next_day", dt.date(2025, 3, 1), dt.date(2025, 2, 28)),
])
def test_a_year_from_29_february_under_each_month_end_rule(
    rule: str, following_end: dt.date, ordinal_end: dt.date
) -> None:
    f = phase_end("Asia/Jerusalem", "2024-02-29", "1 year", "following", month_end=rule)
    o = phase_end("Asia/Jerusalem", "2024-02-29", "1 year", "ordinal", month_end=rule)
    assert (f.date, o.date) == (following_end, ordinal_end)
    assert f"2025-02-29 does not exist, month_end: {rule} applied" in f.rule


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 1, 1)),
       st.integers(min_value=-60, max_value=60))
def test_month_arithmetic_raises_exactly_when_a_day_is_missing(d: dt.date, months: int) -> None:
    p = ct.Period(months=months)
    missing = missing_day(d, p)
    if missing is None:
        out = ct.add_period(d, p, None)
        assert out.day == d.day
        return
    with pytest.raises(ct.AmbiguousDateError):
        ct.add_period(d, p, None)
    clip = ct.add_period(d, p, ct.MonthEnd.CLIP)
    nxt = ct.add_period(d, p, ct.MonthEnd.NEXT_DAY)
    assert nxt == clip + dt.timedelta(days=1) and nxt.day == 1
    assert missing.startswith(f"{clip.year:04d}-{clip.month:02d}-")


@settings(max_examples=40, deadline=None)
@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 1, 1)),
       st.integers(min_value=1, max_value=3), st.integers(min_value=2, max_value=14),
       st.sampled_from(["clip", "next_day"]))
def test_recurrence_is_first_plus_i_steps_under_the_stated_rule(
    d: dt.date, months: int, count: int, rule: str
) -> None:
    a = ct.parse_agreement({"id": "x", "title": "X", "zone": "Europe/Kyiv",
                            "effective": d.isoformat(), "provisions": [
                                {"type": "deadline", "id": "m", "label": "M",
                                 "due": {"anchor": "agreement.effective", "month_end": rule},
                                 "every": f"{months} months", "count": count}]})
    got = [e for e in a.timeline() if e.id.startswith("m#")]
    expected = [ct.add_period(d, ct.Period(months=months * i), ct.MonthEnd(rule))
                for i in range(count)]
    assert [e.date for e in got] == expected
    for i, e in enumerate(got):
        decided = missing_day(d, ct.Period(months=months * i)) is not None
        assert ("does not exist" in e.rule) is decided


@settings(max_examples=40, deadline=None)
@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 1, 1)),
       st.integers(min_value=1, max_value=120), st.integers(min_value=0, max_value=130))
def test_ordinal_day_numbers_and_status_agree(d: dt.date, n: int, offset: int) -> None:
    a = ct.parse_agreement({"id": "x", "title": "X", "zone": "Asia/Jerusalem", "phases": [
        {"id": "p", "start": d.isoformat(), "length": f"{n} days", "counting": "ordinal"}]})
    on = d + dt.timedelta(days=offset)
    st_ = a.status_on(on)
    assert a.day_of("p", on) == offset + 1
    if offset < n:
        (ph,) = st_.active
        assert ph.day == offset + 1 and ph.days_left == n - offset - 1
        assert a.day("p", offset + 1) == on
    else:
        assert st_.active == () and st_.complete


# -- every error of the engine names a record field ------------------------------------------

FIELD = re.compile(
    r"^(announced|signed|effective_scheduled|effective|on|"
    r"(phases|provisions|amendments)\[\d+\](\.[a-z_]+(\[\d+\])?)*)$"
)
edge_moments = st.one_of(
    st.dates(min_value=dt.date(1, 1, 2), max_value=dt.date(9999, 12, 30)).map(str),
    st.builds(
        lambda d, h, m, z: f"{d} {h:02d}:{m:02d} {z}",
        st.dates(min_value=dt.date(2, 1, 1), max_value=dt.date(9999, 12, 30)),
        st.integers(0, 23),
        st.sampled_from([0, 15, 30, 45]),
        zones,
    ),
    st.sampled_from(["2025-03-28 02:30 Asia/Jerusalem", "2011-12-30 12:00 Pacific/Apia",
                     "2025-01-31", "2024-02-29", "9999-12-31", "0001-01-01", "2025-01"]),
)
periods = st.sampled_from(["1 day", "3 days", "1 month", "1 year", "2 weeks", "72 hours",
                           "30 hours", "120 days"])
countings = st.sampled_from([c.value for c in ct.Counting])


@st.composite
def records(draw: st.DrawFn) -> dict[str, Any]:
    phases = []
    for i in range(draw(st.integers(1, 3))):
        start = draw(st.one_of(edge_moments, st.just("agreement.effective"),
                               st.just(f"p{i - 1}.end") if i else edge_moments))
        ph: dict[str, Any] = {"id": f"p{i}", "start": start, "length": draw(periods),
                              "counting": draw(countings)}
        if draw(st.booleans()):
            ph["month_end"] = draw(st.sampled_from(["clip", "next_day"]))
        if draw(st.booleans()):
            ph["dst"] = draw(st.sampled_from(["earlier", "later"]))
        if draw(st.booleans()):
            ph["auto_renewal"] = {"period": draw(periods)}
        phases.append(ph)
    provisions = []
    for j in range(draw(st.integers(0, 2))):
        d: dict[str, Any] = {
            "type": "deadline", "id": f"d{j}", "label": "D",
            "due": {"anchor": draw(st.sampled_from(["agreement.effective", "p0.start",
                                                    "p0.end"])),
                    "after": draw(periods), "counting": draw(countings)}}
        if draw(st.booleans()):
            d["every"] = draw(periods)
            d["count"] = draw(st.integers(1, 5))
        provisions.append(d)
    amendments = []
    if draw(st.booleans()):
        amendments.append({"id": "a0", "target": "p0", "by": draw(periods),
                           "counting": draw(countings)})
    return {"id": "x", "title": "X", "zone": draw(zones), "effective": draw(edge_moments),
            "phases": phases, "provisions": provisions, "amendments": amendments}


@settings(max_examples=150, deadline=None)
@given(records(), st.integers(0, 3), edge_moments)
def test_every_error_of_the_engine_names_a_record_field(
    record: dict[str, Any], renewals: int, on: str
) -> None:
    """Month ends, DST gaps, skipped days, the ends of the calendar: whatever the engine
    refuses, it refuses at a field of the record (or at 'on' for a status), and check()
    reports it instead of raising."""
    try:
        a = ct.parse_agreement(record)
    except ct.RecordError:
        return
    try:
        t = a.timeline(renewals=renewals)
        t.status_on(on)
    except ct.CeasefireTermsError as exc:
        assert exc.path is not None and FIELD.match(exc.path), str(exc)
    # (check's own timeline findings, such as phase-overlap, name events; the engine's errors
    # it reports under the exception's name)
    engine = [f for f in ct.check(a).errors if f.code.endswith("Error")]
    assert all(FIELD.match(f.path) for f in engine), [f.message for f in engine]


# -- mixed forms, the same day, reversed order ---------------------------------------------------


def test_a_fixed_offset_instant_is_counted_in_the_agreement_zone() -> None:
    """An instant given with a fixed offset (+02:00) is a point in time, not a zone: calendar
    days from it are counted on the agreement's clock (Asia/Jerusalem, where DST began on
    28 Mar), never on the fixed offset."""
    end = phase_end("Asia/Jerusalem", "2025-03-27T11:15+02:00", "3 days", "wall_clock")
    assert end.at is not None and end.at.isoformat() == "2025-03-30T11:15:00+03:00"


def test_a_naive_time_is_refused_wherever_it_is_given() -> None:
    with pytest.raises(ct.RecordError) as info:
        ct.parse_agreement({"id": "x", "title": "X", "zone": "UTC",
                            "effective": "2025-03-27T11:15"})
    assert "'effective'" in str(info.value)
    a = ct.parse_agreement({"id": "x", "title": "X", "zone": "UTC"})
    with pytest.raises(ct.TimeZoneError) as err:
        a.status_on(dt.datetime(2025, 3, 27, 11, 15))
    assert err.value.path == "on"


def test_a_phase_of_one_day_and_a_phase_ending_before_it_starts() -> None:
    one = ct.parse_agreement({"id": "x", "title": "X", "zone": "Asia/Jerusalem", "phases": [
        {"id": "p", "start": "2025-02-01", "end": "2025-02-01"}]})
    (ph,) = one.status_on("2025-02-01").active
    assert (ph.day, ph.days_left) == (1, 0)
    assert one.status_on("2025-02-02").active == ()
    reversed_ = ct.parse_agreement({"id": "x", "title": "X", "zone": "Asia/Jerusalem",
                                    "phases": [{"id": "p", "start": "2025-02-01",
                                                "end": "2025-01-15"}]})
    assert [f.code for f in ct.check(reversed_).errors] == ["phase-negative"]
    assert reversed_.status_on("2025-01-20").active == ()
    assert reversed_.day_of("p", dt.date(2025, 1, 20)) == -11


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 1, 1)), days, zones,
       st.sampled_from(["ordinal", "following"]))
def test_counting_back_from_a_period_end_gives_its_start(
    d: dt.date, n: int, zone: str, counting: str
) -> None:
    """'N days before the end' under the same convention undoes 'N days from the start'."""
    a = ct.parse_agreement({"id": "x", "title": "X", "zone": zone, "phases": [
        {"id": "p", "start": d.isoformat(), "length": f"{n} days", "counting": counting}],
        "provisions": [{"type": "deadline", "id": "back", "label": "B",
                        "due": {"anchor": "p.end", "before": f"{n} days",
                                "counting": counting}}]})
    assert a.timeline()["back"].date == d


@settings(max_examples=60, deadline=None)
@given(starts, days, zones, st.sampled_from(["elapsed", "wall_clock"]))
def test_counting_back_from_an_instant_end_gives_the_start_instant(
    local: dt.datetime, n: int, zone: str, counting: str
) -> None:
    tz = ZoneInfo(zone)
    local = local.replace(second=0, microsecond=0)
    assume(dst_change(local, tz) is None)
    assume(dst_change(local + dt.timedelta(days=n), tz) is None)
    a = ct.parse_agreement({"id": "x", "title": "X", "zone": zone, "phases": [
        {"id": "p", "start": local_text(local, zone), "length": f"{n} days",
         "counting": counting}],
        "provisions": [{"type": "deadline", "id": "back", "label": "B",
                        "due": {"anchor": "p.end", "before": f"{n} days",
                                "counting": counting}}]})
    t = a.timeline()
    back, start = t["back"].at, t["p.start"].at
    assert back is not None and start is not None
    if counting == "elapsed":
        assert back.astimezone(UTC) == start.astimezone(UTC)
    else:  # the wall-clock end may sit on the other side of a change: the local time is kept
        assert back.replace(tzinfo=None) == start.replace(tzinfo=None)
