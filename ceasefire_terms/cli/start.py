"""Where the command line starts (``ceasefire-terms`` and ``python -m ceasefire_terms``).

Ctrl-C (SIGINT) and SIGTERM are handled before anything else is imported: :func:`main`
installs :func:`on_stop_signal` first, and only then imports the command line (typer, rich,
the library: about half a second). A signal that comes while they load, while a command runs,
or while the interpreter shuts down gives one line on stderr and exit 130 (SIGINT) or 143
(SIGTERM); never a ``KeyboardInterrupt`` traceback.

This module imports only ``os`` and ``sys``, which the interpreter has loaded when it starts,
and ``signal`` (and the package above it imports nothing), so the moment before the handlers
are in place is as short as it can be. What comes before this module runs is Python's own
start-up: until Python installs its own SIGINT handler, a signal ends the process as the
system does by default (no output; a shell reports 130 or 143), and in the few milliseconds
after it (``site``, the console script's ``import re``) Python's own ``KeyboardInterrupt``
can still be raised (docs/guarantees.md).
"""

from __future__ import annotations

import os
import signal
import sys

__all__ = [
    "EXIT_INTERRUPTED",
    "EXIT_TERMINATED",
    "STOP_SIGNALS",
    "install",
    "main",
    "on_stop_signal",
    "stopped",
]

EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143
"""Interrupted by SIGINT (Ctrl-C) or stopped by SIGTERM (128 + the signal number); defined
here, where they are first needed, and given to the commands by
:mod:`ceasefire_terms.cli.common`."""

STOP_SIGNALS: dict[int, tuple[int, str]] = {
    signal.SIGINT: (EXIT_INTERRUPTED, "interrupted"),
    signal.SIGTERM: (EXIT_TERMINATED, "terminated (SIGTERM)"),
}
"""The stop signals, their exit codes and what the error line says."""


def stopped(signum: int) -> str:
    """What the error line says when ``signum`` stops a run (without ``error:``)."""
    what = STOP_SIGNALS.get(signum, (EXIT_TERMINATED, f"stopped by signal {signum}"))[1]
    return f"{what}; no output file was left under its final name"


def on_stop_signal(signum: int, frame: object) -> None:
    """Ctrl-C or SIGTERM: kill the workers, remove the temporary files, say so in one line
    and end at once (see :mod:`ceasefire_terms.pipeline.abort` for why not an exception)."""
    code = STOP_SIGNALS.get(signum, (EXIT_TERMINATED, ""))[0]
    # nothing is imported here: if the pipeline was never loaded, it has nothing to undo
    abort = sys.modules.get("ceasefire_terms.pipeline.abort")
    if abort is not None:
        abort.clean_up()
    line = f"error: {stopped(signum)}\n"
    # written straight to the descriptor: nothing here may need the console's locks (and
    # contextlib, for suppress, is not loaded yet at start-up)
    try:  # noqa: SIM105
        os.write(2, line.encode("ascii", "replace"))
    except OSError:  # stderr closed: the exit code still tells
        pass
    os._exit(code)


def install() -> dict[int, object]:
    """Install :func:`on_stop_signal` for SIGINT and SIGTERM; return the handlers it
    replaced (empty when this is not the main thread, where Python allows no handlers)."""
    previous: dict[int, object] = {}
    try:
        for signum in STOP_SIGNALS:
            previous[signum] = signal.signal(signum, on_stop_signal)
    except ValueError:  # not the main thread (e.g. embedded); no handlers there
        pass
    return previous


def main() -> None:
    """Console entry point: handle the stop signals, then load and run the command line."""
    install()
    from .app import main as run_app

    run_app()
