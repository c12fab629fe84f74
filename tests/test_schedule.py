"""Scheduled end against coded end for ETH/PRIO fixed-duration ceasefires
(ceasefire_terms.datasets.schedule and the ``schedule`` command).

The real rows are tests/data/datasets/ethprio_cfd_sample.csv (ETH/PRIO CF, Clayton et al.
2022, doi:10.1177/00220027221129195; see the README beside it). Expected dates below are
worked out by hand from the convention definitions in docs/conventions.md:
ordinal: day 1 is the start day, N days end on start + (N - 1);
following: the start day is not counted, N days end on start + N;
elapsed: start + N x 24 h, on day start + N at the start's time of day.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ceasefire_terms.cli.app import app
from ceasefire_terms.datasets import RawRow, read_table
from ceasefire_terms.datasets.schedule import (
    COUNTINGS,
    REQUIRED_COLUMNS,
    TABLE_COLUMNS,
    Comparison,
    ScheduleRow,
    ScheduleStatus,
    by_ceasefire,
    schedule,
    schedule_file,
    schedule_frame,
    schedule_records,
    summarize,
    write_csv,
)
from ceasefire_terms.errors import InputError
from ceasefire_terms.model.conventions import Counting

DATA = Path(__file__).resolve().parent / "data" / "datasets"
SAMPLE = DATA / "ethprio_cfd_sample.csv"
ON, EARLY, LATE, UNKNOWN, MIXED = (
    ScheduleStatus.ON_SCHEDULE,
    ScheduleStatus.EARLY,
    ScheduleStatus.LATE,
    ScheduleStatus.UNKNOWN,
    ScheduleStatus.MIXED,
)
runner = CliRunner()


def _row(
    declared: tuple[int, int, int] = (1994, 12, 21),
    effective: tuple[int, int, int] = (1994, 12, 30),
    end: tuple[int, int, int] = (1995, 1, 1),
    *,
    fixed: str = "1",
    fixed_time: str = "3",
    uniq_id: str = "840033",
    actor: str = "CPP",
) -> dict[str, str]:
    """A row shaped like the real Philippines/CPP row (cf 840033) of the sample, with the
    cells a test changes."""
    row = {"uniq_id": uniq_id, "actor_name": actor, "location": "Philippines",
           "fixed": fixed, "fixed_time": fixed_time}  # fmt: skip
    for prefix, value in (("cf_dec", declared), ("cf_effect", effective), ("end", end)):
        for part, n in zip(("yr", "month", "day"), value, strict=True):
            row[f"{prefix}_{part}"] = str(n)
    return row


def _one(row: dict[str, str]) -> ScheduleRow:
    [result] = schedule([row])
    return result


def _ends(c: Comparison) -> dict[str, str]:
    return {e.counting.value: e.text for e in c.ends}


@pytest.fixture(scope="module")
def sample_rows() -> list[RawRow]:
    return read_table(SAMPLE).rows


@pytest.fixture(scope="module")
def sample(sample_rows: list[RawRow]) -> dict[str, ScheduleRow]:
    results = schedule(sample_rows)
    return {r.uniq_id: r for r in results if r.uniq_id}


# -- the arithmetic, written out ---------------------------------------------------------------


def test_three_days_from_21_december_under_each_convention() -> None:
    """Declared Wed 21 Dec 1994, 3 days. Ordinal: days 21, 22, 23 -> ends 23 Dec. Following:
    the 21st is not counted; 22, 23, 24 -> ends 24 Dec. Elapsed: 21 Dec at the start's time
    + 72 h -> 24 Dec at that time."""
    declared = _one(_row()).comparison("declared")
    assert _ends(declared) == {
        "ordinal": "1994-12-23",
        "following": "1994-12-24",
        "elapsed": "1994-12-24",
    }


def test_a_period_across_a_leap_day_and_a_year_end() -> None:
    """3 days from 27 Feb 2016 (a leap year): ordinal 27, 28, 29 Feb -> 29 Feb; following
    28, 29 Feb, 1 Mar -> 1 Mar. 3 days from 30 Dec 1994: ordinal 30, 31 Dec, 1 Jan -> 1 Jan
    1995; following 2 Jan 1995."""
    leap = _one(_row((2016, 2, 27), (2016, 2, 27), (2016, 3, 1))).comparison("effective")
    assert _ends(leap) == {"ordinal": "2016-02-29", "following": "2016-03-01",
                           "elapsed": "2016-03-01"}  # fmt: skip
    assert leap.status is ON and leap.agree == (Counting.FOLLOWING, Counting.ELAPSED)
    year_end = _one(_row()).comparison("effective")
    assert _ends(year_end) == {"ordinal": "1995-01-01", "following": "1995-01-02",
                               "elapsed": "1995-01-02"}  # fmt: skip


def test_180_days_from_4_february_2010() -> None:
    """4 Feb 2010 is day 35 of the year; day 35 + 179 = day 214 = 2 Aug (Jan 31 + Feb 28 +
    Mar 31 + Apr 30 + May 31 + Jun 30 + Jul 31 = 212). Ordinal ends 2 Aug, following 3 Aug."""
    r = _one(_row((2010, 2, 4), (2010, 2, 4), (2010, 8, 2), fixed_time="180"))
    assert _ends(r.comparison("effective")) == {
        "ordinal": "2010-08-02", "following": "2010-08-03", "elapsed": "2010-08-03"}  # fmt: skip


def test_the_rule_text_comes_from_the_date_engine() -> None:
    effective = _one(_row()).comparison("effective")
    rules = {e.counting: e.rule for e in effective.ends}
    assert "ordinal: day 1 = 1994-12-30" in rules[Counting.ORDINAL]
    assert "following: 1994-12-30 not counted" in rules[Counting.FOLLOWING]
    assert "elapsed" in rules[Counting.ELAPSED] and "72 h" in rules[Counting.ELAPSED]
    assert "from any time of 1994-12-30 it ends on 1995-01-02" in rules[Counting.ELAPSED]


@settings(max_examples=150, deadline=None)
@given(
    start=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    days=st.integers(min_value=1, max_value=2000),
)
def test_conventions_relate_as_documented(start: dt.date, days: int) -> None:
    """Ordinal ends the day before following; elapsed (in UTC) ends on the following day;
    ordinal's end is start + N - 1 days."""
    s = (start.year, start.month, start.day)
    c = _one(_row(s, s, s, fixed_time=str(days))).comparison("declared")
    ends = {e.counting: e for e in c.ends}
    o, f, e = ends[Counting.ORDINAL], ends[Counting.FOLLOWING], ends[Counting.ELAPSED]
    assert o.earliest == o.latest == start + dt.timedelta(days=days - 1)
    assert f.earliest == f.latest == o.earliest + dt.timedelta(days=1)
    assert e.earliest == e.latest == f.earliest


# -- the real sample rows ------------------------------------------------------------------------


def test_every_sample_row_is_classified_two_ways(sample_rows: list[RawRow]) -> None:
    results = schedule(sample_rows)
    assert len(results) == len(sample_rows) == 20
    assert [r.row for r in results] == list(range(1, 21))
    for r in results:
        assert [c.start_from for c in r.comparisons] == ["declared", "effective"]
        for c in r.comparisons:
            assert c.status in (ON, EARLY, LATE, UNKNOWN)
            # in the sample, only undecided rows carry a reason (no end precedes its start)
            assert bool(c.reason) == (c.status is UNKNOWN)


def test_sample_counts_derived_by_hand(sample_rows: list[RawRow]) -> None:
    """11 rows have fixed 0 or -1, Liberia (450012) a free-text duration, and AFDL (490003)
    and El Salvador (92002) no coded end: 14 unknown from either date. Of the other six, CPP
    (840033) and Sudan (625169) took effect after they were declared (worked out below); the
    other four end on their ordinal end from both dates."""
    s = summarize(schedule(sample_rows))
    assert s.rows == 20
    assert s.by_status["effective"] == {"on_schedule": 5, "early": 0, "late": 1, "unknown": 14}
    assert s.by_status["declared"] == {"on_schedule": 4, "early": 0, "late": 2, "unknown": 14}
    assert s.by_convention["effective"] == {"ordinal": 5, "following": 0, "elapsed": 0}
    assert s.by_convention["declared"] == {"ordinal": 4, "following": 0, "elapsed": 0}
    assert s.ceasefires["effective"]["on_schedule"] == 5  # one actor row per ceasefire here


def test_philippines_cpp_840033(sample: dict[str, ScheduleRow]) -> None:
    """Declared 21 Dec 1994, effective 30 Dec, 3 days, coded end 1 Jan 1995. From the
    declared date the ends are 23/24/24 Dec: 9, 8 and 8 days late. From the effective date
    ordinal gives 30, 31 Dec, 1 Jan -> 1 Jan: on schedule; following and elapsed 2 Jan."""
    r = sample["840033"]
    declared, effective = r.comparisons
    assert r.days == 3 and str(r.end) == "1995-01-01" and r.actor == "CPP"
    assert declared.status is LATE and [e.delta for e in declared.ends] == [9, 8, 8]
    assert effective.status is ON and effective.agree == (Counting.ORDINAL,)
    assert [e.delta for e in effective.ends] == [0, -1, -1]


def test_sudan_625169_ended_late_from_either_date(sample: dict[str, ScheduleRow]) -> None:
    """60 days. From 31 Oct 2017: ordinal day 60 = 31 Oct + 59 = 29 Dec (Nov has 30 days:
    30 Nov is +30, 29 Dec is +59). From 8 Oct: 8 Oct + 59 = 6 Dec. Coded end 3 Jan 2018:
    5 and 28 days after the ordinal ends."""
    declared, effective = sample["625169"].comparisons
    assert _ends(effective)["ordinal"] == "2017-12-29" and effective.status is LATE
    assert [e.delta for e in effective.ends] == [5, 4, 4]
    assert _ends(declared)["ordinal"] == "2017-12-06" and declared.status is LATE
    assert declared.ends[0].delta == 28


def test_sample_rows_ending_on_their_ordinal_end(sample: dict[str, ScheduleRow]) -> None:
    """UPDS 750094 (180 days from 4 Feb 2010, end 2 Aug), Bosnia 346049 (2 days from 24 Aug
    1993: 24, 25 -> end 25 Aug), Iraq 645028 (1 day from 19 Jun 2014: that day), DPR 369032
    (2 days from 6 Feb 2015 -> 7 Feb)."""
    for uid, ordinal in (("750094", "2010-08-02"), ("346049", "1993-08-25"),
                         ("645028", "2014-06-19"), ("369032", "2015-02-07")):  # fmt: skip
        for c in sample[uid].comparisons:
            assert c.status is ON and c.agree == (Counting.ORDINAL,), uid
            assert _ends(c)["ordinal"] == ordinal


def test_sample_unknowns_say_why(sample: dict[str, ScheduleRow]) -> None:
    liberia = sample["450012"].comparison("effective")
    assert liberia.status is UNKNOWN and "free text" in liberia.reason
    assert "Until mutual agreement" in liberia.reason
    assert "fixed is -1" in sample["652026"].comparison("declared").reason
    assert "fixed is 0" in sample["517001"].comparison("effective").reason
    afdl = sample["490003"].comparison("effective")
    # no coded end, but the scheduled ends are still given: 7 days from 18 Mar 1997
    assert afdl.status is UNKNOWN and "end date is not known" in afdl.reason
    assert _ends(afdl) == {"ordinal": "1997-03-24", "following": "1997-03-25",
                           "elapsed": "1997-03-25"}  # fmt: skip
    zero = _one(_row(end=(0, 0, 0))).comparison("effective").reason
    assert "not recorded (end_yr/end_month/end_day are 0/0/0" in zero


# -- precision: a month is compared as all of its days ------------------------------------------


def test_a_month_end_containing_a_scheduled_end_is_undecided() -> None:
    r = _one(_row(end=(1995, 1, -1)))
    effective = r.comparison("effective")  # ends 1 Jan / 2 Jan 1995, both in January
    assert str(r.end) == "1995-01" and effective.status is UNKNOWN
    assert "known only to the month (1995-01)" in effective.reason
    assert "ordinal (1995-01-01)" in effective.reason
    declared = r.comparison("declared")  # ends 23/24 Dec 1994: all of January is after
    assert declared.status is LATE and [e.delta for e in declared.ends] == [None] * 3


def test_a_month_end_wholly_before_every_scheduled_end_is_early() -> None:
    effective = _one(_row(end=(1994, 12, -1))).comparison("effective")
    assert effective.status is EARLY  # 31 Dec < 1 Jan 1995 (ordinal), the earliest end


def test_a_month_end_just_after_the_scheduled_end() -> None:
    """2 days from 29 Dec 1994: ordinal 30 Dec, following and elapsed 31 Dec; an end known
    only as January 1995 is after all three. 3 days: ordinal 31 Dec but following 1 Jan,
    inside January: ordinal says late, following cannot say, so the row is undecided."""
    two = _one(_row((1994, 12, 29), (1994, 12, 29), (1995, 1, -1), fixed_time="2"))
    assert two.comparison("effective").status is LATE
    three = _one(_row((1994, 12, 29), (1994, 12, 29), (1995, 1, -1), fixed_time="3"))
    c = three.comparison("effective")
    assert [e.verdict for e in c.ends] == [LATE, UNKNOWN, UNKNOWN]
    assert c.status is UNKNOWN and "following (1995-01-01)" in c.reason


def test_a_month_start_gives_a_range_of_scheduled_ends() -> None:
    """Declared in August 2013 (day -1), 7 days: ordinal ends from 1 + 6 = 7 Aug to 31 Aug + 6
    = 6 Sep; following from 8 Aug to 7 Sep."""
    late = _one(_row((2013, 8, -1), (-1, -1, -1), (2013, 9, 20), fixed_time="7"))
    declared = late.comparison("declared")
    assert str(declared.start) == "2013-08"
    assert _ends(declared) == {"ordinal": "2013-08-07/2013-09-06",
                               "following": "2013-08-08/2013-09-07",
                               "elapsed": "2013-08-08/2013-09-07"}  # fmt: skip
    assert declared.status is LATE and declared.ends[0].delta is None
    assert "effective date is not known" in late.comparison("effective").reason
    inside = _one(_row((2013, 8, -1), (-1, -1, -1), (2013, 8, 20), fixed_time="7"))
    c = inside.comparison("declared")
    assert c.status is UNKNOWN and "start is known only to the month (2013-08)" in c.reason


def test_a_year_only_date() -> None:
    r = _one(_row((1994, -1, -1), (1994, -1, -1), (1996, 3, 1), fixed_time="30"))
    c = r.comparison("declared")
    assert _ends(c)["ordinal"] == "1994-01-30/1995-01-29" and c.status is LATE


# -- bad and unusual cells ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixed", "fixed_time", "expected"),
    [
        ("1", "-1", "the duration is unclear (fixed_time is -1)"),
        ("1", "0", "fixed_time is 0 (no duration) although fixed is 1"),
        ("1", "", "fixed_time is empty"),
        ("1", "48 hours", "fixed_time is free text, not a number of days: '48 hours'"),
        (
            "1",
            "-7",
            "fixed_time cannot be read: 'row[1].fixed_time' must be a number of days, 0, -1 "
            "or words (got '-7')",
        ),
        ("0", "0", "no fixed duration (fixed is 0)"),
        ("0", "30", "no fixed duration (fixed is 0, although fixed_time is 30)"),
        ("-1", "3", "unclear whether the duration was fixed (fixed is -1)"),
        ("2", "3", "fixed is '2'; expected 1, 0 or -1"),
        (
            "yes",
            "3",
            "fixed cannot be read: 'row[1].fixed' must be a whole number (or empty) (got 'yes')",
        ),
    ],
)
def test_durations_that_cannot_be_counted(fixed: str, fixed_time: str, expected: str) -> None:
    r = _one(_row(fixed=fixed, fixed_time=fixed_time))
    assert r.days is None
    for c in r.comparisons:
        assert c.status is UNKNOWN and c.reason == expected and c.ends == ()
    assert str(r.comparison("effective").start) == "1994-12-30"  # still shown


def test_whole_numbers_written_as_decimals_are_days() -> None:
    assert _one(_row(fixed="1.0", fixed_time=" 3.0 ")).days == 3
    assert _one(_row(fixed_time="3.5")).days is None
    # only ASCII digits are numbers: an Arabic-Indic three is text, not read as 3
    assert "free text" in _one(_row(fixed_time="٣")).comparisons[0].reason


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        ((2015, 2, 30), "'row[1].end_day' must be a day of 2015-02 or -1 (unknown) (got '30')"),
        ((2015, 13, 1), "'row[1].end_month' must be a month 1-12 or -1 (unknown) (got '13')"),
        ((2015, -1, 7), "'row[1].end_day' must be -1 when the month is unknown"),
        ((2015, -3, 1), "'row[1].end_month' must be a month 1-12 or -1 (unknown) (got '-3')"),
        ((-1, 2, 3), "'row[1].end_month' must be -1 when the year is unknown"),
        ((-1, -1, -1), "the end date is not known (end_yr is -1)"),
        ((2015, 2, 0), "'row[1].end_day' must be a day of 2015-02 or -1 (unknown) (got '0')"),
    ],
)
def test_bad_end_dates(end: tuple[int, int, int], expected: str) -> None:
    """The end cells are read by the importer's split-date parser: its message, naming the
    cell, is the reason."""
    c = _one(_row(end=end)).comparison("effective")
    assert c.status is UNKNOWN and expected in c.reason
    assert len(c.ends) == 3  # the scheduled ends are still computed


def test_text_in_a_date_cell_and_a_missing_column() -> None:
    row = _row()
    row["end_month"] = "Jan"
    assert "'row[1].end_month' must be a whole number (or empty) (got 'Jan')" in _one(
        row
    ).comparison("declared").reason
    del row["cf_effect_day"]
    assert "no column 'cf_effect_day'" in _one(row).comparison("effective").reason
    assert _one({"x": "1"}).comparison("declared").reason == "no column 'fixed'"


def test_an_effective_date_coded_0_leaves_the_declared_comparison() -> None:
    """Bosnia 346006 in the sample codes cf_effect_* as 0/0/0 (its codebook meaning is not
    verified; it is read as no date recorded, never as a date)."""
    r = _one(_row(effective=(0, 0, 0)))
    assert "the effective date is not recorded" in r.comparison("effective").reason
    assert r.comparison("declared").status is LATE


def test_an_end_before_the_start_is_early_and_says_so() -> None:
    c = _one(_row(end=(1994, 12, 25))).comparison("effective")
    assert c.status is EARLY and "before the effective date 1994-12-30" in c.reason


def test_a_duration_past_the_calendar_is_unknown_not_an_error() -> None:
    r = _one(_row((9999, 12, 20), (9999, 12, 20), (9999, 12, 31), fixed_time="30"))
    c = r.comparison("declared")
    assert c.status is UNKNOWN and c.reason.startswith("no scheduled end: 30 days from")
    big = _one(_row(fixed_time="999999999")).comparison("declared")
    assert big.status is UNKNOWN and "no scheduled end" in big.reason


def test_a_row_that_is_not_a_mapping() -> None:
    results = schedule([_row(), ["not", "a", "row"]])  # type: ignore[list-item]
    assert len(results) == 2 and "not a mapping" in results[1].comparisons[0].reason


_CELL = st.one_of(
    st.text(max_size=12),
    st.integers(min_value=-3, max_value=10_000).map(str),
    st.sampled_from(["-1", "0", "1", "1.0", " 3 ", "", "9999", "NaN", "1e3", "٣"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from([*REQUIRED_COLUMNS, "uniq_id", "actor_name"]),
                                _CELL), max_size=6))  # fmt: skip
def test_never_raises_and_gives_one_result_per_row(rows: list[dict[str, str]]) -> None:
    results = schedule(rows)
    assert len(results) == len(rows)
    for r in results:
        assert len(r.comparisons) == 2
        for c in r.comparisons:
            assert c.status in (ON, EARLY, LATE, UNKNOWN)
            if c.status is UNKNOWN:
                assert c.reason
            if c.status is ON:
                assert c.agree
    assert len(schedule_records(results)) == 2 * len(rows)
    by_ceasefire(results)
    summarize(results)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.tuples(*[st.integers(-1, 2030), st.integers(-1, 13), st.integers(-1, 32)]),
            st.tuples(*[st.integers(-1, 2030), st.integers(-1, 13), st.integers(-1, 32)]),
            st.integers(-2, 400),
        ),
        max_size=5,
    )
)
def test_numeric_cells_in_the_codebook_domains(
    rows: list[tuple[tuple[int, int, int], tuple[int, int, int], int]],
) -> None:
    data = [_row(s, s, e, fixed_time=str(n)) for s, e, n in rows]
    results = schedule(data)
    assert len(results) == len(data)
    for r in results:
        for c in r.comparisons:
            decided = [e for e in c.ends if e.verdict is not UNKNOWN]
            if c.status is EARLY:
                assert all(e.verdict is EARLY for e in c.ends)
            if c.status is LATE:
                assert all(e.verdict is LATE for e in c.ends)
            if c.status is ON:
                assert {e.counting for e in decided if e.verdict is ON} == set(c.agree)


# -- actors of one ceasefire ------------------------------------------------------------------


def test_actors_with_differing_ends_are_judged_per_row_and_together() -> None:
    rows = [_row(actor="CPP"), _row(end=(1995, 1, 5), actor="Government of Philippines")]
    results = schedule(rows)
    assert [r.comparison("effective").status for r in results] == [ON, LATE]
    [declared, effective] = by_ceasefire(results)
    assert effective.uniq_id == "840033" and effective.rows == (1, 2)
    assert effective.status is MIXED and effective.decided == 2
    assert "CPP: on_schedule (ordinal)" in effective.reason
    assert "Government of Philippines: late" in effective.reason
    assert declared.status is LATE  # both actors late from 21 Dec


def test_actors_on_schedule_under_different_conventions_are_mixed() -> None:
    rows = [_row(actor="A"), _row(end=(1995, 1, 2), actor="B")]
    effective = by_ceasefire(schedule(rows))[1]
    assert effective.status is MIXED and "no common convention" in effective.reason
    same = by_ceasefire(schedule([_row(actor="A"), _row(actor="B")]))[1]
    assert same.status is ON and same.agree == (Counting.ORDINAL,)


def test_an_undecided_actor_does_not_hide_the_decided_one() -> None:
    rows = [_row(actor="A"), _row(end=(-1, -1, -1), actor="B"), _row(uniq_id="1", actor="C")]
    cfs = by_ceasefire(schedule(rows))
    assert [(c.uniq_id, c.start_from) for c in cfs] == [
        ("840033", "declared"),
        ("840033", "effective"),
        ("1", "declared"),
        ("1", "effective"),
    ]
    assert cfs[1].status is ON and cfs[1].decided == 1
    assert "1 of 2 actor rows could not be decided" in cfs[1].reason
    s = summarize(schedule(rows))
    assert s.ceasefires["effective"]["on_schedule"] == 2


# -- table, CSV, frame ---------------------------------------------------------------------------


def test_records_csv_and_frame_agree(tmp_path: Path, sample_rows: list[RawRow]) -> None:
    records = schedule_records(sample_rows)
    assert len(records) == 40 and list(records[0]) == list(TABLE_COLUMNS)
    out = tmp_path / "schedule.csv"
    assert write_csv(sample_rows, out) == 40
    back = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert [r["status"] for r in back] == [r["status"] for r in records]
    assert back[1]["ordinal_end"] == "1995-01-01" and back[1]["agree"] == "ordinal"
    assert back[0]["ordinal_delta"] == "9" and back[2]["days"] == ""
    buffer = io.StringIO()
    write_csv(schedule(sample_rows), buffer)
    assert buffer.getvalue() == out.read_text(encoding="utf-8")
    df = schedule_frame(sample_rows)
    assert list(df.columns) == list(TABLE_COLUMNS) and len(df) == 40
    assert str(df["ordinal_delta"].dtype) == "Int64" and str(df["status"].dtype) == "category"
    assert Counter(df.loc[df["from"] == "effective", "status"]) == Counter(
        {"on_schedule": 5, "late": 1, "unknown": 14})  # fmt: skip
    assert df["ordinal_delta"].isna().sum() == 40 - 12  # 6 decided day-level rows x 2


def test_schedule_file_refuses_a_file_without_the_columns(tmp_path: Path) -> None:
    bad = tmp_path / "x.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"x.csv:header' must have the ETH/PRIO .* columns"):
        schedule_file(bad)
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + SAMPLE.read_bytes())
    assert schedule_file(bom) == schedule_file(SAMPLE)


# -- one reading of the rows: file, table, records, imported agreements, JSON Lines -----------


def test_every_form_of_the_rows_gives_the_same_results(tmp_path: Path) -> None:
    """The published CSV, its Table, the importer's typed records, the imported agreements
    (their origin rows) and the JSON Lines 'ceasefire-terms import ethprio' writes all give
    the same 20 results, numbered by the dataset's rows."""
    from ceasefire_terms.datasets import import_dataset

    expected = schedule_file(SAMPLE)
    assert [r.row for r in expected] == list(range(1, 21))
    imported = import_dataset("ethprio", SAMPLE)
    assert schedule(read_table(SAMPLE)) == expected
    assert schedule(imported.records) == expected
    assert schedule(imported.agreements) == expected
    jsonl = tmp_path / "cf.jsonl"
    res = runner.invoke(app, ["import", "ethprio", str(SAMPLE), "--out", str(jsonl)])
    assert res.exit_code == 0, res.output
    assert schedule_file(jsonl) == expected


def test_an_xlsx_of_the_sample_gives_the_same_results(tmp_path: Path) -> None:
    """The release is also distributed as a spreadsheet: numbers stored as numbers (3, not
    '3') read as the CSV's cells do, through the same reader."""
    openpyxl = pytest.importorskip("openpyxl")
    table = read_table(SAMPLE)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(list(table.header))
    for r in table.rows:
        ws.append([int(v) if v.lstrip("-").isdigit() else v for v in r.cells.values()])
    path = tmp_path / "cf.xlsx"
    wb.save(path)
    assert schedule_file(path) == schedule_file(SAMPLE)


def test_an_agreement_of_several_actor_rows_gives_one_result_per_row() -> None:
    from ceasefire_terms.datasets import import_dataset

    (liberia,) = import_dataset("ethprio", DATA / "ethprio_quirks.csv").agreements
    results = schedule([liberia])
    assert [(r.row, r.actor) for r in results] == [(1, "NPFL"), (2, "Government of Liberia")]
    assert str(results[1].end) == "1993-09"  # month precision kept from the import


def test_records_not_from_ethprio_and_unreadable_rows_are_reported_rows(tmp_path: Path) -> None:
    from ceasefire_terms import examples

    gaza = examples.load("gaza-2025")
    [r] = schedule([gaza])
    assert r.comparisons[0].status is UNKNOWN
    assert "'gaza-2025' holds no ETH/PRIO rows" in r.comparisons[0].reason
    # a JSON Lines file with a line that is not an agreement: reported, not dropped
    jsonl = tmp_path / "mixed.jsonl"
    runner.invoke(app, ["import", "ethprio", str(SAMPLE), "--out", str(jsonl)])
    lines = jsonl.read_text(encoding="utf-8").splitlines()
    jsonl.write_text("\n".join([lines[0], '{"id": "x"}', lines[1]]) + "\n", encoding="utf-8")
    results = schedule_file(jsonl)
    assert len(results) == 3
    assert "line 2 is not a valid agreement" in results[1].comparisons[0].reason
    # a CSV row the reader cannot split (a cell too few) is a row too
    table = read_table(SAMPLE)
    short = SAMPLE.read_text(encoding="utf-8").rstrip("\r\n") + "\r\n1,2\r\n"
    f = tmp_path / "short.csv"
    f.write_text(short, encoding="utf-8", newline="")
    results = schedule_file(f)
    assert len(results) == len(table.rows) + 1
    assert "row 21 cannot be read: must have" in results[-1].comparisons[1].reason


# -- the command ---------------------------------------------------------------------------------


def test_cli_table_prints_the_summary_and_the_rows() -> None:
    result = runner.invoke(app, ["schedule", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    assert "20 rows: coded end against scheduled end" in result.stdout
    assert "on schedule: ordinal" in result.stdout
    line = next(x for x in result.stdout.splitlines() if "840033" in x and "effective" in x)
    assert "1995-01-01" in line and "on_schedule" in line and "ordinal" in line
    assert "free text" in result.stdout


def test_cli_json_holds_the_summary_rows_and_ceasefires() -> None:
    result = runner.invoke(app, ["schedule", str(SAMPLE), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["summary"]["by_status"]["declared"]["late"] == 2
    assert doc["summary"]["on_schedule_by_convention"]["effective"]["ordinal"] == 5
    assert len(doc["rows"]) == 40 and len(doc["ceasefires"]) == 40
    cpp = [c for c in doc["ceasefires"] if c["uniq_id"] == "840033"]
    assert [c["status"] for c in cpp] == ["late", "on_schedule"]


def test_cli_csv_to_stdout_and_to_a_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["schedule", str(SAMPLE), "-f", "csv"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == ",".join(TABLE_COLUMNS)
    out = tmp_path / "t.csv"
    result = runner.invoke(app, ["schedule", str(SAMPLE), "-f", "csv", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "40 table rows (20 input rows x 2 start dates) written to" in result.stdout
    assert out.read_text(encoding="utf-8") == runner.invoke(
        app, ["schedule", str(SAMPLE), "-f", "csv"]).stdout  # fmt: skip


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.csv"], "must be an existing file"),
        ([str(SAMPLE), "--out", "x.csv"], "'--out' writes csv or json"),
        ([str(DATA / "pax_sample.csv")], "must have the ETH/PRIO Civil Conflict Ceasefire"),
    ],
)
def test_cli_errors_are_one_line_and_exit_2(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["schedule", *args])
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


def test_cli_bad_cells_are_rows_not_errors(tmp_path: Path) -> None:
    real = read_table(SAMPLE)
    base = real.rows[0].cells  # the real CPP row, 840033
    rows: list[dict[str, Any]] = [base, base | _row(end=(2015, 2, 30)),
                                  base | _row(fixed_time="soon")]  # fmt: skip
    f = tmp_path / "bad.csv"
    with f.open("w", encoding="utf-8", newline="") as h:
        w = csv.DictWriter(h, fieldnames=list(real.header))
        w.writeheader()
        w.writerows(rows)
    with f.open("a", encoding="utf-8") as h:
        h.write("1,2\n")  # a short line: a row the reader cannot split, reported
    result = runner.invoke(app, ["schedule", str(f), "-f", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["summary"]["rows"] == 4
    reasons = [r["reason"] for r in doc["rows"] if r["from"] == "effective"]
    assert reasons[0] is None
    assert "must be a day of 2015-02" in reasons[1] and "free text" in reasons[2]
    assert "row 4 cannot be read: must have 87 cells like the header (got 2)" in reasons[3]


def test_cli_takes_the_imported_json_lines(tmp_path: Path) -> None:
    jsonl = tmp_path / "cf.jsonl"
    res = runner.invoke(app, ["import", "ethprio", str(SAMPLE), "--out", str(jsonl)])
    assert res.exit_code == 0
    from_csv = runner.invoke(app, ["schedule", str(SAMPLE), "-f", "json"])
    from_jsonl = runner.invoke(app, ["schedule", str(jsonl), "-f", "json"])
    assert from_jsonl.exit_code == 0, from_jsonl.output
    a, b = json.loads(from_csv.stdout), json.loads(from_jsonl.stdout)
    assert a.pop("file") != b.pop("file") and a == b


def test_the_notebook_reads_the_bundled_sample() -> None:
    """examples/ethprio_schedule.ipynb is executed by tests/test_notebooks.py (with the other
    notebooks); it reads the sample through a path relative to examples/."""
    root = DATA.parent.parent.parent
    nb = json.loads((root / "examples" / "ethprio_schedule.ipynb").read_text("utf-8"))
    code = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert '"../tests/data/datasets/ethprio_cfd_sample.csv"' in code
    assert "schedule_frame" in code and "savefig" in code


def test_counting_order_is_the_documented_one() -> None:
    assert COUNTINGS == (Counting.ORDINAL, Counting.FOLLOWING, Counting.ELAPSED)


def test_cli_out_to_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "t.json"
    result = runner.invoke(app, ["schedule", str(SAMPLE), "-f", "json", "--out", str(target)])
    assert result.exit_code == 2 and "could not be written" in result.stderr
    assert not target.parent.exists()
