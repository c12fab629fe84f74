"""Start-up: a command loads only what it uses (checked by module, never by timing)."""

from __future__ import annotations

import copy
import importlib
import subprocess
import sys
from pathlib import Path

import pytest
import typer
import typer.main
from typer.testing import CliRunner

from ceasefire_terms.cli.app import LAZY_COMMANDS, app
from ceasefire_terms.cli.help import Group

ROOT = Path(__file__).resolve().parent.parent
NOT_FOR_TIMELINE = (
    "ceasefire_terms.pipeline",
    "ceasefire_terms.extraction",
    "ceasefire_terms.conformance",
    "ceasefire_terms.validation",
    "ceasefire_terms.integrations",
    *(f"ceasefire_terms.cli.{module}" for module in LAZY_COMMANDS.values()),
    "ceasefire_terms.examples",
    "rich.progress",
    "msgspec",
    "pandas",
    "holidays",
)


def _loaded_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return set(out.stdout.split())


def test_the_timeline_command_loads_only_what_it_uses() -> None:
    code = (
        "import sys\n"
        "from ceasefire_terms.cli.app import app\n"
        "try:\n"
        "    app(['timeline', 'examples/gaza_2025.yaml', '--format', 'json'])\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
    )
    loaded = _loaded_after(code)
    assert "ceasefire_terms.dates.resolve" in loaded  # the probe did run the command
    assert not {m for m in loaded if m.startswith(NOT_FOR_TIMELINE)}


MODEL_AND_ENGINE = ("yaml", "dateutil", "ceasefire_terms.model.agreement", "ceasefire_terms.dates")


@pytest.mark.parametrize(
    ("args", "never"),
    [
        (["--version"], ("pydantic", *MODEL_AND_ENGINE)),
        # typer (0.29) coerces a command's parameters with pydantic, so help loads pydantic
        (["timeline", "--help"], MODEL_AND_ENGINE),
        (["status", "--help"], MODEL_AND_ENGINE),
        (["--help"], MODEL_AND_ENGINE),
        (["import", "--help"], MODEL_AND_ENGINE),
        (["conformance", "--help"], MODEL_AND_ENGINE),
    ],
)
def test_version_and_help_load_no_model_or_engine(args: list[str], never: tuple[str, ...]) -> None:
    loaded = _loaded_after(f"from ceasefire_terms.cli.app import run\nassert run({args!r}) == 0\n")
    assert "ceasefire_terms.cli.app" in loaded  # the probe did run
    assert not {m for m in loaded if m.startswith(never)}


def test_importing_the_package_builds_no_model() -> None:
    loaded = _loaded_after("import ceasefire_terms")
    assert not {m for m in loaded if m.startswith(("ceasefire_terms.", "pydantic", "yaml"))}


def test_every_command_still_registers() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "ceasefire_terms", "--help"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    for command in ("timeline", "status", "check", "extract", "validate", "conformance"):
        assert command in out.stdout


def test_importing_the_model_and_the_engine_builds_no_validator() -> None:
    # A class's validator is built on its first use (defer_build): importing the record and
    # the date engine builds none, so a command pays only for the classes it uses.
    code = (
        "import pydantic\n"
        "import ceasefire_terms.model.agreement, ceasefire_terms.dates.resolve\n"
        "import ceasefire_terms.model.provenance as provenance\n"
        "built = [\n"
        "    f'{m.__name__}.{c.__name__}'\n"
        "    for m in [provenance, *(sys.modules[n] for n in list(sys.modules)\n"
        "              if n.startswith(('ceasefire_terms.model', 'ceasefire_terms.dates')))]\n"
        "    for c in vars(m).values()\n"
        "    if isinstance(c, type) and issubclass(c, pydantic.BaseModel)\n"
        "    and c is not pydantic.BaseModel and c.__pydantic_complete__\n"
        "]\n"
        "assert not built, built\n"
    )
    _loaded_after("import sys\n" + code)


def _eager() -> typer.Typer:
    """The application with every command module registered up front, as it used to be."""
    eager = copy.copy(app)
    eager.info = copy.copy(app.info)
    eager.info.cls = Group
    eager.registered_commands = list(app.registered_commands)
    for module in dict.fromkeys(LAZY_COMMANDS.values()):
        importlib.import_module(f"ceasefire_terms.cli.{module}").register(eager)
    return eager


def test_the_lazy_table_names_what_each_module_registers_in_order() -> None:
    for module in dict.fromkeys(LAZY_COMMANDS.values()):
        own = typer.Typer()
        importlib.import_module(f"ceasefire_terms.cli.{module}").register(own)
        registered = [c.name for c in own.registered_commands]
        assert registered == [n for n, m in LAZY_COMMANDS.items() if m == module], module
    group = typer.main.get_command(app)
    names = list(group.commands)  # type: ignore[attr-defined]
    assert names == [*names[: len(app.registered_commands)], *LAZY_COMMANDS]
    assert not set(names[: len(app.registered_commands)]) & set(LAZY_COMMANDS)


def test_looking_up_one_command_builds_only_its_module() -> None:
    code = (
        "import sys, typer.main\n"
        "from ceasefire_terms.cli.app import app\n"
        "group = typer.main.get_command(app)\n"
        "names = list(group.commands)\n"
        "assert 'link' in group.commands and 'validate' in names\n"
        "group.get_command(group.context_class(group), 'export')\n"
    )
    loaded = {m for m in _loaded_after(code) if m.startswith("ceasefire_terms.cli.")}
    assert loaded == {
        "ceasefire_terms.cli.app",
        "ceasefire_terms.cli.common",
        "ceasefire_terms.cli.help",
        "ceasefire_terms.cli.layout",
        "ceasefire_terms.cli.datasets_cmd",
    }


ARGS = [
    [],
    ["--help"],
    *([name, "--help"] for name in ("timeline", "status", "check", *LAZY_COMMANDS)),
    ["timlin"],
    ["valdate", "x.jsonl"],
    ["--bogus"],
    ["export", "--bogus"],
    ["schema", "--format", "nope"],
]


@pytest.mark.parametrize("args", ARGS, ids=[" ".join(a) or "none" for a in ARGS])
@pytest.mark.parametrize("width", [60, 200])
def test_lazy_commands_show_and_fail_exactly_as_eager_ones(args: list[str], width: int) -> None:
    runner = CliRunner()
    env = {"COLUMNS": str(width)}
    lazy, eager = (runner.invoke(a, args, env=env) for a in (app, _eager()))
    assert (lazy.exit_code, lazy.stdout, lazy.stderr) == (
        eager.exit_code,
        eager.stdout,
        eager.stderr,
    )
    assert lazy.stdout or lazy.stderr
