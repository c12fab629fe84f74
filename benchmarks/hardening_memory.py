"""Peak memory and speed of ``ceasefire-terms validate`` with --jobs 1 and 2 (issue #13 item 16).

Two inputs, written to a temporary directory:

- ``tiny``: N lines of ``x`` (every one a rejection, which comes back from a worker whole);
  before the fix, --jobs 2 held every range's rejections in flight (609 MB at 800k lines);
- ``bundled``: the bundled real agreements as JSON Lines, repeated.

Each run is a fresh process; its peak resident memory is the largest of the processes it
started (the calling process, or one worker), as ``getrusage(RUSAGE_CHILDREN)`` reports it.

    python benchmarks/hardening_memory.py [--tiny 800000] [--repeat 300]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

import ceasefire_terms as ct

MEASURE = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=False)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def run(path: Path, jobs: int) -> tuple[float, int]:
    """Seconds and peak kilobytes of one validate run."""
    cmd = [sys.executable, "-m", "ceasefire_terms", "validate", str(path), "-f", "json"]
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *cmd, "--jobs", str(jobs)],
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - started, int(done.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tiny", type=int, default=200_000, help="tiny rejected lines")
    parser.add_argument("--repeat", type=int, default=300, help="copies of the bundled set")
    args = parser.parse_args()
    folder = Path(ct.__file__).parent / "data" / "agreements"
    lines = [
        json.dumps(yaml.safe_load(p.read_text("utf-8")), default=str, ensure_ascii=False)
        for p in sorted(folder.glob("*.yaml"))
    ]
    with tempfile.TemporaryDirectory() as d:
        tiny = Path(d) / "tiny.jsonl"
        tiny.write_bytes(b"x\n" * args.tiny)
        bundled = Path(d) / "bundled.jsonl"
        bundled.write_text("".join(line + "\n" for line in lines) * args.repeat, "utf-8")
        inputs = {
            f"tiny ({args.tiny:,} rejected lines)": (tiny, args.tiny),
            f"bundled ({len(lines) * args.repeat:,} agreements)": (
                bundled,
                len(lines) * args.repeat,
            ),
        }
        head = ("input", "jobs", "seconds", "records/s", "peak MB", "vs jobs 1")
        print(f"{head[0]:<36} {head[1]:>4} {head[2]:>8} {head[3]:>10} {head[4]:>8} {head[5]:>9}")
        for name, (path, count) in inputs.items():
            base_kb = 0
            for jobs in (1, 2):
                seconds, kb = run(path, jobs)
                base_kb = base_kb or kb
                print(
                    f"{name:<36} {jobs:>4} {seconds:>8.1f} {count / seconds:>10,.0f} "
                    f"{kb / 1024:>8.0f} {kb / base_kb:>8.2f}x"
                )


if __name__ == "__main__":
    main()
