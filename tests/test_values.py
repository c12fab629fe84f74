"""Value types: periods and durations, quantities and intervals, moments and partial dates."""

from __future__ import annotations

import datetime as dt
import math
from importlib import resources

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import ceasefire_terms as ct
from ceasefire_terms.model.quantity import hedges

# -- periods ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("42 days", ct.Period(days=42)),
        ("42-day", ct.Period(days=42)),
        ("1 day", ct.Period(days=1)),
        ("6 weeks", ct.Period(weeks=6)),
        ("2 months", ct.Period(months=2)),
        ("1 year 2 months 10 days", ct.Period(years=1, months=2, days=10)),
        ("P42D", ct.Period(days=42)),
        ("P1Y2M", ct.Period(years=1, months=2)),
        ("72 hours", ct.Duration(hours=72)),
        ("PT72H", ct.Duration(hours=72)),
        ("PT1H30M", ct.Duration(hours=1, minutes=30)),
        ("-3 days", ct.Period(days=-3)),
    ],
)
def test_parse_period(text: str, expected: ct.Period | ct.Duration) -> None:
    assert ct.parse_period(text) == expected


def test_72_hours_is_not_3_days() -> None:
    assert ct.parse_period("72 hours") != ct.parse_period("3 days")
    assert type(ct.parse_period("72 hours")) is not type(ct.parse_period("3 days"))


def test_a_mix_of_days_and_hours_is_refused() -> None:
    with pytest.raises(ct.ParseError, match="not a mix"):
        ct.parse_period("1 day 2 hours")


def test_months_have_no_fixed_number_of_days() -> None:
    with pytest.raises(ct.ParseError):
        ct.Period(months=1).total_days()
    assert ct.Period(weeks=2, days=1).total_days() == 15


BAD_PERIODS = ["", "days", "42", "forty-two days", "42 fortnights", "P", "PT", "42 days!", "P4X"]


@pytest.mark.parametrize("text", BAD_PERIODS)
def test_bad_periods_name_the_input(text: str) -> None:
    with pytest.raises(ct.ParseError) as info:
        ct.parse_period(text)
    assert repr(text) in str(info.value)


periods = st.builds(
    ct.Period,
    years=st.integers(-5, 5),
    months=st.integers(-30, 30),
    weeks=st.integers(-60, 60),
    days=st.integers(-1000, 1000),
)
durations = st.builds(
    ct.Duration,
    hours=st.integers(-2000, 2000),
    minutes=st.integers(-59, 59),
    seconds=st.integers(-59, 59),
)


@given(st.one_of(periods, durations))
def test_periods_round_trip_through_text_and_iso(p: ct.Period | ct.Duration) -> None:
    assert ct.parse_period(str(p)) == p
    if all(v >= 0 for v in p.model_dump().values()):
        assert ct.parse_period(p.iso()) == p


@given(st.text(max_size=30))
def test_period_parse_errors_show_the_input(text: str) -> None:
    try:
        ct.parse_period(text)
    except ct.ParseError as exc:
        assert repr(text) in str(exc)


def test_phase_length_must_be_positive() -> None:
    with pytest.raises(ValueError, match=r"positive period \(got '-3 days'\)"):
        ct.Phase(id="p", length="-3 days", counting="ordinal")  # type: ignore[arg-type]


# -- quantities -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "interval"),
    [
        ("33", ct.QuantityKind.EXACT, (33, 33)),
        ("33 captives", ct.QuantityKind.EXACT, (33, 33)),
        ("approximately 1,900 prisoners", ct.QuantityKind.APPROXIMATE, (1805, 1995)),
        ("about 50", ct.QuantityKind.APPROXIMATE, (48, 52)),
        ("some 300", ct.QuantityKind.APPROXIMATE, (270, 330)),
        ("nearly 2,000", ct.QuantityKind.NEARLY, (1900, 2000)),
        ("between 1,700 and 2,000", ct.QuantityKind.RANGE, (1700, 2000)),
        ("990–1,650", ct.QuantityKind.RANGE, (990, 1650)),
        ("at least 50", ct.QuantityKind.AT_LEAST, (50, math.inf)),
        ("more than 1,000", ct.QuantityKind.MORE_THAN, (1001, math.inf)),
        ("fewer than 10", ct.QuantityKind.FEWER_THAN, (0, 9)),
        ("up to 600 trucks", ct.QuantityKind.AT_MOST, (0, 600)),
        ("1.5 million", ct.QuantityKind.EXACT, (1_500_000, 1_500_000)),
    ],
)
def test_parse_quantity(text: str, kind: ct.QuantityKind, interval: tuple[float, float]) -> None:
    q = ct.parse_quantity(text)
    assert q.kind is kind
    assert tuple(q.interval()) == interval


def test_quantity_keeps_hedge_and_noun_as_written() -> None:
    q = ct.parse_quantity("Approximately 1,900 Palestinian prisoners")
    assert (q.hedge, q.unit, q.value) == ("Approximately", "palestinian prisoners", 1900)
    assert str(q) == "Approximately 1,900 palestinian prisoners"


def test_tolerance_can_be_overridden() -> None:
    q = ct.parse_quantity("approximately 1,900")
    assert tuple(q.interval(tolerance=0.0)) == (1900, 1900)


def test_hedge_vocabulary_is_documented_data() -> None:
    vocab = hedges()
    assert vocab["approximately"].kind is ct.QuantityKind.APPROXIMATE
    assert vocab["up to"].kind is ct.QuantityKind.AT_MOST
    assert all(0 <= h.tolerance < 1 for h in vocab.values())


def test_hedge_vocabulary_reads_the_same_with_the_pure_python_parser() -> None:
    # hedges() reads the file with libyaml when PyYAML has it; the pure-Python safe loader
    # must give the very same vocabulary.
    text = resources.files("ceasefire_terms").joinpath("data/hedges.yaml").read_text("utf-8")
    raw = yaml.load(text, Loader=yaml.SafeLoader)
    assert list(hedges()) == list(raw)
    assert {p: (h.kind.value, h.tolerance) for p, h in hedges().items()} == {
        p: (spec["kind"], float(spec.get("tolerance", 0.0))) for p, spec in raw.items()
    }


BAD_QUANTITIES = ["", "many", "approximately", "33 !!", "2,000 and 1,700", "-5", "between 3 and"]


@pytest.mark.parametrize("text", BAD_QUANTITIES)
def test_bad_quantities_name_the_input(text: str) -> None:
    with pytest.raises(ct.ParseError) as info:
        ct.parse_quantity(text)
    assert repr(text) in str(info.value)


def test_quantity_fields_are_checked() -> None:
    with pytest.raises(ValueError, match="low <= high"):
        ct.Quantity(kind=ct.QuantityKind.RANGE, low=5, high=3)
    with pytest.raises(ValueError):
        ct.Quantity(value=-1)


@given(st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 10_000)), max_size=8), st.data())
def test_interval_of_a_sum_contains_every_sum_of_members(
    pairs: list[tuple[int, int]], data: st.DataObject
) -> None:
    intervals = [ct.Interval(min(a, b), max(a, b)) for a, b in pairs]
    total = ct.Interval.sum(intervals)
    members = [data.draw(st.integers(i.low, i.high)) for i in intervals]  # type: ignore[arg-type]
    assert total.contains(sum(members))


@given(st.integers(0, 10**9), st.sampled_from(sorted(hedges())))
def test_hedged_interval_contains_the_stated_value_unless_strict(value: int, hedge: str) -> None:
    q = ct.parse_quantity(f"{hedge} {value:,}")
    iv = q.interval()
    if q.kind in (ct.QuantityKind.MORE_THAN, ct.QuantityKind.FEWER_THAN):
        assert not iv.contains(value) or value == 0
    else:
        assert iv.contains(value)


# -- moments ---------------------------------------------------------------------------------


def test_naive_datetimes_are_refused_with_a_fix() -> None:
    with pytest.raises(ct.TimeZoneError) as info:
        ct.Moment.parse("2025-01-19T11:15")
    assert "Asia/Jerusalem" in str(info.value) and "'2025-01-19T11:15'" in str(info.value)


def test_unknown_zones_and_fixed_offsets_are_refused() -> None:
    for zone in ("Mars/Olympus", "+02:00", "IST-ish"):
        with pytest.raises(ValueError):
            ct.Moment(date="2025-01-19", time=dt.time(8, 30), zone=zone)  # type: ignore[arg-type]


def test_a_time_needs_a_zone() -> None:
    with pytest.raises(ValueError, match="naive"):
        ct.Moment(date="2025-01-19", time=dt.time(8, 30))  # type: ignore[arg-type]


def test_partial_dates_keep_their_precision() -> None:
    assert ct.PartialDate.parse("2025").precision == "year"
    assert ct.PartialDate.parse("2025-01").precision == "month"
    with pytest.raises(ct.ParseError, match="month"):
        ct.PartialDate.parse("2025-01").to_date()
    with pytest.raises(ct.ParseError):
        ct.PartialDate.parse("2025-02-30")


@given(st.datetimes(min_value=dt.datetime(1900, 1, 1), timezones=st.just(dt.UTC)))
def test_aware_moments_round_trip(d: dt.datetime) -> None:
    m = ct.Moment.parse(d.isoformat())
    assert m.at == d
    assert ct.Moment.model_validate_json(m.model_dump_json()) == m
