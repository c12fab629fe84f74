"""Reading agreement records from files and streams, each with where it came from.

Three input formats, chosen by the file name:

- ``.yaml`` / ``.yml``: one YAML document holding an agreement or a list of agreements;
- ``.json``: one JSON document holding an agreement or a list of agreements;
- anything else, and ``-`` (standard input): JSON Lines, one agreement per line.

JSON Lines are read as a stream, so memory stays flat however many lines there are. YAML and
JSON documents are read whole and are therefore capped at :attr:`Limits.max_document_bytes`;
use JSON Lines for large inputs.

Every record carries its ``source`` (the path, or ``<stdin>``), its 1-based ``line`` (for a
document holding a list, the line where the item starts) and its 0-based ``index`` within the
source. A problem found while reading (a line over the size limit, a document that is not
valid YAML) is attached to the record as ``problem`` and becomes a rejection downstream, so
nothing that was read is ever dropped.

>>> import io
>>> recs = list(iter_jsonl(io.BytesIO(b'{"a": 1}\\n\\n{"b"'), "demo.jsonl"))
>>> [(r.line, r.data, r.at_eof) for r in recs]
[(1, b'{"a": 1}', False), (2, b'', False), (3, b'{"b"', True)]
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol

import yaml

from ..errors import InputError, ParseError
from ..io.load import MAX_DEPTH, MAX_INT_DIGITS, _NoAliasLoader

__all__ = [
    "DEFAULT_LIMITS",
    "Limits",
    "Problem",
    "RawRecord",
    "input_format",
    "iter_document",
    "iter_jsonl",
    "iter_source",
    "jsonl_lines",
    "line_record",
    "source_lines",
]

BOM_UTF8 = b"\xef\xbb\xbf"
_OTHER_BOMS = {
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}
STDIN = "-"


@dataclass(frozen=True, slots=True)
class Limits:
    """Size limits applied to every record.

    ``max_record_bytes``: a JSON line (or a record given as text) longer than this is
    rejected without being held in memory (default 1 MiB; the Gaza example is under 5 KB).
    ``max_document_bytes``: a whole ``.json`` or ``.yaml`` file larger than this is rejected
    (default 64 MiB). ``max_depth``: a record given as a mapping (or read from a YAML or JSON
    document) nested deeper than this is rejected (default 64; a valid agreement nests about 8
    levels). JSON lines are parsed by pydantic's parser, which refuses nesting beyond its own
    recursion limit (about 200 levels), and anything nested deeper than the model allows
    fails validation anyway. ``raw_chars``: how much of an oversized record a rejection keeps.
    """

    max_record_bytes: int = 1_048_576
    max_document_bytes: int = 64 * 1_048_576
    max_depth: int = MAX_DEPTH
    raw_chars: int = 1000

    def __post_init__(self) -> None:
        for name in ("max_record_bytes", "max_document_bytes", "max_depth", "raw_chars"):
            value = getattr(self, name)
            if type(value) is not int or value < 1:
                raise ParseError("must be a whole number of at least 1", path=name, got=value)


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True, slots=True)
class Problem:
    """A reason to reject found before validation: ``code`` plus the usual error fields."""

    code: str
    expected: str
    got: str | None = None
    path: str = "<record>"

    def as_dict(self) -> dict[str, Any]:
        message = f"'{self.path}' {self.expected}"
        if self.got is not None:
            message += f" (got {self.got})"
        return {
            "code": self.code,
            "path": self.path,
            "expected": self.expected,
            "got": self.got,
            "message": message,
        }


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One record as read, before validation.

    ``data`` is the line's bytes (without its line ending) for JSON Lines, or the parsed item
    for YAML/JSON documents. ``at_eof`` is true for a last line that has no newline (so a
    parse error there is reported as truncation). ``problem`` is set when the record is
    rejected at reading time; ``data`` then holds what is kept of it.
    """

    source: str
    line: int | None
    index: int
    data: Any
    at_eof: bool = False
    problem: Problem | None = None
    raw_truncated: bool = False


def input_format(path: str | Path) -> str:
    """``"yaml"``, ``"json"`` (a JSON document) or ``"jsonl"``, from the file name.

    >>> [input_format(p) for p in ("a.yaml", "b.JSON", "c.jsonl", "-", "d.ndjson")]
    ['yaml', 'json', 'jsonl', 'jsonl', 'jsonl']
    """
    name = str(path)
    if name == STDIN:
        return "jsonl"
    suffix = Path(name).suffix.lower()
    if suffix in (".yaml", ".yml"):
        return "yaml"
    if suffix == ".json":
        return "json"
    return "jsonl"


class Chunks(Protocol):
    """What :func:`iter_jsonl` reads from: a binary stream's ``read`` (``read1`` is used when
    the stream has it, so that lines arriving on a pipe are validated as they come)."""

    def read(self, size: int = -1, /) -> bytes: ...


READ_BYTES = 256 * 1024
"""Bytes asked of a JSON Lines stream at a time."""

Line = tuple[int, bytes, bool, Problem | None]
"""One line of a JSON Lines stream as :func:`jsonl_lines` gives it: ``(line number, bytes
without the line end, at_eof, problem)``."""


def jsonl_lines(
    stream: Chunks, limits: Limits = DEFAULT_LIMITS, *, at_start: bool = True, first_line: int = 1
) -> Iterator[Line]:
    """The lines of a binary stream, numbered from ``first_line``: the one reading of JSON
    Lines that :func:`iter_jsonl`, the worker processes and the Dask tasks share.

    The stream is read in blocks, and a line is cut out of its block (or joined from the
    blocks it spans). ``at_eof`` is true for a last line without a newline. A line longer
    than ``limits.max_record_bytes`` (its ``\\r`` and a byte-order mark counted) comes as
    the first ``limits.raw_chars`` bytes with a ``too-large`` problem; the rest of it is read
    and dropped block by block, so memory stays bounded. A UTF-8 byte-order mark at the very
    start of the stream is skipped; a UTF-16 or UTF-32 one there is a problem. With
    ``at_start=False`` (a stream that begins in the middle of a file) a mark is data like any
    other."""
    cap = limits.max_record_bytes
    keep = limits.raw_chars
    read = getattr(stream, "read1", None) or stream.read
    lineno = first_line - 1
    head: list[bytes] = []  # the start of a line that goes on in the next block
    size = 0
    over: bytes | None = None  # the kept start of an oversized line, while it is skipped
    while True:
        block = read(READ_BYTES)
        if not block:
            break
        pos = 0
        while True:
            nl = block.find(b"\n", pos)
            if nl < 0:
                break
            lineno += 1
            if over is not None:
                if len(over) < keep:
                    over += block[pos : min(nl, pos + keep - len(over))]
                yield lineno, over, False, _too_large(cap)
                over = None
            elif head:
                head.append(block[pos:nl])
                line = b"".join(head)
                head.clear()
                size = 0
                yield _line(lineno, line, False, cap, limits, at_start and lineno == first_line)
            else:
                line = block[pos:nl]
                if lineno > first_line and len(line) <= cap and not line.endswith(b"\r"):
                    yield lineno, line, False, None  # (what _line gives for most lines)
                else:
                    first = at_start and lineno == first_line
                    yield _line(lineno, line, False, cap, limits, first)
            pos = nl + 1
        if pos == len(block):
            continue
        if over is not None:
            if len(over) < keep:
                over += block[pos : pos + keep - len(over)]
            continue
        head.append(block[pos:] if pos else block)
        size += len(head[-1])
        if size > cap:
            over = b"".join(head)[:keep]
            head.clear()
            size = 0
    if over is not None:
        yield lineno + 1, over, True, _too_large(cap)
    elif head:
        first = at_start and lineno + 1 == first_line
        yield _line(lineno + 1, b"".join(head), True, cap, limits, first)


def _line(lineno: int, line: bytes, at_eof: bool, cap: int, limits: Limits, first: bool) -> Line:
    """A line as :func:`jsonl_lines` gives it; ``first``: the stream's first line, at the
    start of a file (where a byte-order mark is looked for)."""
    if len(line) > cap:
        return lineno, line[: limits.raw_chars], at_eof, _too_large(cap)
    if line.endswith(b"\r"):
        line = line[:-1]
    if first:
        if line.startswith(BOM_UTF8):
            return lineno, line[len(BOM_UTF8) :], at_eof, None
        return lineno, line, at_eof, foreign_bom(line)
    return lineno, line, at_eof, None


def _too_large(cap: int) -> Problem:
    return Problem(
        "too-large", f"must be at most {cap:,} bytes long (the record size limit)", "a longer line"
    )


def iter_jsonl(
    stream: Chunks,
    source: str,
    limits: Limits = DEFAULT_LIMITS,
    *,
    at_start: bool = True,
    first_line: int = 1,
) -> Iterator[RawRecord]:
    """Yield each line of a binary stream as a :class:`RawRecord` (line numbers from
    ``first_line``, 1 by default; ``index`` is the line number less one).

    A UTF-8 byte-order mark at the very start of the stream is skipped (as most tools write
    one); a UTF-16 or UTF-32 mark there is a rejection of that line. A line longer than
    ``limits.max_record_bytes`` is rejected and only its first ``limits.raw_chars`` bytes are
    kept; the rest is skipped, so memory stays bounded. ``at_start=False`` reads a stream
    that begins in the middle of a file (a byte-order mark there is an error like anywhere
    else). See :func:`jsonl_lines`.
    """
    return _records(source, jsonl_lines(stream, limits, at_start=at_start, first_line=first_line))


def _records(source: str, lines: Iterator[Line]) -> Iterator[RawRecord]:
    for lineno, line, at_eof, problem in lines:
        yield line_record(source, lineno, line, at_eof, problem)


def line_record(
    source: str, lineno: int, line: bytes, at_eof: bool, problem: Problem | None
) -> RawRecord:
    """The :class:`RawRecord` of a line that :func:`jsonl_lines` gave."""
    truncated = problem is not None and problem.code == "too-large"
    return RawRecord(source, lineno, lineno - 1, line, at_eof, problem, truncated)


def foreign_bom(line: bytes) -> Problem | None:
    """The rejection of a first line that starts with a UTF-16 or UTF-32 byte-order mark."""
    for mark, name in _OTHER_BOMS.items():
        if line.startswith(mark):
            return Problem(
                "encoding",
                "must be UTF-8 text; re-encode the file as UTF-8",
                f"a {name} byte-order mark",
            )
    return None


def iter_document(
    data: bytes, source: str, fmt: str, limits: Limits = DEFAULT_LIMITS
) -> Iterator[RawRecord]:
    """Yield the records of a whole YAML or JSON document (one agreement or a list of them).

    A document that cannot be parsed becomes one rejected record at the line of the error;
    in a JSON list, items read before a syntax error are kept and the rest of the document is
    one rejected record starting at the error.
    """
    if len(data) > limits.max_document_bytes:
        yield _doc_problem(
            source,
            1,
            0,
            data[: limits.raw_chars],
            Problem(
                "too-large",
                f"must be at most {limits.max_document_bytes:,} bytes (the document size "
                "limit); split it or use JSON Lines",
                f"{len(data):,} bytes",
            ),
            truncated=True,
        )
        return
    if data.startswith(BOM_UTF8):
        data = data[len(BOM_UTF8) :]
    else:
        bom = foreign_bom(data)
        if bom is not None:
            yield _doc_problem(source, 1, 0, data, bom)
            return
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        yield _doc_problem(source, line, 0, data, _utf8_problem(data, exc))
        return
    if not text.strip():
        yield _doc_problem(
            source, 1, 0, data, Problem("empty", "must hold an agreement or a list of them", "''")
        )
        return
    if fmt == "yaml":
        yield from _iter_yaml(text, source, limits)
    else:
        yield from _iter_json(text, source, limits)


def _doc_problem(
    source: str, line: int, index: int, data: Any, problem: Problem, *, truncated: bool = False
) -> RawRecord:
    return RawRecord(source, line, index, data, problem=problem, raw_truncated=truncated)


def _utf8_problem(data: bytes, exc: UnicodeDecodeError) -> Problem:
    bad = data[exc.start : exc.start + 1]
    return Problem("encoding", "must be UTF-8 text", f"byte 0x{bad.hex()} at offset {exc.start}")


def _iter_yaml(text: str, source: str, limits: Limits) -> Iterator[RawRecord]:
    try:
        loader = _NoAliasLoader(text)  # its reader refuses control characters at once
    except yaml.YAMLError as exc:
        yield _doc_problem(
            source, 1, 0, text, Problem("yaml-invalid", f"must be valid YAML: {_one_line(exc)}")
        )
        return
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            line = mark.line + 1 if mark is not None else 1
            problem = getattr(exc, "problem", None) or str(exc)
            code = "yaml-alias" if "aliases" in str(problem) else "yaml-invalid"
            yield _doc_problem(
                source, line, 0, text, Problem(code, f"must be valid YAML: {problem}")
            )
            return
        except RecursionError:
            yield _doc_problem(
                source,
                1,
                0,
                text[: limits.raw_chars],
                Problem("too-deep", f"must not nest deeper than {limits.max_depth} levels"),
                truncated=True,
            )
            return
        if node is None:  # only comments or document markers: as empty as blank text
            yield _doc_problem(
                source,
                1,
                0,
                text[: limits.raw_chars],
                Problem("empty", "must hold an agreement or a list of them", "no YAML value"),
                truncated=len(text) > limits.raw_chars,
            )
            return
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        for i, item in enumerate(items):
            line = item.start_mark.line + 1
            try:
                value = loader.construct_document(item)
            except yaml.YAMLError as exc:
                where = getattr(exc, "problem_mark", None)
                at = f" at line {where.line + 1}" if where is not None else ""
                problem = getattr(exc, "problem", None) or str(exc)
                yield _doc_problem(
                    source,
                    line,
                    i,
                    _item_text(text, item),
                    Problem("yaml-invalid", f"must be valid YAML{at}: {problem}"),
                )
                continue
            except RecursionError:
                yield _too_deep(source, line, i, _item_text(text, item), limits)
                continue
            yield _item(source, line, i, value)
    finally:
        loader.dispose()


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


def _item_text(text: str, node: Any) -> str:
    """The text of one item of a YAML document (from its first to its last character)."""
    return text[node.start_mark.index : node.end_mark.index]


class _Digits:
    """A JSON decoder hook that reads integers, noting (instead of raising on) any longer than
    :data:`~ceasefire_terms.io.load.MAX_INT_DIGITS` digits, so that one such number rejects
    only its own record."""

    def __init__(self) -> None:
        self.too_long: int | None = None

    def __call__(self, digits: str) -> int:
        if len(digits.lstrip("-")) > MAX_INT_DIGITS:
            self.too_long = max(self.too_long or 0, len(digits.lstrip("-")))
            return 0
        return int(digits)


def _iter_json(text: str, source: str, limits: Limits) -> Iterator[RawRecord]:
    digits = _Digits()
    decoder = json.JSONDecoder(parse_int=digits)

    def item(line: int, index: int, value: Any, raw: str) -> RawRecord:
        if digits.too_long is None:
            return _item(source, line, index, value)
        got = f"an integer of {digits.too_long:,} digits"
        digits.too_long = None
        return _doc_problem(
            source,
            line,
            index,
            raw[: limits.raw_chars],
            Problem(
                "number-too-long", f"must hold integers of at most {MAX_INT_DIGITS:,} digits", got
            ),
            truncated=len(raw) > limits.raw_chars,
        )

    pos = _skip_ws(text, 0)
    if text[pos] != "[":
        try:
            value, end = decoder.raw_decode(text, pos)
            if _skip_ws(text, end) != len(text):
                raise json.JSONDecodeError("extra data after the document", text, end)
        except json.JSONDecodeError as exc:
            yield _json_problem(source, exc, 0, text)
            return
        except RecursionError:
            yield _too_deep(source, 1, 0, text, limits)
            return
        yield item(_line_of(text, pos), 0, value, text[pos:end])
        return
    pos = _skip_ws(text, pos + 1)
    index = 0
    line, counted_to = 1, 0
    if pos < len(text) and text[pos] == "]":  # an empty list: no records, and nothing after
        after = _skip_ws(text, pos + 1)
        if after != len(text):
            err = json.JSONDecodeError("extra data after the list", text, after)
            yield _json_problem(source, err, index, text[after:])
        return
    while True:
        if pos >= len(text):  # "[" or "[{...}," and then nothing: never lose the cut
            err = json.JSONDecodeError("the document ends inside the list", text, pos)
            yield _json_problem(source, err, index, text[pos:])
            return
        line += text.count("\n", counted_to, pos)
        counted_to = pos
        try:
            value, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            yield _json_problem(source, exc, index, text[pos:])
            return
        except RecursionError:
            yield _too_deep(source, line, index, text[pos:], limits)
            return
        yield item(line, index, value, text[pos:end])
        index += 1
        pos = _skip_ws(text, end)
        if pos < len(text) and text[pos] == ",":
            pos = _skip_ws(text, pos + 1)
            continue
        if pos < len(text) and text[pos] == "]" and _skip_ws(text, pos + 1) == len(text):
            return
        err = json.JSONDecodeError("expected ',' or ']' after a list item", text, pos)
        yield _json_problem(source, err, index, text[pos:])
        return


def _item(source: str, line: int, index: int, value: Any) -> RawRecord:
    """A record from a document; anything but a mapping is rejected here (a string item must
    not be mistaken for a line of JSON text)."""
    if isinstance(value, dict):
        return RawRecord(source, line, index, value)
    problem = Problem(
        "not-an-object", "must be a mapping of agreement fields", type(value).__name__
    )
    return RawRecord(source, line, index, value, problem=problem)


def _skip_ws(text: str, pos: int) -> int:
    n = len(text)
    while pos < n and text[pos] in " \t\r\n":
        pos += 1
    return pos


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _json_problem(source: str, exc: json.JSONDecodeError, index: int, rest: str) -> RawRecord:
    return _doc_problem(
        source,
        exc.lineno,
        index,
        rest,
        Problem(
            "json-invalid",
            f"must be valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
        ),
    )


def _too_deep(source: str, line: int, index: int, rest: str, limits: Limits) -> RawRecord:
    return _doc_problem(
        source,
        line,
        index,
        rest[: limits.raw_chars],
        Problem("too-deep", f"must not nest deeper than {limits.max_depth} levels"),
        truncated=len(rest) > limits.raw_chars,
    )


def open_input(name: str) -> IO[bytes]:
    """Open a file for reading, as :class:`~ceasefire_terms.errors.InputError` if it can't be."""
    try:
        return open(name, "rb")
    except FileNotFoundError:
        raise InputError("must be an existing file", path=name) from None
    except OSError as exc:
        raise InputError(f"could not be opened: {exc.strerror}", path=name) from None


def source_name(path: str | Path) -> str:
    """What records read from ``path`` give as their ``source``: the path, or ``<stdin>``."""
    name = str(path)
    return "<stdin>" if name == STDIN else name


def source_lines(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[Line]:
    """The lines (:func:`jsonl_lines`) of a JSON Lines input: a file path, or ``-`` for
    standard input. Raises :class:`~ceasefire_terms.errors.InputError` when it cannot be
    opened or read."""
    name = str(path)
    if name == STDIN:
        stdin = sys.stdin
        if stdin is None:
            raise InputError("is closed; give a file, or '-' with an open standard input", path="-")
        try:
            yield from jsonl_lines(stdin.buffer, limits)
        except (OSError, ValueError) as exc:  # a closed or unreadable descriptor
            text = getattr(exc, "strerror", None) or str(exc)
            raise InputError(f"could not be read: {text}", path="<stdin>") from None
        return
    with open_input(name) as stream:
        try:
            yield from jsonl_lines(stream, limits)
        except OSError as exc:
            raise InputError(f"could not be read: {exc.strerror}", path=name) from None


def iter_source(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[RawRecord]:
    """Yield the records of one input: a file path, or ``-`` for standard input (JSON Lines).

    Raises :class:`~ceasefire_terms.errors.InputError` when the file cannot be opened or read.
    """
    name = str(path)
    fmt = input_format(name)
    if fmt == "jsonl":
        yield from _records(source_name(name), source_lines(name, limits))
        return
    with open_input(name) as stream:
        try:
            data = stream.read(limits.max_document_bytes + 1)
        except OSError as exc:
            raise InputError(f"could not be read: {exc.strerror}", path=name) from None
    yield from iter_document(data, name, fmt, limits)
