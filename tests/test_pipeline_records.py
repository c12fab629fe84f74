"""The streaming validator: one outcome per record, in order, identical to validating each
record by hand, in one process or several; nothing lost; outputs written atomically."""

from __future__ import annotations

import json
import random
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import ceasefire_terms as ct
from ceasefire_terms.pipeline import (
    Rejection,
    Summary,
    ValidRecord,
    validate_files,
    validate_records,
)
from ceasefire_terms.pipeline.atomic import atomic_writer
from ceasefire_terms.pipeline.synthetic import CORRUPTIONS, jsonl_lines, make_record

LINES = list(jsonl_lines(150, seed=11, invalid_rate=0.1))


def _naive(line: str) -> tuple[bool, ct.Agreement | None, list[dict[str, Any]]]:
    """What a user would write by hand: parse, check, keep the findings."""
    try:
        a = ct.Agreement.model_validate_json(line)
    except ValidationError:
        return False, None, []
    report = ct.check(a)
    return report.ok, a, [f.as_dict() for f in report.findings]


def test_outcomes_match_validating_each_line_by_hand() -> None:
    """The bulk path gives the same verdict, the same agreement and the same findings."""
    outcomes = list(validate_records(LINES))
    assert len(outcomes) == len(LINES)
    for line, o in zip(LINES, outcomes, strict=True):
        ok, agreement, findings = _naive(line)
        assert o.ok == ok
        if isinstance(o, ValidRecord):
            assert o.agreement == agreement
            assert list(o.warnings) == [f for f in findings if f["severity"] == "warning"]
            assert o.raw == line
        elif agreement is not None:  # rejected by check(): the same errors
            assert list(o.errors) == [f for f in findings if f["severity"] == "error"]


def test_positions_and_source_of_an_iterable() -> None:
    outcomes = list(validate_records(LINES[:5], source="feed"))
    assert [(o.source, o.line, o.index) for o in outcomes] == [("feed", i + 1, i) for i in range(5)]


def test_mappings_text_and_bytes_give_the_same_agreement(gaza: ct.Agreement) -> None:
    data = gaza.model_dump(mode="json", exclude_none=True)
    text = json.dumps(data)
    outcomes = list(validate_records([data, text, text.encode()]))
    assert all(isinstance(o, ValidRecord) for o in outcomes)
    assert {o.agreement for o in outcomes if isinstance(o, ValidRecord)} == {gaza}


def test_warnings_are_kept_and_strict_turns_them_into_rejections(gaza: ct.Agreement) -> None:
    text = gaza.model_dump_json(exclude_none=True)
    (lenient,) = validate_records([text])
    (strict,) = validate_records([text], strict=True)
    assert isinstance(lenient, ValidRecord)
    assert [w["code"] for w in lenient.warnings] == ["ratio-total"]
    assert isinstance(strict, Rejection)
    assert [e["code"] for e in strict.errors] == ["ratio-total"]
    assert "implied by the ratio rules" in strict.message


def test_keep_agreements_false_drops_only_the_agreement() -> None:
    full = list(validate_records(LINES[:30]))
    light = list(validate_records(LINES[:30], keep_agreements=False))
    for a, b in zip(full, light, strict=True):
        assert a.ok == b.ok
        if isinstance(a, ValidRecord) and isinstance(b, ValidRecord):
            assert b.agreement is None and (a.raw, a.warnings) == (b.raw, b.warnings)
        else:
            assert a == b


def test_two_processes_give_the_same_outcomes_in_the_same_order(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(jsonl_lines(700, seed=5, invalid_rate=0.05)) + "\n")
    one = list(validate_files([path]))
    two = list(validate_files([path], jobs=2))
    assert one == two
    assert [o.line for o in two] == list(range(1, 701))


def test_jobs_must_be_positive() -> None:
    with pytest.raises(ct.ParseError, match="'jobs' must be at least 1"):
        list(validate_records(LINES, jobs=0))


def test_files_are_validated_in_turn(tmp_path: Path, gaza_path: Path) -> None:
    a = tmp_path / "a.jsonl"
    a.write_text("\n".join(LINES[:3]) + "\n")
    outcomes = list(validate_files([a, gaza_path]))
    lines = gaza_path.read_text().splitlines()
    first_key = next(i + 1 for i, t in enumerate(lines) if t and not t.startswith("#"))
    assert [(o.source, o.line) for o in outcomes] == [
        (str(a), 1),
        (str(a), 2),
        (str(a), 3),
        (str(gaza_path), first_key),  # the YAML mapping starts after the comment block
    ]


def test_missing_file_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(ct.InputError, match="must be an existing file"):
        list(validate_files([tmp_path / "nope.jsonl"]))


def test_summary_counts_and_balances() -> None:
    s = Summary()
    for o in validate_records(LINES):
        s.add(o)
    d = s.as_dict()
    assert d["read"] == len(LINES) == d["valid"] + d["rejected"]
    assert d["rejected"] == sum(1 for line in LINES if not _naive(line)[0])
    assert d["files"] == [{"path": "<records>", **{k: d[k] for k in d if k != "files"}}]


def test_synthetic_corruptions_are_all_rejected() -> None:
    rng = random.Random(3)
    for name, corrupt in CORRUPTIONS.items():
        line = corrupt(make_record(rng, 0), rng)
        (o,) = validate_records([line])
        assert not o.ok, name


def test_memory_stays_flat_in_the_number_of_records(monkeypatch: pytest.MonkeyPatch) -> None:
    """Peak traced memory for 600 records is close to that for 150: nothing accumulates.

    The core's text parsers keep bounded LRU caches (4,096 entries); how full they already are
    depends on the tests that ran before, so they are bypassed here: what is measured is what
    the stream itself holds."""
    from ceasefire_terms.model import periods, quantity

    monkeypatch.setattr(periods, "_parse_period_cached", periods._parse_period)
    monkeypatch.setattr(quantity, "_parse_quantity_cached", quantity._parse_quantity)

    def peak(n: int) -> int:
        def lines() -> Iterator[str]:
            yield from jsonl_lines(n, seed=1)

        tracemalloc.start()
        for _ in validate_records(lines()):
            pass
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    peak(600)  # the model's validators are built on first use (defer_build)
    small, large = peak(150), peak(600)
    assert large < small * 1.5


# -- nothing lost: a property over any mix of good and corrupted lines --------------------------

_POOL = list(jsonl_lines(40, seed=21, invalid_rate=0.0))
_CORRUPT = st.sampled_from(
    [
        "",
        "   ",
        "{",
        "[1, 2]",
        "null",
        '{"id": "x"}',
        "\ufeff{}",
        "not json at all",
        '{"id": "x", "title": "X", "zone": "Mars/Base"}',
    ]
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    picks=st.lists(
        st.one_of(
            st.integers(0, len(_POOL) - 1).map(lambda i: ("good", _POOL[i])),
            _CORRUPT.map(lambda s: ("bad", s)),
            st.tuples(st.integers(0, len(_POOL) - 1), st.integers(1, 2000)).map(
                lambda t: ("bad", _POOL[t[0]][: t[1] % len(_POOL[t[0]])])
            ),
            st.binary(max_size=40).map(lambda b: ("bytes", b)),
        ),
        max_size=25,
    )
)
def test_nothing_is_lost(tmp_path: Path, picks: list[tuple[str, Any]]) -> None:
    """read == valid + rejected; the valid outputs are exactly the valid inputs, in order;
    every input line comes back in exactly one output."""
    lines: list[bytes] = []
    for _kind, value in picks:
        raw = value if isinstance(value, bytes) else value.encode()
        lines.append(raw.replace(b"\n", b" ").replace(b"\r", b" "))
    path = tmp_path / "mix.jsonl"
    path.write_bytes(b"".join(line + b"\n" for line in lines))
    outcomes = list(validate_files([path]))
    s = Summary()
    for o in outcomes:
        s.add(o)
    assert s.total.read == len(lines) == s.total.valid + s.total.rejected
    labelled_good = [line for (kind, _), line in zip(picks, lines, strict=True) if kind == "good"]
    good_inputs = [line.decode() for line in lines if _naive(line.decode("utf-8", "replace"))[0]]
    assert [g.encode() for g in good_inputs] == labelled_good
    valid = [o for o in outcomes if isinstance(o, ValidRecord)]
    assert [o.raw for o in valid] == good_inputs
    assert [o.agreement for o in valid] == [
        ct.Agreement.model_validate_json(g) for g in good_inputs
    ]
    back = {o.line: o.raw for o in outcomes}
    first = lines[0].removeprefix(b"\xef\xbb\xbf") if lines else b""
    expected = [first, *lines[1:]] if lines else []
    assert [back[i + 1].encode("utf-8", "surrogateescape") for i in range(len(lines))] == expected  # type: ignore[union-attr]


# -- atomic output ------------------------------------------------------------------------------


def test_atomic_writer_leaves_nothing_when_the_block_fails(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    with pytest.raises(RuntimeError), atomic_writer(target) as f:
        f.write("partial\n")
        raise RuntimeError("killed")
    assert list(tmp_path.iterdir()) == []


def test_atomic_writer_replaces_an_old_file_only_at_the_end(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("old\n")
    with atomic_writer(target) as f:
        f.write("new\n")
        assert target.read_text() == "old\n"
    assert target.read_text() == "new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]
