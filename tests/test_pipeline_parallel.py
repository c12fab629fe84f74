"""--jobs N reads JSON Lines files in byte ranges in the workers: the outcomes must be the
same, in the same order, as one process gives, whatever falls at a range boundary."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from ceasefire_terms.pipeline import parallel
from ceasefire_terms.pipeline.records import Rejection, ValidRecord, validate_files
from ceasefire_terms.pipeline.sources import Limits
from ceasefire_terms.pipeline.synthetic import jsonl_lines


def awkward_file(path: Path) -> bytes:
    """BOM, CRLF, blank lines, an oversized line, bad UTF-8 and a truncated last line."""
    good = list(jsonl_lines(1, seed=3, invalid_rate=0.0))
    good += list(jsonl_lines(120, seed=9, invalid_rate=0.1))
    parts = [b"\xef\xbb\xbf" + good[0].encode()]
    for i, line in enumerate(good[1:], start=1):
        data = line.encode()
        if i % 17 == 0:
            data += b"\r"  # a CRLF line end
        parts.append(data)
        if i % 23 == 0:
            parts.append(b"")  # a blank line
        if i == 50:
            parts.append(b'{"id": "' + b"x" * 5000 + b'"}')  # over the record limit below
        if i == 60:
            parts.append(b'{"id": "\xff"}')
    body = b"\n".join(parts) + b"\n" + good[-1].encode()[:40]  # truncated, no newline
    path.write_bytes(body)
    return body


@pytest.mark.parametrize("range_bytes", [1, 700, 4096, 1 << 20])
def test_ranges_give_the_outcomes_of_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, range_bytes: int
) -> None:
    path = tmp_path / "awkward.jsonl"
    body = awkward_file(path)
    limits = Limits(max_record_bytes=4000)
    one = list(validate_files([path], limits=limits))
    monkeypatch.setattr(parallel, "RANGE_BYTES", range_bytes)  # workers are forked after this
    two = list(validate_files([path], jobs=2, limits=limits))
    assert two == one
    assert [o.to_dict() for o in two] == [o.to_dict() for o in one]
    assert len(two) == body.count(b"\n") + 1
    assert [o.line for o in two] == list(range(1, len(two) + 1))
    codes = {e["code"] for o in two if isinstance(o, Rejection) for e in o.errors}
    assert {"too-large", "encoding", "blank-line", "truncated"} <= codes
    first = two[0]
    assert isinstance(first, ValidRecord) and not first.raw.startswith("\ufeff")  # type: ignore[union-attr]
    # an accepted CRLF line keeps no carriage return in its raw text
    assert all(not o.raw.endswith("\r") for o in two if isinstance(o, ValidRecord) and o.raw)


def test_cuts_cover_the_file_at_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "lines.jsonl"
    lines = [json.dumps({"n": i, "pad": "y" * (i % 13)}) for i in range(300)]
    path.write_text("\n".join(lines) + "\n")
    data = path.read_bytes()
    for step, taper in itertools.product((1, 5, 64, 1000, 10**6), (0, 1, 2, 7)):
        cuts = list(parallel._cuts(str(path), step, taper=taper))
        assert cuts[0][0] == 0 and cuts[-1][1] == len(data)
        assert all(a[1] == b[0] for a, b in itertools.pairwise(cuts))
        assert all(data[end - 1 : end] == b"\n" for _, end, _ in cuts)
        assert all(data[a:b].count(b"\n") == n for a, b, n in cuts)


def test_ranges_taper_toward_the_end_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "lines.jsonl"
    path.write_bytes(b"".join(b'{"n": %d, "pad": "%s"}\n' % (i, b"y" * 80) for i in range(20_000)))
    sizes = [end - start for start, end, _ in parallel._cuts(str(path), 64 * 1024, taper=2)]
    assert sizes[0] >= 64 * 1024 and sizes[-2] < 16 * 1024  # large first, small last
    assert min(sizes[:-1]) >= 8 * 1024  # never below an eighth of the step
    flat = [end - start for start, end, _ in parallel._cuts(str(path), 64 * 1024)]
    assert min(flat[:-1]) >= 64 * 1024


def test_a_file_that_grows_after_its_size_is_read_is_read_to_its_end(tmp_path: Path) -> None:
    # the reported size sets range sizes only: reading goes on to the real end of the file
    path = tmp_path / "lines.jsonl"
    path.write_bytes(b'{"n": 1}\n' * 1000)
    cuts = parallel._cuts(str(path), 1024, taper=2)
    first = next(cuts)
    with open(path, "ab") as f:
        f.write(b'{"n": 2}\n' * 1000)
    rest = list(cuts)
    assert rest[-1][1] == path.stat().st_size
    assert first[2] + sum(n for _, _, n in rest) == 2000


def test_several_files_and_a_missing_one(tmp_path: Path) -> None:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text("\n".join(jsonl_lines(40, seed=1)) + "\n")
    b.write_text("\n".join(jsonl_lines(30, seed=2)) + "\n")
    one = list(validate_files([a, b]))
    two = list(validate_files([a, b], jobs=2))
    assert one == two and {o.source for o in two} == {str(a), str(b)}
    from ceasefire_terms.errors import InputError

    with pytest.raises(InputError, match="must be an existing file"):
        list(validate_files([a, tmp_path / "missing.jsonl"], jobs=2))


@pytest.mark.parametrize("head", [b"\xff\xfe", b"\xef\xbb\xbf", b""])
def test_first_line_marks_are_judged_as_in_one_process(tmp_path: Path, head: bytes) -> None:
    path = tmp_path / "marked.jsonl"
    lines = list(jsonl_lines(5, seed=4, invalid_rate=0.0))
    path.write_bytes(head + "\n".join(lines).encode() + b"\n")
    one = list(validate_files([path]))
    two = list(validate_files([path], jobs=2))
    assert one == two
    assert two[0].ok == (head != b"\xff\xfe")


@pytest.mark.parametrize("keep", [True, False])
def test_accepted_records_with_warnings_come_back_as_in_one_process(
    tmp_path: Path, keep: bool
) -> None:
    # real agreements, most of them accepted with warnings (published dates that differ
    # from the computed ones): a worker sends back their id and warnings only, and the
    # calling process rebuilds the same outcome from its own copy of the line
    from ceasefire_terms import examples

    path = tmp_path / "real.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for k in range(3):
            for a in examples.load_all():
                data = a.model_dump(mode="json", exclude_none=True)
                f.write(json.dumps({**data, "id": f"{a.id}-{k}"}, ensure_ascii=False) + "\n")
    one = list(validate_files([path], keep_agreements=keep))
    two = list(validate_files([path], jobs=2, keep_agreements=keep))
    assert sum(isinstance(o, ValidRecord) and bool(o.warnings) for o in one) >= 3
    assert two == one
    assert [o.to_dict() for o in two] == [o.to_dict() for o in one]
    assert [o.raw for o in two] == [o.raw for o in one]
    for a, b in zip(one, two, strict=True):
        assert isinstance(a, ValidRecord) and isinstance(b, ValidRecord)
        assert b.agreement == a.agreement  # parsed again from the line when kept
        assert (b.agreement is None) is not keep
