"""Running the command line in this process, for the tests that check its one error line
(``from cli_helpers import cli, one_error_line``: pytest puts this folder on the path)."""

from __future__ import annotations

import contextlib
import io

from ceasefire_terms.cli.app import run


def cli(*args: str) -> tuple[int, str]:
    """The exit code and standard error of ``ceasefire-terms ARGS`` run in this process."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    err = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run(list(args))
    return code, err.getvalue()


def one_error_line(err: str) -> str:
    """The single ``error:`` line of ``err``; fails on a traceback or on more lines."""
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    return lines[0]
