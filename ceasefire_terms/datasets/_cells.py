"""Reading typed values out of the datasets' cells, each failure a :class:`ParseError`
naming the row and column (``row[3].Dat``), what was expected and what the cell held.

>>> code("160.0", "row[1].Loc1GWNO")
160
>>> code("-1", "row[1].pax_id") is None
True
>>> split_list("102, 513")
('102', '513')
>>> str(dmy_date("15/02/1990", "row[1].Dat"))
'1990-02-15'
>>> split_date(("1990", "10", "-1"), "row[1]", ("y", "m", "d"))
(PartialDate('1990-10'), 'known')
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from ..errors import ParseError
from ..model.when import PartialDate

__all__ = [
    "DateState",
    "code",
    "dmy_date",
    "flag",
    "iso_date",
    "split_date",
    "split_list",
    "text",
]

_INT = re.compile(r"-?[0-9]{1,18}(?:\.0+)?")
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_DMY = re.compile(r"([0-9]{2})/([0-9]{2})/([0-9]{4})")
# ASCII digits only: ``\d`` would also read other scripts' digits ('٣' as 3), and a code
# longer than 18 digits is no code the datasets define (and could not be made an int fast)

DateState = Literal["known", "unknown", "none"]
"""A split date's state: ``known`` (to its precision), ``unknown`` (-1 in the year) or
``none`` (0 in every part: the dataset records no such date, e.g. a ceasefire not ended)."""


def text(cell: str) -> str | None:
    """The cell's text, ``None`` when empty."""
    return cell if cell.strip() else None


def code(cell: str, path: str, *, unknown: int | None = -1) -> int | None:
    """An integer code (``"160.0"`` as written by spreadsheet exports is 160); ``None`` for an
    empty cell or for ``unknown`` (-1 unless stated)."""
    s = cell.strip()
    if not s:
        return None
    n = whole_number(s)
    if n is None:
        raise ParseError("must be a whole number (or empty)", path=path, got=cell)
    return None if unknown is not None and n == unknown else n


def whole_number(s: str) -> int | None:
    """The whole number a stripped cell writes (``"160"``, ``"160.0"``), else ``None``: the
    one rule for integer codes and ids (``"INF"``, ``"1e3"``, ``"1.5"`` are not whole numbers)."""
    return int(s.split(".", 1)[0]) if _INT.fullmatch(s) else None


def flag(cell: str, path: str) -> bool | None:
    """``True``/``False`` as UCDP writes them; ``None`` for an empty cell."""
    s = cell.strip()
    if not s:
        return None
    if s in ("True", "1"):
        return True
    if s in ("False", "0"):
        return False
    raise ParseError("must be True, False (or 1/0) or empty", path=path, got=cell)


def split_list(cell: str) -> tuple[str, ...]:
    """A comma-separated list in one cell (``"102, 513"``), items stripped, empties dropped."""
    return tuple(s for part in cell.split(",") if (s := part.strip()))


def _date(y: str, m: str, d: str, path: str, cell: str, form: str) -> PartialDate:
    try:
        return PartialDate(year=int(y), month=int(m), day=int(d))
    except ValueError:
        raise ParseError(f"must be a calendar date {form}", path=path, got=cell) from None


def iso_date(cell: str, path: str) -> PartialDate | None:
    """A ``YYYY-MM-DD`` date; ``None`` for an empty cell or -1 (unknown, as the library
    writes a date its record does not know to the day)."""
    s = cell.strip()
    if not s or s == "-1":
        return None
    m = _ISO.fullmatch(s)
    if m is None:
        raise ParseError("must be a date YYYY-MM-DD (or empty)", path=path, got=cell)
    y, mo, d = m.groups()
    return _date(y, mo, d, path, cell, "YYYY-MM-DD")


def dmy_date(cell: str, path: str) -> PartialDate | None:
    """A ``DD/MM/YYYY`` date as the PA-X export writes it. ``YYYY-MM-DD`` (the codebook's
    form) is accepted too: a four-digit first part cannot be a day, so nothing is guessed.
    Any other form, e.g. ``2/3/1999`` or ``03-02-1999``, is refused; -1 is unknown, as in
    :func:`iso_date`."""
    s = cell.strip()
    if not s or s == "-1":
        return None
    m = _DMY.fullmatch(s)
    if m is not None:
        d, mo, y = m.groups()
        return _date(y, mo, d, path, cell, "DD/MM/YYYY")
    if _ISO.fullmatch(s):
        return iso_date(s, path)
    raise ParseError("must be a date DD/MM/YYYY (or YYYY-MM-DD)", path=path, got=cell)


def split_date(
    cells: tuple[str, str, str], where: str, cols: tuple[str, str, str]
) -> tuple[PartialDate | None, DateState]:
    """A date split into year/month/day cells. -1 is unknown: a day of -1 keeps the date at
    month precision, a month of -1 at year precision (nothing imputed). 0 in all three parts
    means the dataset records no such date; 0 mixed with a real year is refused."""
    y, m, d = cells
    parts = []
    for cell, col in zip((y, m, d), cols, strict=True):
        n = code(cell, f"{where}.{col}", unknown=None)
        if n is None:
            raise ParseError(
                "must be a whole number (-1 for unknown)", path=f"{where}.{col}", got=cell
            )
        parts.append(n)
    yr, mo, dy = parts
    if yr == mo == dy == 0:
        return None, "none"
    if yr == -1:
        if mo != -1 or dy != -1:
            bad = cols[1] if mo != -1 else cols[2]
            raise ParseError(
                "must be -1 when the year is unknown (a date needs its year)",
                path=f"{where}.{bad}",
                got=m if mo != -1 else d,
            )
        return None, "unknown"
    if not 1 <= yr <= 9999:
        raise ParseError(
            "must be a year, -1 (unknown) or 0 (no date)", path=f"{where}.{cols[0]}", got=y
        )
    if mo == -1:
        if dy != -1:
            raise ParseError(
                "must be -1 when the month is unknown (a day needs its month)",
                path=f"{where}.{cols[2]}",
                got=d,
            )
        return PartialDate(year=yr), "known"
    if not 1 <= mo <= 12:
        raise ParseError("must be a month 1-12 or -1 (unknown)", path=f"{where}.{cols[1]}", got=m)
    if dy == -1:
        return PartialDate(year=yr, month=mo), "known"
    try:
        return PartialDate(year=yr, month=mo, day=dy), "known"
    except ValueError:
        raise ParseError(
            f"must be a day of {yr:04d}-{mo:02d} or -1 (unknown)", path=f"{where}.{cols[2]}", got=d
        ) from None


def iso(p: PartialDate | dt.date | None) -> str:
    return "" if p is None else str(p)
