"""Rows shaped like the ETH/PRIO Civil Conflict Ceasefire dataset, out and in.

One row per actor (party). Dates are split into year / month / day columns for the
declaration, the entry into force and the end, with -1 for each unknown part; a date known
only to the month exports as ``(2025, 1, -1)`` and imports back as a month, never a guessed
day. Column names are this library's spelling of the fields described in the project's
domain notes (see ``docs/crosswalk.md`` for which map and which do not); rename them to your
copy of the dataset's codebook if it spells them differently.

>>> from ceasefire_terms import examples
>>> row = to_ethprio_rows(examples.load("black-sea-grain-2022"))[0]
>>> row["actor"], row["declared_day"], row["effective_year"], row["end_month"], row["end_day"]
('Ukraine', 22, -1, 7, 17)
>>> d = from_ethprio_rows([{"actor": "A", "effective_year": 2019, "effective_month": 5,
...                         "effective_day": -1}], id="cf-1", zone="UTC")
>>> str(d.agreement.effective), d.agreement.effective.precision
('2019-05', 'month')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..errors import InputError
from ..model.agreement import Agreement, Role
from ._common import (
    UNKNOWN,
    Draft,
    as_int,
    as_text,
    build,
    computed_end,
    moment_date,
    names,
    partial_from_parts,
    party_list,
    slug,
    split,
)

__all__ = ["ETHPRIO_COLUMNS", "ETHPRIO_PURPOSES", "from_ethprio_rows", "to_ethprio_rows"]

ETHPRIO_COLUMNS = (
    "ceasefire_id",
    "actor",
    "declared_year",
    "declared_month",
    "declared_day",
    "effective_year",
    "effective_month",
    "effective_day",
    "end_year",
    "end_month",
    "end_day",
    "written",
    "ceasefire_class",
    "purpose",
    "fixed",
    "fixed_time",
    "mediator_nego",
    "mediator_send",
    "implement",
    "enforcement",
)
"""The columns of an exported row, in order."""

ETHPRIO_PURPOSES = ("humanitarian", "peace process", "holiday", "election", "other")
"""The purpose categories; a record's purpose outside them exports as ``other``."""

_SHARED = [c for c in ETHPRIO_COLUMNS if c not in ("actor",)]
_UNMAPPED = ("ceasefire_class", "mediator_send", "implement", "enforcement")


def _fixed_time(a: Agreement) -> str | int:
    parts = [f"{p.name or p.id}: {p.length}" for p in a.phases if p.length is not None]
    for am in a.amendments:
        change = f"by {am.by}" if am.by is not None else f"to {am.to}"
        parts.append(f"{am.kind.value} {am.target} {change}")
    return "; ".join(parts) if parts else UNKNOWN


def to_ethprio_rows(agreement: Agreement) -> list[dict[str, Any]]:
    """One ETH/PRIO-shaped row per party of ``agreement`` (a mapping per row, keys in
    :data:`ETHPRIO_COLUMNS` order). Unknown values are -1."""
    a = agreement
    declared = moment_date(a, a.announced or a.signed)
    effective = moment_date(a, a.effective)
    end = computed_end(a)
    open_ended = any(p.end is None and p.length is None for p in a.phases)
    fixed = UNKNOWN if not a.phases else (0 if open_ended else (1 if end else UNKNOWN))
    purpose: str | int = UNKNOWN
    if a.purpose:
        purpose = a.purpose if a.purpose in ETHPRIO_PURPOSES else "other"
    mediators = names(a, (Role.MEDIATOR,))
    shared: dict[str, Any] = {"ceasefire_id": a.id}
    for prefix, value in (("declared", declared), ("effective", effective), ("end", end)):
        y, m, d = split(value)
        shared |= {f"{prefix}_year": y, f"{prefix}_month": m, f"{prefix}_day": d}
    shared |= {
        "written": UNKNOWN if a.written is None else int(a.written),
        "ceasefire_class": UNKNOWN,
        "purpose": purpose,
        "fixed": fixed,
        "fixed_time": _fixed_time(a),
        "mediator_nego": "; ".join(mediators) if mediators else UNKNOWN,
        "mediator_send": UNKNOWN,
        "implement": UNKNOWN,
        "enforcement": UNKNOWN,
    }
    actors: list[str | int] = [*names(a, (Role.PARTY,))] or [UNKNOWN]
    return [{c: ({"actor": actor} | shared)[c] for c in ETHPRIO_COLUMNS} for actor in actors]


def from_ethprio_rows(
    rows: Sequence[Mapping[str, Any]], *, zone: str, id: str | None = None
) -> Draft:
    """A draft agreement from the ETH/PRIO-shaped rows of one ceasefire (one row per actor).

    ``zone`` is required because the dataset gives none (the agreement's days are counted in
    it); ``id`` defaults to the rows' ``ceasefire_id``. The rows must agree on every column
    but ``actor``. Partial dates keep their precision; ``fixed_time`` is kept as text in the
    notes (it is never turned into a length, since the counting is not stated).
    :class:`~ceasefire_terms.errors.ParseError` or :class:`~ceasefire_terms.errors.InputError`
    name the row and column of a bad value.
    """
    if not rows:
        raise InputError("must hold at least one row", path="rows", got=[])
    first = rows[0]
    for i, row in enumerate(rows[1:], start=1):
        for col in _SHARED:
            if col in first and col in row and str(row[col]) != str(first[col]):
                raise InputError(
                    f"must equal rows[0].{col} ({first[col]!r}): rows of one ceasefire share "
                    "every column but 'actor'",
                    path=f"rows[{i}].{col}",
                    got=row[col],
                )
    where = "rows[0]"
    ident = id or as_text(first.get("ceasefire_id"))
    if not ident:
        raise InputError("must be given (no 'ceasefire_id' in the rows)", path="id", got=None)
    taken: set[str] = set()
    actors = [t for r in rows if (t := as_text(r.get("actor")))]
    mediators = [
        m.strip() for m in (as_text(first.get("mediator_nego")) or "").split(";") if m.strip()
    ]
    parties = party_list(actors, Role.PARTY, taken) + party_list(mediators, Role.MEDIATOR, taken)
    declared = partial_from_parts(first, "declared", where)
    effective = partial_from_parts(first, "effective", where)
    end = partial_from_parts(first, "end", where)
    written = as_int(first.get("written"), f"{where}.written")
    if written not in (None, 0, 1):
        raise InputError("must be 0, 1 or -1", path=f"{where}.written", got=first.get("written"))
    data: dict[str, Any] = {
        "id": slug(ident),
        "title": f"Ceasefire {ident}" + (f" ({', '.join(actors)})" if actors else ""),
        "zone": zone,
        "parties": parties,
        "announced": None if declared is None else str(declared),
        "effective": None if effective is None else str(effective),
        "purpose": as_text(first.get("purpose")),
        "written": None if written is None else bool(written),
    }
    if effective is not None or end is not None:
        phase: dict[str, Any] = {"id": "ceasefire", "name": "Ceasefire"}
        if effective is not None:
            phase["start"] = "agreement.effective"
        if end is not None:
            phase["end"] = str(end)
        data["phases"] = [phase]
    notes = ["Imported from an ETH/PRIO-shaped row; nothing was imputed."]
    fixed_time = as_text(first.get("fixed_time"))
    if fixed_time:
        notes.append(f"fixed_time as given: {fixed_time!r} (counting not stated).")
    data["notes"] = " ".join(notes)
    unmapped = {
        c: first[c] for c in (*_UNMAPPED, "fixed", "fixed_time") if c in first and as_text(first[c])
    }
    agreement = build({k: v for k, v in data.items() if v is not None}, where)
    return Draft(agreement=agreement, unmapped=unmapped, source_format="ethprio")
