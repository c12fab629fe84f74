"""Where the time of the naive path goes, step by step, on the real-shaped records of
``real_bench.py`` and on the agreements imported from the three datasets' sample rows (a
script that measures and prints shares; not a test). docs/performance.md quotes it.

Each step is timed on its own, in CPU time (``time.process_time``: on a shared machine the
CPU time of unchanged code repeats far better than wall time), best of ``--rounds``:

- ``Agreement.model_validate_json`` per line;
- resolving the timeline with amendments (the one ``check()`` keeps on the agreement);
- resolving the original timeline, for the records whose moved terms carry published dates
  (the only ones ``check()`` asks it for);
- the rest of ``check()``, with both timelines already kept.

Usage::

    python benchmarks/naive_parts.py [--copies 20] [--rounds 7]
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import ceasefire_terms as ct
from ceasefire_terms.validation.checks import _moved_readings

sys.path.insert(0, str(Path(__file__).resolve().parent))
from real_bench import write_dataset_shaped, write_real_shaped


def _best(rounds: int, step: Callable[[], float]) -> float:
    return min(step() for _ in range(rounds))


def parts(path: Path, rounds: int) -> dict[str, float]:
    """Seconds per record of each step, best of ``rounds``."""
    lines = path.read_bytes().splitlines()

    def fresh() -> list[ct.Agreement]:
        return [ct.Agreement.model_validate_json(line) for line in lines]

    def needs_original(a: ct.Agreement) -> bool:
        moved = {am.target for am in a.amendments}
        return bool(moved) and _moved_readings(a, moved)

    def timed(fn: Callable[[], object]) -> float:
        gc.collect()
        t0 = time.process_time()
        fn()
        return time.process_time() - t0

    def validate() -> float:
        return timed(fresh)

    def amended() -> float:
        agreements = fresh()
        return timed(lambda: [a._kept_timeline(True) for a in agreements])

    def original() -> float:
        agreements = [a for a in fresh() if needs_original(a)]
        return timed(lambda: [a._kept_timeline(False) for a in agreements])

    def rest() -> float:
        agreements = fresh()
        for a in agreements:
            a._kept_timeline(True)
            if needs_original(a):
                a._kept_timeline(False)
        return timed(lambda: [ct.check(a) for a in agreements])

    steps = {
        "model_validate_json": validate,
        "timeline (amended)": amended,
        "original timeline": original,
        "rest of check()": rest,
    }
    fresh()  # build the validators, fill the caches
    return {name: _best(rounds, step) / len(lines) for name, step in steps.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=20, help="copies of each agreement")
    parser.add_argument("--rounds", type=int, default=7, help="runs of each step; best kept")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        real = Path(tmp) / "real.jsonl"
        rows = Path(tmp) / "rows.jsonl"
        files = {
            "real-shaped records": (real, write_real_shaped(real, args.copies)),
            "imported dataset rows": (rows, write_dataset_shaped(rows, args.copies * 9 // 55 or 1)),
        }
        for what, (path, n) in files.items():
            per = parts(path, args.rounds)
            total = sum(per.values())
            print(f"\n{n:,} {what}: {total * 1e6:.0f} us a record (CPU), of which")
            for name, seconds in per.items():
                print(f"  {name:22s} {seconds * 1e6:6.1f} us  {seconds / total:5.1%}")
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
