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
            try:
                later = e.date + dt.timedelta(days=400)
            except OverflowError:  # an event in the last 400 days of year 9999
                continue
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


_ODD_IDS = ["p.0", "d.1", "agreement", "agreement.effective", "p0.start", "p0.end", "a0.end",
            "x0.batch1", "o.0"]
_ODD_ANCHORS = ["agreement.nothing", "x0.batch0", "a1.end", "nowhere", "agreement", "p0",
                "p0.start.end"]


def _odd_when(rng: random.Random, events: list[str], defined: int, phases: list[str]) -> Any:
    """A date: a moment, an anchor (mostly one the record defines), or a rule."""
    pick = rng.random()
    roll = rng.random()
    # mostly an event defined before (no cycle), sometimes any event, rarely an odd one
    anchor = rng.choice(events[:defined] if roll < 0.88 else events if roll < 0.97
                        else _ODD_ANCHORS)
    if pick < 0.25:
        return _edge_moment(rng)
    if pick < 0.4:
        return anchor
    if pick < 0.5:
        return {"day": rng.randint(1, 40), "of": rng.choice([*phases, "nope"]),
                **({"roll": "following", "calendar": {"weekend": ["sat", "sun"]}}
                   if rng.random() < 0.3 else {})}
    if pick < 0.55:
        return {"date": "2025-03-28", "time": "02:30", "zone": "Asia/Jerusalem",
                "dst": rng.choice(["earlier", "later"])}
    period = rng.choice([*PERIODS, "6 hours"])
    rule: dict[str, Any] = {"anchor": anchor, rng.choice(["after", "before"]): period}
    if rng.random() < 0.8:
        hours = "hours" in period and rng.random() < 0.8
        rule["counting"] = "elapsed" if hours else rng.choice(COUNTINGS)
    if rng.random() < 0.2:
        rule["month_end"] = rng.choice(["clip", "next_day"])
    if rng.random() < 0.2:
        rule["dst"] = rng.choice(["earlier", "later"])
    return rule


def odd_record(rng: random.Random, n: int) -> dict[str, Any]:
    """A record with odd ids (dots, ids that look like event ids, duplicates), every kind of
    provision, cycles, unknown anchors, chains and amendments of every target, so that what
    the resolver looks up by event id and what it reaches directly stay the same."""

    def new_id(plain: str) -> str:
        return rng.choice(_ODD_IDS) if rng.random() < 0.08 else plain

    phase_ids = [new_id(f"p{i}") for i in range(rng.randint(1, 3))]
    if len(phase_ids) > 1 and rng.random() < 0.1:
        phase_ids[-1] = phase_ids[0]  # a duplicate
    kinds = [rng.choice(["deadline", "obligation", "exchange"]) for _ in range(rng.randint(0, 4))]
    prov_ids = [new_id(f"{k[0]}{j}") for j, k in enumerate(kinds)]
    if len(prov_ids) > 1 and rng.random() < 0.1:
        prov_ids[-1] = prov_ids[0]
    if prov_ids and rng.random() < 0.05:
        prov_ids[0] = phase_ids[0]  # a provision named like a phase
    n_batches = [rng.randint(0, 3) for _ in kinds]
    am_ids = [new_id(f"a{k}") for k in range(rng.randint(0, 3))]
    events = [f"agreement.{e}" for e in ("announced", "signed", "effective_scheduled",
                                          "effective")]
    events += [f"{p}.{e}" for p in phase_ids for e in ("start", "end")]
    events += [i for i, k in zip(prov_ids, kinds, strict=True) if k != "exchange"]
    events += [f"{i}.batch{b + 1}" for i, k, nb in zip(prov_ids, kinds, n_batches, strict=True)
               if k == "exchange" for b in range(nb)]
    events += [f"{a}.end" for a in am_ids]

    defined = 4  # the agreement's own events
    phases: list[dict[str, Any]] = []
    for ph_id in phase_ids:
        ph: dict[str, Any] = {"id": ph_id, "name": rng.choice([None, "Phase"]),
                              "counting": rng.choice([*COUNTINGS, None])}
        if rng.random() < 0.93:
            ph["start"] = _odd_when(rng, events, defined, phase_ids)
        shape = rng.random()
        if shape < 0.55 and ph["counting"] is not None:
            ph["length"] = rng.choice(PERIODS)
        elif shape < 0.9:
            ph["end"] = _odd_when(rng, events, defined, phase_ids)
        if rng.random() < 0.2:
            ph["month_end"] = rng.choice(["clip", "next_day"])
        if rng.random() < 0.2:
            ph["dst"] = rng.choice(["earlier", "later"])
        if rng.random() < 0.2:
            ph["auto_renewal"] = {"period": rng.choice(PERIODS),
                                  "max_renewals": rng.choice([None, 1, 2])}
        phases.append({k: v for k, v in ph.items() if v is not None})
        defined += 2
    provisions: list[dict[str, Any]] = []
    for j, (kind, prov_id) in enumerate(zip(kinds, prov_ids, strict=True)):
        phase = rng.choice([None, phase_ids[0], "nope"])
        if kind == "deadline":
            d: dict[str, Any] = {"type": "deadline", "id": prov_id, "label": f"D{j}",
                                 "due": _odd_when(rng, events, defined, phase_ids), "phase": phase,
                                 "relation": rng.choice(["on", "no_later_than", "not_before"])}
            if rng.random() < 0.3:
                d["every"] = rng.choice(["1 day", "1 week", "1 month", "6 hours"])
                d["count"] = rng.randint(1, 4)  # (with 'until' too: a few occurrences)
                if rng.random() < 0.5:
                    d["until"] = rng.choice(events)
            provisions.append({k: v for k, v in d.items() if v is not None})
        elif kind == "obligation":
            o: dict[str, Any] = {"type": "obligation", "id": prov_id,
                                 "party": rng.choice(["gov", "front", "unknown"]),
                                 "action": "withdraws", "phase": phase}
            if rng.random() < 0.85:
                o["due"] = _odd_when(rng, events, defined, phase_ids)
            provisions.append({k: v for k, v in o.items() if v is not None})
        else:
            batches = [{"due": _odd_when(rng, events, defined, phase_ids),
                        **({"quantity": 3} if rng.random() < 0.5 else {})}
                       for _ in range(n_batches[j])]
            x: dict[str, Any] = {"type": "exchange", "id": prov_id,
                                 "releasing": rng.choice(["gov", "front"]),
                                 "released": "detainees", "phase": phase, "batches": batches}
            provisions.append({k: v for k, v in x.items() if v is not None})
        defined = len(events)  # (roughly: provisions then refer to any of them)
    targets = phase_ids + [i for i, k in zip(prov_ids, kinds, strict=True) if k != "exchange"]
    amendments: list[dict[str, Any]] = []
    for am_id in am_ids:
        am: dict[str, Any] = {"id": am_id,
                              "target": rng.choice(targets if rng.random() < 0.9 else
                                                   ["nope", "agreement", *prov_ids]),
                              "kind": rng.choice(["extend", "renew", "terminate"])}
        if am["kind"] == "terminate" or rng.random() < 0.4:
            am["to"] = _edge_moment(rng)
            am["boundary"] = rng.choice(["end_of_day", "start_of_day", "unstated"])
        else:
            am["by"] = rng.choice(PERIODS)
            if rng.random() < 0.7:
                am["counting"] = rng.choice(COUNTINGS)
        if rng.random() < 0.4:
            am["made"] = _edge_moment(rng)
        amendments.append(am)
    record: dict[str, Any] = {
        "id": f"odd-{n}", "title": "Odd", "zone": rng.choice(ZONES),
        "parties": [{"id": "gov", "name": "Government"}, {"id": "front", "name": "Front"}],
        "phases": phases, "provisions": provisions, "amendments": amendments}
    for name in ("announced", "signed", "effective_scheduled", "effective"):
        if rng.random() < 0.7:
            record[name] = _edge_moment(rng)
    return record


def chain_record(length: int, *, loop: bool = False) -> dict[str, Any]:
    """Deadlines each one day after the next: longer than the resolver follows, or a loop."""
    provisions = [{"type": "deadline", "id": f"c{i}", "label": f"C{i}",
                   "due": {"anchor": f"c{i + 1}" if i + 1 < length else
                           ("c0" if loop else "agreement.effective"),
                           "after": "1 day", "counting": "following"}}
                  for i in range(length)]
    return {"id": f"chain-{length}{'-loop' if loop else ''}", "title": "Chain", "zone": "UTC",
            "effective": "2025-01-01", "provisions": provisions}


def generated() -> list[tuple[str, dict[str, Any]]]:
    """The generated records: 120 synthetic ones, 400 with edge dates, 400 with odd ids and
    structures, and chains (fixed seeds)."""
    rng = random.Random(14)
    out = [(f"synthetic-{n}", make_record(rng, n)) for n in range(120)]
    rng = random.Random(1414)
    out += [(f"edge-{n}", edge_record(rng, n)) for n in range(400)]
    rng = random.Random(141414)
    out += [(f"odd-{n}", odd_record(rng, n)) for n in range(400)]
    out += [(f"chain-{k}", chain_record(k)) for k in (3, 99, 100, 101, 150)]
    out += [(f"chain-loop-{k}", chain_record(k, loop=True)) for k in (1, 4, 120)]
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
