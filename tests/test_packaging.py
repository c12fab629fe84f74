"""Packaging facts a new user relies on: one version, a licence file, --version."""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from typer.testing import CliRunner

import ceasefire_terms as ct
from ceasefire_terms.cli.app import app

ROOT = Path(__file__).resolve().parents[1]


def test_version_has_one_source() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert ct.__version__ == metadata.version("ceasefire-terms") == project["version"]


def test_cli_prints_the_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"ceasefire-terms {ct.__version__}"


def test_licence_file_is_shipped_and_declared() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == "MIT"
    assert "LICENSE" in project["license-files"]
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")


def test_linters_are_not_test_dependencies() -> None:
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]
    test_names = " ".join(extras["test"])
    for tool in ("mypy", "ruff", "stubs"):
        assert tool not in test_names
        assert any(tool in d for d in extras["dev"])


def test_public_holidays_are_an_optional_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only a calendar naming a country needs the 'holidays' package; without it the error
    names the field and the extra to install."""
    import sys

    monkeypatch.setitem(sys.modules, "holidays", None)  # as if it were not installed
    cal = ct.BusinessCalendar(weekend=["fri", "sat"])  # no country: works without it
    assert cal.is_business_day(__import__("datetime").date(2025, 1, 26))
    with pytest.raises(ValueError, match=r"ceasefire-terms\[holidays\]"):
        ct.BusinessCalendar(weekend=["fri", "sat"], country="IL")
    core = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert not any(d.startswith("holidays") for d in core)
