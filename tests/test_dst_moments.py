"""A stated moment whose local time a DST change skips or repeats: refused unless the moment
says how to read it (``dst: earlier | later``), and then read that way, with the trace saying
so. Asia/Jerusalem, 2025 : clocks jump 02:00 -> 03:00 on 28 March and fall back
02:00 -> 01:00 on 26 October."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import ceasefire_terms as ct
from ceasefire_terms.schema import record_schema

GAP = {"date": "2025-03-28", "time": "02:30", "zone": "Asia/Jerusalem"}
OVERLAP = {"date": "2025-10-26", "time": "01:30", "zone": "Asia/Jerusalem"}


def agreement(effective: Any, length: str = "3 days", counting: str = "elapsed") -> ct.Agreement:
    return ct.parse_agreement(
        {
            "id": "t",
            "title": "Test",
            "zone": "Asia/Jerusalem",
            "effective": effective,
            "phases": [
                {"id": "p", "start": "agreement.effective", "length": length, "counting": counting}
            ],
        }
    )


def test_a_time_in_a_gap_is_refused_by_default_with_the_fix_named() -> None:
    a = agreement(GAP)
    with pytest.raises(ct.NonexistentTimeError) as info:
        a.timeline()
    text = str(info.value)
    assert "2025-03-28T02:30:00 in Asia/Jerusalem does not exist (a DST gap)" in text
    assert "dst: earlier | later" in text  # the hint names the fix
    assert "'effective'" in text  # and where: the record's field
    # and check() reports it against the moment's field instead of raising
    report = ct.check(a)
    assert report.errors
    assert any("effective" in f.path and "DST gap" in f.message for f in report.errors)


@pytest.mark.parametrize(
    ("moment", "policy", "instant"),
    [
        (GAP, "earlier", "2025-03-28T01:30:00+02:00"),  # read with the offset after the change
        (GAP, "later", "2025-03-28T03:30:00+03:00"),  # read with the offset before it
        (OVERLAP, "earlier", "2025-10-26T01:30:00+03:00"),  # the first 01:30 (summer time)
        (OVERLAP, "later", "2025-10-26T01:30:00+02:00"),  # the second 01:30 (winter time)
    ],
)
def test_a_stated_policy_picks_the_reading(
    moment: dict[str, str], policy: str, instant: str
) -> None:
    a = agreement({**moment, "dst": policy})
    start = a.timeline()["p.start"]
    assert start.at is not None
    assert start.at.isoformat() == instant
    # elapsed counting: the phase ends exactly 72 hours later (compared in UTC: Python
    # subtracts two datetimes of the same zone object by their wall clocks)
    end = a.timeline()["p.end"]
    assert end.at is not None
    assert end.at.astimezone(dt.UTC) - start.at.astimezone(dt.UTC) == dt.timedelta(hours=72)
    # the trace says what was done, so nothing is guessed silently
    stated = a.timeline()["agreement.effective"].rule
    assert f"read as the {policy} instant, {instant}" in stated
    assert ("DST gap" if moment is GAP else "DST overlap") in stated
    assert not ct.check(a).findings


def test_an_overlap_is_refused_by_default_too() -> None:
    with pytest.raises(ct.NonexistentTimeError, match="occurs twice"):
        agreement(OVERLAP).timeline()


def test_the_policy_changes_nothing_where_there_is_no_change() -> None:
    plain = {"date": "2025-01-19", "time": "11:15", "zone": "Asia/Jerusalem"}
    a, b = agreement(plain), agreement({**plain, "dst": "later"})
    assert a.timeline()["p.end"].at == b.timeline()["p.end"].at
    assert "DST" not in b.timeline()["agreement.effective"].rule


def test_ordinal_days_follow_the_reading() -> None:
    # 'earlier' in the gap stays on 28 March; day 1 of an ordinal 3-day phase is 28 March
    a = agreement({**GAP, "dst": "earlier"}, counting="ordinal")
    assert a.timeline()["p.end"].date == dt.date(2025, 3, 30)


def test_a_moment_in_another_zone_is_read_in_its_own_zone() -> None:
    # 02:30 in Jerusalem's gap, stated for an agreement kept in UTC
    a = ct.parse_agreement(
        {
            "id": "t",
            "title": "Test",
            "zone": "UTC",
            "effective": {**GAP, "dst": "later"},
        }
    )
    at = a.timeline()["agreement.effective"].at
    assert at is not None
    assert at == dt.datetime(2025, 3, 28, 0, 30, tzinfo=dt.UTC)
    assert at.utcoffset() == dt.timedelta(0)  # shown in the agreement's zone


@pytest.mark.parametrize(
    "bad",
    [
        {"date": "2025-03-28", "dst": "later"},
        {"at": "2025-03-28T02:30+02:00", "dst": "earlier"},
        {"date": "2025-03", "dst": "later"},
    ],
)
def test_dst_only_with_a_local_time(bad: dict[str, str]) -> None:
    with pytest.raises(ct.RecordError) as info:
        agreement(bad)
    assert "applies only to a local date and time" in str(info.value)


def test_an_unknown_policy_is_refused_naming_the_choices() -> None:
    with pytest.raises(ct.RecordError) as info:
        agreement({**GAP, "dst": "nearest"})
    text = str(info.value)
    assert "effective" in text and "nearest" in text
    assert "earlier" in text and "later" in text


@pytest.mark.parametrize("policy", ["earlier", "later"])
def test_round_trips_as_a_mapping(policy: str) -> None:
    a = agreement({**GAP, "dst": policy})
    data = a.model_dump(mode="json", exclude_defaults=True)
    assert data["effective"] == {**GAP, "dst": policy}
    again = ct.parse_agreement(data)
    assert again == a
    assert again.timeline()["p.start"].at == a.timeline()["p.start"].at
    # and through JSON text
    assert ct.Agreement.model_validate_json(a.model_dump_json()) == a


def test_without_a_policy_the_moment_stays_text() -> None:
    a = agreement("2025-01-19 11:15 Asia/Jerusalem")
    assert a.model_dump(mode="json")["effective"] == "2025-01-19 11:15 Asia/Jerusalem"
    assert repr(a.effective) == "Moment('2025-01-19 11:15 Asia/Jerusalem')"


def test_the_json_schema_accepts_the_policy() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = record_schema()
    data = agreement({**GAP, "dst": "later"}).model_dump(mode="json", exclude_defaults=True)
    jsonschema.validate(data, schema)
    bad = {**data, "effective": {**GAP, "dst": "nearest"}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_a_reported_time_in_a_gap_is_compared_only_when_its_reading_is_stated() -> None:
    from ceasefire_terms.validation.checks import Match, compare_reported

    a = agreement({**GAP, "dst": "later"})
    start = a.timeline()["agreement.effective"]
    # the same wall time, published without a policy: which instant it names is unknown
    assert compare_reported(start, ct.Moment.parse(GAP), a.zone) is Match.NOT_COMPARABLE
    later = ct.Moment.parse({**GAP, "dst": "later"})
    earlier = ct.Moment.parse({**GAP, "dst": "earlier"})
    assert compare_reported(start, later, a.zone) is Match.SAME_INSTANT
    assert compare_reported(start, earlier, a.zone) is Match.DIFFERS
