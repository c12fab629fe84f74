"""Precision, recall and F1 per kind of the extractor on the project's annotated corpus.

Usage: python benchmarks/extract_quality.py [CORPUS] [--threshold 0.90] [--errors]

Exits 1 when any kind's F1 is below the threshold.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ceasefire_terms.extraction.evaluate import evaluate

DEFAULT = Path(__file__).resolve().parent.parent / "tests" / "data" / "extract_corpus.jsonl"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT))
    parser.add_argument("--threshold", type=float, default=0.90)
    parser.add_argument("--errors", action="store_true", help="list every disagreement")
    args = parser.parse_args(argv)
    report = evaluate(args.corpus)
    print(report.table())
    if args.errors:
        for e in report.errors:
            print(f"{e['id']} {e['error']:<14} {e['kind']:<13} {e['text']!r} = {e['value']}")
            print(f"      {e['sentence']}")
    below = report.below(args.threshold)
    if below:
        print(f"below {args.threshold}: {', '.join(below)}")
        return 1
    print(f"every kind at or above F1 {args.threshold}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
