"""``ceasefire-terms validate``: validate many records, write valid ones and rejects as JSONL.

Exit codes: 0 every record valid; 1 some record rejected; 2 a usage error, an input that
cannot be opened or read, or an output that cannot be written (no output file is then left
under its final name). See :mod:`ceasefire_terms.cli.common` for the rest.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from ..errors import CeasefireTermsError
from .common import EXIT_INTERNAL, EXIT_INVALID, EXIT_OK, OutFormat, cannot_write, fail
from .common import out as _out
from .layout import Col, Hanging, fitted_table

if TYPE_CHECKING:
    from ..pipeline.records import Outcome, Rejection, Summary

# The pipeline and rich.progress are imported when the command runs, not when the command
# line starts (start-up time of the other commands).

__all__ = ["register"]

COUNTS = ("read", "valid", "rejected", "warnings")
SHOWN_REJECTIONS = 20
"""How many rejections the table summary lists (all of them go to --rejects-out)."""


def _check_inputs(paths: list[str], outputs: list[Path]) -> None:
    from ..pipeline.sources import STDIN

    if paths.count(STDIN) > 1:
        fail("'-' (standard input) may be given only once")
    resolved_outputs = {Path(os.path.realpath(o)) for o in outputs}  # never raises on loops
    if len(resolved_outputs) < len(outputs):
        fail("--valid-out and --rejects-out must be different files")
    for p in paths:
        if p == STDIN:
            continue
        path = Path(p)
        if not os.path.exists(path):  # (Path.exists raises on a name too long)
            fail(f"'{p}' must be an existing file")
        if not os.path.isfile(path):
            fail(f"'{p}' must be a file (got a directory or special file)")
        if not os.access(path, os.R_OK):
            fail(f"'{p}' must be readable")
        if Path(os.path.realpath(path)) in resolved_outputs or _same_file(path, outputs):
            fail(f"'{p}' is both an input and an output file")
    for o in outputs:
        if os.path.isdir(o):
            fail(f"'{o}' must be a file to write (got a directory)")
        if not os.path.isdir(o.parent):
            fail(f"'{o}' must be in an existing directory")


def _same_file(path: Path, outputs: list[Path]) -> bool:
    """Whether an output is the input under another name (a hard link, a bind mount)."""
    for o in outputs:
        try:
            if os.path.samefile(path, o):
                return True
        except OSError:  # the output does not exist yet (or cannot be looked at)
            continue
    return False


class _OutputFailed(Exception):
    """An output file could not be created, written or put in place."""

    def __init__(self, option: str, path: Path, exc: OSError) -> None:
        self.message = cannot_write(option, path, exc)
        super().__init__(self.message)


class _Sink:
    """One output file: every write failure names its option."""

    def __init__(self, option: str, path: Path, f: IO[str]) -> None:
        self.option, self.path, self.f = option, path, f

    def line(self, text: str) -> None:
        try:
            self.f.write(text)
            self.f.write("\n")
        except OSError as exc:
            raise _OutputFailed(self.option, self.path, exc) from None


@contextlib.contextmanager
def _sink(option: str, path: Path | None) -> Iterator[_Sink | None]:
    """An atomic output for ``path`` (or nothing): its failures to open, write or be put in
    place become :class:`_OutputFailed`; any other error leaves no file behind."""
    from ..pipeline.atomic import atomic_writer

    if path is None:
        yield None
        return
    writer = atomic_writer(path)
    try:
        f = writer.__enter__()
    except OSError as exc:
        raise _OutputFailed(option, path, exc) from None
    try:
        yield _Sink(option, path, f)
    except BaseException as exc:
        writer.__exit__(type(exc), exc, exc.__traceback__)
        raise
    try:
        writer.__exit__(None, None, None)
    except OSError as exc:
        raise _OutputFailed(option, path, exc) from None


def _json_line(data: dict[str, object]) -> str:
    """One JSON line that UTF-8 can always hold (non-ASCII kept as is where it can be)."""
    text = json.dumps(data, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(data, ensure_ascii=True)
    return text


def _progress(outcomes: Iterator[Outcome], enabled: bool) -> Iterator[Outcome]:
    """Show a running count on stderr when it is a terminal (transient, so logs stay clean)."""
    if not enabled:
        yield from outcomes
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (
        SpinnerColumn(),
        TextColumn("{task.completed:,} records"),
        TextColumn("{task.fields[rejected]:,} rejected"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("validate", total=None, rejected=0)
        rejected = 0
        for done, o in enumerate(outcomes, 1):
            rejected += not o.ok
            if done % 500 == 0:
                bar.update(task, completed=done, rejected=rejected)
            yield o


def validate_cmd(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="FILES...",
            help="Files to validate: .jsonl (one agreement per line), .json or .yaml (one "
            "agreement or a list); '-' reads JSON Lines from standard input.",
            show_default=False,
        ),
    ],
    fmt: Annotated[OutFormat, typer.Option("--format", "-f", help="Summary format.")] = (
        OutFormat.TABLE
    ),
    valid_out: Annotated[
        Path | None,
        typer.Option(
            "--valid-out", metavar="FILE", help="Write valid records here, one JSON line each."
        ),
    ] = None,
    rejects_out: Annotated[
        Path | None,
        typer.Option(
            "--rejects-out",
            metavar="FILE",
            help="Write rejections here, one JSON line each (source, line, errors, raw).",
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            metavar="N",
            help="Validate in N processes (same output; at most 128).",
        ),
    ] = 1,
    strict: Annotated[bool, typer.Option("--strict", help="Count warnings as errors.")] = False,
) -> None:
    """Validate many records; write the valid ones and the rejections.

    Exit 0 all valid, 1 some rejected, 2 usage error. Every record read is either valid or
    rejected (read = valid + rejected); output files are written atomically.
    """
    from ..pipeline.parallel import WorkerDied
    from ..pipeline.records import Summary, ValidRecord, validate_files
    from ..pipeline.sources import STDIN

    outputs = [p for p in (valid_out, rejects_out) if p is not None]
    _check_inputs(paths, outputs)
    summary = Summary()
    rejections: list[Rejection] = []
    for p in paths:
        summary.note_source("<stdin>" if p == STDIN else p)
    try:
        with ExitStack() as stack:
            good = stack.enter_context(_sink("--valid-out", valid_out))
            bad = stack.enter_context(_sink("--rejects-out", rejects_out))
            outcomes = validate_files(paths, strict=strict, jobs=jobs, keep_agreements=False)
            for o in _progress(outcomes, sys.stderr.isatty()):
                summary.add(o)
                if isinstance(o, ValidRecord):
                    if good is not None:
                        good.line(o.raw or "")
                else:
                    if bad is not None:
                        bad.line(_json_line(o.to_dict()))
                    if len(rejections) < SHOWN_REJECTIONS:
                        rejections.append(o)
    except CeasefireTermsError as exc:
        fail(str(exc))
    except _OutputFailed as exc:
        fail(exc.message)
    except WorkerDied as exc:
        fail(str(exc), EXIT_INTERNAL)
    if fmt is OutFormat.JSON:
        typer.echo(json.dumps(summary.as_dict(), indent=2))
    else:
        _print_summary(summary, rejections)
    raise typer.Exit(EXIT_OK if summary.all_valid else EXIT_INVALID)


def _print_summary(summary: Summary, rejections: list[Rejection]) -> None:
    out = _out()
    cols = [Col("file"), *(Col(c, key=True, right=True) for c in COUNTS)]
    rows = [
        [name, f"{c.read:,}", f"{c.valid:,}", f"{c.rejected:,}", f"{c.warnings:,}"]
        for name, c in summary.sources.items()
    ]
    t = summary.total
    if len(summary.sources) > 1:
        rows.append(["total", f"{t.read:,}", f"{t.valid:,}", f"{t.rejected:,}", f"{t.warnings:,}"])
    out.print(fitted_table("validation summary", cols, rows, out.width))
    colour = "green" if summary.all_valid else "red"
    out.print(
        f"[bold {colour}]{t.read:,} read: {t.valid:,} valid, {t.rejected:,} rejected[/]"
        f" ({t.warnings:,} warning(s) on valid records)"
    )
    for r in rejections:
        where = f"{r.source}:{r.line}" if r.line is not None else r.source
        out.print(Hanging(f"  {where}: ", r.message))
    if t.rejected > len(rejections):
        out.print(f"  ... and {t.rejected - len(rejections):,} more (see --rejects-out)")


def register(app: typer.Typer) -> None:
    """Add the ``validate`` command to the ``ceasefire-terms`` app."""
    app.command(name="validate")(validate_cmd)
