"""What every command shares: exit codes, output formats, the one-line error, consoles.

Command modules import from here, never from :mod:`ceasefire_terms.cli.app` (which imports
them to register their commands).

Exit codes, the same for every command (see ``docs/guarantees.md``):

- 0 (:data:`EXIT_OK`): success, and every record valid;
- 1 (:data:`EXIT_INVALID`): a record is invalid or was rejected, or its dates cannot be
  computed (e.g. a wall-clock time in a DST gap under ``dst: raise``);
- 2 (:data:`EXIT_USAGE`): a usage error, an input that cannot be opened, read or parsed, or an
  output that cannot be written;
- 70 (:data:`EXIT_INTERNAL`, ``EX_SOFTWARE`` of ``sysexits.h``): an internal error, a bug;
- 130 (:data:`EXIT_INTERRUPTED`): interrupted with Ctrl-C (SIGINT); 143
  (:data:`EXIT_TERMINATED`): stopped by SIGTERM.

Every failure is one line on standard error, never a traceback.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.text import Text

from ..errors import CeasefireTermsError, RecordError

if TYPE_CHECKING:
    from ..model.agreement import Agreement

__all__ = [
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_TERMINATED",
    "EXIT_USAGE",
    "UNLIMITED_WIDTH",
    "OutFormat",
    "cells",
    "columns",
    "error_line",
    "escape",
    "fail",
    "load_or_exit",
    "out",
]

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
"""0: success (and every record valid); 1: an invalid or rejected record; 2: usage error,
unreadable input or unwritable output."""
EXIT_INTERNAL = 70
"""An internal error (a bug): one line on stderr, never a traceback."""
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143
"""Interrupted by SIGINT (Ctrl-C) or stopped by SIGTERM (128 + the signal number)."""


class OutFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


UNLIMITED_WIDTH = 100_000
"""The width of standard output when it is not a terminal and ``COLUMNS`` is not set: in
effect no limit, so every table row and every line stays whole for ``grep``, ``cut`` and
files (a table takes its natural width)."""


def columns() -> int | None:
    """The width ``COLUMNS`` asks for (a positive whole number), or ``None`` when it is not
    set or is not a positive whole number (then it is ignored, as shells and rich do)."""
    value = os.environ.get("COLUMNS", "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else None


def out() -> Console:
    """Standard output, as wide as ``COLUMNS`` when it is set (terminal or not).

    Without ``COLUMNS``, a terminal's own width is used; output that is not a terminal (a pipe
    or a file) gets :data:`UNLIMITED_WIDTH`, so nothing is wrapped and rows stay whole."""
    width = columns()
    if width is not None:
        return Console(width=width)
    if sys.stdout.isatty():
        return Console()
    return Console(width=UNLIMITED_WIDTH, soft_wrap=True)


def cells(*values: object) -> list[Text]:
    """Table cells shown exactly as written: text from a record or a file name is never read
    as rich markup (a title holding ``[/]`` would otherwise crash the table, and ``[red]``
    would style it). ``None`` is an empty cell. Use :func:`escape` inside markup strings."""
    return [Text("" if v is None else str(v)) for v in values]


def error_line(message: str) -> None:
    """Print ``error: <message>`` as one line on stderr (never wrapped, no markup read); a
    stderr that cannot be written to is ignored (the exit code still tells)."""
    one_line = " ".join(message.split()) or "failed"
    for text in (one_line, one_line.encode("ascii", "backslashreplace").decode("ascii")):
        try:
            err = Console(stderr=True, soft_wrap=True)
            err.print("[bold red]error:[/]", end=" ")
            err.print(text, highlight=False, markup=False)
            return
        except UnicodeEncodeError:  # stderr cannot hold the text: say it in ASCII
            continue
        except (OSError, ValueError, AttributeError):  # stderr closed: nowhere to say it
            return


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Print one error line on stderr and exit with ``code``."""
    error_line(message)
    raise typer.Exit(code)


def load_or_exit(path: Path) -> Agreement:
    """Load an agreement file, or fail with the library's message: exit code 1 for a record
    that is not a valid agreement, 2 for a file that cannot be read or parsed."""
    from ..io.load import load_agreement  # the model and YAML: only for the commands reading one

    try:
        return load_agreement(path)
    except RecordError as exc:
        fail(str(exc), EXIT_INVALID)
    except CeasefireTermsError as exc:
        fail(str(exc))
