"""Atomic file output: a file appears under its final name complete, or not at all.

Text or bytes (``mode="w"`` or ``"wb"``) are written to a temporary file in the same
directory as the file it will replace, flushed to disk, and renamed over it (``os.replace``,
atomic on POSIX and Windows). If the run fails, is interrupted (Ctrl-C) or is stopped with
SIGTERM, the temporary file is removed.

What the target may be:

- a regular file, or a name that does not exist yet: replaced atomically (an existing file
  keeps its permission bits);
- a symbolic link: followed, never replaced; the file it points to is replaced atomically
  (and created if the link dangles), so the link stays a link;
- a character device, FIFO or socket (``/dev/null``, a named pipe), and any path under
  ``/dev/`` or ``/proc/``: written through directly, *not* atomically, since there is no file
  to replace; a name for one of this process's own descriptors (``/dev/stdout``,
  ``/dev/stderr``, ``/dev/fd/N``, ``/proc/self/fd/N``) is written through that descriptor,
  so it shares its position with everything else written there (reopening ``/dev/stdout``
  when it is a file would start again at the top, and later output would overwrite it);
- a directory: refused with :class:`IsADirectoryError`.

A process killed outright (``kill -9``, a power cut) cannot remove its temporary file. Such
leftovers are named ``.<name>.ceasefire-tmp-<pid>-<random>.tmp`` beside the target, so they
can be found (``find DIR -name '.*.ceasefire-tmp-*.tmp'``; see :func:`leftovers`), and the
next atomic write to the same target removes those whose process no longer runs.

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
import errno
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Literal, overload

from . import abort

__all__ = ["TMP_MARK", "atomic_writer", "leftovers"]

TMP_MARK = "ceasefire-tmp"
"""The word in every temporary file's name (``.<name>.ceasefire-tmp-<pid>-<random>.tmp``)."""

_WRITE_THROUGH_DIRS = ("/dev/", "/proc/")


def _leftover_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"\.{re.escape(name)}\.{TMP_MARK}-(\d+)-[^/]*\.tmp")


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # it exists (another user's), or we cannot tell: leave its file alone
    return True


def leftovers(path: str | Path) -> list[Path]:
    """Temporary files left beside ``path`` by atomic writes to it whose process no longer
    runs (killed before it could clean up). Following a symbolic link, as the writer does."""
    target = _real_target(Path(path))
    pattern = _leftover_pattern(target.name)
    try:
        names = os.listdir(target.parent)
    except OSError:
        return []
    found = []
    for n in names:
        m = pattern.fullmatch(n)
        if m is not None and not _running(int(m.group(1))):
            found.append(target.parent / n)
    return sorted(found)


def _real_target(target: Path) -> Path:
    """The file an atomic write replaces: ``target``, or where its symbolic link points."""
    if os.path.islink(target):
        return Path(os.path.realpath(target))
    return target


_OWN_NAMES = {"/dev/stdout": 1, "/dev/stderr": 2}
_OWN_DIRS = ("/dev/fd/", "/proc/self/fd/")


def _own_descriptor(target: Path) -> int | None:
    """The descriptor number a path names, if it names one of this process's own."""
    text = os.path.abspath(target)
    if text in _OWN_NAMES:
        return _OWN_NAMES[text]
    for prefix in (*_OWN_DIRS, f"/proc/{os.getpid()}/fd/"):
        number = text.removeprefix(prefix)
        if number != text and number.isdigit():
            return int(number)
    return None


def _writes_through(target: Path) -> bool:
    """True for a target that must be written directly: a device, FIFO or socket, or a path
    under /dev/ or /proc/ (which names an open descriptor rather than a file)."""
    text = os.path.abspath(target)
    if text.startswith(_WRITE_THROUGH_DIRS):
        return True
    try:
        mode = os.stat(target).st_mode  # follows links
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # a symbolic link loop: never replace it
            raise OSError(errno.ELOOP, "is a symbolic link loop", str(target)) from None
        return False
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a directory, not a file", str(target))
    return not stat.S_ISREG(mode)


@overload
def atomic_writer(
    path: str | Path, mode: Literal["w"] = "w", *, encoding: str = "utf-8"
) -> contextlib.AbstractContextManager[IO[str]]: ...


@overload
def atomic_writer(
    path: str | Path, mode: Literal["wb"], *, encoding: str = "utf-8"
) -> contextlib.AbstractContextManager[IO[bytes]]: ...


def atomic_writer(
    path: str | Path, mode: Literal["w", "wb"] = "w", *, encoding: str = "utf-8"
) -> contextlib.AbstractContextManager[IO[Any]]:
    """Open a file for writing that replaces ``path`` only when the block succeeds (see the
    module's notes for symbolic links, devices and directories).

    ``mode`` is ``"w"`` for text (in ``encoding``, lines ending in ``\\n``) or ``"wb"`` for
    bytes (a PNG); the rules for the target are the same for both."""
    if mode not in ("w", "wb"):
        raise ValueError(f"mode must be 'w' or 'wb' (got {mode!r})")
    return _atomic(Path(path), mode, encoding)


def _open_fd(fd: int, mode: str, encoding: str) -> IO[Any]:
    if mode == "wb":
        return os.fdopen(fd, "wb")
    return os.fdopen(fd, "w", encoding=encoding, newline="\n")


@contextlib.contextmanager
def _atomic(target: Path, mode: str, encoding: str) -> Iterator[IO[Any]]:
    if _writes_through(target):
        own = _own_descriptor(target)
        if own is not None:
            sys.stdout.flush()
            sys.stderr.flush()
            fd = os.dup(own)
        else:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        with _open_fd(fd, mode, encoding) as f:
            yield f
            f.flush()
        return
    real = _real_target(target)
    for old in leftovers(real):
        with contextlib.suppress(OSError):
            old.unlink()
    try:
        permissions = stat.S_IMODE(os.stat(real).st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        permissions = 0o666 & ~mask
    fd, tmp = tempfile.mkstemp(
        prefix=f".{real.name}.{TMP_MARK}-{os.getpid()}-", suffix=".tmp", dir=real.parent
    )
    abort.note_temp(tmp)
    try:
        os.chmod(tmp, permissions)  # mkstemp creates 0600; give the file its usual permissions
        with _open_fd(fd, mode, encoding) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    finally:
        abort.forget_temp(tmp)
