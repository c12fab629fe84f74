"""``ceasefire-terms schedule FILE``: for every ETH/PRIO ceasefire with a fixed duration,
the scheduled end under each counting convention against the coded end (see docs/schedule.md).
FILE is the published table (.csv, .xlsx) or the records ``ceasefire-terms import ethprio``
wrote (.jsonl).

Output: ``table`` (default) prints a summary (rows per status, rows on schedule per
convention, ceasefires per status; each from the declared and from the effective date) and
the table; ``csv`` and ``json`` print the table (JSON with the summary and the per-ceasefire
judgements). ``--out`` writes the csv or json output to a file instead (atomically) and prints
the summary.

Exit codes: 0 the file was read (every row is in the output, ``unknown`` with its reason where
it cannot be compared, a record that is not a valid agreement included); 2 a usage error or
a file that cannot be read as ETH/PRIO rows or records.
"""

from __future__ import annotations

import io
import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from ..errors import CeasefireTermsError
from .common import cells, fail, output_file
from .common import out as _out

if TYPE_CHECKING:
    from ..datasets.schedule import ScheduleRow, ScheduleSummary

__all__ = ["register"]


class ScheduleFormat(StrEnum):
    TABLE = "table"
    CSV = "csv"
    JSON = "json"


def _summary_table(s: ScheduleSummary) -> Table:
    from ..datasets.schedule import COUNTINGS, STARTS

    statuses = list(next(iter(s.ceasefires.values())))
    table = Table(title=f"{s.rows} rows: coded end against scheduled end")
    table.add_column("counted from")
    table.add_column("of")
    for st in statuses:
        table.add_column(st, justify="right")
    for c in COUNTINGS:
        table.add_column(f"on schedule: {c.value}", justify="right")
    for start in STARTS:
        rows = s.by_status[start]
        conv = s.by_convention[start]
        table.add_row(
            start,
            "rows",
            *(str(rows.get(st, "")) for st in statuses),
            *(str(conv[c.value]) for c in COUNTINGS),
        )
        table.add_row(start, "ceasefires", *(str(s.ceasefires[start][st]) for st in statuses))
    return table


def _shown() -> tuple[str, ...]:
    from ..datasets.schedule import COUNTINGS

    return (
        "row", "uniq_id", "actor", "from", "start", "days", "end",
        *(f"{c.value}_end" for c in COUNTINGS), "status", "agree", "reason",
    )  # fmt: skip


def _rows_table(records: list[dict[str, Any]]) -> Table:
    table = Table(title="Per row and start date (scheduled ends by convention)")
    for col in _shown():
        wrap = col in ("actor", "reason")
        table.add_column(col.removesuffix("_end"), overflow="fold", no_wrap=not wrap)
    for r in records:  # cells as written: a reason or actor holding '[/]' is not markup
        table.add_row(*cells(*(r[c] for c in _shown())))
    return table


def _json(file: Path, results: list[ScheduleRow]) -> str:
    from ..datasets.schedule import by_ceasefire, schedule_records, summarize

    doc = {
        "file": str(file),
        "summary": summarize(results).as_dict(),
        "rows": schedule_records(results),
        "ceasefires": [c.as_dict() for c in by_ceasefire(results)],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)


def schedule_cmd(
    file: Annotated[
        Path,
        typer.Argument(
            help="An ETH/PRIO ceasefire file as published (.csv, .xlsx), or the JSON Lines "
            "written by 'ceasefire-terms import ethprio'."
        ),
    ],
    fmt: Annotated[ScheduleFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ScheduleFormat.TABLE
    ),
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Write the csv or json output to this file."),
    ] = None,
) -> None:
    """Did fixed-term ETH/PRIO ceasefires end on schedule?

    For every ceasefire with a fixed duration: the scheduled end under each counting (ordinal,
    following, elapsed; from the declared and the effective date) against the coded end."""
    from ..datasets.schedule import STARTS, schedule_file, schedule_records, summarize, write_csv

    if out is not None and fmt is ScheduleFormat.TABLE:
        fail("'--out' writes csv or json: add '--format csv' or '--format json'")
    try:
        results = schedule_file(file)
    except CeasefireTermsError as exc:
        fail(str(exc))
    console = _out()
    if fmt is ScheduleFormat.TABLE:
        console.print(_summary_table(summarize(results)))
        console.print(_rows_table(schedule_records(results)))
        return
    if out is None:  # (standard output that cannot be written is the command line's to say)
        if fmt is ScheduleFormat.CSV:
            buffer = io.StringIO()
            write_csv(results, buffer)
            typer.echo(buffer.getvalue(), nl=False)
        else:
            typer.echo(_json(file, results))
        return
    with output_file("--out", out) as f:
        if fmt is ScheduleFormat.CSV:
            lines = write_csv(results, f)
        else:
            f.write(_json(file, results) + "\n")
            lines = 2 * len(results)
    console.print(_summary_table(summarize(results)))
    console.print(
        f"{lines} table rows ({len(results)} input rows x {len(STARTS)} start dates) "
        f"written to {out}",
        highlight=False,
        markup=False,
    )


def register(app: typer.Typer) -> None:
    """Add ``schedule`` to the command line."""
    app.command(name="schedule")(schedule_cmd)
