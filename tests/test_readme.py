"""The README's self-contained Python examples run as written (from a copy of the examples).

Blocks that need the user's own files or a cluster (pipelines, Dask) are skipped by marker:
they contain names the reader supplies (``store``, ``mapping``, ``Client("tcp://...")``).
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text("utf-8"), re.S)
NEEDS_READER = ("store(", "tcp://", "mapping,")
RUNNABLE = [b for b in BLOCKS if not any(m in b for m in NEEDS_READER)]


def test_the_readme_has_runnable_examples() -> None:
    assert len(RUNNABLE) >= 3


@pytest.mark.parametrize("block", RUNNABLE, ids=[f"block{i}" for i in range(len(RUNNABLE))])
def test_readme_block_runs(block: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(
        ROOT / "examples", tmp_path / "examples", ignore=shutil.ignore_patterns("output", "*.ipynb")
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(block, "README.md", "exec"), {"__name__": "readme"})
    # Where the README shows printed output in comments, the first line of it must match.
    shown = re.search(r"^print\(.*\)\n# (.+)$", block, re.M)
    if shown:
        assert printed.getvalue().splitlines()[0] == shown.group(1)
