"""Actor precision on an annotated corpus of agreement news (tests/data/actors/corpus.txt).

The corpus marks gold actor mentions as ``[[words]]`` or ``[[words|Canonical Name]]``; its
header states what is gold. Two readings are scored: what :func:`extract` returns, and the
same mentions kept only where :meth:`Vocabulary.accepts` allows the name in its context (as
:func:`draft_from_text` does). Only the ``dev`` split is scored here; the ``blind`` split is
scored once, by ``benchmarks/actors_quality.py --blind``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from ceasefire_terms.extraction import extract
from ceasefire_terms.extraction.mentions import MentionKind
from ceasefire_terms.extraction.vocabulary import Vocabulary, ucdp_conflicts

CORPUS = Path(__file__).resolve().parent / "data" / "actors" / "corpus.txt"
#: sentences naming armed groups of many UCDP conflicts (issue #12's actor list)
CONFLICTS = CORPUS.parent / "conflicts.txt"
_MARK = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]+))?\]\]")
TARGET = 0.95


@dataclass(frozen=True)
class Sentence:
    split: str
    text: str
    gold: frozenset[tuple[int, int, str]]  # (start, end, canonical name)


def parse(line: str) -> Sentence:
    """One corpus line: "<split> | <marked text>"."""
    split, _, marked = line.partition(" | ")
    out: list[str] = []
    gold: set[tuple[int, int, str]] = set()
    pos = 0
    length = 0
    for m in _MARK.finditer(marked):
        out.append(marked[pos : m.start()])
        length += m.start() - pos
        words = m.group(1)
        gold.add((length, length + len(words), m.group(2) or words))
        out.append(words)
        length += len(words)
        pos = m.end()
    out.append(marked[pos:])
    return Sentence(split.strip(), "".join(out), frozenset(gold))


def load(*splits: str, corpus: Path = CORPUS) -> list[Sentence]:
    lines = corpus.read_text("utf-8").splitlines()
    rows = [parse(x) for x in lines if x.strip() and not x.startswith("#")]
    return [r for r in rows if r.split in splits]


@dataclass(frozen=True)
class Score:
    found: int
    correct: int
    gold: int
    gold_listed: int  # gold mentions of actors the default vocabulary lists
    errors: tuple[str, ...]

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0

    @property
    def recall_listed(self) -> float:
        return self.correct / self.gold_listed if self.gold_listed else 1.0


def score(rows: list[Sentence], *, guarded: bool) -> Score:
    vocab = Vocabulary.default()
    found = correct = gold = listed = 0
    errors: list[str] = []
    for row in rows:
        got = {
            (m.start, m.end, str(m.value))
            for m in extract(row.text)
            if m.kind is MentionKind.PARTY
            and (not guarded or vocab.accepts(row.text, m.start, m.end))
        }
        found += len(got)
        correct += len(got & row.gold)
        gold += len(row.gold)
        listed += sum(1 for g in row.gold if g[2] in vocab.by_name)
        errors.extend(
            f"false: {row.text[a:b]!r} as {v} in {row.text!r}" for a, b, v in got - row.gold
        )
        errors.extend(
            f"missed: {row.text[a:b]!r} ({v}) in {row.text!r}"
            for a, b, v in row.gold - got
            if v in vocab.by_name
        )
    return Score(found, correct, gold, listed, tuple(errors))


def recognised_conflicts(rows: list[Sentence]) -> tuple[set[str], set[str]]:
    """(each recognised actor's first conflict, every conflict of every recognised actor)
    over the gold mentions that extract() finds with the right actor."""
    vocab = Vocabulary.default()
    first: set[str] = set()
    every: set[str] = set()
    for row in rows:
        got = {(m.start, m.end, str(m.value)) for m in extract(row.text)}
        for _a, _b, name in row.gold & got:
            conflicts = ucdp_conflicts(vocab.by_name[name])
            if conflicts:
                first.add(conflicts[0])
                every.update(conflicts)
    return first, every


def test_corpus_is_well_formed() -> None:
    rows = load("dev", "blind")
    assert len(rows) >= 100
    blind = [r for r in rows if r.split == "blind"]
    assert 0.25 <= len(blind) / len(rows) <= 0.35
    negatives = [r for r in rows if not r.gold]
    assert len(negatives) >= 15
    vocab = Vocabulary.default()
    for row in rows:
        assert "[[" not in row.text and "]]" not in row.text, row.text
        for a, b, name in row.gold:
            words = row.text[a:b]
            # the marked words are in the text, and a listed name is the vocabulary's own
            assert words and words == words.strip(), row.text
            actor = vocab.actor_for(words.removesuffix("'s"))
            if actor is not None:
                assert actor.name == name, (words, name, actor.name)
    conflicts = {g[2] for r in rows for g in r.gold}
    assert len(conflicts) >= 60, "actors from many conflicts"


def test_parse_offsets() -> None:
    s = parse("dev | [[Armenian|Armenia]] and [[Azerbaijan]] agreed.")
    assert s.text == "Armenian and Azerbaijan agreed."
    assert sorted(s.gold) == [(0, 8, "Armenia"), (13, 23, "Azerbaijan")]


def test_dev_precision_with_context_meets_target() -> None:
    result = score(load("dev"), guarded=True)
    print(
        f"\ndev, accepted in context: P {result.precision:.3f} R {result.recall:.3f} "
        f"(listed actors R {result.recall_listed:.3f}), {result.found} found, "
        f"{result.gold} gold"
    )
    assert result.precision >= TARGET, "\n".join(result.errors)
    assert result.recall_listed >= 0.90, "\n".join(result.errors)


def test_context_only_removes_false_mentions(monkeypatch: pytest.MonkeyPatch) -> None:
    """The context rules (applied inside extract()) never drop a gold mention on dev, and
    they remove the negatives' false ones: compared with extract() with the rules off."""
    guarded = score(load("dev"), guarded=False)
    monkeypatch.setattr(Vocabulary, "accepts", lambda self, text, start, end: True)
    raw = score(load("dev"), guarded=False)
    print(f"\ndev, without the context rules: P {raw.precision:.3f} R {raw.recall:.3f}")
    assert guarded.correct == raw.correct
    assert guarded.found < raw.found
    assert guarded.precision > raw.precision


@pytest.mark.parametrize("row", [r for r in load("dev") if not r.gold], ids=lambda r: r.text[:40])
def test_negative_sentences_name_no_actor(row: Sentence) -> None:
    vocab = Vocabulary.default()
    accepted = [
        m.text
        for m in extract(row.text)
        if m.kind is MentionKind.PARTY and vocab.accepts(row.text, m.start, m.end)
    ]
    assert accepted == []


REAL_TEXT = CORPUS.parent / "real_text.jsonl"


def real_text_precision(*, guarded: bool) -> tuple[int, int, list[str]]:
    """(found, judged actors among them, mentions found that nobody judged)."""
    import json

    vocab = Vocabulary.default()
    found = good = 0
    unjudged: list[str] = []
    for line in REAL_TEXT.read_text("utf-8").splitlines():
        row = json.loads(line)
        text = row["text"]
        judged = {(j["start"], j["end"], j["value"]): j["is_actor"] for j in row["judged"]}
        for m in extract(text):
            if m.kind is not MentionKind.PARTY:
                continue
            if guarded and not vocab.accepts(text, m.start, m.end):
                continue
            found += 1
            key = (m.start, m.end, str(m.value))
            if key not in judged:
                unjudged.append(f"{row['dataset']} {row['id']} {row['column']}: {m.text!r}")
                continue
            good += judged[key]
    return found, good, unjudged


def test_real_text_judged_spans_match() -> None:
    import json

    rows = [json.loads(x) for x in REAL_TEXT.read_text("utf-8").splitlines()]
    judged = [j for r in rows for j in r["judged"]]
    assert len(judged) >= 100
    for r in rows:
        for j in r["judged"]:
            assert r["text"][j["start"] : j["end"]] == j["text"]
            assert j["why"]


def test_precision_on_real_agreement_text() -> None:
    """Every actor mention found in the judged real text (PA-X descriptions and titles,
    UCDP comments) has a judgement, and at least 95% of those kept in context are actors."""
    found, good, unjudged = real_text_precision(guarded=True)
    raw_found, raw_good, _ = real_text_precision(guarded=False)
    print(
        f"\nreal text: extract() P {raw_good / raw_found:.3f} ({raw_good}/{raw_found}); "
        f"in context P {good / found:.3f} ({good}/{found})"
    )
    assert unjudged == [], "judge these mentions in real_text.jsonl"
    assert good / found >= TARGET


# -- the conflicts corpus (actors of many UCDP conflicts) ---------------------------------
def test_conflicts_corpus_is_well_formed() -> None:
    rows = load("dev", "blind", corpus=CONFLICTS)
    assert len(rows) >= 150
    blind = [r for r in rows if r.split == "blind"]
    assert 0.25 <= len(blind) / len(rows) <= 0.35
    assert len([r for r in rows if not r.gold]) >= 15, "look-alike sentences"
    vocab = Vocabulary.default()
    for row in rows:
        assert "[[" not in row.text and "]]" not in row.text, row.text
        for a, b, name in row.gold:
            # a group's name is the vocabulary's, or the group is not listed; a listed word
            # that means another group here is marked with that group's name ("the
            # [[RPF|Rwandan Patriotic Front]] took Kigali", "the [[OAS|Organization of
            # American States]]")
            words = row.text[a:b]
            listed = vocab.actor_for(words.removesuffix("'s"))
            assert name in vocab.by_name or listed is None or name != words, (words, name)


def test_conflicts_dev_precision_and_coverage() -> None:
    """On the dev split: precision >= 0.95 with the look-alikes, recall >= 0.90 of the
    actors the vocabulary lists, and actors of at least 70 distinct UCDP conflicts found
    (counting each actor's first conflict only; dev is 70% of the corpus, whose target is
    100)."""
    rows = load("dev", corpus=CONFLICTS)
    result = score(rows, guarded=True)
    first, every = recognised_conflicts(rows)
    print(
        f"\nconflicts dev: P {result.precision:.3f} R {result.recall:.3f} (listed "
        f"{result.recall_listed:.3f}); conflicts {len(first)} (first), {len(every)} (all)"
    )
    assert result.precision >= TARGET, "\n".join(result.errors)
    assert result.recall_listed >= 0.90, "\n".join(result.errors)
    assert len(first) >= 70


# -- the common names corpus (news names of UCDP groups, and look-alikes) ------------------
#: sentences naming groups by their common English names (scripts/gazetteer_sources/
#: common_names.csv), and abbreviations and party names that mean something else
COMMON = CORPUS.parent / "common_names.txt"


def test_common_names_corpus_is_well_formed() -> None:
    rows = load("dev", "blind", corpus=COMMON)
    blind = [r for r in rows if r.split == "blind"]
    assert len(rows) - len(blind) >= 60 and len(blind) >= 20
    assert len([r for r in rows if not r.gold]) >= 12, "look-alike sentences"
    vocab = Vocabulary.default()
    for row in rows:
        assert "[[" not in row.text and "]]" not in row.text, row.text
        for a, b, name in row.gold:
            words = row.text[a:b]
            listed = vocab.actor_for(words.removesuffix("'s"))
            # a listed name is marked with the vocabulary's canonical name, unless it means
            # something else here ("the [[OAS|Organization of American States]]")
            assert listed is None or listed.name == name or name not in vocab.by_name, (
                words,
                name,
            )


def test_common_names_dev_precision_and_recall() -> None:
    """On the dev split: precision >= 0.95 with the look-alikes, recall >= 0.90 of the
    actors the vocabulary lists."""
    result = score(load("dev", corpus=COMMON), guarded=True)
    print(
        f"\ncommon names dev: P {result.precision:.3f} R {result.recall:.3f} (listed "
        f"{result.recall_listed:.3f}), {result.found} found, {result.gold} gold"
    )
    assert result.precision >= TARGET, "\n".join(result.errors)
    assert result.recall_listed >= 0.90, "\n".join(result.errors)
