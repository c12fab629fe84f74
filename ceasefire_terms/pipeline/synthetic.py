"""Synthetic agreement records for benchmarks and tests (stdlib only, deterministic).

Each record looks like a real one: parties and mediators, 1 to 4 phases with a stated
counting convention, exchanges with hedged quantities, ratio rules and dated batches, rate
obligations with parts, deadlines (some recurring), amendments and cited sources. About
``invalid_rate`` of the lines are broken, in varied ways (see :data:`CORRUPTIONS`): some
break the JSON, some break a field, some pass the field checks and fail the cross-field
checks.

>>> lines = list(jsonl_lines(3, seed=1, invalid_rate=0.0))
>>> import ceasefire_terms as ct
>>> [ct.check(ct.Agreement.model_validate_json(x)).ok for x in lines]
[True, True, True]
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["CORRUPTIONS", "corrupt", "jsonl_lines", "make_record"]

_ZONES = [
    "Asia/Jerusalem",
    "Asia/Gaza",
    "Europe/Kyiv",
    "Europe/Moscow",
    "Asia/Beirut",
    "Africa/Khartoum",
    "Asia/Yangon",
    "America/Bogota",
    "Asia/Aden",
    "Africa/Addis_Ababa",
    "Asia/Baku",
    "Europe/Istanbul",
]
_PARTIES = [
    "Government",
    "Armed Forces",
    "Liberation Front",
    "National Army",
    "Popular Movement",
    "Rebel Alliance",
    "Militia Council",
    "Federal Authority",
]
_MEDIATORS = ["Egypt", "Qatar", "United States", "Norway", "Turkey", "African Union", "UN"]
_PUBLISHERS = ["Reuters", "AFP", "AP", "Al Jazeera", "BBC", "DW", "The Guardian", "Xinhua"]
_HEDGES = ["approximately", "about", "some", "nearly", "at least", "up to", "around"]
_COUNTINGS = ["ordinal", "following"]
_GROUPS = ["prisoners", "detainees", "captives", "hostages", "fighters"]


def make_record(rng: random.Random, n: int) -> dict[str, Any]:
    """One valid agreement record as a JSON-ready mapping (``n`` makes the id unique)."""
    zone = rng.choice(_ZONES)
    year = rng.randint(1995, 2025)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    # 06:00-20:59: clear of the small hours in which DST changes make a local time ambiguous
    hour, minute = rng.randint(6, 20), rng.choice([0, 15, 30, 45])
    effective = f"{year:04d}-{month:02d}-{day:02d} {hour:02d}:{minute:02d} {zone}"
    announced = f"{year:04d}-{month:02d}-{max(1, day - rng.randint(0, 5)):02d}"

    parties = rng.sample(_PARTIES, 2)
    mediators = rng.sample(_MEDIATORS, rng.randint(1, 3))
    party_ids = [f"p{i}" for i in range(len(parties))]
    record_parties = [
        {"id": pid, "name": name} for pid, name in zip(party_ids, parties, strict=True)
    ]
    record_parties += [
        {"id": f"m{i}", "name": name, "role": "mediator"} for i, name in enumerate(mediators)
    ]

    sources = []
    for i in range(rng.randint(1, 4)):
        sources.append(
            {
                "id": f"s{i}",
                "publisher": rng.choice(_PUBLISHERS),
                "published": f"{year:04d}-{month:02d}-{day:02d}",
                "url": f"https://news.example.org/{year}/{n}/{i}",
                "quote": "the parties agreed to a phased ceasefire and an exchange",
            }
        )
    source_ids = [s["id"] for s in sources]

    n_phases = rng.randint(1, 4)
    phases = []
    lengths = []
    for k in range(n_phases):
        length = rng.choice([7, 14, 21, 30, 42, 60])
        lengths.append(length)
        phase: dict[str, Any] = {
            "id": f"phase-{k + 1}",
            "ordinal": k + 1,
            "name": f"Phase {k + 1}",
            "start": "agreement.effective" if k == 0 else f"phase-{k}.end",
            "length": f"{length} days",
            "counting": rng.choice(_COUNTINGS),
            "sources": [rng.choice(source_ids)],
        }
        phases.append(phase)

    provisions: list[dict[str, Any]] = []
    first_len = lengths[0]
    give = rng.randint(3, 60)
    provisions.append(
        {
            "type": "exchange",
            "id": "x-a",
            "phase": "phase-1",
            "releasing": party_ids[1],
            "released": rng.choice(_GROUPS),
            "quantity": give,
            "batches": [
                {"due": {"day": d, "of": "phase-1"}, "quantity": 1}
                for d in sorted(rng.sample(range(1, first_len + 1), min(3, give)))
            ],
            "sources": [rng.choice(source_ids)],
        }
    )
    rate = rng.choice([10, 20, 30, 50])
    total = give * rate
    provisions.append(
        {
            "type": "exchange",
            "id": "x-b",
            "phase": "phase-1",
            "releasing": party_ids[0],
            "released": rng.choice(_GROUPS),
            "quantity": f"{rng.choice(_HEDGES[:3])} {total:,}",
            "counterpart": "x-a",
            "ratio_rules": [{"rate": rate, "per": "person released", "sources": source_ids[:1]}],
            "readings": [
                {"quantity": total, "preferred": True, "sources": source_ids[:1]},
                {"quantity": total + rng.randint(1, 5), "sources": source_ids[-1:]},
            ],
        }
    )
    trucks = rng.choice([100, 200, 300, 600])
    fuel = rng.randint(10, trucks // 4)
    provisions.append(
        {
            "type": "obligation",
            "id": "aid",
            "phase": "phase-1",
            "party": party_ids[0],
            "action": "allow aid convoys through the crossings",
            "rate": {
                "quantity": f"{trucks} trucks",
                "per": "1 day",
                "parts": [{"label": "fuel", "quantity": fuel}],
            },
            "sources": [rng.choice(source_ids)],
        }
    )
    deadline: dict[str, Any] = {
        "type": "deadline",
        "id": "talks",
        "phase": "phase-1",
        "label": "next-phase talks begin",
        "due": {"day": rng.randint(1, first_len), "of": "phase-1"},
        "relation": "no_later_than",
    }
    provisions.append(deadline)
    if rng.random() < 0.5:
        provisions.append(
            {
                "type": "deadline",
                "id": "review",
                "label": "joint review meeting",
                "due": {
                    "anchor": "agreement.effective",
                    "after": "7 days",
                    "counting": "following",
                },
                "every": "7 days",
                "count": rng.randint(2, 6),
            }
        )
    amendments = []
    if rng.random() < 0.3:
        amendments.append(
            {
                "id": "ext-1",
                "kind": "extend",
                "target": f"phase-{n_phases}",
                "by": f"{rng.choice([7, 14, 30])} days",
                "sources": [rng.choice(source_ids)],
            }
        )
    return {
        "id": f"agr-{n}",
        "title": f"Ceasefire between {parties[0]} and {parties[1]} ({year})",
        "zone": zone,
        "parties": record_parties,
        "announced": announced,
        "effective": effective,
        "phases": phases,
        "provisions": provisions,
        "amendments": amendments,
        "sources": sources,
        "written": True,
    }


def _unknown_field(r: dict[str, Any], rng: random.Random) -> str:
    r["colour"] = "blue"
    return json.dumps(r)


def _bad_zone(r: dict[str, Any], rng: random.Random) -> str:
    r["zone"] = "Mars/Olympus_Mons"
    return json.dumps(r)


def _naive_datetime(r: dict[str, Any], rng: random.Random) -> str:
    r["effective"] = "2024-11-27T04:00"
    return json.dumps(r)


def _invalid_date(r: dict[str, Any], rng: random.Random) -> str:
    r["announced"] = "2023-02-30"
    return json.dumps(r)


def _wrong_type(r: dict[str, Any], rng: random.Random) -> str:
    r["phases"][0]["length"] = ["42 days"]
    return json.dumps(r)


def _unknown_party(r: dict[str, Any], rng: random.Random) -> str:
    r["provisions"][2]["party"] = "nobody"
    return json.dumps(r)


def _truncated(r: dict[str, Any], rng: random.Random) -> str:
    text = json.dumps(r)
    return text[: rng.randint(10, len(text) - 10)]


def _missing_counting(r: dict[str, Any], rng: random.Random) -> str:
    del r["phases"][0]["counting"]
    return json.dumps(r)


CORRUPTIONS: dict[str, Callable[[dict[str, Any], random.Random], str]] = {
    "unknown-field": _unknown_field,
    "bad-zone": _bad_zone,
    "naive-datetime": _naive_datetime,
    "invalid-date": _invalid_date,
    "wrong-type": _wrong_type,
    "unknown-party": _unknown_party,
    "truncated-json": _truncated,
    "missing-counting": _missing_counting,
}
"""Ways a synthetic line is broken: each takes a valid record and returns a bad JSON line."""


def corrupt(record: dict[str, Any], rng: random.Random) -> str:
    """A broken JSON line made from a valid record, broken in a randomly chosen way."""
    kind = rng.choice(sorted(CORRUPTIONS))
    return CORRUPTIONS[kind](record, rng)


def jsonl_lines(n: int, *, seed: int = 0, invalid_rate: float = 0.02) -> Iterator[str]:
    """``n`` JSON lines (without newlines), about ``invalid_rate`` of them broken."""
    rng = random.Random(seed)
    for i in range(n):
        record = make_record(rng, i)
        if rng.random() < invalid_rate:
            yield corrupt(record, rng)
        else:
            yield json.dumps(record, separators=(",", ":"))
