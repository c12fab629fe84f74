"""Where each figure came from, and what else was reported.

A :class:`Source` is a report (publisher, URL, date, the quoted words, who said it). A
:class:`Reading` is one reported value of a figure with its sources; several readings of the
same figure may disagree, and all are kept (one may be marked ``preferred``).
:class:`ReportedDate` is a date that a source published for a computed term, kept next to
the computed date so the two can be compared. :class:`DatasetOrigin` is the row(s) of a
reference dataset (UCDP, PA-X, ETH/PRIO) a record was imported from, cell for cell, so that
nothing the model cannot hold is lost and the row can be written back exactly.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from .quantity import QuantityLike
from .when import Moment

__all__ = ["DatasetOrigin", "DatasetRow", "Reading", "ReportedDate", "Source", "SourceRef"]

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"


class Source(BaseModel):
    """A report that states something about the agreement."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    id: str | None = Field(default=None, pattern=ID_PATTERN)
    publisher: str | None = None
    url: str | None = None
    published: dt.date | None = None
    quote: str | None = Field(default=None, description="the words that state the fact")
    attributed_to: str | None = Field(default=None, description="who said it, as reported")
    span: tuple[int, int] | None = Field(
        default=None, description="start/end character offsets of 'quote' in the source text"
    )
    note: str | None = None

    def __str__(self) -> str:
        bits = [b for b in (self.publisher, str(self.published or "") or None, self.url) if b]
        return ", ".join(bits) or (self.id or "unnamed source")


SourceRef = Source | str
"""A source given in full, or the ``id`` of one listed in the agreement's ``sources``."""


class Reading(BaseModel):
    """One reported value of a figure: a quantity, a date, or words."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    label: str | None = Field(default=None, description="what the figure is, e.g. 'MoJ list'")
    quantity: QuantityLike | None = None
    date: Moment | None = None
    text: str | None = None
    preferred: bool = False
    sources: tuple[SourceRef, ...] = ()
    note: str | None = None


class ReportedDate(BaseModel):
    """A date a source published for a computed term ("by 02:00 GMT on Sunday")."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    date: Moment
    sources: tuple[SourceRef, ...] = ()
    preferred: bool = False
    note: str | None = None


class DatasetRow(BaseModel):
    """One data row of a reference dataset, as read: every cell's text, verbatim."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    row: int = Field(ge=1, description="data row number (1 = the first row after the header)")
    line: int | None = Field(default=None, ge=1, description="file line the row starts on")
    cells: dict[str, str] = Field(description="column name -> cell text, in the file's order")

    def __hash__(self) -> int:
        # A frozen model hashes its field values, and a dict has no hash: without this, an
        # agreement imported from a dataset could not go in a set or be a dict key. Equal
        # rows have equal cells in any order, so the cells are hashed as a set of pairs.
        return hash((self.row, self.line, frozenset(self.cells.items())))


class DatasetOrigin(BaseModel):
    """The dataset rows a record was imported from (see ``docs/datasets.md``)."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    dataset: str = Field(description="'ucdp', 'pax' or 'ethprio'")
    version: str | None = Field(default=None, description="the dataset's release, if known")
    file: str | None = Field(default=None, description="the file's name when imported")
    header: tuple[str, ...] = Field(description="the file's header cells, in order, verbatim")
    bom: bool = Field(default=False, description="the file began with a UTF-8 byte-order mark")
    rows: tuple[DatasetRow, ...] = Field(min_length=1)
