"""Where the bulk validator's time goes, per record, one process (a script that measures and
prints; not a test).

On the same synthetic JSON Lines file as ``pipeline_bench.py`` it times, each as the best of
``--rounds`` passes:

- reading: ``iter_source`` over the file (lines into records);
- decoding: ``msgspec`` decoding each line into the fast path's structs (the reference);
- fast path: ``clean_id`` on each line (decoding plus the checks);
- full path for the lines the fast path leaves to it (their cost spread over all lines);
- ``validate_raw`` on every record (the fast path, the full path where needed, the outcome);
- the whole ``validate_files`` run.

Usage::

    python benchmarks/pipeline_breakdown.py [--n 20000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import contextlib
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import msgspec

import ceasefire_terms as ct
from ceasefire_terms.pipeline.fast import FAgreement, clean_id
from ceasefire_terms.pipeline.records import validate_raw
from ceasefire_terms.pipeline.sources import iter_source
from ceasefire_terms.pipeline.synthetic import jsonl_lines

BAD_LINE = (msgspec.DecodeError, msgspec.ValidationError, UnicodeDecodeError)


def best_us_per_record(fn: Callable[[], int], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        n = fn()
        best = min(best, (time.perf_counter() - t0) / n * 1e6)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "records.jsonl"
        with open(path, "w", encoding="utf-8") as f:
            for line in jsonl_lines(args.n, seed=2025, invalid_rate=0.02):
                f.write(line + "\n")
        raws = list(iter_source(path))
        datas = [r.data for r in raws]
        n = len(raws)
        decoder = msgspec.json.Decoder(FAgreement)
        left = [r for r in raws if clean_id(r.data) is None]

        def reading() -> int:
            return sum(1 for _ in iter_source(path))

        def decoding() -> int:
            for d in datas:
                with contextlib.suppress(*BAD_LINE):
                    decoder.decode(d)
            return n

        def fast() -> int:
            for d in datas:
                clean_id(d)
            return n

        def full_share() -> int:
            for r in left:
                validate_raw(r, keep_agreements=False)
            return n  # spread over every line

        def per_record() -> int:
            for r in raws:
                validate_raw(r, keep_agreements=False)
            return n

        def whole() -> int:
            return sum(1 for _ in ct.validate_files([path], keep_agreements=False))

        print(f"{n:,} records; {len(left):,} ({len(left) / n:.1%}) left to the full path")
        for name, fn in [
            ("reading the lines", reading),
            ("msgspec decoding", decoding),
            ("fast path (decoding + checks)", fast),
            ("full path for the lines left to it, per line", full_share),
            ("validate_raw on every record", per_record),
            ("validate_files, whole run", whole),
        ]:
            print(f"  {name:45s} {best_us_per_record(fn, args.rounds):6.1f} µs/record")


if __name__ == "__main__":
    main()
