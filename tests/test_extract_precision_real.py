"""Quantity precision on real text nobody here wrote (PA-X summaries, UCDP comments, the
quotes of the bundled agreements, the seed article), against hand judgements.

See tests/data/extract_real_judgements.md for the sources and how the judgements were made.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ceasefire_terms.extraction import extract

DATA = Path(__file__).resolve().parent / "data" / "extract_real_judgements.jsonl"
TARGET = 0.90


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in DATA.read_text("utf-8").splitlines() if line.strip()]


def test_judgements_match_their_text(rows: list[dict[str, Any]]) -> None:
    assert len(rows) >= 100
    for row in rows:
        for j in row["judgements"]:
            assert row["text"][j["start"] : j["end"]] == j["text"], row["id"]
            assert isinstance(j["is_count"], bool) and j["why"], row["id"]


def test_quantity_precision_on_real_text(rows: list[dict[str, Any]]) -> None:
    found = counts = 0
    unjudged: list[str] = []
    for row in rows:
        judged = {(j["start"], j["end"]): j["is_count"] for j in row["judgements"]}
        for m in extract(row["text"]):
            if m.kind.value != "quantity":
                continue
            found += 1
            verdict = judged.get((m.start, m.end))
            if verdict is None:
                unjudged.append(f"{row['id']}: {m.text!r}")
            counts += bool(verdict)
    assert not unjudged, f"judge these new mentions in {DATA.name}: {unjudged}"
    assert found >= 30
    assert counts / found >= TARGET, f"precision {counts}/{found}"


def test_the_judged_counts_are_still_found(rows: list[dict[str, Any]]) -> None:
    """Precision must not be bought by dropping counts: the spans judged counts must still be
    found. One count is judged under two spans (the old short "six" and today's "six more
    West Bank towns"), so exactly one judged span may be missing; a second one fails."""
    judged_counts = {
        (row["id"], j["start"], j["end"])
        for row in rows
        for j in row["judgements"]
        if j["is_count"]
    }
    found = {
        (row["id"], m.start, m.end)
        for row in rows
        for m in extract(row["text"])
        if m.kind.value == "quantity"
    }
    assert len(judged_counts - found) <= 1, sorted(judged_counts - found)
