"""Extraction quality on the project's annotated corpus (tests/data/extract_corpus.jsonl).

The corpus was written for this project (no copied articles). The ``dev`` split was used while
the extractor was built; the ``heldout`` split was written afterwards and scored blind once
(see docs/extraction.md for that first score), and has been looked at since. The ``heldout2``
split was written later still, about other ceasefires, and scored blind once; its test guards
that first score rather than the 0.90 target.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ceasefire_terms.extraction.evaluate import evaluate_rows, load_corpus
from ceasefire_terms.extraction.mentions import MentionKind

CORPUS = Path(__file__).resolve().parent / "data" / "extract_corpus.jsonl"
TARGET = 0.90
DEVELOPMENT_SPLITS = ("dev", "heldout")

# First blind score of the ``heldout2`` split (96 sentences, 199 gold mentions), scored once
# with the extractor unchanged and recorded in docs/extraction.md ("Quality, measured").
# Figures are F1 as printed by EvalReport.table(), i.e. rounded to three decimals.
HELDOUT2_BLIND_F1 = {
    "duration": 0.972,
    "quantity": 0.926,
    "date": 0.976,
    "time": 1.000,
    "day_reference": 0.923,
    "party": 1.000,
}
ROUNDING = 0.0005  # the recorded figures are rounded, e.g. date 40/41 = 0.9756 -> 0.976


def _split(*names: str) -> list[dict]:
    return [r for r in load_corpus(CORPUS) if r.get("split") in names]


def test_corpus_is_large_and_covers_every_kind() -> None:
    rows = load_corpus(CORPUS)
    assert len(rows) >= 200
    kinds = {m["kind"] for r in rows for m in r["mentions"]}
    assert kinds == {k.value for k in MentionKind}
    negatives = [r for r in rows if not r["mentions"]]
    assert len(negatives) >= 20, "negative sentences (phone numbers, labels, years, ordinals)"


def test_gold_spans_match_their_text() -> None:
    for row in load_corpus(CORPUS):
        for m in row["mentions"]:
            assert row["text"][m["start"] : m["end"]] == m["text"], row["id"]


def test_f1_per_kind_meets_target() -> None:
    """Exact span + canonical value, per kind: F1 >= 0.90 (the issue's target).

    The target applies to the development corpus (``dev`` and the old ``heldout``), not to
    the later blind split ``heldout2``, which has its own guard below.
    """
    rows = _split(*DEVELOPMENT_SPLITS)
    assert len(rows) >= 200
    report = evaluate_rows(rows)
    assert report.below(TARGET) == [], report.table()


@pytest.mark.parametrize("split", DEVELOPMENT_SPLITS)
def test_f1_per_split(split: str) -> None:
    rows = _split(split)
    assert rows
    report = evaluate_rows(rows)
    assert report.below(TARGET) == [], report.table()


def test_heldout2_covers_every_kind() -> None:
    rows = _split("heldout2")
    assert len(rows) >= 60
    for kind in MentionKind:
        gold = [m for r in rows for m in r["mentions"] if m["kind"] == kind.value]
        assert len(gold) >= 10, kind.value
    assert len([r for r in rows if not r["mentions"]]) >= 10


def test_heldout2_not_below_first_blind_score() -> None:
    """Each kind's F1 on ``heldout2`` stays at or above its first blind score."""
    report = evaluate_rows(_split("heldout2"))
    assert set(report.scores) == set(HELDOUT2_BLIND_F1)
    below = {
        kind: round(score.f1, 3)
        for kind, score in report.scores.items()
        if score.f1 < HELDOUT2_BLIND_F1[kind] - ROUNDING
    }
    assert below == {}, report.table()
