"""The ecosystem commands, run in-process: ``plot``, ``schema``, and ``timeline`` in the CSV
and iCalendar formats. Exit codes: 0 success, 1 an invalid record, 2 usage or input errors."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import ceasefire_terms as ct
from ceasefire_terms.cli.app import app
from ceasefire_terms.schema import record_schema

runner = CliRunner()
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_plot_writes_a_png(gaza_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "timeline.png"
    result = runner.invoke(app, ["plot", str(gaza_path), "-o", str(out), "--as-of", "2025-02-10"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"wrote {out}"
    assert out.read_bytes().startswith(PNG_MAGIC)


def test_plot_without_as_of_uses_today(gaza_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "today.png"
    result = runner.invoke(app, ["plot", str(gaza_path), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 10_000


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "10 Feb"], "'--as-of' must be a date YYYY-MM-DD"),
        (["-o", "timeline.jpg"], "'--output' must be a .png file"),
    ],
)
def test_plot_usage_errors(gaza_path: Path, tmp_path: Path, args: list[str], message: str) -> None:
    cmd = ["plot", str(gaza_path), "-o", str(tmp_path / "t.png"), *args]
    result = runner.invoke(app, cmd)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_plot_missing_file_and_unwritable_output(gaza_path: Path, tmp_path: Path) -> None:
    missing = runner.invoke(app, ["plot", str(tmp_path / "nope.yaml"), "-o", "x.png"])
    assert missing.exit_code == 2 and "must be an existing file" in missing.stderr
    bad_dir = runner.invoke(app, ["plot", str(gaza_path), "-o", str(tmp_path / "no" / "x.png")])
    assert bad_dir.exit_code == 2 and "could not be written" in bad_dir.stderr


def test_plot_of_an_unresolvable_record_exits_1(tmp_path: Path) -> None:
    record = tmp_path / "cycle.json"
    record.write_text(
        json.dumps(
            {
                "id": "cyc",
                "title": "Cycle",
                "zone": "UTC",
                "phases": [
                    {"id": "p1", "start": "p2.end", "length": "3 days", "counting": "ordinal"},
                    {"id": "p2", "start": "p1.end", "length": "3 days", "counting": "ordinal"},
                ],
            }
        )
    )
    result = runner.invoke(app, ["plot", str(record), "-o", str(tmp_path / "c.png")])
    assert result.exit_code == 1 and "must not depend on itself" in result.stderr


def test_schema_prints_the_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == record_schema()


def test_schema_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "agreement.schema.json"
    result = runner.invoke(app, ["schema", "-o", str(out)])
    assert result.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8")) == record_schema()


def test_timeline_csv_rows_match_the_timeline(gaza_path: Path, gaza: ct.Agreement) -> None:
    result = runner.invoke(app, ["timeline", str(gaza_path), "--format", "csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    t = gaza.timeline()
    assert [r["id"] for r in rows] == [e.id for e in t.events]
    for row, e in zip(rows, t.events, strict=True):
        assert row["date"] == e.date.isoformat()
        assert row["at"] == ("" if e.at is None else e.at.isoformat())
        assert row["end_of_day"] == ("true" if e.end_of_day else "false")
        assert row["rule"] == e.rule


def test_timeline_ics_parses_back(gaza_path: Path, gaza: ct.Agreement) -> None:
    icalendar = pytest.importorskip("icalendar")
    result = runner.invoke(app, ["timeline", str(gaza_path), "--format", "ics"])
    assert result.exit_code == 0, result.output
    cal = icalendar.Calendar.from_ical(result.stdout_bytes)
    uids = {str(c["UID"]) for c in cal.walk("VEVENT")}
    assert uids == {f"gaza-2025/{e.id}" for e in gaza.timeline().events}


def test_timeline_ics_without_icalendar_names_the_extra(
    gaza_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "icalendar", None)
    monkeypatch.delitem(sys.modules, "ceasefire_terms.integrations.ics", raising=False)
    result = runner.invoke(app, ["timeline", str(gaza_path), "--format", "ics"])
    assert result.exit_code == 2
    assert 'pip install "ceasefire-terms[ics]"' in result.stderr
    assert "Traceback" not in result.output


def test_plot_without_matplotlib_names_the_extra(
    gaza_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.dates", None)
    result = runner.invoke(app, ["plot", str(gaza_path), "-o", str(tmp_path / "t.png")])
    assert result.exit_code == 2
    assert 'pip install "ceasefire-terms[plot]"' in result.stderr
