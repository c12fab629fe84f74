"""The full resolved output of the date engine, for ``tests/test_resolved_snapshot.py``.

Regenerate with ``python tests/snapshots/resolved.py`` and review the diff: a changed line is a
changed date, instant, trace, finding or error message.

For every bundled agreement, and for a fixed set of generated records (those of
``pipeline/synthetic.py`` and records with edge dates, DST changes, every counting, month ends
and renewals, drawn from a seeded generator), this renders:

- ``timeline()`` with and without amendments, and with 2 projected renewals: every field of
  every event (``model_dump``, with the zone of ``at`` and its UTC instant), what could not
  be dated, or the error raised (its type and message);
- ``status_on`` each event's date and instant, and 400 days later, with and without the
  kept timeline (as digests: a status repeats the events);
- ``check()``: every finding.

Bundled agreements are written out in full (``resolved_bundled.json``); the generated records,
of which there are hundreds, as one SHA-256 digest each (``resolved_generated.json``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
from pathlib import Path
from typing import Any

import ceasefire_terms as ct
from ceasefire_terms import examples
from ceasefire_terms.pipeline.synthetic import make_record

HERE = Path(__file__).resolve().parent
BUNDLED = HERE / "resolved_bundled.json"
GENERATED = HERE / "resolved_generated.json"

ZONES = ["Asia/Jerusalem", "Europe/Kyiv", "America/Santiago", "Australia/Lord_Howe",
         "Pacific/Apia", "Asia/Gaza", "UTC", "America/New_York"]
PERIODS = ["1 day", "3 days", "1 month", "1 year", "2 weeks", "72 hours", "30 hours",
           "120 days", "6 months", "1 month 3 days"]
COUNTINGS = [c.value for c in ct.Counting]


def _event(e: ct.Event) -> dict[str, Any]:
    out = e.model_dump(mode="json")
    out["at_zone"] = None if e.at is None else str(e.at.tzinfo)
    out["at_utc"] = None if e.at_utc is None else e.at_utc.isoformat()
    out["repr"] = repr(e)
    out["str"] = str(e)
    return out


def _error(exc: Exception) -> dict[str, Any]:
    return {"error": type(exc).__name__, "message": str(exc)}


def _timeline(a: ct.Agreement, **kw: Any) -> dict[str, Any]:
    try:
        t = a.timeline(**kw)
    except ct.CeasefireTermsError as exc:
        return _error(exc)
    return {
        "events": [_event(e) for e in t.events],
        "unresolved": [u.model_dump() for u in t.unresolved],
        "str": str(t),
    }


def _status(a: ct.Agreement, on: Any) -> str:
    """The status on a date or at an instant, as a digest (it repeats the events)."""
    try:
        rendered: Any = a.status_on(on).as_dict()
    except ct.CeasefireTermsError as exc:
        rendered = _error(exc)
    return _digest(rendered)


def _digest(rendered: Any) -> str:
    text = json.dumps(rendered, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def render(a: ct.Agreement) -> dict[str, Any]:
    """Everything the engine computes for one agreement (see the module's docstring)."""
    out: dict[str, Any] = {
        "amended": _timeline(a),
        "original": _timeline(a, amended=False),
        "renewals": _timeline(a, renewals=2),
        "check": [f.as_dict() for f in ct.check(a).findings],
    }
    try:
        events = a.timeline().events
    except ct.CeasefireTermsError:
        events = ()
    status = {}
    for e in events:
        status[e.date.isoformat()] = _status(a, e.date)
        if e.at is not None:
            status[e.at.isoformat()] = _status(a, e.at)
            later = e.date + dt.timedelta(days=400)
            status[later.isoformat()] = _status(a, later)
    out["status"] = status
    # the same, from a fresh copy that has no kept timeline
    fresh = ct.Agreement.model_validate(a.model_dump())
    out["status_fresh_equal"] = all(_status(fresh, k) == v for k, v in status.items())
    return out


def _edge_moment(rng: random.Random) -> str:
    pick = rng.random()
    if pick < 0.3:
        d = dt.date(rng.randint(1990, 2040), rng.randint(1, 12), rng.randint(1, 28))
        return d.isoformat()
    if pick < 0.8:
        d = dt.date(rng.randint(1990, 2040), rng.randint(1, 12), rng.randint(1, 28))
        z = rng.choice(ZONES)
        return f"{d} {rng.randint(0, 23):02d}:{rng.choice([0, 15, 30, 45]):02d} {z}"
    return rng.choice(["2025-03-28 02:30 Asia/Jerusalem", "2011-12-30 12:00 Pacific/Apia",
                       "2025-01-31", "2024-02-29", "9999-12-31", "0001-01-01", "2025-01",
                       "2025-01-19T11:15+02:00", "2024-10-27 02:30 Europe/Kyiv",
                       "2025-10-24 23:30 Asia/Jerusalem"])


def edge_record(rng: random.Random, n: int) -> dict[str, Any]:
    """A record with edge dates and every convention (valid or not: errors are rendered)."""
    phases: list[dict[str, Any]] = []
    for i in range(rng.randint(1, 3)):
        start: Any = rng.choice([_edge_moment(rng), "agreement.effective",
                                 f"p{i - 1}.end" if i else "agreement.signed"])
        if rng.random() < 0.2:
            start = {"anchor": "agreement.effective", "after": rng.choice(PERIODS),
                     "counting": rng.choice(COUNTINGS)}
        ph: dict[str, Any] = {"id": f"p{i}", "name": f"Phase {i}", "start": start,
                              "counting": rng.choice(COUNTINGS)}
        if rng.random() < 0.15:
            ph["end"] = _edge_moment(rng)
        else:
            ph["length"] = rng.choice(PERIODS)
        if rng.random() < 0.4:
            ph["month_end"] = rng.choice(["clip", "next_day"])
        if rng.random() < 0.4:
            ph["dst"] = rng.choice(["earlier", "later"])
        if rng.random() < 0.3:
            ph["auto_renewal"] = {"period": rng.choice(PERIODS)}
        if rng.random() < 0.2:
            ph["roll"] = rng.choice(["following", "preceding", "modified_following"])
            ph["calendar"] = {"weekend": rng.choice([["fri", "sat"], ["sat", "sun"]])}
        phases.append(ph)
    provisions: list[dict[str, Any]] = []
    for j in range(rng.randint(0, 3)):
        due: Any = {"anchor": rng.choice(["agreement.effective", "p0.start", "p0.end",
                                          "agreement.signed"]),
                    "after": rng.choice(PERIODS), "counting": rng.choice(COUNTINGS)}
        if rng.random() < 0.2:
            due = {"day": rng.randint(1, 60), "of": "p0"}
        if rng.random() < 0.15:
            due = {"anchor": "p0.end"}
        d: dict[str, Any] = {"type": "deadline", "id": f"d{j}", "label": f"D{j}", "due": due,
                             "phase": rng.choice([None, "p0"])}
        if rng.random() < 0.4:
            d["every"] = rng.choice(PERIODS)
            if rng.random() < 0.7:
                d["count"] = rng.randint(1, 5)
            else:
                d["until"] = "p0.end"
        provisions.append({k: v for k, v in d.items() if v is not None})
    amendments: list[dict[str, Any]] = []
    for k in range(rng.randint(0, 2)):
        am: dict[str, Any] = {"id": f"a{k}", "target": rng.choice(["p0", "d0"])}
        if rng.random() < 0.7:
            am["by"] = rng.choice(PERIODS)
            am["counting"] = rng.choice(COUNTINGS)
        else:
            am["to"] = _edge_moment(rng)
            am["boundary"] = rng.choice(["end_of_day", "start_of_day", "unstated"])
        if rng.random() < 0.3:
            am["made"] = _edge_moment(rng)
        amendments.append(am)
    return {"id": f"edge-{n}", "title": "Edge", "zone": rng.choice(ZONES),
            "signed": _edge_moment(rng), "effective": _edge_moment(rng),
            "phases": phases, "provisions": provisions, "amendments": amendments}


def generated() -> list[tuple[str, dict[str, Any]]]:
    """The generated records: 120 synthetic ones and 400 with edge dates (fixed seeds)."""
    rng = random.Random(14)
    out = [(f"synthetic-{n}", make_record(rng, n)) for n in range(120)]
    rng = random.Random(1414)
    out += [(f"edge-{n}", edge_record(rng, n)) for n in range(400)]
    return out


def digest(record: dict[str, Any]) -> str:
    """The SHA-256 of everything rendered for a record (or of its rejection)."""
    try:
        a = ct.parse_agreement(record)
    except ct.CeasefireTermsError as exc:
        rendered: Any = _error(exc)
    else:
        rendered = render(a)
    return _digest(rendered)


def render_bundled() -> str:
    rendered = {name: render(examples.load(name)) for name in examples.names()}
    return json.dumps(rendered, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def render_generated() -> str:
    digests = {name: digest(record) for name, record in generated()}
    return json.dumps(digests, indent=1) + "\n"


def main() -> None:
    BUNDLED.write_text(render_bundled(), encoding="utf-8")
    GENERATED.write_text(render_generated(), encoding="utf-8")


if __name__ == "__main__":
    main()
