"""Issue #13, library side: each fault found by the attack on the loaders and pipelines, as a
test that fails on the code before the fix."""

from __future__ import annotations

import base64
import datetime as dt
import itertools
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest

import ceasefire_terms as ct
from ceasefire_terms.errors import InputError, LimitError, RecordError
from ceasefire_terms.io.export import csv_text, frame_csv, timeline_csv
from ceasefire_terms.io.load import load_agreement
from ceasefire_terms.model.agreement import MAX_RENEWALS
from ceasefire_terms.pipeline import validate_files, validate_records
from ceasefire_terms.pipeline.atomic import TMP_MARK, atomic_writer, leftovers
from ceasefire_terms.pipeline.parallel import RANGE_LINES, WorkerDied, _cuts
from ceasefire_terms.pipeline.records import Rejection

GOOD = {"id": "x", "title": "X", "zone": "UTC"}
GOOD_LINE = json.dumps(GOOD).encode()


def _outcomes(path: Path, jobs: int = 1) -> list[Any]:
    return list(validate_files([path], jobs=jobs, keep_agreements=False))


# -- 1. the raw text of a rejection is always writable ----------------------------------------

UNDECODABLE = {
    "utf16-bom-garbage.jsonl": b"\xff\xfe\x00garbage\x80\n",
    "utf16.jsonl": GOOD_LINE.decode().encode("utf-16") + b"\n",
    "surrogate-bytes.jsonl": b'{"id": "x", "title": "\xed\xa0\x80", "zone": "UTC"}\n',
    "bad-utf8.yaml": b"id: x\ntitle: \xff\xfe\nzone: UTC\n",
    "surrogate-bytes.json": b'{"id": "x", "title": "\xed\xa0\x80", "zone": "UTC"}',
}


@pytest.mark.parametrize("name", sorted(UNDECODABLE))
@pytest.mark.parametrize("jobs", [1, 2])
def test_undecodable_input_is_rejected_with_its_exact_bytes_in_raw_b64(
    tmp_path: Path, name: str, jobs: int
) -> None:
    path = tmp_path / name
    path.write_bytes(UNDECODABLE[name])
    (o,) = _outcomes(path, jobs)
    assert isinstance(o, Rejection) and o.errors[0]["code"] == "encoding"
    d = o.to_dict()
    json.dumps(d, ensure_ascii=False).encode("utf-8")  # what --rejects-out writes
    assert d["raw_b64"] is not None and "\ufffd" in d["raw"]
    kept = base64.b64decode(d["raw_b64"])
    whole_document = name.endswith((".yaml", ".json"))  # a document keeps its final newline
    assert kept == (UNDECODABLE[name] if whole_document else UNDECODABLE[name][:-1])


def test_valid_text_has_no_raw_b64() -> None:
    (o,) = validate_records(['{"id": "x", "title": "Ateşkes", "zone": "UTC", "bad": 1}'])
    assert o.to_dict()["raw_b64"] is None and "Ateşkes" in o.to_dict()["raw"]


# -- 2. an impossible date in YAML ----------------------------------------------------------


def test_impossible_yaml_date_rejects_only_its_record(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text(
        "- {id: a, title: A, zone: UTC}\n"
        "- id: b\n  title: B\n  zone: UTC\n  announced: 2025-02-30\n"
        "- {id: c, title: C, zone: UTC}\n"
    )
    a, b, c = _outcomes(path)
    assert (a.ok, b.ok, c.ok) == (True, False, True)
    assert b.line == 2 and "line 5" in b.message and "day is out of range" in b.message
    single = tmp_path / "one.yaml"
    single.write_text("id: b\ntitle: B\nzone: UTC\nannounced: 2025-02-30\n")
    with pytest.raises(InputError, match=r"line 4.*2025-02-30"):
        load_agreement(single)


def test_a_control_character_in_yaml_is_a_rejection(tmp_path: Path) -> None:
    """Found by the fuzz test: PyYAML's reader refuses it before parsing starts."""
    path = tmp_path / "nul.yaml"
    path.write_bytes(b"\x00id: x\n")
    (o,) = _outcomes(path)
    assert not o.ok and "#x0000" in o.message and "\n" not in o.message
    with pytest.raises(InputError, match="#x0000"):
        load_agreement(path)


def test_a_comment_only_yaml_document_is_an_empty_rejection(tmp_path: Path) -> None:
    """Found by the fuzz test: it gave no outcome at all (read 0)."""
    path = tmp_path / "comment.yaml"
    path.write_text("# nothing here\n# nor here\n")
    (o,) = _outcomes(path)
    assert not o.ok and o.errors[0]["code"] == "empty"


@pytest.mark.parametrize("text", ["[", '[{"id": "x"},', "[] {}", "[ ]\n[]"])
def test_a_json_list_cut_short_or_followed_by_more_is_a_rejection(
    tmp_path: Path, text: str
) -> None:
    """Found by the fuzz test: these gave no rejection (records silently lost)."""
    path = tmp_path / "cut.json"
    path.write_text(text)
    outcomes = _outcomes(path)
    assert outcomes and outcomes[-1].errors[0]["code"] == "json-invalid", outcomes


# -- 3. integers over 4,300 digits ------------------------------------------------------------


def test_overlong_integer_rejects_only_its_record(tmp_path: Path) -> None:
    huge = "9" * 5000
    path = tmp_path / "list.json"
    path.write_text(f'[{json.dumps(GOOD)}, {{"id": "y", "n": {huge}}}, {json.dumps(GOOD)}]')
    a, b, c = _outcomes(path)
    assert (a.ok, b.ok, c.ok) == (True, False, True)
    assert b.errors[0]["code"] == "number-too-long" and "4,300 digits" in b.message
    line = tmp_path / "one.jsonl"
    line.write_text(f'{{"id": "y", "title": "Y", "zone": "UTC", "n": {huge}}}\n')
    (o,) = _outcomes(line)
    assert o.errors[0]["code"] == "number-too-long"
    (m,) = validate_records([{**GOOD, "notes": 10**5000}])
    assert not m.ok and all(e.get("code") != "internal-error" for e in m.errors), m.errors
    for rej in (b, o, m):
        assert "set_int_max_str_digits" not in json.dumps(rej.to_dict())
    doc = tmp_path / "one.json"
    doc.write_text(f'{{"id": "y", "n": {huge}}}')
    with pytest.raises(InputError, match="4,300 digits") as err:
        load_agreement(doc)
    assert "set_int_max_str_digits" not in str(err.value)
    ydoc = tmp_path / "one.yaml"
    ydoc.write_text(f"id: y\nn: {huge}\n")
    with pytest.raises(InputError, match=r"line 2.*4,300 digits"):
        load_agreement(ydoc)


# -- 4. lone surrogates: one verdict whatever the form ------------------------------------------


def test_lone_surrogate_is_rejected_in_every_form(tmp_path: Path) -> None:
    escaped = '{"id": "x", "title": "\\ud800", "zone": "UTC"}'
    forms: dict[str, Any] = {}
    (tmp_path / "r.json").write_text(escaped)
    (tmp_path / "r.yaml").write_text('id: x\ntitle: "\\ud800"\nzone: UTC\n')
    (tmp_path / "r.jsonl").write_text(escaped + "\n")
    for name in ("r.json", "r.yaml", "r.jsonl"):
        (forms[name],) = _outcomes(tmp_path / name)
    (forms["dict"],) = validate_records([{**GOOD, "title": "\ud800"}])
    (forms["key"],) = validate_records([{**GOOD, "parties": [{"\udfff": 1}]}])
    for name, o in forms.items():
        assert not o.ok, name
        json.dumps(o.to_dict(), ensure_ascii=False).encode("utf-8")
    assert forms["dict"].errors[0]["path"] == "title"
    for name in ("r.json", "r.yaml"):
        with pytest.raises(RecordError, match="lone surrogate"):
            load_agreement(tmp_path / name)


# -- 5. deep nesting in documents ------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_deep_nesting_is_an_error_not_a_recursion_error(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"deep.{fmt}"
    path.write_text('{"id": "x", "notes": ' + "[" * 20_000 + "]" * 20_000 + "}")
    with pytest.raises((InputError, RecordError), match="deeper than"):
        load_agreement(path)
    (o,) = _outcomes(path)
    assert not o.ok and o.errors[0]["code"] == "too-deep"


# -- 6. a file whose reported size is 0 ----------------------------------------------------------


@pytest.mark.skipif(not Path("/proc/version").exists(), reason="needs Linux /proc")
def test_jobs_2_reads_a_file_that_reports_size_0() -> None:
    assert os.stat("/proc/version").st_size == 0
    one, two = _outcomes(Path("/proc/version"), 1), _outcomes(Path("/proc/version"), 2)
    assert len(one) == 1 and [o.to_dict() for o in two] == [o.to_dict() for o in one]


# -- 7. records that cannot be pickled; an input that fails partway ---------------------------


def test_unpicklable_records_validate_with_jobs_2() -> None:
    recs = [MappingProxyType({**GOOD, "id": f"r{i}"}) for i in range(300)]
    one = [o.to_dict() for o in validate_records(recs, jobs=1)]
    two = [o.to_dict() for o in validate_records(recs, jobs=2)]
    assert one == two and all(d["ok"] for d in two)


def _failing(n: int) -> Iterator[dict[str, str]]:
    for i in range(n):
        yield {**GOOD, "id": f"r{i}"}
    raise RuntimeError("the feed broke")


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_input_that_raises_partway_delivers_what_came_before(jobs: int) -> None:
    got = []
    with pytest.raises(RuntimeError, match="the feed broke"):
        for o in validate_records(_failing(600), jobs=jobs):
            got.append(o.agreement_id)
    assert got == [f"r{i}" for i in range(600)]


class _KillsItsWorker(dict[str, str]):
    """Unpickling it in a worker ends that process, as the out-of-memory killer would."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (os._exit, (9,))


def test_a_worker_that_dies_stops_the_run_instead_of_hanging() -> None:
    recs: list[dict[str, str]] = [dict(GOOD), _KillsItsWorker(GOOD)]
    with pytest.raises(WorkerDied, match="worker process ended"):
        list(validate_records(recs, jobs=2))


def test_library_arguments_are_checked(tmp_path: Path) -> None:
    """Found by looking further: a single path string was read as one path per character,
    --jobs had no upper bound (a fork bomb), and limits of 0 or less were accepted."""
    from ceasefire_terms.pipeline import Limits
    from ceasefire_terms.pipeline.records import MAX_JOBS

    one = tmp_path / "one.jsonl"
    one.write_text(GOOD_LINE.decode() + "\n")
    assert [o.ok for o in validate_files(str(one))] == [True]
    with pytest.raises(LimitError) as err:
        list(validate_records([GOOD], jobs=MAX_JOBS + 1))
    assert err.value.path == "jobs"
    with pytest.raises(ct.CeasefireTermsError, match="max_depth"):
        Limits(max_depth=0)


# -- 16. bounded in-flight work -----------------------------------------------------------------


def test_ranges_hold_a_bounded_number_of_lines(tmp_path: Path) -> None:
    path = tmp_path / "tiny.jsonl"
    path.write_bytes(b"x\n" * (3 * RANGE_LINES + 5))
    ranges = list(_cuts(str(path), 512 * 1024))
    data = path.read_bytes()
    assert ranges[0][0] == 0 and ranges[-1][1] == len(data)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(ranges))
    assert max(data[s:e].count(b"\n") for s, e, _ in ranges) == RANGE_LINES
    assert [n for _, _, n in ranges] == [data[s:e].count(b"\n") for s, e, _ in ranges]
    assert len(_outcomes(path, 2)) == 3 * RANGE_LINES + 5


# -- 13. CSV formula injection ------------------------------------------------------------------


def _agreement(name: str) -> ct.Agreement:
    return ct.parse_agreement(
        {
            "id": "csv",
            "title": "CSV",
            "zone": "UTC",
            "effective": "2025-01-01",
            "phases": [
                {
                    "id": "p",
                    "name": name,
                    "start": "agreement.effective",
                    "length": "2 days",
                    "counting": "ordinal",
                }
            ],
        }
    )


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_timeline_csv_neutralises_formulas_in_text_cells_only(start: str) -> None:
    t = _agreement(f"{start}HYPERLINK(1)").timeline()
    rows = timeline_csv(t).splitlines()
    label = t.events[-1].label
    assert label.startswith(start)  # the timeline itself keeps the true text
    assert any(f"'{start}HYPERLINK(1)" in r for r in rows) or start == "\r"
    assert not any(cell.startswith(start) for r in rows[1:] for cell in r.split(","))
    assert ",2025-01-02," in rows[-1]  # dates untouched


def test_frame_csv_keeps_numbers_and_dates() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {
            "label": ["=1+2", "-3 days", "ok"],
            "n": [-1.5, 2.0, None],
            "day": [dt.date(2025, 1, 1), None, dt.date(2025, 1, 3)],
        }
    )
    assert frame_csv(frame).splitlines() == [
        "label,n,day",
        "'=1+2,-1.5,2025-01-01",
        "'-3 days,2.0,",
        "ok,,2025-01-03",
    ]
    pl = pytest.importorskip("polars")
    assert frame_csv(pl.from_pandas(frame)).splitlines()[1] == "'=1+2,-1.5,2025-01-01"
    assert csv_text("plain") == "plain"


# -- 15. limits -----------------------------------------------------------------------------


def test_renewals_over_the_limit_raise_a_limit_error() -> None:
    a = _agreement("p")
    with pytest.raises(LimitError) as err:
        a.timeline(renewals=100_000_000)
    assert err.value.path == "renewals" and err.value.got == 100_000_000
    assert f"{MAX_RENEWALS:,}" in str(err.value)


def test_plot_limits_and_far_dates() -> None:
    pytest.importorskip("matplotlib")
    from ceasefire_terms.integrations.plot import MAX_PLOT_PHASES, plot_timeline

    many = ct.parse_agreement(
        {
            "id": "many",
            "title": "Many",
            "zone": "UTC",
            "effective": "2025-01-01",
            "phases": [
                {
                    "id": f"p{i}",
                    "start": "agreement.effective",
                    "length": "2 days",
                    "counting": "ordinal",
                }
                for i in range(MAX_PLOT_PHASES + 1)
            ],
        }
    )
    with pytest.raises(LimitError, match="at most 100") as err:
        plot_timeline(many)
    assert err.value.path == "phases"
    for day in ("9999-12-31", "0001-01-01"):
        with pytest.raises(LimitError) as err:
            plot_timeline(_agreement("p"), as_of=day)
        assert err.value.path == "as_of"
    from ceasefire_terms.integrations.plot import save_timeline_png

    forty = many.model_copy(update={"phases": many.phases[:60]})
    with pytest.raises(LimitError, match="pixels") as err:
        save_timeline_png(forty, "never-written.png", dpi=600)
    assert err.value.path == "dpi" and not Path("never-written.png").exists()


# -- 12 and 11. the atomic writer: links, devices, directories, leftovers ---------------------


def test_atomic_writer_follows_a_symlink_and_keeps_it(tmp_path: Path) -> None:
    real = tmp_path / "real.jsonl"
    real.write_text("old\n")
    link = tmp_path / "link.jsonl"
    link.symlink_to(real)
    with atomic_writer(link) as f:
        f.write("new\n")
    assert link.is_symlink() and real.read_text() == "new\n"


def test_atomic_writer_writes_through_a_device_and_a_fifo(tmp_path: Path) -> None:
    with atomic_writer("/dev/null") as f:
        f.write("x\n")
    assert Path("/dev/null").is_char_device()
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    with atomic_writer(fifo) as f:
        f.write("through\n")
    reader.join(10)
    assert got == [b"through\n"] and fifo.is_fifo()


def test_atomic_writer_refuses_a_directory(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError), atomic_writer(tmp_path) as f:
        f.write("x")


def test_leftovers_of_a_killed_writer_are_named_and_removed_by_the_next_write(
    tmp_path: Path,
) -> None:
    target = tmp_path / "out.jsonl"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    stale = tmp_path / f".out.jsonl.{TMP_MARK}-{int(dead.stdout)}-abc.tmp"
    live = tmp_path / f".out.jsonl.{TMP_MARK}-{os.getppid()}-def.tmp"
    stale.write_text("half")
    live.write_text("in use")
    assert leftovers(target) == [stale]
    with atomic_writer(target) as f:
        f.write("{}\n")
    assert not stale.exists() and live.exists() and target.read_text() == "{}\n"
