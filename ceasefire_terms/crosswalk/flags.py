"""Provision flags derived from a record: ceasefire, withdrawal, prisoner release, aid.

The record has no provision categories of its own, so the flags are read from its words,
by the fixed rules below (stated here so that every flag can be traced):

- ``ceasefire``: the title, a phase name or a phase description says ceasefire, cease-fire,
  truce, cessation of hostilities, armistice or pause;
- ``withdrawal``: a provision (its action, label or description) or a phase says withdraw
  or withdrawal;
- ``prisoner_release``: the record has an exchange provision, or a provision speaks of
  releasing prisoners or detainees;
- ``humanitarian_aid``: a provision or a phase description speaks of aid or humanitarian
  relief.

``False`` therefore means "no such provision in this record", which is as complete as the
record is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model.agreement import Agreement, Deadline, Exchange, Obligation
from ._common import ProvisionFlags

__all__ = ["RULES", "provision_flags"]

RULES: dict[str, re.Pattern[str]] = {
    "ceasefire": re.compile(
        r"\b(cease-?fire|truce|cessation of hostilities|armistice|pause)\b", re.IGNORECASE
    ),
    "withdrawal": re.compile(r"\bwithdr(aw|awal|awals|aws|awn|ew)\b", re.IGNORECASE),
    "prisoner_release": re.compile(
        r"\brelease[sd]?\b.*\b(prisoners?|detainees?)\b|\b(prisoners?|detainees?)\b.*\breleased?\b",
        re.IGNORECASE,
    ),
    "humanitarian_aid": re.compile(
        r"\baid\b|\bhumanitarian (aid|relief|assistance)\b", re.IGNORECASE
    ),
}


def _provision_texts(a: Agreement) -> Iterable[str]:
    for p in a.provisions:
        if p.description:
            yield p.description
        if isinstance(p, Obligation):
            yield p.action
        elif isinstance(p, Deadline):
            yield p.label
        elif isinstance(p, Exchange):
            yield f"{p.released} released"
    for ph in a.phases:
        yield from (t for t in (ph.name, ph.description) if t)


def provision_flags(agreement: Agreement) -> ProvisionFlags:
    """The four provision flags of ``agreement`` (see the module docs for the rules).

    >>> from ceasefire_terms import examples
    >>> provision_flags(examples.load("lebanon-2024"))
    ProvisionFlags(ceasefire=True, withdrawal=True, prisoner_release=False, humanitarian_aid=False)
    """
    a = agreement
    head = [a.title, *(t for ph in a.phases for t in (ph.name, ph.description) if t)]
    body = list(_provision_texts(a))
    return ProvisionFlags(
        ceasefire=any(RULES["ceasefire"].search(t) for t in head),
        withdrawal=any(RULES["withdrawal"].search(t) for t in body),
        prisoner_release=any(isinstance(p, Exchange) for p in a.provisions)
        or any(RULES["prisoner_release"].search(t) for t in body),
        humanitarian_aid=any(RULES["humanitarian_aid"].search(t) for t in body),
    )
