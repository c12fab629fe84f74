"""What every command shares: exit codes, output formats, the one-line error, consoles.

Command modules import from here, never from :mod:`ceasefire_terms.cli.app` (which imports
them to register their commands).
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console

from ..errors import CeasefireTermsError
from ..io.load import load_agreement
from ..model.agreement import Agreement

__all__ = [
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_USAGE",
    "UNLIMITED_WIDTH",
    "OutFormat",
    "columns",
    "fail",
    "load_or_exit",
    "out",
]

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
"""0: success (and a valid record); 1: an invalid record; 2: usage error or unreadable input."""


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


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Print one error line on stderr (never wrapped, no markup read) and exit with ``code``."""
    err = Console(stderr=True, soft_wrap=True)
    err.print("[bold red]error:[/]", end=" ")
    err.print(message, highlight=False, markup=False)
    raise typer.Exit(code)


def load_or_exit(path: Path) -> Agreement:
    """Load an agreement file, or fail with exit code 2 and the library's message."""
    try:
        return load_agreement(path)
    except CeasefireTermsError as exc:
        fail(str(exc))
