"""What the three dataset modules share: the import result, rejections, the origin kept on
each record, and the export of imported records cell for cell."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import ValidationError

from ..errors import CeasefireTermsError, InputError, ParseError
from ..model.agreement import Agreement
from ..model.provenance import DatasetOrigin, DatasetRow
from ._cells import whole_number
from ._table import RawRow, RowProblem, Table

__all__ = ["DEFAULT_ZONE", "DatasetSpec", "ImportResult", "import_table", "library_row", "slug"]

DEFAULT_ZONE = "UTC"
"""The zone given to imported records unless the caller states one. The datasets give
calendar dates without a zone; no instant is derived from them, so the zone only names the
calendar the dates are counted in. Each record's notes say so."""

R = TypeVar("R")


def slug(text: str) -> str:
    s = re.sub(r"[^A-Za-z0-9]+", "-", text.strip()).strip("-").lower()
    return s[:60] or "x"


@dataclass(frozen=True)
class ImportResult(Generic[R]):
    """One file imported: every data row is in ``records`` (and an agreement) or in
    ``rejections`` with its row, column and reason; ``read == imported + rejected``."""

    dataset: str
    read: int
    records: list[R]
    agreements: list[Agreement]
    rejections: list[RowProblem] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.read - len(self.rejections)

    @property
    def rejected(self) -> int:
        return len(self.rejections)

    def summary(self, source: str) -> dict[str, Any]:
        return {
            "source": source,
            "read": self.read,
            "imported": self.imported,
            "rejected": self.rejected,
            "agreements": len(self.agreements),
        }


@dataclass(frozen=True)
class DatasetSpec(Generic[R]):
    """How one dataset is read, grouped into agreements and written back."""

    name: str
    title: str
    columns: tuple[str, ...]
    required: tuple[str, ...]
    bom: bool
    parse: Callable[[RawRow], R]
    key: Callable[[R], str]
    build: Callable[[Sequence[R], DatasetOrigin, str], Agreement]
    library_rows: Callable[[Agreement], list[dict[str, str]]]
    """The cells a library-made record fills (see :func:`library_row`)."""
    coded: frozenset[str]
    """The columns whose meaning the library models (a date, an id, a code the record can
    answer): a library-made record that does not know the value writes -1 there. Every other
    column it does not fill stays empty (see ``docs/datasets.md``)."""
    version: Callable[[Sequence[R]], str | None] = lambda rs: None
    id_column: str = ""
    """The column whose value groups rows into one agreement (read raw, so that the rows
    sharing a rejected row's id are rejected with it)."""


def _norm(cell: str) -> str:
    """An id cell as the typed record's key spells it ('450012.0' -> '450012')."""
    s = cell.strip()
    n = whole_number(s)
    return s if n is None else str(n)


def _problem(raw: RawRow, exc: CeasefireTermsError) -> RowProblem:
    column = None
    if exc.path and "." in exc.path:
        column = exc.path.split(".", 1)[1]
    return RowProblem(raw.row, raw.line, column, str(exc), raw.cells)


def origin_of(
    spec: DatasetSpec[Any], table: Table, raws: Sequence[RawRow], version: str | None
) -> DatasetOrigin:
    return DatasetOrigin(
        dataset=spec.name,
        version=version,
        file=Path(table.file).name if table.file else None,
        header=table.header,
        bom=table.bom,
        rows=tuple(DatasetRow(row=r.row, line=r.line, cells=r.cells) for r in raws),
    )


def check_header(spec: DatasetSpec[Any], table: Table) -> None:
    missing = [c for c in spec.required if c not in table.header]
    if missing:
        raise InputError(
            f"must have the {spec.title} columns {missing} (is this a {spec.title} file?)",
            path=f"{table.file or '<text>'}:header",
            got=list(table.header[:8]),
        )


def import_table(
    spec: DatasetSpec[R], table: Table, *, zone: str, version: str | None = None
) -> ImportResult[R]:
    """Rows -> typed records -> agreements (rows sharing a key make one agreement). A row
    that cannot be read is rejected with its row, column and reason; when one row of a group
    is rejected, the group's other rows are rejected too (naming the row that failed), so no
    agreement is built from part of its rows."""
    check_header(spec, table)
    rejections = list(table.problems)
    groups: dict[str, list[tuple[RawRow, R]]] = {}
    failed: dict[str, RowProblem] = {}
    for raw in table.rows:
        try:
            rec = spec.parse(raw)
        except CeasefireTermsError as exc:
            problem = _problem(raw, exc)
            rejections.append(problem)
            failed.setdefault(_norm(raw.cells.get(spec.id_column, "")), problem)
            continue
        groups.setdefault(spec.key(rec), []).append((raw, rec))
    records: list[R] = []
    agreements: list[Agreement] = []
    for key, members in groups.items():
        raws = [m[0] for m in members]
        recs = [m[1] for m in members]
        if key in failed:
            first = failed[key]
            for raw in raws:
                rejections.append(
                    RowProblem(
                        raw.row,
                        raw.line,
                        first.column,
                        f"rejected with row {first.row} of the same {spec.id_column} {key}, "
                        f"which could not be read: {first.reason}",
                        raw.cells,
                    )
                )
            continue
        ver = version or spec.version(recs)
        try:
            agreement = spec.build(recs, origin_of(spec, table, raws, ver), zone)
        except CeasefireTermsError as exc:
            for raw in raws:
                rejections.append(_problem(raw, exc))
            continue
        except ValidationError as exc:  # defensive: the rows' values are checked on parsing
            from ..io.load import errors_from_pydantic

            message = "; ".join(e["message"] for e in errors_from_pydantic(exc))
            reason = f"could not be turned into an agreement: {message}"
            for raw in raws:
                rejections.append(RowProblem(raw.row, raw.line, None, reason, raw.cells))
            continue
        records += recs
        agreements.append(agreement)
    rejections.sort(key=lambda p: p.row)
    return ImportResult(spec.name, table.read, records, agreements, rejections)


def changed_fields(a: Agreement, b: Agreement) -> list[str]:
    return [k for k in Agreement.model_fields if getattr(a, k) != getattr(b, k)]


def export_rows(
    spec: DatasetSpec[Any], agreements: Iterable[Agreement]
) -> tuple[tuple[str, ...], bool, list[dict[str, str]]]:
    """The header, byte-order mark and rows to write for ``agreements``.

    A record imported from this dataset is written back cell for cell from its origin (the
    header is then the file's own header); one made in the library (or imported from another
    dataset) is written with the codes its codebook defines. A record changed since it was
    imported is refused (:class:`InputError` naming the changed fields): writing its old
    cells would silently drop the change."""
    header: tuple[str, ...] | None = None
    bom: bool | None = None
    rows: list[dict[str, str]] = []
    for i, a in enumerate(agreements):
        o = a.origin
        if o is not None and o.dataset == spec.name:
            recs = [spec.parse(RawRow(r.row, r.line, dict(r.cells))) for r in o.rows]
            rebuilt = spec.build(recs, o, a.zone)
            if rebuilt != a:
                raise InputError(
                    f"was changed since it was imported from {spec.title} (fields "
                    f"{changed_fields(rebuilt, a)}); its original cells would not say the "
                    "same. Drop 'origin' to export it as a library-made record",
                    path=f"agreements[{i}] ({a.id})",
                )
            if header is None:
                header, bom = o.header, o.bom
            elif o.header != header:
                extra = [c for c in o.header if c not in header]
                header = (*header, *extra)
            rows += [dict(r.cells) for r in o.rows]
        else:
            rows += [library_row(spec, cells) for cells in spec.library_rows(a)]
    return header or spec.columns, spec.bom if bom is None else bom, rows


def library_row(spec: DatasetSpec[Any], cells: dict[str, str]) -> dict[str, str]:
    """A library-made row under ``spec``'s columns: the cells the record fills; -1 in a
    column of ``spec.coded`` it leaves empty (the meaning is modelled, the value unknown);
    empty in any other column (a meaning the library cannot fill is never invented)."""
    return {
        c: v if (v := cells.get(c, "")) != "" else ("-1" if c in spec.coded else "")
        for c in spec.columns
    }


def only_row(rows: Sequence[int], column: str, key: object) -> None:
    """The id ``key`` (in ``column``) must stand on one row; ``rows`` are the rows holding it,
    in order. A repeat rejects the last row and names the others."""
    if len(rows) > 1:
        raise ParseError(
            f"must be unique: {column} {key} is also on row(s) {list(rows[:-1])}",
            path=f"row[{rows[-1]}].{column}",
            got=str(key),
        )
