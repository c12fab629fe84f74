"""Where ``resolve()`` spends its time per event, over the bundled agreements (a script that
measures and prints; not a test). docs/performance.md quotes it.

Each part is timed on its own, in CPU time (``time.process_time``: on a shared machine it
repeats within a few per cent where wall time does not), interleaved with the others and with
the standard-library baseline of ``real_bench.py``, best of ``--rounds``; each is printed in
microseconds per event of the timeline, as a share of a whole ``resolve()`` and as a multiple
of the baseline (``real_bench.py``'s target is ``resolve()`` <= 3x the baseline):

- the resolver's set-up (its tables of the agreement's phases, provisions and record paths);
- everything but computing the dates: ``events()`` with every date already known (the
  events' ids and labels, building each ``Event``, the sort);
- of that, building the ``Event`` instances alone, and computing their sort keys alone;
- computing the dates (a whole ``resolve()`` less the two above);
- of that, two pieces of the traces: writing the timed moments as text (``str(Moment)``,
  once per local date and time read) and the check for a zone that skipped or repeated a
  whole day (once per period counted in days), each called as resolving calls them.

Usage::

    python benchmarks/resolver_parts.py [--rounds 9]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import time
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from _machine import machine_line

from ceasefire_terms import examples
from ceasefire_terms.dates import resolve as engine
from ceasefire_terms.model.when import Moment

REPS = 40


def best_of(rounds: int, fns: dict[str, Callable[[], Any]]) -> dict[str, float]:
    """The best CPU time of each function over ``rounds`` interleaved runs, in seconds."""
    best = dict.fromkeys(fns, float("inf"))
    for _ in range(rounds):
        for name, fn in fns.items():
            gc.collect()
            t0 = time.process_time()
            fn()
            best[name] = min(best[name], time.process_time() - t0)
    return best


def recorded_calls() -> tuple[list[Moment], list[tuple[Any, ...]]]:
    """The moments written as text and the skipped-day checks made by one resolution of
    every bundled agreement."""
    moments: list[Moment] = []
    notes: list[tuple[Any, ...]] = []
    to_text = Moment.__str__
    note = engine._skipped_day_note

    def record_text(m: Moment) -> str:
        moments.append(m)
        return to_text(m)

    def record_note(*args: Any) -> str:
        notes.append(args)
        return note(*args)

    Moment.__str__ = record_text  # type: ignore[method-assign]
    engine._skipped_day_note = record_note
    try:
        for a in examples.load_all():
            engine.resolve(a)
    finally:
        Moment.__str__ = to_text  # type: ignore[method-assign]
        engine._skipped_day_note = note
    return moments, notes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=9, help="interleaved runs; best kept")
    args = parser.parse_args()
    print(machine_line())
    agreements = examples.load_all()
    timelines = {a.id: engine.resolve(a) for a in agreements}
    n_events = sum(len(t.events) for t in timelines.values())
    known = []
    for a in agreements:
        r = engine._Resolver(a, amended=True, renewals=0)
        r.events()
        known.append((a, r.done))
    made = [
        (e.id, e.label, e.kind, engine._Point(e.date, e.at, e.end_of_day, e.rule), e.phase, ())
        for t in timelines.values()
        for e in t.events
    ]
    moments, notes = recorded_calls()

    def resolve() -> None:
        for _ in range(REPS):
            for a in agreements:
                engine.resolve(a)

    def stdlib() -> None:  # as real_bench.py
        for _ in range(REPS):
            for a in agreements:
                zone = ZoneInfo(a.zone)
                for e in timelines[a.id].events:
                    if e.at is not None:
                        local = dt.datetime.combine(e.date, e.at.time(), tzinfo=zone)
                        local.astimezone(dt.UTC).astimezone(zone)
                    else:
                        e.date + dt.timedelta(days=41)

    def setup() -> None:
        for _ in range(REPS):
            for a in agreements:
                engine._Resolver(a, amended=True, renewals=0)

    def dates_known() -> None:
        for _ in range(REPS):
            for a, done in known:
                r = engine._Resolver(a, amended=True, renewals=0)
                r.done = dict(done)
                r.events()

    def build() -> None:
        for _ in range(REPS):
            for x in made:
                engine._event(*x)

    def keys() -> None:
        for _ in range(REPS):
            for _id, _label, kind, p, _phase, _rep in made:
                engine._order(p.date, p.at, p.end_of_day, kind)

    def moment_text() -> None:
        for _ in range(REPS):
            for m in moments:
                str(m)

    def day_notes() -> None:
        for _ in range(REPS):
            for call in notes:
                engine._skipped_day_note(*call)

    t = best_of(
        args.rounds,
        {
            "resolve": resolve,
            "stdlib": stdlib,
            "setup": setup,
            "known": dates_known,
            "build": build,
            "keys": keys,
            "text": moment_text,
            "notes": day_notes,
        },
    )
    us = {k: v / REPS / n_events * 1e6 for k, v in t.items()}
    whole, base = us["resolve"], us["stdlib"]
    rows = [
        ("resolve(), whole", whole),
        ("the resolver's set-up", us["setup"]),
        ("with every date known (less the set-up)", us["known"] - us["setup"]),
        ("  of which: building the Event instances", us["build"]),
        ("  of which: their sort keys", us["keys"]),
        ("computing the dates", whole - us["known"]),
        (f"  of which: str(Moment), {len(moments)} calls", us["text"]),
        (f"  of which: the skipped-day check, {len(notes)} calls", us["notes"]),
    ]
    print(f"\nresolve(), {n_events} events of {len(agreements)} agreements, CPU time per event:")
    print(f"  {'':46s} {'us':>6s} {'share':>6s} {'x stdlib':>9s}")
    for label, v in rows:
        print(f"  {label:46s} {v:6.2f} {v / whole:6.0%} {v / base:8.1f}x")
    print(f"  {'stdlib arithmetic (real_bench.py baseline)':46s} {base:6.2f}")
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
