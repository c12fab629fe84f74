"""Printing a status, a timeline, an event or a phase status gives a few useful lines, not the
whole pydantic dump (issue #15: `print(agreement.status_on(...))` printed several KB)."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from typing import Any

import pytest

import ceasefire_terms as ct

AGREEMENTS = resources.files("ceasefire_terms") / "data" / "agreements"
BUNDLED = sorted(p.name for p in AGREEMENTS.iterdir() if p.name.endswith(".yaml"))


def _load(name: str) -> ct.Agreement:
    with resources.as_file(AGREEMENTS / name) as path:
        return ct.load_agreement(path)


def test_gaza_status_names_the_phase_day_and_what_is_due() -> None:
    gaza = _load("gaza-2025.yaml")
    on = dt.date(2025, 1, 25)  # phase 1 began on 19 January 2025 (day 1)
    st = gaza.status_on(on)
    text = str(st)
    lines = text.splitlines()
    assert lines[0] == "Status on 2025-01-25"
    phase = st.active[0]
    length = gaza.day_of("phase-1", gaza.timeline()["phase-1.end"].date)
    assert phase.day == gaza.day_of("phase-1", on) == 7
    assert f"  active: phase-1 (Phase 1): day 7 of {length}, ends " in text
    assert f"  due: {', '.join(e.id for e in st.due)}" in lines
    assert f"  next: {st.upcoming[0].date.isoformat()} {st.upcoming[0].id}" in text
    # everything is still in the fields: the JSON form is many times longer
    assert len(text) * 5 < len(json.dumps(st.as_dict()))


@pytest.mark.parametrize("name", BUNDLED)
def test_every_bundled_status_prints_in_a_few_short_lines(name: str) -> None:
    a = _load(name)
    t = a.timeline()
    for event in t.events:
        st = a.status_on(event.date)
        text = str(st)
        lines = text.splitlines()
        assert len(lines) <= 4 + len(st.active) + len(st.undetermined), text
        assert all(len(line) < 160 for line in lines), text
        for p in st.active:
            assert f"{p.phase}" in text and f"day {p.day}" in text
        r = repr(st)
        assert "\n" not in r and len(r) < 200
        assert f"active={[p.phase for p in st.active]}" in r


def test_what_could_not_be_dated_is_in_the_text_not_dropped() -> None:
    a = ct.parse_agreement(
        {
            "id": "t",
            "title": "Test",
            "zone": "Asia/Jerusalem",
            "signed": "2025-02",
            "phases": [
                {
                    "id": "p1",
                    "start": "2025-01-19",
                    "end": {"anchor": "agreement.signed", "after": "30 days"},
                    "counting": "ordinal",
                },
            ],
        }
    )
    st = a.status_on("2025-02-10")
    text = str(st)
    assert "active: nothing" not in text  # unknown is not "nothing"
    assert "  begun, end not dated: p1: day 23, end not dated" in text.splitlines()
    not_dated = next(line for line in text.splitlines() if line.startswith("  not dated: "))
    assert all(u.id in not_dated for u in st.unresolved[:4])


def test_nothing_active_on_a_fully_dated_agreement_says_nothing() -> None:
    a = ct.parse_agreement(
        {
            "id": "t",
            "title": "T",
            "zone": "UTC",
            "phases": [
                {"id": "p", "start": "2025-01-19", "length": "3 days", "counting": "ordinal"}
            ],
        }
    )
    assert str(a.status_on("2025-03-01")).splitlines() == [
        "Status on 2025-03-01",
        "  active: nothing",
    ]


def test_timeline_event_and_phase_status_print_short() -> None:
    gaza = _load("gaza-2025.yaml")
    t = gaza.timeline()
    lines = str(t).splitlines()
    assert lines[0] == "gaza-2025 (Asia/Jerusalem)"
    assert lines[1:] == [f"  {e}" for e in t.events]
    end = t["phase-1.end"]
    assert repr(end) == f"Event('phase-1.end', {end.date.isoformat()}, end of day)"
    phase: Any = gaza.status_on("2025-01-25").active[0]
    assert repr(phase) == f"PhaseStatus({str(phase)!r})" and "\n" not in repr(phase)
    original = gaza.timeline(amended=False)
    assert str(original).splitlines()[0] == "gaza-2025 (Asia/Jerusalem, as first agreed)"
