"""The durations family: units and their abbreviations, nights, weekends, fortnights,
fractions in words and digits, and compound durations read as one span."""

from __future__ import annotations

import pytest

from ceasefire_terms.extraction import extract
from ceasefire_terms.extraction.durations import duration_value
from ceasefire_terms.extraction.mentions import DaysAndClock
from ceasefire_terms.model.periods import Duration, Period

CASES = [
    # seconds and abbreviations
    ("a delay of 90 seconds", "90 seconds", "PT90S"),
    ("talks paused for 30 secs", "30 secs", "PT30S"),
    ("a pause of 2 mins", "2 mins", "PT2M"),
    ("within 1 hr of signing", "within 1 hr", "PT1H"),
    ("a 3h window", "3h window", "PT3H"),
    ("within 10D of signature", "within 10D", "P10D"),
    ("a 72-hr pause", "72-hr pause", "PT72H"),
    ("for 72 hrs", "72 hrs", "PT72H"),
    # unit words
    ("for 2 nights", "2 nights", "P2D"),
    ("for three weekends", "three weekends", "P6D"),
    ("within a fortnight", "within a fortnight", "P2W"),
    ("after almost three decades", "almost three decades", "P30Y"),
    # fractions in words
    ("within half an hour", "within half an hour", "PT30M"),
    ("an hour and a half later", "an hour and a half", "PT1H30M"),
    ("for two and a half years", "two and a half years", "P2Y6M"),
    ("for a year and a half", "a year and a half", "P1Y6M"),
    # decimals
    ("for 1.5 hours", "1.5 hours", "PT1H30M"),
    ("for 3.5years", "3.5years", "P3Y6M"),
    ("under 1.5 years", "under 1.5 years", "P1Y6M"),
    ("may last no longer than 24 months", "no longer than 24 months", "P24M"),
    # compounds: one span
    ("for 2 years and 3 months", "2 years and 3 months", "P2Y3M"),
    ("for 1 hour and 30 minutes", "1 hour and 30 minutes", "PT1H30M"),
    ("after 3h 40 mins", "3h 40 mins", "PT3H40M"),
    ("for 1 year, 2 months and 15 days", "1 year, 2 months and 15 days", "P1Y2M15D"),
    ("for 20 minutes and 45 seconds", "20 minutes and 45 seconds", "PT20M45S"),
]


@pytest.mark.parametrize(("sentence", "span", "iso"), CASES)
def test_duration_families(sentence: str, span: str, iso: str) -> None:
    got = [(m.text, m.canonical()) for m in extract(sentence) if m.kind.value == "duration"]
    assert got == [(span, iso)]


def test_a_duration_is_not_also_a_count() -> None:
    kinds = [m.kind.value for m in extract("They waited 2 nights and three weekends.")]
    assert kinds == ["duration", "duration"]


def test_a_larger_unit_after_a_smaller_one_starts_a_new_duration() -> None:
    got = [m.canonical() for m in extract("for 3 months and 2 years")]
    assert got == ["P3M", "P2Y"]


@pytest.mark.parametrize(
    "sentence", ["for a second time", "the second round", "the 1990s", "5 h", "3 d"]
)
def test_not_durations(sentence: str) -> None:
    assert [m for m in extract(sentence) if m.kind.value == "duration"] == []


def test_fractions_become_whole_smaller_units() -> None:
    assert duration_value({"hours": 1.5}) == Duration(hours=1, minutes=30)
    assert duration_value({"years": 3.5}) == Period(years=3, months=6)
    assert duration_value({"minutes": 2.5}) == Duration(minutes=2, seconds=30)
    assert duration_value({"weeks": 3}) == Period(weeks=3)


def test_days_and_clock_time_are_kept_apart_not_converted() -> None:
    # "1.5 days" is a day and 12 hours: a calendar day is not always 24 hours, so the two
    # parts stay apart (DaysAndClock) instead of becoming 36 hours or 2 days
    for parts, iso in (({"days": 1.5}, "P1DT12H"), ({"weeks": 1.5}, "P10DT12H")):
        value = duration_value(parts)
        assert isinstance(value, DaysAndClock)
        assert value.iso() == iso
    assert duration_value({"months": 1, "hours": 6}) is None


@pytest.mark.parametrize(
    ("sentence", "span", "iso"),
    [
        ("in a week and a half", "a week and a half", "P10DT12H"),
        ("for 1.5 days", "1.5 days", "P1DT12H"),
        ("A 2.5-day pause", "2.5-day pause", "P2DT12H"),
        ("within one and a half days of capture", "within one and a half days", "P1DT12H"),
        ("met for 1 day and 6 hours", "1 day and 6 hours", "P1DT6H"),
    ],
)
def test_days_and_clock_time_in_text(sentence: str, span: str, iso: str) -> None:
    got = [(m.text, m.canonical()) for m in extract(sentence)]
    assert got == [(span, iso)]


def test_a_part_that_cannot_join_is_left_out() -> None:
    got = [(m.text, m.canonical()) for m in extract("for 1 month and 6 hours")]
    assert got[0] == ("1 month", "P1M")


# ---------------------------------------------------------------- general English (general.jsonl)
GENERAL = [
    ("The castle stood for three centuries.", "three centuries", "P300Y"),
    ("The drought lasted a decade.", "a decade", "P10Y"),
    ("They spent a year abroad.", "a year", "P1Y"),
    ("The project took 3 1/2 hours.", "3 1/2 hours", "PT3H30M"),
    ("He slept 1½ hours.", "1½ hours", "PT1H30M"),
    ("The voyage took 2 1/2 days.", "2 1/2 days", "P2DT12H"),
    ("The break is a quarter of an hour.", "a quarter of an hour", "PT15M"),
    ("The drive takes three quarters of an hour.", "three quarters of an hour", "PT45M"),
    ("It takes three-quarters of an hour.", "three-quarters of an hour", "PT45M"),
    ("The climb took an hour and a quarter.", "an hour and a quarter", "PT1H15M"),
    ("The wait was a half hour.", "a half hour", "PT30M"),
    ("It lasted a quarter century.", "a quarter century", "P25Y"),
    ("half a century", "half a century", "P50Y"),
    ("I will stay a couple of days.", "a couple of days", "P2D"),
    ("It takes a couple hours.", "a couple hours", "PT2H"),
    ("He served 20+ years.", "20+ years", "P20Y"),
    ("The record is 1 h 30 min.", "1 h 30 min", "PT1H30M"),
    ("The record is 1h30.", "1h30", "PT1H30M"),
    ("The 10-day festival opens soon.", "10-day festival", "P10D"),
    ("an hour-long talk", "an hour-long talk", "PT1H"),
]


@pytest.mark.parametrize(("sentence", "span", "iso"), GENERAL)
def test_general_duration_families(sentence: str, span: str, iso: str) -> None:
    got = [(m.text, m.canonical()) for m in extract(sentence)]
    assert got == [(span, iso)]


@pytest.mark.parametrize(
    "sentence",
    ["They waited for days.", "She has worked there for years.", "It took ages.",
     "He lived abroad for many years."],
)  # fmt: skip
def test_bare_vague_plurals_are_not_durations(sentence: str) -> None:
    # "several days" and "a few weeks" are durations (at least two units, see
    # test_extract_duration_bounds.py); a bare plural or "many" states no count at all
    assert extract(sentence) == []
