"""Every bundled agreement's timeline equals its reviewed snapshot (dates and rules).

Regenerate with ``python tests/snapshots/regen.py`` and review the diff.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from ceasefire_terms import examples

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
_spec = importlib.util.spec_from_file_location("regen", SNAPSHOTS / "regen.py")
assert _spec is not None and _spec.loader is not None
regen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(regen)


@pytest.mark.parametrize("name", examples.names())
def test_timeline_matches_snapshot(name: str) -> None:
    expected = (SNAPSHOTS / f"{name}.timeline.json").read_text(encoding="utf-8")
    assert regen.render(name) == expected, f"run python tests/snapshots/regen.py and review {name}"


def test_every_snapshot_belongs_to_a_bundled_agreement() -> None:
    names = {p.name.removesuffix(".timeline.json") for p in SNAPSHOTS.glob("*.timeline.json")}
    assert names == set(examples.names())
