"""Fuzz every command of ``ceasefire-terms`` in this process, with hypothesis.

Each example builds a fresh directory of input files (random bytes, or the bundled
agreements, dataset samples and an article with bytes inserted, overwritten or cut), draws
an argument list for one command (every option of it, with valid and invalid values, and
input or output paths that are files, directories, devices, symbolic links or missing), runs
``ceasefire_terms.cli.app.run(argv)`` with standard input, output and error captured, and
checks:

- no ``Traceback`` on standard error, and at most one ``error:`` line;
- the exit code is one of the documented ones for a run that was not stopped (0, 1, 2;
  70 is documented too, but it means a bug, so it counts as a failure here);
- ``validate`` and ``import`` with ``--format json``: ``read == valid + rejected``
  (``read == imported + rejected``), and the output files hold as many lines as counted;
- nothing leaks into the next example: no temporary output file left behind, no worker
  process or thread left running, the signal handlers, working directory, environment,
  umask and standard streams as they were, and the pipeline's clean-up lists empty; every
  twentieth example is run a second time in another fresh directory and must give the same
  exit code and output.

Usage::

    python scripts/fuzz_cli.py --command validate --examples 100000 [--seed 1]
    python scripts/fuzz_cli.py --command all --examples 300

It prints, per command, the examples run, the failures (each distinct one with the
argument list that found it, its input files kept under ``--keep``) and the rate. The test
suite runs a few hundred examples per command through :func:`fuzz`
(``tests/test_cli_fuzz.py``). Exit status: 0 no failure, 1 failures found.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import itertools
import json
import multiprocessing
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_hardening_fuzz import BASES, mutate  # noqa: E402 (the mutations the tests use)

from ceasefire_terms.cli.app import run  # noqa: E402
from ceasefire_terms.pipeline import abort  # noqa: E402
from ceasefire_terms.pipeline.atomic import TMP_MARK  # noqa: E402

DOCUMENTED_EXITS = (0, 1, 2)
"""Exit codes of a run that was not stopped by a signal and hit no bug (docs/guarantees.md)."""

# -- what goes into the files ------------------------------------------------------------------


def _csv_head(path: Path, rows: int = 3) -> bytes:
    """The header and the first ``rows`` records of a dataset sample, as CSV bytes."""
    with path.open(encoding="utf-8", newline="") as f:
        records = list(zip(range(rows + 1), csv.reader(f), strict=False))
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(r for _, r in records)
    return buffer.getvalue().encode("utf-8")


_DATASETS = ROOT / "tests" / "data" / "datasets"
CSV_BASES = {
    "ucdp": _csv_head(_DATASETS / "ucdp_pad_221_sample.csv"),
    "pax": _csv_head(_DATASETS / "pax_sample.csv"),
    "ethprio": _csv_head(_DATASETS / "ethprio_cfd_sample.csv", rows=6),
}
ARTICLE = (
    b"The truce takes effect on January 19 at 08:30 and lasts 42 days; 33 hostages will be "
    b"released in exchange for 1,900 prisoners, in batches every 7 days. Hamas and Israel "
    b"agreed; the second phase begins on day 16."
)


def _xlsx(data: bytes) -> bytes:
    """A workbook holding the CSV ``data`` (a real .xlsx to mutate)."""
    try:
        import openpyxl
    except ImportError:
        return b"PK\x03\x04"
    book = openpyxl.Workbook()
    sheet = book.active
    for row in csv.reader(io.StringIO(data.decode("utf-8"))):
        sheet.append([c[:200] for c in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


XLSX_BASE = _xlsx(CSV_BASES["ethprio"])


@st.composite
def mutated(draw: st.DrawFn, bases: list[bytes]) -> bytes:
    """One of ``bases`` with bytes inserted, overwritten or cut (the snippets that broke
    things before, or random bytes), or random bytes alone."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=300))
    return mutate(draw, draw(st.sampled_from(bases)))


CONTENT: dict[str, list[bytes]] = {
    "records": [*BASES["yaml"], *BASES["json"], *BASES["jsonl"]],
    "jsonl": BASES["jsonl"],
    "dataset": list(CSV_BASES.values()),
    "xlsx": [XLSX_BASE],
    "text": [ARTICLE],
}
RECORD_SUFFIXES = (".yaml", ".json", ".jsonl", ".yml", ".YAML", ".txt", "")
DATASET_SUFFIXES = (".csv", ".xlsx", ".jsonl", ".CSV", ".txt", "")

# -- what goes on the command line -------------------------------------------------------------


@dataclass(frozen=True)
class InputFile:
    """A file to create in the example's directory (or a special path)."""

    kind: str  # file, missing, dir, symlink, empty, devnull, toolong (a name over 255 bytes)
    suffix: str = ""
    data: bytes = b""


@dataclass(frozen=True)
class OutputPath:
    """Where an output goes: a new name, an existing file, or something that is no file."""

    kind: str  # new, existing, dir, under-file, missing-dir, symlink, dangling, loop, devnull,
    #           devfull, same-as-input, toolong
    suffix: str = ""


Token = str | InputFile | OutputPath


@dataclass
class Example:
    command: str
    argv: list[Token]
    stdin: bytes = b""


def _inputs(content: str, suffixes: tuple[str, ...]) -> st.SearchStrategy[InputFile]:
    files = st.builds(
        InputFile,
        kind=st.just("file"),
        suffix=st.sampled_from(suffixes),
        data=mutated(CONTENT[content]),
    )
    odd = st.builds(
        InputFile,
        kind=st.sampled_from(("missing", "dir", "symlink", "empty", "devnull", "toolong")),
        suffix=st.sampled_from(suffixes),
        data=mutated(CONTENT[content]),
    )
    return st.one_of(files, files, files, odd)


def _outputs(suffixes: tuple[str, ...]) -> st.SearchStrategy[OutputPath]:
    kinds = (
        "new", "new", "new", "existing", "dir", "under-file", "missing-dir", "symlink",
        "dangling", "loop", "devnull", "devfull", "same-as-input", "toolong",
    )  # fmt: skip
    return st.builds(OutputPath, kind=st.sampled_from(kinds), suffix=st.sampled_from(suffixes))


_JUNK = st.one_of(
    st.text(max_size=12),
    st.sampled_from(("", " ", "-", "--", "\x00", "\ud800", "[/]", "=1+1", "é", "9" * 5000)),
)


def _choice(values: tuple[str, ...]) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(values), st.sampled_from(values), _JUNK)


def _int(lo: int, hi: int) -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers(lo, hi).map(str),
        st.sampled_from((lo - 1, hi + 1, -(10**20), 10**30)).map(str),
        st.integers().map(str),
        _JUNK,
    )


_DATES = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(
        (
            "2025-01-19",
            "2025-02-01",
            "2025-03-01",
            "2025-02-30",
            "0001-01-01",
            "9999-12-31",
            "2025-13-01",
            "2025-03-01 23:00 Asia/Jerusalem",
            "2025-03-01T23:00+02:00",
            "2025-03-30 01:30 Europe/London",
            "2025-03-01 25:00 UTC",
            "2025-03 UTC",
            "today",
        )
    ),
    _JUNK,
)
_ZONES = _choice(
    ("UTC", "Asia/Jerusalem", "Europe/London", "Asia/Gaza_City", "localtime", "right/UTC",
     "Factory", "Etc/GMT+14", "US/Eastern", "../../etc/passwd", "Asia/Gaza")
)  # fmt: skip
_EXAMPLE_NAMES = _choice(
    ("gaza-2025", "lebanon-2024", "karabakh-2020", "sudan-jeddah-2023", "black-sea-grain-2022",
     "russia-easter-truce-2025", "nope", "../gaza-2025", "GAZA-2025")
)  # fmt: skip
_FORMATS = ("table", "json")
_DATASET_NAMES = ("ucdp", "pax", "ethprio")


def _opt(name: str, values: st.SearchStrategy[str]) -> st.SearchStrategy[list[Token]]:
    """``--name value`` or ``--name=value`` (the option appears at most once)."""
    return st.one_of(
        values.map(lambda v: [name, v]),
        values.map(lambda v: [f"{name}={v}"])
        if name.startswith("--")
        else values.map(lambda v: [f"{name}{v}"]),
    )


def _path_opt(name: str, paths: st.SearchStrategy[Any]) -> st.SearchStrategy[list[Token]]:
    return paths.map(lambda p: [name, p])


def _flag(name: str) -> st.SearchStrategy[list[Token]]:
    return st.just([name])


@st.composite
def _command(
    draw: st.DrawFn,
    name: str,
    positional: list[st.SearchStrategy[list[Token]]],
    options: list[st.SearchStrategy[list[Token]]],
) -> Example:
    """``name``, its positional arguments (each may be left out), and a random subset of its
    options in a random order; now and then an unknown option or a stray argument."""
    argv: list[Token] = [name]
    for p in positional:
        if draw(st.integers(0, 15)) != 0:  # leaving a required one out, now and then
            argv += draw(p)
    chosen = draw(st.lists(st.sampled_from(range(len(options))), unique=True)) if options else []
    for i in chosen:
        argv += draw(options[i])
    if draw(st.integers(0, 30)) == 0:
        argv.insert(draw(st.integers(1, len(argv))), draw(st.sampled_from(("--bogus", "x", "-"))))
    stdin = draw(mutated(CONTENT["jsonl"])) if "-" in argv else b""
    return Example(name, argv, stdin)


_RECORD_IN = _inputs("records", RECORD_SUFFIXES)
_ONE_RECORD = _RECORD_IN.map(lambda f: [f])
_FMT = _opt("--format", _choice(_FORMATS))


def _datasets_in(dataset: str | None = None) -> st.SearchStrategy[InputFile]:
    return st.one_of(
        _inputs("dataset", DATASET_SUFFIXES),
        _inputs("xlsx", (".xlsx",)),
        _inputs("jsonl", (".jsonl",)),
    )


COMMANDS: dict[str, st.SearchStrategy[Example]] = {
    "timeline": _command(
        "timeline",
        [_ONE_RECORD],
        [
            _opt("--format", _choice(("table", "json", "csv", "ics"))),
            _flag("--original"),
            _opt("--renewals", _int(0, 10_000)),
            _opt("--example", _EXAMPLE_NAMES),
        ],
    ),
    "status": _command(
        "status",
        [_ONE_RECORD],
        [_opt("--on", _DATES), _FMT, _opt("--example", _EXAMPLE_NAMES)],
    ),
    "check": _command(
        "check",
        [_ONE_RECORD],
        [_FMT, _flag("--strict"), _opt("--example", _EXAMPLE_NAMES)],
    ),
    "extract": _command(
        "extract",
        [_inputs("text", (".txt", ".md", "")).map(lambda f: [f])],
        [
            _opt("--published", _DATES),
            _flag("--draft"),
            _opt("--zone", _ZONES),
            _FMT,
        ],
    ),
    "validate": _command(
        "validate",
        [
            st.lists(st.one_of(_RECORD_IN, _RECORD_IN, st.just("-")), min_size=1, max_size=3).map(
                list
            )
        ],
        [
            _FMT,
            _path_opt("--valid-out", _outputs((".jsonl",))),
            _path_opt("--rejects-out", _outputs((".jsonl",))),
            # up to 3 workers (128 are allowed, but forking them for every example would take the
            # machine); 0, 129 and junk are usage errors
            _opt("--jobs", st.one_of(st.sampled_from(("1", "1", "2", "3")), _int(1, 3))),
            _flag("--strict"),
        ],
    ),
    "plot": _command(
        "plot",
        [_ONE_RECORD],
        [
            _path_opt("--output", _outputs((".png", ".PNG", ".svg", ""))),
            _opt("--as-of", _DATES),
            _opt("--dpi", _int(50, 600)),
        ],
    ),
    "schema": _command("schema", [], [_path_opt("--output", _outputs((".json", "")))]),
    "examples": _command("examples", [], [_FMT]),
    "conformance": _command(
        "conformance",
        [st.lists(st.one_of(_EXAMPLE_NAMES, _RECORD_IN), max_size=3).map(list[Token])],
        [_opt("--format", _choice(("table", "json", "markdown")))],
    ),
    "new": _command(
        "new",
        [_outputs((".yaml", ".json", "")).map(lambda p: [p])],
        [_opt("--from-example", _EXAMPLE_NAMES), _flag("--force")],
    ),
    "import": _command(
        "import",
        [_choice(_DATASET_NAMES).map(lambda d: [d]), _datasets_in().map(lambda f: [f])],
        [
            _path_opt("--out", _outputs((".jsonl",))),
            _path_opt("--rejects-out", _outputs((".jsonl",))),
            _FMT,
            _opt("--zone", _ZONES),
            _opt("--dataset-version", _JUNK),
        ],
    ),
    "export": _command(
        "export",
        [
            _choice(_DATASET_NAMES).map(lambda d: [d]),
            st.lists(_RECORD_IN, min_size=1, max_size=2).map(list[Token]),
        ],
        [_path_opt("--out", _outputs((".csv", "")))],
    ),
    "link": _command(
        "link",
        [],
        [
            _path_opt("--ucdp", _datasets_in()),
            _path_opt("--pax", _datasets_in()),
            _path_opt("--ethprio", _datasets_in()),
            _FMT,
        ],
    ),
    "schedule": _command(
        "schedule",
        [_datasets_in().map(lambda f: [f])],
        [
            _opt("--format", _choice(("table", "csv", "json"))),
            _path_opt("--out", _outputs((".csv", ".json", ""))),
        ],
    ),
    "(root)": st.builds(
        lambda args: Example("(root)", list(args)),
        st.lists(
            st.sampled_from(("--version", "--help", "--bogus", "nope", "-", "help", "--")),
            max_size=2,
        ),
    ),
}
"""A strategy of examples for every command (and the bare program, ``(root)``); the test
suite checks that it names every command and every option the app has."""

# -- running one example --------------------------------------------------------------------------


def materialize(example: Example, where: Path) -> list[str]:
    """Create the example's files under ``where``; the argument list as strings."""
    argv: list[str] = []
    inputs: list[Path] = []
    for n, token in enumerate(example.argv):
        if isinstance(token, str):
            argv.append(token)
        elif isinstance(token, InputFile):
            path = where / f"in{n}{token.suffix}"
            if token.kind in ("file", "symlink"):
                real = where / f"real{n}{token.suffix}"
                real.write_bytes(token.data)
                if token.kind == "symlink":
                    path.symlink_to(real.name)
                else:
                    real.rename(path)
            elif token.kind == "empty":
                path.write_bytes(b"")
            elif token.kind == "dir":
                path.mkdir()
            elif token.kind == "devnull":
                path = Path(os.devnull)
            elif token.kind == "toolong":
                path = where / ("n" * 300 + token.suffix)
            inputs.append(path)
            argv.append(str(path))
        else:
            argv.append(str(_output(token, where / f"out{n}{token.suffix}", inputs)))
    return argv


def _output(token: OutputPath, path: Path, inputs: list[Path]) -> Path:
    kind = token.kind
    if kind == "existing":
        path.write_bytes(b"old content\n")
    elif kind == "dir":
        path.mkdir()
    elif kind == "under-file":
        path.write_bytes(b"a file\n")
        return path / f"x{token.suffix}"
    elif kind == "missing-dir":
        return path.parent / "no-such-dir" / path.name
    elif kind == "symlink":
        real = path.with_name(f"real-{path.name}")
        real.write_bytes(b"old content\n")
        path.symlink_to(real.name)
    elif kind == "dangling":
        path.symlink_to(f"missing-{path.name}")
    elif kind == "loop":
        path.symlink_to(path.name)
    elif kind == "devnull":
        return Path(os.devnull)
    elif kind == "devfull":
        return Path("/dev/full") if Path("/dev/full").exists() else Path(os.devnull)
    elif kind == "same-as-input" and inputs:
        return inputs[0]
    elif kind == "toolong":
        return path.with_name("n" * 300 + token.suffix)
    return path


@dataclass
class Result:
    code: int
    out: bytes
    err: str


def run_in_process(argv: list[str], stdin: bytes = b"", cwd: Path | None = None) -> Result:
    """``run(argv)`` with standard input, output and error replaced for the run, in ``cwd``
    (so that a stray relative path lands in the example's own directory)."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    err = io.StringIO()
    fake_in = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    saved_in, saved_cwd = sys.stdin, os.getcwd()
    sys.stdin = fake_in
    if cwd is not None:
        os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = run(argv)
            with contextlib.suppress(ValueError, OSError):
                out.flush()
    finally:
        sys.stdin = saved_in
        os.chdir(saved_cwd)
    return Result(code, out.buffer.getvalue(), err.getvalue())


# -- what must hold --------------------------------------------------------------------------------


@dataclass
class State:
    """What one example must leave as it found it."""

    handlers: dict[int, Any] = field(default_factory=dict)
    cwd: str = ""
    env: dict[str, str] = field(default_factory=dict)
    umask: int = 0
    threads: int = 0
    cwd_files: list[str] = field(default_factory=list)
    descriptors: list[str] = field(default_factory=list)

    @classmethod
    def now(cls) -> State:
        umask = os.umask(0)
        os.umask(umask)
        return cls(
            handlers={s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)},
            cwd=os.getcwd(),
            env=dict(os.environ),
            umask=umask,
            threads=threading.active_count(),
            cwd_files=sorted(os.listdir(".")),
            descriptors=_descriptors(),
        )


def _descriptors() -> list[str]:
    """This process's open descriptors and what they point at (Linux), so that a run that
    leaves one open, or points standard output elsewhere, is caught."""
    fds = Path("/proc/self/fd")
    if not fds.is_dir():
        return []
    found = []
    for fd in sorted(os.listdir(fds), key=int):
        with contextlib.suppress(OSError):
            found.append(f"{fd} -> {os.readlink(fds / fd)}")
    return found


def _font_cache(descriptor: str) -> bool:
    """A font file matplotlib keeps open in its process-wide cache (one per font, not one per
    run; not a leak)."""
    return "matplotlib" in descriptor and descriptor.endswith((".ttf", ".otf", ".afm"))


def leaks(before: State, where: Path) -> list[str]:
    """What an example left behind that the next one could see."""
    found = []
    after = State.now()
    for name in ("handlers", "cwd", "env", "umask", "cwd_files"):
        if getattr(before, name) != getattr(after, name):
            found.append(f"{name} changed")
    opened = sorted(
        d for d in set(after.descriptors) - set(before.descriptors) if not _font_cache(d)
    )
    closed = sorted(set(before.descriptors) - set(after.descriptors))
    if opened or closed:
        found.append(f"descriptors changed: opened {opened}, closed {closed}")
    if after.threads > before.threads:
        found.append(f"{after.threads - before.threads} thread(s) left running")
    if multiprocessing.active_children():
        found.append("worker process(es) left running")
    if abort._temps or abort._pools:
        found.append("the clean-up lists are not empty")
    if sys.stdout is not sys.__stdout__ and not isinstance(sys.stdout, io.TextIOWrapper):
        found.append("standard output not restored")
    temps = [p.name for p in where.rglob("*") if TMP_MARK in p.name]
    if temps:
        found.append(f"temporary file(s) left: {temps}")
    return found


def problems(example: Example, argv: list[str], result: Result, where: Path) -> list[str]:
    """The broken promises of one run (an empty list when it kept them all)."""
    found = []
    err = result.err
    if "Traceback (most recent call last)" in err:
        found.append("a traceback on stderr")
    if result.code not in DOCUMENTED_EXITS:
        found.append(f"exit code {result.code}")
    # (counted by line: a value the user gave, quoted in the line, may say "error:" itself)
    if sum(line.startswith("error:") for line in err.splitlines()) > 1:
        found.append("more than one error line")
    if result.code == 2 and not err.strip():
        found.append("exit 2 without a word on stderr")
    if "--format=json" in argv or _pair(argv, "--format", "json"):
        found += _counts(example.command, argv, result)
    return found


def _pair(argv: list[str], option: str, value: str) -> bool:
    return any(a == option and b == value for a, b in itertools.pairwise(argv))


def _option_value(argv: list[str], *names: str) -> str | None:
    value = None
    for i, a in enumerate(argv):
        for n in names:
            if a == n and i + 1 < len(argv):
                value = argv[i + 1]
            elif a.startswith(f"{n}="):
                value = a.split("=", 1)[1]
    return value


def _lines(path: str | None) -> int | None:
    """Lines of a plain output file the run wrote (None for anything else)."""
    if path is None or not path.endswith(".jsonl"):
        return None
    p = Path(path)
    if p.is_symlink() or not p.is_file() or p.parent.name == "no-such-dir":
        return None
    return p.read_bytes().count(b"\n")


def _counts(command: str, argv: list[str], result: Result) -> list[str]:
    if command not in ("validate", "import") or result.code not in (0, 1):
        return []
    try:
        summary = json.loads(result.out)
    except ValueError:
        return ["--format json did not print JSON"]
    if command == "validate":
        parts = (summary["read"], summary["valid"], summary["rejected"])
        outs = (_option_value(argv, "--valid-out"), _option_value(argv, "--rejects-out"))
    else:
        parts = (summary["read"], summary["imported"], summary["rejected"])
        outs = (None, _option_value(argv, "--rejects-out"))
    found = []
    if parts[0] != parts[1] + parts[2]:
        found.append(f"read {parts[0]} != {parts[1]} + {parts[2]}")
    for written, counted in zip(outs, parts[1:], strict=True):
        lines = _lines(written)
        if lines is not None and lines != counted:
            found.append(f"{written} holds {lines} lines, the summary counts {counted}")
    if (result.code == 0) != (parts[2] == 0):
        found.append(f"exit {result.code} with {parts[2]} rejected")
    return found


# -- the run ---------------------------------------------------------------------------------------


@dataclass
class Failure:
    command: str
    what: str
    argv: list[str]
    err: str
    kept: str | None = None


@dataclass
class Tally:
    examples: int = 0
    replays: int = 0
    failures: dict[str, Failure] = field(default_factory=dict)
    count: int = 0
    seconds: float = 0.0
    options: set[str] = field(default_factory=set)
    """Every option the examples gave (``--name``, ``-x``), to check that none is missed."""


_STAMP = re.compile(r"^DTSTAMP:.*$", re.MULTILINE)


def _normal(text: str, where: Path) -> str:
    """The output with the example's directory and an iCalendar file's time of writing
    (``DTSTAMP``, which RFC 5545 requires) taken out."""
    return _STAMP.sub("DTSTAMP:<now>", text.replace(str(where), "<dir>"))


_PID = re.compile(r"\b\d{3,}\b")


def check_one(example: Example, tally: Tally, keep: Path | None, replay: bool) -> None:
    """Run one example, then note every broken promise in ``tally``."""
    before = State.now()
    with tempfile.TemporaryDirectory(prefix="fuzz-cli-") as d:
        where = Path(d)
        argv = materialize(example, where)
        tally.options.update(a.split("=")[0] for a in argv if a.startswith("-") and a != "-")
        result = run_in_process(argv, example.stdin, where)
        found = problems(example, argv, result, where) + leaks(before, where)
        if replay and not found:
            with tempfile.TemporaryDirectory(prefix="fuzz-cli-") as d2:
                again = run_in_process(materialize(example, Path(d2)), example.stdin, Path(d2))
                tally.replays += 1
                first = (result.code, _normal(result.out.decode("utf-8", "replace"), where))
                second = (again.code, _normal(again.out.decode("utf-8", "replace"), Path(d2)))
                if first != second:
                    found.append("a second run of the same example gave another result")
        tally.examples += 1
        for what in found:
            tally.count += 1
            key = f"{example.command}: {what} | {_PID.sub('N', _last_line(result.err))}"
            if key not in tally.failures:
                kept = None
                if keep is not None:
                    dest = keep / f"failure-{len(tally.failures) + 1}"
                    shutil.copytree(where, dest, symlinks=True, dirs_exist_ok=True)
                    (dest / "argv.json").write_text(json.dumps(argv))
                    kept = str(dest)
                tally.failures[key] = Failure(example.command, what, argv, result.err, kept)


def _last_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    return lines[-1][:200] if lines else ""


def fuzz(
    command: str,
    examples: int,
    *,
    seed: int = 0,
    keep: Path | None = None,
    batch: int = 1000,
    replay_every: int = 20,
    max_seconds: float | None = None,
    progress: Callable[[Tally], None] | None = None,
) -> Tally:
    """Run ``examples`` examples of ``command`` (in batches, each with its own seed)."""
    tally = Tally()
    started = time.monotonic()
    strategy = COMMANDS[command]
    n = 0
    while tally.examples < examples:
        size = min(batch, examples - tally.examples)

        @settings(
            max_examples=size,
            deadline=None,
            database=None,
            derandomize=False,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(example=strategy)
        def one(example: Example) -> None:
            nonlocal n
            n += 1
            check_one(example, tally, keep, replay=replay_every > 0 and n % replay_every == 0)

        before = tally.examples
        seeded = _seeded(one, seed * 1_000_003 + tally.examples)
        seeded()
        if tally.examples == before:  # the strategy has nothing new to give
            break
        tally.seconds = time.monotonic() - started
        if progress is not None:
            progress(tally)
        if max_seconds is not None and tally.seconds > max_seconds:
            break
    tally.seconds = time.monotonic() - started
    return tally


def _seeded(test: Callable[[], None], seed: int) -> Callable[[], None]:
    from hypothesis import seed as hypothesis_seed

    return hypothesis_seed(seed)(test)  # type: ignore[no-any-return]


def report(command: str, tally: Tally) -> str:
    rate = tally.examples / tally.seconds if tally.seconds else 0.0
    lines = [
        f"{command}: {tally.examples} examples run ({tally.replays} replayed), "
        f"{tally.count} failure(s), {len(tally.failures)} distinct; "
        f"{tally.seconds:.0f} s, {rate:.1f} examples/s"
    ]
    for key, f in tally.failures.items():
        lines.append(f"  FAIL {key}")
        lines.append(f"       argv: {json.dumps(f.argv)}")
        if f.kept:
            lines.append(f"       kept: {f.kept}")
    return "\n".join(lines)


def _peak_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--command", default="all", help="a command, or 'all' (default)")
    parser.add_argument("--examples", type=int, default=300, help="examples per command")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="keep the inputs of each distinct failure here")
    parser.add_argument("--max-seconds", type=float, help="stop a command after this long")
    args = parser.parse_args(argv)
    names = list(COMMANDS) if args.command == "all" else args.command.split(",")
    unknown = [n for n in names if n not in COMMANDS]
    if unknown:
        parser.error(f"unknown command(s) {unknown}; choose from {list(COMMANDS)}")
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
    failed = False

    def progress(t: Tally) -> None:
        rate = t.examples / t.seconds if t.seconds else 0.0
        print(
            f"  ... {t.examples} examples, {t.count} failure(s), {rate:.1f}/s, "
            f"load {os.getloadavg()[0]:.1f}, peak memory {_peak_mib():.0f} MiB",
            flush=True,
        )

    for name in names:
        tally = fuzz(
            name,
            args.examples,
            seed=args.seed,
            keep=None if args.keep is None else args.keep / name,
            max_seconds=args.max_seconds,
            progress=progress,
        )
        print(report(name, tally), flush=True)
        failed = failed or bool(tally.failures)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
