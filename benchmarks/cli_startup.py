"""What shell completion and the width-fitted tables cost the command line (issue #15): a
script that measures and prints, not a test.

Measured in one run, interleaved (each round runs every variant once, in turn), as wall
time of a fresh process, best and median of ``--rounds``:

- ``python -c pass``: the interpreter alone, the floor;
- ``--version``, ``--help`` and ``timeline --example gaza-2025`` as shipped (completion on);
- the same with completion turned off in that process (``app._add_completion = False``,
  typer's own switch, set only here), the baseline for what completion adds;
- ``timeline --example gaza-2025`` with ``COLUMNS=80`` (the folded layout: both layouts are
  laid out once more to count their lines) and ``COLUMNS`` unset, piped (no limit: one
  layout, no measuring).

In process, best of 200: building the command (``typer.main.get_command``) with completion
on and off, which is what completion adds to every start.

Usage::

    python benchmarks/cli_startup.py [--rounds 9]

Prints each variant's times and the ratios completion on / off and folded / unlimited.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

MAIN = (
    "import sys\n"
    "from ceasefire_terms.cli import app as cli\n"
    "{switch}"
    "sys.argv = ['ceasefire-terms', *sys.argv[1:]]\n"
    "cli.main()\n"
)
OFF = "cli.app._add_completion = False\n"


def _variants() -> dict[str, tuple[list[str], dict[str, str]]]:
    py = sys.executable
    on, off = MAIN.format(switch=""), MAIN.format(switch=OFF)
    piped = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    narrow = piped | {"COLUMNS": "80"}
    gaza = ["timeline", "--example", "gaza-2025"]
    return {
        "python -c pass": ([py, "-c", "pass"], piped),
        "--version (completion on)": ([py, "-c", on, "--version"], piped),
        "--version (completion off)": ([py, "-c", off, "--version"], piped),
        "--help (completion on)": ([py, "-c", on, "--help"], narrow),
        "--help (completion off)": ([py, "-c", off, "--help"], narrow),
        "timeline, piped, unlimited (on)": ([py, "-c", on, *gaza], piped),
        "timeline, piped, unlimited (off)": ([py, "-c", off, *gaza], piped),
        "timeline, COLUMNS=80 (on)": ([py, "-c", on, *gaza], narrow),
    }


def _best(f: Callable[[], object], n: int = 200) -> float:
    ts = []
    for _ in range(n):
        start = time.perf_counter()
        f()
        ts.append(time.perf_counter() - start)
    return min(ts)


def _in_process() -> None:
    import typer

    from ceasefire_terms.cli.app import app

    on = _best(lambda: typer.main.get_command(app))
    app._add_completion = False  # typer's own switch, turned off only for this measure
    off = _best(lambda: typer.main.get_command(app))
    app._add_completion = True
    print(
        f"building the command in process: completion on {on * 1e3:.1f} ms, "
        f"off {off * 1e3:.1f} ms, on / off {on / off:.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    variants = _variants()
    times: dict[str, list[float]] = {k: [] for k in variants}
    for _ in range(args.rounds):
        for name, (cmd, env) in variants.items():
            start = time.perf_counter()
            done = subprocess.run(cmd, env=env, capture_output=True, check=False)
            times[name].append(time.perf_counter() - start)
            if done.returncode != 0:
                sys.exit(f"{name} failed ({done.returncode}): {done.stderr.decode()[-300:]}")
    print(f"{'variant':36} {'best s':>8} {'median s':>9}")
    for name, ts in times.items():
        print(f"{name:36} {min(ts):8.3f} {statistics.median(ts):9.3f}")

    def ratio(a: str, b: str) -> str:
        return f"{statistics.median(times[a]) / statistics.median(times[b]):.3f}"

    print()
    print(
        "completion on / off, --version:",
        ratio("--version (completion on)", "--version (completion off)"),
    )
    print(
        "completion on / off, --help:   ",
        ratio("--help (completion on)", "--help (completion off)"),
    )
    print(
        "completion on / off, timeline: ",
        ratio("timeline, piped, unlimited (on)", "timeline, piped, unlimited (off)"),
    )
    _in_process()
    print(
        "timeline folded at 80 / unlimited:",
        ratio("timeline, COLUMNS=80 (on)", "timeline, piped, unlimited (on)"),
    )


if __name__ == "__main__":
    main()
