"""Rows shaped like PA-X and the UCDP Peace Agreement Dataset: dates, parties and provision
flags, out and in.

PA-X scores provisions 0-3 by depth; this library only knows whether a record has such a
provision, so it exports 1 or 0, and on import any score above 0 means present. UCDP flags
are yes/no (1/0). -1 (or an empty cell) means unknown in both directions.

>>> from ceasefire_terms import examples
>>> row = to_pax_row(examples.load("gaza-2025"))
>>> row["Dat"], row["Ce"], row["TjPrire"], row["SsrFf"], row["DevHum"]
('2025-01-15', 1, 1, 1, 1)
>>> d = from_ucdp_row({"paid": "1234", "pa_date": "2003-08", "cease": 1, "withd": -1,
...                    "pris": 0}, zone="UTC")
>>> str(d.agreement.signed), d.flags.withdrawal, d.flags.prisoner_release
('2003-08', None, False)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import InputError
from ..model.agreement import Agreement, Role
from ._common import (
    UNKNOWN,
    Draft,
    ProvisionFlags,
    as_flag,
    as_text,
    build,
    moment_date,
    names,
    partial_from_text,
    party_list,
    slug,
)
from .flags import provision_flags

__all__ = [
    "PAX_COLUMNS",
    "PAX_FLAGS",
    "UCDP_COLUMNS",
    "UCDP_FLAGS",
    "from_pax_row",
    "from_ucdp_row",
    "to_pax_row",
    "to_ucdp_row",
]

PAX_FLAGS = {
    "Ce": "ceasefire",
    "SsrFf": "withdrawal",
    "TjPrire": "prisoner_release",
    "DevHum": "humanitarian_aid",
}
"""PA-X provision codes and the flag each maps to."""

UCDP_FLAGS = {"cease": "ceasefire", "withd": "withdrawal", "pris": "prisoner_release"}
"""UCDP provision columns and the flag each maps to (UCDP has no aid flag)."""

PAX_COLUMNS = ("AgtId", "PP", "Dat", "Status", "Stage", "Part", "ThrdPart", *PAX_FLAGS)
UCDP_COLUMNS = ("paid", "pa_date", "pa_type", "ended", *UCDP_FLAGS, "amn", "ddr", "pko")

_THIRD = (Role.MEDIATOR, Role.GUARANTOR, Role.WITNESS, Role.OBSERVER)


def _date(a: Agreement) -> str | int:
    d = moment_date(a, a.signed or a.announced)
    return UNKNOWN if d is None else str(d)


def _flag(value: bool | None) -> int:
    return UNKNOWN if value is None else int(value)


def to_pax_row(agreement: Agreement, *, separator: str = "; ") -> dict[str, Any]:
    """A PA-X-shaped row: ``Dat`` is the signing date (else the announcement date) at its
    precision; ``Part`` the parties and ``ThrdPart`` the mediators, guarantors, witnesses
    and observers, joined by ``separator``; the four provision codes from
    :func:`~ceasefire_terms.crosswalk.provision_flags`."""
    a = agreement
    flags = provision_flags(a)
    parties = names(a, (Role.PARTY,))
    third = names(a, _THIRD)
    row: dict[str, Any] = {
        "AgtId": a.id,
        "PP": UNKNOWN,
        "Dat": _date(a),
        "Status": UNKNOWN,
        "Stage": UNKNOWN,
        "Part": separator.join(parties) if parties else UNKNOWN,
        "ThrdPart": separator.join(third) if third else UNKNOWN,
    }
    row |= {code: _flag(getattr(flags, name)) for code, name in PAX_FLAGS.items()}
    return row


def to_ucdp_row(agreement: Agreement) -> dict[str, Any]:
    """A UCDP-shaped row: ``pa_date`` as for PA-X's ``Dat``; ``cease``/``withd``/``pris``
    from the provision flags; the columns the record cannot answer are -1."""
    a = agreement
    flags = provision_flags(a)
    row: dict[str, Any] = {"paid": a.id, "pa_date": _date(a), "pa_type": UNKNOWN, "ended": UNKNOWN}
    row |= {col: _flag(getattr(flags, name)) for col, name in UCDP_FLAGS.items()}
    row |= {"amn": UNKNOWN, "ddr": UNKNOWN, "pko": UNKNOWN}
    return row


def _flags(row: Mapping[str, Any], mapping: dict[str, str]) -> ProvisionFlags:
    return ProvisionFlags(
        **{name: as_flag(row.get(col), f"row.{col}") for col, name in mapping.items()}
    )


def _draft(
    ident: Any, date: Any, date_col: str, zone: str, parties: list[dict[str, Any]], fmt: str
) -> dict[str, Any]:
    name = "PA-X" if fmt == "pax" else "UCDP"
    text = as_text(ident)
    if not text:
        raise InputError(
            "must be given", path=f"row.{'AgtId' if fmt == 'pax' else 'paid'}", got=ident
        )
    signed = partial_from_text(date, f"row.{date_col}")
    data: dict[str, Any] = {
        "id": slug(text),
        "title": f"{name} agreement {text}",
        "zone": zone,
        "parties": parties,
        "notes": f"Imported from a {name}-shaped row; nothing was imputed.",
    }
    if signed is not None:
        data["signed"] = str(signed)
    return data


def _split_names(value: Any, separator: str) -> list[str]:
    text = as_text(value) or ""
    return [n.strip() for n in text.split(separator.strip() or separator) if n.strip()]


def from_pax_row(row: Mapping[str, Any], *, zone: str, separator: str = ";") -> Draft:
    """A draft agreement from a PA-X-shaped row. ``Part`` names become parties and
    ``ThrdPart`` names witnesses (PA-X does not say whether a third party mediated,
    guaranteed or witnessed), split on ``separator``; ``Dat`` becomes the signing date at its
    precision; the provision codes become :attr:`Draft.flags`; ``PP``, ``Status`` and
    ``Stage`` are kept in :attr:`Draft.unmapped`."""
    taken: set[str] = set()
    parties = party_list(_split_names(row.get("Part"), separator), Role.PARTY, taken)
    parties += party_list(_split_names(row.get("ThrdPart"), separator), Role.WITNESS, taken)
    data = _draft(row.get("AgtId"), row.get("Dat"), "Dat", zone, parties, "pax")
    unmapped = {c: row[c] for c in ("PP", "Status", "Stage") if c in row and as_text(row[c])}
    return Draft(
        agreement=build(data, "row"),
        flags=_flags(row, PAX_FLAGS),
        unmapped=unmapped,
        source_format="pax",
    )


def from_ucdp_row(row: Mapping[str, Any], *, zone: str) -> Draft:
    """A draft agreement from a UCDP-shaped row: ``pa_date`` becomes the signing date at its
    precision; ``cease``/``withd``/``pris`` become :attr:`Draft.flags` (aid stays unknown);
    ``pa_type``, ``ended``, ``amn``, ``ddr`` and ``pko`` are kept in :attr:`Draft.unmapped`."""
    data = _draft(row.get("paid"), row.get("pa_date"), "pa_date", zone, [], "ucdp")
    unmapped = {
        c: row[c] for c in ("pa_type", "ended", "amn", "ddr", "pko") if c in row and as_text(row[c])
    }
    return Draft(
        agreement=build(data, "row"),
        flags=_flags(row, UCDP_FLAGS),
        unmapped=unmapped,
        source_format="ucdp",
    )
