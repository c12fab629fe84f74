"""The fast path for records given as mappings (``records._clean_mapping``: plain JSON values,
put to the fast path as their JSON text) never changes a verdict either: when it vouches for a
record, the model reading the *mapping* (Python mode, not JSON) and check() accept it with no
finding; and the bulk outcomes for mappings are the same with and without it, under any depth
limit."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import decimal
import enum
import json
import random
import types
from collections import OrderedDict
from typing import Any

import pytest
from fast_oracle import full_mapping_verdict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_pipeline_fast import at, corrupted, likely_valid, paths, record

import ceasefire_terms as ct
from ceasefire_terms.examples import load, names
from ceasefire_terms.io.load import find_too_deep
from ceasefire_terms.pipeline import records
from ceasefire_terms.pipeline.fast import MAX_NESTING
from ceasefire_terms.pipeline.records import ValidRecord
from ceasefire_terms.pipeline.sources import Limits
from ceasefire_terms.pipeline.synthetic import jsonl_lines, make_record


def clean_mapping_id(data: Any) -> str | None:
    return records._clean_mapping(data)[0]


def assert_sound_mapping(data: Any) -> str | None:
    got = clean_mapping_id(data)
    if got is not None:
        assert full_mapping_verdict(data) == "clean", repr(data)[:2000]
        assert got == data["id"]
    return got


def synthetic_mappings(n: int, seed: int, invalid_rate: float) -> list[Any]:
    """Synthetic records as Python objects: every line that is JSON, parsed."""
    out: list[Any] = []
    for line in jsonl_lines(n, seed=seed, invalid_rate=invalid_rate):
        try:
            out.append(json.loads(line))
        except ValueError:
            continue
    return out


def test_sound_and_useful_on_synthetic_mappings() -> None:
    datas = synthetic_mappings(400, seed=12, invalid_rate=0.2)
    fast = [assert_sound_mapping(d) for d in datas]
    clean = [d for d in datas if full_mapping_verdict(d) == "clean"]
    assert sum(f is not None for f in fast) >= 0.95 * len(clean)
    assert len(clean) > 250


@pytest.mark.parametrize("name", names())
def test_sound_on_bundled_agreements_as_mappings(name: str) -> None:
    assert_sound_mapping(load(name).model_dump(mode="json", exclude_defaults=True))


def test_only_plain_json_values_are_read() -> None:
    r = make_record(random.Random(3), 3)
    assert clean_mapping_id(r) == r["id"]

    # values the model may read in Python mode, but which the fast path leaves to it
    class Text(str):
        pass

    for change in (
        lambda r: r.update(effective=dt.date(2025, 1, 19)),
        lambda r: r.update(written=1),
        lambda r: r["provisions"][0].update(quantity=True),
        lambda r: r["provisions"][0].update(quantity=50.0),
        lambda r: r["provisions"][0].update(quantity=decimal.Decimal(50)),
        lambda r: r.update(title=b"X"),
        lambda r: r.update({1: "x"}),
        lambda r: r.update(extra="x"),
    ):
        changed = copy.deepcopy(r)
        change(changed)
        assert clean_mapping_id(changed) is None
    # str subclasses and tuples are plain enough: the model reads them like str and lists
    changed = copy.deepcopy(r)
    changed["title"] = Text(changed["title"])
    changed["phases"] = tuple(changed["phases"])
    assert assert_sound_mapping(changed) == r["id"]


def test_deepest_record_of_the_subset_nests_max_nesting_levels() -> None:
    r = make_record(random.Random(1), 1)
    r["sources"] = [{"id": "s0"}]
    r["provisions"] = [
        {
            "type": "obligation",
            "id": "aid",
            "party": r["parties"][0]["id"],
            "action": "let trucks in",
            "rate": {
                "quantity": 600,
                "per": "1 day",
                "parts": [
                    {"label": "fuel", "quantity": 50, "readings": [{"sources": ["s0"]}]},
                ],
            },
        }
    ]
    assert assert_sound_mapping(r) == r["id"]
    assert not find_too_deep(r, MAX_NESTING)
    assert find_too_deep(r, MAX_NESTING - 1)
    # so under a tighter limit the record is rejected as too deep, as without the fast path
    (o,) = ct.validate_records([r], limits=Limits(max_depth=MAX_NESTING - 1))
    assert not o.ok and o.errors[0]["code"] == "too-deep"
    (o,) = ct.validate_records([r], limits=Limits(max_depth=MAX_NESTING))
    assert o.ok and o.agreement_id == r["id"]


@pytest.mark.parametrize("depth", [1, 4, MAX_NESTING - 1, MAX_NESTING, 64])
def test_mapping_outcomes_equal_with_and_without_fast_path(
    monkeypatch: pytest.MonkeyPatch, depth: int
) -> None:
    datas = synthetic_mappings(200, seed=8, invalid_rate=0.15)
    limits = Limits(max_depth=depth)
    fast = list(ct.validate_records(copy.deepcopy(datas), limits=limits))
    monkeypatch.setattr(records, "_clean_mapping", lambda data: (None, None))
    slow = list(ct.validate_records(copy.deepcopy(datas), limits=limits))
    assert [o.to_dict() for o in fast] == [o.to_dict() for o in slow]
    assert fast == slow
    if depth >= MAX_NESTING:
        assert sum(o.ok for o in fast) > 100
    for f, s in zip(fast, slow, strict=True):
        if isinstance(f, ValidRecord) and isinstance(s, ValidRecord):
            assert f.agreement == s.agreement
            assert f.agreement is not None


# -- hypothesis: the JSON strategies' records as mappings, and Python-only values -------------


class Count(enum.IntEnum):
    FIFTY = 50


class Text(str):
    pass


def pythonic(value: Any) -> list[Any]:
    """Python values that stand for ``value`` (or nearly), as a caller might pass them."""
    out: list[Any] = [None, True, 1.5, b"x", object(), {1, 2}]
    if isinstance(value, list):
        out += [tuple(value), set(map(repr, value))]
    if isinstance(value, dict):
        out += [OrderedDict(value), types.MappingProxyType(value), {**value, 0: 1}]
    if isinstance(value, str):
        out += [Text(value), value.encode(), bytearray(value.encode())]
        with contextlib.suppress(ValueError):
            out.append(dt.date.fromisoformat(value))
    if isinstance(value, int) and not isinstance(value, bool):
        out += [float(value), decimal.Decimal(value), Count.FIFTY, str(value)]
    return out


@st.composite
def pythonised(draw: st.DrawFn) -> dict[str, Any]:
    r = draw(likely_valid())
    r = copy.deepcopy(r)
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(paths(r)[1:]))
        parent, key = at(r, where[:-1]), where[-1]
        parent[key] = draw(st.sampled_from(pythonic(parent[key])))
    return r


SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(pythonised())
def test_fast_path_never_vouches_for_pythonised_mappings(r: dict[str, Any]) -> None:
    assert_sound_mapping(r)


@SETTINGS
@given(likely_valid())
def test_fast_path_never_vouches_for_likely_valid_mappings(r: dict[str, Any]) -> None:
    assert_sound_mapping(r)


@SETTINGS
@given(record)
def test_fast_path_never_vouches_for_built_mappings(r: dict[str, Any]) -> None:
    assert_sound_mapping(r)


@SETTINGS
@given(corrupted())
def test_fast_path_never_vouches_for_corrupted_mappings(line: bytes) -> None:
    assert_sound_mapping(json.loads(line))


def lookalike(value: Any) -> list[Any]:
    """Python values the model reads exactly like ``value``: the fast path may vouch for a
    record holding them, and must then be right."""
    if isinstance(value, list):
        return [tuple(value)]
    if isinstance(value, dict):
        return [OrderedDict(value)]
    if isinstance(value, str):
        return [Text(value)]
    if isinstance(value, int) and not isinstance(value, bool):
        return [enum.IntEnum("Number", {"VALUE": value}).VALUE]  # type: ignore[attr-defined]
    return []


def with_lookalikes(r: dict[str, Any], rng: random.Random, changes: int) -> dict[str, Any]:
    r = copy.deepcopy(r)
    for _ in range(changes):
        where = rng.choice(paths(r)[1:])
        parent, key = at(r, where[:-1]), where[-1]
        options = lookalike(parent[key])
        if options and not isinstance(parent, tuple):
            parent[key] = rng.choice(options)
    return r


def test_lookalike_values_are_sound_and_often_vouched_for() -> None:
    rng = random.Random(2)
    vouched = 0
    for seed in range(150):
        r = with_lookalikes(make_record(random.Random(seed), seed), rng, rng.randint(1, 4))
        vouched += assert_sound_mapping(r) is not None
    assert vouched > 30  # the vouching side is exercised, not only the fallback


@SETTINGS
@given(st.integers(0, 10_000), st.integers(0, 10_000), st.integers(1, 6))
def test_fast_path_never_vouches_wrongly_for_lookalikes(seed: int, pick: int, n: int) -> None:
    r = make_record(random.Random(seed), seed)
    assert_sound_mapping(with_lookalikes(r, random.Random(pick), n))


def test_awkward_mappings_fall_back_to_the_full_path_without_an_internal_error() -> None:
    r = make_record(random.Random(4), 4)
    cyclic = copy.deepcopy(r)
    cyclic["phases"][0]["sources"] = cyclic["phases"]  # a cycle json.dumps refuses

    class Broken(dict[str, Any]):
        def items(self) -> Any:
            raise KeyError("broken mapping")

    broken = Broken(copy.deepcopy(r))
    deep: Any = "x"
    for _ in range(5_000):
        deep = [deep]
    too_deep = dict(copy.deepcopy(r), notes=deep)
    for data in (cyclic, broken, too_deep):
        assert clean_mapping_id(data) is None
        (o,) = ct.validate_records([data])
        assert not o.ok
        assert all(e["code"] != "internal-error" for e in o.errors), o.errors
