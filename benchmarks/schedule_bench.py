"""Speed of the ETH/PRIO schedule comparison (ceasefire_terms.datasets.schedule).

Usage: python benchmarks/schedule_bench.py [--rows 4000] [--repeat 3]

Builds a file of about the full dataset's size (~4,000 rows) from the real sample rows
(tests/data/ethprio_sample.csv): copy i gets fresh ``uniq_id``s and every date moved i days
later, so the date engine meets new (start, duration) pairs as in the real data. Measures, in
the same run: reading the text with ``csv.DictReader`` (the baseline), ``schedule()`` with a
cold and a warm engine cache, and ``schedule_frame()``; prints rows/s and each ratio to the
baseline.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ceasefire_terms.datasets import schedule as sched

SAMPLE = Path(__file__).resolve().parent.parent / "tests" / "data" / "ethprio_sample.csv"
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
    rows = sched.read_csv_rows(SAMPLE)
    big = [_shift(rows[i % len(rows)], i // len(rows), i // len(rows)) for i in range(n)]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(big)
    return buffer.getvalue()


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

    def read() -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO(text, newline="")))

    rows = read()

    def cold() -> None:
        sched._engine_ends.cache_clear()
        sched.schedule(rows)

    results = sched.schedule(rows)
    timings = {
        "csv.DictReader (baseline)": best(read, args.repeat),
        "schedule(), cold engine cache": best(cold, args.repeat),
        "schedule(), warm engine cache": best(lambda: sched.schedule(rows), args.repeat),
        "schedule_frame(results)": best(lambda: sched.schedule_frame(results), args.repeat),
    }
    base = timings["csv.DictReader (baseline)"]
    print(f"{len(rows)} rows built from {SAMPLE.name}; best of {args.repeat}")
    for name, t in timings.items():
        print(f"{name:<32} {t:8.3f} s {len(rows) / t:>10,.0f} rows/s {t / base:8.1f}x baseline")
    s = sched.summarize(results)
    print(f"effective: {s.by_status['effective']}; engine calls cached: "
          f"{sched._engine_ends.cache_info().currsize}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
