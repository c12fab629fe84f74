"""The ETH/PRIO Civil Conflict Ceasefire Dataset (CF): one row per ceasefire *and actor*.

The rows of one ceasefire (same ``uniq_id``) make one agreement, ``ethprio-<uniq_id>``.
Mapped: ``actor_name``/``ucdp_actor_id`` -> one party per row; ``cf_dec_*`` -> announced
(declared); ``cf_effect_*`` -> effective; ``end_*`` -> the end of that actor's phase
(``ceasefire-<n>``), so actors whose ceasefire ended on different days keep their own ends;
``mediator_send`` -> mediators; ``written`` -> written; the purpose dummies -> purpose.

``fixed_time`` is a length in days whose counting the dataset does not state; it is typed on
the record (:attr:`EthprioRecord.fixed_time_days`) and named in the notes, and no end is
computed from it: the coded ``end_*`` is the only end recorded.

Split dates: -1 is unknown (a day of -1 leaves the date at month precision); 0 in all three
parts means the dataset records no such date (e.g. a ceasefire that has not ended), and is
kept as "none" on the record. See ``docs/datasets.md`` for every column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import ParseError
from ..model.agreement import Agreement, Role
from ..model.provenance import DatasetOrigin
from ..model.when import PartialDate
from ._cells import DateState, code, split_date, text
from ._common import DatasetSpec, slug
from ._table import RawRow

__all__ = [
    "ETHPRIO",
    "ETHPRIO_CODED",
    "ETHPRIO_COLUMNS",
    "ETHPRIO_DATES",
    "ETHPRIO_PURPOSES",
    "EthprioRecord",
    "parse_ethprio_row",
    "parse_fixed_time",
    "split_mediators",
]

ETHPRIO_COLUMNS = (
    "cc", "cf_id", "uniq_id", "location", "region", "link", "ucdp_actor_id", "actor_name",
    "ucdp_acd_id", "ucdp_dyad", "pax_id", "cf_dec_yr", "cf_dec_month", "cf_dec_day",
    "cf_effect_yr", "cf_effect_month", "cf_effect_day", "evidence_onset", "side", "partial",
    "written", "fixed", "fixed_time", "nsa_frac", "p_humanitarian", "p_peaceprocess",
    "p_holiday", "p_election", "p_other", "p_other_comment", "p_unclear", "ceasefire_class",
    "timing", "cf_pp", "mediator_nego", "mediator_send", "implement", "enforcement", "ddr",
    "splinter", "ended", "end_yr", "end_month", "end_day", "evidence_end", "comment",
    "factivia_source", "factivia_page", "truce", "recentadditions",
    *(f"link_id{i}" for i in range(1, 36)), "coder", "id",
)  # fmt: skip
"""The release's header, in its order."""

ETHPRIO_PURPOSES = {
    "p_humanitarian": "humanitarian",
    "p_peaceprocess": "peace process",
    "p_holiday": "holiday",
    "p_election": "election",
    "p_other": "other",
}
"""The purpose dummies and the purpose each names (``p_unclear``: purpose unclear)."""

_DEC = ("cf_dec_yr", "cf_dec_month", "cf_dec_day")
_EFF = ("cf_effect_yr", "cf_effect_month", "cf_effect_day")
_END = ("end_yr", "end_month", "end_day")
ETHPRIO_DATES: dict[str, tuple[str, str, str]] = {"declared": _DEC, "effective": _EFF, "end": _END}
"""The year/month/day columns of each split date, as :func:`~._cells.split_date` reads them."""
_REQUIRED = ("uniq_id", "actor_name", "ucdp_actor_id", *_DEC, *_EFF, *_END, "fixed_time")
_TOP_COMMAS = re.compile(r",(?![^()]*\))")


def split_mediators(cell: str) -> tuple[str, ...]:
    """The mediators named in ``mediator_send``: commas outside parentheses separate them;
    ``0`` (none) and ``-1`` (unclear) name nobody.

    >>> split_mediators("Sir Ketumile Masire (former president of Botswana, facilitator), UN")
    ('Sir Ketumile Masire (former president of Botswana, facilitator)', 'UN')
    """
    s = cell.strip()
    if s in ("", "0", "-1"):
        return ()
    return tuple(t for part in _TOP_COMMAS.split(s) if (t := part.strip()))


@dataclass(frozen=True, slots=True)
class EthprioRecord:
    """One ETH/PRIO row (one actor of one ceasefire), typed. ``cells`` holds every cell."""

    row: int
    uniq_id: int
    country_code: int | None
    cf_id: int | None
    location: str | None
    actor_name: str
    ucdp_actor_id: int | None
    ucdp_conflict_id: int | None
    ucdp_dyad_id: int | None
    pax_id: int | None
    declared: PartialDate | None
    declared_state: DateState
    effective: PartialDate | None
    effective_state: DateState
    end: PartialDate | None
    end_state: DateState
    written: int | None
    fixed: int | None
    fixed_time_days: int | None
    """The fixed duration in days (0 = none, ``None`` when -1 or not a number); counting
    not stated by the dataset."""
    fixed_time_text: str | None
    """``fixed_time`` when it is words, not a number (e.g. 'Until mutual agreement ...')."""
    purposes: tuple[str, ...]
    purpose_unclear: bool
    mediator_nego: int | None
    mediators: tuple[str, ...]
    implement: int | None
    enforcement: int | None
    cells: dict[str, str]


def parse_fixed_time(cell: str, path: str) -> tuple[int | None, str | None]:
    """``fixed_time`` as (days, words): a whole number of days (0: no fixed duration) and
    ``None``; ``None`` and the cell's words when it is not a number ('Until mutual agreement
    ...', '3.5'); ``(None, None)`` when empty or -1 (unclear). Another negative number is a
    :class:`ParseError`.

    >>> parse_fixed_time("3.0", "fixed_time"), parse_fixed_time(" 48 hours", "fixed_time")
    ((3, None), (None, '48 hours'))
    """
    ft = cell.strip()
    try:
        days = code(ft, path)
    except ParseError:
        return None, ft
    if days is not None and days < 0:
        raise ParseError("must be a number of days, 0, -1 or words", path=path, got=cell)
    return days, None


def _flag01(c: dict[str, str], col: str, w: str) -> bool:
    n = code(c.get(col, ""), f"{w}.{col}", unknown=None)
    if n not in (None, 0, 1, -1):
        raise ParseError("must be 0 or 1", path=f"{w}.{col}", got=c[col])
    return n == 1


def _cells3(c: dict[str, str], cols: tuple[str, str, str]) -> tuple[str, str, str]:
    return (c[cols[0]], c[cols[1]], c[cols[2]])


def parse_ethprio_row(raw: RawRow) -> EthprioRecord:
    """A typed record from one row; :class:`ParseError`/:class:`InputError` name the column."""
    c, w = raw.cells, f"row[{raw.row}]"
    uniq = code(c["uniq_id"], f"{w}.uniq_id", unknown=None)
    if uniq is None or uniq < 0:
        raise ParseError(
            "must be the ceasefire's id, a whole number", path=f"{w}.uniq_id", got=c["uniq_id"]
        )
    actor = text(c["actor_name"])
    if actor is None or actor.strip() == "-1":  # -1: a library-made row with no party
        raise ParseError("must name the actor", path=f"{w}.actor_name", got=c["actor_name"])
    dec, dec_s = split_date(_cells3(c, _DEC), w, _DEC)
    eff, eff_s = split_date(_cells3(c, _EFF), w, _EFF)
    end, end_s = split_date(_cells3(c, _END), w, _END)
    days, ft_text = parse_fixed_time(c["fixed_time"], f"{w}.fixed_time")
    written = code(c.get("written", ""), f"{w}.written", unknown=None)
    if written not in (None, -1, 0, 1, 2):
        raise ParseError("must be 0, 1, 2 or -1", path=f"{w}.written", got=c["written"])
    nego = code(c.get("mediator_nego", ""), f"{w}.mediator_nego", unknown=None)
    if nego not in (None, -1, 0, 1):
        raise ParseError("must be 0, 1 or -1", path=f"{w}.mediator_nego", got=c["mediator_nego"])
    return EthprioRecord(
        row=raw.row,
        uniq_id=uniq,
        country_code=code(c.get("cc", ""), f"{w}.cc"),
        cf_id=code(c.get("cf_id", ""), f"{w}.cf_id"),
        location=text(c.get("location", "")),
        actor_name=actor,
        ucdp_actor_id=code(c["ucdp_actor_id"], f"{w}.ucdp_actor_id"),
        ucdp_conflict_id=code(c.get("ucdp_acd_id", ""), f"{w}.ucdp_acd_id"),
        ucdp_dyad_id=code(c.get("ucdp_dyad", ""), f"{w}.ucdp_dyad"),
        pax_id=code(c.get("pax_id", ""), f"{w}.pax_id"),
        declared=dec,
        declared_state=dec_s,
        effective=eff,
        effective_state=eff_s,
        end=end,
        end_state=end_s,
        written=written,
        fixed=code(c.get("fixed", ""), f"{w}.fixed", unknown=None),
        fixed_time_days=days,
        fixed_time_text=ft_text,
        purposes=tuple(v for k, v in ETHPRIO_PURPOSES.items() if _flag01(c, k, w)),
        purpose_unclear=_flag01(c, "p_unclear", w),
        mediator_nego=nego,
        mediators=split_mediators(c.get("mediator_send", "")),
        implement=code(c.get("implement", ""), f"{w}.implement", unknown=None),
        enforcement=code(c.get("enforcement", ""), f"{w}.enforcement", unknown=None),
        cells=c,
    )


def _common(values: list[Any]) -> Any:
    return values[0] if all(v == values[0] for v in values) else None


def _party_id(r: EthprioRecord) -> str:
    if r.ucdp_actor_id is not None:
        return f"ucdp-actor-{r.ucdp_actor_id}"
    return f"actor-{slug(r.actor_name)}"


def _build(recs: Sequence[EthprioRecord], origin: DatasetOrigin, zone: str) -> Agreement:
    first = recs[0]
    parties: list[dict[str, Any]] = []
    taken: set[str] = set()
    named: dict[tuple[str, str], str] = {}
    for r in recs:
        key = (_party_id(r), r.actor_name)
        if key in named:
            continue  # the same actor on two rows: one party
        pid, n = key[0], 2
        while pid in taken:  # one id under two names: both kept
            pid, n = f"{key[0]}-{n}", n + 1
        taken.add(pid)
        named[key] = pid
        parties.append({"id": pid, "name": r.actor_name, "role": Role.PARTY.value})
    for name in dict.fromkeys(m for r in recs for m in r.mediators):
        pid, n = f"mediator-{slug(name)}", 2
        while pid in taken:
            pid, n = f"mediator-{slug(name)}-{n}", n + 1
        taken.add(pid)
        parties.append({"id": pid, "name": name, "role": Role.MEDIATOR.value})
    declared = _common([r.declared for r in recs])
    effective = _common([r.effective for r in recs])
    written = _common([r.written for r in recs])
    phases = []
    notes = [
        f"Imported from the ETH/PRIO Civil Conflict Ceasefire Dataset"
        f"{f' ({origin.version})' if origin.version else ''}, uniq_id {first.uniq_id}, "
        f"row(s) {', '.join(str(r.row) for r in recs)}: one phase per actor row, ending on "
        "that actor's coded end."
    ]
    for k, r in enumerate(recs, 1):
        phase: dict[str, Any] = {"id": f"ceasefire-{k}", "name": f"Ceasefire: {r.actor_name}"}
        if r.effective is not None:
            phase["start"] = str(r.effective)
        if r.end is not None:
            phase["end"] = str(r.end)
        if "start" in phase or "end" in phase:
            phases.append(phase)
        if r.fixed_time_days:
            notes.append(
                f"{r.actor_name}: fixed duration {r.fixed_time_days} days (fixed_time); the "
                "dataset does not state how the days are counted, so no end is computed "
                "from it."
            )
        elif r.fixed_time_text:
            notes.append(f"{r.actor_name}: fixed_time as written: {r.fixed_time_text!r}.")
    for label, values in (("declared", [r.declared for r in recs]),
                          ("effective", [r.effective for r in recs])):  # fmt: skip
        if _common(values) is None and any(v is not None for v in values):
            notes.append(
                f"The actors' {label} dates differ ("
                + ", ".join(
                    f"{r.actor_name}: {v or 'unknown'}" for r, v in zip(recs, values, strict=True)
                )
                + "); each is kept in its row."
            )
    purposes = list(dict.fromkeys(p for r in recs for p in r.purposes))
    title_actors = ", ".join(dict.fromkeys(r.actor_name for r in recs))
    data: dict[str, Any] = {
        "id": f"ethprio-{first.uniq_id}",
        "title": f"Ceasefire {first.uniq_id}"
        + (f", {first.location}" if first.location else "")
        + f" ({title_actors})",
        "zone": zone,
        "parties": parties,
        "phases": phases,
        "purpose": "; ".join(purposes) or None,
        "written": None if written in (None, -1) else written > 0,
        "origin": origin,
    }
    if declared is not None:
        data["announced"] = str(declared)
    if effective is not None:
        data["effective"] = str(effective)
    notes.append(
        f"The dataset gives dates without a zone; '{zone}' is the calendar they are read in. "
        "Every column is kept verbatim in 'origin'."
    )
    data["notes"] = " ".join(notes)
    return Agreement.model_validate(data)


def _fixed(a: Agreement) -> tuple[str, str]:
    """``fixed``/``fixed_time`` of a one-phase record: a length in whole days gives 1 and
    that number; an end date gives 1 and -1 (counting the days would need a convention the
    dataset does not state). Several phases, or none, give -1/-1: which of them the dataset
    would call the ceasefire's duration is not known."""
    from ..model.periods import Period

    if len(a.phases) != 1:
        return "-1", "-1"
    (p,) = a.phases
    if isinstance(p.length, Period) and not p.length.has_months:
        return "1", str(p.length.total_days())
    if p.end is not None or p.length is not None:
        return "1", "-1"
    return "-1", "-1"


ETHPRIO_CODED = frozenset(
    {"uniq_id", "cf_id", "ucdp_actor_id", *_DEC, *_EFF, *_END, "written", "fixed",
     "fixed_time", "mediator_nego", "mediator_send", *ETHPRIO_PURPOSES, "p_unclear"}
)  # fmt: skip
"""Written -1 by a library-made record that does not know them: the ceasefire's ids, the
actor's UCDP id, the split dates (every part is a number; ``end_*`` is when the ceasefire
actually ended, which the library does not record), ``written``, the fixed duration, the
mediation codes and the purpose dummies."""


def _library_rows(a: Agreement) -> list[dict[str, str]]:
    """A library-made record as ETH/PRIO rows, one per party (``actor_name``; the actor id
    when the party id is ``ucdp-actor-<n>``): ``cf_dec_*`` from announced (else signed),
    ``cf_effect_*`` from effective, ``written``, the purpose dummies when the purpose names
    their categories, ``mediator_send``/``mediator_nego`` when mediators are listed,
    ``fixed``/``fixed_time`` for a one-phase record (see :func:`_fixed`). -1 in the
    :data:`ETHPRIO_CODED` columns it does not know; the rest (UCDP conflict and dyad ids,
    ``pax_id``, whose -1 would claim "no PA-X agreement"; ``cc``, ``implement``,
    ``enforcement``, which have no counterpart in the model; the unverified columns) stays
    empty."""
    from ._export import moment_date, split

    declared = moment_date(a, a.announced or a.signed)
    effective = moment_date(a, a.effective)
    mediators = [p.name for p in a.parties if p.role is Role.MEDIATOR]
    shared: dict[str, str] = {}
    shared |= dict(zip(_DEC, split(declared), strict=True))
    shared |= dict(zip(_EFF, split(effective), strict=True))
    shared["fixed"], shared["fixed_time"] = _fixed(a)
    if a.written is not None:
        shared["written"] = str(int(a.written))
    if mediators:
        shared["mediator_send"] = ", ".join(mediators)
        shared["mediator_nego"] = "1"
    if a.purpose:
        named = {p.strip().lower() for p in a.purpose.split(";")}
        known = set(ETHPRIO_PURPOSES.values())
        for col, label in ETHPRIO_PURPOSES.items():
            shared[col] = "1" if label in named else "0"
        if named - known:
            shared["p_other"] = "1"
            shared["p_other_comment"] = "; ".join(sorted(named - known))
        shared["p_unclear"] = "0"
    rows = []
    actors = [(p.name, p.id) for p in a.parties if p.role is Role.PARTY]
    for name, pid in actors or [("-1", "")]:
        row = dict(shared)
        row["actor_name"] = name
        aid = pid.removeprefix("ucdp-actor-")
        if aid.isdigit():
            row["ucdp_actor_id"] = aid
        rows.append(row)
    return rows


ETHPRIO: DatasetSpec[EthprioRecord] = DatasetSpec(
    name="ethprio",
    title="ETH/PRIO Civil Conflict Ceasefire Dataset",
    columns=ETHPRIO_COLUMNS,
    required=_REQUIRED,
    bom=False,
    parse=parse_ethprio_row,
    key=lambda r: str(r.uniq_id),
    build=_build,
    library_rows=_library_rows,
    coded=ETHPRIO_CODED,
    id_column="uniq_id",
)
