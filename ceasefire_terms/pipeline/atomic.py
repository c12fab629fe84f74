"""Atomic file output: a file appears under its final name complete, or not at all.

Text is written to a temporary file in the same directory, flushed to disk, and renamed over
the final name (``os.replace``, atomic on POSIX and Windows). If the run fails the temporary
file is removed; if the process is killed it may be left behind under its temporary name
(``.<name>.<random>.tmp``), never under the final one.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> with atomic_writer(d / "out.jsonl") as f:
...     _ = f.write("{}\\n")
...     (d / "out.jsonl").exists()
False
>>> (d / "out.jsonl").read_text()
'{}\\n'
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

__all__ = ["atomic_writer"]


@contextlib.contextmanager
def atomic_writer(path: str | Path, *, encoding: str = "utf-8") -> Iterator[IO[str]]:
    """Open a text file for writing that replaces ``path`` only when the block succeeds."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)  # mkstemp creates 0600; give the file normal permissions
        with os.fdopen(fd, "w", encoding=encoding, newline="\n") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
