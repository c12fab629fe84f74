"""Resolving an agreement into a timeline: conventions, anchors, amendments, recurrences."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ceasefire_terms as ct

UTC = dt.UTC


def agreement(**fields: Any) -> ct.Agreement:
    base: dict[str, Any] = {"id": "t", "title": "Test", "zone": "Asia/Jerusalem"}
    base.update(fields)
    return ct.parse_agreement(base)


def one_phase(
    length: str, counting: str, start: str = "2025-01-19 11:15 Asia/Jerusalem", **extra: Any
) -> ct.Agreement:
    phase = {"id": "p", "start": start, "length": length, "counting": counting, **extra}
    return agreement(phases=[phase])


# -- the three conventions, on the published cases of the sourced notes --------------------


def test_lebanon_60_days_elapsed_end_at_0400_local_on_26_january() -> None:
    a = ct.parse_agreement(
        {
            "id": "lebanon",
            "title": "Lebanon",
            "zone": "Asia/Beirut",
            "effective": "2024-11-27 04:00 Asia/Beirut",
            "phases": [
                {
                    "id": "withdrawal",
                    "start": "agreement.effective",
                    "length": "60 days",
                    "counting": "elapsed",
                }
            ],
        }
    )
    end = a.timeline()["withdrawal.end"]
    assert end.at is not None
    assert end.at.replace(tzinfo=None) == dt.datetime(2025, 1, 26, 4, 0)
    assert end.at_utc == dt.datetime(2025, 1, 26, 2, 0, tzinfo=UTC)
    assert "elapsed" in end.rule and "1440 h" in end.rule


def test_black_sea_120_days_following_end_19_november() -> None:
    a = ct.parse_agreement(
        {
            "id": "bsgi",
            "title": "Black Sea",
            "zone": "Europe/Istanbul",
            "signed": "2022-07-22",
            "phases": [
                {
                    "id": "term",
                    "start": "agreement.signed",
                    "length": "120 days",
                    "counting": "following",
                }
            ],
        }
    )
    end = a.timeline()["term.end"]
    assert end.date == dt.date(2022, 11, 19)
    assert end.end_of_day
    assert "2022-07-22 not counted" in end.rule


def test_gaza_42_days_three_ways() -> None:
    ordinal = one_phase("42 days", "ordinal").timeline()["p.end"]
    following = one_phase("42 days", "following").timeline()["p.end"]
    elapsed = one_phase("42 days", "elapsed").timeline()["p.end"]
    assert ordinal.date == dt.date(2025, 3, 1)
    assert following.date == dt.date(2025, 3, 2)
    assert elapsed.at is not None
    assert elapsed.at.replace(tzinfo=None) == dt.datetime(2025, 3, 2, 11, 15)


def test_hours_must_be_counted_as_elapsed() -> None:
    with pytest.raises(ct.ConventionError) as info:
        one_phase("72 hours", "ordinal").timeline()
    assert "elapsed" in str(info.value)
    end = one_phase("72 hours", "elapsed").timeline()["p.end"]
    assert end.at is not None and end.at.replace(tzinfo=None) == dt.datetime(2025, 1, 22, 11, 15)


def test_elapsed_from_a_date_without_time_is_refused_not_guessed() -> None:
    t = one_phase("3 days", "elapsed", start="2025-01-19").timeline()
    assert t.get("p.end") is None
    (u,) = t.unresolved
    assert u.id == "p.end" and "start time" in u.reason


def test_elapsed_across_dst_keeps_exact_hours() -> None:
    a = one_phase("3 days", "elapsed", start="2025-03-27 11:15 Asia/Jerusalem")
    end = a.timeline()["p.end"]
    assert end.at is not None
    assert end.at.replace(tzinfo=None) == dt.datetime(2025, 3, 30, 12, 15)


def test_months_need_a_month_end_rule_only_when_a_day_is_missing() -> None:
    with pytest.raises(ct.AmbiguousDateError) as info:
        one_phase("1 month", "following", start="2025-01-31").timeline()
    assert info.value.path == "phases[0].length"
    ok = one_phase("1 month", "following", start="2025-01-31", month_end="clip")
    assert ok.timeline()["p.end"].date == dt.date(2025, 2, 28)
    assert "2025-02-31 does not exist, month_end: clip applied" in ok.timeline()["p.end"].rule


# -- business days ---------------------------------------------------------------------------


def test_roll_past_a_friday_saturday_weekend() -> None:
    # 5 days following from Sun 19 Jan 2025 end on Fri 24 Jan: rolled to Sun 26 Jan.
    a = one_phase(
        "5 days",
        "following",
        start="2025-01-19",
        roll="following",
        calendar={"weekend": ["fri", "sat"]},
    )
    end = a.timeline()["p.end"]
    assert end.date == dt.date(2025, 1, 26)
    assert "rolled following" in end.rule and "2025-01-24" in end.rule


def test_roll_past_a_public_holiday() -> None:
    # Following from 17 Dec 2024 + 8 days = Wed 25 Dec (Christmas in GB) -> Fri 27 Dec
    # (26 Dec, Boxing Day, is a holiday too).
    a = ct.parse_agreement(
        {
            "id": "h",
            "title": "H",
            "zone": "Europe/London",
            "phases": [
                {
                    "id": "p",
                    "start": "2024-12-17",
                    "length": "8 days",
                    "counting": "following",
                    "roll": "following",
                    "calendar": {"weekend": ["sat", "sun"], "country": "GB"},
                }
            ],
        }
    )
    assert a.timeline()["p.end"].date == dt.date(2024, 12, 27)


def test_modified_following_stays_in_the_month() -> None:
    cal = ct.BusinessCalendar(weekend=("sat", "sun"))
    # Sat 31 May 2025: following would be Mon 2 June; modified following goes back to Fri 30.
    assert ct.roll(dt.date(2025, 5, 31), ct.Roll.FOLLOWING, cal) == dt.date(2025, 6, 2)
    assert ct.roll(dt.date(2025, 5, 31), ct.Roll.MODIFIED_FOLLOWING, cal) == dt.date(2025, 5, 30)
    assert ct.roll(dt.date(2025, 5, 31), ct.Roll.PRECEDING, cal) == dt.date(2025, 5, 30)


def test_unknown_country_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="holidays"):
        ct.BusinessCalendar(weekend=("sat",), country="XX")


# -- relative deadlines -------------------------------------------------------------------------


def test_deadline_inherits_the_phase_counting_and_says_so() -> None:
    a = agreement(
        phases=[{"id": "p", "start": "2025-01-19", "length": "42 days", "counting": "ordinal"}],
        provisions=[
            {
                "type": "deadline",
                "id": "d",
                "label": "D",
                "phase": "p",
                "due": {"anchor": "p.start", "after": "10 days"},
            }
        ],
    )
    d = a.timeline()["d"]
    assert d.date == dt.date(2025, 1, 28)  # day 10
    assert "counting from phase p" in d.rule


def test_deadline_without_any_counting_is_refused() -> None:
    a = agreement(
        effective="2025-01-19",
        provisions=[
            {
                "type": "deadline",
                "id": "d",
                "label": "D",
                "due": {"anchor": "agreement.effective", "after": "10 days"},
            }
        ],
    )
    with pytest.raises(ct.ConventionError) as info:
        a.timeline()
    assert info.value.path == "provisions[0].due" and "counting" in str(info.value)


def test_negative_offsets_count_backwards() -> None:
    a = agreement(
        phases=[{"id": "p", "start": "2025-01-19", "length": "42 days", "counting": "ordinal"}],
        provisions=[
            {
                "type": "deadline",
                "id": "f",
                "label": "F",
                "due": {"anchor": "p.end", "before": "7 days", "counting": "following"},
            },
            {
                "type": "deadline",
                "id": "e",
                "label": "E",
                "due": {"anchor": "p.start", "before": "48 hours", "counting": "elapsed"},
            },
        ],
    )
    t = a.timeline()
    assert t["f"].date == dt.date(2025, 2, 22)
    assert t.get("e") is None  # p.start has no time of day: elapsed hours cannot be counted
    assert [u.id for u in t.unresolved] == ["e"]


def test_chained_deadlines_and_cycles() -> None:
    a = agreement(
        effective="2025-01-19",
        provisions=[
            {
                "type": "deadline",
                "id": "a",
                "label": "A",
                "due": {
                    "anchor": "agreement.effective",
                    "after": "5 days",
                    "counting": "following",
                },
            },
            {
                "type": "deadline",
                "id": "b",
                "label": "B",
                "due": {"anchor": "a", "after": "5 days", "counting": "following"},
            },
        ],
    )
    assert a.timeline()["b"].date == dt.date(2025, 1, 29)
    cyc = agreement(
        provisions=[
            {
                "type": "deadline",
                "id": "a",
                "label": "A",
                "due": {"anchor": "b", "after": "1 day", "counting": "following"},
            },
            {
                "type": "deadline",
                "id": "b",
                "label": "B",
                "due": {"anchor": "a", "after": "1 day", "counting": "following"},
            },
        ],
    )
    with pytest.raises(ct.CycleError) as info:
        cyc.timeline()
    assert "a -> b -> a" in str(info.value)


def test_unknown_anchor_is_a_lookup_error() -> None:
    a = agreement(provisions=[{"type": "deadline", "id": "a", "label": "A", "due": "nowhere.end"}])
    with pytest.raises(ct.UnknownReferenceError) as info:
        a.timeline()
    assert isinstance(info.value, LookupError)
    assert "nowhere.end" in str(info.value)


def test_partial_date_anchor_is_unresolved_not_imputed() -> None:
    a = agreement(
        signed="2025-01",
        phases=[
            {"id": "p", "start": "agreement.signed", "length": "30 days", "counting": "ordinal"}
        ],
    )
    t = a.timeline()
    assert t.get("agreement.signed") is None and t.get("p.end") is None
    reasons = {u.id: u.reason for u in t.unresolved}
    assert "known only to the month" in reasons["agreement.signed"]
    assert set(reasons) == {"agreement.signed", "p.start", "p.end"}


def test_recurrence_is_built_as_start_plus_i_steps() -> None:
    a = agreement(
        phases=[{"id": "p", "start": "2025-01-19", "length": "42 days", "counting": "ordinal"}],
        provisions=[
            {
                "type": "deadline",
                "id": "r",
                "label": "Weekly release",
                "phase": "p",
                "due": {"day": 7, "of": "p"},
                "every": "7 days",
                "until": "p.end",
            }
        ],
    )
    dates = [e.date for e in a.timeline() if e.id.startswith("r#")]
    assert dates == [dt.date(2025, 1, 25) + dt.timedelta(days=7 * i) for i in range(6)]


# -- amendments and renewals --------------------------------------------------------------------


def black_sea(**extra: Any) -> ct.Agreement:
    data: dict[str, Any] = {
        "id": "bsgi",
        "title": "Black Sea",
        "zone": "Europe/Istanbul",
        "signed": "2022-07-22",
        "phases": [
            {
                "id": "term",
                "start": "agreement.signed",
                "length": "120 days",
                "counting": "following",
                "auto_renewal": {"notice": "unless notified"},
            }
        ],
        "amendments": [
            {"id": "r1", "kind": "renew", "target": "term", "by": "120 days"},
            {"id": "r2", "kind": "renew", "target": "term", "by": "60 days"},
            {"id": "r3", "kind": "renew", "target": "term", "by": "60 days"},
        ],
    }
    data.update(extra)
    return ct.parse_agreement(data)


def test_renewal_chain_follows_each_previous_expiry() -> None:
    t = black_sea().timeline()
    assert [t[f"r{i}.end"].date for i in (1, 2, 3)] == [
        dt.date(2023, 3, 19),
        dt.date(2023, 5, 18),
        dt.date(2023, 7, 17),
    ]
    assert t["term.end"].date == dt.date(2023, 7, 17)
    assert t["term.end"].original_date == dt.date(2022, 11, 19)


def test_original_timeline_ignores_amendments() -> None:
    t = black_sea().timeline(amended=False)
    assert t["term.end"].date == dt.date(2022, 11, 19)
    assert t.get("r1.end") is None


def test_projected_automatic_renewals() -> None:
    a = black_sea(amendments=[])
    t = a.timeline(renewals=2)
    assert t["term.renewal1.end"].date == dt.date(2023, 3, 19)
    assert t["term.renewal2.end"].date == dt.date(2023, 7, 17)
    assert "projected" in t["term.renewal1.end"].rule


def test_extension_to_a_date_with_unstated_boundary_says_so() -> None:
    a = ct.parse_agreement(
        {
            "id": "lb",
            "title": "L",
            "zone": "Asia/Beirut",
            "effective": "2024-11-27 04:00 Asia/Beirut",
            "phases": [
                {
                    "id": "w",
                    "start": "agreement.effective",
                    "length": "60 days",
                    "counting": "elapsed",
                }
            ],
            "amendments": [{"id": "ext", "target": "w", "to": "2025-02-18", "made": "2025-01-26"}],
        }
    )
    t = a.timeline()
    assert t["w.end"].date == dt.date(2025, 2, 18)
    assert "not stated" in t["w.end"].rule
    assert t["w.end"].original_date == dt.date(2025, 1, 26)
    assert t["ext"].kind is ct.EventKind.AMENDMENT
    report = ct.check(a)
    assert [w.code for w in report.warnings] == ["boundary-unstated"]


def test_hours_extensions_chain_exactly() -> None:
    # A 4-day pause from 24 Nov 2023 07:00, extended by 48 h and then 24 h: 1 Dec 07:00.
    a = ct.parse_agreement(
        {
            "id": "pause",
            "title": "Pause",
            "zone": "Asia/Jerusalem",
            "phases": [
                {
                    "id": "p",
                    "start": "2023-11-24 07:00 Asia/Jerusalem",
                    "length": "96 hours",
                    "counting": "elapsed",
                }
            ],
            "amendments": [
                {"id": "e1", "target": "p", "by": "48 hours"},
                {"id": "e2", "target": "p", "by": "24 hours"},
            ],
        }
    )
    end = a.timeline()["p.end"]
    assert end.at is not None
    assert end.at.replace(tzinfo=None) == dt.datetime(2023, 12, 1, 7, 0)


@given(st.lists(st.integers(min_value=1, max_value=200), min_size=1, max_size=4))
def test_extensions_compose(extensions: list[int]) -> None:
    chained = black_sea(
        amendments=[
            {"id": f"e{i}", "target": "term", "by": f"{n} days"} for i, n in enumerate(extensions)
        ]
    )
    single = black_sea(amendments=[{"id": "e", "target": "term", "by": f"{sum(extensions)} days"}])
    assert chained.timeline()["term.end"].date == single.timeline()["term.end"].date


# -- properties of the conventions ---------------------------------------------------------------

starts = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 1, 1))


@given(starts, st.integers(min_value=1, max_value=400))
def test_ordinal_day_numbers_round_trip(start: dt.date, n: int) -> None:
    a = one_phase("500 days", "ordinal", start=start.isoformat())
    assert a.day_of("p", a.day("p", n)) == n


@given(starts, st.integers(min_value=1, max_value=400))
def test_ordinal_period_of_n_days_spans_n_calendar_days(start: dt.date, n: int) -> None:
    t = one_phase(f"{n} days", "ordinal", start=start.isoformat()).timeline()
    assert (t["p.end"].date - t["p.start"].date).days + 1 == n


@given(starts, st.integers(min_value=1, max_value=400))
def test_following_never_ends_before_ordinal(start: dt.date, n: int) -> None:
    o = one_phase(f"{n} days", "ordinal", start=start.isoformat()).timeline()["p.end"]
    f = one_phase(f"{n} days", "following", start=start.isoformat()).timeline()["p.end"]
    assert f.date >= o.date
    assert (f.date - o.date).days == 1


@given(
    st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2035, 1, 1)),
    st.integers(min_value=1, max_value=400),
)
def test_elapsed_phase_is_exactly_n_days_in_utc(start: dt.datetime, n: int) -> None:
    s = start.replace(tzinfo=UTC, microsecond=0, second=0).isoformat()
    t = one_phase(f"{n} days", "elapsed", start=s).timeline()
    a, b = t["p.start"].at_utc, t["p.end"].at_utc
    assert a is not None and b is not None
    assert (b - a).total_seconds() == n * 86_400


def test_status_at_an_instant_respects_elapsed_ends() -> None:
    a = ct.parse_agreement({
        "id": "lb", "title": "L", "zone": "Asia/Beirut",
        "effective": "2024-11-27 04:00 Asia/Beirut",
        "phases": [{"id": "w", "start": "agreement.effective", "length": "60 days",
                    "counting": "elapsed"}],
    })  # fmt: skip
    beirut = ZoneInfo("Asia/Beirut")
    before = a.status_on(dt.datetime(2025, 1, 26, 3, 59, tzinfo=beirut))
    after = a.status_on(dt.datetime(2025, 1, 26, 4, 0, tzinfo=beirut))
    assert [s.phase for s in before.active] == ["w"] and before.active[0].day == 61
    assert after.active == ()
    not_yet = a.status_on(dt.datetime(2024, 11, 27, 3, 0, tzinfo=beirut))
    assert not_yet.active == ()
    with pytest.raises(ct.TimeZoneError):
        a.status_on(dt.datetime(2025, 1, 1, 12, 0))


def test_an_amendment_can_move_a_deadline() -> None:
    a = agreement(
        effective="2020-11-10 00:00 Asia/Baku",
        provisions=[
            {"type": "deadline", "id": "handover", "label": "Handover",
             "due": "2020-11-15",
             "reported": [{"date": "2020-11-15", "note": "as first agreed"}]},
            {"type": "deadline", "id": "after", "label": "Follow-up",
             "due": {"anchor": "handover", "after": "2 days", "counting": "following"}},
        ],
        amendments=[{"id": "postponed", "target": "handover", "by": "10 days",
                     "counting": "following",
                     "reported_end": [{"date": "2020-11-25"}]}],
    )  # fmt: skip
    t = a.timeline()
    assert t["handover"].date == dt.date(2020, 11, 25)
    assert t["handover"].original_date == dt.date(2020, 11, 15)
    assert t["postponed.end"].label == "handover moved (extend: postponed)"
    assert t["after"].date == dt.date(2020, 11, 27)  # rules anchored to it move too
    assert a.timeline(amended=False)["handover"].date == dt.date(2020, 11, 15)
    report = ct.check(a)
    assert not [f for f in report.findings if f.code.startswith("reported")]


def test_a_chain_longer_than_the_resolver_follows_is_unresolved_not_a_crash() -> None:
    from ceasefire_terms.dates.resolve import MAX_CHAIN

    hops = MAX_CHAIN + 50
    phases = [{"id": f"q{i}", "start": f"q{i + 1}.start"} for i in range(hops)]
    phases.append({"id": f"q{hops}", "start": "agreement.effective"})
    a = ct.Agreement.model_validate(
        {"id": "c", "title": "C", "zone": "UTC", "effective": "2025-01-19", "phases": phases}
    )
    report = ct.check(a)  # no RecursionError
    assert report.ok
    unresolved = {f.path for f in report.warnings if f.code == "unresolved"}
    assert "q0.start" in unresolved and f"q{hops - 10}.start" not in unresolved
    assert a.timeline()[f"q{hops - 10}.start"].date.isoformat() == "2025-01-19"
