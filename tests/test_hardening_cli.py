"""Issue #13, command side: exit codes, one-line errors, output targets and signals, run as
real processes (``python -m ceasefire_terms``), as a user or a script would run them."""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ceasefire_terms.cli.app import run
from ceasefire_terms.pipeline.atomic import TMP_MARK

GOOD = '{"id": "g", "title": "G", "zone": "UTC"}'
BAD = '{"id": "b", "title": "B", "zone": "Mars/Base"}'
DST_GAP = """id: dst
title: DST gap
zone: Europe/London
effective: "2025-03-30 01:30 Europe/London"
"""
FORMULA = """id: csv
title: Formula
zone: UTC
effective: "2025-01-01"
phases:
  - id: one
    name: "=HYPERLINK(\\"http://example.invalid\\")"
    start: agreement.effective
    length: 2 days
    counting: ordinal
"""


def cli(*args: str) -> subprocess.CompletedProcess[bytes]:
    """Run the command line in this process (as ``main()`` does, minus the exit): quick, for
    exit codes and messages. Signals, devices and closed streams use :func:`process`."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    err = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run(list(args))
        out.flush()
    return subprocess.CompletedProcess(
        list(args), code, out.buffer.getvalue(), err.getvalue().encode("utf-8")
    )


def process(*args: str, shell_suffix: str = "") -> subprocess.CompletedProcess[bytes]:
    """Run the command line in a fresh process; ``shell_suffix`` adds shell redirections."""
    cmd = [sys.executable, "-m", "ceasefire_terms", *args]
    if shell_suffix:
        quoted = " ".join(f"'{c}'" for c in cmd)
        return subprocess.run(
            f"{quoted} {shell_suffix}", check=False, shell=True, capture_output=True, timeout=120
        )
    return subprocess.run(cmd, check=False, capture_output=True, timeout=120)


def one_error_line(result: subprocess.CompletedProcess[bytes]) -> str:
    err = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    return lines[0]


# -- 10. exit codes, the same in every command ----------------------------------------------


def test_exit_codes_0_valid_1_rejected_2_usage(tmp_path: Path) -> None:
    good, mixed = tmp_path / "good.jsonl", tmp_path / "mixed.jsonl"
    good.write_text(GOOD + "\n")
    mixed.write_text(f"{GOOD}\n{BAD}\n")
    assert cli("validate", str(good)).returncode == 0
    assert cli("validate", str(mixed)).returncode == 1
    missing = cli("validate", str(tmp_path / "missing.jsonl"))
    assert missing.returncode == 2 and "must be an existing file" in one_error_line(missing)


def test_an_invalid_record_and_a_dst_error_exit_1_in_every_command(tmp_path: Path) -> None:
    bad, dst = tmp_path / "bad.json", tmp_path / "dst.yaml"
    bad.write_text(BAD)
    dst.write_text(DST_GAP)
    for path in (bad, dst):
        for args in (["timeline"], ["status", "--on", "2025-03-30"], ["check"]):
            result = cli(args[0], str(path), *args[1:])
            assert result.returncode == 1, (path.name, args, result.stderr)
            if args[0] != "check":
                one_error_line(result)
    bad_on = cli("status", str(dst), "--on", "2025-13-01")
    assert bad_on.returncode == 1  # the record's own DST error comes first
    ok = tmp_path / "ok.json"
    ok.write_text(GOOD)
    bad_on = cli("status", str(ok), "--on", "2025-13-01")
    assert bad_on.returncode == 2 and "'--on'" in one_error_line(bad_on)


def test_an_internal_error_is_one_line_and_exit_70(tmp_path: Path) -> None:
    path = tmp_path / "ok.json"
    path.write_text(GOOD)
    code = (
        "import sys, ceasefire_terms.cli.app as app, ceasefire_terms.validation.checks as checks\n"
        "def broken(a): raise RuntimeError('simulated bug')\n"
        "checks.check = broken\n"
        f"sys.argv = ['ceasefire-terms', 'check', {str(path)!r}]\n"
        "app.main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, timeout=120
    )
    assert result.returncode == 70
    line = one_error_line(result)
    assert "internal error" in line and "RuntimeError: simulated bug" in line


# -- 2, 4, 5. what used to crash the record commands ------------------------------------------


def test_impossible_yaml_date_keeps_the_records_before_it(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- {id: a, title: A, zone: UTC}\n- {id: b, title: B, zone: UTC, "
                    "announced: 2025-02-30}\n")  # fmt: skip
    valid = tmp_path / "valid.jsonl"
    result = cli("validate", str(path), "--valid-out", str(valid))
    assert result.returncode == 1 and b"Traceback" not in result.stderr
    assert json.loads(valid.read_text())["id"] == "a"
    single = tmp_path / "one.yaml"
    single.write_text("id: b\ntitle: B\nzone: UTC\nannounced: 2025-02-30\n")
    for command in ("check", "timeline"):
        result = cli(command, str(single))
        assert result.returncode == 2 and "day is out of range" in one_error_line(result)


def test_lone_surrogate_and_deep_nesting_never_trace_back(tmp_path: Path) -> None:
    sur = tmp_path / "sur.json"
    sur.write_text('{"id": "x", "title": "\\ud800", "zone": "UTC"}')
    deep = tmp_path / "deep.json"
    deep.write_text('{"id": "x", "notes": ' + "[" * 20_000 + "]" * 20_000 + "}")
    for command in (["timeline", "--format=csv"], ["status", "--on=2025-01-01"]):
        result = cli(command[0], str(sur), command[1])
        assert result.returncode == 1 and "lone surrogate" in one_error_line(result)
        result = cli(command[0], str(deep), command[1])
        assert result.returncode == 2 and "deeper than" in one_error_line(result)


# -- 1. rejects are always writable ---------------------------------------------------------------


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_invalid_utf8_with_rejects_out(tmp_path: Path, jobs: str) -> None:
    path = tmp_path / "b.jsonl"
    path.write_bytes(b"\xff\xfe\x00garbage\x80\n")
    rejects = tmp_path / "r.jsonl"
    result = cli("validate", str(path), "--rejects-out", str(rejects), "--jobs", jobs)
    assert result.returncode == 1 and b"Traceback" not in result.stderr
    (rej,) = [json.loads(line) for line in rejects.read_text("utf-8").splitlines()]
    assert rej["raw_b64"] == "//4AZ2FyYmFnZYA="


# -- 9. output-side errors: one line, exit 2 ------------------------------------------------------


def test_outputs_that_cannot_be_written(tmp_path: Path) -> None:
    path = tmp_path / "ok.jsonl"
    path.write_text(GOOD + "\n")
    under_file = path / "x.jsonl"
    loop = tmp_path / "loop.jsonl"
    loop.symlink_to(loop.name)  # found by looking further: it was an internal error
    cases = {
        str(tmp_path): "must be a file to write (got a directory)",
        str(under_file): "must be in an existing directory",
        str(loop): "'--valid-out' could not be written: is a symbolic link loop",
    }
    if Path("/dev/full").exists():
        cases["/dev/full"] = "'--valid-out' could not be written: No space left on device"
    for target, message in cases.items():
        result = cli("validate", str(path), "--valid-out", target)
        assert result.returncode == 2 and message in one_error_line(result), target
    if os.geteuid() != 0:  # root writes into read-only directories
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o555)
        result = cli("validate", str(path), "--valid-out", str(locked / "v.jsonl"))
        assert result.returncode == 2 and "Permission denied" in one_error_line(result)


def test_stdout_full_and_stdin_closed(tmp_path: Path) -> None:
    full = process("examples", shell_suffix="> /dev/full")
    assert full.returncode == 2
    assert "standard output could not be written" in one_error_line(full)
    closed = process("validate", "-", shell_suffix="<&-")
    assert closed.returncode == 2 and "'-' is closed" in one_error_line(closed)


def test_an_output_that_is_the_input_under_another_name(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(GOOD + "\n")
    os.link(path, tmp_path / "hard.jsonl")
    result = cli("validate", str(path), "--valid-out", str(tmp_path / "hard.jsonl"))
    assert result.returncode == 2 and "both an input and an output" in one_error_line(result)
    assert path.read_text() == GOOD + "\n"


def test_stdout_that_cannot_hold_the_text(tmp_path: Path) -> None:
    cmd = [sys.executable, "-m", "ceasefire_terms", "timeline", "--example", "gaza-2025"]
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    result = subprocess.run(cmd, check=False, capture_output=True, timeout=120, env=env)
    assert result.returncode == 2 and "PYTHONIOENCODING=utf-8" in one_error_line(result)


# -- 12. symlinks and devices ---------------------------------------------------------------------


def test_valid_out_through_a_symlink_and_dev_stdout(tmp_path: Path) -> None:
    path = tmp_path / "ok.jsonl"
    path.write_text(GOOD + "\n")
    real = tmp_path / "real.jsonl"
    real.write_text("old\n")
    link = tmp_path / "link.jsonl"
    link.symlink_to(real)
    assert cli("validate", str(path), "--valid-out", str(link)).returncode == 0
    assert link.is_symlink() and real.read_text() == GOOD + "\n"
    through = process("validate", str(path), "--valid-out", "/dev/stdout", "--format=json")
    assert through.returncode == 0 and through.stdout.startswith(GOOD.encode())
    assert Path("/dev/stdout").is_symlink()
    # standard output redirected to a file: the records, then the summary, nothing overwritten
    # (found by looking further: reopening /dev/stdout started again at the top of the file)
    saved = tmp_path / "saved.txt"
    cmd = [sys.executable, "-m", "ceasefire_terms", "validate", str(path)]
    with saved.open("wb") as stdout:
        subprocess.run([*cmd, "--valid-out", "/dev/stdout", "--format=json"], stdout=stdout,
                       check=True, timeout=120)  # fmt: skip
    text = saved.read_text()
    assert text.startswith(GOOD + "\n") and json.loads(text[len(GOOD) + 1 :])["valid"] == 1


MARKUP = """id: markup
title: "Title [/] [red]x"
zone: UTC
effective: "2025-01-01"
phases:
  - id: one
    name: "Phase [/] [red]one"
    start: agreement.effective
    length: 2 days
    counting: ordinal
"""


def test_record_text_is_never_read_as_markup(tmp_path: Path) -> None:
    """Found by looking further: a title or phase name holding '[/]' crashed every table
    (exit 70), and '[red]' in one would have styled the output."""
    path = tmp_path / "m.yaml"
    path.write_text(MARKUP)
    for args in (["timeline"], ["status", "--on=2025-01-01"], ["check"]):
        result = cli(args[0], str(path), *args[1:])
        assert result.returncode == 0, result.stderr
        if args[0] != "check":
            assert "Phase [/] [red]one" in result.stdout.decode()
    article = tmp_path / "a.txt"
    article.write_text("The truce [/] lasts 42 days from January 19.\n")
    for args in ([], ["--draft"]):
        result = cli("extract", str(article), *args)
        assert result.returncode == 0, result.stderr


# -- 13 and 15. CSV and limits through the command line ------------------------------------------


def test_timeline_csv_neutralises_a_formula_label(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(FORMULA)
    result = cli("timeline", str(path), "--format", "csv")
    assert result.returncode == 0
    text = result.stdout.decode()
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text and ",2025-01-01," in text


def test_limits_are_usage_errors_that_name_the_option(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(FORMULA)
    started = time.monotonic()
    result = cli("timeline", str(path), "--renewals", "100000000")
    assert result.returncode == 2 and b"--renewals" in result.stderr
    assert b"Traceback" not in result.stderr and time.monotonic() - started < 60
    pytest.importorskip("matplotlib")
    for day in ("9999-12-31", "0001-01-01"):
        result = cli("plot", str(path), "-o", str(tmp_path / "p.png"), "--as-of", day)
        assert result.returncode == 2 and "'--as-of'" in one_error_line(result)


# -- 11. Ctrl-C, SIGTERM and kill -9 ---------------------------------------------------------------


def _big_input(tmp_path: Path) -> Path:
    path = tmp_path / "big.jsonl"
    line = (GOOD + "\n").encode()
    path.write_bytes(line * 400_000)
    return path


def _temps(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if TMP_MARK in p.name)


def _start(path: Path, out: Path, jobs: str) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "ceasefire_terms", "validate", str(path)]
    cmd += ["--valid-out", str(out), "--jobs", jobs]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while not _temps(out.parent) and time.monotonic() < deadline:  # wait until it writes
        time.sleep(0.05)
    assert _temps(out.parent), "the run never started writing"
    return proc


@pytest.mark.parametrize(
    ("jobs", "sig", "code"),
    [
        ("1", signal.SIGINT, 130),
        ("2", signal.SIGINT, 130),
        ("1", signal.SIGTERM, 143),
        ("2", signal.SIGTERM, 143),
    ],
)
def test_signals_give_one_line_and_leave_no_temporary_file(
    tmp_path: Path, jobs: str, sig: signal.Signals, code: int
) -> None:
    path = _big_input(tmp_path)
    out = tmp_path / "valid.jsonl"
    proc = _start(path, out, jobs)
    os.killpg(proc.pid, sig)  # as a terminal does for Ctrl-C: the whole process group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    one_error_line(subprocess.CompletedProcess([], code, b"", err))
    assert _temps(tmp_path) == [] and not out.exists()


def test_a_killed_run_leaves_a_findable_temporary_file_the_next_run_removes(
    tmp_path: Path,
) -> None:
    path = _big_input(tmp_path)
    out = tmp_path / "valid.jsonl"
    proc = _start(path, out, "1")
    os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)
    (left,) = _temps(tmp_path)
    assert left.startswith(f".valid.jsonl.{TMP_MARK}-{proc.pid}-") and left.endswith(".tmp")
    small = tmp_path / "small.jsonl"
    small.write_text(GOOD + "\n")
    assert cli("validate", str(small), "--valid-out", str(out)).returncode == 0
    assert _temps(tmp_path) == [] and out.read_text() == GOOD + "\n"
