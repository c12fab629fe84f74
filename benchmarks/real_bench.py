"""Speed on real-shaped records and start-up time (a script that measures and prints; not a
test). docs/performance.md quotes its ratios.

Every ratio compares two things measured in this run, interleaved (A, B, A, B, ...), keeping
the best of ``--rounds`` for each, because the machine it was written on is shared and its
speed varies by a factor of several from minute to minute:

- bulk validation on records shaped like the bundled real agreements (each one replicated
  with new ids, about 7 KB a record): ``ct.validate_files`` against the naive path
  (``Agreement.model_validate_json`` + ``check()`` per line) and against a bare JSON decode
  of the same lines (msgspec, untyped: no types, no checks); the same three again on the
  agreements imported from the real sample rows of the three reference datasets (UCDP, PA-X,
  ETH/PRIO), replicated with new ids;
- ``--jobs 2`` against one process, and Dask (2 worker processes, one task per block)
  against ``--jobs 2``, on the same file (verdicts only): a larger file of the same records
  (``--parallel-copies``, 4,500 records by default, a few seconds of work in one process),
  so that starting the worker processes is not what the ratio measures;
- ``timeline()`` per event against the same arithmetic written with the standard library;
  ``day()`` and ``status_on()`` with the timeline cached against resolving it each time
  (these in CPU time; ``benchmarks/resolver_parts.py`` splits ``resolve()`` into parts);
- YAML: libyaml against the pure-Python parser, on the bundled agreements' text;
- start-up: ``ceasefire-terms timeline examples/gaza_2025.yaml`` and ``--version`` against
  ``python -c pass``, and ``import ceasefire_terms`` against ``import pydantic``
  (``benchmarks/startup_phases.py`` splits the command's time into phases).

Usage::

    python benchmarks/real_bench.py                # 200 copies of each bundled agreement
    python benchmarks/real_bench.py --copies 50 --rounds 3 --no-dask
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from _machine import machine_line

import ceasefire_terms as ct
from ceasefire_terms import examples
from ceasefire_terms.dates.resolve import resolve
from ceasefire_terms.io import load as yaml_loading

ROOT = Path(__file__).resolve().parent.parent


def best_of(
    rounds: int,
    fns: dict[str, Callable[[], Any]],
    clock: Callable[[], float] = time.perf_counter,
) -> dict[str, float]:
    """The best time of each function over ``rounds`` interleaved runs, in seconds (wall
    time; ``clock=time.process_time`` for CPU time, for work done in this process only)."""
    best = dict.fromkeys(fns, float("inf"))
    for _ in range(rounds):
        for name, fn in fns.items():
            t0 = clock()
            fn()
            best[name] = min(best[name], clock() - t0)
    return best


# -- bulk validation -------------------------------------------------------------------------


def write_copies(path: Path, agreements: list[ct.Agreement], copies: int) -> int:
    """``agreements``, ``copies`` times, each copy with its own id, as JSON Lines; the count."""
    dumped = [a.model_dump(mode="json", exclude_none=True) for a in agreements]
    with open(path, "w", encoding="utf-8") as f:
        for k in range(copies):
            for data in dumped:
                f.write(json.dumps({**data, "id": f"{data['id']}-copy{k}"}, ensure_ascii=False))
                f.write("\n")
    return len(dumped) * copies


def write_real_shaped(path: Path, copies: int) -> int:
    """Every bundled agreement, ``copies`` times, each copy with its own id, as JSON Lines."""
    return write_copies(path, examples.load_all(), copies)


DATASETS = ROOT / "tests" / "data" / "datasets"
DATASET_SAMPLES = {
    "ucdp": "ucdp_pad_221_sample.csv",
    "pax": "pax_sample.csv",
    "ethprio": "ethprio_cfd_sample.csv",
}


def write_dataset_shaped(path: Path, copies: int) -> int:
    """Every agreement imported from the real sample rows of the three reference datasets
    (``tests/data/datasets``: UCDP, PA-X, ETH/PRIO), ``copies`` times, each copy with its own
    id, as JSON Lines: the records a pipeline validates after ``ceasefire-terms import``."""
    from ceasefire_terms.datasets import import_dataset

    imported = [
        a
        for name, file in DATASET_SAMPLES.items()
        for a in import_dataset(name, DATASETS / file).agreements
    ]
    return write_copies(path, imported, copies)


def bare_decoder() -> tuple[str, Callable[[bytes], Any]]:
    try:
        import msgspec
    except ImportError:  # pragma: no cover - the bench extra installs it
        return "json.loads (msgspec not installed)", json.loads
    return f"msgspec {msgspec.__version__}, untyped", msgspec.json.Decoder().decode


def bench_bulk(path: Path, n: int, rounds: int, what: str = "real-shaped records") -> None:
    name, decode = bare_decoder()

    def bulk() -> None:
        valid = sum(o.ok for o in ct.validate_files([path]))
        assert valid == n, valid

    def naive() -> None:
        valid = 0
        with open(path, "rb") as f:
            for line in f:
                valid += ct.check(ct.Agreement.model_validate_json(line)).ok
        assert valid == n, valid

    def bare() -> None:
        with open(path, "rb") as f:
            for line in f:
                decode(line)

    t = best_of(rounds, {"bulk": bulk, "naive": naive, "bare": bare})
    rate = {k: n / v for k, v in t.items()}
    print(
        f"\nbulk validation, {n:,} {what} "
        f"({path.stat().st_size / n / 1e3:.1f} KB each)"
    )
    print(f"  bare JSON decode ({name}) {rate['bare']:>10,.0f} records/s")
    print(f"  naive: model_validate_json + check() {rate['naive']:>8,.0f} records/s")
    print(f"  bulk: validate_files, 1 process      {rate['bulk']:>8,.0f} records/s")
    print(f"  bulk / naive:       {rate['bulk'] / rate['naive']:.2f}x  (target >= 1.00x)")
    print(f"  bulk / bare decode: {rate['bulk'] / rate['bare']:.3f}x (target >= 0.10x)")


def bench_parallel(path: Path, n: int, rounds: int, dask: bool) -> None:
    print(
        f"\nprocesses, {n:,} real-shaped records ({path.stat().st_size / 1e6:.0f} MB; verdicts "
        "only, keep_agreements=False)"
    )

    def jobs(k: int) -> Callable[[], None]:
        def run() -> None:
            read = sum(1 for _ in ct.validate_files([path], jobs=k, keep_agreements=False))
            assert read == n

        return run

    # First without a Dask cluster: its idle workers (heartbeats) take CPU from whatever runs
    # beside them, which measured --jobs 2 / 1 process 1.72x with the cluster up where it
    # was 1.80x without, in the same minutes.
    t = best_of(rounds, {"1 process": jobs(1), "--jobs 2": jobs(2)})
    print(f"  1 process {n / t['1 process']:,.0f}/s, --jobs 2 {n / t['--jobs 2']:,.0f}/s")
    print(f"  --jobs 2 / 1 process: {t['1 process'] / t['--jobs 2']:.2f}x (target >= 1.8x)")
    if not dask:
        return
    try:
        from distributed import Client, LocalCluster

        from ceasefire_terms.integrations.dask import validate_files as dask_files
        from ceasefire_terms.pipeline.parallel import RANGE_BYTES
    except ImportError:
        print("  (dask not installed: Dask not measured)")
        return
    cluster = LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",  # any free port: 8787 may be taken
    )
    client = Client(cluster)

    def on_dask() -> None:
        # 4 MiB blocks: tasks of about 0.3 s here. Dask's best practices (docs.dask.org,
        # "Best Practices" for arrays) put the scheduler's overhead at up to 1 ms a task and
        # ask for tasks of about 100 ms or more; 1 MiB blocks are about 65 ms of work here
        # and measured 1.22x against --jobs 2 where 4 MiB measured 1.16x, in the same run.
        bag = dask_files([path], blocksize=8 * RANGE_BYTES)
        assert sum(o.ok for o in bag.compute()) == n

    try:
        on_dask()  # warm the workers (imports) outside the timing
        with_cluster = best_of(rounds, {"--jobs 2": jobs(2), "dask": on_dask})
    finally:
        client.close()
        cluster.close()
    beside = with_cluster["dask"] / with_cluster["--jobs 2"]
    alone = with_cluster["dask"] / t["--jobs 2"]
    print(
        f"  Dask time / --jobs 2 time: {max(beside, alone):.2f}x (target <= 1.15x; the larger "
        f"of {beside:.2f}x against --jobs 2 run beside the idle cluster, interleaved, and "
        f"{alone:.2f}x against --jobs 2 run before the cluster started)"
    )


# -- the date engine -------------------------------------------------------------------------


def bench_timeline(rounds: int) -> None:
    agreements = examples.load_all()
    events = {a.id: resolve(a).events for a in agreements}
    n_events = sum(map(len, events.values()))
    reps = 20

    def timeline() -> None:
        for _ in range(reps):
            for a in agreements:
                resolve(a)

    def stdlib() -> None:
        # Per event, the arithmetic the engine does for it, in the standard library: a local
        # date shifted by a count of days, or a local time made aware in the zone, converted
        # to UTC and back.
        for _ in range(reps):
            for a in agreements:
                zone = ZoneInfo(a.zone)
                for e in events[a.id]:
                    if e.at is not None:
                        local = dt.datetime.combine(e.date, e.at.time(), tzinfo=zone)
                        local.astimezone(dt.UTC).astimezone(zone)
                    else:
                        e.date + dt.timedelta(days=41)

    # CPU time: on a loaded machine the wall time of the same run varied by 1.5x between
    # runs where the CPU time repeated within a few per cent
    t = best_of(rounds, {"timeline": timeline, "stdlib": stdlib}, time.process_time)
    per = {k: v / reps / n_events * 1e6 for k, v in t.items()}
    print(
        f"\ntimeline(): {n_events} events over the {len(agreements)} bundled agreements "
        "(CPU time)"
    )
    print(f"  resolve, per event:        {per['timeline']:6.1f} us")
    print(f"  stdlib arithmetic, per event: {per['stdlib']:5.2f} us")
    print(f"  ratio: {per['timeline'] / per['stdlib']:.1f}x (target <= 3x)")

    a = examples.load("gaza-2025")
    a.timeline()
    calls = 2000
    on = dt.date(2025, 2, 10)

    def day() -> None:
        for _ in range(calls):
            a.day("phase-1", 16)

    def status() -> None:
        for _ in range(calls):
            a.status_on(on)

    def day_uncached() -> None:
        for _ in range(calls // 20):
            resolve(a).day("phase-1", 16)

    t = best_of(
        rounds, {"day": day, "status": status, "uncached": day_uncached}, time.process_time
    )
    us = {k: v / calls * 1e6 for k, v in t.items()}
    us["uncached"] *= 20
    print("  gaza-2025, after a first timeline():")
    print(f"    day(): {us['day']:.1f} us, status_on(): {us['status']:.1f} us (target <= 20 us)")
    print(f"    day() resolving the timeline each call: {us['uncached']:.0f} us")


def bench_yaml(rounds: int) -> None:
    texts = [examples.text(n) for n in examples.names()]
    if yaml_loading._CSafeLoader is None:
        print("\nYAML: PyYAML has no libyaml here; only the pure-Python loader runs")
        return

    def fast() -> None:
        for text in texts:
            yaml_loading._load_yaml(text)

    def pure() -> None:
        for text in texts:
            yaml_loading._load_yaml(text, fast=False)

    t = best_of(rounds, {"libyaml": fast, "pure": pure})
    print(
        f"\nYAML, the {len(texts)} bundled agreements: pure-Python / libyaml time: "
        f"{t['pure'] / t['libyaml']:.1f}x"
    )


# -- start-up --------------------------------------------------------------------------------


def bench_startup(rounds: int) -> None:
    # As ``pip install`` does for a wheel: with an editable install and
    # PYTHONDONTWRITEBYTECODE set, every module of the package would otherwise be compiled
    # from source in every process (about 55 ms of the command here).
    compileall.compile_dir(ROOT / "ceasefire_terms", quiet=1)
    py = sys.executable
    commands = {
        "python -c pass": [py, "-c", "pass"],
        "import pydantic": [py, "-c", "import pydantic"],
        # the least any command that validates a record with pydantic must load: pydantic's
        # model machinery, with no model of ours (one tiny model class built)
        "pydantic floor": [
            py,
            "-c",
            "import pydantic\nclass M(pydantic.BaseModel):\n    x: int\nM(x=1)",
        ],
        "import ceasefire_terms": [py, "-c", "import ceasefire_terms"],
        "import + ct.Agreement": [py, "-c", "import ceasefire_terms as ct; ct.Agreement"],
        "--version": [py, "-m", "ceasefire_terms", "--version"],
        "timeline gaza_2025.yaml": [
            py,
            "-m",
            "ceasefire_terms",
            "timeline",
            "examples/gaza_2025.yaml",
        ],
    }

    def run(cmd: list[str]) -> Callable[[], None]:
        return lambda: subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)

    t = best_of(rounds, {k: run(v) for k, v in commands.items()})
    print("\nstart-up (best of the runs, ms; the package byte-compiled first):")
    for k, v in t.items():
        print(f"  {k:26s} {v * 1e3:7.1f}")
    print(
        f"  timeline / python -c pass: {t['timeline gaza_2025.yaml'] / t['python -c pass']:.1f}x"
        " (target <= 8x)"
    )
    print(
        f"  pydantic floor / python -c pass: {t['pydantic floor'] / t['python -c pass']:.1f}x "
        "(pydantic's model machinery and one tiny model: no command that validates can start "
        "in less)"
    )
    print(f"  --version / python -c pass: {t['--version'] / t['python -c pass']:.1f}x")
    print(
        f"  import ceasefire_terms / import pydantic: "
        f"{t['import ceasefire_terms'] / t['import pydantic']:.2f}x (target <= 2x)"
    )
    print(
        f"  import + first use of ct.Agreement / import pydantic: "
        f"{t['import + ct.Agreement'] / t['import pydantic']:.2f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=200, help="copies of each agreement")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved runs; best kept")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask measurement")
    parser.add_argument(
        "--parallel-copies",
        type=int,
        default=500,
        help="copies of each agreement for the --jobs and Dask comparison (0: skip it); a few "
        "seconds of work, so that starting the processes does not decide the ratio",
    )
    parser.add_argument(
        "--only", choices=["bulk", "parallel", "timeline", "yaml", "startup"], help="one part only"
    )
    args = parser.parse_args()
    print(machine_line())
    with tempfile.TemporaryDirectory() as tmp:
        if args.only in (None, "bulk"):
            path = Path(tmp) / "real.jsonl"
            n = write_real_shaped(path, args.copies)
            bench_bulk(path, n, args.rounds)
            rows = Path(tmp) / "datasets.jsonl"
            m = write_dataset_shaped(rows, max(1, args.copies * 9 // 55))
            what = "imported dataset rows (UCDP, PA-X, ETH/PRIO)"
            bench_bulk(rows, m, args.rounds, what=what)
        if args.only in (None, "parallel") and args.parallel_copies:
            big = Path(tmp) / "parallel.jsonl"
            n = write_real_shaped(big, args.parallel_copies)
            bench_parallel(big, n, args.rounds, dask=not args.no_dask)
    if args.only in (None, "timeline"):
        bench_timeline(args.rounds)
    if args.only in (None, "yaml"):
        bench_yaml(args.rounds)
    if args.only in (None, "startup"):
        bench_startup(max(args.rounds, 7))
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
