"""``check()`` compares the published dates of what amendments moved with the original
(unamended) timeline. When that timeline is not kept on the agreement already, it resolves
only the events of what was moved (``dates.resolve.original_events``). Both must give the
same events and the same findings as resolving the original timeline whole: on the bundled
agreements and on the 928 generated records of the resolver's snapshot (amendments of every
target kind, recurring deadlines, chains, unknown anchors)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

import ceasefire_terms as ct
from ceasefire_terms import examples
from ceasefire_terms.dates.resolve import EventKind, original_events, resolve

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
_spec = importlib.util.spec_from_file_location("resolved", SNAPSHOTS / "resolved.py")
assert _spec is not None and _spec.loader is not None
resolved = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(resolved)


def _agreements() -> list[ct.Agreement]:
    out = list(examples.load_all())
    for _, record in resolved.generated():
        try:
            out.append(ct.parse_agreement(record))
        except ct.CeasefireTermsError:
            continue  # (rejected records have no timeline)
    return out


AGREEMENTS = _agreements()
AMENDED = [a for a in AGREEMENTS if a.amendments]


def _moved_of_whole(a: ct.Agreement, moved: set[str]) -> list[Any]:
    whole = resolve(a, amended=False).events
    return [
        e
        for e in whole
        if (e.kind is EventKind.PHASE_END and e.phase in moved)
        or (e.kind is EventKind.DEADLINE and e.id.split("#")[0] in moved)
        or (e.kind is EventKind.OBLIGATION and e.id in moved)
    ]


def test_the_corpus_has_amendments_of_every_kind() -> None:
    kinds = set()
    for a in AMENDED:
        for am in a.amendments:
            phase_ids = {p.id for p in a.phases}
            target = next((p for p in a.provisions if p.id == am.target), None)
            kinds.add("phase" if am.target in phase_ids else type(target).__name__)
    assert {"phase", "Deadline", "Obligation"} <= kinds, kinds
    assert len(AMENDED) >= 100, len(AMENDED)


def test_original_events_are_those_of_the_whole_original_timeline() -> None:
    compared = 0
    for a in AMENDED:
        moved = {am.target for am in a.amendments}
        try:
            want = _moved_of_whole(a, moved)
        except ct.CeasefireTermsError:
            continue  # the whole timeline fails: nothing to compare with
        assert original_events(a, moved) == want, a.id
        compared += 1
    assert compared >= 100, compared


def test_check_finds_the_same_whether_the_original_is_kept_or_not() -> None:
    """check() on a fresh agreement (only the moved events are resolved) against check() on
    the same agreement whose original timeline was resolved whole and kept first."""
    compared = 0
    for a in AMENDED:
        kept = ct.Agreement.model_validate(a.model_dump())
        try:
            kept.timeline(amended=False)
        except ct.CeasefireTermsError:
            continue
        fresh = ct.Agreement.model_validate(a.model_dump())
        try:
            want = [f.as_dict() for f in ct.check(kept).findings]
        except ct.CeasefireTermsError as exc:
            with pytest.raises(type(exc)):
                ct.check(fresh)
            continue
        assert [f.as_dict() for f in ct.check(fresh).findings] == want, a.id
        compared += 1
    assert compared >= 100, compared


def _with_readings(record: dict[str, Any]) -> dict[str, Any]:
    """``record`` with published dates on everything its amendments move (two readings
    each: a date and a local time, one preferred), so that check() compares them."""
    moved = {am.get("target") for am in record.get("amendments") or [] if isinstance(am, dict)}
    readings = [
        {"date": "2025-03-01", "preferred": True},
        {"date": "2025-02-20T12:00+00:00", "note": "another reading"},
    ]
    out = dict(record)
    out["phases"] = [
        {**ph, "reported_end": readings} if isinstance(ph, dict) and ph.get("id") in moved else ph
        for ph in record.get("phases") or []
    ]
    dated = ("deadline", "obligation")
    out["provisions"] = [
        {**p, "reported": readings}
        if isinstance(p, dict) and p.get("id") in moved and p.get("type") in dated
        else p
        for p in record.get("provisions") or []
    ]
    return out


def test_check_finds_the_same_on_generated_records_with_moved_readings() -> None:
    """The generated records carry no published dates; with readings added to what their
    amendments move, check() must find the same with the original kept or not."""
    compared = warned = 0
    for _, record in resolved.generated():
        if not record.get("amendments"):
            continue
        try:
            kept = ct.parse_agreement(_with_readings(record))
            fresh = ct.parse_agreement(_with_readings(record))
            kept.timeline(amended=False)
            want = [f.as_dict() for f in ct.check(kept).findings]
        except ct.CeasefireTermsError:
            continue
        got = [f.as_dict() for f in ct.check(fresh).findings]
        assert got == want, kept.id
        compared += 1
        warned += any("(as first agreed)" in f["path"] for f in got)
    assert compared >= 100 and warned >= 50, (compared, warned)
