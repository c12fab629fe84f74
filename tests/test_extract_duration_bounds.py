"""Durations that are not one plain length (issue #12, second pass): ranges of lengths, parts
of a month, lengths up to or from the time of writing ("the past decade"), and vague counts
of a unit ("several days"). Each family has its table; the negatives below each say what
must stay as it was."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from ceasefire_terms.extraction import extract
from ceasefire_terms.extraction.draft import draft_from_text
from ceasefire_terms.extraction.mentions import FractionalMonths, Mention, MentionKind
from ceasefire_terms.model.periods import Duration, Period
from ceasefire_terms.model.quantity import Bounds


def durations(text: str) -> list[Mention]:
    return [m for m in extract(text) if m.kind is MentionKind.DURATION]


def iso_bounds(m: Mention) -> tuple[str | None, str | None, bool, bool]:
    b = m.bounds()
    assert b is not None
    low, high = (None if e is None else e.iso() for e in (b.low, b.high))  # type: ignore[union-attr]
    return low, high, b.low_closed, b.high_closed


# ---------------------------------------------------------------------- 1. ranges and bounds
RANGES = [
    # sentence, span, canonical, (low, high, low_closed, high_closed)
    ("It takes 10 to 15 minutes.", "10 to 15 minutes", "range PT10M/PT15M",
     ("PT10M", "PT15M", True, True)),
    ("Delivery takes 2-3 days.", "2-3 days", "range P2D/P3D", ("P2D", "P3D", True, True)),
    ("a sentence of between 5 and 10 years", "between 5 and 10 years", "range P5Y/P10Y",
     ("P5Y", "P10Y", True, True)),
    ("They stayed for two or three weeks.", "two or three weeks", "range P2W/P3W",
     ("P2W", "P3W", True, True)),
    ("It will take an hour or two.", "an hour or two", "range PT1H/PT2H",
     ("PT1H", "PT2H", True, True)),
    ("Expect a delay of a day or two.", "a day or two", "range P1D/P2D",
     ("P1D", "P2D", True, True)),
    ("Talks resume in a month or two.", "a month or two", "range P1M/P2M",
     ("P1M", "P2M", True, True)),
    ("The pause lasts from 3 to 5 days.", "from 3 to 5 days", "range P3D/P5D",
     ("P3D", "P5D", True, True)),
    ("It lasted between two and three hours.", "between two and three hours", "range PT2H/PT3H",
     ("PT2H", "PT3H", True, True)),
    ("a stay of two to six months", "two to six months", "range P2M/P6M",
     ("P2M", "P6M", True, True)),
    ("The test runs more than 2 and less than 5 hours.", "more than 2 and less than 5 hours",
     "range PT2H/PT5H", ("PT2H", "PT5H", False, False)),
    ("about 3 to 5 days", "about 3 to 5 days", "range P3D/P5D", ("P3D", "P5D", True, True)),
    ("a 10-15-minute walk", "10-15-minute walk", "range PT10M/PT15M",
     ("PT10M", "PT15M", True, True)),
    ("a two-to-three-week course of talks", "two-to-three-week course", "range P2W/P3W",
     ("P2W", "P3W", True, True)),
    ("a two- to three-week pause", "two- to three-week pause", "range P2W/P3W",
     ("P2W", "P3W", True, True)),
    # one-sided: the single length stays the value, the hedge says which end it is
    ("Detention of at least 3 days.", "at least 3 days", "P3D", ("P3D", None, True, False)),
    ("It may last up to 6 months.", "up to 6 months", "P6M", (None, "P6M", False, True)),
    ("no more than 48 hours", "no more than 48 hours", "PT48H", (None, "PT48H", False, True)),
    ("They waited more than a year.", "more than a year", "P1Y", ("P1Y", None, False, False)),
    ("It lasted less than 10 minutes.", "less than 10 minutes", "PT10M",
     (None, "PT10M", False, False)),
    ("Reply within 48 hours.", "within 48 hours", "PT48H", (None, "PT48H", False, True)),
    ("He served 20+ years.", "20+ years", "P20Y", ("P20Y", None, True, False)),
    ("for 72 hours", "72 hours", "PT72H", ("PT72H", "PT72H", True, True)),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "span", "canonical", "ends"), RANGES)
def test_ranges_and_bounds_of_lengths(
    sentence: str, span: str, canonical: str, ends: tuple[str | None, str | None, bool, bool]
) -> None:
    found = durations(sentence)
    assert [(m.text, m.canonical()) for m in found] == [(span, canonical)]
    assert iso_bounds(found[0]) == ends


@pytest.mark.parametrize(
    ("sentence", "span", "canonical", "hedge"),
    [
        # a bound word before a range: the range is the length stated, the word its hedge
        ("Reply within 24 to 48 hours.", "within 24 to 48 hours", "range PT24H/PT48H", "within"),
        ("up to 2-3 days", "up to 2-3 days", "range P2D/P3D", "up to"),
        ("at least two or three days", "at least two or three days", "range P2D/P3D",
         "at least"),
        # two lengths joined by "to", the second longer
        ("It takes half an hour to an hour.", "half an hour to an hour", "range PT30M/PT1H",
         None),
        ("a term of 18 months to 2 years", "18 months to 2 years", "range P18M/P2Y", None),
        ("It lasts from 3 days to 2 weeks.", "from 3 days to 2 weeks", "range P3D/P2W", "from"),
        ("She trained for six months to a year.", "six months to a year", "range P6M/P1Y", None),
        # "a"/"an" and a unit as the lower end: no cue word needed before it (before, only
        # the upper end was read, as if the text stated it exactly)
        ("The pause will last a week to ten days.", "a week to ten days", "range P1W/P10D",
         None),
        ("Repairs take a day to a week.", "a day to a week", "range P1D/P1W", None),
        ("Each crossing stays open an hour to 90 minutes.", "an hour to 90 minutes",
         "range PT1H/PT90M", None),
        ("Talks could take a year to 18 months.", "a year to 18 months", "range P1Y/P18M",
         None),
    ],
)  # fmt: skip
def test_hedged_ranges_and_lengths_joined_by_to(
    sentence: str, span: str, canonical: str, hedge: str | None
) -> None:
    (m,) = durations(sentence)
    assert (m.text, m.canonical(), m.hedge) == (span, canonical, hedge)
    b = m.bounds()
    assert b is not None and b.low_closed and b.high_closed


def test_or_so_is_approximate_like_a_count() -> None:
    (m,) = durations("Lunch takes an hour or so.")
    assert (m.text, m.canonical(), m.hedge) == ("an hour or so", "PT1H", "or so")
    assert m.bounds() == Bounds(Duration(hours=1), Duration(hours=1), True, True)


def test_a_range_is_one_mention_and_not_a_count() -> None:
    # before: "for two or three weeks" gave a count of 2 and "three weeks"
    found = extract("for two or three weeks")
    assert [m.kind for m in found] == [MentionKind.DURATION]
    value = found[0].value
    assert isinstance(value, Bounds)
    assert (value.low, value.high) == (Period(weeks=2), Period(weeks=3))


def test_a_single_length_keeps_its_value_type() -> None:
    m = durations("within 1.5 hours")[0]
    assert m.value == Duration(hours=1, minutes=30)  # unchanged API for one length
    assert m.canonical() == "PT1H30M" and m.hedge == "within"


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        ("13-14 January 2025", []),  # two days of a date range
        ("aged 18 to 25 years old", []),  # ages
        ("extended from 3 to 5 days", ["P5D"]),  # a change between two lengths, not a range
        ("won 3-1 after 90 minutes", ["PT90M"]),
        ("for 3 months and 2 years", ["P3M", "P2Y"]),  # a falling pair is two lengths
        ("extended from 3 days to 2 weeks", ["P3D", "P2W"]),  # a change again
        ("2 years to 18 months", ["P2Y", "P18M"]),  # a falling pair
        ("1 hour to 2 hours to 3 hours", ["range PT1H/PT2H", "PT3H"]),  # one join only
    ],
)
def test_not_ranges_of_lengths(sentence: str, want: list[str]) -> None:
    assert [m.canonical() for m in durations(sentence)] == want


# ---------------------------------------------------------------------- 2. parts of a month
MONTH_PARTS = [
    ("It lasted three and a half months.", "three and a half months", "P3.5M", 3, 0.5),
    ("a 1.5 months wait", "1.5 months", "P1.5M", 1, 0.5),
    ("within half a month", "within half a month", "P0.5M", 0, 0.5),
    ("after a month and a half", "a month and a half", "P1.5M", 1, 0.5),
    ("for 2.25 months", "2.25 months", "P2.25M", 2, 0.25),
]


@pytest.mark.parametrize(("sentence", "span", "iso", "whole", "fraction"), MONTH_PARTS)
def test_a_part_of_a_month_is_kept_as_a_fraction_and_flagged(
    sentence: str, span: str, iso: str, whole: int, fraction: float
) -> None:
    (m,) = durations(sentence)
    assert (m.text, m.canonical()) == (span, iso)
    assert isinstance(m.value, FractionalMonths)
    assert m.value.period == Period(months=whole)
    assert m.value.fraction == fraction
    assert any("fraction of a month" in note for note in m.notes)
    assert m.to_dict()["notes"] == list(m.notes)


def test_parts_of_years_and_weeks_are_still_whole_smaller_units() -> None:
    # a year is always 12 months and a week 7 days: no fraction is needed there
    got = {m.text: (m.canonical(), m.notes) for m in extract("for 3.5 years, then 1.5 weeks")}
    assert got == {"3.5 years": ("P3Y6M", ()), "1.5 weeks": ("P10DT12H", ())}


def test_a_fraction_of_a_month_is_not_a_count() -> None:
    assert [m.kind for m in extract("three and a half months")] == [MentionKind.DURATION]


def test_a_month_part_before_smaller_units_is_not_joined() -> None:
    # a fraction is only ever on the last part (ISO 8601); "1.5 months and 3 days" is refused
    # as one length rather than guessed
    assert [m.canonical() for m in durations("for 1.5 months and 3 days")] == ["P1.5M", "P3D"]


# ---------------------------------------------------------------------- 3. past / last / next
ANCHORED = [
    ("Prices doubled over the past decade.", "past decade", "P10Y", "past"),
    ("in the last two years", "two years", "P2Y", "past"),
    ("over the past 24 hours", "24 hours", "PT24H", "past"),
    ("Sales rose over the past year.", "past year", "P1Y", "past"),
    ("during the next month", "next month", "P1M", "next"),
    ("in the last hour", "last hour", "PT1H", "past"),
    ("for the next 3 days", "3 days", "P3D", "next"),
]


@pytest.mark.parametrize(("sentence", "span", "iso", "anchor"), ANCHORED)
def test_lengths_up_to_or_from_the_time_of_writing(
    sentence: str, span: str, iso: str, anchor: str
) -> None:
    (m,) = durations(sentence)
    assert (m.text, m.canonical(), m.anchor) == (span, iso, anchor)


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        ("They met last week.", ["date"]),  # no "the": a date
        ("the last week of the truce", ["date"]),  # a particular week
        ("at the last minute", []),
        ("He arrived last night.", []),
        ("on the last day of the truce", []),
    ],
)
def test_moments_are_not_anchored_lengths(sentence: str, kinds: list[str]) -> None:
    assert [m.kind.value for m in extract(sentence)] == kinds


# ---------------------------------------------------------------------- 4. vague counts of a unit
VAGUE = [
    ("The repair took several days.", "several days", "at_least P2D", "several"),
    ("We will meet in a few weeks.", "a few weeks", "at_least P2W", "a few"),
    ("several more months of talks", "several more months", "at_least P2M", "several"),
    ("over the past few weeks", "few weeks", "at_least P2W", "few"),
    ("a few hours later", "a few hours", "at_least PT2H", "a few"),
]


@pytest.mark.parametrize(("sentence", "span", "canonical", "hedge"), VAGUE)
def test_vague_counts_of_a_unit_are_at_least_two(
    sentence: str, span: str, canonical: str, hedge: str
) -> None:
    (m,) = durations(sentence)
    assert (m.text, m.canonical(), m.hedge) == (span, canonical, hedge)
    b = m.bounds()
    assert b is not None and b.high is None and b.low_closed


def test_vague_units_follow_the_quantity_reading_of_several() -> None:
    # "several thousand" is at least 2,000 (the vague plural "thousands"); "several days" is
    # read the same way: at least two days
    (q,) = extract("several thousand people")
    (d,) = extract("several days")
    assert q.bounds() == Bounds(2000, None, True, False)
    assert d.bounds() == Bounds(Period(days=2), None, True, False)


# ---------------------------------------------------------------------- days and nights
def test_days_and_nights_are_the_same_days() -> None:
    assert [(m.text, m.canonical()) for m in extract("for three days and nights")] == [
        ("three days and nights", "P3D")
    ]


# ---------------------------------------------------------------------- draft and command line
def test_draft_leaves_a_range_of_lengths_unplaced() -> None:
    text = "The first phase will last 40 to 45 days. The second phase lasts 42 days."
    draft = draft_from_text(text, published=dt.date(2025, 2, 3), zone="Asia/Jerusalem")
    phases = draft.agreement.phases
    assert [(p.ordinal, p.length) for p in phases] == [(2, Period(days=42))]
    reasons = [u.reason for u in draft.unresolved if u.mention.text == "40 to 45 days"]
    assert reasons and "not in days" in reasons[0]


def test_cli_json_carries_the_bounds(tmp_path: Path) -> None:
    from ceasefire_terms.cli.extract_cmd import register

    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        """Test app."""

    register(app)
    path = tmp_path / "t.txt"
    path.write_text("Talks may take 2-3 days, or half a month.", "utf-8")
    result = CliRunner().invoke(app, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data[0]["canonical"] == "range P2D/P3D"
    assert data[0]["value"] == "[2 days, 3 days]"
    assert data[0]["bounds"] == {"low": "P2D", "high": "P3D", "low_closed": True,
                                 "high_closed": True}  # fmt: skip
    assert data[1]["canonical"] == "P0.5M" and data[1]["notes"]
    table = CliRunner().invoke(app, ["extract", str(path)])
    assert table.exit_code == 0 and "range P2D/P3D" in table.stdout
