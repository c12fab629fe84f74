"""Counts and the numbers that are not counts, in the register of agreement summaries."""

from __future__ import annotations

import pytest

from ceasefire_terms.extraction import extract


def _quantities(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.canonical()) for m in extract(text) if m.kind.value == "quantity"]


@pytest.mark.parametrize(
    "sentence",
    [
        # list enumerators
        "The agenda lists (1) implementation of the initial ceasefire; (2) participation of "
        "society; and (3) humanitarian relief.",
        "Steps: 1) notify the Mechanism; 2) report to the Commission.",
        # sections, sub-articles and codes
        "Under item (3.4.4) of the roadmap, salaries are paid.",
        "Pursuant to Article 3(2) and paragraph 4.1.2 of Annex B, the team reports.",
        "It allows 24/7 monitoring by the 5+5 Joint Military Committee.",
        # page references and abbreviated labels
        "according to the ombudsman's report (p. 187) and pp. 12-14",
        "Residents of Calle 45 No. 12-30 said so.",
        # scores, coordinates, streets, money and shares
        "The home side won 3-1 and the rematch ended 0-2.",
        "A marker was set at latitude 18.4411 and longitude 1.4078.",
        "The clinic at 221 Al-Nasr Street reopened.",
        "Agencies counted 1 trillion Congolese francs in losses.",
        "The Committee decides by a majority of two thirds.",
        "Write to PO Box 7291 for the data; the office is at 7 Rue Amilcar Cabral.",
        "It freed three billions of Sudanese pounds' worth of goods.",
        "Between 2015 and 2022 the fighting spread.",
        "It was cited as a model by 1 of the panel members.",
    ],
)
def test_numbers_that_are_not_counts(sentence: str) -> None:
    assert _quantities(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Russia will deploy 90 armoured personnel carriers.",
         [("90 armoured personnel carriers", "exact 90")]),
        ("the 1,200 ex-combatants received land", [("1,200 ex-combatants", "exact 1200")]),
        ("more than 100,000 ethnic Armenian residents left",
         [("more than 100,000 ethnic Armenian residents", "more_than 100000")]),
        ("6 previously acknowledged camps shall be transformed",
         [("6 previously acknowledged camps", "exact 6")]),
        ("sirens sounded 3 times a night", [("3 times a night", "exact 3 per night")]),
        ("they fled, of them .08 million into Ethiopia", [(".08 million", "exact 80000")]),
        ("they number 1 thousand 2 hundred and 46, the commissioner said",
         [("1 thousand 2 hundred and 46", "exact 1246")]),
        ("with 5 of the 9 districts", [("5", "exact 5"), ("9 districts", "exact 9")]),
    ],
)  # fmt: skip
def test_counts_and_their_nouns(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert _quantities(sentence) == expected


def test_a_capitalised_number_word_inside_a_name_is_not_a_count() -> None:
    assert _quantities("The military and the Three Brotherhood Alliance agreed.") == []
    assert _quantities("Three Palestinian prisoners were freed.") == [
        ("Three Palestinian prisoners", "exact 3")
    ]


@pytest.mark.parametrize(
    ("sentence", "dates"),
    [
        ("Negotiators met from August 20 to 26, 2011.",
         [("from August 20", "2011-08-20"), ("26, 2011", "2011-08-26")]),
        ("Talks ran 13-14 January 2025.",
         [("13", "2025-01-13"), ("14 January 2025", "2025-01-14")]),
        ("Attacks from 1 January to 31 March 2023 by district.",
         [("from 1 January", "2023-01-01"), ("31 March 2023", "2023-03-31")]),
        ("Between 2015 and 2022 the groups grew.", [("2015", "2015"), ("2022", "2022")]),
        ("Resolution 1701 of 2006 remains the basis.", [("2006", "2006")]),
    ],
)  # fmt: skip
def test_days_of_a_date_range_are_dates_not_counts(
    sentence: str, dates: list[tuple[str, str]]
) -> None:
    got = [(m.text, m.canonical()) for m in extract(sentence)]
    assert got == dates


def test_a_change_from_one_count_to_another_is_not_a_range() -> None:
    assert _quantities("The number of armed groups rose from 8 to 19.") == [
        ("8", "exact 8"),
        ("19", "exact 19"),
    ]


def test_a_clock_time_with_hours_and_its_zone() -> None:
    got = [(m.text, m.canonical()) for m in extract("in force at 12:00 hours local time")]
    assert got == [("12:00 hours local time", "12:00 local")]
    assert [m.canonical() for m in extract("at 11:15 a.m. local time (0915 GMT)")] == [
        "11:15 local",
        "09:15 GMT",
    ]
