"""Benchmark of the validation pipeline on synthetic records (a script that measures and
prints; not a test). ``benchmarks/real_bench.py`` measures the same paths on records shaped
like the bundled real agreements, which is what docs/performance.md quotes.

Measured in one run, on the same synthetic JSON Lines file (see
``ceasefire_terms/pipeline/synthetic.py``: 1-4 phases, exchanges, obligations, deadlines,
sources; about 2 % of lines broken in varied ways):

- bulk:    ``ceasefire_terms.validate_files`` (the library's streaming path), one process:
  every line through the model and ``check()``;
- bulk+built: the same, then every accepted record's ``agreement`` read;
- naive:   each line through ``Agreement.model_validate_json`` and ``check()``;
- msgspec: ``msgspec.json.Decoder()`` decoding each line into plain dicts and lists, with no
  type or semantic check at all: a speed-of-light reference for "decode JSON";
- bulk with 1 and 2 worker processes (``jobs``), outcomes without the parsed agreements
  (as the command line runs it);
- peak memory (max RSS of the process and of its workers) of a streaming run over
  ``--memory-n`` records, in a fresh process.

Usage::

    python benchmarks/pipeline_bench.py                  # 20,000 records
    python benchmarks/pipeline_bench.py --n 50000 --memory-n 1000000

Prints records/s, the ratios and peak memory.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import msgspec
import pydantic
from pydantic import ValidationError

import ceasefire_terms as ct
from ceasefire_terms.pipeline.synthetic import jsonl_lines

# -- the measured paths -------------------------------------------------------------------------


def run_bulk(path: Path, *, jobs: int = 1, keep: bool = True) -> tuple[int, int]:
    valid = read = 0
    for o in ct.validate_files([path], jobs=jobs, keep_agreements=keep):
        read += 1
        valid += o.ok
    return read, valid


def run_bulk_built(path: Path) -> tuple[int, int]:
    """The bulk path, then every accepted record's Agreement built (what a caller that uses
    each parsed agreement pays)."""
    valid = read = 0
    for o in ct.validate_files([path]):
        read += 1
        if o.ok:
            valid += o.agreement is not None
    return read, valid


def run_naive(path: Path) -> tuple[int, int]:
    valid = read = 0
    with open(path, "rb") as f:
        for line in f:
            read += 1
            try:
                a = ct.Agreement.model_validate_json(line)
            except ValidationError:
                continue
            valid += ct.check(a).ok
    return read, valid


def run_msgspec(path: Path) -> tuple[int, int]:
    decoder = msgspec.json.Decoder()
    valid = read = 0
    with open(path, "rb") as f:
        for line in f:
            read += 1
            try:
                decoder.decode(line)
            except msgspec.DecodeError:
                continue
            valid += 1
    return read, valid


def timed(fn: Any, *args: Any, **kw: Any) -> tuple[float, tuple[int, int]]:
    t0 = time.perf_counter()
    result = fn(*args, **kw)
    return time.perf_counter() - t0, result


def write_input(n: int, path: Path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for line in jsonl_lines(n, seed=2025, invalid_rate=0.02):
            f.write(line + "\n")


def memory_child(path: str, jobs: int) -> None:
    """Stream the file through the pipeline; print the peak RSS of this process and its
    workers in MB (Linux reports ru_maxrss in KiB)."""
    read, valid = run_bulk(Path(path), jobs=jobs, keep=False)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{read} {valid} {own:.1f} {kids:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=20_000, help="records for the speed runs")
    parser.add_argument(
        "--memory-n", type=int, default=0, help="records for the peak-memory run (0: skip)"
    )
    parser.add_argument("--memory-jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3, help="runs of each path; best kept")
    parser.add_argument("--_memory-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args._memory_child:
        memory_child(args._memory_child[0], int(args._memory_child[1]))
        return

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPU(s), {platform.system()} "
        f"{platform.release()}; Python {platform.python_version()}; "
        f"pydantic {pydantic.VERSION}; "
        f"msgspec {msgspec.__version__}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "records.jsonl"
        t_gen, _ = timed(write_input, args.n, path)
        size = path.stat().st_size
        print(f"input: {args.n:,} records, {size / 1e6:.1f} MB (generated in {t_gen:.1f} s)")

        # The paths are run in turn, --rounds times, and the best rate of each is kept, so a
        # burst of load from other processes on the machine does not favour one path.
        best: dict[str, float] = {}
        counts: dict[str, tuple[int, int]] = {}
        paths: dict[str, Any] = {
            "msgspec": run_msgspec,
            "naive": run_naive,
            "bulk": run_bulk,
            "bulk+built": run_bulk_built,
            "bulk-1proc": lambda p: run_bulk(p, jobs=1, keep=False),
            "bulk-2proc": lambda p: run_bulk(p, jobs=2, keep=False),
        }
        for _ in range(args.rounds):
            for name, fn in paths.items():
                secs, counts[name] = timed(fn, path)
                best[name] = max(best.get(name, 0.0), args.n / secs)
        assert counts["bulk"] == counts["naive"] == counts["bulk-2proc"], counts
        assert counts["bulk+built"] == counts["bulk"], counts
        for name in ("msgspec", "naive", "bulk", "bulk+built"):
            read, valid = counts[name]
            print(f"  {name:10s} {best[name]:>10,.0f} records/s  ({read:,} read, {valid:,} valid)")
        print(f"bulk / naive:   {best['bulk'] / best['naive']:.2f}x")
        print(f"bulk / msgspec: {best['bulk'] / best['msgspec']:.3f}x")
        print(
            f"bulk, every accepted Agreement built / naive: "
            f"{best['bulk+built'] / best['naive']:.2f}x"
        )
        one, two = best["bulk-1proc"], best["bulk-2proc"]
        print(
            f"bulk, verdicts only: 1 process {one:,.0f} records/s, 2 processes {two:,.0f} "
            f"records/s: {two / one:.2f}x (target >= 1.7x)"
        )
        load = os.getloadavg()
        print(f"load average at the end (1, 5, 15 min): {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")

        if args.memory_n:
            mpath = Path(tmp) / "memory.jsonl"
            write_input(args.memory_n, mpath)
            t0 = time.perf_counter()
            out = subprocess.run(
                [sys.executable, __file__, "--_memory-child", str(mpath), str(args.memory_jobs)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.split()
            secs = time.perf_counter() - t0
            read, valid, own, kids = int(out[0]), int(out[1]), float(out[2]), float(out[3])
            print(
                f"memory: {read:,} records ({mpath.stat().st_size / 1e6:,.0f} MB) with "
                f"{args.memory_jobs} process(es) in {secs:,.0f} s: peak RSS {own:.0f} MB "
                f"(main) / {kids:.0f} MB (largest worker) (target < 200 MB)"
            )


if __name__ == "__main__":
    main()
