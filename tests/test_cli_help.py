"""``--help`` of every command, the FILE/--example rule, the default day and completion
(issue #15)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import typer
from typer.testing import CliRunner

from ceasefire_terms import examples
from ceasefire_terms.cli.app import app
from ceasefire_terms.cli.help import tidy_help

runner = CliRunner()
GROUP = typer.main.get_command(app)
COMMANDS = sorted(GROUP.commands)  # type: ignore[attr-defined]
TYPE_DISPLAY = re.compile(r"<[a-z][a-z_ \[\]|,]*>")  # typer's '<bool>', '<path>', '<int range>'


def _help(args: list[str], width: int = 80) -> str:
    result = runner.invoke(app, [*args, "--help"], env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    return result.stdout


def _summary(name: str) -> str:
    text = tidy_help(GROUP.commands[name].help)  # type: ignore[attr-defined]
    assert text
    return text.split("\n\n")[0]


@pytest.mark.parametrize("args", [[], *([c] for c in COMMANDS)], ids=["app", *COMMANDS])
def test_help_at_80_columns_has_no_type_displays_and_no_long_line(args: list[str]) -> None:
    text = _help(args)
    for bad in ("<bool>", "<list[", "{", "<str>", "<path>"):
        assert bad not in text, f"{bad!r} in {args} --help"
    assert not TYPE_DISPLAY.search(text), TYPE_DISPLAY.search(text)
    assert max(len(line) for line in text.splitlines()) <= 80


def test_every_flag_shows_no_value_and_every_value_has_a_name() -> None:
    text = _help(["check"])
    strict = next(line for line in text.splitlines() if "--strict" in line)
    assert re.search(r"--strict\s+Count warnings as errors", strict)
    assert re.search(r"--example\s+NAME\s", text)
    assert re.search(r"--format\s+-f\s+\[table\|json\]", text)
    assert re.search(r"--on\s+WHEN\s", _help(["status"]))


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        ("timeline", "[OPTIONS] [FILE]"),
        ("validate", "[OPTIONS] FILES..."),
        ("conformance", "[OPTIONS] [NAME_OR_FILE...]"),
        ("import", "[OPTIONS] DATASET FILE"),
        ("export", "[OPTIONS] DATASET FILES..."),
    ],
)
def test_usage_names_arguments_in_capitals(command: str, usage: str) -> None:
    line = next(x for x in _help([command]).splitlines() if "Usage:" in x)
    assert line.split(f"ceasefire-terms {command} ")[1].strip() == usage


def test_each_command_summary_is_one_line_of_the_command_list() -> None:
    lines = _help([]).splitlines()
    for name in COMMANDS:
        summary = _summary(name)
        row = [x for x in lines if re.match(rf"^│ {name}\s", x)]
        assert len(row) == 1 and summary in row[0], (name, summary)


@pytest.mark.parametrize("command", COMMANDS)
def test_docstring_line_ends_do_not_reach_the_help(command: str) -> None:
    """At 200 columns every paragraph of a command's help prints on one line."""
    text = _help([command], width=200)
    help_text = tidy_help(GROUP.commands[command].help)  # type: ignore[attr-defined]
    assert help_text
    for paragraph in help_text.split("\n\n"):
        assert any(paragraph in line for line in text.splitlines()), paragraph


def test_tidy_help_joins_lines_and_keeps_paragraphs() -> None:
    doc = """First line
    goes on.

    Second paragraph
      wraps here.

    \b
    kept
    as is
    """
    assert (
        tidy_help(doc) == "First line goes on.\n\nSecond paragraph wraps here.\n\n\b\nkept\nas is"
    )


@pytest.mark.parametrize("command", ["timeline", "status", "check"])
def test_file_and_example_together_is_a_one_line_usage_error(command: str, gaza_path: Path) -> None:
    assert "--example NAME, not both" in " ".join(_help([command]).split())
    result = runner.invoke(app, [command, str(gaza_path), "--example", "gaza-2025"])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "mutually exclusive" in lines[0]
    neither = runner.invoke(app, [command])
    assert neither.exit_code == 2 and len(neither.stderr.splitlines()) == 1


def test_extract_has_a_short_format_flag(tmp_path: Path) -> None:
    text = tmp_path / "article.txt"
    text.write_text("The truce lasts 72 hours from 19 January 2025.", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(text), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert {m["kind"] for m in json.loads(result.stdout)} >= {"duration", "date"}


def test_conformance_format_is_a_choice() -> None:
    result = runner.invoke(app, ["conformance", "--format", "yaml"])
    assert result.exit_code == 2
    assert "yaml" in result.output and "markdown" in result.output
    ok = runner.invoke(app, ["conformance", "gaza-2025", "-f", "markdown"])
    assert ok.exit_code == 0, ok.output
    assert ok.stdout.startswith("# Conformance")


def _today(zone: str) -> set[str]:
    return {dt.datetime.now(ZoneInfo(zone)).date().isoformat()}


def test_status_defaults_to_today_in_the_agreements_zone() -> None:
    for name in ("gaza-2025", "karabakh-2020"):
        zone = examples.load(name).zone
        before = _today(zone)
        result = runner.invoke(app, ["status", "--example", name, "-f", "json"])
        after = _today(zone)
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["on"] in before | after
        table = runner.invoke(app, ["status", "--example", name])
        assert any(f" on {d} ({zone})" in table.stdout for d in before | after)
    assert "today in the agreement's zone" in " ".join(_help(["status"]).split())


def test_status_on_still_picks_the_day() -> None:
    result = runner.invoke(app, ["status", "--example", "gaza-2025", "--on", "2025-02-01"])
    assert result.exit_code == 0, result.output
    assert "on 2025-02-01 (Asia/Jerusalem)" in result.stdout
    assert "day 14" in result.stdout


def test_plot_defaults_to_today_and_says_so(gaza_path: Path, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    before = _today("Asia/Jerusalem")
    result = runner.invoke(app, ["plot", str(gaza_path), "-o", str(tmp_path / "t.png")])
    after = _today("Asia/Jerusalem")
    assert result.exit_code == 0, result.output
    assert any(f"as of today, {d} in Asia/Jerusalem" in result.stdout for d in before | after)
    assert "today in the agreement's zone" in " ".join(_help(["plot"]).split())


def test_shell_completion_is_offered_and_completes_bundled_names() -> None:
    text = _help([])
    assert "--install-completion" in text and "--show-completion" in text
    shown = runner.invoke(app, ["--show-completion", "bash"], prog_name="ceasefire-terms")
    assert shown.exit_code == 0 and "_CEASEFIRE_TERMS_COMPLETE" in shown.stdout
    env = {
        "_CEASEFIRE_TERMS_COMPLETE": "complete_bash",
        "COMP_WORDS": "ceasefire-terms timeline --example gaza",
        "COMP_CWORD": "3",
    }
    done = runner.invoke(app, [], env=env, prog_name="ceasefire-terms")
    assert done.exit_code == 0
    assert done.stdout.split() == [n for n in examples.names() if n.startswith("gaza")]
    env["COMP_WORDS"] = "ceasefire-terms timeline -f "
    formats = runner.invoke(app, [], env=env, prog_name="ceasefire-terms")
    assert formats.stdout.split() == ["table", "json", "csv", "ics"]
