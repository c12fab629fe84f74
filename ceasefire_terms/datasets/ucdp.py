"""The UCDP Peace Agreement Dataset (PAD), one row per agreement, as published (v22.1 CSV).

Mapped: ``paid`` -> id ``ucdp-<paid>``; ``pa_name`` -> title; ``pa_date`` -> signed;
``actor_id``/``actor_name`` -> one party each (the two lists aligned item by item; names
with an empty ``actor_id``, as the library writes its own records, become parties too);
``ended``/``duration`` -> an ``in-force`` phase from the signing that ends on ``duration``
(the date the agreement ended) when ``ended`` is True, and stays open when it is False.
Every other column is kept verbatim in the record's ``origin`` (see ``docs/datasets.md``).

A row of the v22.1 release (paid 1017, abridged to the mapped cells):

>>> from ceasefire_terms.datasets import import_table, read_table_text, write_table
>>> cells = dict.fromkeys(UCDP_COLUMNS, "") | {"paid": "1017", "pa_name": "Abuja Agreement",
...     "pa_date": "1995-08-19", "actor_id": "696, 695, 1116, 79, 507",
...     "actor_name": "ULIMO - K, ULIMO - J, LDF, Government of Liberia, NPFL",
...     "ended": "True", "duration": "1996-04-01"}
>>> t = read_table_text(write_table(UCDP_COLUMNS, [cells]))
>>> a = import_table(UCDP, t, zone="UTC").agreements[0]
>>> a.id, a.title, str(a.signed), str(a.phases[0].end)
('ucdp-1017', 'Abuja Agreement', '1995-08-19', '1996-04-01')
>>> [(p.id, p.name) for p in a.parties][-2:]
[('ucdp-actor-79', 'Government of Liberia'), ('ucdp-actor-507', 'NPFL')]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import InputError, ParseError
from ..model.agreement import Agreement, Role
from ..model.provenance import DatasetOrigin
from ..model.when import PartialDate
from ._cells import code, flag, iso, iso_date, split_list, text
from ._common import DatasetSpec, only_row, slug
from ._table import RawRow

__all__ = [
    "UCDP",
    "UCDP_CODED",
    "UCDP_COLUMNS",
    "UCDP_PROVISIONS",
    "UcdpRecord",
    "parse_ucdp_row",
]

UCDP_COLUMNS = (
    "paid", "region", "gwno", "conflict_id", "conflict_name", "dyad_id", "dyad_name",
    "actor_id", "actor_name", "incompatibility", "pa_name", "year", "pa_date", "pa_comment",
    "pa_sign", "c_sign", "pa_3rd", "c_3rd", "ended", "duration", "c_duration", "cease",
    "intarmy", "ddr", "withd", "mil_prov", "pp", "intgov", "intciv", "elections", "interim",
    "natalks", "shagov", "pol_prov", "aut", "fed", "ind", "ref ", "shaloc", "regdev", "cul",
    "demarcation", "locgov", "terr_prov", "amn", "pris", "recon", "return ", "justice_prov",
    "reaffirm", "outlin", "pko", "gender", "co_impl", "termdur", "noconf17", "txt",
    "linktofulltextagreement", "inclusive", "no_dyad", "pa_type", "out_iss", "procID",
    "frame", "version", "dateintervalstart_meta", "dateintervalend_meta", "",
)  # fmt: skip
"""The v22.1 header as published: ``ref `` and ``return `` keep their trailing space and the
last column has an empty name (the header ends with a comma)."""

UCDP_PROVISIONS = UCDP_COLUMNS[UCDP_COLUMNS.index("cease") : UCDP_COLUMNS.index("co_impl") + 1]
"""The provision dummies (0/1, some 2): read as codes, kept verbatim, not mapped."""

_REQUIRED = ("paid", "pa_name", "pa_date", "actor_id", "actor_name", "ended", "duration")


@dataclass(frozen=True, slots=True)
class UcdpRecord:
    """One UCDP row, typed. ``cells`` holds every cell verbatim."""

    row: int
    paid: int
    name: str
    signed: PartialDate | None
    year: int | None
    actors: tuple[tuple[int, str], ...]
    unnumbered_actors: tuple[str, ...]
    """Actor names given with an empty ``actor_id`` (as the library writes its own records);
    a real UCDP row numbers every actor."""
    conflict_ids: tuple[int, ...]
    dyad_ids: tuple[int, ...]
    gwno: tuple[int, ...]
    ended: bool | None
    ended_on: PartialDate | None
    pa_type: int | None
    inclusive: int | None
    provisions: dict[str, int | None]
    version: str | None
    cells: dict[str, str]


def _ints(cell: str, path: str) -> tuple[int, ...]:
    out = []
    for item in split_list(cell):
        n = code(item, path, unknown=None)
        assert n is not None
        out.append(n)
    return tuple(out)


def parse_ucdp_row(raw: RawRow) -> UcdpRecord:
    """A typed record from one row; :class:`ParseError`/:class:`InputError` name the column."""
    c, w = raw.cells, f"row[{raw.row}]"
    paid = code(c["paid"], f"{w}.paid", unknown=None)
    if paid is None or paid < 0:
        raise ParseError(
            "must be the agreement's id, a whole number", path=f"{w}.paid", got=c["paid"]
        )
    name = text(c["pa_name"])
    if name is None:
        raise ParseError("must name the agreement", path=f"{w}.pa_name", got=c["pa_name"])
    ids = _ints(c["actor_id"], f"{w}.actor_id")
    names = split_list(c["actor_name"])
    if ids and len(ids) != len(names):
        raise ParseError(
            f"must name one actor per id in actor_id ({len(ids)} ids, {len(names)} names)",
            path=f"{w}.actor_name",
            got=c["actor_name"],
        )
    seen: dict[int, str] = {}
    for i, n in zip(ids, names, strict=False):
        if seen.setdefault(i, n) != n:
            raise ParseError(
                f"must give one name per actor id: {i} is named both {seen[i]!r} and {n!r}",
                path=f"{w}.actor_name",
                got=c["actor_name"],
            )
    ended = flag(c["ended"], f"{w}.ended")
    ended_on = iso_date(c["duration"], f"{w}.duration")
    if ended_on is not None and ended is False:
        raise ParseError(
            "must be True when 'duration' gives the date the agreement ended",
            path=f"{w}.ended",
            got=c["ended"],
        )
    provisions = {k: code(c[k], f"{w}.{k}", unknown=None) for k in UCDP_PROVISIONS if k in c}
    return UcdpRecord(
        row=raw.row,
        paid=paid,
        name=name,
        signed=iso_date(c["pa_date"], f"{w}.pa_date"),
        year=code(c.get("year", ""), f"{w}.year"),
        actors=tuple(zip(ids, names, strict=True)) if ids else (),
        unnumbered_actors=() if ids else names,
        conflict_ids=_ints(c.get("conflict_id", ""), f"{w}.conflict_id"),
        dyad_ids=_ints(c.get("dyad_id", ""), f"{w}.dyad_id"),
        gwno=_ints(c.get("gwno", ""), f"{w}.gwno"),
        ended=ended,
        ended_on=ended_on,
        pa_type=code(c.get("pa_type", ""), f"{w}.pa_type"),
        inclusive=code(c.get("inclusive", ""), f"{w}.inclusive"),
        provisions=provisions,
        version=text(c.get("version", "")),
        cells=c,
    )


def _build(recs: Sequence[UcdpRecord], origin: DatasetOrigin, zone: str) -> Agreement:
    r = recs[0]
    only_row([x.row for x in recs], "paid", r.paid)
    data: dict[str, Any] = {
        "id": f"ucdp-{r.paid}",
        "title": r.name,
        "zone": zone,
        "parties": [
            {"id": f"ucdp-actor-{i}", "name": n, "role": Role.PARTY.value}
            for i, n in dict(r.actors).items()
        ]
        + [
            {"id": f"actor-{slug(n)}", "name": n, "role": Role.PARTY.value}
            for n in dict.fromkeys(r.unnumbered_actors)
        ],
        "origin": origin,
    }
    if r.signed is not None:
        data["signed"] = str(r.signed)
    if r.ended is not None and (r.signed is not None or r.ended_on is not None):
        phase: dict[str, Any] = {"id": "in-force", "name": "In force (UCDP ended/duration)"}
        if r.signed is not None:
            phase["start"] = "agreement.signed"
        if r.ended_on is not None:
            phase["end"] = str(r.ended_on)
        data["phases"] = [phase]
    ver = f" v{origin.version}" if origin.version else ""
    data["notes"] = (
        f"Imported from the UCDP Peace Agreement Dataset{ver}, row {r.row} (paid {r.paid}). "
        f"The dataset gives dates without a zone; '{zone}' is the calendar they are read in. "
        "Every column is kept verbatim in 'origin'."
    )
    if r.ended and r.ended_on is None:
        data["notes"] += " It is coded as ended (ended True) with no end date (duration)."
    return Agreement.model_validate(data)


UCDP_CODED = frozenset({"paid", "pa_date", "year", *UCDP_PROVISIONS})
"""Written -1 by a library-made record that does not know them: its id in UCDP, its signing
date (to the day) and year, and the provision dummies (the model's provisions are not coded
in UCDP's categories, so each is unknown, never 0)."""


def _library_rows(a: Agreement) -> list[dict[str, str]]:
    """A library-made record as a UCDP row: ``pa_name``, ``pa_date`` (a day-precision
    signing date), ``year``, ``actor_name`` (parties, comma-separated) and ``actor_id`` (only
    when every party id is ``ucdp-actor-<n>``). -1 in :data:`UCDP_CODED` columns it does not
    know; the rest (``ended``/``duration``: the library records terms, not whether an
    agreement ended; UCDP's conflict, dyad and location codes; comments) stays empty."""
    from ._export import moment_date

    parties = [p for p in a.parties if p.role is Role.PARTY]
    for p in parties:
        if "," in p.name:
            raise InputError(
                "must not contain a comma to be written in UCDP's comma-separated actor_name "
                "(the names could not be told apart when read back)",
                path=f"{a.id}.parties[{p.id}].name",
                got=p.name,
            )
    signed = moment_date(a, a.signed)
    ids = [p.id.removeprefix("ucdp-actor-") for p in parties]
    return [
        {
            "pa_name": a.title,
            "pa_date": iso(signed) if signed is not None and signed.precision == "day" else "",
            "year": "" if signed is None else str(signed.year),
            "actor_name": ", ".join(p.name for p in parties),
            "actor_id": ", ".join(ids) if ids and all(i.isdigit() for i in ids) else "",
        }
    ]


UCDP: DatasetSpec[UcdpRecord] = DatasetSpec(
    name="ucdp",
    title="UCDP Peace Agreement Dataset",
    columns=UCDP_COLUMNS,
    required=_REQUIRED,
    bom=False,
    parse=parse_ucdp_row,
    key=lambda r: str(r.paid),
    build=_build,
    library_rows=_library_rows,
    coded=UCDP_CODED,
    id_column="paid",
    version=lambda rs: rs[0].version,
)
