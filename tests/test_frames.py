"""pandas frames: timelines, provisions, reports, batches, and validating a frame of records.

Dtypes are checked explicitly (dates are zone-aware datetime64, text is the nullable string
dtype, closed vocabularies are categories, quantities are float64 lower/upper columns) and
values are checked against the resolved timeline they come from.
"""

from __future__ import annotations

import datetime as dt
import math
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import ceasefire_terms as ct
from ceasefire_terms.integrations.pandas import (
    agreements_frame,
    day_start,
    provisions_frame,
    report_frame,
    timeline_frame,
    timelines_frame,
    validate_frame,
)

pd = pytest.importorskip("pandas")

RECORDS = Path(__file__).resolve().parent.parent / "examples" / "records.jsonl"
JERUSALEM = ZoneInfo("Asia/Jerusalem")


def _tz_name(dtype: object) -> str:
    assert isinstance(dtype, pd.DatetimeTZDtype), dtype
    return str(dtype.tz)


@pytest.fixture(scope="module")
def records() -> pd.DataFrame:
    return pd.read_json(RECORDS, lines=True, dtype=False)


@pytest.fixture(scope="module")
def lebanon(records: pd.DataFrame) -> ct.Agreement:
    (agreement,) = [a for a in validate_frame(records).agreements if a.id == "lebanon-2024"]
    return agreement


# -- timeline ------------------------------------------------------------------------------------


def test_timeline_frame_dtypes(gaza: ct.Agreement) -> None:
    df = timeline_frame(gaza)
    for col in ("date", "at", "original_date"):
        assert _tz_name(df[col].dtype) == "Asia/Jerusalem"
        assert df[col].dtype.unit == "ns"
    for col in ("agreement", "id", "label", "phase", "rule"):
        assert isinstance(df[col].dtype, pd.StringDtype), col
    assert isinstance(df["kind"].dtype, pd.CategoricalDtype)
    assert set(df["kind"].cat.categories) == {k.value for k in ct.EventKind}
    assert set(df["counting"].cat.categories) == {c.value for c in ct.Counting}
    assert df["end_of_day"].dtype == bool


def test_timeline_frame_rows_match_the_timeline(gaza: ct.Agreement) -> None:
    t = gaza.timeline()
    df = timeline_frame(t)
    assert list(df["id"]) == [e.id for e in t.events]
    for row, e in zip(df.itertuples(index=False), t.events, strict=True):
        assert row.date.to_pydatetime() == day_start(e.date, JERUSALEM)
        assert row.date.date() == e.date
        if e.at is None:
            assert pd.isna(row.at)
        else:
            assert row.at.to_pydatetime() == e.at
        assert row.end_of_day is e.end_of_day
        assert row.rule == e.rule
        assert row.kind == e.kind.value


def test_timeline_frame_keeps_the_local_offset_across_dst(gaza: ct.Agreement) -> None:
    df = timeline_frame(gaza).set_index("id")
    end1 = df.loc["phase-1.end"]
    assert end1["date"].isoformat() == "2025-03-01T00:00:00+02:00"
    assert end1["end_of_day"] and pd.isna(end1["at"]) and end1["counting"] == "ordinal"
    # Israel moved to summer time on 28 March 2025: phase 2 ends under +03:00.
    assert df.loc["phase-2.end", "date"].isoformat() == "2025-04-12T00:00:00+03:00"
    assert df.loc["agreement.effective", "at"].isoformat() == "2025-01-19T11:15:00+02:00"


def test_timeline_frame_converts_to_another_zone(gaza: ct.Agreement) -> None:
    df = timeline_frame(gaza, zone="UTC").set_index("id")
    assert _tz_name(df["at"].dtype) == "UTC"
    assert df.loc["agreement.effective", "at"].isoformat() == "2025-01-19T09:15:00+00:00"
    with pytest.raises(ct.TimeZoneError):
        timeline_frame(gaza, zone="Mars/Olympus")


def test_day_start_takes_the_first_instant_of_the_local_day() -> None:
    havana = ZoneInfo("America/Havana")
    # 2 Nov 2025: clocks fall back from 01:00 to 00:00, so midnight occurs twice.
    overlap = day_start(dt.date(2025, 11, 2), havana)
    assert overlap.astimezone(dt.UTC) == dt.datetime(2025, 11, 2, 4, 0, tzinfo=dt.UTC)
    # 9 Mar 2025: clocks jump from 00:00 to 01:00, so the day starts at 01:00.
    gap = day_start(dt.date(2025, 3, 9), havana)
    assert (gap.hour, gap.minute) == (1, 0) and gap.date() == dt.date(2025, 3, 9)


# -- provisions and reports ----------------------------------------------------------------------


def test_provisions_frame_quantities_as_lower_and_upper(gaza: ct.Agreement) -> None:
    df = provisions_frame(gaza).set_index("id")
    assert df["quantity_low"].dtype == "float64" and df["quantity_high"].dtype == "float64"
    assert (df.loc["prisoners", "quantity_low"], df.loc["prisoners", "quantity_high"]) == (
        1805.0,
        1995.0,
    )
    assert df.loc["prisoners", "quantity_kind"] == "approximate"
    assert df.loc["prisoners", "quantity"] == "approximately 1,900"
    assert (df.loc["captives", "quantity_low"], df.loc["captives", "quantity_high"]) == (33, 33)
    assert df.loc["aid-trucks", "quantity_high"] == 600 and df.loc["aid-trucks", "per"] == "1 day"
    assert math.isnan(df.loc["phase-2-talks", "quantity_low"])
    assert df.loc["captives", "party"] == "hamas" and df.loc["aid-trucks", "party"] == "israel"


def test_provisions_frame_due_dates_come_from_the_timeline(gaza: ct.Agreement) -> None:
    df = provisions_frame(gaza).set_index("id")
    assert _tz_name(df["due"].dtype) == "Asia/Jerusalem"
    talks = gaza.timeline()["phase-2-talks"]
    assert df.loc["phase-2-talks", "due"].date() == talks.date == dt.date(2025, 2, 3)
    assert df.loc["phase-2-talks", "due_rule"] == talks.rule
    assert pd.isna(df.loc["captives", "due"])
    assert isinstance(df["type"].dtype, pd.CategoricalDtype)
    assert list(df.index) == [p.id for p in gaza.provisions]


def test_unbounded_quantity_has_an_infinite_upper_column() -> None:
    a = ct.parse_agreement(
        {
            "id": "x",
            "title": "X",
            "zone": "UTC",
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
    row = provisions_frame(a).iloc[0]
    assert row["quantity_low"] == 1001 and math.isinf(row["quantity_high"])


def test_report_frame_has_one_row_per_finding(gaza: ct.Agreement) -> None:
    report = ct.check(gaza)
    df = report_frame(report)
    assert len(df) == len(report.findings)
    assert list(df["code"]) == [f.code for f in report.findings]
    assert list(df["message"]) == [f.message for f in report.findings]
    assert isinstance(df["severity"].dtype, pd.CategoricalDtype)
    assert "ratio-total" in set(df["code"])


# -- batches -------------------------------------------------------------------------------------


def test_timelines_frame_stacks_agreements_in_one_zone(
    gaza: ct.Agreement, lebanon: ct.Agreement
) -> None:
    df = timelines_frame([gaza, lebanon])
    assert len(df) == len(gaza.timeline()) + len(lebanon.timeline())
    assert _tz_name(df["date"].dtype) == "UTC" and _tz_name(df["at"].dtype) == "UTC"
    assert str(df["local_date"].dtype) == "datetime64[ns]"
    by_id = df.set_index(["agreement", "id"])
    row = by_id.loc[("lebanon-2024", "withdrawal")]
    assert row["zone"] == "Asia/Beirut"
    # 60 x 24 h from 27 Nov 2024 04:00 Beirut (02:00 UTC): 26 Jan 2025 02:00 UTC.
    assert row["at"].isoformat() == "2025-01-26T02:00:00+00:00"
    assert row["local_date"] == pd.Timestamp("2025-01-26")
    assert by_id.loc[("gaza-2025", "phase-1.end"), "local_date"] == pd.Timestamp("2025-03-01")


def test_timelines_frame_of_nothing_has_the_columns() -> None:
    df = timelines_frame([])
    assert len(df) == 0 and {"agreement", "zone", "local_date", "date"} <= set(df.columns)


def test_agreements_frame_one_row_per_agreement(gaza: ct.Agreement, lebanon: ct.Agreement) -> None:
    df = agreements_frame([gaza, lebanon]).set_index("id")
    assert df.loc["gaza-2025", "phases"] == len(gaza.phases)
    assert df.loc["gaza-2025", "errors"] == 0
    assert df.loc["gaza-2025", "warnings"] == len(ct.check(gaza).warnings)
    assert df.loc["lebanon-2024", "zone"] == "Asia/Beirut"
    assert _tz_name(df["first_event"].dtype) == "UTC"
    assert df.loc["lebanon-2024", "first_event"].isoformat() == "2024-11-27T02:00:00+00:00"


# -- validating a frame of records ---------------------------------------------------------------


def test_validate_frame_accepts_and_rejects_every_row(records: pd.DataFrame) -> None:
    v = validate_frame(records)
    accepted = list(v.accepted.index)
    assert sorted(accepted + v.rejected_rows) == list(records.index)
    assert not set(accepted) & set(v.rejected_rows)
    assert list(v.accepted["id"]) == ["gaza-2025", "lebanon-2024", "black-sea-2022"]
    assert [a.id for a in v.agreements] == list(v.accepted["id"])
    rejected_ids = set(v.rejects["id"])
    assert rejected_ids == {"lebanon-naive", "mars-truce", "no-counting", "unknown-party", "typos"}


def test_validate_frame_rejects_name_path_expected_and_got(records: pd.DataFrame) -> None:
    rejects = validate_frame(records).rejects
    assert list(rejects.columns) == ["row", "id", "stage", "path", "expected", "got", "message"]
    by_id = dict(list(rejects.groupby("id")))
    zone = by_id["mars-truce"].iloc[0]
    assert (zone["stage"], zone["path"]) == ("parse", "zone")
    assert "Mars/Olympus" in zone["got"] and "IANA" in zone["expected"]
    assert set(by_id["typos"]["path"]) == {"phases[0].lenght", "provisions[0].quantity"}
    party = by_id["unknown-party"].iloc[0]
    assert (party["stage"], party["path"]) == ("check", "provisions[0].releasing")
    assert "hamaz" in party["message"]
    naive = by_id["lebanon-naive"].iloc[0]
    assert naive["path"] == "effective" and "zone" in naive["message"]


def test_validate_frame_warnings_and_strict(records: pd.DataFrame) -> None:
    v = validate_frame(records)
    (warning,) = v.warnings.itertuples(index=False)
    assert (warning.id, warning.code) == ("lebanon-2024", "boundary-unstated")
    assert v.accepted.loc[warning.row, "warnings"] == 1
    strict = validate_frame(records, strict=True)
    assert "lebanon-2024" not in set(strict.accepted["id"])
    row = strict.rejects[strict.rejects["id"] == "lebanon-2024"].iloc[0]
    assert row["stage"] == "strict" and row["path"] == "amendments[0].to"


def test_validate_frame_reads_cells_pandas_converted() -> None:
    """Missing cells mean absent fields; numpy scalars and Timestamps become plain values."""
    frame = pd.DataFrame(
        {
            "id": ["a", "b"],
            "title": ["A", "B"],
            "zone": ["UTC", "UTC"],
            "signed": [pd.Timestamp("2025-01-02"), None],
            "phases": [
                [
                    {
                        "id": "p",
                        "start": "agreement.signed",
                        "length": "3 days",
                        "counting": "ordinal",
                    }
                ],
                None,
            ],
            "written": pd.array([True, None], dtype="boolean"),
        },
        index=pd.Index([10, 20], name="line"),
    )
    v = validate_frame(frame)
    assert list(v.accepted.index) == [10, 20] and v.accepted.index.name == "line"
    first = v.agreements[0]
    assert first.timeline()["p.end"].date == dt.date(2025, 1, 4)
    assert first.written is True and v.agreements[1].written is None
    assert len(v.rejects) == 0


def test_frames_name_the_extra_when_pandas_is_missing(
    gaza: ct.Agreement, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"ceasefire-terms\[pandas\]"):
        timeline_frame(gaza)


def test_validate_frame_same_verdicts_without_the_pipeline_package(
    records: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The frame validator uses ceasefire_terms.pipeline when present; its fallback (parse,
    then check) gives the same verdicts."""
    with_pipeline = validate_frame(records, strict=True)
    monkeypatch.setitem(sys.modules, "ceasefire_terms.pipeline", None)
    fallback = validate_frame(records, strict=True)
    assert list(fallback.accepted["id"]) == list(with_pipeline.accepted["id"])
    cols = ["row", "id", "stage", "path"]
    assert fallback.rejects[cols].equals(with_pipeline.rejects[cols])
