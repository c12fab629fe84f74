"""Issue #13, item 11 at start-up: Ctrl-C or SIGTERM in the first moments of a run, while the
command line is still being imported, gives one line and exit 130 (143), never a
``KeyboardInterrupt`` traceback, and leaves no file behind.

Each trial starts the command as a user would (the ``ceasefire-terms`` console script, or
``python -m ceasefire_terms``) and sends the signal at a random moment within 0.6 s of
starting it, which covers the whole start-up (about half a second on an idle machine).

The handler is installed by the first lines of ``ceasefire_terms.cli.start``; before them
runs Python's own start-up (the interpreter, ``site``, the console script's ``import re``,
about 15 ms on an idle machine and up to 80 ms at a load of 5), which no package can reach.
A trial whose signal was sent before the handler was in place (seen in
``/proc/PID/status``: the process catches SIGTERM only once it is) is only held to leaving no
file behind; the test requires most trials to come after, and every one of those to keep
every promise.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ceasefire_terms.pipeline.atomic import TMP_MARK

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/status").exists(), reason="reads /proc/PID/status (Linux)"
)

GOOD = b'{"id": "g", "title": "G", "zone": "UTC"}\n'
SCRIPT = Path(sys.executable).parent / "ceasefire-terms"


def _entry_points() -> list[list[str]]:
    found = [[sys.executable, "-m", "ceasefire_terms"]]
    if SCRIPT.exists():
        found.append([str(SCRIPT)])
    return found


def _catches_sigterm(pid: int) -> bool:
    """Whether the process has a handler for SIGTERM: Python installs none of its own, so
    this is true once ``ceasefire_terms.cli.start`` has installed its handlers."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    for line in status.splitlines():
        if line.startswith("SigCgt:"):
            return bool(int(line.split()[1], 16) >> (signal.SIGTERM - 1) & 1)
    return False


def _trials(
    tmp_path: Path, sig: signal.Signals, code: int, count: int, seed: int
) -> tuple[int, list[str]]:
    """Run ``count`` trials; the number whose signal came after the handler was installed,
    and what went wrong in those."""
    big = tmp_path / "big.jsonl"
    big.write_bytes(GOOD * 200_000)  # validating it takes seconds: the signal always comes first
    out = tmp_path / "valid.jsonl"
    rng = random.Random(seed)
    entries = _entry_points()
    ours, wrong = 0, []
    for trial in range(count):
        cmd = [*entries[trial % len(entries)], "validate", str(big), "--valid-out", str(out)]
        delay = rng.uniform(0.0, 0.6)
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(delay)
        installed = _catches_sigterm(proc.pid)
        proc.send_signal(sig)
        _, err_bytes = proc.communicate(timeout=300)
        err = err_bytes.decode("utf-8", "replace")
        left = sorted(p.name for p in tmp_path.iterdir() if p.name != big.name)
        what = f"trial {trial} ({' '.join(cmd[:3])}, {delay:.3f} s)"
        if left:
            wrong.append(f"{what}: left {left}")
            for name in left:
                (tmp_path / name).unlink()
        if not installed:
            continue  # Python's own start-up: see the module's notes
        ours += 1
        lines = [line for line in err.splitlines() if line.strip()]
        if "Traceback" in err or proc.returncode != code or len(lines) != 1:
            wrong.append(f"{what}: exit {proc.returncode}, stderr {err!r}")
        elif not lines[0].startswith("error: "):
            wrong.append(f"{what}: {lines[0]!r}")
    return ours, wrong


def test_sigint_at_any_moment_of_start_up_is_one_line_and_exit_130(tmp_path: Path) -> None:
    ours, wrong = _trials(tmp_path, signal.SIGINT, 130, count=30, seed=20261130)
    assert wrong == []
    assert ours >= 20, f"only {ours} of 30 signals came after the handler was installed"
    assert not any(TMP_MARK in p.name for p in tmp_path.iterdir())


def test_sigterm_at_any_moment_of_start_up_is_one_line_and_exit_143(tmp_path: Path) -> None:
    ours, wrong = _trials(tmp_path, signal.SIGTERM, 143, count=10, seed=143)
    assert wrong == []
    assert ours >= 6, f"only {ours} of 10 signals came after the handler was installed"


def test_the_start_module_imports_nothing_heavy() -> None:
    """What the handler needs is loaded before anything else: importing the entry module
    (and the package above it) loads no module that Python does not load at start-up,
    except ``signal`` and ``__future__``."""
    code = (
        "import sys; before = set(sys.modules)\n"
        "import ceasefire_terms.cli.start\n"
        "print(sorted(set(sys.modules) - before))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    loaded = {m for m in eval(out) if not m.startswith("ceasefire_terms")}
    assert loaded <= {"signal", "__future__", "enum", "functools", "_functools", "operator",
                      "_operator", "keyword", "reprlib", "collections", "itertools", "types",
                      "copyreg", "_collections"}, loaded  # fmt: skip
    assert "typing" not in loaded and "typer" not in loaded and "rich" not in loaded
