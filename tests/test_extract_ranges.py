"""Ranges and comparatives: one mention per stated interval, with each end open or closed as
the words say (``Quantity.bounds``)."""

from __future__ import annotations

import pytest

from ceasefire_terms.extraction import extract
from ceasefire_terms.model.quantity import Bounds, Quantity

CASES = [
    # one-sided comparatives
    ("The base hosts greater than 4,565 displaced people.", "greater than 4,565 displaced people",
     "more_than 4565", Bounds(4565, None, False, False)),
    ("Exceeding 150 child soldiers were freed.", "Exceeding 150 child soldiers",
     "more_than 150", Bounds(150, None, False, False)),
    ("UN agencies want x>10 convoys a week.", ">10 convoys a week",
     "more_than 10 per week", Bounds(10, None, False, False)),
    ("Monitors recorded 200 or more violations.", "200 or more violations",
     "at_least 200", Bounds(200, None, True, False)),
    ("Each camp gets equal to or less than 30 rations.", "equal to or less than 30 rations",
     "at_most 30", Bounds(None, 30, False, True)),
    ("They hold 30 neighbourhoods at most.", "30 neighbourhoods at most",
     "at_most 30", Bounds(None, 30, False, True)),
    ("Checkpoints shall number below 10 in all.", "below 10",
     "fewer_than 10", Bounds(None, 10, False, False)),
    ("Weapons above 100 mm are withdrawn.", "above 100 mm",
     "more_than 100", Bounds(100, None, False, False)),
    # two-sided
    ("More than 10 and less than 40 monitors will deploy.",
     "More than 10 and less than 40 monitors", "range 10-40", Bounds(10, 40, False, False)),
    ("Chad received above 1000 and below 1500 refugees a day.",
     "above 1000 and below 1500 refugees a day", "range 1000-1500 per day",
     Bounds(1000, 1500, False, False)),
    ("Teams have a minimum of 4 and a maximum of 8 observers.",
     "a minimum of 4 and a maximum of 8 observers", "range 4-8", Bounds(4, 8, True, True)),
    ("Between 20 and 30 community leaders will sit.", "Between 20 and 30 community leaders",
     "range 20-30", Bounds(20, 30, True, True)),
    ("They removed 1000 - 5000 devices.", "1000 - 5000 devices", "range 1000-5000",
     Bounds(1000, 5000, True, True)),
    ("They removed 1000–5000 devices.", "1000–5000 devices", "range 1000-5000",
     Bounds(1000, 5000, True, True)),
    ("A force of 3 to 5 thousand troops is envisaged.", "3 to 5 thousand troops",
     "range 3000-5000", Bounds(3000, 5000, True, True)),
    ("in batches of between twenty (20) and forty (40) persons.",
     "between twenty (20) and forty (40) persons", "range 20-40", Bounds(20, 40, True, True)),
    # "to" hyphenated to its ends
    ("Then two-to-three hundred fighters withdrew.", "two-to-three hundred fighters",
     "range 200-300", Bounds(200, 300, True, True)),
    ("The plan sends 10-to-20 trucks a day.", "10-to-20 trucks a day", "range 10-20 per day",
     Bounds(10, 20, True, True)),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "span", "canonical", "bounds"), CASES)
def test_bounds_as_stated(sentence: str, span: str, canonical: str, bounds: Bounds) -> None:
    qs = [m for m in extract(sentence) if m.kind.value == "quantity"]
    assert [m.text for m in qs] == [span]
    assert qs[0].canonical() == canonical
    assert isinstance(qs[0].value, Quantity)
    assert qs[0].value.bounds() == bounds


def test_an_open_range_admits_only_the_inner_whole_counts() -> None:
    (m,) = extract("more than 10 and fewer than 20 observation posts")
    assert isinstance(m.value, Quantity)
    assert m.value.interval() == (11, 19)
    assert m.hedge == "more than"


@pytest.mark.parametrize(
    "sentence", ["The home side won 3-1 on Sunday.", "a 5 to 2 vote", "a 5-to-1 vote"]
)
def test_a_falling_pair_is_not_a_range(sentence: str) -> None:
    for m in extract(sentence):
        assert not (isinstance(m.value, Quantity) and m.value.kind.value == "range"), m


def test_an_upper_hedge_does_not_start_a_two_sided_range() -> None:
    qs = [m.text for m in extract("up to 6 delegates and fewer than 10 guards")]
    assert qs == ["up to 6 delegates", "fewer than 10 guards"]


def test_evaluate_scores_bounds_with_their_open_ends() -> None:
    from ceasefire_terms.extraction.evaluate import BOUNDS, evaluate_rows

    text = "More than 10 and less than 40 monitors will deploy."
    gold = {
        "kind": "quantity",
        "start": 0,
        "end": 38,
        "value": "range 10-40",
        "bounds": {"low": 10, "high": 40, "low_closed": False, "high_closed": False},
    }
    report = evaluate_rows([{"id": "r", "text": text, "mentions": [gold]}])
    assert report.scores["quantity"].f1 == 1.0
    assert report.scores[BOUNDS].f1 == 1.0
    # the same span and canonical value with closed ends is a quantity match but a bounds miss
    closed = {**gold, "bounds": {**gold["bounds"], "low_closed": True, "high_closed": True}}
    report = evaluate_rows([{"id": "r", "text": text, "mentions": [closed]}])
    assert report.scores["quantity"].f1 == 1.0
    assert report.scores[BOUNDS].f1 == 0.0
    assert BOUNDS in report.table()


# ---------------------------------------------------------------- general English (general.jsonl)
@pytest.mark.parametrize(
    ("text", "span", "bounds"),
    [
        ("groups of 5+ people", "5+ people", Bounds(5, None, True, False)),
        ("1,000+ runners", "1,000+ runners", Bounds(1000, None, True, False)),
        ("30 plus people", "30 plus people", Bounds(30, None, True, False)),
        ("as many as 200 people", "as many as 200 people", Bounds(None, 200, False, True)),
        ("20 or so people", "20 or so people", Bounds(20, 20, True, True)),
        ("20-odd people", "20-odd people", Bounds(20, 20, True, True)),
        ("from 5 through 9 patients", "from 5 through 9 patients", Bounds(5, 9, True, True)),
        ("from 10 up to 20 riders", "from 10 up to 20 riders", Bounds(10, 20, True, True)),
        ("two to three hundred workers", "two to three hundred workers",
         Bounds(200, 300, True, True)),
        ("at least 3 and fewer than 7 ships", "at least 3 and fewer than 7 ships",
         Bounds(3, 7, True, False)),
        ("the interval 10 < x < 20", "10 < x < 20", Bounds(10, 20, False, False)),
        ("1 ≤ n ≤ 9 items", "1 ≤ n ≤ 9 items", Bounds(1, 9, True, True)),
        ("0 <= x < 5", "0 <= x < 5", Bounds(0, 5, True, False)),
    ],
)  # fmt: skip
def test_general_bounds(text: str, span: str, bounds: Bounds) -> None:
    got = [(m.text, m.value.bounds()) for m in extract(text) if isinstance(m.value, Quantity)]
    assert got == [(span, bounds)]


@pytest.mark.parametrize(
    "sentence",
    ["They were given a week to prepare.", "It ended a week to the day after it began."],
)
def test_a_length_with_a_before_to_and_no_second_length_is_not_read(sentence: str) -> None:
    """ "a week" with no cue word before it is a length only when a longer one follows "to"
    (tests/test_extract_duration_bounds.py has those ranges)."""
    assert [m for m in extract(sentence) if m.kind.value == "duration"] == []
