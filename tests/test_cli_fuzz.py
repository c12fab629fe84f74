"""Every command of ``ceasefire-terms`` fuzzed in this process (``scripts/fuzz_cli.py``), a
few hundred examples each, and a regression test for each fault the long runs found.

The long run is ``python scripts/fuzz_cli.py --command NAME --examples 100000``
(docs/guarantees.md gives the numbers of the last one); ``CEASEFIRE_CLI_FUZZ_EXAMPLES`` sets
the count here (default 200 per command).
"""

from __future__ import annotations

import contextlib
import errno
import gc
import importlib.util
import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pytest
import typer.main
from cli_helpers import cli, one_error_line

from ceasefire_terms.cli.app import app, run

if TYPE_CHECKING:
    from collections.abc import Buffer

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = int(os.environ.get("CEASEFIRE_CLI_FUZZ_EXAMPLES", "200"))


def _load_fuzzer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz_cli", ROOT / "scripts" / "fuzz_cli.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz_cli"] = module  # (dataclasses look their module up)
    spec.loader.exec_module(module)
    return module


fuzz_cli = _load_fuzzer()
GROUP = typer.main.get_command(app)
COMMANDS: dict[str, list[list[str]]] = {
    name: [list(p.opts) for p in command.params if p.param_type_name == "option"]
    for name, command in GROUP.commands.items()  # type: ignore[attr-defined]
}


def test_the_fuzzer_has_every_command() -> None:
    assert set(fuzz_cli.COMMANDS) == {*COMMANDS, "(root)"}


@pytest.mark.parametrize("command", [*sorted(COMMANDS), "(root)"])
def test_every_command_keeps_its_promises_under_fuzzing(command: str) -> None:
    if command == "plot":
        pytest.importorskip("matplotlib")
    tally = fuzz_cli.fuzz(command, EXAMPLES, seed=2026)
    assert tally.examples == EXAMPLES
    assert not tally.failures, fuzz_cli.report(command, tally)
    for opts in COMMANDS.get(command, []):  # and every option of the command was given
        assert tally.options & set(opts), f"{command}: {opts} never fuzzed"


# -- regression tests for what the long runs found ------------------------------------------


class _Full(io.RawIOBase):
    """A standard output on a full disk (until ``full`` is set to False)."""

    full = True

    def writable(self) -> bool:
        return True

    def write(self, b: Buffer) -> int:
        if self.full:
            raise OSError(errno.ENOSPC, "No space left on device")
        return len(memoryview(b))


@pytest.mark.skipif(not Path("/proc/self/fd/1").exists(), reason="Linux /proc")
def test_run_leaves_the_process_standard_output_alone() -> None:
    """Found by fuzzing: when standard output could not be written, ``run`` pointed the
    process's descriptor 1 at /dev/null (meant for the exit of the console command), which
    silenced everything the calling program or test printed after it."""
    before = os.readlink("/proc/self/fd/1")
    raw = _Full()
    out = io.TextIOWrapper(io.BufferedWriter(raw), encoding="utf-8")
    err = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run(["examples"])
    raw.full = False
    out.close()
    assert code == 2
    assert "standard output could not be written: No space left" in one_error_line(err.getvalue())
    assert os.readlink("/proc/self/fd/1") == before


def test_a_name_too_long_is_one_line_in_every_command(tmp_path: Path) -> None:
    """Found by fuzzing: ``Path.exists()`` raises on a name over 255 bytes (ENAMETOOLONG)."""
    long = str(tmp_path / ("n" * 300))
    good = tmp_path / "ok.jsonl"
    good.write_text('{"id": "g", "title": "G", "zone": "UTC"}\n')
    cases = [
        ["validate", long + ".jsonl"],
        ["validate", str(good), "--valid-out", long + ".jsonl"],
        ["check", long + ".yaml"],
        ["timeline", long + ".yaml"],
        ["extract", long + ".txt"],
        ["conformance", long],
        ["new", long + ".yaml"],
        ["import", "ucdp", long + ".csv", "--out", str(tmp_path / "o.jsonl")],
        ["export", "ucdp", str(good), "--out", long + ".csv"],
        ["schedule", long + ".csv"],
        ["link", "--ucdp", long + ".csv", "--pax", long + ".csv"],
    ]
    for args in cases:
        code, err = cli(*args)
        assert code == 2, (args, err)
        line = one_error_line(err)
        at = next(i for i, a in enumerate(args) if a.startswith(long))
        output = args[0] == "new" or args[at - 1] in ("--valid-out", "--out")
        # an input is never said to be an output that could not be written (it used to be)
        assert ("could not be written" in line) == output, (args, line)


def _damaged_workbook(path: Path) -> None:
    """A workbook whose sheet fails its checksum when it is read (stored, not compressed, so
    the damage reaches the check rather than the decompressor)."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["cc", "cf_id", "uniq_id"])
    sheet.append(["840", "33", "840033"])
    good = path.with_suffix(".good.xlsx")
    book.save(good)
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, src.read(item.filename), zipfile.ZIP_STORED)
    data = bytearray(path.read_bytes())
    at = data.index(b"840033")
    data[at] = ord("9")
    path.write_bytes(bytes(data))
    good.unlink()


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="Linux /proc")
def test_a_damaged_workbook_is_an_input_error_and_is_closed(tmp_path: Path) -> None:
    """Found by fuzzing: a bad checksum inside an .xlsx escaped as ``BadZipFile`` (exit 70,
    an internal error), and a workbook openpyxl could not open was never closed."""
    damaged = tmp_path / "damaged.xlsx"
    _damaged_workbook(damaged)
    not_a_zip = tmp_path / "text.xlsx"
    not_a_zip.write_bytes(b"cc,cf_id\n1,2\n")
    fds = len(os.listdir("/proc/self/fd"))
    for path in (damaged, not_a_zip):
        for args in (["schedule", str(path)], ["import", "ethprio", str(path), "-o",
                                               str(tmp_path / "o.jsonl")]):  # fmt: skip
            code, err = cli(*args)
            assert code == 2, err
            assert "must be a readable .xlsx workbook" in one_error_line(err)
    assert len(os.listdir("/proc/self/fd")) == fds


def test_no_command_says_why_it_exits_2() -> None:
    """Found by fuzzing: the bare program printed its help and exited 2 without a word on
    stderr."""
    code, err = cli()
    assert code == 2
    assert "missing command" in one_error_line(err)


def test_a_dead_worker_never_hangs_the_run() -> None:
    """Found while running the suite under load (one run in four to eight hung for ever): a
    replacement for a dead worker was forked by the pool's worker-handler thread, killed when
    that thread ended (PR_SET_PDEATHSIG follows the thread), and killed holding the task
    queue's lock, which ``Pool.terminate`` then waited for. Ten runs in a row, in a child
    process that must end within two minutes."""
    code = (
        "import os\n"
        "from ceasefire_terms.pipeline import validate_records\n"
        "from ceasefire_terms.pipeline.parallel import WorkerDied\n"
        "class Kills(dict):\n"
        "    def __reduce__(self):\n"
        "        return (os._exit, (9,))\n"
        "good = {'id': 'g', 'title': 'G', 'zone': 'UTC'}\n"
        "for _ in range(10):\n"
        "    try:\n"
        "        list(validate_records([dict(good), Kills(good)], jobs=2))\n"
        "    except WorkerDied:\n"
        "        continue\n"
        "    raise SystemExit('no WorkerDied')\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


def test_the_long_run_script_prints_its_numbers(tmp_path: Path) -> None:
    script = ROOT / "scripts" / "fuzz_cli.py"
    args = ["--command", "examples", "--examples", "20", "--keep", str(tmp_path / "keep")]
    result = subprocess.run(
        [sys.executable, str(script), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "examples: 20 examples run" in result.stdout and "0 failure(s)" in result.stdout
    assert "examples/s" in result.stdout
    shutil.rmtree(tmp_path / "keep", ignore_errors=True)


def test_schedule_prints_text_from_the_file_as_written(tmp_path: Path) -> None:
    """Found by fuzzing: a row's reason quotes the text it could not read, and the schedule
    table read it as rich markup: '[/]' in the file was an internal error (exit 70)."""
    path = tmp_path / "rows.jsonl"
    path.write_text("cc,cf_id [/] [red]x\n")
    code, err = cli("schedule", str(path))
    assert code == 0 and not err, err
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    with contextlib.redirect_stdout(out):
        assert run(["schedule", str(path)]) == 0
        out.flush()
    assert "[/] [red]x" in out.buffer.getvalue().decode()


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts descriptors on Linux")
def test_a_parallel_run_stopped_by_an_output_error_gives_back_its_descriptors(
    tmp_path: Path,
) -> None:
    # Found by the long fuzz run of `validate`: with --jobs 4 and --rejects-out /dev/full the
    # run stops at the first rejection, and the pool's pipes (14 for four workers) stayed open
    # until some later garbage collection. The collector is off here, as it may be at any
    # moment of a long-lived process, so only the run itself can give them back.
    from ceasefire_terms import examples

    # a bundled agreement with warnings, so --strict rejects it; one task per file, read as
    # YAML (the path on which the fuzzer found it)
    record = examples.load("gaza-pause-2023").model_dump_json(exclude_none=True)
    files = [tmp_path / "a.yml", tmp_path / "b.yml"]
    for f in files:
        f.write_text(record, "utf-8")
    argv = ["validate", *map(str, files), "--strict", "--rejects-out", "/dev/full", "--jobs", "4"]
    fds = Path("/proc/self/fd")
    gc.disable()
    try:
        before = len(list(fds.iterdir()))
        result = fuzz_cli.run_in_process(argv, b"", tmp_path)
        after = len(list(fds.iterdir()))
    finally:
        gc.enable()
    assert result.code == 2, result.err
    assert "'--rejects-out' could not be written" in result.err
    assert after == before
