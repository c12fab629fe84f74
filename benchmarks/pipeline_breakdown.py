"""Where the bulk validator's time goes, per record, one process (a script that measures and
prints; not a test).

On the same synthetic JSON Lines file as ``pipeline_bench.py`` it times, each as the best of
``--rounds`` passes:

- reading: ``iter_source`` over the file (lines into records);
- decoding: ``msgspec`` decoding each line into the fast path's structs (the reference);
- fast path: ``clean_id`` on each line (decoding plus the checks);
- full path for the lines the fast path leaves to it (their cost spread over all lines);
- ``validate_raw`` on every record (the fast path, the full path where needed, the outcome);
- the whole ``validate_files`` run;
- msgspec's own loop (``pipeline_bench.py``'s reference: read each line, decode it), and from
  it the time per record the library would have at 0.35x that speed, less what any design
  must spend on reading, decoding and the full path for broken lines: what would be left for
  the checks and the outcome objects;
- a floor for pure-Python checks: walking the decoded structs and reading every value the
  checks read, with no logic at all.

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
from pipeline_bench import run_msgspec  # the benchmark's msgspec reference (this folder)

import ceasefire_terms as ct
from ceasefire_terms.pipeline.fast import FAgreement, FDeadline, FExchange, FObligation, clean_id
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

        def reference() -> int:
            return run_msgspec(path)[0]

        structs = []
        for d in datas:
            with contextlib.suppress(*BAD_LINE):
                structs.append(decoder.decode(d))

        def walk() -> int:
            for a in structs:
                _walk(a)
            return len(structs)

        print(f"{n:,} records; {len(left):,} ({len(left) / n:.1%}) left to the full path")
        us: dict[str, float] = {}
        for name, fn in [
            ("reading the lines", reading),
            ("msgspec decoding", decoding),
            ("fast path (decoding + checks)", fast),
            ("full path for the lines left to it, per line", full_share),
            ("validate_raw on every record", per_record),
            ("validate_files, whole run", whole),
            ("msgspec reference loop (read + decode)", reference),
            ("walking the decoded structs, no logic", walk),
        ]:
            us[name] = best_us_per_record(fn, args.rounds)
            print(f"  {name:45s} {us[name]:6.1f} µs/record")
        budget = us["msgspec reference loop (read + decode)"] / 0.35
        needed = (
            us["reading the lines"]
            + us["msgspec decoding"]
            + us["full path for the lines left to it, per line"]
        )
        print(f"at 0.35x msgspec: {budget:.1f} µs/record in all; reading, decoding and the full")
        print(f"path for broken lines take {needed:.1f}, leaving {budget - needed:.1f} µs for the")
        checks = us["fast path (decoding + checks)"] - us["msgspec decoding"]
        print(
            f"checks and outcomes (now: checks {checks:.1f}; walking alone "
            f"{us['walking the decoded structs, no logic']:.1f})"
        )


def _walk(a: FAgreement) -> None:
    """Read every value the fast path's checks read, and do nothing with it."""
    _ = (a.id, a.zone, a.announced, a.signed, a.effective_scheduled, a.effective)
    for party in a.parties:
        _ = party.id
    for ph in a.phases:
        _ = (ph.id, ph.start, ph.length, ph.counting, ph.sources)
    for p in a.provisions:
        _ = (p.id, p.phase, p.sources, p.readings)
        for r in p.readings:
            _ = (r.quantity, r.preferred, r.sources)
        if isinstance(p, FExchange):
            _ = (p.releasing, p.counterpart, p.quantity)
            for rr in p.ratio_rules:
                _ = (rr.rate, rr.count, rr.sources)
            for b in p.batches:
                _ = (b.due, b.quantity)
        elif isinstance(p, FObligation):
            _ = (p.party, p.quantity, p.rate)
            if p.rate is not None:
                for part in p.rate.parts:
                    _ = (part.quantity, part.readings)
        elif isinstance(p, FDeadline):
            _ = (p.due, p.every, p.count)
    for am in a.amendments:
        _ = (am.id, am.target, am.by, am.counting, am.sources)
    for src in a.sources:
        _ = src.id


if __name__ == "__main__":
    main()
