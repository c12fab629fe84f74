"""Published dates on batches and on obligations with a due date: kept with their sources,
compared with the computed day, and reported when they differ, as for deadlines."""

from __future__ import annotations

from typing import Any

import pytest

import ceasefire_terms as ct
from ceasefire_terms.conformance import conformance_rows


def record(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "t",
        "title": "Test",
        "zone": "Asia/Jerusalem",
        "effective": "2025-01-19 11:15 Asia/Jerusalem",
        "parties": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
        "sources": [{"id": "s1", "publisher": "Outlet"}],
        "phases": [
            {"id": "p1", "start": "agreement.effective", "length": "42 days", "counting": "ordinal"}
        ],
        "provisions": [
            {
                "type": "exchange",
                "id": "x",
                "phase": "p1",
                "releasing": "a",
                "released": "captives",
                "quantity": 7,
                "batches": [
                    {"due": {"day": 1, "of": "p1"}, "quantity": 3},
                    {
                        "due": {"day": 7, "of": "p1"},
                        "quantity": 4,
                        "reported": [{"date": "2025-01-25", "sources": ["s1"]}],
                    },
                ],
            },
            {
                "type": "obligation",
                "id": "withdraw",
                "phase": "p1",
                "party": "b",
                "action": "withdraw from the corridor",
                "due": {"day": 22, "of": "p1"},
                "reported": [{"date": "2025-02-09", "sources": ["s1"]}],
            },
        ],
    }
    base.update(changes)
    return base


def test_agreeing_dates_are_kept_on_their_events_and_raise_nothing() -> None:
    a = ct.parse_agreement(record())
    t = a.timeline()
    assert [r.date for r in t["x.batch2"].reported] == [ct.Moment.parse("2025-01-25")]
    assert [r.date for r in t["withdraw"].reported] == [ct.Moment.parse("2025-02-09")]
    assert t["x.batch1"].reported == ()
    assert not ct.check(a).findings
    rows = {r.event: r for r in conformance_rows(a)}
    assert set(rows) == {"x.batch2", "withdraw"}
    assert all(r.status.value == "agrees" for r in rows.values())


def test_a_batch_date_that_differs_is_a_warning_on_the_batch() -> None:
    data = record()
    data["provisions"][0]["batches"][1]["reported"][0]["date"] = "2025-01-26"
    report = ct.check(ct.parse_agreement(data))
    (finding,) = report.findings
    assert finding.code == "reported-differs"
    assert finding.path == "x.batch2"
    assert "2025-01-25" in finding.message and "2025-01-26" in finding.message


def test_an_obligation_date_that_differs_is_a_warning_on_the_obligation() -> None:
    data = record()
    data["provisions"][1]["reported"][0]["date"] = "2025-02-10"
    (finding,) = ct.check(ct.parse_agreement(data)).findings
    assert (finding.code, finding.path) == ("reported-differs", "withdraw")


def test_reported_needs_a_due_date_on_an_obligation() -> None:
    data = record()
    del data["provisions"][1]["due"]
    with pytest.raises(ct.RecordError) as info:
        ct.parse_agreement(data)
    assert "'reported' dates are compared with the obligation's 'due'" in str(info.value)


@pytest.mark.parametrize(
    ("where", "path"),
    [
        (
            lambda d: d["provisions"][0]["batches"][1],
            "provisions[0].batches[1].reported[0].sources[0]",
        ),
        (lambda d: d["provisions"][1], "provisions[1].reported[0].sources[0]"),
    ],
)
def test_an_unknown_source_on_a_reported_date_is_an_error(where: Any, path: str) -> None:
    data = record()
    where(data)["reported"][0]["sources"] = ["nobody"]
    report = ct.check(ct.parse_agreement(data))
    assert [f.path for f in report.errors] == [path]
    assert "nobody" in report.errors[0].message or report.errors[0].got == "nobody"


def test_an_amended_obligation_is_compared_as_first_agreed() -> None:
    # the withdrawal is postponed by 5 days; the published 9 February is about the original
    data = record(amendments=[{"id": "later", "target": "withdraw", "by": "5 days"}])
    a = ct.parse_agreement(data)
    assert a.timeline()["withdraw"].reported == ()  # the moved event carries no reading
    rows = [r for r in conformance_rows(a) if r.event == "withdraw"]
    assert [r.status.value for r in rows] == ["agrees"]
    assert not [f for f in ct.check(a).findings if f.code.startswith("reported")]
    # a reading that differs from the original date is reported "as first agreed"
    data["provisions"][1]["reported"][0]["date"] = "2025-02-14"
    findings = ct.check(ct.parse_agreement(data)).findings
    assert [f.path for f in findings if f.code == "reported-differs"] == [
        "withdraw (as first agreed)"
    ]


def test_round_trip_keeps_the_readings() -> None:
    a = ct.parse_agreement(record())
    again = ct.Agreement.model_validate_json(a.model_dump_json())
    assert again == a


def test_a_batch_cites_its_own_sources_and_they_are_checked() -> None:
    data = record()
    data["provisions"][0]["batches"][0]["sources"] = ["s1"]
    a = ct.parse_agreement(data)
    assert a.provisions[0].batches[0].sources == ("s1",)  # type: ignore[union-attr]
    assert not ct.check(a).findings
    data["provisions"][0]["batches"][0]["sources"] = ["nobody"]
    report = ct.check(ct.parse_agreement(data))
    assert [f.path for f in report.errors] == ["provisions[0].batches[0].sources[0]"]


def test_an_amendments_published_end_cites_known_sources() -> None:
    data = record(
        amendments=[
            {
                "id": "ext",
                "target": "p1",
                "by": "5 days",
                "reported_end": [{"date": "2025-03-06", "sources": ["s1"]}],
            }
        ]
    )
    assert not ct.check(ct.parse_agreement(data)).errors
    data["amendments"][0]["reported_end"][0]["sources"] = ["nobody"]
    report = ct.check(ct.parse_agreement(data))
    assert [f.path for f in report.errors] == ["amendments[0].reported_end[0].sources[0]"]
