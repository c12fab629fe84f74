"""CPU time of ``extract`` in this tree against another checkout (e.g. main), as a ratio.

Usage: python benchmarks/extract_ratio.py --other /work/main [--mb 0.5] [--rounds 5]

The text is the repository's real texts (``tests/data/extract_real_judgements.jsonl``) and
the general-English set, joined and repeated to ``--mb`` megabytes. Each measurement runs in a
fresh process with the tree's package first on ``sys.path`` and times ``extract`` in CPU
seconds of that process; the two trees are run interleaved (A, B, A, B, ...) and the best
round of each is kept, because the machine is shared. Prints both times, the ratio (this tree
over the other) and the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
_CHILD = """
import sys, time
sys.path.insert(0, sys.argv[1])
from ceasefire_terms.extraction import extract
text = open(sys.argv[2], encoding="utf-8").read()
extract(text[:20000])
t = time.process_time()
n = len(extract(text))
print(time.process_time() - t, n)
"""


def corpus_text(mb: float) -> str:
    parts: list[str] = []
    for name in ("extract_real_judgements.jsonl", "extraction/general.jsonl"):
        for line in (HERE / "tests" / "data" / name).read_text("utf-8").splitlines():
            if line.strip():
                parts.append(json.loads(line)["text"])
    block = "\n".join(parts) + "\n"
    return block * max(1, int(mb * 1_000_000 / len(block)))


def run(tree: Path, path: Path) -> tuple[float, int]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(tree), str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return float(out[0]), int(out[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--other", required=True, type=Path, help="the other checkout's root")
    parser.add_argument("--mb", type=float, default=0.5)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"extract_ratio_{os.getpid()}.txt"
    text = corpus_text(args.mb)
    path.write_text(text, "utf-8")
    try:
        best = {"this": float("inf"), "other": float("inf")}
        found = {"this": 0, "other": 0}
        for _ in range(args.rounds):
            for name, tree in (("this", HERE), ("other", args.other.resolve())):
                secs, n = run(tree, path)
                best[name] = min(best[name], secs)
                found[name] = n
    finally:
        path.unlink(missing_ok=True)
    print(f"text: {len(text) / 1e6:.2f} MB; best of {args.rounds} interleaved rounds, CPU s")
    for name, secs in best.items():
        print(f"  {name:<6} {secs:.3f} s  {found[name]} mentions")
    print(f"ratio this/other: {best['this'] / best['other']:.3f}")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
