"""``ceasefire-terms plot`` and ``ceasefire-terms schema``.

Exit codes as for the other commands: 0 success; 1 the record is invalid or its timeline
cannot be computed; 2 a usage error, unreadable input, an unwritable output, a missing
optional extra (the message names it) or a timeline over the plot limits (see
:mod:`ceasefire_terms.integrations.plot`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from ..errors import CeasefireTermsError, LimitError
from .common import EXIT_INVALID, fail, load_or_exit


def plot(
    file: Annotated[Path, typer.Argument(help="Agreement file (.yaml, .yml or .json).")],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", metavar="FILE", help="PNG file to write.", show_default=False
        ),
    ],
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help="Draw a line on this local date YYYY-MM-DD. Default: today in the "
            "agreement's zone, drawn when it falls within the plotted span.",
            show_default=False,
        ),
    ] = None,
    dpi: Annotated[
        int, typer.Option("--dpi", min=50, max=600, metavar="N", help="Resolution.")
    ] = 120,
) -> None:
    """Draw the timeline of an agreement to a PNG.

    Phases as bars, deadlines and exchanges as markers, and a line on --as-of or, by
    default, on today in the agreement's zone (the output names the day used)."""
    when: dt.date | str = "today"
    if as_of is not None:
        try:
            when = dt.date.fromisoformat(as_of.strip())
        except ValueError:
            fail(f"'--as-of' must be a date YYYY-MM-DD (got {as_of!r})")
    if output.suffix.lower() != ".png":
        fail(f"'--output' must be a .png file (got {str(output)!r})")
    agreement = load_or_exit(file)
    try:
        from ..integrations.plot import save_timeline_png

        save_timeline_png(agreement, output, as_of=when, dpi=dpi)
    except ImportError as exc:
        fail(str(exc))
    except LimitError as exc:
        option = {"as_of": "--as-of", "dpi": "--dpi"}.get(exc.path or "")
        fail(f"'{option}' {exc.expected} (got {exc.got!r})" if option else str(exc))
    except CeasefireTermsError as exc:
        fail(str(exc), EXIT_INVALID)
    except OSError as exc:
        fail(f"'--output' could not be written: {exc.strerror or exc} (got {str(output)!r})")
    typer.echo(f"wrote {output}")
    if as_of is None:
        from ..model.when import get_zone

        today = dt.datetime.now(get_zone(agreement.zone)).date()
        typer.echo(f"as of today, {today.isoformat()} in {agreement.zone}")


def schema(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to this file instead of standard output.",
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of the agreement record format.

    The schema follows JSON Schema draft 2020-12."""
    from ..schema import record_schema_json

    text = record_schema_json()
    if output is None:
        typer.echo(text)
        return
    try:
        output.write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        fail(f"'--output' could not be written: {exc.strerror or exc} (got {str(output)!r})")
    typer.echo(f"wrote {output}")


def register(app: typer.Typer) -> None:
    """Add ``plot`` and ``schema`` to the command line."""
    app.command(name="plot")(plot)
    app.command(name="schema")(schema)
