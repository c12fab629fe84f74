"""What a run must undo if it is stopped by a signal: temporary output files and worker
processes (private).

:mod:`~ceasefire_terms.pipeline.atomic` and :mod:`~ceasefire_terms.pipeline.parallel` note
here what they have open; the command line's SIGINT and SIGTERM handlers call
:func:`clean_up` and end the process at once. Raising an exception from a signal handler
instead could land while the pool's locks are held, and the run then hung on its way out.
Only the standard library is imported, so the handlers never import anything.
"""

from __future__ import annotations

import contextlib
import os
import signal
from typing import Any

__all__ = ["clean_up", "forget_pool", "forget_temp", "note_pool", "note_temp"]

_temps: set[str] = set()
_pools: list[Any] = []


def note_temp(path: str) -> None:
    _temps.add(path)


def forget_temp(path: str) -> None:
    _temps.discard(path)


def note_pool(pool: Any) -> None:
    _pools.append(pool)


def forget_pool(pool: Any) -> None:
    with contextlib.suppress(ValueError):
        _pools.remove(pool)


def clean_up() -> None:
    """Kill the worker processes and remove the temporary files of this process's runs."""
    for pool in list(_pools):
        handler = getattr(pool, "_worker_handler", None)
        if handler is not None:  # multiprocessing.Pool must not start replacements
            handler._state = "TERMINATE"
        for worker in list(getattr(pool, "_pool", ())):
            with contextlib.suppress(OSError, TypeError):
                os.kill(worker.pid, signal.SIGKILL)
    for path in list(_temps):
        with contextlib.suppress(OSError):
            os.unlink(path)
