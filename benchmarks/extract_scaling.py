"""Does extraction stay linear as the text grows? Rate at 0.1 MB, 5 MB and 50 MB of real text.

Usage: python benchmarks/extract_scaling.py [--sizes 0.1,5,50] [--repeat N] [--gc]

The text is real agreement text nobody here wrote (the PA-X summaries, UCDP comments,
agreement quotes and seed article in tests/data/extract_real_judgements.jsonl), repeated to
each size. Prints, per size: CPU seconds of this process (``time.process_time``, so that
other work on a shared machine does not count), MB/s, mentions/s and the rate as a ratio of
the 0.1 MB rate measured in the same run (1.00 = perfectly linear). ``--gc`` also times the same
text with the garbage collector left running during extraction (what ``extract`` did before
issue #12), for comparison.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path

from ceasefire_terms.extraction import extract, scanner

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "extract_real_judgements.jsonl"


def corpus() -> str:
    rows = [json.loads(line) for line in DATA.read_text("utf-8").splitlines() if line.strip()]
    return "\n\n".join(r["text"] for r in rows) + "\n\n"


def build(size: int, base: str) -> str:
    return (base * (size // len(base) + 1))[:size]


def timed(text: str, repeat: int) -> tuple[float, int]:
    best, n = float("inf"), 0
    for _ in range(repeat):
        gc.collect()
        t0 = time.process_time()
        n = len(extract(text))
        best = min(best, time.process_time() - t0)
    return best, n


def run(sizes: list[float], repeat: int, label: str) -> None:
    base = corpus()
    first_rate: float | None = None
    print(f"{label}")
    print(f"{'size':>8} {'cpu s':>8} {'MB/s':>7} {'mentions/s':>11} {'vs 0.1 MB':>9}")
    for mb in sizes:
        text = build(int(mb * 1_000_000), base)
        secs, n = timed(text, repeat if mb < 1 else 1)
        rate = len(text) / 1e6 / secs
        first_rate = first_rate or rate
        print(f"{mb:>6g}MB {secs:>8.2f} {rate:>7.3f} {n / secs:>11,.0f} {rate / first_rate:>9.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.1,5,50")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--gc", action="store_true", help="also time with the collector running")
    args = parser.parse_args(argv)
    sizes = [float(s) for s in args.sizes.split(",")]
    run(sizes, args.repeat, "extract (collector paused while scanning, as shipped)")
    if args.gc:
        paused = scanner.pause_collector
        scanner.pause_collector = scanner.keep_collector
        try:
            run(sizes, args.repeat, "the same, collector left running (the old behaviour)")
        finally:
            scanner.pause_collector = paused
    return 0


if __name__ == "__main__":
    sys.exit(main())
