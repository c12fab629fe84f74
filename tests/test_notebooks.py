"""The example notebooks run from top to bottom without an error, in a kernel of the running
interpreter, with examples/ as the working directory. The notebooks assert the figures they
show, so a wrong date fails here too. Executed copies are left in examples/output/."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
NOTEBOOKS = sorted(EXAMPLES.glob("*.ipynb"))


@cache
def _execute(path: Path) -> Any:
    """Run a notebook once per test session (several tests look at the same run)."""
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=180,
        # "python3" is ipykernel's native kernel: jupyter_client starts it with the running
        # interpreter (sys.executable), so the notebook sees this environment's packages.
        kernel_name="python3",
        resources={"metadata": {"path": str(EXAMPLES)}},
        allow_errors=False,
    )
    client.execute()
    return nb


def test_the_two_example_notebooks_exist() -> None:
    names = {p.name for p in NOTEBOOKS}
    assert {"gaza_deadlines.ipynb", "validating_records.ipynb"} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_without_error(path: Path) -> None:
    assert sys.executable  # the kernel is started with this interpreter
    nb = _execute(path)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    html = [o for o in outputs if "text/html" in o.get("data", {})]
    assert html, "the notebook shows at least one rich (HTML) view"
    out = EXAMPLES / "output"
    out.mkdir(exist_ok=True)
    nbformat.write(nb, out / path.name)


def test_gaza_notebook_shows_the_plot_and_writes_the_exports() -> None:
    nb = _execute(EXAMPLES / "gaza_deadlines.ipynb")
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert any("image/png" in o.get("data", {}) for o in outputs)
    out = EXAMPLES / "output"
    assert (out / "gaza_deadlines.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert (out / "gaza_timeline.png").stat().st_size > 10_000
    assert (out / "gaza_timeline.csv").read_text(encoding="utf-8").startswith("id,label,kind")
