"""PA-X Peace Agreements Database (PeaceRep), one row per agreement, as exported.

Mapped: ``AgtId`` -> id ``pax-<AgtId>``; ``Agt`` -> title; ``Dat`` -> signed. ``Dat`` is
written ``DD/MM/YYYY`` in this export (the codebook describes ``YYYY-MM-DD``; both are
accepted, and no other form: day and month are never guessed). ``Part``/``ThrdPart`` are the
signatory text as written in the agreement and stay text: they are not split into parties.
``Stage``/``StageSub``, ``UcdpAgr`` (a UCDP ``paid``) and the other columns are typed on the
record and kept verbatim in ``origin`` (see ``docs/datasets.md``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import ParseError
from ..model.agreement import Agreement
from ..model.provenance import DatasetOrigin
from ..model.when import PartialDate
from ._cells import code, dmy_date, text
from ._common import DatasetSpec, only_row
from ._table import RawRow

__all__ = ["PAX", "PAX_CODED", "PAX_COLUMNS", "PaxRecord", "parse_pax_row"]

PAX_COLUMNS = (
    "Con", "Contp", "PP", "PPName", "Reg", "AgtId", "Ver", "Agt", "Dat", "Status", "Lgt",
    "N_characters", "Agtp", "Stage", "StageSub", "Part", "ThrdPart", "OthAgr", "Loc1ISO",
    "Loc2ISO", "Loc1GWNO", "Loc2GWNO", "UcdpCon", "UcdpAgr", "PamAgr", "CowWar", "Interim",
    "description", "stage_label", "stage - sort", "stage_short", "agt_type", "agt_dat", "year",
    "PAX_Hyperlink", "PDF_Hyperlink", "stage_display", "substage_label",
)  # fmt: skip
"""The export's header, in its order."""

_REQUIRED = ("AgtId", "Agt", "Dat", "Stage", "StageSub", "Part", "ThrdPart")


@dataclass(frozen=True, slots=True)
class PaxRecord:
    """One PA-X row, typed. ``cells`` holds every cell verbatim."""

    row: int
    agt_id: int
    name: str
    signed: PartialDate | None
    year: int | None
    agreement_version: int | None
    status: str | None
    agreement_type: str | None
    stage: str | None
    stage_sub: str | None
    signatories: str | None
    third_parties: str | None
    conflict: str | None
    peace_process: int | None
    locations_iso: tuple[str, ...]
    locations_gwno: tuple[int, ...]
    ucdp_conflict: int | None
    ucdp_agreement: int | None
    cells: dict[str, str]


def parse_pax_row(raw: RawRow) -> PaxRecord:
    """A typed record from one row; :class:`ParseError`/:class:`InputError` name the column."""
    c, w = raw.cells, f"row[{raw.row}]"
    agt = code(c["AgtId"], f"{w}.AgtId", unknown=None)
    if agt is None or agt < 0:
        raise ParseError(
            "must be the agreement's id, a whole number", path=f"{w}.AgtId", got=c["AgtId"]
        )
    name = text(c["Agt"])
    if name is None:
        raise ParseError("must name the agreement", path=f"{w}.Agt", got=c["Agt"])
    gwno = tuple(
        n
        for col in ("Loc1GWNO", "Loc2GWNO")
        if (n := code(c.get(col, ""), f"{w}.{col}")) is not None
    )
    return PaxRecord(
        row=raw.row,
        agt_id=agt,
        name=name,
        signed=dmy_date(c["Dat"], f"{w}.Dat"),
        year=code(c.get("year", ""), f"{w}.year"),
        agreement_version=code(c.get("Ver", ""), f"{w}.Ver"),
        status=text(c.get("Status", "")),
        agreement_type=text(c.get("Agtp", "")),
        stage=text(c["Stage"]),
        stage_sub=text(c["StageSub"]),
        signatories=text(c["Part"]),
        third_parties=text(c["ThrdPart"]),
        conflict=text(c.get("Con", "")),
        peace_process=code(c.get("PP", ""), f"{w}.PP"),
        locations_iso=tuple(t for col in ("Loc1ISO", "Loc2ISO") if (t := text(c.get(col, "")))),
        locations_gwno=gwno,
        ucdp_conflict=code(c.get("UcdpCon", ""), f"{w}.UcdpCon"),
        ucdp_agreement=code(c.get("UcdpAgr", ""), f"{w}.UcdpAgr"),
        cells=c,
    )


def _build(recs: Sequence[PaxRecord], origin: DatasetOrigin, zone: str) -> Agreement:
    r = recs[0]
    only_row([x.row for x in recs], "AgtId", r.agt_id)
    data: dict[str, Any] = {
        "id": f"pax-{r.agt_id}",
        "title": r.name,
        "zone": zone,
        "origin": origin,
    }
    if r.signed is not None:
        data["signed"] = str(r.signed)
    ver = f" ({origin.version})" if origin.version else ""
    data["notes"] = (
        f"Imported from PA-X{ver}, row {r.row} (AgtId {r.agt_id}). The signatories (Part, "
        "ThrdPart) are kept as written in 'origin', not turned into parties. The dataset "
        f"gives dates without a zone; '{zone}' is the calendar they are read in."
    )
    return Agreement.model_validate(data)


PAX_CODED = frozenset({"AgtId", "Dat", "year"})
"""Written -1 by a library-made record that does not know them: its id in PA-X, its signing
date (to the day) and year."""


def _library_rows(a: Agreement) -> list[dict[str, str]]:
    """A library-made record as a PA-X row: ``Agt`` (title), ``Dat`` (the signing date as
    DD/MM/YYYY, only at day precision) and ``year``; -1 in :data:`PAX_CODED` columns it does
    not know. The rest stays empty: the signatory text as written, PA-X's stages, codes and
    links are not known to the library."""
    from ._export import moment_date

    signed = moment_date(a, a.signed)
    dat = ""
    if signed is not None and signed.precision == "day":
        dat = f"{signed.day:02d}/{signed.month:02d}/{signed.year:04d}"
    return [{"Agt": a.title, "Dat": dat, "year": "" if signed is None else str(signed.year)}]


PAX: DatasetSpec[PaxRecord] = DatasetSpec(
    name="pax",
    title="PA-X",
    columns=PAX_COLUMNS,
    required=_REQUIRED,
    bom=True,
    parse=parse_pax_row,
    key=lambda r: str(r.agt_id),
    build=_build,
    library_rows=_library_rows,
    coded=PAX_CODED,
    id_column="AgtId",
)
