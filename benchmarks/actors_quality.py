"""Actor recognition: precision and recall on the annotated corpus, precision on judged real
text, coverage of the datasets' conflicts, and the cost of the gazetteer.

Usage: python benchmarks/actors_quality.py [--blind]

* corpus: tests/data/actors/corpus.txt, ``dev`` split (``--blind`` also scores the blind
  split: do that once);
* real text: tests/data/actors/real_text.jsonl (PA-X descriptions and titles, UCDP
  comments), every mention found there judged by hand;
* the common names corpus: tests/data/actors/common_names.txt (groups named by their
  common English names, and look-alikes), ``dev`` split (``--blind`` also scores its blind
  split);
* the conflicts corpus: tests/data/actors/conflicts.txt (armed groups of many UCDP
  conflicts, and look-alikes), ``dev`` split (``--blind`` also scores its blind split), with
  the distinct UCDP conflicts whose actors ``extract`` recognises there (each actor's first
  conflict, and all of its conflicts);
* coverage: the distinct UCDP ``conflict_id`` and ETH/PRIO ``ucdp_acd_id`` values of the
  dataset rows in scripts/gazetteer_sources/ whose every actor (``actor_name``) is found by
  ``extract`` with the default vocabulary, and the distinct conflicts of the gazetteer's
  non-state actors (each actor's first conflict);
* cost: ``extract`` on the seed article repeated to 1 MB, with the default vocabulary and
  with the hand-written one alone (no gazetteer), in the same run.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

import yaml

import ceasefire_terms.extraction.vocabulary as vocabulary_module
from ceasefire_terms.extraction import extract
from ceasefire_terms.extraction.mentions import MentionKind
from ceasefire_terms.extraction.vocabulary import Vocabulary

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from test_actors_corpus import (  # noqa: E402
    COMMON,
    CONFLICTS,
    load,
    real_text_precision,
    recognised_conflicts,
    score,
)

from ceasefire_terms.extraction.vocabulary import gazetteer_actors, ucdp_conflicts  # noqa: E402

SOURCES = ROOT / "scripts" / "gazetteer_sources"


def found(name: str) -> bool:
    """The whole actor name is read as an actor ("Government of Sudan" via "Sudan")."""
    ms = [m for m in extract(name) if m.kind is MentionKind.PARTY]
    if not ms:
        return False
    covered = sum(m.end - m.start for m in ms)
    rest = name
    for m in ms:
        rest = rest.replace(m.text, "")
    words = [w for w in rest.replace("(", " ").replace(")", " ").split() if w[0].isupper()]
    return covered > 0 and all(w in ("Government",) for w in words)


def coverage() -> None:
    conflicts: dict[str, list[bool]] = {}
    with (SOURCES / "ucdp_pad_actors.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for name in row["actor_name"].split(","):
                conflicts.setdefault(f"UCDP {row['conflict_id']}", []).append(found(name.strip()))
    with (SOURCES / "ethprio_cfd_actors.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["ucdp_acd_id"] != "-1":
                conflicts.setdefault(f"UCDP {row['ucdp_acd_id']}", []).append(
                    found(row["actor_name"])
                )
    full = [c for c, oks in conflicts.items() if all(oks)]
    actors = [ok for oks in conflicts.values() for ok in oks]
    print(
        f"coverage: {len(full)} of {len(conflicts)} distinct conflicts in the dataset rows "
        f"have every actor found; {sum(actors)} of {len(actors)} actor names found"
    )
    missing = sorted(c for c, oks in conflicts.items() if not all(oks))
    if missing:
        print("  conflicts with an actor not found:", ", ".join(missing))
    first = {c[0] for a in gazetteer_actors() if (c := ucdp_conflicts(a))}
    every = {x for a in gazetteer_actors() for x in ucdp_conflicts(a)}
    listed = sum(1 for a in gazetteer_actors() if "UCDP Actor 22.1" in (a.source or ""))
    print(
        f"gazetteer: {len(gazetteer_actors())} actors, {listed} from the UCDP actor list; "
        f"non-state actors of {len(first)} distinct UCDP conflicts (first conflict of each), "
        f"{len(every)} (all their conflicts)"
    )


def cost() -> None:
    seed = (ROOT / "seeds" / "000_5c71c5f11eb688dd.txt").read_text("utf-8") + "\n"
    text = (seed * (1_000_000 // len(seed) + 1))[:1_000_000]
    data = yaml.safe_load((ROOT / "ceasefire_terms" / "data" / "vocabulary.yaml").read_text())
    hand = Vocabulary.from_mapping(data)
    vocabulary_module._default.cache_clear()  # time a first load, as a new process has it
    vocabulary_module._gazetteer.cache_clear()
    t0 = time.process_time()
    full = Vocabulary.default()
    _ = full.alias_index
    load_s = time.process_time() - t0
    best = {"hand-written only": float("inf"), "with gazetteer": float("inf")}
    for _ in range(4):  # interleaved, best of four: the machine may be shared
        for label, vocab in (("hand-written only", hand), ("with gazetteer", full)):
            t0 = time.process_time()
            extract(text, vocabulary=vocab)
            best[label] = min(best[label], time.process_time() - t0)
    rates = {label: 1.0 / secs for label, secs in best.items()}
    print(
        f"cost: default vocabulary loads and indexes in {load_s:.3f} s ({len(full.actors)} actors, "
        f"{len(hand.actors)} hand-written); extract on 1 MB of the seed article: "
        + ", ".join(f"{k} {v:.2f} MB/s" for k, v in rates.items())
        + f"; ratio {rates['with gazetteer'] / rates['hand-written only']:.2f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--blind", action="store_true", help="also score the blind split")
    args = parser.parse_args(argv)
    splits = ["dev", "blind"] if args.blind else ["dev"]
    for split in splits:
        rows = load(split)
        for guarded in (False, True):
            s = score(rows, guarded=guarded)
            how = "extract + accepts()" if guarded else "extract alone      "
            print(
                f"{split:<5} {how}: {len(rows)} sentences, {s.gold} gold, {s.found} found, "
                f"P {s.precision:.3f}, R {s.recall:.3f}, R on listed actors "
                f"{s.recall_listed:.3f}"
            )
            if guarded:
                for e in s.errors:
                    print("    ", e)
    for split in splits:
        rows = load(split, corpus=CONFLICTS)
        s = score(rows, guarded=True)
        first, every = recognised_conflicts(rows)
        print(
            f"conflicts {split:<5}: {len(rows)} sentences, {s.gold} gold, {s.found} found, "
            f"P {s.precision:.3f}, R {s.recall:.3f}, R on listed actors {s.recall_listed:.3f}; "
            f"actors of {len(first)} distinct conflicts recognised (first conflict of each), "
            f"{len(every)} (all)"
        )
        for e in s.errors:
            print("    ", e)
    for split in splits:
        rows = load(split, corpus=COMMON)
        s = score(rows, guarded=True)
        print(
            f"common names {split:<5}: {len(rows)} sentences, {s.gold} gold, {s.found} found, "
            f"P {s.precision:.3f}, R {s.recall:.3f}, R on listed actors {s.recall_listed:.3f}"
        )
        for e in s.errors:
            print("    ", e)
    if args.blind:
        rows = load("dev", "blind", corpus=CONFLICTS)
        first, every = recognised_conflicts(rows)
        print(f"conflicts dev+blind: actors of {len(first)} distinct conflicts ({len(every)} all)")
    for guarded in (False, True):
        n, good, unjudged = real_text_precision(guarded=guarded)
        how = "extract + accepts()" if guarded else "extract alone      "
        print(f"real text {how}: {good}/{n} judged actors, P {good / n:.3f}", end="")
        print(f" ({len(unjudged)} not judged)" if unjudged else "")
    coverage()
    cost()
    return 0


if __name__ == "__main__":
    sys.exit(main())
