"""Where the start-up time of ``ceasefire-terms timeline FILE`` goes, phase by phase (issue
#14): a script that measures and prints, not a test. docs/performance.md quotes it.

Each round runs, in turn, each in a fresh process: ``python -c pass`` (the floor), the real
command (``python -m ceasefire_terms timeline examples/gaza_2025.yaml``, output piped), and a
probe that does the command's work step by step and times each step's CPU time with
``time.process_time`` (the process's own time, which other processes on a busy machine
disturb far less than wall time). The command is timed both ways: wall time and its CPU time
(user + system, from ``getrusage``). The best of ``--rounds`` is kept for every figure,
because the machine this was written on is shared and its speed varies from minute to
minute.

The probe's steps, in the order the command meets them:

- the third-party imports the command cannot do without (pydantic's model machinery, typer,
  rich's console and table, PyYAML) and pydantic's plugin discovery (it scans every
  installed distribution's entry points when the first validator is built);
- the package's own modules: the model classes (built without their validators), the date
  engine, the command line (``ceasefire_terms.cli.app``);
- what the command does when it runs: typer building the command it needs, reading the YAML,
  validating (the first validation builds the validators), resolving the timeline, drawing
  the table.

The package is byte-compiled first (``compileall``), as ``pip install`` does for an installed
wheel: with ``PYTHONDONTWRITEBYTECODE`` set and an editable install, Python compiles every
module of the package from source on every run, which ``--no-compile`` leaves in (it then
shows as part of the package's own phases).

Usage::

    python benchmarks/startup_phases.py [--rounds 9] [--tree PATH] [--compare PATH] [--no-compile]

``--tree`` measures another copy of the repository than this one; ``--compare`` measures a
second copy alongside it, interleaved (say, the parent commit unpacked in ``/tmp``), for a
before/after comparison in one run (A is ``--tree``, B is ``--compare``). The probe and the
command run with the working directory and ``PYTHONPATH`` set to each tree.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILE = "examples/gaza_2025.yaml"

# The probe prints one "name<TAB>seconds" line per step. It uses only names that every
# version of the package since the lazy package import has, so that --tree can measure an
# older copy with it.
PROBE = f"""
import time
_t = time.process_time()
_marks = []
def mark(name):
    global _t
    now = time.process_time()
    _marks.append((name, now - _t))
    _t = now
import contextlib, io, json, pathlib, re, typing, enum, dataclasses
mark("stdlib modules (typing, re, json, pathlib ...)")
import pydantic.main, pydantic.fields, pydantic.types
mark("pydantic: model machinery")
import typer, typer.main
mark("typer")
import rich.console, rich.table, rich.text
mark("rich: console, table")
import yaml
mark("PyYAML")
from pydantic.plugin._loader import get_plugins
list(get_plugins())
mark("pydantic: plugin discovery (entry points)")
import ceasefire_terms.model.agreement
mark("ceasefire_terms: model classes")
import ceasefire_terms.dates.resolve
mark("ceasefire_terms: date engine (+ dateutil)")
import ceasefire_terms.io.load
from ceasefire_terms.cli import app as cli
mark("ceasefire_terms: cli (app, common, command modules)")
from pathlib import Path
from ceasefire_terms.io.load import read_yaml
from ceasefire_terms.model.agreement import Agreement
group = typer.main.get_command(cli.app)
command = group.get_command(group.context_class(group), "timeline")
mark("typer: building the commands")
data = read_yaml(Path({FILE!r}).read_text(encoding='utf-8-sig'))
mark("reading the YAML file")
Agreement.model_rebuild()
mark("building the Agreement validator")
agreement = Agreement.model_validate(data)
mark("validating (and building nested validators)")
timeline = agreement.timeline()
mark("resolving the timeline")
console = rich.console.Console(file=io.StringIO(), width=cli.UNLIMITED_WIDTH, soft_wrap=True)
console.print(cli.timeline_table(timeline, None))
mark("drawing the table")
for name, seconds in _marks:
    print(f"{{name}}\\t{{seconds!r}}")
"""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, str]:
    """Run ``cmd``; its wall time, its CPU time (user + system) and its standard output."""
    cpu = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    took = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)[:60]} failed ({done.returncode}): {done.stderr[-400:]}")
    return took, _children_cpu() - cpu, done.stdout


class Tree:
    """One copy of the repository, measured: the best time of each phase and of the whole
    command over the rounds."""

    def __init__(self, path: Path) -> None:
        self.path = path.resolve()
        self.env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
        self.env["PYTHONPATH"] = str(self.path)
        self.command: list[float] = []
        self.command_cpu: list[float] = []
        self.others: dict[str, list[tuple[float, float]]] = {}
        self.phases: dict[str, list[float]] = {}

    def round(self) -> None:
        py = sys.executable
        cmd = [py, "-m", "ceasefire_terms", "timeline", FILE]
        took, cpu, _ = _run(cmd, self.path, self.env)
        self.command.append(took)
        self.command_cpu.append(cpu)
        for other in OTHERS:
            took, cpu, _ = _run([py, "-m", "ceasefire_terms", other], self.path, self.env)
            self.others.setdefault(other, []).append((took, cpu))
        out = _run([py, "-c", PROBE], self.path, self.env)[2]
        for line in out.splitlines():
            name, seconds = line.split("\t")
            self.phases.setdefault(name, []).append(float(seconds))

    def best(self) -> dict[str, float]:
        return {name: min(ts) for name, ts in self.phases.items()}


OTHERS = ("--version", "--help")
"""Other commands timed whole (wall and CPU), for what the lazy imports did to them."""

FLOOR_PARTS = (
    "stdlib modules (typing, re, json, pathlib ...)",
    "pydantic: model machinery",
    "typer",
    "rich: console, table",
    "PyYAML",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--tree", type=Path, default=ROOT, help="the repository to measure")
    parser.add_argument(
        "--compare", type=Path, help="another copy (e.g. the parent commit), measured alongside"
    )
    parser.add_argument("--no-compile", action="store_true", help="do not byte-compile first")
    args = parser.parse_args()
    trees = [Tree(args.tree)] + ([Tree(args.compare)] if args.compare else [])
    if not args.no_compile:
        for tree in trees:
            compileall.compile_dir(tree.path / "ceasefire_terms", quiet=1)
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    floor: list[float] = []
    floor_cpu: list[float] = []
    for _ in range(args.rounds):
        took, cpu, _ = _run([sys.executable, "-c", "pass"], ROOT, env)
        floor.append(took)
        floor_cpu.append(cpu)
        for tree in trees:
            tree.round()
    wall_floor, cpu_floor = min(floor), min(floor_cpu)
    print(
        f"Python {sys.version.split()[0]}; best of {args.rounds} rounds, interleaved; "
        f"byte-compiled first: {not args.no_compile}; load average "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )
    for i, tree in enumerate(trees):
        print(f"{'AB'[i]}: {tree.path}")
    best = [tree.best() for tree in trees]
    names = list(dict.fromkeys(n for b in best for n in b))
    head = "".join(f"{'AB'[i] + ' ms':>9}" for i in range(len(trees)))
    print("\nCPU time of each phase, best of the rounds (the probe; the interpreter's CPU time")
    print("from python -c pass):")
    print(f"{'phase':52}{head}{'A share':>9}" + (f"{'A/B':>7}" if len(trees) > 1 else ""))
    print(f"{'interpreter (python -c pass)':52}" + f"{cpu_floor * 1e3:9.1f}" * len(trees))
    total_a = cpu_floor + sum(best[0].values())
    for name in names:
        cells = "".join(f"{b.get(name, 0.0) * 1e3:9.1f}" for b in best)
        share = f"{best[0].get(name, 0.0) / total_a:9.1%}"
        ratio = ""
        if len(trees) > 1 and best[1].get(name):
            ratio = f"{best[0].get(name, 0.0) / best[1][name]:7.2f}"
        print(f"{name:52}{cells}{share}{ratio}")
    sums = [cpu_floor + sum(b.values()) for b in best]
    ratio = f"{'':9}{sums[0] / sums[1]:7.2f}" if len(sums) > 1 else ""
    print(f"{'sum':52}" + "".join(f"{v * 1e3:9.1f}" for v in sums) + ratio)
    print()
    for i, _tree in enumerate(trees):
        fixed = cpu_floor + sum(best[i].get(p, 0.0) for p in FLOOR_PARTS)
        print(
            f"{'AB'[i]}: the interpreter and the imports the command cannot avoid: "
            f"{fixed * 1e3:.1f} ms CPU = {fixed / cpu_floor:.1f}x python -c pass"
        )
    print("\nwhole processes, best of the rounds: wall time (x python -c pass) and CPU time")
    print(
        f"   {'python -c pass':19} wall {wall_floor * 1e3:7.1f} ms "
        f"{'':6}   CPU {cpu_floor * 1e3:7.1f} ms"
    )
    whole = {"timeline FILE": [(min(t.command), min(t.command_cpu)) for t in trees]}
    for other in OTHERS:
        whole[other] = [
            (min(w for w, _ in t.others[other]), min(c for _, c in t.others[other])) for t in trees
        ]
    for label, values in whole.items():
        for i, (wall, cpu) in enumerate(values):
            print(
                f"{'AB'[i]}: {label:19} wall {wall * 1e3:7.1f} ms {wall / wall_floor:5.1f}x   "
                f"CPU {cpu * 1e3:7.1f} ms {cpu / cpu_floor:5.1f}x"
            )
        if len(values) > 1:
            print(
                f"   {label:19} A / B: wall {values[0][0] / values[1][0]:.2f}, "
                f"CPU {values[0][1] / values[1][1]:.2f}"
            )
    print("(target: the timeline command <= 8x python -c pass)")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
