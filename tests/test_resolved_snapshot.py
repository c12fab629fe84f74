"""The date engine's whole output is unchanged: every event field (dates, instants and their
zones, traces, published dates, original dates), what could not be dated, errors, statuses and
check() findings, for the bundled agreements and 928 generated records, against the snapshot
taken before the resolver was made faster (``tests/snapshots/resolved.py``).

Regenerate with ``python tests/snapshots/resolved.py`` only for an intended change, and
review the diff.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from ceasefire_terms import examples

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
_spec = importlib.util.spec_from_file_location("resolved", SNAPSHOTS / "resolved.py")
assert _spec is not None and _spec.loader is not None
resolved = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(resolved)

BUNDLED = json.loads(resolved.BUNDLED.read_text(encoding="utf-8"))
GENERATED = json.loads(resolved.GENERATED.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", examples.names())
def test_bundled_agreement_resolves_as_in_the_snapshot(name: str) -> None:
    got = json.loads(json.dumps(resolved.render(examples.load(name))))
    assert got == BUNDLED[name]


def test_generated_records_resolve_as_in_the_snapshot() -> None:
    records = resolved.generated()
    assert [n for n, _ in records] == list(GENERATED)
    changed = [n for n, rec in records if resolved.digest(rec) != GENERATED[n]]
    assert not changed, f"{len(changed)} records resolve differently: {changed[:10]}"


def test_the_snapshot_covers_every_bundled_agreement() -> None:
    assert set(BUNDLED) == set(examples.names())
    assert all(BUNDLED[n]["amended"]["events"] for n in BUNDLED)


def test_first_renewals_raises_what_the_timeline_with_one_renewal_raises() -> None:
    """check() projects only the renewals (first_renewals) once the timeline resolves; on
    every generated and bundled record it raises exactly what timeline(renewals=1) raises."""
    import ceasefire_terms as ct
    from ceasefire_terms.dates.resolve import first_renewals

    agreements = [examples.load(n) for n in examples.names()]
    for _, record in resolved.generated():
        try:
            agreements.append(ct.parse_agreement(record))
        except ct.CeasefireTermsError:
            continue
    compared = raised = 0
    for a in agreements:
        try:
            a.timeline()
        except ct.CeasefireTermsError:
            continue
        if not any(p.auto_renewal is not None for p in a.phases):
            continue
        expected: str | None = None
        try:
            a.timeline(renewals=1)
        except ct.CeasefireTermsError as exc:
            expected = f"{type(exc).__name__}: {exc}"
        got: str | None = None
        try:
            first_renewals(a)
        except ct.CeasefireTermsError as exc:
            got = f"{type(exc).__name__}: {exc}"
        assert got == expected, a.id
        compared += 1
        raised += expected is not None
    assert compared > 50 and raised > 0, (compared, raised)
