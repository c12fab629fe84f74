"""Time extraction on 1 MB of adversarial text, on one core.

Usage: python benchmarks/extract_speed.py [--size BYTES] [--repeat N]

The text mixes what makes naive patterns slow: long digit runs, digit runs grouped by
commas, repeated hedge words, runs of commas and dashes, number words without end, and a
share of ordinary agreement sentences so that every recogniser is exercised. Prints the
seconds per megabyte for each ingredient and for the mixture.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time

from ceasefire_terms.extraction import extract

SENTENCE = (
    "The initial 42-day phase includes the release of 33 Israeli captives in exchange for "
    "approximately 1,900 Palestinian prisoners; talks begin no later than the 16th day of "
    "the first phase, on Monday, 600 trucks a day, between 1,700 and 2,000 detainees. "
)

INGREDIENTS: dict[str, str] = {
    "digit run": "1234567890" * 100 + " ",
    "comma-grouped digits": "1" + ",000" * 300 + " ",
    "repeated hedges": "approximately about more than at least up to nearly " * 20,
    "commas": ", " * 200 + ",,,,,,,,,," * 50,
    "dashes and slashes": "-/-/:-.-" * 100 + " ",
    "number words": "thirty-three hundred and " * 40,
    "day words": "day day the day of the day " * 40,
    "agreement sentences": SENTENCE * 3,
}


def build(size: int, parts: list[str]) -> str:
    chunk = "".join(parts)
    return (chunk * (size // len(chunk) + 1))[:size]


def timed(text: str, repeat: int) -> tuple[float, int]:
    best = float("inf")
    n = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        n = len(extract(text, published=dt.date(2025, 2, 3)))
        best = min(best, time.perf_counter() - t0)
    return best, n


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=float, default=1.0, help="seconds allowed for the mix")
    args = parser.parse_args(argv)
    for name, part in INGREDIENTS.items():
        secs, n = timed(build(args.size, [part]), args.repeat)
        print(f"{name:<22} {args.size / 1e6:.1f} MB  {secs:6.3f} s  {n:>7} mentions")
    adversarial = [p for k, p in INGREDIENTS.items() if k != "agreement sentences"]
    secs, n = timed(build(args.size, adversarial), args.repeat)
    print(f"{'adversarial mix':<22} {args.size / 1e6:.1f} MB  {secs:6.3f} s  {n:>7} mentions")
    secs2, n2 = timed(build(args.size, list(INGREDIENTS.values())), args.repeat)
    print(f"{'mix with sentences':<22} {args.size / 1e6:.1f} MB  {secs2:6.3f} s  {n2:>7} mentions")
    if secs > args.limit:
        print(f"adversarial mix took {secs:.3f} s, over the {args.limit} s limit")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
