"""The issue #12 extraction corpus (tests/data/extraction/): every row valid, and scores.

Three files, described in tests/data/extraction/README.md (the annotation guide):

- ``dev.jsonl``: sentences written for the corpus; scored here, each kind held to a floor.
- ``blind.jsonl``: more of the same families. It is VALIDATED here but NEVER SCORED in a test:
  the lead scores it once at the end of the issue. Do not tune on it.
- ``pax_quantities.jsonl``: the real ``description`` column of the PA-X sample (Bell, C.,
  Badanjak, S., et al., PA-X Peace Agreements Database, www.peaceagreements.org), every count
  annotated; scored here for quantities only.

Quantities are scored twice: by ``evaluate`` (kind, exact span, canonical value) and by their
stated interval (exact span, and the ``bounds`` of the gold row equal to the bounds the
extracted :class:`Quantity` states), because the canonical string cannot say whether a
range end is open.

Run with ``-s`` to see the tables.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from ceasefire_terms.extraction import extract
from ceasefire_terms.extraction.evaluate import EvalReport, KindScore, evaluate_rows
from ceasefire_terms.extraction.mentions import MentionKind
from ceasefire_terms.model.quantity import Quantity, QuantityKind

DATA = Path(__file__).resolve().parent / "data" / "extraction"
DEV = DATA / "dev.jsonl"
BLIND = DATA / "blind.jsonl"  # validated only: never scored in tests
PAX = DATA / "pax_quantities.jsonl"

FAMILIES = frozenset(
    {
        "number.decimal",
        "number.scale_words",
        "number.plural_multiplier",
        "number.long_words",
        "number.spaced_hyphen",
        "number.ordinal_dash",
        "number.unicode_digits",
        "number.vague_plural",
        "range.comparative",
        "range.two_sided",
        "duration.seconds",
        "duration.abbrev",
        "duration.unit_words",
        "duration.fraction_words",
        "duration.decimal",
        "duration.compound",
        "actor.new",
        "actor.negative",
        "trap.enumerator",
        "trap.date_part",
        "trap.page_ref",
        "trap.code",
        "trap.label",
        "trap.year",
        "trap.street",
        "trap.score",
        "trap.percent",
        "trap.money",
        "plain",  # background sentences of the register, no family of their own
    }
)

_NUM = r"(?:0|[1-9][0-9]*)(?:\.[0-9]+)?"
_PER = r"(?: per [a-z]+)?"
VALUE_FORMS: dict[str, re.Pattern[str]] = {
    "quantity": re.compile(
        rf"(?:(?:exact|approximate|nearly|more_than|at_least|at_most|fewer_than) {_NUM}"
        rf"|range {_NUM}-{_NUM}){_PER}"
    ),
    "duration": re.compile(
        r"P(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?)?"
    ),
    "date": re.compile(
        r"\d{4}(?:-\d{2}(?:-\d{2})?)?|week \d{4}-\d{2}-\d{2}|unresolved [a-zX0-9 -]+"
    ),
    "time": re.compile(r"\d{2}:\d{2}(?: [A-Za-z][A-Za-z ]*)?"),
    "day_reference": re.compile(r"day [1-9]\d*"),
    "party": re.compile(r"(?:party|mediator):\S.*"),
}
MENTION_KEYS = {"kind", "start", "end", "text", "value", "hedge", "noun"}
ISO = re.compile(
    r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?"
)

# Regression floors, measured on 2026-11-30 with the extractor as it was on main at b2ac23c
# (before any issue #12 change to ceasefire_terms/extraction/). Each floor is the F1 measured
# then minus 0.02 (the figure measured is in the comment). The extraction engineers raise a
# floor when they raise a score; a floor never goes down.
DEV_F1_FLOOR: dict[str, float] = {
    "duration": 0.580,  # 0.600 (gold 158, found 122)
    "quantity": 0.532,  # 0.553 (gold 243, found 354)
    "date": 0.784,  # 0.804 (gold 49, found 43)
    "time": 0.896,  # 0.917 (gold 12, found 12)
    "day_reference": 0.535,  # 0.556 (gold 10, found 8)
    "party": 0.489,  # 0.509 (gold 205, found 70: most new actors are not in the vocabulary)
}
DEV_BOUNDS_F1_FLOOR = 0.532  # 0.553
PAX_QUANTITY_F1_FLOOR = 0.98  # 1.000 (19 descriptions, 3 gold counts)
PAX_BOUNDS_F1_FLOOR = 0.98  # 1.000


def _read(path: Path) -> list[dict[str, Any]]:
    rows = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        assert line.strip(), f"{path.name} line {n}: blank line"
        row = json.loads(line)
        assert isinstance(row, dict), f"{path.name} line {n}: not an object"
        rows.append(row)
    return rows


def _number(s: str) -> int | float:
    x = float(s)
    return int(x) if x.is_integer() else x


def bounds_of_value(value: str) -> dict[str, Any]:
    """The interval a canonical quantity string states (a two-sided open range cannot be
    told from ``range A-B``: its gold ``bounds`` may open either end)."""
    body = value.split(" per ", maxsplit=1)[0]
    kind, _, num = body.partition(" ")
    if kind == "range":
        lo, hi = (_number(x) for x in num.split("-"))
        return {"low": lo, "high": hi, "low_closed": True, "high_closed": True}
    x = _number(num)
    return {
        "exact": {"low": x, "high": x, "low_closed": True, "high_closed": True},
        "approximate": {"low": x, "high": x, "low_closed": True, "high_closed": True},
        "nearly": {"low": x, "high": x, "low_closed": True, "high_closed": True},
        "more_than": {"low": x, "high": None, "low_closed": False, "high_closed": False},
        "at_least": {"low": x, "high": None, "low_closed": True, "high_closed": False},
        "at_most": {"low": None, "high": x, "low_closed": False, "high_closed": True},
        "fewer_than": {"low": None, "high": x, "low_closed": False, "high_closed": False},
    }[kind]


def bounds_of_quantity(q: Quantity) -> dict[str, Any]:
    """The interval an extracted :class:`Quantity` states, in the corpus's ``bounds`` shape.

    A Quantity that can state open range ends itself (``Quantity.bounds()``, being added for
    issue #12 on the numbers branch) is asked; otherwise the ends follow from its kind."""
    stated = getattr(q, "bounds", None)
    if callable(stated):
        return dict(stated()._asdict())
    if q.kind is QuantityKind.RANGE:
        return {"low": q.low, "high": q.high, "low_closed": True, "high_closed": True}
    x = q.value
    closed = {
        QuantityKind.EXACT: (x, x, True, True),
        QuantityKind.APPROXIMATE: (x, x, True, True),
        QuantityKind.NEARLY: (x, x, True, True),
        QuantityKind.MORE_THAN: (x, None, False, False),
        QuantityKind.AT_LEAST: (x, None, True, False),
        QuantityKind.AT_MOST: (None, x, False, True),
        QuantityKind.FEWER_THAN: (None, x, False, False),
    }[q.kind]
    return dict(zip(("low", "high", "low_closed", "high_closed"), closed, strict=True))


def seconds_of(iso: str) -> int | None:
    m = ISO.fullmatch(iso)
    assert m, iso
    y, mo, w, d, h, mi, s = (int(g) if g else 0 for g in m.groups())
    if y or mo:
        return None
    return w * 604_800 + d * 86_400 + h * 3_600 + mi * 60 + s


def _check_mention(where: str, text: str, m: dict[str, Any], *, kinds: set[str]) -> None:
    assert set(m) >= MENTION_KEYS, f"{where}: missing {MENTION_KEYS - set(m)}"
    assert m["kind"] in kinds, f"{where}: kind {m['kind']!r}"
    start, end = m["start"], m["end"]
    assert isinstance(start, int) and isinstance(end, int), f"{where}: offsets"
    assert 0 <= start < end <= len(text), f"{where}: offsets {start}:{end}"
    assert text[start:end] == m["text"], f"{where}: {text[start:end]!r} != {m['text']!r}"
    assert m["text"] == m["text"].strip(), f"{where}: span has outer spaces"
    assert VALUE_FORMS[m["kind"]].fullmatch(m["value"]), f"{where}: value {m['value']!r}"
    for field in ("hedge", "noun"):
        v = m[field]
        assert v is None or (isinstance(v, str) and v == v.lower() and v), f"{where}: {field}"
    if m["hedge"] is not None:
        assert m["hedge"] in m["text"].lower(), f"{where}: hedge not in span"
    if m["kind"] == "quantity":
        b = m["bounds"]
        assert set(b) == {"low", "high", "low_closed", "high_closed"}, f"{where}: bounds"
        assert b["low"] is not None or b["high"] is not None, f"{where}: empty bounds"
        if b["low"] is None:
            assert not b["low_closed"], where
        if b["high"] is None:
            assert not b["high_closed"], where
        if b["low"] is not None and b["high"] is not None:
            assert b["low"] <= b["high"], f"{where}: low > high"
        stated = bounds_of_value(m["value"])
        if m["value"].startswith("range "):
            assert (b["low"], b["high"]) == (stated["low"], stated["high"]), where
        else:
            assert b == stated, f"{where}: bounds {b} disagree with {m['value']!r}"
    if m["kind"] == "duration":
        assert m["seconds"] == seconds_of(m["value"]), f"{where}: seconds"


def _check_rows(rows: list[dict[str, Any]], *, split: str | None, kinds: set[str]) -> None:
    for row in rows:
        where = row.get("id", "?")
        text = row["text"]
        assert isinstance(text, str) and text.strip(), where
        if split is not None:
            assert row["split"] == split, where
            fams = row["families"]
            assert fams and set(fams) <= FAMILIES, f"{where}: families {fams}"
            if row["published"] is not None:
                dt.date.fromisoformat(row["published"])
        seen: set[tuple[str, int, int]] = set()
        last = -1
        for i, m in enumerate(row["mentions"]):
            _check_mention(f"{where} mention {i}", text, m, kinds=kinds)
            key = (m["kind"], m["start"], m["end"])
            assert key not in seen, f"{where}: duplicate {key}"
            seen.add(key)
            assert m["start"] >= last, f"{where}: mentions not sorted"
            last = m["start"]


@pytest.fixture(scope="module")
def dev() -> list[dict[str, Any]]:
    return _read(DEV)


@pytest.fixture(scope="module")
def blind() -> list[dict[str, Any]]:
    return _read(BLIND)


@pytest.fixture(scope="module")
def pax() -> list[dict[str, Any]]:
    return _read(PAX)


ALL_KINDS = {k.value for k in MentionKind}


def test_dev_rows_are_valid(dev: list[dict[str, Any]]) -> None:
    assert len(dev) >= 250
    _check_rows(dev, split="dev", kinds=ALL_KINDS)


def test_blind_rows_are_valid_but_not_scored(blind: list[dict[str, Any]]) -> None:
    """Only validated: the blind split is scored once by the lead, never in a test."""
    assert len(blind) >= 100
    _check_rows(blind, split="blind", kinds=ALL_KINDS)


def test_pax_rows_are_valid(pax: list[dict[str, Any]]) -> None:
    assert pax
    _check_rows(pax, split=None, kinds={"quantity"})
    for row in pax:
        assert re.fullmatch(r"pax-\d+", row["id"]), row["id"]
        assert row["source"].startswith("PA-X"), row["id"]


def test_ids_are_unique_across_files(
    dev: list[dict[str, Any]], blind: list[dict[str, Any]], pax: list[dict[str, Any]]
) -> None:
    ids = [r["id"] for r in (*dev, *blind, *pax)]
    assert len(ids) == len(set(ids))
    texts = [r["text"] for r in (*dev, *blind)]
    assert len(texts) == len(set(texts)), "a sentence appears twice"


def test_every_family_in_both_splits(
    dev: list[dict[str, Any]], blind: list[dict[str, Any]]
) -> None:
    for name, rows in (("dev", dev), ("blind", blind)):
        present = {f for r in rows for f in r["families"]}
        assert FAMILIES - present == set(), f"{name} lacks {sorted(FAMILIES - present)}"


def test_every_kind_annotated_in_both_splits(
    dev: list[dict[str, Any]], blind: list[dict[str, Any]]
) -> None:
    for rows in (dev, blind):
        assert {m["kind"] for r in rows for m in r["mentions"]} == ALL_KINDS
        assert any(not r["mentions"] for r in rows), "negative sentences"


def test_validator_rejects_a_shifted_span(dev: list[dict[str, Any]]) -> None:
    """The checks above can fail: a span moved by one character is caught."""
    row = next(r for r in dev if r["mentions"])
    bad = {**row, "mentions": [{**row["mentions"][0], "start": row["mentions"][0]["start"] + 1}]}
    with pytest.raises(AssertionError):
        _check_rows([bad], split="dev", kinds=ALL_KINDS)


def test_validator_rejects_bounds_that_disagree_with_the_value() -> None:
    m = {
        "kind": "quantity", "start": 0, "end": 12, "text": "200 or more", "value": "at_least 200",
        "hedge": "or more", "noun": None,
        "bounds": {"low": 200, "high": None, "low_closed": False, "high_closed": False},
    }  # fmt: skip
    row = {"id": "x", "split": "dev", "published": None, "families": ["range.comparative"],
           "text": "200 or more.", "mentions": [{**m, "end": 11}]}  # fmt: skip
    with pytest.raises(AssertionError, match="disagree"):
        _check_rows([row], split="dev", kinds=ALL_KINDS)


def score_bounds(rows: Iterable[dict[str, Any]]) -> KindScore:
    """Quantities matched by exact span AND equal bounds (gold ``bounds`` against the interval
    the extracted Quantity states)."""
    score = KindScore("quantity bounds")
    for row in rows:
        gold = {
            (m["start"], m["end"]): m["bounds"] for m in row["mentions"] if m["kind"] == "quantity"
        }
        found = {
            (m.start, m.end): bounds_of_quantity(m.value)
            for m in extract(row["text"], published=row.get("published"))
            if m.kind is MentionKind.QUANTITY and isinstance(m.value, Quantity)
        }
        for span, b in found.items():
            if gold.get(span) == _normal(b):
                score.true_positives += 1
            else:
                score.false_positives += 1
        score.false_negatives += sum(1 for span, b in gold.items() if _normal(found.get(span)) != b)
    return score


def _normal(b: dict[str, Any] | None) -> dict[str, Any] | None:
    if b is None:
        return None
    return {
        k: (int(v) if isinstance(v, float) and math.isfinite(v) and v.is_integer() else v)
        for k, v in b.items()
    }


def _line(s: KindScore) -> str:
    gold = s.true_positives + s.false_negatives
    found = s.true_positives + s.false_positives
    return (
        f"{s.kind:<16} gold {gold:>4}  found {found:>4}  "
        f"P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}"
    )


def test_dev_scores_hold_their_floor(dev: list[dict[str, Any]]) -> None:
    assert set(DEV_F1_FLOOR) == ALL_KINDS
    report: EvalReport = evaluate_rows(dev)
    bounds = score_bounds(dev)
    print("\nissue #12 corpus, dev.jsonl:\n" + report.table() + "\n" + _line(bounds))
    below = {
        kind: round(report.scores[kind].f1, 3)
        for kind, floor in DEV_F1_FLOOR.items()
        if report.scores[kind].f1 < floor
    }
    assert below == {}, report.table()
    assert bounds.f1 >= DEV_BOUNDS_F1_FLOOR, _line(bounds)


def family_table(rows: list[dict[str, Any]]) -> str:
    """All kinds pooled, per family: which families the extractor handles and which not."""
    lines = [f"{'family':<26} {'rows':>4} {'gold':>5} {'found':>5} {'P':>6} {'R':>6} {'F1':>6}"]
    for fam in sorted(FAMILIES):
        tagged = [r for r in rows if fam in r["families"]]
        pooled = KindScore(fam)
        scores = evaluate_rows(tagged).scores
        for s in (scores[k.value] for k in MentionKind):
            pooled.true_positives += s.true_positives
            pooled.false_positives += s.false_positives
            pooled.false_negatives += s.false_negatives
        gold = pooled.true_positives + pooled.false_negatives
        found = pooled.true_positives + pooled.false_positives
        lines.append(
            f"{fam:<26} {len(tagged):>4} {gold:>5} {found:>5} {pooled.precision:>6.3f} "
            f"{pooled.recall:>6.3f} {pooled.f1:>6.3f}"
        )
    return "\n".join(lines)


def test_dev_scores_per_family_are_printed(dev: list[dict[str, Any]]) -> None:
    """A diagnostic table (no floor): every family has rows and gold or trap content."""
    table = family_table(dev)
    print("\nissue #12 corpus, dev.jsonl, all kinds pooled per family:\n" + table)
    assert len(table.splitlines()) == len(FAMILIES) + 1


def test_pax_quantity_scores_hold_their_floor(pax: list[dict[str, Any]]) -> None:
    """Real PA-X summaries: only quantities are annotated, so only quantities are scored."""
    quantity = evaluate_rows(pax).scores["quantity"]
    bounds = score_bounds(pax)
    print(f"\nissue #12 corpus, pax_quantities.jsonl ({len(pax)} descriptions):")
    print(_line(quantity) + "\n" + _line(bounds))
    assert quantity.f1 >= PAX_QUANTITY_F1_FLOOR, _line(quantity)
    assert bounds.f1 >= PAX_BOUNDS_F1_FLOOR, _line(bounds)
