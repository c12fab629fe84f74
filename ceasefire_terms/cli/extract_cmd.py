"""``ceasefire-terms extract FILE [--published DATE] [--draft] [--format json|table]``.

Thin: it reads the file, calls :func:`ceasefire_terms.extract.extract` or
:func:`ceasefire_terms.extract.draft.draft_from_text`, and prints. Exit codes: 0 success;
2 a usage error or unreadable input (one line on stderr, never a traceback).

Wire it into the application with ``register(app)``.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from ..errors import CeasefireTermsError
from ..extract import extract
from ..extract.draft import draft_from_text
from .common import cells
from .common import fail as _fail
from .common import out as _out

__all__ = ["register"]


class ExtractFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


def extract_command(
    file: Annotated[Path, typer.Argument(help="a UTF-8 text file (news article or agreement)")],
    published: Annotated[
        str | None,
        typer.Option(help="publication date, YYYY-MM-DD: resolves 'January 19', 'on Monday'"),
    ] = None,
    draft: Annotated[
        bool, typer.Option("--draft", help="assemble a draft agreement record")
    ] = False,
    zone: Annotated[
        str | None, typer.Option(help="IANA zone of the agreement (with --draft)")
    ] = None,
    fmt: Annotated[
        ExtractFormat, typer.Option("--format", help="output format")
    ] = ExtractFormat.TABLE,
) -> None:
    """List every duration, quantity, date, time, day reference and actor in FILE, with its
    span; with --draft, a draft agreement whose figures quote their words."""
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
    table = Table("kind", "start", "end", "text", "value", "hedge", "noun")
    for m in mentions:
        table.add_row(*cells(
            m.kind.value, str(m.start), str(m.end), m.text, m.canonical(),
            m.hedge or "", m.noun or m.anchor or m.role or "",
        ))  # fmt: skip
    _out().print(table)


def _print_draft_table(data: dict[str, object]) -> None:
    out = _out()
    agreement = data["agreement"]
    assert isinstance(agreement, dict)
    out.print(f"draft agreement: {agreement.get('title')}", highlight=False, markup=False)
    table = Table("field", "value", "quoted words")
    for p in agreement.get("parties", []):
        table.add_row(*cells("party", f"{p['name']} ({p['role']})", ""))
    if agreement.get("effective"):
        table.add_row(*cells("effective", agreement["effective"], ""))
    for ph in agreement.get("phases", []):
        quotes = "; ".join(s.get("quote", "") for s in ph.get("sources", []))
        table.add_row(*cells(ph["id"], ph.get("length", ""), quotes))
    for pr in agreement.get("provisions", []):
        table.add_row(*cells(pr["id"], _provision_value(pr), "; ".join(_quotes(pr))))
    out.print(table)
    unresolved = data["unresolved"]
    assert isinstance(unresolved, list)
    if unresolved:
        t2 = Table("unplaced", "value", "reason")
        for u in unresolved:
            t2.add_row(*cells(u["text"], u["value"], u["reason"]))
        out.print(t2)
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
