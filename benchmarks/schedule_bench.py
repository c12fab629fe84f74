"""Speed of the ETH/PRIO schedule comparison (ceasefire_terms.datasets.schedule).

Usage: python benchmarks/schedule_bench.py [--rows 4000] [--repeat 3]

Builds a file of about the full dataset's size (~4,000 rows) from the real sample rows
(tests/data/datasets/ethprio_cfd_sample.csv): copy i gets fresh ``uniq_id``s and every date
moved i days later, so the date engine meets new (start, duration) pairs as in the real data.
Measures, in the same run: reading the text with the datasets reader ``read_table_text`` (the
baseline), ``schedule()`` over the table with a cold and a warm engine cache, ``schedule()``
over the imported agreements (what the JSON Lines of ``import ethprio`` give), and
``schedule_frame()``; prints rows/s and each ratio to the baseline.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ceasefire_terms.datasets import import_dataset, read_table, read_table_text, write_table
from ceasefire_terms.datasets import schedule as sched

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "datasets"
SAMPLE = DATA / "ethprio_cfd_sample.csv"
_DATES = ("cf_dec", "cf_effect", "end")


def _shift(row: dict[str, str], days: int, copy: int) -> dict[str, str]:
    out = dict(row)
    out["uniq_id"] = f"{row['uniq_id']}{copy:04d}"
    for p in _DATES:
        y, m, d = (row[f"{p}_{x}"] for x in ("yr", "month", "day"))
        if min(int(y), int(m), int(d)) < 1:
            continue  # unknown, month precision or not recorded: kept as published
        day = dt.date(int(y), int(m), int(d)) + dt.timedelta(days=days)
        out[f"{p}_yr"], out[f"{p}_month"], out[f"{p}_day"] = (
            str(day.year), str(day.month), str(day.day))  # fmt: skip
    return out


def build(n: int) -> str:
    table = read_table(SAMPLE)
    rows = [r.cells for r in table.rows]
    big = [_shift(rows[i % len(rows)], i // len(rows), i // len(rows)) for i in range(n)]
    return write_table(table.header, big)


def best(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=4000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    text = build(args.rows)

    def read() -> Any:
        return read_table_text(text)

    table = read()
    rows = table.rows
    agreements = import_dataset("ethprio", table).agreements

    def cold() -> None:
        sched._engine_ends.cache_clear()
        sched.schedule(table)

    results = sched.schedule(table)
    assert sched.schedule(agreements) == results  # one reading of the cells, whatever the form
    timings = {
        "read_table_text (baseline)": best(read, args.repeat),
        "schedule(table), cold cache": best(cold, args.repeat),
        "schedule(table), warm cache": best(lambda: sched.schedule(table), args.repeat),
        "schedule(agreements), warm": best(lambda: sched.schedule(agreements), args.repeat),
        "schedule_frame(results)": best(lambda: sched.schedule_frame(results), args.repeat),
    }
    base = timings["read_table_text (baseline)"]
    print(f"{len(rows)} rows built from {SAMPLE.name}; best of {args.repeat}")
    for name, t in timings.items():
        print(f"{name:<32} {t:8.3f} s {len(rows) / t:>10,.0f} rows/s {t / base:8.1f}x baseline")
    s = sched.summarize(results)
    print(f"effective: {s.by_status['effective']}; engine calls cached: "
          f"{sched._engine_ends.cache_info().currsize}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
