"""Rate of ``draft_from_text`` at growing sizes, and the ratio between sizes.

Usage: python benchmarks/draft_speed.py [--sizes 0.1,0.25,1,5] [--repeat N]

Two inputs, each repeated to the size asked for:

* ``seed``: the news article the project started from (``seeds/``, real text);
* ``terms``: the seed article followed by a paragraph, written for this benchmark in
  agreement register, that exercises every drafting rule (batches, ratio rules, rates with
  parts, deadlines), so that no rule hides a scan over the whole text.

Drafting is linear when the rate (MB of text per CPU second) stays flat as the size grows:
the printed ratio is each size's rate over the rate at the smallest size, measured in the
same run (1.00 = as fast per byte; a quadratic step shows as a ratio falling with the size).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from ceasefire_terms.extraction.draft import draft_from_text

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "seeds" / "000_5c71c5f11eb688dd.txt").read_text("utf-8")
TERMS = (
    "Under the first phase, Hamas will release 33 Israeli hostages in exchange for "
    "1,900 Palestinian prisoners. Hamas will release 3 hostages on day 1 and 4 on day 7 "
    "of the first phase. Israel will release 30 prisoners for each civilian hostage. "
    "Israel must allow 600 aid trucks a day into Gaza, of which 50 carry fuel. "
    "Talks on the second phase begin no later than the 16th day of the first phase.\n"
)
INPUTS = {"seed": SEED + "\n", "terms": SEED + "\n" + TERMS}


def build(base: str, size: int) -> str:
    return (base * (size // len(base) + 1))[:size]


def rate(text: str, repeat: int) -> tuple[float, float, int]:
    """Best CPU seconds and wall seconds over ``repeat`` runs, and the number of mentions the
    draft came from. The rate is taken from CPU time: on a shared machine wall time also
    counts the other processes."""
    cpu = wall = float("inf")
    n = 0
    for _ in range(repeat):
        c0, w0 = time.process_time(), time.perf_counter()
        d = draft_from_text(text, published=dt.date(2025, 2, 3), zone="Asia/Jerusalem")
        cpu = min(cpu, time.process_time() - c0)
        wall = min(wall, time.perf_counter() - w0)
        n = len(d.mentions)
    return cpu, wall, n


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="0.1,0.25,1,5", help="sizes in MB, comma-separated")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    sizes = [float(x) for x in args.sizes.split(",")]
    head = ("input", "MB", "mentions", "cpu s", "wall s", "MB/s", "ratio")
    print("{:<6} {:>5} {:>9} {:>7} {:>7} {:>6} {:>6}".format(*head))
    for name, base in INPUTS.items():
        first: float | None = None
        for mb in sizes:
            text = build(base, int(mb * 1e6))
            cpu, wall, n = rate(text, args.repeat if mb <= 1 else 1)
            r = mb / cpu
            first = first or r
            print(f"{name:<6} {mb:>5} {n:>9} {cpu:>7.2f} {wall:>7.2f} {r:>6.3f} {r / first:>6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
