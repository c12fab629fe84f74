"""``ceasefire-terms examples`` and ``ceasefire-terms conformance``: the bundled real
agreements and how their computed dates compare with the published ones.

Exit codes: 0 success (for ``conformance``: no unexplained difference); 1 ``conformance``
found a published date that differs without a disputed-reading explanation; 2 a usage error
(e.g. an unknown agreement name).
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import CeasefireTermsError
from .common import EXIT_INVALID, EXIT_OK, OutFormat, fail, load_or_exit
from .common import out as _out
from .help import complete_example
from .layout import Col, fitted_table

if TYPE_CHECKING:
    from ..model.agreement import Agreement

# The bundled agreements (and with them the model) are loaded when a command runs, not when
# --help lists the commands.

__all__ = ["register"]


class ConformanceFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"


def _agreements(names: list[str] | None) -> list[Agreement]:
    """Bundled agreements by name, or agreement files (a path that exists, or ends in
    .yaml, .yml or .json)."""
    from .. import examples

    out: list[Agreement] = []
    for name in names or examples.names():
        path = Path(name)
        if path.suffix.lower() in (".yaml", ".yml", ".json") or path.exists():
            out.append(load_or_exit(path))
            continue
        try:
            out.append(examples.load(name))
        except CeasefireTermsError as exc:
            fail(f"{exc}; or give an agreement file (.yaml, .yml, .json)")
    return out


def examples_cmd(
    fmt: Annotated[OutFormat, typer.Option("--format", "-f", help="Output format.")] = (
        OutFormat.TABLE
    ),
) -> None:
    """List the bundled real agreements.

    Use one with 'timeline --example NAME' (or status, check)."""
    rows = []
    for a in _agreements(None):
        rows.append(
            {
                "name": a.id,
                "title": a.title,
                "zone": a.zone,
                "phases": len(a.phases),
                "amendments": len(a.amendments),
                "sources": len(a.sources),
            }
        )
    if fmt is OutFormat.JSON:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    cols = [Col("name", key=True), Col("title"), Col("zone", key=True)]
    cols += [Col(c, key=True, right=True) for c in ("phases", "amendments", "sources")]
    console = _out()
    cells = [[str(r[c.header]) for c in cols] for r in rows]
    console.print(fitted_table("Bundled agreements", cols, cells, console.width))


def conformance_cmd(
    names: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="NAME_OR_FILE...",
            autocompletion=complete_example,
            help="Bundled agreement names or your agreement files (default: every bundled "
            "agreement).",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        ConformanceFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ConformanceFormat.TABLE,
) -> None:
    """Compare published and computed dates.

    Exit 0 when every difference is explained (a disputed reading), 1 when a published date
    differs without explanation, 2 usage error."""
    from ..conformance import Status, conformance_markdown, conformance_rows  # (start-up time)

    agreements = _agreements(names)
    rows = [r for a in agreements for r in conformance_rows(a)]
    if fmt is ConformanceFormat.JSON:
        typer.echo(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=2))
    elif fmt is ConformanceFormat.MARKDOWN:
        typer.echo(conformance_markdown(agreements), nl=False)
    else:
        cols = [Col("agreement", key=True), Col("event")]
        cols += [Col(c, key=True) for c in ("published", "computed", "convention", "result")]
        cells = []
        for r in rows:
            result = r.status.value if r.status is not Status.AGREES else f"agrees ({r.match})"
            event = r.event + (" (as first agreed)" if r.as_first_agreed else "")
            cells.append([r.agreement, event, r.published, r.computed, r.convention, result])
        console = _out()
        console.print(fitted_table("Published vs computed dates", cols, cells, console.width))
        agree = sum(r.status is Status.AGREES for r in rows)
        disputed = sum(r.status is Status.DISPUTED for r in rows)
        differs = sum(r.status is Status.DIFFERS for r in rows)
        _out().print(
            f"{len(rows)} published dates: {agree} agree, {disputed} disputed, "
            f"{differs} differ without explanation",
            highlight=False,
        )
    bad = any(r.status is Status.DIFFERS for r in rows)
    raise typer.Exit(EXIT_INVALID if bad else EXIT_OK)


def register(app: typer.Typer) -> None:
    """Add ``examples`` and ``conformance`` to the command line."""
    app.command(name="examples")(examples_cmd)
    app.command(name="conformance")(conformance_cmd)
