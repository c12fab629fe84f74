"""The command line, run in-process: output and exit codes of timeline, status and check."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from ceasefire_terms.cli.app import app

runner = CliRunner()


def test_timeline_json_has_the_documented_shape(gaza_path: Path) -> None:
    result = runner.invoke(app, ["timeline", str(gaza_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["agreement"] == "gaza-2025"
    events = {e["id"]: e for e in data["events"]}
    assert events["phase-1.end"]["date"] == "2025-03-01"
    assert events["phase-1.end"]["at"] is None
    assert events["phase-2-talks"]["date"] == "2025-02-03"
    assert events["phase-1.start"]["at"] == "2025-01-19T11:15:00+02:00"
    for e in data["events"]:
        assert {"id", "label", "kind", "date", "at", "rule"} <= set(e)


def test_timeline_table_shows_dates_and_rules(gaza_path: Path) -> None:
    result = runner.invoke(app, ["timeline", str(gaza_path)])
    assert result.exit_code == 0
    assert "2025-03-01" in result.stdout and "ordinal" in result.stdout
    assert "Asia/Jerusalem" in result.stdout


def test_timeline_csv(gaza_path: Path) -> None:
    result = runner.invoke(app, ["timeline", str(gaza_path), "--format", "csv"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("id,label,kind,date,at")
    assert any(line.startswith("phase-1.end,Phase 1 ends,phase_end,2025-03-01") for line in lines)


def test_status_json(gaza_path: Path) -> None:
    result = runner.invoke(app, ["status", str(gaza_path), "--on", "2025-02-10", "-f", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["active"][0]["phase"] == "phase-1" and data["active"][0]["day"] == 23


def test_status_bad_date_is_a_usage_error(gaza_path: Path) -> None:
    result = runner.invoke(app, ["status", str(gaza_path), "--on", "10 Feb"])
    assert result.exit_code == 2
    assert "'--on' must be a date YYYY-MM-DD, YYYY-MM or YYYY; a date and time" in result.stderr
    assert "Traceback" not in result.output


def test_check_valid_with_warning(gaza_path: Path) -> None:
    result = runner.invoke(app, ["check", str(gaza_path), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["ok"] is True and data["warnings"][0]["code"] == "ratio-total"
    strict = runner.invoke(app, ["check", str(gaza_path), "--strict"])
    assert strict.exit_code == 1


def test_check_invalid_record_exits_1_with_paths(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitle: X\nzone: Mars/Olympus\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(bad), "--format", "json"])
    assert result.exit_code == 1
    (err,) = json.loads(result.stdout)["errors"]
    assert err["path"] == "zone" and "Mars/Olympus" in err["got"]


def test_check_semantic_error_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "id: x\ntitle: X\nzone: UTC\nsigned: 2025-02-01\neffective: 2025-01-01\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["check", str(bad)])
    assert result.exit_code == 1
    assert "must not be before 'signed'" in result.stdout


def test_missing_file_is_exit_2_without_traceback(tmp_path: Path) -> None:
    for cmd in (["timeline"], ["check"], ["status", "--on", "2025-01-01"]):
        result = runner.invoke(app, [*cmd, str(tmp_path / "missing.yaml")])
        assert result.exit_code == 2, cmd
        assert "must be an existing file" in result.stderr
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_unparseable_yaml_is_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [unclosed\n", encoding="utf-8")
    result = runner.invoke(app, ["timeline", str(bad)])
    assert result.exit_code == 2 and "valid YAML" in result.stderr


def test_usage_error_is_exit_2() -> None:
    assert runner.invoke(app, ["timeline", "--format", "pdf", "x.yaml"]).exit_code == 2
    assert runner.invoke(app, ["timeline"]).exit_code == 2
