"""What every command shares: exit codes, output formats, the one-line error, consoles.

Command modules import from here, never from :mod:`ceasefire_terms.cli.app` (which imports
them to register their commands).
"""

from __future__ import annotations

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
    "OutFormat",
    "fail",
    "load_or_exit",
    "out",
]

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
"""0: success (and a valid record); 1: an invalid record; 2: usage error or unreadable input."""


class OutFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


def out() -> Console:
    """Standard output; wide and unwrapped when not a terminal, so lines stay whole in pipes."""
    tty = sys.stdout.isatty()
    return Console(soft_wrap=not tty, width=None if tty else 200)


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
