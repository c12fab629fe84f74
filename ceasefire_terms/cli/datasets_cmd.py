"""``ceasefire-terms import``, ``export`` and ``link``: the reference datasets (UCDP, PA-X,
ETH/PRIO) in and out, and joined across.

Exit codes, as for ``validate``: 0 every row imported (every record exported); 1 some row
rejected (some record refused); 2 a usage error or a file that cannot be read (no output file
is then left under its final name). ``link`` exits 0 when it ran, whatever it found.
"""

from __future__ import annotations

import json
from contextlib import ExitStack
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..errors import CeasefireTermsError
from .common import EXIT_INVALID, EXIT_OK, OutFormat, fail
from .common import out as _out
from .layout import Col, Hanging, fitted_table

if TYPE_CHECKING:
    from ..datasets import ImportResult, LinkReport
    from ..model.agreement import Agreement
    from ..pipeline.records import Rejection

__all__ = ["register"]

SHOWN = 20
"""How many rejections a table lists (all go to --rejects-out)."""


class Dataset(StrEnum):
    UCDP = "ucdp"
    PAX = "pax"
    ETHPRIO = "ethprio"


def _input(path: Path) -> None:
    if not path.exists():
        fail(f"'{path}' must be an existing file")
    if not path.is_file():
        fail(f"'{path}' must be a file (got a directory or special file)")


def _output(path: Path, inputs: list[Path]) -> None:
    if not path.parent.exists():
        fail(f"'{path}' must be in an existing directory")
    if any(path.resolve() == p.resolve() for p in inputs):
        fail(f"'{path}' is both an input and an output file")


def _json_line(a: Agreement) -> str:
    """One JSON line (the text :func:`dump_agreement` writes, on one line)."""
    from ..io.load import dump_agreement

    return json.dumps(json.loads(dump_agreement(a, fmt="json")), ensure_ascii=False)


def import_cmd(
    dataset: Annotated[Dataset, typer.Argument(help="Which dataset the file is.")],
    file: Annotated[Path, typer.Argument(help="The dataset file as published (.csv, or .xlsx).")],
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", metavar="FILE", help="Write the agreements here, one JSON line each."
        ),
    ],
    rejects_out: Annotated[
        Path | None,
        typer.Option(
            "--rejects-out",
            metavar="FILE",
            help="Write rejected rows here, one JSON line each (row, column, reason, cells).",
        ),
    ] = None,
    fmt: Annotated[OutFormat, typer.Option("--format", "-f", help="Summary format.")] = (
        OutFormat.TABLE
    ),
    zone: Annotated[
        str,
        typer.Option(
            "--zone",
            metavar="ZONE",
            help="IANA zone the dataset's calendar dates are read in (the datasets give none).",
        ),
    ] = "UTC",  # datasets.DEFAULT_ZONE (tests/test_datasets_cli.py holds them equal)
    release: Annotated[
        str | None,
        typer.Option(
            "--dataset-version",
            metavar="VERSION",
            help="The dataset's release, kept on each record (UCDP rows state their own).",
        ),
    ] = None,
) -> None:
    """Import a UCDP, PA-X or ETH/PRIO file as agreement records.

    Exit 0 all rows imported, 1 some rejected, 2 usage error. Every data row is imported or
    rejected (read = imported + rejected)."""
    from ..datasets import import_dataset
    from ..model.when import get_zone
    from ..pipeline.atomic import atomic_writer

    _input(file)
    outputs = [out, *([rejects_out] if rejects_out else [])]
    for o in outputs:
        _output(o, [file])
    if rejects_out is not None and rejects_out.resolve() == out.resolve():
        fail("--out and --rejects-out must be different files")
    try:
        get_zone(zone)
        result = import_dataset(dataset.value, file, zone=zone, version=release)
        with ExitStack() as stack:
            good = stack.enter_context(atomic_writer(out))
            for a in result.agreements:
                good.write(_json_line(a) + "\n")
            if rejects_out is not None:
                bad = stack.enter_context(atomic_writer(rejects_out))
                for p in result.rejections:
                    bad.write(json.dumps({"source": str(file)} | p.to_dict(), ensure_ascii=False))
                    bad.write("\n")
    except CeasefireTermsError as exc:
        fail(str(exc))
    summary = result.summary(str(file))
    if fmt is OutFormat.JSON:
        typer.echo(json.dumps(summary, indent=2))
    else:
        _print_import(summary, result)
    raise typer.Exit(EXIT_OK if result.rejected == 0 else EXIT_INVALID)


def _print_import(summary: dict[str, Any], result: ImportResult[Any]) -> None:
    out = _out()
    counts = ("read", "imported", "rejected", "agreements")
    cols = [Col("file"), *(Col(c, key=True, right=True) for c in counts)]
    row = [summary["source"], *(f"{summary[k]:,}" for k in counts)]
    out.print(fitted_table(f"import {result.dataset}", cols, [row], out.width))
    for p in result.rejections[:SHOWN]:
        where = f"row {p.row}" + (f" (line {p.line})" if p.line else "")
        out.print(Hanging(f"  {where}: ", p.reason))
    if result.rejected > SHOWN:
        out.print(f"  ... and {result.rejected - SHOWN:,} more (see --rejects-out)")


def export_cmd(
    dataset: Annotated[Dataset, typer.Argument(help="Which dataset's published form to write.")],
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILES...",
            help="Agreement files (.yaml, .json) or JSON Lines (e.g. from 'import').",
            show_default=False,
        ),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", metavar="FILE", help="Write the CSV here.")],
) -> None:
    """Write agreements as rows of a dataset.

    Imported ones cell for cell, library-made ones with the codebook's codes. Exit 0
    written, 1 a record invalid or refused, 2 usage error."""
    from ..datasets import export_dataset
    from ..pipeline.atomic import atomic_writer
    from ..pipeline.records import ValidRecord, validate_files

    for f in files:
        _input(f)
        if f.suffix.lower() in (".csv", ".xlsx"):
            fail(
                f"'{f}' must be agreement records (.yaml, .json, .jsonl), not a dataset table; "
                f"import it first: ceasefire-terms import {dataset.value} {f} --out records.jsonl"
            )
    _output(out, files)
    agreements: list[Agreement] = []
    rejected: list[Rejection] = []
    try:
        for o in validate_files([str(f) for f in files]):
            if isinstance(o, ValidRecord):
                if o.agreement is not None:
                    agreements.append(o.agreement)
            else:
                rejected.append(o)
    except CeasefireTermsError as exc:
        fail(str(exc))
    if rejected:
        for r in rejected[:SHOWN]:
            where = f"{r.source}:{r.line}" if r.line is not None else r.source
            _out().print(Hanging(f"  {where}: ", r.message))
        fail(f"{len(rejected)} record(s) are not valid agreements; nothing written", EXIT_INVALID)
    try:
        text = export_dataset(dataset.value, agreements)
    except CeasefireTermsError as exc:
        fail(str(exc), EXIT_INVALID)
    with atomic_writer(out) as sink:
        sink.write(text)
    _out().print(f"{len(agreements):,} record(s) written to {out}", highlight=False)
    raise typer.Exit(EXIT_OK)


def link_cmd(
    ucdp: Annotated[
        Path | None, typer.Option("--ucdp", metavar="FILE", help="A UCDP file.")
    ] = None,
    pax: Annotated[Path | None, typer.Option("--pax", metavar="FILE", help="A PA-X file.")] = None,
    ethprio: Annotated[
        Path | None, typer.Option("--ethprio", metavar="FILE", help="An ETH/PRIO file.")
    ] = None,
    fmt: Annotated[OutFormat, typer.Option("--format", "-f", help="Output format.")] = (
        OutFormat.TABLE
    ),
) -> None:
    """Join records across the datasets and show where they disagree.

    Records are joined by ETH/PRIO pax_id -> PA-X AgtId and PA-X UcdpAgr -> UCDP paid.
    Exit 0 when it ran, whatever it found."""
    from ..datasets import import_dataset, link_records

    given = {k: v for k, v in (("ucdp", ucdp), ("pax", pax), ("ethprio", ethprio)) if v}
    if len(given) < 2:
        fail("give at least two of --ucdp, --pax, --ethprio")
    for p in given.values():
        _input(p)
    results: dict[str, ImportResult[Any]] = {}
    try:
        for name, path in given.items():
            results[name] = import_dataset(name, path)
    except CeasefireTermsError as exc:
        fail(str(exc))
    report = link_records(
        *(results[k].records if k in results else [] for k in ("ucdp", "pax", "ethprio"))
    )
    read = {
        k: {"read": r.read, "imported": r.imported, "rejected": r.rejected}
        for k, r in results.items()
    }
    if fmt is OutFormat.JSON:
        typer.echo(json.dumps({"files": read} | report.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print_links(report, read)
    raise typer.Exit(EXIT_OK)


def _print_links(report: LinkReport, read: dict[str, dict[str, int]]) -> None:
    out = _out()
    for name, c in read.items():
        out.print(
            f"{name}: {c['read']:,} rows read, {c['imported']:,} imported, "
            f"{c['rejected']:,} rejected (rejected rows are not linked)",
            highlight=False,
        )
    rows: list[list[str]] = []
    for link in report.links:
        ids = ", ".join(link.ids)
        for field, readings in link.values.items():
            for r in readings:
                rows.append([ids, field, f"{r.dataset} ({r.id} row {r.row})", r.value or ""])
                ids = ""
    cols = [Col("records"), Col("field", key=True), Col("dataset"), Col("value")]
    title = f"{len(report.links)} linked agreement(s)"
    out.print(fitted_table(title, cols, rows, out.width))
    for link in report.links:
        for f in link.findings:
            out.print(f"[yellow]disagree:[/] {f.message}", highlight=False)
    for f in report.unresolved:
        out.print(f"[dim]unresolved:[/] {f.message}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add ``import``, ``export`` and ``link`` to the ``ceasefire-terms`` app."""
    app.command(name="import")(import_cmd)
    app.command(name="export")(export_cmd)
    app.command(name="link")(link_cmd)
