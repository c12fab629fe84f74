"""Validation in several processes, with the outcomes in input order.

Work goes to a pool of worker processes as tasks; at most ``jobs * 4`` tasks are in flight at
a time, and a task holds at most :data:`RANGE_LINES` (or :data:`CHUNK`) records, so memory
stays flat however long the input is and however small its lines
(``multiprocessing.Pool.imap`` would read the whole input ahead). Results come back task by
task and are turned into outcomes in the order the records were read, so ``jobs=N`` gives
exactly the same sequence as ``jobs=1``.

A task is one of two kinds:

- a byte range of a regular JSON Lines file (about :data:`RANGE_BYTES` and at most
  :data:`RANGE_LINES` lines, cut at a line end; the cuts are found by reading the file, never
  from its reported size, which is 0 for files such as those under ``/proc``):
  the worker reads and validates the lines itself; the calling process reads the same bytes
  again when the result comes back, which costs less than sending the lines through a pipe;
- a chunk of :data:`CHUNK` records read in the calling process (standard input, YAML and
  JSON documents, records given as an iterable).

What crosses between processes is kept small: a plain JSON line goes out as its bytes alone,
and an accepted line comes back as its agreement id alone (with its warnings, when it has
any); the calling process, which has the line, rebuilds the :class:`ValidRecord` (its
agreement, when kept, is parsed again from the line when first read: pickling a parsed
agreement costs more). Everything else travels whole.

Failures: a task whose records or results cannot cross between processes (a record that
cannot be pickled, such as a ``MappingProxyType``) is validated in the calling process
instead, with the same outcome. An iterable of records that raises partway delivers every
outcome before the failure, then the exception, as with ``jobs=1``. Workers ignore Ctrl-C
(the calling process stops them), so an interrupted run prints no worker tracebacks.
"""

from __future__ import annotations

import dataclasses
import gc
import multiprocessing as mp
import multiprocessing.pool
import os
import signal
import stat
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from multiprocessing.pool import AsyncResult
from pathlib import Path
from typing import IO, Any

from ..errors import InputError
from . import abort
from .records import Outcome, ValidRecord, validate_line, validate_lines, validate_raw
from .sources import (
    STDIN,
    Limits,
    Line,
    RawRecord,
    input_format,
    iter_source,
    jsonl_lines,
    open_input,
)

__all__ = ["validate_files_parallel", "validate_parallel"]

CHUNK = 256
"""Records per task: large enough to amortise inter-process overhead, small enough to keep
every worker busy near the end of the input."""


Sent = bytes | RawRecord
"""A record as sent to a worker: a plain JSON line's bytes, or the whole record."""
Warned = tuple[str, tuple[dict[str, Any], ...]]
Returned = str | Warned | Outcome
"""An outcome as returned: an accepted plain line's agreement id, with its warnings when it
has any, or the whole outcome."""


def _sent(r: RawRecord) -> Sent:
    plain = type(r.data) is bytes and r.problem is None and not r.at_eof
    return r.data if plain else r


def _validate_chunk(chunk: list[Sent], strict: bool, limits: Limits, keep: bool) -> list[Returned]:
    out: list[Returned] = []
    for item in chunk:
        if isinstance(item, bytes):
            out.append(_compact(validate_line("", None, 0, item, False, strict, limits, keep)))
        else:
            out.append(validate_raw(item, strict=strict, limits=limits, keep_agreements=keep))
    return out


def _received(r: RawRecord, back: Returned, keep: bool) -> Outcome:
    if isinstance(back, str):
        return ValidRecord(r.source, r.line, r.index, back, (), r.data.decode("utf-8"), keep)
    if isinstance(back, tuple):
        found, warnings = back
        return ValidRecord(r.source, r.line, r.index, found, warnings, r.data.decode("utf-8"), keep)
    if back.source != r.source or back.index != r.index or back.line != r.line:
        # a plain line was validated without its place; put it back
        return dataclasses.replace(back, source=r.source, line=r.line, index=r.index)
    return back


def _context() -> mp.context.BaseContext:
    # fork starts workers in milliseconds with the library already imported; where it is not
    # available (Windows, macOS default) spawn is used.
    methods = mp.get_all_start_methods()
    return mp.get_context("fork" if "fork" in methods else "spawn")


# -- a range of a JSON Lines file, read by the worker itself -----------------------------------

WINDOW = 4
"""Tasks in flight per worker."""

RANGE_BYTES = 512 * 1024
"""Bytes of a JSON Lines file per task (cut at line ends)."""

RANGE_LINES = 2048
"""Lines of a JSON Lines file per task at most: a range of tiny lines (each a rejection, which
comes back whole) would otherwise hold hundreds of thousands of outcomes in flight."""


class _Bounded:
    """The next ``left`` bytes of a binary file."""

    def __init__(self, f: IO[bytes], left: int) -> None:
        self.f = f
        self.left = left

    def read(self, size: int = -1, /) -> bytes:
        if self.left <= 0:
            return b""
        data = self.f.read(self.left if size < 0 else min(size, self.left))
        self.left -= len(data)
        return data


def _range_lines(
    name: str, start: int, end: int, limits: Limits, first_line: int = 1
) -> Iterator[Line]:
    """The lines (:func:`~.sources.jsonl_lines`) of ``name`` in bytes [start, end),
    numbered from ``first_line`` at ``start``."""
    try:
        with open(name, "rb") as f:
            f.seek(start)
            stream = _Bounded(f, end - start)
            yield from jsonl_lines(stream, limits, at_start=start == 0, first_line=first_line)
    except OSError as exc:
        raise InputError(f"could not be read: {exc.strerror}", path=name) from None


def _validate_range(
    name: str, start: int, end: int, strict: bool, limits: Limits, keep: bool
) -> list[Returned]:
    """Validate the lines of ``name`` in bytes [start, end), compactly (see _compact)."""
    lines = _range_lines(name, start, end, limits)
    return [_compact(o) for o in validate_lines(name, lines, strict, limits, keep)]


def _compact(o: Outcome) -> Returned:
    """An outcome as sent back: an accepted one as its id (and warnings), since the calling
    process has the line (only a plain line, with no problem in reading it, is accepted)."""
    if isinstance(o, ValidRecord):
        return (o.agreement_id, o.warnings) if o.warnings else o.agreement_id
    return o


def _cuts(
    name: str, step: int, max_lines: int = RANGE_LINES, *, taper: int = 0
) -> Iterator[tuple[int, int, int]]:
    """Byte ranges ``(start, end, newlines)`` of about ``step`` bytes and at most
    ``max_lines`` lines covering the file, each ending after a newline (or at the end of the
    file), with the count of newlines in each. The file is read to find them; each block is
    read once, in order.

    With ``taper`` (the number of workers), ranges shrink toward the end of the file, to
    about a ``2 * taper``-th of what is left but not below ``step // 8``, so that the workers
    finish together instead of one waiting for the other's last large range. The file's
    reported size only sets those sizes: it is never trusted for where reading stops (files
    under ``/proc`` report 0 bytes)."""
    with open_input(name) as f:
        size = _reported_size(f) if taper else 0
        start = 0
        while True:
            want = step
            if size:
                want = max(min(step, (size - start) // (2 * taper)), step // 8, 1)
            f.seek(start)
            try:
                block = f.read(want)
            except OSError as exc:
                raise InputError(f"could not be read: {exc.strerror}", path=name) from None
            if not block:
                return
            newlines = block.count(b"\n")
            if newlines > max_lines:
                pos = -1
                for _ in range(max_lines):
                    pos = block.index(b"\n", pos + 1)
                end, newlines = start + pos + 1, max_lines
            elif len(block) < want or block.endswith(b"\n"):
                end = start + len(block)
            else:
                end = start + len(block)
                while True:  # carry on to the end of the line
                    more = f.read(8192)
                    if not more:
                        break
                    i = more.find(b"\n")
                    if i >= 0:
                        end += i + 1
                        newlines += 1
                        break
                    end += len(more)
            yield start, end, newlines
            start = end


def _reported_size(f: IO[bytes]) -> int:
    try:
        return os.fstat(f.fileno()).st_size
    except (OSError, AttributeError, ValueError):  # pragma: no cover - not a real file
        return 0


def _is_regular_jsonl(name: str) -> bool:
    """A JSON Lines file the workers can read by ranges: a regular file with a size (files
    under /proc report 0 and may read differently in another process, so they are read
    here, as standard input is)."""
    if name == STDIN or input_format(name) != "jsonl":
        return False
    try:
        st = os.stat(name)
    except OSError:
        return False  # iter_source says what is wrong with it
    return stat.S_ISREG(st.st_mode) and st.st_size > 0


_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}


def _worker_init() -> None:
    """Workers leave Ctrl-C to the calling process (which stops them) and die at once on
    SIGTERM, whatever handlers they inherited. They are started with both signals blocked
    (see :func:`_run_ordered`), so one that comes while a worker starts up waits until now."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()
    # A worker has nothing to say on stderr (its errors come back as results); when the
    # calling process is stopped, a worker caught sending a result would print a traceback.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)


_starting = {"pool": False}
"""``pool`` is true while :func:`_new_pool` starts a pool's workers (a worker forked then
inherits it)."""


def _die_with_parent() -> None:
    """On Linux, have the kernel kill this worker when the calling process ends, however it
    ends (an orphaned worker would otherwise wait for work for ever).

    Only for the workers the pool starts with, which the calling thread forks. The kernel
    sends the signal when the *thread* that forked the worker ends, and a replacement for a
    worker that died is forked by the pool's worker-handler thread, which ends when the pool
    is closed: the replacement was then killed while it held the task queue's lock, waiting
    for a task, and ``Pool.terminate`` waited for that lock for ever (one run in four or
    eight of ``test_a_worker_that_dies_stops_the_run_instead_of_hanging``)."""
    if not sys.platform.startswith("linux") or not _starting["pool"]:
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - no libc to ask
        pass


def _block_stop_signals() -> Any:
    """Block SIGINT and SIGTERM (where POSIX allows), returning the mask to restore."""
    if hasattr(signal, "pthread_sigmask"):
        return signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    return None


def _restore_signals(old: Any) -> None:
    if old is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


class _Pool(multiprocessing.pool.Pool):
    """``multiprocessing.Pool`` whose worker-maintaining thread is not woken by results.

    The stock pool's thread that replaces dead workers also waits on the pipe the results
    come back through: from the moment a worker writes a result until the result thread has
    read it, that thread wakes, finds the pipe still readable, and loops, holding the GIL the
    result thread needs. It took 30 to 50 ms of the calling process's CPU on 4,500 records
    and made ``--jobs 2`` 1.71x one process where this pool measures 1.85x (same run,
    docs/performance.md). The thread still wakes on what it is for: a worker that exits (the
    workers' own sentinels), and the pool's changes of state and its last task done (the
    change notifier) -- the sentinels ``multiprocessing.pool.ThreadPool`` itself uses."""

    def _get_sentinels(self) -> list[Any]:
        # (private names of CPython 3.8 to 3.13; where they differ, the stock behaviour)
        reader = getattr(getattr(self, "_change_notifier", None), "_reader", None)
        if reader is None:  # pragma: no cover - another version of multiprocessing
            return super()._get_sentinels()  # type: ignore[misc, no-any-return]
        return [reader]


def _new_pool(jobs: int) -> Any:
    # Objects that exist before the fork are moved out of the collector's sight, so the
    # workers' garbage collections do not touch (and copy) every page they inherited.
    gc.freeze()
    _starting["pool"] = True
    try:
        return _Pool(jobs, initializer=_worker_init, context=_context())
    finally:
        _starting["pool"] = False
        gc.unfreeze()


# -- running tasks in order ------------------------------------------------------------------

_Task = tuple[Callable[..., Any], tuple[Any, ...], Callable[[Any], Iterator[Outcome]]]
"""(function run in a worker, its arguments, what turns its result into outcomes here)."""


def _run_ordered(tasks: Iterator[_Task], jobs: int) -> Iterator[Outcome]:
    """Run the tasks in ``jobs`` worker processes and turn their results into outcomes here,
    in task order; at most four tasks per worker are in flight, so memory stays flat."""
    window = jobs * WINDOW
    # The workers are forked with SIGINT and SIGTERM blocked: a Ctrl-C that came while one
    # starts would otherwise raise inside its start-up (a traceback per worker). Here the
    # signal is delivered once the pool is known, so the finally below always stops it.
    old_mask = _block_stop_signals()
    pool = None
    finished = False
    pending: deque[tuple[AsyncResult[Any], _Task]] = deque()
    result: AsyncResult[Any] | None = None
    try:
        pool = _new_pool(jobs)
        abort.note_pool(pool)
        workers = _worker_pids(pool)
        _restore_signals(old_mask)
        exhausted = False
        failure: Exception | None = None
        while True:
            while not exhausted and len(pending) < window:
                try:
                    task = next(tasks, None)
                except Exception as exc:  # the input failed: finish what was read first
                    task, failure = None, exc
                if task is None:
                    exhausted = True
                    break
                fn, args, _ = task
                pending.append((pool.apply_async(fn, args), task))
            if not pending:
                break
            result, (fn, args, finish) = pending.popleft()
            try:
                back = _wait(result, pool, workers)
            except WorkerDied:
                raise
            except Exception:
                # The task or its result could not cross between processes (a record that
                # cannot be pickled, say): validate it here, with the same outcome. A real
                # failure of the task raises again here, where the caller sees it.
                back = fn(*args)
            yield from finish(back)
        if failure is not None:
            raise failure
        pool.close()
        pool.join()
        finished = True
    finally:
        _restore_signals(old_mask)
        if pool is not None:
            pool.terminate()
            abort.forget_pool(pool)
            if not finished:
                # Stopped early (an output error, a consumer that stopped reading, an
                # exception): the pool's pipes sit in reference cycles until the next cyclic
                # collection, so a long-lived process that stops runs early would hold 3-4
                # descriptors a worker for a while. Join the pool, drop every reference this
                # frame holds to it (the pending results hold one each) and collect now.
                pool.join()
                pending.clear()
                pool = result = None
                gc.collect()


class WorkerDied(RuntimeError):
    """A worker process ended while it held a task (killed, or out of memory): its records
    would never come back, so the run stops instead of waiting for ever."""


def _worker_pids(pool: Any) -> frozenset[int]:
    # multiprocessing.Pool quietly replaces a worker that dies and never finishes its task;
    # its list of worker processes is the only place that shows it.
    return frozenset(p.pid for p in getattr(pool, "_pool", ()))


def _wait(result: AsyncResult[Any], pool: Any, workers: frozenset[int]) -> Any:
    """The task's result; :class:`WorkerDied` if a worker process ended meanwhile."""
    while not result.ready():
        result.wait(0.2)
        if not result.ready() and workers and _worker_pids(pool) != workers:
            raise WorkerDied(
                "a worker process ended while validating (killed, or out of memory); "
                "run again, with fewer --jobs or with --jobs 1"
            )
    return result.get()


def _chunk_tasks(
    raws: Iterator[RawRecord], strict: bool, limits: Limits, keep: bool, chunk_size: int
) -> Iterator[_Task]:
    while True:
        chunk: list[RawRecord] = []
        failure: Exception | None = None
        try:
            chunk.extend(islice(raws, chunk_size))
        except Exception as exc:  # an iterable that raises partway: its records so far count
            failure = exc
        if chunk:

            def finish(result: list[Returned], chunk: list[RawRecord] = chunk) -> Iterator[Outcome]:
                for r, back in zip(chunk, result, strict=True):
                    yield _received(r, back, keep)

            yield _validate_chunk, ([_sent(r) for r in chunk], strict, limits, keep), finish
        if failure is not None:
            raise failure
        if len(chunk) < chunk_size:
            return


def _range_tasks(name: str, strict: bool, limits: Limits, keep: bool, jobs: int) -> Iterator[_Task]:
    lines_before = [0]  # lines of the ranges already turned into outcomes (they go in order)

    for start, end, _ in _cuts(name, RANGE_BYTES, taper=jobs):

        def finish(result: list[Returned], start: int = start, end: int = end) -> Iterator[Outcome]:
            # Reading the lines again here costs less than sending them back: the worker
            # returns only an id (and warnings) for each accepted line.
            k = lines_before[0]
            lines_before[0] += len(result)
            lines = [line for _, line, _, _ in _range_lines(name, start, end, limits)]
            if len(lines) != len(result):
                raise InputError("changed while it was being read", path=name)
            for i, (line, back) in enumerate(zip(lines, result, strict=True), start=k):
                if isinstance(back, str):
                    yield ValidRecord(name, i + 1, i, back, (), line.decode("utf-8"), keep)
                elif isinstance(back, tuple):
                    found, warnings = back
                    yield ValidRecord(name, i + 1, i, found, warnings, line.decode("utf-8"), keep)
                else:
                    yield dataclasses.replace(back, line=i + 1, index=i)

        yield _validate_range, (name, start, end, strict, limits, keep), finish


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
    yield from _run_ordered(_chunk_tasks(raws, strict, limits, keep, chunk_size), jobs)


def validate_files_parallel(
    paths: Iterable[str | Path],
    *,
    jobs: int,
    strict: bool,
    limits: Limits,
    keep: bool,
    chunk_size: int = CHUNK,
) -> Iterator[Outcome]:
    """Validate files in ``jobs`` worker processes, yielding outcomes in input order.

    A regular JSON Lines file is cut into byte ranges at line ends and each worker reads its
    ranges itself; standard input and YAML/JSON documents are read here and sent in chunks.
    """

    def tasks() -> Iterator[_Task]:
        for path in paths:
            name = str(path)
            if _is_regular_jsonl(name):
                yield from _range_tasks(name, strict, limits, keep, jobs)
            else:
                raws = iter_source(path, limits)
                yield from _chunk_tasks(raws, strict, limits, keep, chunk_size)

    yield from _run_ordered(tasks(), jobs)
