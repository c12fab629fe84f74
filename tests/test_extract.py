"""Extraction: mentions with exact spans, values, hedges and nouns (ceasefire_terms.extraction)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ceasefire_terms.errors import CeasefireTermsError, ParseError
from ceasefire_terms.extraction import (
    Actor,
    DatePrecision,
    Mention,
    MentionKind,
    Vocabulary,
    extract,
    parse_number,
    parse_ordinal,
)
from ceasefire_terms.extraction import __all__ as public_names
from ceasefire_terms.model.periods import Duration, Period
from ceasefire_terms.model.quantity import Quantity, QuantityKind

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_5c71c5f11eb688dd.txt"
PUB = dt.date(2025, 2, 3)


def one(text: str, kind: MentionKind, **kw: object) -> Mention:
    found = [m for m in extract(text, **kw) if m.kind is kind]  # type: ignore[arg-type]
    assert len(found) == 1, found
    return found[0]


def test_public_names_are_exported() -> None:
    """``__all__`` lists exactly what the package exports."""
    import ceasefire_terms.extraction as pkg

    for name in public_names:
        assert hasattr(pkg, name)


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("The initial 42-day phase began.", "42-day phase", Period(days=42)),
        ("They agreed a 60-day period of calm.", "60-day period", Period(days=60)),
        ("The truce lasts 72 hours.", "72 hours", Duration(hours=72)),
        ("It could go on for up to another year.", "up to another year", Period(years=1)),
        ("Talks will last two weeks.", "two weeks", Period(weeks=2)),
        ("It shall last forty-two (42) days.", "forty-two (42) days", Period(days=42)),
        ("Withdraw within 60 days.", "within 60 days", Period(days=60)),
        ("A 48-hour window opened.", "48-hour window", Duration(hours=48)),
    ],
)
def test_durations(text: str, mention: str, value: Period | Duration) -> None:
    """Durations keep calendar periods and exact hours apart ("72 hours" is not 3 days)."""
    m = one(text, MentionKind.DURATION)
    assert (m.text, m.value) == (mention, value)
    assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("text", "mention", "kind", "number", "hedge", "noun"),
    [
        ("It frees 33 Israeli captives.", "33 Israeli captives", "exact", 33, None, "captives"),
        (
            "In exchange for approximately 1,900 Palestinian prisoners.",
            "approximately 1,900 Palestinian prisoners",
            "approximate", 1900, "approximately", "prisoners",
        ),
        ("Israel freed more than 1,000.", "more than 1,000", "more_than", 1000, "more than", None),
        ("Nearly two thousand waited.", "Nearly two thousand", "nearly", 2000, "nearly", None),
        ("Dozens of civilians fled.", "Dozens of civilians", "at_least", 24, "dozens", "civilians"),
        ("It freed thirty-three captives.", "thirty-three captives", "exact", 33, None, "captives"),
        ("Two dozen hostages remain.", "Two dozen hostages", "exact", 24, None, "hostages"),
        ("A hundred trucks waited.", "A hundred trucks", "exact", 100, None, "trucks"),
        ("At least 50 female soldiers.", "At least 50 female soldiers", "at_least", 50,
         "at least", "soldiers"),
    ],
)  # fmt: skip
def test_quantities(
    text: str, mention: str, kind: str, number: int, hedge: str | None, noun: str | None
) -> None:
    """Quantities carry their hedge, their group noun, and a core Quantity value."""
    m = one(text, MentionKind.QUANTITY)
    assert isinstance(m.value, Quantity)
    assert (m.text, m.value.kind.value, m.value.value, m.hedge, m.noun) == (
        mention, kind, number, hedge, noun,
    )  # fmt: skip


def test_range_and_rate() -> None:
    """A range keeps both ends; a rate keeps its unit of time."""
    r = one("Between 1,700 and 2,000 prisoners.", MentionKind.QUANTITY)
    assert isinstance(r.value, Quantity)
    assert (r.value.kind, r.value.low, r.value.high) == (QuantityKind.RANGE, 1700, 2000)
    rate = extract("Israel allows 600 trucks a day.")[1]
    assert (rate.text, rate.per) == ("600 trucks a day", "day")
    assert rate.canonical() == "exact 600 per day"


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("It took effect on January 19.", "January 19", dt.date(2025, 1, 19)),
        ("They told AFP on Monday.", "Monday", dt.date(2025, 2, 3)),
        ("It was signed on 19/01/2025.", "19/01/2025", dt.date(2025, 1, 19)),
        ("They will meet on Tuesday.", "Tuesday", dt.date(2025, 2, 4)),
        ("Crowds gathered on Thursday.", "Thursday", dt.date(2025, 1, 30)),
        ("Talks begin this coming Monday.", "this coming Monday", dt.date(2025, 2, 10)),
        ("It holds until February 18, 2025.", "until February 18, 2025", dt.date(2025, 2, 18)),
    ],
)
def test_dates_resolved_against_publication(text: str, mention: str, value: dt.date) -> None:
    """Partial dates take their year or day from the publication date (Monday 3 Feb 2025)."""
    m = one(text, MentionKind.DATE, published=PUB)
    assert (m.text, m.value, m.resolved) == (mention, value, True)
    assert m.basis


def test_last_week_has_week_precision() -> None:
    m = one("They met last week.", MentionKind.DATE, published=PUB)
    assert (m.value, m.precision, m.canonical()) == (
        dt.date(2025, 1, 27), DatePrecision.WEEK, "week 2025-01-27",
    )  # fmt: skip


def test_dates_without_publication_date_are_unresolved() -> None:
    """Without ``published`` a partial date is kept with the parts that were stated."""
    m = one("It took effect on January 19.", MentionKind.DATE)
    assert (m.resolved, m.value, m.canonical()) == (False, None, "unresolved XXXX-01-19")
    assert "publication date" in (m.basis or "")
    full = one("Signed on 22 July 2022.", MentionKind.DATE)
    assert (full.resolved, full.value) == (True, dt.date(2022, 7, 22))


def test_times_with_zones() -> None:
    ms = extract("It began at 08:30 local time (06:30 GMT).")
    assert [(m.text, m.value, m.zone) for m in ms] == [
        ("08:30 local time", dt.time(8, 30), "local"),
        ("06:30 GMT", dt.time(6, 30), "GMT"),
    ]


@pytest.mark.parametrize(
    ("text", "mention", "day", "hedge"),
    [
        ("Talks start by day 16.", "by day 16", 16, "by"),
        (
            "Talks begin no later than the 16th day of the first phase.",
            "no later than the 16th day of the first phase", 16, "no later than",
        ),
        ("Hostages go free on the 42nd day.", "the 42nd day", 42, None),
        ("On the sixteenth day of the truce.", "the sixteenth day of the truce", 16, None),
    ],
)  # fmt: skip
def test_day_references(text: str, mention: str, day: int, hedge: str | None) -> None:
    m = one(text, MentionKind.DAY_REFERENCE)
    assert (m.text, m.value, m.hedge) == (mention, day, hedge)


def test_parties_and_mediators() -> None:
    """Roles come from the vocabulary and are overridden by the words around a name."""
    ms = extract("Talks mediated by Egypt, Qatar and the United States; Israel and Hamas agreed.")
    assert [(m.text, m.value, m.role) for m in ms] == [
        ("Egypt", "Egypt", "mediator"),
        ("Qatar", "Qatar", "mediator"),
        ("United States", "United States", "mediator"),
        ("Israel", "Israel", "party"),
        ("Hamas", "Hamas", "party"),
    ]
    m = one("Egyptian mediators met in Cairo.", MentionKind.PARTY)
    assert (m.value, m.role) == ("Egypt", "mediator")


def test_vocabulary_is_extendable() -> None:
    # an invented group: the default vocabulary (with its gazetteer) does not list it
    vocab = Vocabulary.default().extend(
        actors=[Actor(name="Nile Valley Militia", role="party", aliases=("NVM",))]
    )
    ms = extract("The NVM agreed to a 7-day truce.", vocabulary=vocab)
    assert [(m.kind.value, m.text) for m in ms] == [("party", "NVM"), ("duration", "7-day truce")]
    assert not [m for m in extract("The NVM agreed.") if m.kind is MentionKind.PARTY]


@pytest.mark.parametrize(
    "text",
    [
        "Call +972 2 555 0134 or 050-555-0134.",
        "Phase 1 is followed by Phase 2.",
        "Resolution 2735 endorsed the plan.",
        "This was the 16th round and the 2nd phase.",
        "The 2014 war and the 1949 lines.",
        "F-16 jets and a 19-year-old.",
        "Prices rose 300 percent; $2 billion in aid.",
    ],
)
def test_negatives_produce_no_quantity(text: str) -> None:
    """Phone numbers, labels, ordinals, years, model names, ages and money are not counts."""
    assert [m for m in extract(text) if m.kind is MentionKind.QUANTITY] == []
    assert [m for m in extract(text) if m.kind is MentionKind.DAY_REFERENCE] == []


def test_seed_article() -> None:
    """The seed article yields the figures the issue lists, each tied to its words."""
    text = SEED.read_text("utf-8")
    ms = extract(text, published=PUB)
    for m in ms:
        assert text[m.start : m.end] == m.text
    got = {(m.kind.value, m.text, m.canonical()) for m in ms}
    for expected in [
        ("duration", "42-day phase", "P42D"),
        ("date", "January 19", "2025-01-19"),
        ("quantity", "33 Israeli captives", "exact 33"),
        ("quantity", "approximately 1,900 Palestinian prisoners", "approximate 1900"),
        ("date", "Monday", "2025-02-03"),
        ("date", "last week", "week 2025-01-27"),
        ("duration", "up to another year", "P1Y"),
        ("party", "Egyptian", "mediator:Egypt"),
        ("party", "Hamas", "party:Hamas"),
        ("party", "Israeli", "party:Israel"),
    ]:
        assert expected in got


def test_mention_to_dict_is_json_friendly() -> None:
    import json

    ms = extract("Approximately 1,900 prisoners from January 19.", published=PUB)
    data = json.loads(json.dumps([m.to_dict() for m in ms]))
    assert data[0]["value"] == "approximately 1,900 prisoners"
    assert data[1]["value"] == "2025-01-19"


@pytest.mark.parametrize(
    ("text", "value"),
    [("thirty-three", 33), ("two dozen", 24), ("a hundred", 100), ("1,900", 1900),
     ("1.5 million", 1_500_000), ("two hundred and fifty thousand", 250_000), ("ninety", 90)],
)  # fmt: skip
def test_number_words(text: str, value: int) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("bad", ["thirty thirty", "one two", "", "hundred", "abc", "1,2345"])
def test_number_words_refuse_leftovers(bad: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_number(bad)
    assert repr(bad) in str(info.value)


def test_ordinals() -> None:
    assert [parse_ordinal(s) for s in ("16th", "sixteenth", "forty-second", "1st")] == [
        16, 16, 42, 1,
    ]  # fmt: skip


@pytest.mark.parametrize("bad", [None, 42, b"bytes"])
def test_non_string_input_is_refused_with_library_error(bad: object) -> None:
    with pytest.raises(CeasefireTermsError):
        extract(bad)  # type: ignore[arg-type]


def test_bad_published_is_refused() -> None:
    with pytest.raises(ParseError) as info:
        extract("x", published="yesterday")
    assert "'published'" in str(info.value)
