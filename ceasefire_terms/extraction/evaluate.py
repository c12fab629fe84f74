"""Measure extraction against an annotated corpus: precision, recall and F1 per kind.

A mention counts as correct only when its kind, exact span (start and end) and canonical
value (:meth:`Mention.canonical`) all equal the gold annotation. Hedges and group nouns are
scored separately, over the mentions that matched. A gold party's or mediator's name is read
through the gazetteer first, so another name of the same actor ("ELN" for the canonical
"National Liberation Army") is not counted as an error; its span and role still must match.

A quantity's gold row may also carry ``bounds`` ({"low", "high", "low_closed",
"high_closed"}, see :class:`~ceasefire_terms.model.quantity.Bounds`): the canonical string
cannot say whether a range end is open, so those quantities are scored a second time, under
the kind ``quantity_bounds``, matching on exact span and equal bounds. Durations are compared
by their ISO 8601 string with whole-number components ("1.5 hours" is ``PT1H30M``; a part of
a month stays a fraction, "P3.5M"; a range is "range P2D/P3D"); a duration's gold row may
carry ``bounds`` too, its ends as ISO strings (``"low": "P3D", "high": null``), scored
under ``duration_bounds`` against :meth:`Mention.bounds` ("at least 3 days" and "more than 3
days" have the same canonical ``P3D`` and different bounds) when ``kinds`` names it. Rows
whose gold mentions of that kind lack ``bounds`` are left out of that score.

Two options serve corpora annotated for only some kinds, or scored as public recogniser suites
are: ``kinds`` scores only those kinds (other mentions found are neither right nor wrong), and
``match="overlap"`` counts a found mention as right when its kind and value equal a gold
mention's and the two spans overlap (each gold mention matched at most once), instead of
requiring the exact span.

The corpus is JSON Lines, one sentence a line::

    {"id": "s001", "published": "2025-02-03" | null, "text": "...",
     "mentions": [{"kind": "quantity", "start": 0, "end": 19, "text": "...",
                   "value": "exact 33", "hedge": null, "noun": "captives",
                   "bounds": {"low": 33, "high": 33, "low_closed": true,
                              "high_closed": true}}]}

>>> row = {"id": "x", "published": None, "text": "Talks begin by day 16.",
...        "mentions": [{"kind": "day_reference", "start": 12, "end": 21,
...                      "value": "day 16", "hedge": "by"}]}
>>> report = evaluate_rows([row])
>>> report.scores["day_reference"].f1
1.0
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..errors import InputError, ParseError
from .engine import extract
from .mentions import Mention, MentionKind
from .vocabulary import Vocabulary

__all__ = [
    "BOUNDS",
    "DURATION_BOUNDS",
    "EvalReport",
    "KindScore",
    "Match",
    "evaluate",
    "evaluate_rows",
    "load_corpus",
]

Match = Literal["exact", "overlap"]
"""How a found mention's span must agree with the gold one: equal, or overlapping."""

BOUNDS = "quantity_bounds"
"""The score of quantities matched on exact span and stated bounds (ends and open/closed)."""

DURATION_BOUNDS = "duration_bounds"
"""The same for durations: span and stated ends (ISO strings) with open/closed."""

#: Which mention kind each bounds score reads.
_BOUNDED = {BOUNDS: MentionKind.QUANTITY, DURATION_BOUNDS: MentionKind.DURATION}


@dataclass
class KindScore:
    """Counts and scores for one kind."""

    kind: str
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    hedge_agree: int = 0
    noun_agree: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        gold = self.true_positives + self.false_negatives
        return self.true_positives / gold if gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EvalReport:
    """Scores per kind, and every disagreement for inspection."""

    scores: dict[str, KindScore]
    sentences: int
    errors: list[dict[str, Any]] = field(default_factory=list)

    def table(self) -> str:
        """A plain-text table of the scores."""
        lines = [
            f"{'kind':<15} {'gold':>5} {'found':>5} {'P':>6} {'R':>6} {'F1':>6} "
            f"{'hedge':>6} {'noun':>6}"
        ]
        for kind, s in self.scores.items():
            gold = s.true_positives + s.false_negatives
            found = s.true_positives + s.false_positives
            tp = s.true_positives or 1
            agree = (
                f"{'-':>6} {'-':>6}"
                if kind in _BOUNDED
                else f"{s.hedge_agree / tp:>6.3f} {s.noun_agree / tp:>6.3f}"
            )
            lines.append(
                f"{kind:<15} {gold:>5} {found:>5} {s.precision:>6.3f} {s.recall:>6.3f} "
                f"{s.f1:>6.3f} {agree}"
            )
        lines.append(f"({self.sentences} sentences; hedge and noun: agreement on matches)")
        return "\n".join(lines)

    def below(self, threshold: float) -> list[str]:
        """The kinds whose F1 is below ``threshold``."""
        return [k for k, s in self.scores.items() if s.f1 < threshold]


def load_corpus(path: str | Path) -> list[dict[str, Any]]:
    """Read a JSON Lines corpus, checking that every gold span matches its text."""
    try:
        lines = Path(path).read_text("utf-8").splitlines()
    except OSError as exc:
        raise InputError("must be a readable corpus file", got=str(path)) from exc
    rows: list[dict[str, Any]] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ParseError("must be one JSON object per line", path=f"line {n}") from exc
        for m in row["mentions"]:
            if "text" in m and row["text"][m["start"] : m["end"]] != m["text"]:
                raise ParseError(
                    "must have start/end matching its text",
                    path=f"line {n}",
                    got=m["text"],
                )
        rows.append(row)
    return rows


def evaluate_rows(
    rows: Iterable[Mapping[str, Any]],
    *,
    kinds: Collection[str] | None = None,
    match: Match = "exact",
) -> EvalReport:
    """Score :func:`extract` on corpus rows: only ``kinds`` when given (default: every
    kind), spans equal (``match="exact"``) or overlapping (``match="overlap"``)."""
    if match not in ("exact", "overlap"):
        raise InputError("must be 'exact' or 'overlap'", path="match", got=match)
    wanted = {k.value for k in MentionKind} if kinds is None else set(kinds)
    scores: dict[str, KindScore] = {
        k.value: KindScore(k.value) for k in MentionKind if k.value in wanted
    }
    bounds = {name: KindScore(name) for name in _BOUNDED}
    errors: list[dict[str, Any]] = []
    count = 0
    for row in rows:
        count += 1
        text = row["text"]
        golds = [_Item(m["kind"], m["start"], m["end"], _gold_value(m), m) for m in row["mentions"]]
        golds = [g for g in golds if g.kind in wanted]
        mentions = extract(text, published=row.get("published"))
        founds = [
            _Item(m.kind.value, m.start, m.end, m.canonical(), m)
            for m in mentions
            if m.kind.value in wanted
        ]
        if BOUNDS in wanted or MentionKind.QUANTITY.value in wanted:
            _score_bounds(bounds[BOUNDS], MentionKind.QUANTITY, row, mentions, errors, match)
        if DURATION_BOUNDS in wanted:  # only on request: older corpora have no duration bounds
            _score_bounds(
                bounds[DURATION_BOUNDS], MentionKind.DURATION, row, mentions, errors, match
            )
        pairs, extra, missed = _pair(golds, founds, match)
        for g, f in pairs:
            s = scores[g.kind]
            s.true_positives += 1
            m = f.source
            assert isinstance(m, Mention)
            s.hedge_agree += int(g.source.get("hedge") == m.hedge)
            s.noun_agree += int(g.source.get("noun") == m.noun)
        for f in extra:
            scores[f.kind].false_positives += 1
            errors.append(_error(row, "false positive", f))
        for g in missed:
            scores[g.kind].false_negatives += 1
            errors.append(_error(row, "missed", g))
    for name, score in bounds.items():
        if score.true_positives + score.false_positives + score.false_negatives:
            scores[name] = score
    return EvalReport(scores=scores, sentences=count, errors=errors)


def _error(row: Mapping[str, Any], error: str, item: _Item) -> dict[str, Any]:
    """One line of an evaluation's error list: the row, what went wrong and the mention."""
    text = row["text"]
    return {
        "id": row.get("id"),
        "error": error,
        "kind": item.kind,
        "text": text[item.start : item.end],
        "value": item.value,
        "sentence": text,
    }


def _gold_value(m: Mapping[str, Any]) -> Any:
    """A gold mention's value as compared: a party's or mediator's name is read through the
    gazetteer, so that the gold's name and the canonical name of the same actor compare equal
    ("party:ELN" and "party:National Liberation Army"); a name the gazetteer does not know, and
    every other kind, is compared as written."""
    value = m["value"]
    if m["kind"] != MentionKind.PARTY.value or not isinstance(value, str):
        return value
    role, sep, name = value.partition(":")
    actor = Vocabulary.default().actor_for(name) if sep else None
    return value if actor is None else f"{role}:{actor.name}"


@dataclass(frozen=True)
class _Item:
    """A gold or found mention reduced to what is compared."""

    kind: str
    start: int
    end: int
    value: Any
    source: Any  # the gold mapping or the found Mention


def _pair(
    golds: list[_Item], founds: list[_Item], match: Match
) -> tuple[list[tuple[_Item, _Item]], list[_Item], list[_Item]]:
    """Match gold and found items one to one: (pairs, found unmatched, gold unmatched)."""
    pairs: list[tuple[_Item, _Item]] = []
    left = list(founds)
    missed: list[_Item] = []
    for g in golds:
        hit = next(
            (
                f
                for f in left
                if f.kind == g.kind
                and f.value == g.value
                and (
                    (f.start, f.end) == (g.start, g.end)
                    if match == "exact"
                    else f.start < g.end and g.start < f.end
                )
            ),
            None,
        )
        if hit is None:
            missed.append(g)
        else:
            pairs.append((g, hit))
            left.remove(hit)
    return pairs, left, missed


def _end(x: Any) -> Any:
    """A bound's end as compared: numbers as floats, lengths as their ISO strings."""
    if x is None or isinstance(x, str):
        return x
    if isinstance(x, (int, float)):
        return float(x)
    return x.iso()


def _bounds_key(b: Mapping[str, Any]) -> tuple[Any, Any, bool, bool]:
    return (
        _end(b.get("low")),
        _end(b.get("high")),
        bool(b.get("low_closed")),
        bool(b.get("high_closed")),
    )


def _score_bounds(
    score: KindScore,
    kind: MentionKind,
    row: Mapping[str, Any],
    mentions: list[Mention],
    errors: list[dict[str, Any]],
    match: Match = "exact",
) -> None:
    """Mentions of ``kind`` with gold ``bounds``: span (exact or overlapping) and equal
    bounds (rows where a gold mention of that kind has no ``bounds`` are not scored here)."""
    golds = [m for m in row["mentions"] if m["kind"] == kind.value]
    if golds and any("bounds" not in m for m in golds):
        return
    name = score.kind
    gold = [_Item(name, m["start"], m["end"], _bounds_key(m["bounds"]), m) for m in golds]
    found = []
    for m in mentions:
        b = m.bounds() if m.kind is kind else None
        if b is not None:
            found.append(_Item(name, m.start, m.end, _bounds_key(b._asdict()), m))
    if not gold and not found:
        return
    pairs, extra, missed = _pair(gold, found, match)
    score.true_positives += len(pairs)
    score.false_positives += len(extra)
    score.false_negatives += len(missed)
    for what, items in (("false positive", extra), ("missed", missed)):
        for it in sorted(items, key=lambda i: (i.start, i.end)):
            errors.append(
                {
                    "id": row.get("id"),
                    "error": what,
                    "kind": name,
                    "text": row["text"][it.start : it.end],
                    "value": str(it.value),
                    "sentence": row["text"],
                }
            )


def evaluate(
    path: str | Path, *, kinds: Collection[str] | None = None, match: Match = "exact"
) -> EvalReport:
    """Score :func:`extract` on the corpus at ``path`` (options as :func:`evaluate_rows`)."""
    return evaluate_rows(load_corpus(path), kinds=kinds, match=match)
