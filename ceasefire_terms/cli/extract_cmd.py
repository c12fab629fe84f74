"""``ceasefire-terms extract FILE [--published DATE] [--draft] [--zone ZONE] [-f table|json]``.

Thin: it reads the file, calls :func:`ceasefire_terms.extraction.extract` or
:func:`ceasefire_terms.extraction.draft.draft_from_text`, and prints. Exit codes: 0 success;
2 a usage error or unreadable input (one line on stderr, never a traceback).

Wire it into the application with ``register(app)``.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import CeasefireTermsError
from .common import fail as _fail
from .common import out as _out
from .layout import Col, fitted_table

__all__ = ["register"]


class ExtractFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


def extract_command(
    file: Annotated[
        Path, typer.Argument(help="A UTF-8 text file (a news article or an agreement).")
    ],
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            metavar="DATE",
            help="Publication date YYYY-MM-DD: resolves 'January 19', 'on Monday'.",
        ),
    ] = None,
    draft: Annotated[
        bool, typer.Option("--draft", help="Assemble a draft agreement record.")
    ] = False,
    zone: Annotated[
        str | None,
        typer.Option("--zone", metavar="ZONE", help="IANA zone of the agreement (with --draft)."),
    ] = None,
    fmt: Annotated[
        ExtractFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ExtractFormat.TABLE,
) -> None:
    """List the durations, quantities, dates and actors in a text.

    Every duration, quantity, date, time, day reference and actor in FILE, with its span;
    with --draft, a draft agreement whose figures quote their words."""
    from ..extraction import extract  # loaded only when the command runs (start-up time)
    from ..extraction.draft import draft_from_text

    try:
        text = file.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        _fail(f"cannot read {str(file)!r}: {exc.__class__.__name__}: {exc}")
    try:
        if draft:
            result = draft_from_text(text, published=published, source=str(file), zone=zone)
        else:
            mentions = extract(text, published=published)
    except CeasefireTermsError as exc:
        _fail(str(exc))
    if draft:
        if fmt is ExtractFormat.JSON:
            typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
            return
        _print_draft_table(result.to_dict())
        return
    if fmt is ExtractFormat.JSON:
        typer.echo(json.dumps([m.to_dict() for m in mentions], ensure_ascii=False, indent=2))
        return
    cols = [Col("kind", key=True), Col("start", key=True, right=True)]
    cols += [Col("end", key=True, right=True), Col("text"), Col("value"), Col("hedge")]
    cols.append(Col("noun"))
    rows = [
        [
            m.kind.value, str(m.start), str(m.end), m.text, m.canonical(),
            m.hedge or "", m.noun or m.anchor or m.role or "",
        ]
        for m in mentions
    ]  # fmt: skip
    console = _out()
    console.print(fitted_table(None, cols, rows, console.width))


def _print_draft_table(data: dict[str, object]) -> None:
    out = _out()
    agreement = data["agreement"]
    assert isinstance(agreement, dict)
    out.print(f"draft agreement: {agreement.get('title')}", highlight=False, markup=False)
    rows: list[list[str]] = []
    for p in agreement.get("parties", []):
        rows.append(["party", f"{p['name']} ({p['role']})", ""])
    if agreement.get("effective"):
        rows.append(["effective", str(agreement["effective"]), ""])
    for ph in agreement.get("phases", []):
        quotes = "; ".join(s.get("quote", "") for s in ph.get("sources", []))
        rows.append([ph["id"], str(ph.get("length", "")), quotes])
    for pr in agreement.get("provisions", []):
        rows.append([pr["id"], _provision_value(pr), "; ".join(_quotes(pr))])
    cols = [Col("field", key=True), Col("value"), Col("quoted words")]
    out.print(fitted_table(None, cols, rows, out.width))
    unresolved = data["unresolved"]
    assert isinstance(unresolved, list)
    if unresolved:
        cells = [[u["text"], u["value"], u["reason"]] for u in unresolved]
        cols = [Col("unplaced"), Col("value"), Col("reason")]
        out.print(fitted_table(None, cols, cells, out.width))
    assumptions = data["assumptions"]
    assert isinstance(assumptions, list)
    for a in assumptions:
        out.print(f"assumption: {a}", highlight=False, markup=False)


def _figure(q: Any) -> str:
    return str(q.get("text") or q.get("value", "")) if isinstance(q, dict) else str(q)


def _when(due: Any) -> str:
    if isinstance(due, dict) and due.get("day") is not None:
        return f"day {due['day']} of {due.get('of')}"
    if isinstance(due, dict):
        return str(due.get("anchor", due))
    return str(due)


def _quotes(pr: dict[str, Any]) -> list[str]:
    """The quoted words of a drafted provision and of its batches, ratio rules and parts."""
    holders = [pr, *pr.get("batches", []), *pr.get("ratio_rules", [])]
    if isinstance(pr.get("rate"), dict):
        holders += pr["rate"].get("parts", [])
    return [
        s["quote"]
        for h in holders
        for s in h.get("sources", [])
        if isinstance(s, dict) and s.get("quote")
    ]


def _provision_value(pr: dict[str, Any]) -> str:
    """What a drafted provision says, in a few words: its figure, batches, ratios, rate."""
    parts: list[str] = []
    if pr.get("quantity") is not None:
        parts.append(_figure(pr["quantity"]))
    rate = pr.get("rate")
    if isinstance(rate, dict):
        split = ", ".join(f"{p['label']} {_figure(p['quantity'])}" for p in rate.get("parts", []))
        parts.append(
            f"{_figure(rate['quantity'])} per {rate['per']}" + (f" ({split})" if split else "")
        )
    batches = [f"{_figure(b.get('quantity'))} on {_when(b['due'])}" for b in pr.get("batches", [])]
    if batches:
        parts.append("batches: " + ", ".join(batches))
    ratios = [f"{_figure(r['rate'])} per {r['per']}" for r in pr.get("ratio_rules", [])]
    if ratios:
        parts.append("ratios: " + ", ".join(ratios))
    if pr.get("due") is not None:
        parts.append(_when(pr["due"]))
    return "; ".join(parts)


def register(app: typer.Typer) -> None:
    """Add the ``extract`` command to ``app``."""
    app.command("extract")(extract_command)
