"""This checkout against another version of the library, in one process (a script that
measures and prints ratios; not a test). docs/performance.md quotes it for before/after.

On a shared machine, two versions timed in separate runs minutes apart are not comparable:
the speed of the machine changes more than the code does. This script imports the other
version's package under another name (a copy in a temporary directory, ``ct_other``), next
to this one, and times both interleaved (other, this, other, this, ...), keeping the best of
``--rounds`` for each:

- ``resolve()`` per event, over the bundled agreements;
- the naive path (``Agreement.model_validate_json`` + ``check()`` per line) and the bulk path
  (``validate_files``, 1 process), on the real-shaped records of ``real_bench.py``;
- the naive path's two halves on their own: ``model_validate_json`` per line, and
  ``check()`` on agreements just validated (nothing resolved yet), on the real-shaped records
  and on the agreements imported from the three datasets' sample rows; and validation of
  those imported agreements once each, with the caches of texts read (moments, periods,
  quantities) emptied before every run, so that no reading is served from a cache filled
  by an earlier copy of the same record.

Usage::

    git worktree add /tmp/parent HEAD~3        # or any checkout of another version
    python benchmarks/ab_versions.py /tmp/parent [--copies 40] [--rounds 7]
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import ceasefire_terms as this

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _machine import machine_line  # noqa: E402
from real_bench import write_dataset_shaped, write_real_shaped  # noqa: E402


def best_of(rounds: int, fns: dict[str, Callable[[], Any]]) -> dict[str, float]:
    """The best time of each function over ``rounds`` interleaved runs, in seconds; the
    garbage of the previous run is collected first, so that no run pays for another's. A
    function that returns a float has timed itself (a part of its work): that is its time."""
    best = dict.fromkeys(fns, float("inf"))
    for _ in range(rounds):
        for name, fn in fns.items():
            gc.collect()
            t0 = time.perf_counter()
            timed = fn()
            elapsed = timed if isinstance(timed, float) else time.perf_counter() - t0
            best[name] = min(best[name], elapsed)
    return best


TEXT_CACHES = (
    ("model.when", "_plain_text"),
    ("model.periods", "_parse_period_cached"),
    ("model.quantity", "_parse_quantity_cached"),
)
"""The caches of texts read, by module and name (a version may lack one)."""


def clear_text_caches(package: ModuleType) -> None:
    for module, name in TEXT_CACHES:
        cached = getattr(importlib.import_module(f"{package.__name__}.{module}"), name, None)
        if cached is not None:
            cached.cache_clear()


def load_other(checkout: Path, tmp: Path) -> ModuleType:
    """The package of another checkout, importable as ``ct_other`` (its imports are
    relative, so a renamed copy is self-contained)."""
    src = checkout / "ceasefire_terms"
    if not (src / "__init__.py").is_file():
        raise SystemExit(f"{checkout}: no ceasefire_terms package there")
    shutil.copytree(src, tmp / "ct_other", ignore=shutil.ignore_patterns("__pycache__"))
    sys.path.insert(0, str(tmp))
    return importlib.import_module("ct_other")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("other", type=Path, help="a checkout of the other version")
    parser.add_argument("--copies", type=int, default=40, help="copies of each agreement")
    parser.add_argument("--rounds", type=int, default=7, help="interleaved runs; best kept")
    args = parser.parse_args()
    print(machine_line())
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        other = load_other(args.other.resolve(), tmp)
        versions = {"other": other, "this": this}
        agreements = {
            k: importlib.import_module(f"{m.__name__}.examples").load_all()
            for k, m in versions.items()
        }
        resolvers = {
            k: importlib.import_module(f"{m.__name__}.dates.resolve").resolve
            for k, m in versions.items()
        }
        n_events = sum(len(resolvers["this"](a).events) for a in agreements["this"])
        path = tmp / "real.jsonl"
        n = write_real_shaped(path, args.copies)
        rows = tmp / "datasets.jsonl"
        n_rows = write_dataset_shaped(rows, max(1, args.copies * 9 // 55))
        once = tmp / "datasets-once.jsonl"
        n_once = write_dataset_shaped(once, 1)
        files = {"real": (path, n), "rows": (rows, n_rows), "once": (once, n_once)}
        reps = 20

        def resolve(k: str) -> Callable[[], None]:
            def run() -> None:
                for _ in range(reps):
                    for a in agreements[k]:
                        resolvers[k](a)

            return run

        def naive(k: str) -> Callable[[], None]:
            m: Any = versions[k]

            def run() -> None:
                with open(path, "rb") as f:
                    valid = sum(m.check(m.Agreement.model_validate_json(line)).ok for line in f)
                assert valid == n

            return run

        def bulk(k: str) -> Callable[[], None]:
            m: Any = versions[k]

            def run() -> None:
                assert sum(o.ok for o in m.validate_files([path])) == n

            return run

        def validate(k: str, which: str) -> Callable[[], None]:
            m: Any = versions[k]
            file, _ = files[which]

            def run() -> None:
                if which == "once":
                    clear_text_caches(m)
                with open(file, "rb") as f:
                    for line in f:
                        m.Agreement.model_validate_json(line)

            return run

        def check(k: str, which: str) -> Callable[[], float]:
            m: Any = versions[k]
            file, count = files[which]

            def run() -> float:
                with open(file, "rb") as f:
                    fresh = [m.Agreement.model_validate_json(line) for line in f]
                gc.collect()
                t0 = time.perf_counter()
                assert sum(m.check(a).ok for a in fresh) == count
                return time.perf_counter() - t0

            return run

        fns: dict[str, Callable[[], Any]] = {}
        for k in versions:
            fns |= {f"resolve {k}": resolve(k), f"naive {k}": naive(k), f"bulk {k}": bulk(k)}
            for which in files:
                fns[f"validate {which} {k}"] = validate(k, which)
                if which != "once":
                    fns[f"check {which} {k}"] = check(k, which)
        for fn in fns.values():  # warm up: build validators, fill caches
            fn()
        t = best_of(args.rounds, fns)
    print(f"\nresolve(), {n_events} events of the bundled agreements, per event:")
    print(
        f"  other {t['resolve other'] / reps / n_events * 1e6:.2f} us, "
        f"this {t['resolve this'] / reps / n_events * 1e6:.2f} us: "
        f"this / other time {t['resolve this'] / t['resolve other']:.3f}x"
    )
    print(f"\n{n:,} real-shaped records, per record:")
    for path_name in ("naive", "bulk"):
        a, b = t[f"{path_name} other"], t[f"{path_name} this"]
        print(
            f"  {path_name:5s} other {a / n * 1e6:6.0f} us, this {b / n * 1e6:6.0f} us: "
            f"this / other time {b / a:.3f}x"
        )
    print(
        f"  bulk / naive speed: other {t['naive other'] / t['bulk other']:.3f}x, "
        f"this {t['naive this'] / t['bulk this']:.3f}x"
    )
    print(
        f"\nthe naive path's halves, per record ({n:,} real-shaped records; {n_rows:,} "
        "records imported from the datasets' sample rows):"
    )
    for which, count in (("real", n), ("rows", n_rows), ("once", n_once)):
        for half in ("validate", "check"):
            if f"{half} {which} this" not in t:
                continue
            a, b = t[f"{half} {which} other"], t[f"{half} {which} this"]
            print(
                f"  {half:8s} {which}: other {a / count * 1e6:6.0f} us, "
                f"this {b / count * 1e6:6.0f} us: this / other time {b / a:.3f}x"
            )
    print(f"  ('once': the {n_once} imported records once each, text caches emptied first)")
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
