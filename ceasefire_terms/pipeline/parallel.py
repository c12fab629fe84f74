"""Validation in several processes, with the outcomes in input order.

Records are read in the calling process and sent to a pool of worker processes in chunks;
at most ``jobs * 4`` chunks are in flight at a time, so memory stays flat however long the
input is (``multiprocessing.Pool.imap`` would read the whole input ahead). Outcomes come back
chunk by chunk and are yielded in the order the records were read, so ``jobs=N`` gives
exactly the same sequence as ``jobs=1``.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
from collections import deque
from collections.abc import Iterator
from itertools import islice
from multiprocessing.pool import AsyncResult

from .records import Outcome, validate_raw
from .sources import Limits, RawRecord

__all__ = ["validate_parallel"]

CHUNK = 256
"""Records per task: large enough to amortise inter-process overhead, small enough to keep
every worker busy near the end of the input."""


def _validate_chunk(
    chunk: list[RawRecord], strict: bool, limits: Limits, keep: bool
) -> list[Outcome]:
    return [validate_raw(r, strict=strict, limits=limits, keep_agreements=keep) for r in chunk]


def _context() -> mp.context.BaseContext:
    # fork starts workers in milliseconds with the library already imported; where it is not
    # available (Windows, macOS default) spawn is used.
    methods = mp.get_all_start_methods()
    return mp.get_context("fork" if "fork" in methods else "spawn")


def validate_parallel(
    raws: Iterator[RawRecord],
    *,
    jobs: int,
    strict: bool,
    limits: Limits,
    keep: bool,
    chunk_size: int = CHUNK,
) -> Iterator[Outcome]:
    """Validate ``raws`` in ``jobs`` worker processes, yielding outcomes in input order."""
    window = jobs * 4
    # Objects that exist before the fork are moved out of the collector's sight, so the
    # workers' garbage collections do not touch (and copy) every page they inherited.
    gc.freeze()
    try:
        pool = _context().Pool(jobs)
    finally:
        gc.unfreeze()
    try:
        pending: deque[AsyncResult[list[Outcome]]] = deque()
        exhausted = False
        while True:
            while not exhausted and len(pending) < window:
                chunk = list(islice(raws, chunk_size))
                if not chunk:
                    exhausted = True
                    break
                pending.append(pool.apply_async(_validate_chunk, (chunk, strict, limits, keep)))
            if not pending:
                break
            yield from pending.popleft().get()
        pool.close()
        pool.join()
    finally:
        pool.terminate()
