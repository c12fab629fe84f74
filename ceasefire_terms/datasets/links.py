"""Links across the three datasets, and where the linked rows disagree.

ETH/PRIO ``pax_id`` names a PA-X ``AgtId``; PA-X ``UcdpAgr`` names a UCDP ``paid``. Records
joined by these links (directly or through one another) are one agreement seen by several
datasets: :func:`link_records` lists each group's values with the dataset each came from,
and reports as findings the values that disagree (both readings kept), and links that point
to a row not among the records given.

Dates are compared at the precision both readings share: a month-precision ``2012-08``
agrees with ``2012-08-25``. Compared: the signing date (UCDP ``pa_date``, PA-X ``Dat``);
the ETH/PRIO declaration date (``cf_dec_*``) against the PA-X signing date (a ceasefire is
often declared when it is signed, so a difference is worth a look, but it is reported as a
declared-vs-signed difference, not as two signing dates); and ETH/PRIO actors whose
``ucdp_actor_id`` is not among the linked UCDP row's ``actor_id``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from ..model.when import PartialDate
from .ethprio import EthprioRecord
from .pax import PaxRecord
from .ucdp import UcdpRecord

__all__ = ["Finding", "LinkReport", "Linked", "Reading", "link_records"]


@dataclass(frozen=True)
class Reading:
    """One dataset's value, with the record (and row) it came from."""

    dataset: str
    id: str
    row: int
    value: str | None


@dataclass(frozen=True)
class Finding:
    """A disagreement between linked rows (``kind`` says which values) or a link whose
    target is missing, with every reading."""

    kind: str
    message: str
    readings: tuple[Reading, ...]


@dataclass
class Linked:
    """The records of one agreement across datasets."""

    ids: list[str]
    values: dict[str, list[Reading]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


@dataclass
class LinkReport:
    links: list[Linked]
    unresolved: list[Finding]

    def as_dict(self) -> dict[str, Any]:
        return {
            "links": [asdict(x) for x in self.links],
            "unresolved": [asdict(f) for f in self.unresolved],
            "counts": {
                "links": len(self.links),
                "findings": sum(len(x.findings) for x in self.links),
                "unresolved": len(self.unresolved),
            },
        }


_DATASET_ORDER = {"ucdp": 0, "pax": 1, "ethprio": 2}


def _order(record_id: str) -> tuple[int, int]:
    ds, _, num = record_id.partition("-")
    return (_DATASET_ORDER[ds], int(num))


def _agree(a: PartialDate, b: PartialDate) -> bool:
    sa, sb = str(a), str(b)
    n = min(len(sa), len(sb))
    return sa[:n] == sb[:n]


def _text(p: PartialDate | None) -> str | None:
    return None if p is None else str(p)


def link_records(
    ucdp: Iterable[UcdpRecord] = (),
    pax: Iterable[PaxRecord] = (),
    ethprio: Iterable[EthprioRecord] = (),
) -> LinkReport:
    """Join the records of one agreement across datasets (see the module docs).

    >>> from ceasefire_terms.datasets._table import RawRow
    >>> from ceasefire_terms.datasets.pax import PAX_COLUMNS, parse_pax_row
    >>> from ceasefire_terms.datasets.ucdp import UCDP_COLUMNS, parse_ucdp_row
    >>> u = parse_ucdp_row(RawRow(1, 2, dict.fromkeys(UCDP_COLUMNS, "") | {"paid": "7",
    ...     "pa_name": "Accord", "pa_date": "2001-02-03", "actor_id": "", "actor_name": ""}))
    >>> p = parse_pax_row(RawRow(1, 2, dict.fromkeys(PAX_COLUMNS, "") | {"AgtId": "9",
    ...     "Agt": "Accord", "Dat": "04/02/2001", "UcdpAgr": "7.0"}))
    >>> [f.message for f in link_records([u], [p]).links[0].findings]
    ['signing dates differ: ucdp-7 2001-02-03, pax-9 2001-02-04']
    """
    us = {r.paid: r for r in ucdp}
    ps = {r.agt_id: r for r in pax}
    es: dict[int, list[EthprioRecord]] = {}
    for r in ethprio:
        es.setdefault(r.uniq_id, []).append(r)
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    unresolved: list[Finding] = []
    for uid, rows in es.items():
        for pid in dict.fromkeys(r.pax_id for r in rows if r.pax_id is not None):
            src = Reading("ethprio", f"ethprio-{uid}", rows[0].row, str(pid))
            if pid in ps:
                union(f"ethprio-{uid}", f"pax-{pid}")
            else:
                unresolved.append(
                    Finding(
                        "missing-link",
                        f"ethprio-{uid} pax_id {pid}: no such PA-X AgtId among the records given",
                        (src,),
                    )
                )
    for aid, p in ps.items():
        if p.ucdp_agreement is None:
            continue
        src = Reading("pax", f"pax-{aid}", p.row, str(p.ucdp_agreement))
        if p.ucdp_agreement in us:
            union(f"pax-{aid}", f"ucdp-{p.ucdp_agreement}")
        else:
            unresolved.append(
                Finding(
                    "missing-link",
                    f"pax-{aid} UcdpAgr {p.ucdp_agreement}: no such UCDP "
                    "paid among the records given",
                    (src,),
                )
            )
    groups: dict[str, list[str]] = {}
    for node in list(parent):
        groups.setdefault(find(node), []).append(node)
    links = [
        _linked(sorted(ids, key=_order), us, ps, es) for ids in groups.values() if len(ids) > 1
    ]
    links.sort(key=lambda x: x.ids)
    return LinkReport(links, unresolved)


def _linked(
    ids: list[str],
    us: dict[int, UcdpRecord],
    ps: dict[int, PaxRecord],
    es: dict[int, list[EthprioRecord]],
) -> Linked:
    out = Linked(ids)
    signed: list[tuple[Reading, PartialDate]] = []
    declared: list[tuple[Reading, PartialDate]] = []
    ucdp_actors: dict[int, str] = {}
    ucdp_reading: Reading | None = None

    def add(name: str, r: Reading) -> None:
        out.values.setdefault(name, []).append(r)

    for i in ids:
        ds, _, num = i.partition("-")
        n = int(num)
        if ds == "ucdp":
            u = us[n]
            add("title", Reading(ds, i, u.row, u.name))
            add("signed", r := Reading(ds, i, u.row, _text(u.signed)))
            if u.signed is not None:
                signed.append((r, u.signed))
            add("ended", Reading(ds, i, u.row, _text(u.ended_on)))
            ucdp_reading = Reading(ds, i, u.row, ", ".join(nm for _, nm in u.actors))
            add("parties", ucdp_reading)
            ucdp_actors |= dict(u.actors)
        elif ds == "pax":
            p = ps[n]
            add("title", Reading(ds, i, p.row, p.name))
            add("signed", r := Reading(ds, i, p.row, _text(p.signed)))
            if p.signed is not None:
                signed.append((r, p.signed))
            add("signatories", Reading(ds, i, p.row, p.signatories))
        else:
            for e in es[n]:
                add("declared", r := Reading(ds, i, e.row, _text(e.declared)))
                if e.declared is not None:
                    declared.append((r, e.declared))
                add("effective", Reading(ds, i, e.row, _text(e.effective)))
                add("ended", Reading(ds, i, e.row, _text(e.end)))
                add("parties", Reading(ds, i, e.row, e.actor_name))
    for k, (ra, da) in enumerate(signed):
        for rb, db in signed[k + 1 :]:
            if not _agree(da, db):
                out.findings.append(
                    Finding("signed", f"signing dates differ: {ra.id} {da}, {rb.id} {db}", (ra, rb))
                )
    pax_signed = [(r, d) for r, d in signed if r.dataset == "pax"]
    for re_, de in declared:
        for rp, dp in pax_signed:
            if not _agree(de, dp):
                out.findings.append(
                    Finding(
                        "declared-vs-signed",
                        f"ETH/PRIO declared {de} ({re_.id} row {re_.row}) but PA-X signed {dp} "
                        f"({rp.id})",
                        (re_, rp),
                    )
                )
    if ucdp_reading is not None:
        for i in ids:
            if i.startswith("ethprio-"):
                for e in es[int(i.split("-")[1])]:
                    if e.ucdp_actor_id is not None and e.ucdp_actor_id not in ucdp_actors:
                        out.findings.append(
                            Finding(
                                "actor",
                                f"ETH/PRIO actor {e.actor_name!r} (ucdp_actor_id "
                                f"{e.ucdp_actor_id}) is not among the UCDP actors of "
                                f"{ucdp_reading.id}",
                                (Reading("ethprio", i, e.row, e.actor_name), ucdp_reading),
                            )
                        )
    return out
