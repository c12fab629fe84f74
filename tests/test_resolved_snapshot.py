"""The date engine's whole output is unchanged: every event field (dates, instants and their
zones, traces, published dates, original dates), what could not be dated, errors, statuses and
check() findings, for the bundled agreements and 520 generated records, against the snapshot
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
