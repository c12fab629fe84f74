"""``ceasefire-terms new``: a template that passes check, a copy of an example, no overwrite."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

import ceasefire_terms as ct
from ceasefire_terms import examples
from ceasefire_terms.cli.app import app

runner = CliRunner()


def test_the_template_passes_check_and_has_a_timeline(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    result = runner.invoke(app, ["new", str(target)])
    assert result.exit_code == 0, result.output
    text = target.read_text()
    assert text.count("\n#") + text.count("  # ") >= 5  # it explains itself
    a = ct.load_agreement(target)
    report = ct.check(a)
    assert report.ok and not report.warnings, report
    assert a.timeline()["phase-1.end"].date.isoformat() == "2025-03-01"
    assert runner.invoke(app, ["check", str(target)]).exit_code == 0


def test_new_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text("keep me")
    result = runner.invoke(app, ["new", str(target)])
    assert result.exit_code == 2
    assert "already exists" in result.output
    assert target.read_text() == "keep me"
    assert runner.invoke(app, ["new", str(target), "--force"]).exit_code == 0
    assert target.read_text() != "keep me"


def test_new_from_an_example_copies_it(tmp_path: Path) -> None:
    target = tmp_path / "gaza.yaml"
    result = runner.invoke(app, ["new", str(target), "--from-example", "gaza-2025"])
    assert result.exit_code == 0, result.output
    assert ct.load_agreement(target) == examples.load("gaza-2025")


def test_new_from_an_unknown_example_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["new", str(tmp_path / "x.yaml"), "--from-example", "nope"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.yaml").exists()
