"""``status``: what it could not place, moments with a time of day, automatic renewals (issue
#13, item 20)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import ceasefire_terms as ct
from ceasefire_terms.cli.app import app

runner = CliRunner()


def agreement(**fields: Any) -> ct.Agreement:
    base: dict[str, Any] = {"id": "t", "title": "Test", "zone": "Asia/Jerusalem"}
    base.update(fields)
    return ct.parse_agreement(base)


def month_precision() -> ct.Agreement:
    """A phase that starts on a known day and ends 30 days after an event known only to the
    month: its end cannot be dated, and a second phase cannot even start."""
    return agreement(
        signed="2025-02",
        phases=[
            {"id": "p1", "start": "2025-01-19", "end": {"anchor": "agreement.signed",
                                                      "after": "30 days"},
             "counting": "ordinal"},
            {"id": "p2", "start": "agreement.signed", "length": "10 days",
             "counting": "ordinal"},
        ],
    )


def test_a_phase_whose_end_cannot_be_dated_is_undetermined_not_absent() -> None:
    st = month_precision().status_on("2025-02-10")
    assert st.active == ()
    assert [u.phase for u in st.undetermined] == ["p1"]
    assert st.undetermined[0].day == 23 and st.undetermined[0].ends is None
    assert "month" in (st.undetermined[0].end_rule or "")
    assert {u.id for u in st.unresolved} >= {"agreement.signed", "p1.end", "p2.start"}
    assert not st.complete


def test_a_fully_dated_agreement_with_nothing_active_says_so_plainly() -> None:
    a = agreement(phases=[{"id": "p", "start": "2025-01-19", "length": "3 days",
                           "counting": "ordinal"}])
    st = a.status_on("2025-03-01")
    assert st.active == () and st.complete


def test_cli_status_lists_what_could_not_be_dated(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps(month_precision().model_dump(mode="json")))
    result = runner.invoke(app, ["status", str(path), "--on", "2025-02-10"])
    assert result.exit_code == 0, result.output
    assert "No phase is known to be active." in result.stdout
    assert "No phase is active." not in result.stdout
    assert "Unknown: p1 began (day 23)" in result.stdout
    assert "p2.start:" in result.stdout
    data = json.loads(
        runner.invoke(app, ["status", str(path), "--on", "2025-02-10", "-f", "json"]).stdout
    )
    assert [u["phase"] for u in data["undetermined"]] == ["p1"]
    assert "p2.start" in [u["id"] for u in data["unresolved"]]


# -- moments -----------------------------------------------------------------------------------


def lebanon() -> ct.Agreement:
    return agreement(
        zone="Asia/Beirut",
        effective="2024-11-27 04:00 Asia/Beirut",
        phases=[{"id": "w", "start": "agreement.effective", "length": "60 days",
                 "counting": "elapsed"}],
    )


@pytest.mark.parametrize(
    ("on", "active"),
    [
        ("2025-01-26 03:59 Asia/Beirut", True),
        ("2025-01-26 04:00 Asia/Beirut", False),
        ("2025-01-26T01:59+00:00", True),
        ("2025-01-26T02:00Z", False),
        ("2025-01-26", True),  # a date: the whole day counts
    ],
)
def test_status_takes_a_time_of_day_as_a_moment_string(on: str, active: bool) -> None:
    st = lebanon().status_on(on)
    assert bool(st.active) is active
    assert st.on == dt.date(2025, 1, 26)
    assert (st.at is None) is (on == "2025-01-26")


def test_a_moment_in_another_zone_is_read_in_the_agreement_zone() -> None:
    st = lebanon().status_on("2025-01-26 00:30 UTC")  # 02:30 in Beirut
    assert st.at is not None and st.at.isoformat() == "2025-01-26T02:30:00+02:00"
    assert st.active


@pytest.mark.parametrize(
    ("on", "error", "text"),
    [
        ("2025-01-26 04:00", ct.TimeZoneError, "'on' must be a date YYYY-MM-DD"),
        ("2025-01", ct.UnresolvableError, "known only to the month"),
        ("tomorrow", ct.ParseError, "'on' must be a date YYYY-MM-DD"),
        ("2025-03-28 02:30 Asia/Jerusalem", ct.NonexistentTimeError, "DST gap"),
        ("2025-01-26 Europe/Paris", ct.ParseError, "agreement's zone"),
    ],
)
def test_bad_status_moments_are_refused_with_the_field(
    on: str, error: type[Exception], text: str
) -> None:
    with pytest.raises(error) as info:
        lebanon().status_on(on)
    assert text in str(info.value)
    assert getattr(info.value, "path", None) == "on"


def test_cli_status_takes_a_moment(tmp_path: Path) -> None:
    path = tmp_path / "l.json"
    path.write_text(json.dumps(lebanon().model_dump(mode="json")))
    before = runner.invoke(app, ["status", str(path), "--on", "2025-01-26 03:59 Asia/Beirut"])
    after = runner.invoke(app, ["status", str(path), "--on", "2025-01-26 04:00 Asia/Beirut"])
    assert before.exit_code == after.exit_code == 0
    assert "Active: w" in before.stdout and "2025-01-26T03:59+02:00" in before.stdout
    assert "No phase is active." in after.stdout
    bad = runner.invoke(app, ["status", str(path), "--on", "2025-01-26 04:00"])
    assert bad.exit_code == 2 and "Traceback" not in bad.output
    assert "'--on' must be a date YYYY-MM-DD" in bad.stderr


# -- automatic renewals -------------------------------------------------------------------------


def renewing(**renewal: Any) -> dict[str, Any]:
    # the Black Sea shape: 120 days from 22 Jul 2022, not counting that day (ends 19 Nov)
    return {"id": "t", "title": "T", "zone": "Europe/Istanbul", "signed": "2022-07-22",
            "phases": [{"id": "i", "start": "agreement.signed", "length": "120 days",
                        "counting": "following",
                        "auto_renewal": {"notice": "unless a party gives notice", **renewal}}]}


def test_an_auto_renewing_phase_stays_active_after_its_first_term() -> None:
    a = ct.parse_agreement(renewing())
    first = a.status_on("2022-11-19")
    assert first.active[0].renewal == 0 and first.active[0].ends == dt.date(2022, 11, 19)
    st = a.status_on("2023-03-19")  # 19 Nov + 120 days = 19 Mar: the last day of renewal 1
    (ph,) = st.active
    assert ph.renewal == 1 and ph.ends == dt.date(2023, 3, 19) and ph.days_left == 0
    assert ph.notice == "unless a party gives notice"
    later = a.status_on("2024-01-01")
    # renewal 2 ends 17 Jul 2023, 3 ends 14 Nov 2023, 4 ends 13 Mar 2024
    assert later.active[0].renewal == 4 and later.active[0].ends == dt.date(2024, 3, 13)
    assert later.active[0].day == (dt.date(2024, 1, 1) - dt.date(2022, 7, 22)).days + 1


def test_max_renewals_ends_the_projection() -> None:
    a = ct.parse_agreement(renewing(max_renewals=1))
    assert a.status_on("2023-03-19").active[0].renewal == 1
    assert a.status_on("2023-03-20").active == ()


def test_a_terminate_amendment_is_the_notice_that_stops_renewal() -> None:
    data = renewing()
    data["amendments"] = [{"id": "stop", "kind": "terminate", "target": "i",
                           "to": "2023-07-17", "boundary": "end_of_day"}]
    a = ct.parse_agreement(data)
    assert a.status_on("2023-07-17").active[0].renewal == 0
    assert a.status_on("2023-07-18").active == ()
    # and no renewal is projected on the timeline either
    assert not [e for e in a.timeline(renewals=3) if e.kind is ct.EventKind.RENEWAL]


def test_renewal_projection_agrees_with_the_projected_timeline() -> None:
    a = ct.parse_agreement(renewing())
    ends = [e for e in a.timeline(renewals=4) if e.kind is ct.EventKind.RENEWAL]
    for k, e in enumerate(ends, start=1):
        st = a.status_on(e.date)
        assert st.active[0].renewal == k and st.active[0].ends == e.date
        assert st.active[0].end_rule == e.rule


def test_cli_status_says_a_renewal_is_projected(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text(json.dumps(renewing()))
    result = runner.invoke(app, ["status", str(path), "--on", "2023-01-01"])
    assert result.exit_code == 0
    assert "automatic renewal 1 (projected" in result.stdout


def test_an_auto_renewal_that_cannot_be_counted_is_an_error_of_the_record() -> None:
    data = renewing(period="1 month", counting="elapsed")
    a = ct.parse_agreement(data)
    assert a.timeline().events  # the first term alone is fine
    errors = ct.check(a).errors
    assert [f.path for f in errors] == ["phases[0].auto_renewal"]
    assert "months" in errors[0].message
    with pytest.raises(ct.ConventionError) as info:
        a.status_on("2023-01-01")  # a status after the first term needs the renewal
    assert info.value.path == "phases[0].auto_renewal"


def test_black_sea_is_not_projected_past_russias_objection() -> None:
    """The bundled Black Sea record states its auto-renewal clause and records Russia's
    objection of 17 July 2023 as a terminate amendment: the status ends with the term."""
    from ceasefire_terms import examples

    a = examples.load("black-sea-grain-2022")
    assert a.status_on("2023-07-17").active[0].renewal == 0
    assert a.status_on("2023-07-18").active == ()
    assert a.status_on("2023-07-18").complete


def test_a_renewal_projection_that_runs_off_the_calendar_is_undetermined() -> None:
    a = ct.parse_agreement({"id": "t", "title": "T", "zone": "UTC", "phases": [
        {"id": "p", "start": "2000-01-01 10:00 UTC", "length": "1 year",
         "counting": "wall_clock", "month_end": "clip", "auto_renewal": {}}]})
    st = a.status_on("9999-12-31")
    assert st.active == ()
    (u,) = st.undetermined
    assert "outside the calendar" in (u.end_rule or "")
