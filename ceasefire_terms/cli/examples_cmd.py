"""``ceasefire-terms examples`` and ``ceasefire-terms conformance``: the bundled real
agreements and how their computed dates compare with the published ones.

Exit codes: 0 success (for ``conformance``: no unexplained difference); 1 ``conformance``
found a published date that differs without a disputed-reading explanation; 2 a usage error
(e.g. an unknown agreement name).
"""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from .. import examples
from ..conformance import Status, conformance_markdown, conformance_rows
from ..errors import CeasefireTermsError
from ..model.agreement import Agreement
from .common import EXIT_INVALID, EXIT_OK, OutFormat, cells, fail
from .common import out as _out

__all__ = ["register"]


def _agreements(names: list[str] | None) -> list[Agreement]:
    try:
        return [examples.load(n) for n in (names or examples.names())]
    except CeasefireTermsError as exc:
        fail(str(exc))


def examples_cmd(
    fmt: Annotated[OutFormat, typer.Option("--format", "-f", help="Output format.")] = (
        OutFormat.TABLE
    ),
) -> None:
    """List the bundled real agreements (use one with 'timeline --example NAME')."""
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
    table = Table(title="Bundled agreements")
    for col in ("name", "title", "zone", "phases", "amendments", "sources"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(
            *cells(*(r[c] for c in ("name", "title", "zone", "phases", "amendments", "sources")))
        )
    _out().print(table)


def conformance_cmd(
    names: Annotated[
        list[str] | None,
        typer.Argument(help="Bundled agreement names (default: all).", show_default=False),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json or markdown.")] = "table",
) -> None:
    """Published dates against computed dates for the bundled agreements."""
    if fmt not in ("table", "json", "markdown"):
        fail(f"'--format' must be one of table, json, markdown (got {fmt!r})")
    agreements = _agreements(names)
    rows = [r for a in agreements for r in conformance_rows(a)]
    if fmt == "json":
        typer.echo(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=2))
    elif fmt == "markdown":
        typer.echo(conformance_markdown(agreements), nl=False)
    else:
        table = Table(title="Published vs computed dates")
        for col in ("agreement", "event", "published", "computed", "convention", "result"):
            table.add_column(col, overflow="fold")
        for r in rows:
            result = r.status.value if r.status is not Status.AGREES else f"agrees ({r.match})"
            event = r.event + (" (as first agreed)" if r.as_first_agreed else "")
            table.add_row(*cells(r.agreement, event, r.published, r.computed, r.convention, result))
        _out().print(table)
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
