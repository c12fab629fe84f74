"""Any generated agreement round-trips through JSON and YAML unchanged."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ceasefire_terms as ct
from ceasefire_terms.io import read_yaml

ids = st.from_regex(r"[a-z][a-z0-9\-]{0,8}", fullmatch=True)
zones = st.sampled_from(
    ["Asia/Jerusalem", "Asia/Beirut", "Europe/Istanbul", "UTC", "America/New_York", "Pacific/Apia"]
)
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))
texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=20)


@st.composite
def moments(draw: st.DrawFn) -> str | dict[str, str]:
    d = draw(dates)
    kind = draw(st.sampled_from(["date", "month", "local", "aware", "local-dst"]))
    if kind == "local-dst":  # a local time with its DST reading stated: written as a mapping
        hh, mm = draw(st.integers(0, 23)), draw(st.integers(0, 59))
        return {
            "date": d.isoformat(),
            "time": f"{hh:02d}:{mm:02d}",
            "zone": draw(zones),
            "dst": draw(st.sampled_from(["earlier", "later"])),
        }
    if kind == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if kind == "date":
        return d.isoformat()
    hh, mm = draw(st.integers(0, 23)), draw(st.integers(0, 59))
    if kind == "local":
        return f"{d.isoformat()} {hh:02d}:{mm:02d} {draw(zones)}"
    off = draw(st.integers(-12, 14))
    return f"{d.isoformat()}T{hh:02d}:{mm:02d}:00{'+' if off >= 0 else '-'}{abs(off):02d}:00"


quantities = st.one_of(
    st.integers(0, 10**6),
    st.builds(
        lambda h, n: f"{h} {n:,}",
        st.sampled_from(["approximately", "up to", "at least", "nearly", "more than"]),
        st.integers(1, 10**6),
    ),
    st.builds(
        lambda a, b: f"between {a:,} and {a + b:,}", st.integers(0, 10**5), st.integers(0, 10**5)
    ),
)
periods = st.builds(
    lambda n, u: f"{n} {u}",
    st.integers(1, 400),
    st.sampled_from(["days", "weeks", "months", "hours"]),
)


@st.composite
def agreements(draw: st.DrawFn) -> dict[str, Any]:
    phase_ids = draw(st.lists(ids, min_size=0, max_size=4, unique=True))
    phases = []
    for i, pid in enumerate(phase_ids):
        start: Any = draw(moments()) if i == 0 else f"{phase_ids[i - 1]}.end"
        phases.append(
            {
                "id": pid,
                "ordinal": i + 1,
                "name": draw(texts),
                "start": start,
                "length": draw(periods),
                "counting": draw(st.sampled_from(["ordinal", "elapsed", "following"])),
            }
        )
    prov_ids = draw(st.lists(ids.map(lambda s: "x" + s), max_size=3, unique=True))
    provisions: list[dict[str, Any]] = []
    for j, xid in enumerate(prov_ids):
        kind = j % 3
        if kind == 0:
            provisions.append(
                {
                    "type": "exchange",
                    "id": xid,
                    "releasing": "a",
                    "released": draw(texts),
                    "quantity": draw(quantities),
                }
            )
        elif kind == 1:
            provisions.append(
                {
                    "type": "obligation",
                    "id": xid,
                    "party": "a",
                    "action": "x",
                    "rate": {"quantity": draw(quantities), "per": "1 day"},
                }
            )
        else:
            provisions.append(
                {
                    "type": "deadline",
                    "id": xid,
                    "label": draw(texts),
                    "due": {
                        "anchor": "agreement.effective",
                        "after": draw(periods),
                        "counting": "elapsed",
                    },
                }
            )
    return {
        "id": draw(ids),
        "title": draw(texts),
        "zone": draw(zones),
        "parties": [{"id": "a", "name": draw(texts), "aliases": draw(st.lists(texts, max_size=2))}],
        "effective": draw(st.none() | moments()),
        "signed": draw(st.none() | moments()),
        "phases": phases,
        "provisions": provisions,
        "sources": [
            {
                "id": "s",
                "publisher": draw(texts),
                "published": draw(dates).isoformat(),
                "quote": draw(texts),
            }
        ],
    }


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(agreements())
def test_agreements_round_trip_through_json_and_yaml(data: dict[str, Any]) -> None:
    a = ct.parse_agreement(data)
    assert ct.parse_agreement(ct.dump_agreement(a, fmt="json")) == a
    assert ct.parse_agreement(read_yaml(ct.dump_agreement(a, fmt="yaml"))) == a
    assert ct.Agreement.model_validate_json(a.model_dump_json()) == a
