"""Reading and writing the published files cell for cell: CSV (and .xlsx when openpyxl is
installed), with the header as published, a byte-order mark if there was one, multi-line
quoted cells, and the row number and file line of every data row.

>>> t = read_table_text('\\ufeffa,b ,\\r\\n1,"x\\ny",\\r\\n')
>>> t.header, t.bom, t.rows[0].cells, t.rows[0].line
(('a', 'b ', ''), True, {'a': '1', 'b ': 'x\\ny', '': ''}, 2)
>>> write_table(t.header, [r.cells for r in t.rows], bom=t.bom)
'\\ufeffa,b ,\\r\\n1,"x\\ny",\\r\\n'
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..errors import InputError

__all__ = ["RawRow", "RowProblem", "Table", "read_table", "read_table_text", "write_table"]

BOM = "\ufeff"
LINE_END = "\r\n"
"""The published files end rows with CRLF (cells keep their own line breaks)."""

csv.field_size_limit(2**31 - 1)  # PA-X and UCDP cells hold whole agreement summaries


@dataclass(frozen=True, slots=True)
class RawRow:
    """A data row: its number (1 = first row after the header), the line it starts on, and
    every cell's text by column name."""

    row: int
    line: int | None
    cells: dict[str, str]


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A row that could not be read or mapped: where, which column, and why."""

    row: int
    line: int | None
    column: str | None
    reason: str
    cells: dict[str, str] | list[str] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "line": self.line,
            "column": self.column,
            "reason": self.reason,
            "cells": self.cells,
        }


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    bom: bool
    rows: list[RawRow]
    problems: list[RowProblem] = field(default_factory=list)
    file: str | None = None

    @property
    def read(self) -> int:
        """Data rows read (rows that became cells plus rows refused as malformed)."""
        return len(self.rows) + len(self.problems)


def _check_header(header: list[str], where: str) -> tuple[str, ...]:
    seen: set[str] = set()
    for name in header:
        if name in seen:
            raise InputError(
                f"must have distinct column names; {name!r} appears twice", path=f"{where}:header"
            )
        seen.add(name)
    return tuple(header)


def read_table_text(text: str, *, file: str | None = None) -> Table:
    """A table from CSV text (see the module docs)."""
    where = file or "<text>"
    bom = text.startswith(BOM)
    if bom:
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        first = next(reader)
    except StopIteration:
        raise InputError("must start with a header row (the file is empty)", path=where) from None
    except csv.Error as exc:
        raise InputError(f"must be readable CSV: {exc}", path=f"{where}:line 1") from None
    header = _check_header(first, where)
    rows: list[RawRow] = []
    problems: list[RowProblem] = []
    number, last_line = 0, reader.line_num
    while True:
        start = last_line + 1
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            # a stray quote: the reader drops the rest of that line and goes on with the
            # next; a quote never closed has taken the rest of the file into one cell
            number += 1
            at_end = reader.line_num == last_line or "end of data" in str(exc)
            reason = f"is not readable CSV ({exc})" + (
                f"; a quote opened on line {start} is never closed, so the rest of the file "
                "is inside it"
                if at_end
                else ""
            )
            problems.append(RowProblem(number, start, None, reason))
            last_line = reader.line_num
            continue
        last_line = reader.line_num
        if not values:
            continue  # a blank line holds no row
        number += 1
        if len(values) != len(header):
            problems.append(
                RowProblem(
                    number,
                    start,
                    None,
                    f"must have {len(header)} cells like the header (got {len(values)})",
                    values,
                )
            )
            continue
        rows.append(RawRow(number, start, dict(zip(header, values, strict=True))))
    return Table(header, bom, rows, problems, file)


def _xlsx_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _read_xlsx(path: Path) -> Table:
    try:
        import openpyxl
    except ImportError:
        raise InputError(
            "needs openpyxl to read .xlsx: pip install 'ceasefire-terms[xlsx]'", path=str(path)
        ) from None
    # The file is opened here, not by openpyxl, so it is closed whatever happens: openpyxl
    # left it open when the workbook was damaged (found by fuzzing the command line). A
    # damaged workbook can also fail while its rows are read (a bad checksum, a bad zip
    # stream, bad XML): every such failure is the same InputError.
    try:
        with open(path, "rb") as f:
            return _xlsx_rows(openpyxl, f, path)
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError("must be an existing file", path=str(path)) from None
    except Exception as exc:  # openpyxl raises several unrelated types for a bad file
        raise InputError(f"must be a readable .xlsx workbook: {exc}", path=str(path)) from None


def _xlsx_rows(openpyxl: Any, f: IO[bytes], path: Path) -> Table:
    book = openpyxl.load_workbook(f, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        it = sheet.iter_rows(values_only=True)
        try:
            first = next(it)
        except StopIteration:
            raise InputError(
                "must start with a header row (the sheet is empty)", path=str(path)
            ) from None
        header = _check_header([_xlsx_text(v) for v in first], str(path))
        rows: list[RawRow] = []
        problems: list[RowProblem] = []
        for number, values in enumerate(it, 1):
            texts = [_xlsx_text(v) for v in values]
            while len(texts) > len(header) and texts[-1] == "":
                texts.pop()
            texts += [""] * (len(header) - len(texts))
            if len(texts) != len(header):
                problems.append(
                    RowProblem(
                        number,
                        number + 1,
                        None,
                        f"must have {len(header)} cells like the header (got {len(texts)})",
                        texts,
                    )
                )
                continue
            rows.append(RawRow(number, number + 1, dict(zip(header, texts, strict=True))))
    finally:
        book.close()
    while rows and not any(rows[-1].cells.values()):
        rows.pop()  # trailing empty rows of a sheet are not data
    return Table(header, False, rows, problems, str(path))


def read_table(path: str | Path) -> Table:
    """Read a ``.csv`` (UTF-8, with or without a byte-order mark) or ``.xlsx`` file.

    Cells of an .xlsx file become text as the sheet stores them (numbers as Python writes
    them, dates as YYYY-MM-DD), so the same readers apply to both."""
    p = Path(path)
    if p.suffix.lower() == ".xlsx":
        return _read_xlsx(p)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError("must be an existing file", path=str(p)) from None
    except OSError as exc:
        raise InputError(f"could not be read: {exc}", path=str(p)) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"must be UTF-8 text (byte {exc.start} is not): re-save the file as UTF-8",
            path=str(p),
        ) from None
    return read_table_text(text, file=str(p))


def write_table(
    header: Iterable[str], rows: Iterable[Mapping[str, str]], *, bom: bool = False
) -> str:
    """CSV text: the header, then each row's cells in header order (missing cells empty),
    quoted only where needed, rows ended by CRLF as in the published files."""
    cols = list(header)
    buf = io.StringIO(newline="")
    if bom:
        buf.write(BOM)
    w = csv.writer(buf, lineterminator=LINE_END)
    w.writerow(cols)
    for r in rows:
        w.writerow([r.get(c, "") for c in cols])
    return buf.getvalue()
