"""The numbers family: digits, decimals, number words, multipliers, dashes, ordinals and
digits of other scripts, read by ``extract.numbers`` and found in running text."""

from __future__ import annotations

import pytest

from ceasefire_terms.errors import ParseError
from ceasefire_terms.extraction import extract, parse_number, parse_ordinal

NUMBERS = [
    # decimals
    (".08", 0.08),
    ("9.2321312", 9.2321312),
    ("1.5", 1.5),
    ("1,900.5", 1900.5),
    # digits with scale words
    ("3 hundred and 21", 321),
    ("322 hundred", 32200),
    ("1 trillion", 10**12),
    ("one trillion", 10**12),
    ("1.5 million", 1_500_000),
    ("2 hundred thousand", 200_000),
    # plural multipliers
    ("3 dozens", 36),
    ("three billions", 3 * 10**9),
    ("three thousand millions", 3 * 10**9),
    # long number words
    ("thirty-one million two hundred fifty-six thousand seven hundred twenty-one", 31_256_721),
    ("nine hundred ninety-nine thousand nine hundred ninety-nine", 999_999),
    # spaced hyphens and other dashes
    ("fifty - two", 52),
    ("fifty–two", 52),
    ("twentyfive", 25),
    # other scripts' decimal digits
    ("٣٣", 33),
    ("１２", 12),
    ("၁၀", 10),
]


@pytest.mark.parametrize(("text", "value"), NUMBERS)
def test_parse_number_families(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("twenty—fifth", 25), ("twentyfifth", 25), ("twenty - fifth", 25), ("forty-second", 42)],
)
def test_parse_ordinal_dashes_and_glued(text: str, value: int) -> None:
    assert parse_ordinal(text) == value


@pytest.mark.parametrize(
    "text", ["one two", "thirty thirty", "two million three million", "²", "3.4.4", "fifty -two"]
)
def test_not_one_number(text: str) -> None:
    with pytest.raises(ParseError, match="must be a number"):
        parse_number(text)


def _quantities(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.canonical()) for m in extract(text) if m.kind.value == "quantity"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The mission deployed 3 hundred and 21 observers.",
            [("3 hundred and 21 observers", "exact 321")],
        ),
        ("They counted 3 dozens observers.", [("3 dozens observers", "exact 36")]),
        ("There were .08 deaths per patrol.", [(".08 deaths", "exact 0.08")]),
        ("fifty - two monitors arrived", [("fifty - two monitors", "exact 52")]),
        (
            "thirty-one million two hundred fifty-six thousand seven hundred twenty-one voters",
            [
                (
                    "thirty-one million two hundred fifty-six thousand seven hundred twenty-one"
                    " voters",
                    "exact 31256721",
                )
            ],
        ),
        ("Some ٣٣ prisoners were freed.", [("Some ٣٣ prisoners", "approximate 33")]),
        ("１２ hostages were freed.", [("１２ hostages", "exact 12")]),
    ],
)
def test_numbers_in_running_text(text: str, expected: list[tuple[str, str]]) -> None:
    assert _quantities(text) == expected


def test_a_footnote_marker_is_not_a_number_and_never_raises() -> None:
    # the example: str.isdigit accepts "²" but int() does not
    ms = extract("The truce began in January ² (see note).")
    assert [m.kind.value for m in ms] == ["date"]
    assert _quantities("About 400 troops² were withdrawn.") == [
        ("About 400 troops", "approximate 400")
    ]


def test_ordinal_day_with_an_em_dash_or_glued() -> None:
    got = [(m.text, m.canonical()) for m in extract("on the twenty—fifth day of the truce")]
    assert got == [("the twenty—fifth day of the truce", "day 25")]
    assert [m.canonical() for m in extract("by the twentyfifth day")] == ["day 25"]


def test_scores_counts_only_as_scores_of() -> None:
    assert _quantities("scores of civilians fled") == [("scores of civilians", "at_least 40")]
    assert _quantities("the scores were level") == []


# ---------------------------------------------------------------- general English (general.jsonl)
GENERAL_NUMBERS = [
    ("1/2", 0.5),
    ("3/4", 0.75),
    ("2 1/2", 2.5),
    ("1 1/4", 1.25),
    ("1½ million", 1_500_000),
    ("half a million", 500_000),
    ("half a billion", 500_000_000),
    ("half a dozen", 6),
    ("a quarter of a million", 250_000),
    ("one and a half million", 1_500_000),
    ("two and a half thousand", 2_500),
    ("2 and a half million", 2_500_000),
    ("a couple of", 2),
    ("3 200", 3_200),
    ("1 234 567", 1_234_567),
    ("3\u202f200", 3_200),
    ("1,5 million", 1_500_000),  # a decimal comma: a thousands comma needs three digits
    ("12,25 billion", 12_250_000_000),
    ("3,5 millions", 3_500_000),
    ("1,500 million", 1_500_000_000),
]


@pytest.mark.parametrize(("text", "value"), GENERAL_NUMBERS)
def test_parse_fractions_parts_and_grouped_digits(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["24/7", "9/11", "5/3", "3/4/2021", "12 345 6789"])
def test_slashes_that_are_not_fractions(text: str) -> None:
    with pytest.raises(ParseError):
        parse_number(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The town has half a million residents.",
         [("half a million residents", "exact 500000")]),
        ("A couple of friends came over.", [("A couple of friends", "exact 2")]),
        ("Half a dozen cars were parked outside.", [("Half a dozen cars", "exact 6")]),
        ("The company employs 3 200 workers.", [("3 200 workers", "exact 3200")]),
        ("Add 1/2 cup of sugar.", [("1/2 cup", "exact 0.5")]),
        ("The race drew 10k runners.", [("10k runners", "exact 10000")]),
        ("The city has 1.2m people.", [("1.2m people", "exact 1200000")]),
        # not counts: negatives, ordinals, shares of a whole, clock times, product numbers,
        # a race ("10k run"); and a letter that is a unit of length, not a multiplier
        ("The temperature fell to -5 degrees overnight.", []),
        ("At \u221212 degrees the pipes froze.", []),
        ("The account showed a balance of minus 300.", []),
        ("She finished twenty\u2014fifth in the race.", []),
        ("He was ranked thirty-second.", []),
        ("1/2 of the people left early.", []),
        ("We met at 6 o'clock.", []),
        ("The iPhone 12 sold well.", []),
        ("It is a 10k run.", []),
        ("They built a 5m wall.", [("5m", "exact 5")]),  # five metres, not five million
    ],
)  # fmt: skip
def test_general_numbers_in_running_text(text: str, expected: list[tuple[str, str]]) -> None:
    assert _quantities(text) == expected


def test_a_day_reference_keeps_its_ordinal() -> None:
    got = [(m.kind.value, m.canonical()) for m in extract("on the twenty\u2014fifth day")]
    assert got == [("day_reference", "day 25")]


def test_repr_shows_every_digit_and_the_kind_of_a_vague_plural() -> None:
    (m,) = extract("He ran 9.2321312 km")
    assert repr(m.value) == "Quantity('9.2321312 km')"
    (m,) = extract("Scores of people were injured.")
    assert repr(m.value) == "Quantity('at least 40 people')"
    assert m.hedge == "scores"
    (m,) = extract("We need 200 or more volunteers.")
    assert repr(m.value) == "Quantity('at least 200 volunteers')"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pages 10-20 list them.", []),
        ("See sections 3 and 4.", []),
        ("The book has 300 pages.", [("300 pages", "exact 300")]),
        ("The plan has 12 points.", [("12 points", "exact 12")]),
        ("a few hundred people", [("a few hundred people", "at_least 200")]),
        ("several thousand people", [("several thousand people", "at_least 2000")]),
        ("It is 30km away.", [("30km", "exact 30")]),
        ("a month or two", []),
    ],
)
def test_plural_labels_vague_multipliers_and_glued_measures(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _quantities(text) == expected


def test_an_age_is_not_a_duration() -> None:
    assert extract("She is 7 years old.") == []
