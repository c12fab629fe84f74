"""The one reader of JSON Lines (``sources.jsonl_lines``), which the single-process path, the
worker processes and the Dask tasks share: it reads blocks and cuts lines out of them, so a
line may span blocks, and an oversized one is dropped block by block. Checked against the
plain statement of what a line is (split on ``\\n``), for every block size down to one byte,
for streams that hand back a few bytes at a time (a pipe), and through the paths that use
it (one process, ``--jobs 2``)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ceasefire_terms as ct
from ceasefire_terms import examples
from ceasefire_terms.pipeline import sources
from ceasefire_terms.pipeline.sources import BOM_UTF8, Limits, foreign_bom, jsonl_lines

PIECES = [b"\n", b"\r", b"\r\n", b"a", b"bb", b"{}", b"x" * 9, BOM_UTF8, b"\xff\xfe", b" "]


def expected(
    data: bytes, limits: Limits, at_start: bool = True, first: int = 1
) -> list[tuple[Any, ...]]:
    """What the lines of ``data`` are, stated plainly."""
    parts = data.split(b"\n")
    last = parts.pop()  # after the last newline: a last line without one, or nothing
    lines = [(p, False) for p in parts] + ([(last, True)] if last else [])
    out = []
    for n, (whole, at_eof) in enumerate(lines, start=first):
        if len(whole) > limits.max_record_bytes:
            out.append((n, whole[: limits.raw_chars], at_eof, "too-large"))
            continue
        line = whole.removesuffix(b"\r")
        code = None
        if n == first and at_start:
            if line.startswith(BOM_UTF8):
                line = line[len(BOM_UTF8) :]
            else:
                problem = foreign_bom(line)
                code = problem.code if problem else None
        out.append((n, line, at_eof, code))
    return out


def got(
    stream: Any, limits: Limits, at_start: bool = True, first: int = 1
) -> list[tuple[Any, ...]]:
    lines = jsonl_lines(stream, limits, at_start=at_start, first_line=first)
    return [(n, line, at_eof, p.code if p else None) for n, line, at_eof, p in lines]


class Trickle:
    """A stream with only ``read`` that hands back at most ``step`` bytes a call (a pipe)."""

    def __init__(self, data: bytes, step: int) -> None:
        self.data, self.pos, self.step = data, 0, step

    def read(self, size: int = -1, /) -> bytes:
        n = self.step if size < 0 else min(size, self.step)
        out = self.data[self.pos : self.pos + n]
        self.pos += len(out)
        return out


@settings(max_examples=300)
@given(
    data=st.lists(st.sampled_from(PIECES), max_size=40).map(b"".join),
    block=st.integers(1, 24),
    cap=st.integers(1, 30),
    keep=st.integers(1, 12),
    at_start=st.booleans(),
    first=st.integers(1, 4),
)
def test_lines_are_the_plain_split_whatever_the_block_size(
    data: bytes, block: int, cap: int, keep: int, at_start: bool, first: int
) -> None:
    limits = Limits(max_record_bytes=cap, raw_chars=keep)
    want = expected(data, limits, at_start, first)
    old = sources.READ_BYTES
    sources.READ_BYTES = block
    try:
        assert got(io.BytesIO(data), limits, at_start, first) == want
        assert got(Trickle(data, max(1, block // 3)), limits, at_start, first) == want
    finally:
        sources.READ_BYTES = old


def test_an_oversized_line_is_not_held_in_memory_and_reading_goes_on() -> None:
    limits = Limits(max_record_bytes=100, raw_chars=10)
    huge = b"[" + b"1," * 3_000_000 + b"1]"  # 6 MB on one line
    data = b'{"a": 1}\n' + huge + b"\n" + b'{"b": 2}'
    lines = list(jsonl_lines(io.BytesIO(data), limits))
    assert [(n, at_eof) for n, _, at_eof, _ in lines] == [(1, False), (2, False), (3, True)]
    assert lines[1][1] == huge[:10] and lines[1][3] is not None
    assert lines[1][3].code == "too-large"
    assert lines[2][1] == b'{"b": 2}' and lines[2][3] is None


def test_first_line_numbers_a_stream_that_starts_inside_a_file() -> None:
    lines = list(jsonl_lines(io.BytesIO(b"a\nb\n"), at_start=False, first_line=41))
    assert [(n, line) for n, line, _, _ in lines] == [(41, b"a"), (42, b"b")]


@pytest.mark.parametrize("jobs", [1, 2])
def test_files_give_the_same_outcomes_through_every_path(tmp_path: Path, jobs: int) -> None:
    """A file with lines spanning the reader's blocks, blank lines, a CRLF line, an oversized
    line and a last line without a newline: the same verdicts and places in one process and
    in two (whose workers read byte ranges of the file)."""
    gaza = examples.load("gaza-2025").model_dump_json(exclude_none=True).encode()
    rows = [gaza, b"", gaza + b"\r", b"x" * 50_000, gaza, b'{"id": "cut']
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join(rows))
    limits = Limits(max_record_bytes=40_000)
    outcomes = list(ct.validate_files([path], jobs=jobs, limits=limits))
    assert [(o.line, o.ok) for o in outcomes] == [
        (1, True), (2, False), (3, True), (4, False), (5, True), (6, False)
    ]
    codes = [o.errors[0]["code"] for o in outcomes if not o.ok]
    assert codes == ["blank-line", "too-large", "truncated"]
    assert outcomes[0].raw == gaza.decode() and outcomes[2].raw == gaza.decode()


def test_valid_record_init_sets_each_field_as_named() -> None:
    """ValidRecord's __init__ is written out (it is on every accepted record's path): each
    argument must land in the field of its name, by position and by keyword."""
    import dataclasses

    from ceasefire_terms.pipeline.records import ValidRecord

    names = [f.name for f in dataclasses.fields(ValidRecord)]
    values = ["src", 7, 6, "id-1", (), "{}", False, None]
    by_position = ValidRecord(*values)  # type: ignore[arg-type]
    by_name = ValidRecord(**dict(zip(names, values, strict=True)))  # type: ignore[arg-type]
    for rec in (by_position, by_name):
        assert [getattr(rec, n) for n in names] == values
    assert by_position == by_name and hash(by_position) == hash(by_name)
    defaults = ValidRecord("s", 1, 0, "x")
    assert (defaults.warnings, defaults.raw, defaults.kept) == ((), None, True)
    assert defaults.parsed is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        defaults.raw = "changed"  # type: ignore[misc]


def test_outcomes_pickle_to_equal_outcomes() -> None:
    """ValidRecord and Rejection pickle as their constructors' arguments (faster than a
    frozen dataclass's own pickling, which Dask pays for every outcome sent back)."""
    import dataclasses
    import pickle

    from ceasefire_terms.pipeline.records import Rejection, ValidRecord

    gaza = examples.load("gaza-2025")
    valid = ValidRecord("f", 3, 2, "gaza-2025", ({"code": "w"},), "{}", True, gaza)
    rejected = Rejection("f", 4, 3, ({"code": "json-invalid"},), "{oops", True)
    for o in (valid, rejected):
        back = pickle.loads(pickle.dumps(o))
        assert type(back) is type(o)
        for f in dataclasses.fields(o):
            assert getattr(back, f.name) == getattr(o, f.name), f.name
    assert pickle.loads(pickle.dumps(valid)).agreement == gaza
