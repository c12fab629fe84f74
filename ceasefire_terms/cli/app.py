"""The ``ceasefire-terms`` command line: argument parsing and printing only.

Exit codes (the same for every command; see :mod:`ceasefire_terms.cli.common`): 0 success
(and every record valid); 1 a record is invalid or its dates cannot be computed; 2 a usage
error, unreadable input or unwritable output; 70 an internal error; 130 Ctrl-C; 143 SIGTERM.
Errors are printed as one line on stderr, never as a traceback.
"""

from __future__ import annotations

import datetime as dt
import errno
import gc
import importlib
import json
import os
import signal
import sys
from collections.abc import Iterator, MutableMapping
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
import typer.main
from rich import box
from rich.table import Table
from rich.text import Text
from typer._click.core import Command  # typer's own copy of click
from typer._click.exceptions import ClickException

from ..errors import CeasefireTermsError, RecordError
from ..model.limits import MAX_RENEWALS
from .common import (
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_TERMINATED,
    EXIT_USAGE,
    UNLIMITED_WIDTH,
    OutFormat,
    error_line,
    escape,
    fail,
    load_or_exit,
)
from .common import out as _out
from .help import Group, complete_example
from .layout import NARROWEST_PROSE, Hanging, printed_lines

if TYPE_CHECKING:
    from ..dates.resolve import Event, Status, Timeline
    from ..model.agreement import Agreement
    from ..validation.checks import Report

# The model, the date engine and the YAML reader are imported by the commands that use them
# (through load_or_exit and the agreement's methods), so that building the command line, and
# --version and --help, load none of them.

LAZY_COMMANDS: dict[str, str] = {
    "extract": "extract_cmd",
    "validate": "pipeline_cmd",
    "plot": "ecosystem_cmd",
    "schema": "ecosystem_cmd",
    "examples": "examples_cmd",
    "conformance": "examples_cmd",
    "new": "new_cmd",
    "import": "datasets_cmd",
    "export": "datasets_cmd",
    "link": "datasets_cmd",
    "schedule": "schedule_cmd",
}
"""The commands defined in their own modules (each has a ``register(app)``), in the order
``--help`` lists them after this module's own, and the module of each. A module is imported,
and its commands built, only when one of them is looked up: running ``timeline`` imports
none of them; ``--help``, shell completion and a mistyped command name list them all.
``tests/test_startup.py`` checks this table against what each module registers."""


class _Commands(MutableMapping[str, Command]):
    """A group's commands: this module's, then those of :data:`LAZY_COMMANDS`, each built
    on first look-up. Names and membership are known without importing anything."""

    def __init__(self, built: MutableMapping[str, Command]) -> None:
        self._built = dict(built)

    def _load(self, module_name: str) -> None:
        module = importlib.import_module(f"{__package__}.{module_name}")
        own = typer.Typer(
            add_completion=False,
            pretty_exceptions_short=app.pretty_exceptions_short,
            rich_markup_mode=app.rich_markup_mode,
        )
        module.register(own)
        command = typer.main.get_command(own)  # the command, or a group of several
        found: dict[str, Command] = getattr(command, "commands", None) or {
            str(command.name): command
        }
        self._built.update(found)

    def __getitem__(self, name: str) -> Command:
        if name not in self._built and name in LAZY_COMMANDS:
            self._load(LAZY_COMMANDS[name])
        return self._built[name]

    def __setitem__(self, name: str, command: Command) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __contains__(self, name: object) -> bool:
        return name in self._built or name in LAZY_COMMANDS

    def __iter__(self) -> Iterator[str]:
        yield from [n for n in self._built if n not in LAZY_COMMANDS]
        yield from LAZY_COMMANDS

    def __len__(self) -> int:
        return len(self._built.keys() | LAZY_COMMANDS.keys())


class _Group(Group):
    """The application's group, with the commands of :data:`LAZY_COMMANDS` built lazily."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.commands = _Commands(self.commands)


app = typer.Typer(
    name="ceasefire-terms",
    help="Typed, validated, date-correct terms of ceasefire and peace agreements.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    cls=_Group,
)


def _print_version(value: bool) -> None:
    if value:
        from importlib import metadata

        try:
            version = metadata.version("ceasefire-terms")
        except metadata.PackageNotFoundError:
            version = "0+unknown (not installed)"
        print(f"ceasefire-terms {version}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Typed, validated, date-correct terms of ceasefire and peace agreements."""


class TimelineFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    ICS = "ics"


_TIMELINE_COLUMNS = ("date", "time", "event", "id", "rule")


def _time_text(e: Event) -> str:
    return e.at.strftime("%H:%M") if e.at else ("end of day" if e.end_of_day else "")


def timeline_table(t: Timeline, width: int | None = None) -> Table:
    """The timeline as a table laid out for ``width`` columns (``None``: no limit).

    Two layouts are tried and the one that prints fewer lines at ``width`` wins (the first on
    a tie): five columns (date, time, event, id, rule), where only the event and the rule
    wrap; and two columns, the date with the time under it and the event with its id in
    brackets and its rule, dimmed, under it. The five-column layout is only tried when its
    dates, times and ids fit whole beside event and rule columns of at least 20 characters.
    No id is split in either layout as long as ``width`` leaves the event column at least as
    wide as the longest id (44 columns for the bundled agreements, whose longest id has 29
    characters); narrower than that, a long id is folded rather than cut.
    """
    rows = [(e.date.isoformat(), _time_text(e), e.label, e.id, e.rule) for e in t.events]
    title = f"{t.agreement} — times in {t.zone}"
    widest = [
        max([len(col), *(len(r[i]) for r in rows)]) for i, col in enumerate(_TIMELINE_COLUMNS)
    ]
    frame = 3 * len(widest) + 1  # each cell's padding and rule, and the closing rule
    limit = UNLIMITED_WIDTH if width is None else width
    one_line = sum(widest) + frame <= limit
    fixed = widest[0] + widest[1] + widest[3] + frame
    candidates: list[Table] = []
    if one_line or fixed + 2 * NARROWEST_PROSE <= limit:
        table = Table(title=Text(title))
        for i, col in enumerate(_TIMELINE_COLUMNS):
            prose = col in ("event", "rule")
            table.add_column(col, no_wrap=not prose, min_width=None if prose else widest[i])
        for row in rows:
            table.add_row(*(Text(cell) for cell in row))  # as written: no markup is read
        candidates.append(table)
    if one_line:
        return candidates[0]  # every event on one line
    folded = Table(title=Text(title), box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    folded.add_column("date, time", no_wrap=True)
    folded.add_column(Text("event [id], rule"), overflow="fold", ratio=1)
    for day, time, label, event_id, rule in rows:
        when = Text(day + (f"\n{time}" if time else ""))
        event = Text.assemble(label, " ", (f"[{event_id}]", "cyan"), "\n", (rule, "dim"))
        folded.add_row(when, event)
    candidates.append(folded)
    return min(candidates, key=lambda table: printed_lines(table, limit))


FileArg = Annotated[
    Path | None,
    typer.Argument(
        help="Agreement file (.yaml, .yml or .json); or give --example instead.",
        show_default=False,
    ),
]
ExampleOpt = Annotated[
    str | None,
    typer.Option(
        "--example",
        metavar="NAME",
        autocompletion=complete_example,
        help="A bundled agreement instead of FILE (names: 'ceasefire-terms examples').",
    ),
]


@app.command()
def timeline(
    file: FileArg = None,
    fmt: Annotated[TimelineFormat, typer.Option("--format", "-f", help="Output format.")] = (
        TimelineFormat.TABLE
    ),
    original: Annotated[
        bool, typer.Option("--original", help="Ignore amendments: the timeline as first agreed.")
    ] = False,
    renewals: Annotated[
        int,
        typer.Option(
            "--renewals", min=0, max=MAX_RENEWALS, metavar="N", help="Project N automatic renewals."
        ),
    ] = 0,
    example: ExampleOpt = None,
) -> None:
    """Print the resolved timeline of an agreement.

    Every phase boundary and deadline, with the rule that dated it. Give a FILE or
    --example NAME, not both."""
    agreement = _pick(file, example)
    try:
        t = agreement.timeline(amended=not original, renewals=renewals)
    except CeasefireTermsError as exc:
        fail(str(exc), EXIT_INVALID)
    if fmt is TimelineFormat.JSON:
        typer.echo(json.dumps(t.as_dict(), ensure_ascii=False, indent=2))
    elif fmt is TimelineFormat.CSV:
        from ..io.export import timeline_csv

        typer.echo(timeline_csv(t), nl=False)
    elif fmt is TimelineFormat.ICS:
        try:
            from ..integrations.ics import timeline_ics  # type: ignore[import-not-found,unused-ignore]
        except ImportError as exc:
            fail(str(exc))
        sys.stdout.buffer.write(timeline_ics(agreement, t))
    else:
        console = _out()
        console.print(timeline_table(t, console.width))
        for u in t.unresolved:
            console.print(Text.assemble(("not dated: ", "yellow"), f"{u.id}: {u.reason}"))


def _pick(file: Path | None, example: str | None) -> Agreement:
    if file is not None and example is not None:
        fail("FILE and --example NAME are mutually exclusive: give one of them, not both")
    if file is None and example is None:
        fail("give a FILE or --example NAME (names: 'ceasefire-terms examples')")
    if example is not None:
        try:
            from ..examples import load as load_example  # type: ignore[import-not-found,unused-ignore]
        except ImportError as exc:
            fail(f"bundled examples are not available: {exc}")
        try:
            found: Agreement = load_example(example)
            return found
        except CeasefireTermsError as exc:
            fail(str(exc))
    assert file is not None
    return load_or_exit(file)


@app.command()
def status(
    file: FileArg = None,
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            metavar="WHEN",
            help="A local date YYYY-MM-DD (the whole day), or a moment: '2025-03-01 23:00 "
            "Asia/Jerusalem' or '2025-03-01T23:00+02:00'. Default: today in the agreement's "
            "zone.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[OutFormat, typer.Option("--format", "-f", help="Output format.")] = (
        OutFormat.TABLE
    ),
    example: ExampleOpt = None,
) -> None:
    """Show what is active, due and coming up on a day.

    The day is --on, or today in the agreement's zone; the output names the day used. Give a
    FILE or --example NAME, not both."""
    agreement = _pick(file, example)
    try:
        agreement.timeline()
    except CeasefireTermsError as exc:  # the record's dates cannot be computed
        fail(str(exc), EXIT_INVALID)
    try:
        st = agreement.status_on(_today(agreement.zone) if on is None else on)
    except CeasefireTermsError as exc:  # the --on value
        if exc.path in (None, "on"):  # name the option as the user typed it
            got = f" (got {exc.got!r})" if exc.has_got else ""
            fail(f"'--on' {exc.expected}{got}" + (f"; {exc.hint}" if exc.hint else ""))
        fail(str(exc))
    if fmt is OutFormat.JSON:
        typer.echo(json.dumps({"agreement": agreement.id, **st.as_dict()}, indent=2))
        return
    _print_status(agreement, st)


def _today(zone: str) -> dt.date:
    """Today's date in ``zone`` (the agreement's zone; its name was checked on loading)."""
    from ..model.when import get_zone

    return dt.datetime.now(get_zone(zone)).date()


def _print_status(agreement: Agreement, st: Status) -> None:
    out = _out()
    when = st.on.isoformat() if st.at is None else st.at.isoformat(timespec="minutes")
    out.print(f"[bold]{escape(agreement.title)}[/] on {when} ({agreement.zone})", highlight=False)
    if not st.active:
        out.print("No phase is active." if st.complete else "No phase is known to be active.")
    for a in st.active:
        left = "open-ended" if a.days_left is None else f"{a.days_left} day(s) left"
        renewed = ""
        if a.renewal:
            renewed = (
                f", in automatic renewal {a.renewal} (projected: it holds unless renewal was "
                f"stopped{'; ' + a.notice if a.notice else ''})"
            )
        out.print(
            f"Active: {a.name} — day {a.day}, {left} (ends {a.ends}){renewed}",
            highlight=False,
            markup=False,
        )
    for a in st.undetermined:
        out.print(
            f"Unknown: {a.name} began (day {a.day}) but its end could not be dated: {a.end_rule}",
            highlight=False,
            markup=False,
        )
    for title, events in (("Due this day", st.due), ("Coming up", st.upcoming)):
        if events:
            out.print(f"[bold]{title}:[/]")
            for e in events:
                out.print(f"  {e.date}  {e.label}  ({e.rule})", highlight=False, markup=False)
    out.print(f"{len(st.passed)} event(s) already passed.")
    if st.unresolved:
        out.print(f"[yellow]Not dated ({len(st.unresolved)}):[/]")
        for u in st.unresolved:
            out.print(f"  {u.id}: {u.reason}", highlight=False, markup=False)


@app.command(name="check")
def check_cmd(
    file: FileArg = None,
    fmt: Annotated[OutFormat, typer.Option("--format", "-f", help="Output format.")] = (
        OutFormat.TABLE
    ),
    strict: Annotated[bool, typer.Option("--strict", help="Count warnings as errors.")] = False,
    example: ExampleOpt = None,
) -> None:
    """Validate one agreement record.

    Exit 0 valid, 1 invalid, 2 usage error. Give a FILE or --example NAME, not both."""
    if file is None or example is not None:
        agreement = _pick(file, example)
    else:
        from ..io.load import load_agreement

        try:
            agreement = load_agreement(file)
        except CeasefireTermsError as exc:
            if isinstance(exc, RecordError):
                _print_record_error(file, exc, fmt)
                raise typer.Exit(EXIT_INVALID) from None
            fail(str(exc))
    from ..validation.checks import check  # (start-up time of the other commands)

    report = check(agreement)
    if fmt is OutFormat.JSON:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print_report(report)
    raise typer.Exit(EXIT_OK if report.passed(strict=strict) else EXIT_INVALID)


def _print_record_error(file: Path, exc: CeasefireTermsError, fmt: OutFormat) -> None:
    errors = getattr(exc, "errors", [])
    if fmt is OutFormat.JSON:
        typer.echo(
            json.dumps(
                {
                    "agreement": None,
                    "file": str(file),
                    "ok": False,
                    "errors": errors,
                    "warnings": [],
                },
                indent=2,
            )
        )
        return
    out = _out()
    out.print(f"[bold red]{escape(str(file))}: invalid record, {len(errors)} error(s)[/]")
    for e in errors:
        out.print(Hanging("  error: ", e["message"]))


def _print_report(report: Report) -> None:
    out = _out()
    colour = "green" if report.ok else "red"
    out.print(
        f"[bold {colour}]{escape(report.agreement)}: {len(report.errors)} error(s), "
        f"{len(report.warnings)} warning(s)[/]"
    )
    for f in report.findings:
        out.print(Hanging(f"  {f.severity.value}: ", f.message))


_STOPPED: dict[int, tuple[int, str]] = {
    signal.SIGINT: (EXIT_INTERRUPTED, "interrupted"),
    signal.SIGTERM: (EXIT_TERMINATED, "terminated (SIGTERM)"),
}


def _on_stop_signal(signum: int, frame: object) -> None:
    """Ctrl-C or SIGTERM: kill the workers, remove the temporary files, say so in one line
    and end at once (see :mod:`ceasefire_terms.pipeline.abort` for why not an exception)."""
    code, what = _STOPPED.get(signum, (EXIT_TERMINATED, f"stopped by signal {signum}"))
    # nothing is imported here: if the pipeline was never loaded, it has nothing to undo
    abort = sys.modules.get("ceasefire_terms.pipeline.abort")
    if abort is not None:
        abort.clean_up()
    error_line(f"{what}; no output file was left under its final name")
    os._exit(code)


def _silence_stdout() -> None:
    """Point standard output at the null device, so the interpreter's last flush of text
    that could not be written does not print a second error at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:  # pragma: no cover - nothing more can be done
        pass


def run(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code; print at most one error line.

    Everything that escapes a command is turned into one line and a documented exit code:
    a library error (2), an output that cannot be written, including a full disk or a closed
    pipe (2), Ctrl-C (130), SIGTERM (143) and anything unforeseen (70, an internal error)."""
    if sys.stdout is None:
        error_line("standard output is closed; run the command with an open standard output")
        return EXIT_USAGE
    previous: dict[int, Any] = {}
    try:
        for signum in _STOPPED:
            previous[signum] = signal.signal(signum, _on_stop_signal)
    except ValueError:  # not the main thread (e.g. embedded); no handlers there
        pass
    try:
        code = app(args=argv, standalone_mode=False)
        sys.stdout.flush()
    except SystemExit as exc:  # typer exits 1 itself on a broken pipe (EPIPE), nothing else
        if exc.code != 1:
            return exc.code if isinstance(exc.code, int) else EXIT_USAGE
        _silence_stdout()
        error_line("standard output was closed before the output was written (broken pipe)")
        return EXIT_USAGE
    except typer.Abort:  # end of input while prompting; no command prompts, but say so
        error_line("aborted")
        return EXIT_USAGE
    except ClickException as exc:  # a bad option or argument, shown as typer shows it
        _show_usage_error(exc)
        return EXIT_USAGE if exc.exit_code == 2 else int(exc.exit_code)
    except CeasefireTermsError as exc:  # commands handle their own; a last guard
        error_line(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        error_line("interrupted; no output file was left under its final name")
        return EXIT_INTERRUPTED
    except UnicodeEncodeError as exc:
        encoding = getattr(sys.stdout, "encoding", None) or "unknown"
        if encoding.replace("-", "").lower() == "utf8":
            error_line(f"internal error (a bug in ceasefire-terms; please report it): {exc}")
            return EXIT_INTERNAL
        _silence_stdout()
        error_line(
            f"standard output cannot hold the text in its encoding ({encoding}); "
            "set PYTHONIOENCODING=utf-8"
        )
        return EXIT_USAGE
    except OSError as exc:  # writing standard output (a full disk, /dev/full, a closed pipe)
        _silence_stdout()
        what = exc.strerror or type(exc).__name__
        if exc.errno == errno.EPIPE:
            what = "broken pipe"
        where = f"'{exc.filename}'" if exc.filename else "standard output"
        error_line(f"{where} could not be written: {what}")
        return EXIT_USAGE
    except Exception as exc:  # a bug: one line and its own exit code, never a traceback
        error_line(
            f"internal error (a bug in ceasefire-terms; please report it with the input): "
            f"{type(exc).__name__}: {exc}"
        )
        return EXIT_INTERNAL
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if code == EXIT_INTERRUPTED:  # typer turns Ctrl-C into exit code 130 without a word
        error_line("interrupted; no output file was left under its final name")
    return int(code or 0)


def _show_usage_error(exc: ClickException) -> None:
    try:
        from typer import rich_utils

        rich_utils.rich_format_error(exc)
    except Exception:  # pragma: no cover - rich is a dependency; plain text otherwise
        exc.show()


def main() -> None:
    """Console entry point: run the app and exit with its code (see :func:`run`)."""
    code = run()
    # Everything the run made is about to go with the process. Frozen, it is left out of the
    # cyclic collector's passes at exit, which walked every object of pydantic, typer, rich
    # and the model: about 35 ms of a `timeline` run of 360 (docs/performance.md). atexit
    # handlers (the pipeline's workers) and the flushing of standard output run as before;
    # only garbage caught in reference cycles is left to the operating system.
    gc.freeze()
    sys.exit(code)
