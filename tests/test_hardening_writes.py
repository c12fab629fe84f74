"""Issue #13, every file a command writes: one atomic writer for text and bytes
(``pipeline.atomic.atomic_writer``, mode ``"w"`` or ``"wb"``), used by ``plot -o`` (a PNG),
``schema -o``, ``new``, ``import``, ``export`` and ``schedule --out`` as by ``validate``.

A write that fails or is interrupted leaves the old file as it was and no temporary file;
symbolic links are followed and kept, devices and FIFOs written through; every failure is one
error line naming the option, exit 2."""

from __future__ import annotations

import json
import os
import resource
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from cli_helpers import cli, one_error_line

from ceasefire_terms.pipeline.atomic import TMP_MARK, atomic_writer

ROOT = Path(__file__).resolve().parent.parent
GAZA = ROOT / "examples" / "gaza_2025.yaml"
OLD = b"the old file\n"


def temps(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if TMP_MARK in p.name)


# (command, option, file name): the commands that write one file given on the command line
PLOT = ("plot", str(GAZA), "--as-of", "2025-02-01", "-o")
SCHEMA = ("schema", "-o")
WRITERS = {"plot": (PLOT, "t.png"), "schema": (SCHEMA, "s.json")}


def _needs(command: str) -> None:
    if command == "plot":
        pytest.importorskip("matplotlib")


# -- the writer itself ---------------------------------------------------------------------------


def test_one_writer_for_text_and_bytes(tmp_path: Path) -> None:
    target = tmp_path / "out.png"
    target.write_bytes(OLD)
    os.chmod(target, 0o640)
    with atomic_writer(target, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        assert target.read_bytes() == OLD  # not replaced before the end
        assert temps(tmp_path), "written beside the target under a findable name"
    assert target.read_bytes() == b"\x89PNG\r\n\x1a\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # it keeps its permissions
    with atomic_writer(target) as t:
        t.write("text\n")
    assert target.read_text() == "text\n" and temps(tmp_path) == []
    with pytest.raises(ValueError, match="mode"):
        atomic_writer(target, "a")  # type: ignore[call-overload]


def test_a_failed_binary_write_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.png"
    target.write_bytes(OLD)
    with pytest.raises(RuntimeError), atomic_writer(target, "wb") as f:
        f.write(b"half a picture")
        raise RuntimeError("the renderer failed")
    assert target.read_bytes() == OLD and temps(tmp_path) == []


def test_binary_writes_follow_a_symlink_and_go_through_a_fifo(tmp_path: Path) -> None:
    real = tmp_path / "real.png"
    real.write_bytes(OLD)
    link = tmp_path / "link.png"
    link.symlink_to(real.name)
    with atomic_writer(link, "wb") as f:
        f.write(b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    with atomic_writer(fifo, "wb") as f:
        f.write(b"through")
    reader.join(10)
    assert got == [b"through"] and fifo.is_fifo()


# -- plot and schema through the command line ------------------------------------------------------


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_output_replaces_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, command: str
) -> None:
    _needs(command)
    args, name = WRITERS[command]
    target = tmp_path / name
    target.write_bytes(OLD)
    code, err = cli(*args, str(target))
    assert code == 0, err
    data = target.read_bytes()
    assert data != OLD and temps(tmp_path) == []
    if command == "plot":
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
    else:
        assert json.loads(data)["$schema"].startswith("https://json-schema.org/")


def _limited(max_bytes: int) -> None:  # runs in the child before exec
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write over the limit fails (EFBIG)
    resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, max_bytes))


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_an_interrupted_write_leaves_the_old_file_intact(tmp_path: Path, command: str) -> None:
    """The write stops partway (the process may write only 2,000 bytes to a file, as a full
    quota would stop it): the old file is as it was, no temporary file is left, one line."""
    _needs(command)
    args, name = WRITERS[command]
    target = tmp_path / name
    target.write_bytes(OLD)
    result = subprocess.run(
        [sys.executable, "-m", "ceasefire_terms", *args, str(target)],
        capture_output=True,
        timeout=300,
        check=False,
        preexec_fn=lambda: _limited(2000),
    )
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 2, err
    line = one_error_line(err)
    assert "'--output' could not be written: File too large" in line, line
    assert target.read_bytes() == OLD and temps(tmp_path) == []


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_a_symlink_target_is_followed_and_kept(tmp_path: Path, command: str) -> None:
    _needs(command)
    args, name = WRITERS[command]
    real = tmp_path / f"real-{name}"
    real.write_bytes(OLD)
    link = tmp_path / name
    link.symlink_to(real.name)
    code, err = cli(*args, str(link))
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == real.name
    assert real.read_bytes() != OLD and temps(tmp_path) == []


def test_device_targets_are_written_through_never_replaced(tmp_path: Path) -> None:
    code, err = cli("schema", "-o", os.devnull)
    assert code == 0, err
    assert Path(os.devnull).is_char_device()
    through = subprocess.run(
        [sys.executable, "-m", "ceasefire_terms", "schema", "-o", "/dev/stdout"],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert json.loads(through.stdout.decode().split("\nwrote ")[0])["title"]
    assert Path("/dev/stdout").is_symlink()
    pytest.importorskip("matplotlib")
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    code, err = cli(*PLOT, str(fifo))
    reader.join(60)
    assert code == 0, err
    assert fifo.is_fifo() and got and got[0].startswith(b"\x89PNG")


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_targets_that_cannot_be_written_are_one_line(tmp_path: Path, command: str) -> None:
    _needs(command)
    args, name = WRITERS[command]
    a_file = tmp_path / "file"
    a_file.write_bytes(OLD)
    loop = tmp_path / name
    loop.symlink_to(loop.name)
    directory = tmp_path / f"dir-{name}"
    directory.mkdir()
    cases = {
        directory: "is a directory",
        a_file / name: "Not a directory",
        tmp_path / "missing" / name: "No such file or directory",
        loop: "is a symbolic link loop",
        tmp_path / ("n" * 300 + Path(name).suffix): "File name too long",
    }
    for target, message in cases.items():
        code, err = cli(*args, str(target))
        line = one_error_line(err)
        assert code == 2 and "'--output' could not be written" in line, (target, line)
        assert message in line, (target, line)
    assert a_file.read_bytes() == OLD and loop.is_symlink() and directory.is_dir()
    assert temps(tmp_path) == []


def _without_root_powers() -> None:  # runs in the child before exec
    """Drop the capabilities that let root write anywhere (CAP_DAC_OVERRIDE,
    CAP_DAC_READ_SEARCH, CAP_FOWNER) from the bounding set: after exec, the process obeys
    a directory's permission bits as any user does."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2, 3):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "cannot drop a capability")


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_a_read_only_directory(tmp_path: Path, command: str) -> None:
    """A directory the user may not write in (root writes anywhere, so as root the command
    runs without the capabilities that allow it): one line, exit 2, the old file kept and
    nothing left behind."""
    _needs(command)
    args, name = WRITERS[command]
    locked = tmp_path / "locked"
    locked.mkdir()
    target = locked / name
    target.write_bytes(OLD)
    os.chmod(locked, 0o555)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "ceasefire_terms", *args, str(target)],
            capture_output=True,
            timeout=300,
            check=False,
            preexec_fn=_without_root_powers if os.geteuid() == 0 else None,
        )
    finally:
        os.chmod(locked, 0o755)
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 2, err
    assert "'--output' could not be written: Permission denied" in one_error_line(err)
    assert target.read_bytes() == OLD and temps(locked) == []
