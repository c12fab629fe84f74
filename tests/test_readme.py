"""The README as a new user reads it: every shown output is checked, every command exists.

The ``>>>`` examples are run with :mod:`doctest` from a copy of ``examples/`` (so the shown
output, not only that the block runs, is what is tested); every ``ceasefire-terms`` command in
the command table answers ``--help``; every linked document exists.
"""

from __future__ import annotations

import doctest
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ceasefire_terms.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text("utf-8")


def test_every_shown_output_is_what_the_library_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(
        ROOT / "examples", tmp_path / "examples", ignore=shutil.ignore_patterns("output", "*.ipynb")
    )
    monkeypatch.chdir(tmp_path)
    parser = doctest.DocTestParser()
    test = parser.get_doctest(README, {}, "README.md", str(ROOT / "README.md"), 0)
    assert len(test.examples) >= 10
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0


COMMANDS = sorted(set(re.findall(r"^\| `ceasefire-terms (\w[\w-]*)", README, re.M)))


def test_the_command_table_lists_real_commands() -> None:
    assert len(COMMANDS) >= 10


@pytest.mark.parametrize("command", COMMANDS)
def test_each_listed_command_answers_help(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output


def test_the_two_setup_commands_are_the_ones_ci_runs() -> None:
    blocks = re.findall(r"```bash\n(.*?)```", README, re.S)
    assert any(
        "pip install . && ceasefire-terms timeline examples/gaza_2025.yaml" in b for b in blocks
    )
    test_command = next(b for b in blocks if 'pip install -e ".[test]"' in b)
    assert test_command.strip().endswith("python -m pytest")
    assert "python -m pytest" in (ROOT / ".ci" / "run").read_text()


@pytest.mark.parametrize(
    "link", sorted(set(re.findall(r"\]\(((?:docs|examples)/[^)]+)\)", README)))
)
def test_every_linked_document_exists(link: str) -> None:
    assert (ROOT / link).exists(), link


def test_the_readme_stays_short() -> None:
    assert len(README.splitlines()) <= 200
