"""Polars frames: the pandas frames' columns and values, with explicit Polars dtypes.

Every Polars frame is compared cell by cell with the pandas frame built from the same
agreement (instants as aware datetimes with their UTC offset, NaN/None/NaT/null as missing),
for every bundled agreement; the dtypes are asserted one by one; and the module works (and
fails helpfully) without Polars installed.
"""

from __future__ import annotations

import datetime as dt
import math
import subprocess
import sys
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import ceasefire_terms as ct
from ceasefire_terms.dates.arithmetic import start_of_day
from ceasefire_terms.examples import load, names
from ceasefire_terms.integrations import pandas as pd_frames
from ceasefire_terms.integrations import polars as pl_frames

pl = pytest.importorskip("polars")
pd = pytest.importorskip("pandas")

JERUSALEM = ZoneInfo("Asia/Jerusalem")
EMPTY = {"id": "empty", "title": "Empty", "zone": "UTC"}


# -- comparing a Polars frame with a pandas frame ------------------------------------------------


def _cell(value: Any) -> Any:
    """A cell of either library as plain comparable data; every kind of missing is None."""
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        if value.tzinfo is None:  # pandas' local_date: a calendar date held as midnight
            assert value == value.normalize(), value
            return value.date()
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        assert value.tzinfo is not None, f"naive instant {value!r}"
        # The same instant shown under the same offset (so the same zone conversion).
        return (value.astimezone(dt.UTC), value.utcoffset())
    item = getattr(value, "item", None)  # numpy scalars
    return item() if callable(item) else value


def assert_same_frame(polars_frame: Any, pandas_frame: Any) -> None:
    assert isinstance(polars_frame, pl.DataFrame)
    assert polars_frame.columns == list(pandas_frame.columns)
    assert polars_frame.height == len(pandas_frame)
    for name in polars_frame.columns:
        got = [_cell(v) for v in polars_frame[name].to_list()]
        expected = [_cell(v) for v in pandas_frame[name].tolist()]
        assert got == expected, name
        pandas_dtype = pandas_frame[name].dtype
        if isinstance(pandas_dtype, pd.CategoricalDtype):
            enum = polars_frame.schema[name]
            assert isinstance(enum, pl.Enum), name
            assert enum.categories.to_list() == list(pandas_dtype.categories), name


# -- the dtypes each frame must have -------------------------------------------------------------


def _instant(zone: str) -> Any:
    return pl.Datetime("us", time_zone=zone)


def _enum(values: Any) -> Any:
    return pl.Enum([v.value for v in values])


def timeline_schema(zone: str) -> dict[str, Any]:
    return {
        "agreement": pl.String,
        "id": pl.String,
        "label": pl.String,
        "kind": _enum(ct.EventKind),
        "date": _instant(zone),
        "at": _instant(zone),
        "end_of_day": pl.Boolean,
        "counting": _enum(ct.Counting),
        "phase": pl.String,
        "rule": pl.String,
        "original_date": _instant(zone),
    }


def timelines_schema(zone: str) -> dict[str, Any]:
    one = list(timeline_schema(zone).items())
    return dict([*one[:1], ("zone", pl.String), *one[1:5], ("local_date", pl.Date), *one[5:]])


def provisions_schema(zone: str) -> dict[str, Any]:
    return {
        "agreement": pl.String,
        "id": pl.String,
        "type": pl.Enum(["exchange", "obligation", "deadline"]),
        "phase": pl.String,
        "party": pl.String,
        "subject": pl.String,
        "quantity": pl.String,
        "quantity_kind": _enum(ct.QuantityKind),
        "quantity_low": pl.Float64,
        "quantity_high": pl.Float64,
        "per": pl.String,
        "due": _instant(zone),
        "due_rule": pl.String,
        "status": _enum(ct.ObligationStatus),
        "sources": pl.Int64,
        "description": pl.String,
    }


REPORT_SCHEMA = {
    "agreement": pl.String,
    "severity": _enum(ct.Severity),
    "code": pl.String,
    "path": pl.String,
    "expected": pl.String,
    "got": pl.String,
    "hint": pl.String,
    "message": pl.String,
}

AGREEMENTS_SCHEMA = {
    "id": pl.String,
    "title": pl.String,
    "zone": pl.String,
    "parties": pl.Int64,
    "phases": pl.Int64,
    "provisions": pl.Int64,
    "amendments": pl.Int64,
    "first_event": _instant("UTC"),
    "last_event": _instant("UTC"),
    "errors": pl.Int64,
    "warnings": pl.Int64,
}


def assert_schema(frame: Any, expected: dict[str, Any]) -> None:
    # Order matters as well as dtypes: compare as lists of pairs.
    assert list(frame.schema.items()) == list(expected.items())


# -- every bundled agreement ---------------------------------------------------------------------


@pytest.mark.parametrize("name", names())
def test_timeline_frame_matches_pandas(name: str) -> None:
    a = load(name)
    for zone in (None, "UTC", "America/New_York"):
        frame = pl_frames.timeline_frame(a, zone=zone)
        assert_same_frame(frame, pd_frames.timeline_frame(a, zone=zone))
        assert_schema(frame, timeline_schema(zone or a.zone))
        assert frame.height == len(a.timeline())


@pytest.mark.parametrize("name", names())
def test_provisions_frame_matches_pandas(name: str) -> None:
    a = load(name)
    frame = pl_frames.provisions_frame(a)
    assert_same_frame(frame, pd_frames.provisions_frame(a))
    assert_schema(frame, provisions_schema(a.zone))
    assert frame["id"].to_list() == [p.id for p in a.provisions]


@pytest.mark.parametrize("name", names())
def test_report_frame_matches_pandas(name: str) -> None:
    report = ct.check(load(name))
    frame = pl_frames.report_frame(report)
    assert_same_frame(frame, pd_frames.report_frame(report))
    assert_schema(frame, REPORT_SCHEMA)
    assert frame["code"].to_list() == [f.code for f in report.findings]


@pytest.mark.parametrize("zone", ["UTC", "Asia/Tokyo"])
def test_timelines_frame_matches_pandas(zone: str) -> None:
    agreements = [load(n) for n in names()]
    frame = pl_frames.timelines_frame(agreements, zone=zone)
    assert_same_frame(frame, pd_frames.timelines_frame(agreements, zone=zone))
    assert_schema(frame, timelines_schema(zone))
    assert frame.height == sum(len(a.timeline()) for a in agreements)
    assert frame["agreement"].unique(maintain_order=True).to_list() == [a.id for a in agreements]


def test_agreements_frame_matches_pandas() -> None:
    agreements = [load(n) for n in names()]
    frame = pl_frames.agreements_frame(agreements)
    assert_same_frame(frame, pd_frames.agreements_frame(agreements))
    assert_schema(frame, AGREEMENTS_SCHEMA)
    assert frame["id"].to_list() == list(names())


def test_the_comparison_notices_a_different_zone() -> None:
    """The parity check is not vacuous: the same instants under another offset differ."""
    a = load("gaza-2025")
    with pytest.raises(AssertionError, match="date"):
        assert_same_frame(pl_frames.timeline_frame(a, zone="UTC"), pd_frames.timeline_frame(a))


# -- values, against the model itself ------------------------------------------------------------


def test_timeline_frame_rows_come_from_the_timeline(gaza: ct.Agreement) -> None:
    t = gaza.timeline()
    rows = pl_frames.timeline_frame(t).rows(named=True)
    assert [r["id"] for r in rows] == [e.id for e in t.events]
    for row, e in zip(rows, t.events, strict=True):
        assert row["date"] == start_of_day(e.date, JERUSALEM)
        assert row["date"].date() == e.date
        assert row["at"] == e.at
        assert row["kind"] == e.kind.value and row["end_of_day"] is e.end_of_day
        assert row["rule"] == e.rule


def test_day_level_dates_keep_the_local_offset_across_dst(gaza: ct.Agreement) -> None:
    frame = pl_frames.timeline_frame(gaza)
    by_id = {r["id"]: r for r in frame.rows(named=True)}
    end1 = by_id["phase-1.end"]
    assert end1["date"].isoformat() == "2025-03-01T00:00:00+02:00"
    assert end1["end_of_day"] is True and end1["at"] is None and end1["counting"] == "ordinal"
    # Israel moved to summer time on 28 March 2025: phase 2 ends under +03:00.
    assert by_id["phase-2.end"]["date"].isoformat() == "2025-04-12T00:00:00+03:00"
    assert by_id["agreement.effective"]["at"].isoformat() == "2025-01-19T11:15:00+02:00"


def test_zone_argument_converts_the_instant_columns(gaza: ct.Agreement) -> None:
    frame = pl_frames.timeline_frame(gaza, zone="UTC")
    assert frame.schema["at"] == pl.Datetime("us", time_zone="UTC")
    by_id = {r["id"]: r for r in frame.rows(named=True)}
    assert by_id["agreement.effective"]["at"].isoformat() == "2025-01-19T09:15:00+00:00"
    assert by_id["phase-1.end"]["date"].isoformat() == "2025-02-28T22:00:00+00:00"
    with pytest.raises(ct.TimeZoneError):
        pl_frames.timeline_frame(gaza, zone="Mars/Olympus")
    with pytest.raises(ct.TimeZoneError):
        pl_frames.timelines_frame([gaza], zone="Mars/Olympus")


def test_timelines_frame_keeps_each_zone_and_local_date() -> None:
    frame = pl_frames.timelines_frame([load("gaza-2025"), load("lebanon-2024")])
    rows = {(r["agreement"], r["id"]): r for r in frame.rows(named=True)}
    effective = rows[("lebanon-2024", "agreement.effective")]
    assert effective["zone"] == "Asia/Beirut"
    # 27 Nov 2024 04:00 in Beirut (+02:00) is 02:00 UTC.
    assert effective["at"].isoformat() == "2024-11-27T02:00:00+00:00"
    assert effective["local_date"] == dt.date(2024, 11, 27)
    # A day-level event: its day starts on the previous UTC day, but local_date keeps it.
    announced = rows[("lebanon-2024", "agreement.announced")]
    assert announced["date"].isoformat() == "2024-11-25T22:00:00+00:00"
    assert announced["local_date"] == dt.date(2024, 11, 26)
    assert rows[("gaza-2025", "phase-1.end")]["local_date"] == dt.date(2025, 3, 1)


def test_provisions_frame_quantities_and_due_dates(gaza: ct.Agreement) -> None:
    frame = pl_frames.provisions_frame(gaza)
    by_id = {r["id"]: r for r in frame.rows(named=True)}
    prisoners = by_id["prisoners"]
    assert (prisoners["quantity_low"], prisoners["quantity_high"]) == (1805.0, 1995.0)
    assert prisoners["quantity_kind"] == "approximate"
    assert prisoners["quantity"] == "approximately 1,900"
    assert by_id["aid-trucks"]["quantity_high"] == 600 and by_id["aid-trucks"]["per"] == "1 day"
    # No figure: null in Polars (not NaN, which pandas has to use for float64).
    talks = by_id["phase-2-talks"]
    assert talks["quantity_low"] is None and talks["quantity_high"] is None
    assert frame["quantity_low"].is_nan().sum() == 0
    assert talks["due"].date() == gaza.timeline()["phase-2-talks"].date == dt.date(2025, 2, 3)
    assert talks["due_rule"] == gaza.timeline()["phase-2-talks"].rule
    assert by_id["captives"]["due"] is None


def test_unbounded_quantity_has_an_infinite_upper_bound() -> None:
    a = ct.parse_agreement(
        {
            **EMPTY,
            "parties": [{"id": "a", "name": "A"}],
            "provisions": [
                {
                    "type": "exchange",
                    "id": "e",
                    "releasing": "a",
                    "released": "detainees",
                    "quantity": "more than 1,000",
                }
            ],
        }
    )
    (row,) = pl_frames.provisions_frame(a).rows(named=True)
    assert row["quantity_low"] == 1001 and math.isinf(row["quantity_high"])
    assert row["type"] == "exchange" and row["status"] is None


def test_agreements_frame_counts(gaza: ct.Agreement) -> None:
    (row,) = pl_frames.agreements_frame([gaza]).rows(named=True)
    assert row["phases"] == len(gaza.phases) and row["provisions"] == len(gaza.provisions)
    assert row["errors"] == 0 and row["warnings"] == len(ct.check(gaza).warnings)
    first = gaza.timeline().events[0]
    assert row["first_event"] == (first.at or start_of_day(first.date, JERUSALEM))


# -- empty inputs --------------------------------------------------------------------------------


EmptyCase = tuple[Callable[[], Any], Callable[[], Any], dict[str, Any]]


def _empty_cases() -> dict[str, EmptyCase]:
    empty = ct.parse_agreement(EMPTY)
    timeline = ct.Timeline(agreement="none", zone="Asia/Baku", amended=False, events=())
    return {
        "timeline": (
            lambda: pl_frames.timeline_frame(timeline),
            lambda: pd_frames.timeline_frame(timeline),
            timeline_schema("Asia/Baku"),
        ),
        "timelines": (
            lambda: pl_frames.timelines_frame([], zone="Asia/Tokyo"),
            lambda: pd_frames.timelines_frame([], zone="Asia/Tokyo"),
            timelines_schema("Asia/Tokyo"),
        ),
        "provisions": (
            lambda: pl_frames.provisions_frame(empty),
            lambda: pd_frames.provisions_frame(empty),
            provisions_schema("UTC"),
        ),
        "report": (
            lambda: pl_frames.report_frame(ct.check(empty)),
            lambda: pd_frames.report_frame(ct.check(empty)),
            REPORT_SCHEMA,
        ),
        "agreements": (
            lambda: pl_frames.agreements_frame([]),
            lambda: pd_frames.agreements_frame([]),
            AGREEMENTS_SCHEMA,
        ),
    }


@pytest.mark.parametrize("case", list(_empty_cases()))
def test_empty_input_gives_an_empty_frame_with_the_schema(case: str) -> None:
    polars_build, pandas_build, schema = _empty_cases()[case]
    frame = polars_build()
    assert frame.height == 0
    assert_schema(frame, schema)
    assert_same_frame(frame, pandas_build())


def test_timelines_frame_accepts_a_generator() -> None:
    agreements = [load("gaza-2025"), load("karabakh-2020")]
    frame = pl_frames.timelines_frame(a for a in agreements)
    assert frame.height == sum(len(a.timeline()) for a in agreements)


# -- without Polars ------------------------------------------------------------------------------

BUILDERS: dict[str, Callable[[], Any]] = {
    "timeline_frame": lambda: pl_frames.timeline_frame(load("gaza-2025")),
    "timelines_frame": lambda: pl_frames.timelines_frame([]),
    "provisions_frame": lambda: pl_frames.provisions_frame(load("gaza-2025")),
    "report_frame": lambda: pl_frames.report_frame(ct.check(load("gaza-2025"))),
    "agreements_frame": lambda: pl_frames.agreements_frame([]),
}


def test_builders_cover_the_public_functions() -> None:
    assert sorted(BUILDERS) == sorted(pl_frames.__all__)


@pytest.mark.parametrize("function", list(BUILDERS))
def test_every_function_names_the_extra_when_polars_is_missing(
    function: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "polars", None)
    with pytest.raises(ImportError, match=r'pip install "ceasefire-terms\[polars\]"'):
        BUILDERS[function]()


def test_importing_works_without_polars_and_the_core_never_imports_it() -> None:
    code = (
        "import sys\n"
        "import ceasefire_terms\n"
        "assert 'polars' not in sys.modules, 'the core imported polars'\n"
        "assert 'ceasefire_terms.integrations.polars' not in sys.modules\n"
        "sys.modules['polars'] = None  # as if it were not installed\n"
        "from ceasefire_terms.integrations import polars as frames\n"
        "try:\n"
        "    frames.agreements_frame([])\n"
        "except ImportError as exc:\n"
        "    print(exc)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert 'pip install "ceasefire-terms[polars]"' in out.stdout
    assert "'polars'" in out.stdout
