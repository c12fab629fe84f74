"""The fast path with published dates (``reported_end`` on phases, ``reported`` on batches and
deadlines): it vouches for a record only when every reading agrees with the computed date as
``check()`` judges it, and never where the full path finds anything.

Readings are placed from the full path's own timeline: on the computed day, a day either
side, or (for an event at local midnight) the day before, which names the last day covered.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import random
from typing import Any

import pytest
from fast_oracle import assert_sound, full_verdict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ceasefire_terms as ct
from ceasefire_terms.pipeline.fast import clean_id
from ceasefire_terms.pipeline.synthetic import make_record


def line_of(r: dict[str, Any]) -> bytes:
    return json.dumps(r).encode()


def clean_record(seed: int) -> dict[str, Any]:
    """A synthetic record the full path accepts with no finding, without amendments (an
    amended phase's readings are compared with the original timeline, which the fast path
    leaves to the full path)."""
    r = make_record(random.Random(seed), seed)
    r.pop("amendments", None)
    return r


def targets(r: dict[str, Any]) -> list[tuple[list[Any], ct.Event]]:
    """(the list a reading goes into, the computed event it is about), from the full path."""
    t = ct.Agreement.model_validate_json(line_of(r)).timeline()
    out: list[tuple[list[Any], ct.Event]] = []
    for ph in r["phases"]:
        if "length" in ph:
            out.append((ph.setdefault("reported_end", []), t[f"{ph['id']}.end"]))
    for prov in r["provisions"]:
        if prov["type"] == "exchange":
            for i, b in enumerate(prov.get("batches", []), start=1):
                out.append((b.setdefault("reported", []), t[f"{prov['id']}.batch{i}"]))
        elif prov["type"] == "deadline":
            first = f"{prov['id']}#1" if prov.get("every") else prov["id"]
            out.append((prov.setdefault("reported", []), t[first]))
    return out


def reading(event: ct.Event, shift: int, source: str, preferred: bool) -> dict[str, Any]:
    day = event.date + dt.timedelta(days=shift)
    return {"date": day.isoformat(), "sources": [source], "preferred": preferred}


def with_readings(seed: int, shifts: list[int], sources_ok: bool = True) -> dict[str, Any]:
    r = clean_record(seed)
    source = r["sources"][0]["id"] if sources_ok else "s99"
    for k, (into, event) in enumerate(targets(r)):
        into.append(reading(event, shifts[k % len(shifts)], source, k % 3 == 0))
    return r


def test_agreeing_readings_are_vouched_for() -> None:
    vouched = total = 0
    for seed in range(60):
        r = with_readings(seed, [0])
        if full_verdict(line_of(clean_record(seed))) != "clean":
            continue
        total += 1
        assert full_verdict(line_of(r)) == "clean"
        vouched += assert_sound(line_of(r)) is not None
    assert total > 30
    assert vouched == total  # every one of them is served by the fast path


@pytest.mark.parametrize("shift", [-1, 1])
def test_a_reading_a_day_off_is_never_vouched_for(shift: int) -> None:
    for seed in range(40):
        r = with_readings(seed, [0, shift])
        if len(targets(copy.deepcopy(clean_record(seed)))) < 2:
            continue
        assert full_verdict(line_of(r)) == "findings"
        assert assert_sound(line_of(r)) is None


def test_an_unknown_source_on_a_reading_is_not_vouched_for() -> None:
    r = with_readings(3, [0], sources_ok=False)
    assert full_verdict(line_of(r)) == "findings"
    assert clean_id(line_of(r)) is None


def test_the_day_before_a_midnight_end_is_the_same_midnight() -> None:
    # a phase ending at local midnight (elapsed hours are outside the fast path, so the
    # midnight comes from a deadline anchored on a local time of 00:00)
    r = clean_record(5)
    r["effective"] = "2025-01-19 00:00 Asia/Gaza"
    r["zone"] = "Asia/Gaza"
    r["provisions"].append(
        {"type": "deadline", "id": "at-midnight", "label": "x", "due": "agreement.effective"}
    )
    base = full_verdict(line_of(r))
    for day, verdict in (("2025-01-19", "clean"), ("2025-01-18", "clean"), ("2025-01-17", None)):
        changed = copy.deepcopy(r)
        changed["provisions"][-1]["reported"] = [{"date": day}]
        expected = base if verdict == "clean" else "findings"
        assert full_verdict(line_of(changed)) == expected
        got = assert_sound(line_of(changed))
        if expected == "clean":
            assert got == r["id"]


@pytest.mark.parametrize(
    "date",
    ["2025-01", "2025", "2025-01-19T00:00:00+02:00", "2025-01-19 10:00 Asia/Gaza", "19/01/2025"],
)
def test_readings_not_written_as_a_plain_day_go_to_the_full_path(date: str) -> None:
    r = with_readings(7, [0])
    into, _ = targets(r)[0]
    into[-1]["date"] = date
    assert clean_id(line_of(r)) is None
    assert_sound(line_of(r))


def test_readings_on_an_amended_or_open_phase_go_to_the_full_path() -> None:
    r = with_readings(9, [0])
    r["amendments"] = [{"id": "ext", "target": r["phases"][0]["id"], "by": "7 days"}]
    assert clean_id(line_of(r)) is None
    assert_sound(line_of(r))
    r = clean_record(9)
    r["phases"].append(
        {
            "id": "open",
            "start": r["phases"][-1]["id"] + ".end",
            "reported_end": [{"date": "2030-01-01"}],
        }
    )
    assert clean_id(line_of(r)) is None
    assert_sound(line_of(r))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(0, 5_000),
    st.lists(st.sampled_from([0, 0, 0, -1, 1, -400, 365]), min_size=1, max_size=6),
    st.booleans(),
)
def test_fast_path_never_vouches_wrongly_with_readings(
    seed: int, shifts: list[int], sources_ok: bool
) -> None:
    r = with_readings(seed, shifts, sources_ok)
    assert_sound(line_of(r))
