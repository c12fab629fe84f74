"""The layers of the package (docs/architecture.md), checked on the source: every import
statement of every module, including those inside functions and ``if TYPE_CHECKING:`` blocks,
is read with :mod:`ast` and resolved to the module it names."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "ceasefire_terms"

# What the model may not import, except through model/_services.py (the one documented way out).
OUTSIDE_MODEL = (
    "dates",
    "validation",
    "display",
    "io",
    "pipeline",
    "cli",
    "integrations",
    "extract",
    "extraction",
    "datasets",
    "conformance",
    "examples",
    "schema",
)
SERVICES = "ceasefire_terms.model._services"
CORE = ("model", "dates", "validation", "io")
NEVER_FROM_CORE = ("cli", "integrations")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


class Import:
    def __init__(self, target: str, line: int, lazy: bool) -> None:
        self.target, self.line, self.lazy = target, line, lazy

    def layer(self) -> str:
        parts = self.target.split(".")
        return parts[1] if len(parts) > 1 else ""


def imports_of(source: str, module: str, *, is_package: bool = False) -> list[Import]:
    """Every import in ``source`` (the text of ``module``), resolved to absolute module names.
    ``lazy`` is true for an import inside a function or an ``if TYPE_CHECKING:`` block."""
    package = module if is_package else module.rpartition(".")[0]
    out: list[Import] = []

    def visit(node: ast.AST, lazy: bool) -> None:
        if isinstance(node, ast.Import):
            out.extend(Import(a.name, node.lineno, lazy) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                origin = ".".join(base + ([node.module] if node.module else []))
            else:
                origin = node.module or ""
            for a in node.names:
                full = f"{origin}.{a.name}"
                # `from . import x` names a submodule when there is one
                out.append(Import(full if full in MODULES else origin, node.lineno, lazy))
        inner = lazy or isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            inner = True
        for child in ast.iter_child_nodes(node):
            visit(child, inner)

    visit(ast.parse(source), False)
    return out


def _all_imports() -> list[tuple[str, Import]]:
    return [
        (name, imp)
        for name, path in MODULES.items()
        for imp in imports_of(
            path.read_text(encoding="utf-8"), name, is_package=path.name == "__init__.py"
        )
    ]


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_the_checker_sees_imports_inside_functions_and_type_checking_blocks() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "from .when import Moment\n"
        "if TYPE_CHECKING:\n"
        "    from ..dates.resolve import Timeline\n"
        "def f():\n"
        "    from ..display import agreement_html\n"
        "    import ceasefire_terms.cli.app\n"
    )
    found = {(i.target, i.lazy) for i in imports_of(source, "ceasefire_terms.model.agreement")}
    assert ("ceasefire_terms.model.when", False) in found
    assert ("ceasefire_terms.dates.resolve", True) in found
    assert ("ceasefire_terms.display", True) in found
    assert ("ceasefire_terms.cli.app", True) in found


def test_the_model_reaches_outside_only_through_its_services_module() -> None:
    assert SERVICES in MODULES
    wrong = [
        f"{name}:{imp.line} imports {imp.target}"
        for name, imp in _all_imports()
        if _layer(name) == "model" and name != SERVICES and imp.layer() in OUTSIDE_MODEL
    ]
    assert wrong == []


def test_the_services_module_reaches_only_the_engine_and_display_and_only_lazily() -> None:
    out = [imp for name, imp in _all_imports() if name == SERVICES]
    outward = [imp for imp in out if imp.layer() in OUTSIDE_MODEL]
    assert {imp.layer() for imp in outward} == {"dates", "display"}
    assert [f"line {imp.line}: {imp.target}" for imp in outward if not imp.lazy] == []


def test_the_core_never_imports_the_cli_or_integrations() -> None:
    wrong = [
        f"{name}:{imp.line} imports {imp.target}"
        for name, imp in _all_imports()
        if _layer(name) in CORE and imp.layer() in NEVER_FROM_CORE
    ]
    assert wrong == []


def test_the_engine_and_checks_reach_the_display_only_lazily() -> None:
    wrong = [
        f"{name}:{imp.line} imports {imp.target}"
        for name, imp in _all_imports()
        if _layer(name) in ("dates", "validation") and imp.layer() == "display" and not imp.lazy
    ]
    assert wrong == []


@pytest.mark.parametrize(
    "module",
    [
        "ceasefire_terms.model.agreement",
        "ceasefire_terms.model.when",
        "ceasefire_terms.model.quantity",
        "ceasefire_terms.model.conventions",
    ],
)
def test_importing_the_model_loads_no_engine_or_display(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "bad = sorted(m for m in sys.modules if m.startswith('ceasefire_terms.') and "
        "m.split('.')[1] in {'dates', 'display', 'validation', 'io', 'pipeline', 'cli', "
        "'integrations', 'datasets'})\n"
        "print(','.join(bad))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert run.stdout.strip() == ""


def test_the_model_still_reaches_the_engine_and_display_when_asked() -> None:
    from ceasefire_terms import parse_agreement

    a = parse_agreement(
        {
            "id": "demo",
            "title": "Demo",
            "zone": "Asia/Jerusalem",
            "effective": "2025-01-19T11:15+02:00",
            "phases": [
                {
                    "id": "p1",
                    "start": "agreement.effective",
                    "length": "42 days",
                    "counting": "ordinal",
                }
            ],
        }
    )
    assert [str(e.date) for e in a.timeline()] == ["2025-01-19", "2025-01-19", "2025-03-01"]
    assert "<" in a._repr_html_()
