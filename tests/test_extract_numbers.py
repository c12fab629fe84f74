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
