"""Benchmark of importing (and exporting) the three reference datasets at their full sizes
(a script that measures and prints; not a test).

The full releases are not in the repository, only real sample rows of each
(``tests/data/datasets/``). This script builds full-size files from those rows: each row is
repeated with a fresh id (UCDP ``paid``, PA-X ``AgtId``, ETH/PRIO ``uniq_id``; the ETH/PRIO
rows keep one actor per ceasefire, as in the sample, unless ``--actors`` says more) until the
file has the release's size: UCDP 374 rows, PA-X 2,250, ETH/PRIO 4,000. Every other cell is
the real cell, so the text, its quoting and multi-line cells are as published.

Measured in one run, on the same files, one process:

- import: ``ceasefire_terms.datasets.import_dataset`` -- read the CSV, typed records,
  agreements (validated models) with every cell kept in ``origin``;
- export: ``export_dataset`` of those agreements (each record is re-derived from its cells
  and compared with itself before its cells are written back);
- pandas: ``pandas.read_csv(path, dtype=str, keep_default_na=False)`` of the same file -- a
  reference for "parse this CSV into columns", with no typing, checking or records at all.

Usage::

    python benchmarks/datasets_bench.py [--repeat 3] [--actors 1]

Prints rows/s for each, the import/pandas time ratio, and the total import time of the three
files (the target: well under 10 s on one core).
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ceasefire_terms.datasets import export_dataset, import_dataset, read_table, write_table

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "datasets"
SOURCES = {
    "ucdp": ("ucdp_pad_221_sample.csv", "paid", 374),
    "pax": ("pax_sample.csv", "AgtId", 2250),
    "ethprio": ("ethprio_cfd_sample.csv", "uniq_id", 4000),
}


def build(name: str, out: Path, actors: int) -> int:
    """Write a full-size file of ``name`` from the sample's rows; return its row count."""
    file, id_col, size = SOURCES[name]
    table = read_table(DATA / file)
    rows = []
    i = 0
    while len(rows) < size:
        base = table.rows[i % len(table.rows)].cells
        new_id = str(100_000 + i)
        for k in range(actors if name == "ethprio" else 1):
            row = dict(base) | {id_col: new_id}
            if k:
                row["actor_name"] = f"{base['actor_name']} ({k})"
                row["ucdp_actor_id"] = str(90_000 + k)
            rows.append(row)
        i += 1
    rows = rows[:size]
    out.write_text(write_table(table.header, rows, bom=table.bom), encoding="utf-8", newline="")
    return len(rows)


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3, help="runs of each; the best is shown")
    ap.add_argument("--actors", type=int, default=1, help="ETH/PRIO rows per ceasefire")
    args = ap.parse_args()
    try:
        import pandas as pd
    except ImportError:
        pd = None
    print(f"python {platform.python_version()} on {platform.machine()}, one process")
    print(f"{'dataset':8} {'rows':>6} {'import s':>9} {'rows/s':>9} {'export s':>9} "
          f"{'pandas s':>9} {'import/pandas':>14}")  # fmt: skip
    total_import = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for name in SOURCES:
            path = Path(tmp) / f"{name}.csv"
            n = build(name, path, args.actors)
            result = import_dataset(name, path)
            assert result.read == n and result.rejected == 0, result.rejections[:1]
            assert export_dataset(name, result.agreements).encode() == path.read_bytes()
            t_imp = best(lambda name=name, path=path: import_dataset(name, path), args.repeat)
            t_exp = best(
                lambda name=name, r=result: export_dataset(name, r.agreements), args.repeat
            )
            t_pd = (
                best(
                    lambda path=path: pd.read_csv(path, dtype=str, keep_default_na=False),
                    args.repeat,
                )
                if pd is not None
                else float("nan")
            )
            total_import += t_imp
            print(
                f"{name:8} {n:6,} {t_imp:9.3f} {n / t_imp:9,.0f} {t_exp:9.3f} {t_pd:9.3f} "
                f"{t_imp / t_pd:13.1f}x"
            )
    print(f"all three imported in {total_import:.2f} s (target: well under 10 s)")
    sys.exit(0)


if __name__ == "__main__":
    main()
