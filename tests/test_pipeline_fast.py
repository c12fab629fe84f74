"""The fast path never changes a verdict: when it says "clean", the full path (the model and
check()) accepts the record with no finding at all; and the bulk outcomes are the same with
and without it."""

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
from ceasefire_terms.examples import load, names
from ceasefire_terms.pipeline import records
from ceasefire_terms.pipeline.fast import clean_id
from ceasefire_terms.pipeline.synthetic import jsonl_lines, make_record


def base_record(seed: int = 7) -> dict[str, Any]:
    return make_record(random.Random(seed), seed)


def line_of(record: dict[str, Any]) -> bytes:
    return json.dumps(record).encode()


# -- on real and synthetic records -------------------------------------------------------------


def test_sound_and_useful_on_synthetic_records() -> None:
    lines = [x.encode() for x in jsonl_lines(600, seed=11, invalid_rate=0.2)]
    fast = [assert_sound(x) for x in lines]
    clean = [x for x in lines if full_verdict(x) == "clean"]
    # the fast path must actually serve the common shape, not fall back every time
    assert sum(f is not None for f in fast) >= 0.95 * len(clean)
    assert len(clean) > 400


@pytest.mark.parametrize("name", names())
def test_sound_on_bundled_agreements(name: str) -> None:
    line = load(name).model_dump_json(exclude_defaults=True).encode()
    assert_sound(line)


def test_amended_record_is_dated_like_the_full_path() -> None:
    r = base_record()
    r["amendments"] = [{"id": "ext", "target": r["phases"][-1]["id"], "by": "7 days"}]
    assert assert_sound(line_of(r)) == r["id"]
    # a deadline inside the extension only: clean if and only if the amendment is counted
    last = r["phases"][-1]["id"]
    a = ct.Agreement.model_validate_json(line_of(r))
    end = a.timeline()[f"{last}.end"].date
    r["provisions"].append(
        {
            "type": "deadline",
            "id": "late",
            "phase": last,
            "label": "late",
            "due": {
                "anchor": f"{last}.start",
                "after": f"{(end - a.timeline()[f'{last}.start'].date).days} days",
                "counting": "following",
            },
        }
    )
    assert full_verdict(line_of(r)) == "clean"
    assert assert_sound(line_of(r)) == r["id"]
    r["amendments"] = []
    assert full_verdict(line_of(r)) == "findings"
    assert clean_id(line_of(r)) is None


@pytest.mark.parametrize(
    ("change", "verdict"),
    [
        # outside the subset, but valid: the full path decides (and accepts)
        (lambda r: r["phases"][0].update(counting="elapsed"), "clean"),
        (lambda r: r["phases"][0].update(length="1 month"), None),
        (lambda r: r.update(effective="2025-01-19T11:15:00+02:00"), None),
        # invalid or with findings: the fast path must not vouch for it
        (lambda r: r["phases"][0].update(length="0 days"), "invalid"),
        (lambda r: r["phases"][0].pop("counting"), "invalid"),
        (lambda r: r.update(zone="Mars/Base"), "invalid"),
        (lambda r: r.update(announced="2999-01-01"), "findings"),
        (lambda r: r["parties"].append(dict(r["parties"][0])), "findings"),
        (lambda r: r["provisions"][0].update(releasing="nobody"), "findings"),
        (lambda r: r["provisions"][0].update(sources=["s99"]), "findings"),
        (lambda r: r["phases"][0].update(sources=["s99"]), "findings"),
        (
            lambda r: r["provisions"][0]["batches"][0].update(due={"day": 999, "of": "phase-1"}),
            "findings",
        ),
        (
            lambda r: r["provisions"][0].update(
                quantity=1, batches=[{"due": {"day": 1, "of": "phase-1"}, "quantity": 5}]
            ),
            "findings",
        ),
        (
            lambda r: r.update(effective="2021-03-28 03:30 Europe/Kyiv", zone="Europe/Kyiv"),
            "findings",
        ),
        (lambda r: r["phases"][0].update(start="phase-1.end"), "findings"),
        (lambda r: r["phases"][0].update(id="agreement"), "findings"),
        # a string starting with four digits is a date to the model, even if it names an event
        (
            lambda r: r["phases"].extend(
                [
                    {
                        "id": "2025p",
                        "start": r["phases"][-1]["id"] + ".end",
                        "length": "1 day",
                        "counting": "ordinal",
                    },
                    {"id": "after", "start": "2025p.end", "length": "1 day", "counting": "ordinal"},
                ]
            ),
            "invalid",
        ),
        (
            lambda r: (
                r["provisions"].append(
                    {"type": "deadline", "id": "d9", "label": "x", "due": "2025p.start"}
                )
                or r["phases"].append({"id": "2025p", "start": r["phases"][-1]["id"] + ".end"})
            ),
            "invalid",
        ),
        # a phase with no length (no end) that begins inside the one before it
        (lambda r: r["phases"].append({"id": "open", "start": "phase-1.start"}), "findings"),
        (
            lambda r: r["phases"].append({"id": "open", "start": r["phases"][-1]["id"] + ".end"}),
            "clean",
        ),
    ],
)
def test_boundaries(change: Any, verdict: str | None) -> None:
    r = base_record()
    change(r)
    line = line_of(r)
    assert clean_id(line) is None or verdict == "clean"
    if verdict is not None:
        assert full_verdict(line) == verdict
    assert_sound(line)


def test_batch_sources_are_read_and_checked() -> None:
    r = base_record()
    source = r["sources"][0]["id"]
    r["provisions"][0]["batches"][0]["sources"] = [source]
    assert full_verdict(line_of(r)) == "clean"
    assert assert_sound(line_of(r)) == r["id"]  # served by the fast path
    r["provisions"][0]["batches"][0]["sources"] = ["s99"]
    assert full_verdict(line_of(r)) == "findings"
    assert assert_sound(line_of(r)) is None


# -- hypothesis: corruptions of valid records --------------------------------------------------

NASTY: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    1,
    7,
    10**16,
    2**70,
    1.5,
    "",
    " ",
    "x",
    "agreement",
    "agreement.effective",
    "agreement.signed",
    "phase-1.end",
    "phase-2.start",
    "phase-9.end",
    "x-a",
    "x-a.batch1",
    "talks",
    "p0",
    "p1",
    "s0",
    "s99",
    "a.b",
    "id\n",
    "Mars/Base",
    "UTC",
    "Asia/Gaza",
    "0 days",
    "1 day",
    "7 days",
    "2 weeks",
    "1 month",
    "24 hours",
    "-3 days",
    "ordinal",
    "following",
    "elapsed",
    "on",
    "no_later_than",
    "mediator",
    "extend",
    "terminate",
    "2025-01-19",
    "2025-02-30",
    "2025-01",
    "2025-01-19 11:15 Asia/Gaza",
    "2025-01-19T11:15",
    "2025-01-19T11:15+02:00",
    "2021-03-28 03:30 Europe/Kyiv",
    "9999-12-30",
    "0001-01-01",
    "approximately 100",
    "up to 5",
    "1,000",
    "many",
    [],
    {},
    ["s0"],
    ["s99"],
    {"day": 1, "of": "phase-1"},
    {"day": 0, "of": "phase-1"},
    {"anchor": "phase-1.end"},
    {"anchor": "phase-1.end", "after": "3 days"},
    {"anchor": "agreement.effective", "before": "3 days", "counting": "ordinal"},
    {"anchor": "talks", "after": "1 day"},
    "2025p",
    "2025p.end",
    "phase-1",
    {"id": "open", "start": "phase-1.start"},
    {"id": "2025p", "start": "phase-1.end", "length": "3 days", "counting": "ordinal"},
    {"type": "deadline", "id": "d9", "label": "x", "due": "phase-1.end", "phase": "phase-1"},
    {"counting": "ordinal"},
]
KEYS = [
    "colour",
    "type",
    "id",
    "phase",
    "due",
    "every",
    "count",
    "counting",
    "until",
    "reported",
    "breakdown",
    "end",
    "may_overlap",
    "to",
    "made",
]


def paths(node: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [here]
    if isinstance(node, dict):
        for k, v in node.items():
            out += paths(v, (*here, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += paths(v, (*here, i))
    return out


def at(node: Any, path: tuple[Any, ...]) -> Any:
    for k in path:
        node = node[k]
    return node


@st.composite
def corrupted(draw: st.DrawFn) -> bytes:
    r = copy.deepcopy(base_record(draw(st.integers(0, 50))))
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(paths(r)[1:]))
        parent, key = at(r, where[:-1]), where[-1]
        action = draw(st.sampled_from(["replace", "delete", "add", "copy"]))
        if action == "replace":
            parent[key] = copy.deepcopy(draw(st.sampled_from(NASTY)))
        elif action == "delete":
            del parent[key]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from(KEYS))] = copy.deepcopy(draw(st.sampled_from(NASTY)))
        elif action == "copy" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[key]))
    return line_of(r)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corrupted())
def test_fast_path_never_vouches_for_what_the_full_path_rejects(line: bytes) -> None:
    assert_sound(line)


# -- the bulk outcomes are the same with the fast path off -------------------------------------


def test_outcomes_equal_with_and_without_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = list(jsonl_lines(300, seed=5, invalid_rate=0.1))
    fast = list(ct.validate_records(lines))
    monkeypatch.setattr(records, "clean_id", lambda line: None)
    slow = list(ct.validate_records(lines))
    assert [o.to_dict() for o in fast] == [o.to_dict() for o in slow]
    assert fast == slow
    # the lazily built agreement is the one the full path builds
    for f, s in zip(fast, slow, strict=True):
        if f.ok:
            assert f.agreement == s.agreement
            assert f.agreement is not None


def test_lazy_agreement_respects_keep_agreements() -> None:
    line = next(iter(jsonl_lines(1, seed=3, invalid_rate=0.0)))
    (kept,) = ct.validate_records([line])
    (dropped,) = ct.validate_records([line], keep_agreements=False)
    assert kept.ok and dropped.ok
    assert kept.agreement is not None and kept.agreement.id == kept.agreement_id
    assert dropped.agreement is None
    assert dropped.agreement_id == kept.agreement_id


# -- hypothesis: records built from small pools, so references and dates line up often ---------

IDS = ["p1", "p2", "p3", "2025p", "agreement", "a.b", "x-a", "talks"]
REFS = [f"{i}.{end}" for i in IDS for end in ("start", "end")] + [
    "agreement.effective",
    "agreement.announced",
    "agreement.signed",
    "2025-01-19",
    "talks",
    "x-a.batch1",
]
PERIODS = ["1 day", "3 days", "2 weeks", "0 days", "1 month", "24 hours", "-2 days", "42 days"]
COUNTINGS = [None, "ordinal", "following", "elapsed"]
MOMENTS = [
    "2025-01-19",
    "2025-01-20",
    "2025-01-18",
    "2025-01-19 11:15 Asia/Gaza",
    "2025-01-19 00:00 Asia/Gaza",
    "2025-03-29 00:30 Asia/Gaza",  # a DST gap in Gaza that year
    "2025-01-19T11:15+02:00",
    "2025-01",
]

maybe = st.none


def rule() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.sampled_from(REFS),
        st.builds(lambda d, of: {"day": d, "of": of}, st.integers(0, 50), st.sampled_from(IDS)),
        st.builds(
            lambda anchor, key, period, counting: {
                "anchor": anchor,
                key: period,
                **({"counting": counting} if counting else {}),
            },
            st.sampled_from(REFS),
            st.sampled_from(["after", "before"]),
            st.sampled_from(PERIODS),
            st.sampled_from(COUNTINGS),
        ),
    )


def optional(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


phase = st.builds(
    lambda i, start, length, counting: optional(
        {"id": i, "start": start, "length": length, "counting": counting}
    ),
    st.sampled_from(IDS),
    st.one_of(maybe(), rule()),
    st.one_of(maybe(), st.sampled_from(PERIODS)),
    st.sampled_from(COUNTINGS),
)
batch = st.builds(
    lambda due, q: optional({"due": due, "quantity": q}), rule(), st.sampled_from([None, 1, 5])
)
provision = st.one_of(
    st.builds(
        lambda i, ph, q, batches: optional(
            {
                "type": "exchange",
                "id": i,
                "phase": ph,
                "releasing": "p0",
                "released": "captives",
                "quantity": q,
                "batches": batches,
            }
        ),
        st.sampled_from(IDS),
        st.one_of(maybe(), st.sampled_from(IDS)),
        st.sampled_from([None, 3, "about 10", "at least 2"]),
        st.lists(batch, max_size=3),
    ),
    st.builds(
        lambda i, ph, due, every, count: optional(
            {
                "type": "deadline",
                "id": i,
                "phase": ph,
                "label": "x",
                "due": due,
                "every": every,
                "count": count,
            }
        ),
        st.sampled_from(IDS),
        st.one_of(maybe(), st.sampled_from(IDS)),
        rule(),
        st.one_of(maybe(), st.sampled_from(PERIODS)),
        st.one_of(maybe(), st.integers(1, 4)),
    ),
)
amendment = st.builds(
    lambda i, target, by, counting: optional(
        {"id": i, "target": target, "by": by, "counting": counting}
    ),
    st.sampled_from(["ext-1", "ext-2", "p1"]),
    st.sampled_from(IDS),
    st.sampled_from(PERIODS),
    st.sampled_from(COUNTINGS),
)
record = st.builds(
    lambda zone, eff, ann, phases, provs, ams: optional(
        {
            "id": "r",
            "title": "R",
            "zone": zone,
            "parties": [{"id": "p0", "name": "A"}, {"id": "m0", "name": "B", "role": "mediator"}],
            "effective": eff,
            "announced": ann,
            "phases": phases,
            "provisions": provs,
            "amendments": ams,
        }
    ),
    st.sampled_from(["Asia/Gaza", "UTC", "Pacific/Kiritimati"]),
    st.one_of(maybe(), st.sampled_from(MOMENTS)),
    st.one_of(maybe(), st.sampled_from(MOMENTS)),
    st.lists(phase, max_size=4),
    st.lists(provision, max_size=3),
    st.lists(amendment, max_size=2),
)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record)
def test_fast_path_never_vouches_for_built_records(r: dict[str, Any]) -> None:
    assert_sound(line_of(r))


@st.composite
def likely_valid(draw: st.DrawFn) -> dict[str, Any]:
    """Records that are mostly valid, so that the fast path says "clean" often and every
    date it computes is checked against the full path (a wrong day is a finding there)."""

    def pick(good: list[Any], bad: list[Any]) -> Any:
        return (
            draw(st.sampled_from(good)) if draw(st.integers(0, 9)) else draw(st.sampled_from(bad))
        )

    days = ["1 day", "2 days", "3 days", "1 week", "10 days"]
    published = [(dt.date(2025, 1, 17) + dt.timedelta(days=k)).isoformat() for k in range(20)]

    def readings() -> list[dict[str, Any]]:
        """Published dates near the computed ones, so that some agree and some do not."""
        return [
            {"date": pick(published, ["2025-01", "2025-01-20T00:00:00+02:00"])}
            for _ in range(draw(st.integers(0, 2)))
        ]

    n = draw(st.integers(1, 4))
    ids = draw(st.permutations(["p1", "p2", "p3", "p4", "2025p", "q.r", "ph"]))[:n]
    ids = [pick([i], ["agreement", ids[0], "2025"]) for i in ids]
    phases: list[dict[str, Any]] = []
    for k, pid in enumerate(ids):
        earlier = [f"{p['id']}.end" for p in phases] + [f"{p['id']}.start" for p in phases]
        start = pick(
            ["agreement.effective", *(earlier[-1:] * 3), *earlier],
            [
                f"{pid}.end",
                "agreement.signed",
                {"anchor": "agreement.effective", "after": "2 days"},
            ],
        )
        if draw(st.integers(0, 3)) == 0 and k:
            start = {"day": draw(st.integers(1, 12)), "of": phases[-1]["id"]}
        phase = {"id": pid, "start": start}
        if draw(st.integers(0, 5)):
            phase["length"] = pick(days, ["0 days", "1 month", "5 hours"])
            phase["counting"] = pick(["ordinal", "following"], [None, "elapsed"])
        if draw(st.integers(0, 2)) == 0:
            phase["reported_end"] = readings()
        phases.append({k: v for k, v in phase.items() if v is not None})
    pids = [p["id"] for p in phases]
    provisions: list[dict[str, Any]] = []
    for j in range(draw(st.integers(0, 3))):
        of = draw(st.sampled_from(pids))
        due = pick(
            [
                {"day": draw(st.integers(1, 12)), "of": of},
                f"{of}.start",
                f"{of}.end",
                {"anchor": f"{of}.start", "after": draw(st.sampled_from(days))},
            ],
            ["2025-01-25", f"{of}.start", {"anchor": f"{of}.end", "before": "1 day"}],
        )
        d: dict[str, Any] = {"type": "deadline", "id": f"d{j}", "label": "x", "due": due}
        if draw(st.booleans()):
            d["phase"] = draw(st.sampled_from(pids))
        if draw(st.integers(0, 3)) == 0:
            d["every"], d["count"] = draw(st.sampled_from(days)), draw(st.integers(1, 4))
        if draw(st.integers(0, 2)) == 0:
            d["reported"] = readings()
        provisions.append(d)
    amendments = []
    if draw(st.integers(0, 2)) == 0:
        amendments.append(
            {"id": "ext", "target": draw(st.sampled_from(pids)), "by": draw(st.sampled_from(days))}
        )
    return {
        "id": "r",
        "title": "R",
        "zone": "Asia/Gaza",
        "effective": pick(
            ["2025-01-19", "2025-01-19 11:15 Asia/Gaza", "2025-01-19 00:00 Asia/Gaza"],
            ["2025-03-29 00:30 Asia/Gaza", "2025-01", "2025-01-19T11:15+02:00"],
        ),
        "phases": phases,
        "provisions": provisions,
        "amendments": amendments,
    }


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(likely_valid())
def test_fast_path_never_vouches_for_likely_valid_records(r: dict[str, Any]) -> None:
    assert_sound(line_of(r))
