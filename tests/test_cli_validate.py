"""``ceasefire-terms validate``, run in-process: summaries, output files and exit codes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ceasefire_terms.cli.app import app
from ceasefire_terms.pipeline import Outcome
from ceasefire_terms.pipeline.synthetic import jsonl_lines

runner = CliRunner()

GOOD = '{"id": "g", "title": "G", "zone": "UTC"}'
BAD_ZONE = '{"id": "b", "title": "B", "zone": "Mars/Base"}'


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    path = tmp_path / "mixed.jsonl"
    path.write_text(f"{GOOD}\n{BAD_ZONE}\n\n{{oops\n{GOOD}\n")
    return path


def test_all_valid_exits_0_with_a_table(tmp_path: Path) -> None:
    path = tmp_path / "ok.jsonl"
    path.write_text(f"{GOOD}\n{GOOD}\n")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert "validation summary" in result.stdout
    assert "2 read: 2 valid, 0 rejected" in result.stdout


def test_rejections_exit_1_and_are_listed_with_lines(mixed: Path) -> None:
    result = runner.invoke(app, ["validate", str(mixed)])
    assert result.exit_code == 1
    out = result.stdout
    assert "5 read: 2 valid, 3 rejected" in out
    assert f"{mixed}:2: 'zone' must be an IANA time zone name" in out
    assert f"{mixed}:3: '<record>' must hold one JSON object (got an empty line)" in out
    assert f"{mixed}:4: '<record>' must be valid JSON" in out


def test_json_summary_has_the_documented_keys(mixed: Path, gaza_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(mixed), str(gaza_path), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert set(data) == {"read", "valid", "rejected", "warnings", "files"}
    assert (data["read"], data["valid"], data["rejected"], data["warnings"]) == (6, 3, 3, 1)
    assert data["files"] == [
        {"path": str(mixed), "read": 5, "valid": 2, "rejected": 3, "warnings": 0},
        {"path": str(gaza_path), "read": 1, "valid": 1, "rejected": 0, "warnings": 1},
    ]


def test_strict_counts_warnings_as_errors(gaza_path: Path) -> None:
    assert runner.invoke(app, ["validate", str(gaza_path)]).exit_code == 0
    result = runner.invoke(app, ["validate", str(gaza_path), "--strict", "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["rejected"] == 1


def test_outputs_hold_every_input_line_exactly_once(mixed: Path, tmp_path: Path) -> None:
    valid, rejects = tmp_path / "valid.jsonl", tmp_path / "rejects.jsonl"
    result = runner.invoke(
        app, ["validate", str(mixed), "--valid-out", str(valid), "--rejects-out", str(rejects)]
    )
    assert result.exit_code == 1
    assert valid.read_text().splitlines() == [GOOD, GOOD]
    rej = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert [(r["source"], r["line"]) for r in rej] == [
        (str(mixed), 2),
        (str(mixed), 3),
        (str(mixed), 4),
    ]
    assert all(
        r["errors"] and {"path", "expected", "got", "message"} <= set(r["errors"][0]) for r in rej
    )
    assert [r["raw"] for r in rej] == [BAD_ZONE, "", "{oops"]


def test_rejects_can_be_fixed_and_fed_again(mixed: Path, tmp_path: Path) -> None:
    rejects = tmp_path / "rejects.jsonl"
    runner.invoke(app, ["validate", str(mixed), "--rejects-out", str(rejects)])
    raw = json.loads(rejects.read_text().splitlines()[0])["raw"]
    fixed = tmp_path / "fixed.jsonl"
    fixed.write_text(raw.replace("Mars/Base", "UTC") + "\n")
    assert runner.invoke(app, ["validate", str(fixed)]).exit_code == 0


def test_stdin(mixed: Path) -> None:
    result = runner.invoke(app, ["validate", "-", "--format", "json"], input=mixed.read_bytes())
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["files"] == [
        {"path": "<stdin>", "read": 5, "valid": 2, "rejected": 3, "warnings": 0}
    ]


def test_jobs_give_the_same_output_files(tmp_path: Path) -> None:
    src = tmp_path / "many.jsonl"
    src.write_text("\n".join(jsonl_lines(600, seed=9, invalid_rate=0.05)) + "\n")
    outs = {}
    for jobs in ("1", "2"):
        v, r = tmp_path / f"v{jobs}.jsonl", tmp_path / f"r{jobs}.jsonl"
        args = ["validate", str(src), "-j", jobs, "--valid-out", str(v), "--rejects-out", str(r)]
        result = runner.invoke(app, [*args, "--format", "json"])
        assert result.exit_code == 1
        outs[jobs] = (result.stdout, v.read_bytes(), r.read_bytes())
    assert outs["1"] == outs["2"]
    summary = json.loads(outs["1"][0])
    assert summary["read"] == 600 == summary["valid"] + summary["rejected"]
    assert len(outs["1"][1].splitlines()) == summary["valid"]
    assert len(outs["1"][2].splitlines()) == summary["rejected"]


def test_missing_input_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    valid = tmp_path / "valid.jsonl"
    result = runner.invoke(
        app, ["validate", str(tmp_path / "nope.jsonl"), "--valid-out", str(valid)]
    )
    assert result.exit_code == 2
    assert "must be an existing file" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_directory_input_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 2
    assert "must be a file" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-", "-"], "may be given only once"),
        (["{mixed}", "--valid-out", "{out}", "--rejects-out", "{out}"], "must be different"),
        (["{mixed}", "--valid-out", "{mixed}"], "both an input and an output"),
        (["{mixed}", "--valid-out", "{tmp}/no/such/dir/v.jsonl"], "existing directory"),
    ],
)
def test_usage_errors_exit_2(mixed: Path, tmp_path: Path, args: list[str], message: str) -> None:
    filled = [a.format(mixed=mixed, out=tmp_path / "o.jsonl", tmp=tmp_path) for a in args]
    result = runner.invoke(app, ["validate", *filled])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_jobs_below_one_is_a_usage_error(mixed: Path) -> None:
    result = runner.invoke(app, ["validate", str(mixed), "--jobs", "0"])
    assert result.exit_code == 2


def test_no_progress_bar_when_not_a_terminal(mixed: Path) -> None:
    result = runner.invoke(app, ["validate", str(mixed), "--format", "json"])
    json.loads(result.stdout)  # stdout is the summary alone
    assert result.stderr == ""


def test_a_run_that_fails_midway_leaves_no_output_file(
    mixed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Output files appear under their final names only when the run completes."""
    # the command imports the pipeline when it runs (start-up time), from its module
    import ceasefire_terms.pipeline.records as cmd
    from ceasefire_terms.errors import InputError

    real = cmd.validate_files

    def failing(*args: object, **kwargs: object) -> Iterator[Outcome]:
        for i, o in enumerate(real(*args, **kwargs)):  # type: ignore[arg-type]
            if i == 3:
                raise InputError("could not be read: I/O error", path=str(mixed))
            yield o

    monkeypatch.setattr(cmd, "validate_files", failing)
    valid = tmp_path / "valid.jsonl"
    result = runner.invoke(app, ["validate", str(mixed), "--valid-out", str(valid)])
    assert result.exit_code == 2
    assert "could not be read" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mixed.jsonl"]


def test_progress_passes_every_outcome_through(mixed: Path) -> None:
    from ceasefire_terms.cli.pipeline_cmd import _progress
    from ceasefire_terms.pipeline import validate_files

    plain = list(validate_files([mixed]))
    shown = list(_progress(iter(validate_files([mixed])), enabled=True))
    assert shown == plain


def test_a_killed_run_leaves_no_file_under_the_final_name(tmp_path: Path) -> None:
    """SIGKILL mid-run (no chance to clean up): the partial output exists only under its
    temporary name."""
    import signal
    import subprocess
    import sys
    import time

    src = tmp_path / "many.jsonl"
    src.write_text("\n".join(jsonl_lines(4000, seed=3)) + "\n")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    final = out_dir / "valid.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-m", "ceasefire_terms", "validate", str(src), "--valid-out", str(final)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            temps = [p for p in out_dir.iterdir() if p.name.endswith(".tmp")]
            if temps and temps[0].stat().st_size > 0:
                break
            time.sleep(0.02)
        assert proc.poll() is None, "the run finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert not final.exists()
    assert [p.name.startswith(".valid.jsonl.") for p in out_dir.iterdir()] == [True]
