"""Start-up: a command loads only what it uses (checked by module, never by timing)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_FOR_TIMELINE = (
    "ceasefire_terms.pipeline",
    "ceasefire_terms.extraction",
    "ceasefire_terms.conformance",
    "ceasefire_terms.validation",
    "ceasefire_terms.integrations",
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
