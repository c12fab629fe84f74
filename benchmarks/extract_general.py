"""Scores of the extractor on the general-English set (tests/data/extraction/general.jsonl).

Usage: python benchmarks/extract_general.py [--split dev|blind|all] [--errors]

Prints, for each group of families, the F1 of the kind that group measures, with exact spans
and with overlapping spans (value always equal):

* numbers (``num.*``, ``trap.*``, ``plain``): quantities (``day_reference`` for ordinals);
* ranges (``range.*``): quantity bounds (both ends and whether each is included);
* durations (``dur.*``, ``plain``): durations.

The ``blind`` split is scored once, at the end of a piece of work, and its figures are
reported as measured (see the README beside the data).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ceasefire_terms.extraction.evaluate import (
    BOUNDS,
    DURATION_BOUNDS,
    evaluate_rows,
    load_corpus,
)

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "extraction" / "general.jsonl"

#: group -> (family prefixes, kinds scored)
GROUPS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "numbers": (("num.", "trap.", "plain"), ("quantity", "day_reference")),
    "ranges": (("range.",), ("quantity", BOUNDS)),
    "durations": (("dur.", "plain"), ("duration", DURATION_BOUNDS)),
}


def rows_of(group: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    prefixes = GROUPS[group][0]
    return [r for r in rows if any(f.startswith(prefixes) for f in r["families"])]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "blind", "all"), default="dev")
    parser.add_argument("--errors", action="store_true", help="list every disagreement")
    parser.add_argument("--family", default="", help="only rows with a family starting so")
    args = parser.parse_args(argv)
    rows = [
        r
        for r in load_corpus(DATA)
        if args.split in ("all", r["split"])
        and any(f.startswith(args.family) for f in r["families"])
    ]
    print(f"general.jsonl, split {args.split} {args.family}: {len(rows)} inputs")
    print(f"{'group':<10} {'kind':<16} {'gold':>5} {'P':>6} {'R':>6} {'F1 exact':>9} {'F1 ovl':>7}")
    for group, (_prefixes, kinds) in GROUPS.items():
        sub = rows_of(group, rows)
        exact = evaluate_rows(sub, kinds=kinds)
        ovl = evaluate_rows(sub, kinds=kinds, match="overlap")
        for kind in kinds:
            e, o = exact.scores.get(kind), ovl.scores.get(kind)
            if e is None or o is None:
                continue
            gold = e.true_positives + e.false_negatives
            print(
                f"{group:<10} {kind:<16} {gold:>5} {o.precision:>6.3f} {o.recall:>6.3f} "
                f"{e.f1:>9.3f} {o.f1:>7.3f}"
            )
        if args.errors:
            for err in ovl.errors:
                print(
                    f"   {err['id']} {err['error']:<14} {err['kind']:<15} "
                    f"{err['text']!r} = {err['value']}   | {err['sentence']}"
                )
    print("(P and R with overlapping spans)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
