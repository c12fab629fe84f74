"""Streaming validation: every record in, exactly one verdict out, in the same order.

A record is valid when it parses as an :class:`~ceasefire_terms.Agreement` (pydantic, unknown
fields refused) and :func:`~ceasefire_terms.check` finds no error in it. Warnings are kept on
the accepted record; with ``strict=True`` they reject it too. Anything wrong with the input
itself -- malformed JSON, a truncated last line, invalid UTF-8, a stray byte-order mark, a
blank line, a line over the size limit, nesting too deep -- is a :class:`Rejection` with the
reason, never an exception.

>>> good = '{"id": "x", "title": "X", "zone": "UTC"}'
>>> bad = '{"id": "y", "title": "Y", "zone": "Mars/Base"}'
>>> [r.ok for r in validate_records([good, bad, "{oops"])]
[True, False, False]
>>> rej = list(validate_records([bad], source="feed"))[0]
>>> (rej.source, rej.line, rej.errors[0]["path"], rej.errors[0]["got"])
('feed', 1, 'zone', "'Mars/Base'")
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, ClassVar

from pydantic import ValidationError

from ..errors import CeasefireTermsError, LimitError, ParseError
from ..io.load import (
    MAX_INT_DIGITS,
    errors_from_pydantic,
    find_lone_surrogate,
    find_too_deep,
    join_messages,
)
from ..model.agreement import Agreement
from ..validation.checks import Severity, findings, of_severity
from .sources import (
    BOM_UTF8,
    DEFAULT_LIMITS,
    Limits,
    Line,
    Problem,
    RawRecord,
    input_format,
    iter_source,
    line_record,
    source_lines,
    source_name,
)

__all__ = [
    "Outcome",
    "Rejection",
    "Summary",
    "ValidRecord",
    "raw_bytes",
    "validate_files",
    "validate_line",
    "validate_lines",
    "validate_raw",
    "validate_records",
    "writable_raw",
]


@dataclass(frozen=True, slots=True, init=False)
class ValidRecord:
    """An accepted record.

    ``line`` is the 1-based line where the record starts (for an iterable given to
    :func:`validate_records`, its 1-based position); ``index`` is its 0-based position in its
    source. ``agreement_id`` is the record's ``id``. ``warnings`` are the check's warnings as
    dicts (``path``, ``expected``, ``got``, ``message``, ``code``, ...). ``raw`` is the
    record's JSON text: the line exactly as read, or, for a record given as a mapping or read
    from a YAML/JSON document, the mapping written as one line of JSON.

    :attr:`agreement` is the parsed :class:`~ceasefire_terms.Agreement`, or ``None`` when the
    caller passed ``keep_agreements=False``. A record validated in a worker process
    (``jobs`` > 1) comes back without it, and it is parsed again from ``raw`` the first time
    :attr:`agreement` is read (sending a parsed agreement between processes costs more).
    """

    source: str
    line: int | None
    index: int
    agreement_id: str
    warnings: tuple[dict[str, Any], ...] = ()
    raw: str | None = None
    kept: bool = True
    parsed: Agreement | None = field(default=None, repr=False, compare=False)
    ok: ClassVar[bool] = True

    def __init__(
        self,
        source: str,
        line: int | None,
        index: int,
        agreement_id: str,
        warnings: tuple[dict[str, Any], ...] = (),
        raw: str | None = None,
        kept: bool = True,
        parsed: Agreement | None = None,
    ) -> None:
        # What the generated __init__ of a frozen dataclass does (object.__setattr__ for
        # each field), through the slots' own setters: 1.0 us a record instead of 1.7 us,
        # on the bulk path's every accepted record.
        s = _VALID_SLOTS
        s[0](self, source)
        s[1](self, line)
        s[2](self, index)
        s[3](self, agreement_id)
        s[4](self, warnings)
        s[5](self, raw)
        s[6](self, kept)
        s[7](self, parsed)

    def __reduce__(self) -> tuple[type[ValidRecord], tuple[Any, ...]]:
        # Pickled as its constructor's arguments: a frozen dataclass's own pickling goes
        # through fields() and object.__setattr__ per field, which a Dask task pays for each
        # outcome it sends back (4,500 records: 42 ms to pickle and unpickle, now 12 ms).
        return ValidRecord, (
            self.source,
            self.line,
            self.index,
            self.agreement_id,
            self.warnings,
            self.raw,
            self.kept,
            self.parsed,
        )

    @property
    def agreement(self) -> Agreement | None:
        """The agreement (parsed from ``raw`` on first access for a record validated in a
        worker process)."""
        if self.parsed is None and self.kept and self.raw is not None:
            object.__setattr__(self, "parsed", Agreement.model_validate_json(self.raw))
        return self.parsed if self.kept else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": True,
            "source": self.source,
            "line": self.line,
            "index": self.index,
            "agreement": self.agreement_id,
            "warnings": list(self.warnings),
        }


_VALID_SLOTS: tuple[Callable[[object, Any], None], ...] = tuple(
    getattr(ValidRecord, f.name).__set__ for f in fields(ValidRecord)
)
"""The setters of :class:`ValidRecord`'s slots, in the order of its fields."""


@dataclass(frozen=True, slots=True)
class Rejection:
    """A rejected record: where it was, every error found, and the raw text so it can be
    fixed and fed again. ``raw`` is the line as read (invalid UTF-8 kept as surrogate
    escapes, so the bytes can be recovered with ``raw.encode("utf-8", "surrogateescape")``);
    ``raw_truncated`` is true when only the start of an oversized record was kept.

    :meth:`to_dict` (what ``--rejects-out`` writes) always gives text UTF-8 can hold: when
    ``raw`` is not valid Unicode (undecodable bytes, a lone surrogate), ``"raw"`` holds it with
    each bad byte replaced by U+FFFD and ``"raw_b64"`` holds the exact bytes in base64 (see
    :func:`raw_bytes`); otherwise ``"raw_b64"`` is ``null``."""

    source: str
    line: int | None
    index: int
    errors: tuple[dict[str, Any], ...]
    raw: str | None = None
    raw_truncated: bool = False
    ok: ClassVar[bool] = False

    def __reduce__(self) -> tuple[type[Rejection], tuple[Any, ...]]:
        # as ValidRecord's: pickled as its constructor's arguments
        args = self.source, self.line, self.index, self.errors, self.raw, self.raw_truncated
        return Rejection, args

    @property
    def message(self) -> str:
        """Every error's message, numbered when there are several (none is hidden)."""
        return join_messages(self.errors) or "rejected"

    def to_dict(self) -> dict[str, Any]:
        raw, raw_b64 = writable_raw(self.raw)
        return {
            "ok": False,
            "source": self.source,
            "line": self.line,
            "index": self.index,
            "errors": list(self.errors),
            "raw": raw,
            "raw_b64": raw_b64,
            "raw_truncated": self.raw_truncated,
        }


def raw_bytes(raw: str) -> bytes:
    """The bytes a rejection's ``raw`` text stands for: undecodable input bytes come back as
    they were read (they are kept as surrogate escapes); a lone surrogate that came from the
    record itself (``"\\ud800"`` in a JSON or YAML document) is written as its three-byte
    form (``ED A0 80``), which is how such text appears in a file when it does."""
    try:
        return raw.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return raw.encode("utf-8", "surrogatepass")


def writable_raw(raw: str | None) -> tuple[str | None, str | None]:
    """``(text, base64)`` for a rejection's raw text: the text itself and ``None`` when it is
    valid Unicode; else the text with U+FFFD for each bad byte and the exact bytes in base64.

    >>> writable_raw('{"a": 1}')
    ('{"a": 1}', None)
    >>> writable_raw(b"\\xff{}".decode("utf-8", "surrogateescape"))
    ('\ufffd{}', '/3t9')
    """
    if raw is None or raw.isascii():
        return raw, None
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError:
        data = raw_bytes(raw)
        return data.decode("utf-8", "replace"), base64.b64encode(data).decode("ascii")
    return raw, None


Outcome = ValidRecord | Rejection
"""What validation yields for each input record."""


# -- validating one record -------------------------------------------------------------------


def validate_raw(
    rec: RawRecord,
    *,
    strict: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    keep_agreements: bool = True,
) -> Outcome:
    """Validate one record as read by :mod:`~ceasefire_terms.pipeline.sources`.

    Never raises for anything in the record: even an unforeseen failure of the validator on
    some input is reported as a rejection (code ``internal-error``, with the exception), so a
    pipeline run loses no record and goes on."""
    data = rec.data
    if type(data) is bytes and rec.problem is None:
        return validate_line(
            rec.source, rec.line, rec.index, data, rec.at_eof, strict, limits, keep_agreements
        )
    try:
        return _validate_raw(rec, strict, limits, keep_agreements)
    except Exception as exc:
        return _internal_error(rec.source, rec.line, rec.index, exc, data)


def validate_line(
    source: str,
    line: int | None,
    index: int,
    data: bytes,
    at_eof: bool = False,
    strict: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    keep_agreements: bool = True,
    keep_raw: bool = True,
) -> Outcome:
    """Validate one JSON line (its bytes, without the line end), as :func:`validate_raw`
    validates a :class:`RawRecord` of it with no problem found in reading; ``at_eof`` says it
    is a last line without a newline. The bulk paths call this for every plain line, without
    making a :class:`RawRecord` of it. ``keep_raw=False`` leaves the record's text out of an
    outcome found valid, or found invalid by :func:`~ceasefire_terms.check` (not decoding it
    saves time where it is not wanted)."""
    try:
        return _validate_json(
            source, line, index, data, at_eof, strict, limits, keep_agreements, keep_raw
        )
    except Exception as exc:
        return _internal_error(source, line, index, exc, data)


def _internal_error(
    source: str, line: int | None, index: int, exc: Exception, data: Any
) -> Rejection:
    problem = Problem(
        "internal-error",
        "must be validated without an internal error (this is a bug in ceasefire_terms; "
        "please report it with the record)",
        f"{type(exc).__name__}: {exc}",
    )
    return Rejection(source, line, index, (problem.as_dict(),), _raw_text(data))


def _validate_raw(rec: RawRecord, strict: bool, limits: Limits, keep_agreements: bool) -> Outcome:
    data = rec.data
    place = rec.source, rec.line, rec.index
    if rec.problem is not None:
        return Rejection(
            *place, (rec.problem.as_dict(),), _raw_text(data), rec.raw_truncated
        )
    if isinstance(data, str):
        try:
            data = data.encode("utf-8")
        except UnicodeEncodeError as exc:
            problem = Problem("encoding", "must be UTF-8 text", f"{exc.object[exc.start]!r}")
            return Rejection(*place, (problem.as_dict(),), data)
    if isinstance(data, (bytes, bytearray)):
        return _validate_json(*place, bytes(data), rec.at_eof, strict, limits, keep_agreements)
    if isinstance(data, Mapping):
        return _validate_mapping(*place, data, strict, limits, keep_agreements)
    problem = Problem(
        "not-an-object", "must be a JSON object of agreement fields", type(data).__name__
    )
    return Rejection(*place, (problem.as_dict(),), _raw_text(data))


def _validate_json(
    source: str,
    lineno: int | None,
    index: int,
    line: bytes,
    at_eof: bool,
    strict: bool,
    limits: Limits,
    keep: bool,
    keep_raw: bool = True,
) -> Outcome:
    if len(line) > limits.max_record_bytes:
        problem = Problem(
            "too-large",
            f"must be at most {limits.max_record_bytes:,} bytes long (the record size limit)",
            f"{len(line):,} bytes",
        )
        raw = _raw_text(line[: limits.raw_chars])
        return Rejection(source, lineno, index, (problem.as_dict(),), raw, True)
    try:
        agreement = Agreement.__pydantic_validator__.validate_json(line)
    except ValidationError as exc:
        if exc.errors(include_url=False)[0]["type"] == "json_invalid":
            problem = _diagnose_json(line, exc, at_eof=at_eof)
            return Rejection(source, lineno, index, (problem.as_dict(),), _raw_text(line))
        return Rejection(source, lineno, index, tuple(_pydantic_errors(exc)), _raw_text(line))
    raw = line.decode("utf-8") if keep_raw else None
    return _checked(source, lineno, index, agreement, strict, keep, raw)


def _validate_mapping(
    source: str,
    lineno: int | None,
    index: int,
    data: Mapping[Any, Any],
    strict: bool,
    limits: Limits,
    keep: bool,
) -> Outcome:
    too_deep = find_too_deep(data, limits.max_depth)
    if too_deep:
        problem = Problem("too-deep", f"must not nest deeper than {limits.max_depth} levels")
        return Rejection(source, lineno, index, (problem.as_dict(),), None)
    raw = _raw_text(data)
    bad_text = find_lone_surrogate(data)
    if bad_text is not None:
        problem = Problem(
            "encoding",
            "must be valid Unicode text (it holds a lone surrogate, which UTF-8 cannot hold)",
            bad_text[1],
            path=bad_text[0],
        )
        return Rejection(source, lineno, index, (problem.as_dict(),), raw)
    try:
        agreement = Agreement.model_validate(data)
    except ValidationError as exc:
        return Rejection(source, lineno, index, tuple(_pydantic_errors(exc)), raw)
    return _checked(source, lineno, index, agreement, strict, keep, raw)


def _checked(
    source: str,
    lineno: int | None,
    index: int,
    agreement: Agreement,
    strict: bool,
    keep: bool,
    raw: str | None,
) -> Outcome:
    try:
        found = findings(agreement)
    except (OverflowError, RecursionError, CeasefireTermsError) as exc:
        # check() reports record problems as findings; arithmetic on absurd values (a
        # quantity of 10**400, a period of 10**20 days) can still overflow in the date and
        # interval code, and that is a problem of the record, so it is a rejection too.
        problem = Problem(
            "out-of-range",
            "must hold numbers and dates small enough to compute with",
            f"{type(exc).__name__}: {exc}",
        )
        return Rejection(source, lineno, index, (problem.as_dict(),), raw)
    warnings: tuple[dict[str, Any], ...] = ()
    if found:  # (most records have none)
        errors = [f.as_dict() for f in of_severity(found, Severity.ERROR)]
        warned = [f.as_dict() for f in of_severity(found, Severity.WARNING)]
        if strict:
            errors += warned
            warned = []
        if errors:
            return Rejection(source, lineno, index, tuple(errors), raw)
        warnings = tuple(warned)
    return ValidRecord(
        source, lineno, index, agreement.id, warnings, raw, keep, agreement if keep else None
    )


def _pydantic_errors(exc: ValidationError) -> list[dict[str, Any]]:
    out = errors_from_pydantic(exc)
    for item, err in zip(out, exc.errors(include_url=False), strict=True):
        item["code"] = err["type"].replace("_", "-")
    return out


def _diagnose_json(line: bytes, exc: ValidationError, *, at_eof: bool) -> Problem:
    """Say why a line is not JSON, in the most useful terms we can find."""
    msg = str(exc.errors(include_url=False)[0]["msg"]).removeprefix("Invalid JSON: ")
    if not line.strip():
        return Problem("blank-line", "must hold one JSON object", "an empty line")
    if line.startswith(BOM_UTF8):
        return Problem(
            "bom",
            "must not start with a byte-order mark; one is only skipped at the start of a file "
            "(files joined together often carry one per part)",
            "U+FEFF",
        )
    try:
        line.decode("utf-8")
    except UnicodeDecodeError as err:
        bad = line[err.start : err.start + 1].hex()
        return Problem("encoding", "must be UTF-8 text", f"byte 0x{bad} at column {err.start + 1}")
    if "number out of range" in msg:
        return Problem(
            "number-too-long",
            f"must hold integers of at most {MAX_INT_DIGITS:,} digits",
            f"a number too long to read ({msg})",
        )
    if "recursion limit" in msg:
        return Problem(
            "too-deep", "must not nest deeper than the JSON parser's recursion limit", msg
        )
    if at_eof and "EOF while parsing" in msg:
        return Problem(
            "truncated",
            "must be a complete JSON object; the input ends inside this record (a truncated "
            "last line)",
            msg,
        )
    return Problem("json-invalid", f"must be valid JSON: {msg}", _snippet(line))


def _snippet(line: bytes, limit: int = 60) -> str:
    text = line.decode("utf-8", "replace")
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")


def _json_default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return str(value)


def _raw_text(data: Any) -> str | None:
    if data is None:
        return None
    if isinstance(data, (bytes, bytearray)):
        return bytes(data).decode("utf-8", "surrogateescape")
    if isinstance(data, str):
        return data
    # Never raises: it also serves the last-resort rejection of a record the validator
    # failed on, so whatever the object does, the record is reported, not lost.
    try:
        return json.dumps(data, ensure_ascii=False, default=_json_default)
    except Exception:
        try:
            return repr(data)
        except Exception:
            return f"<{type(data).__name__} object that cannot be shown>"


# -- many records ----------------------------------------------------------------------------


def _as_raw(records: Iterable[Any], source: str) -> Iterator[RawRecord]:
    for i, rec in enumerate(records):
        yield rec if isinstance(rec, RawRecord) else RawRecord(source, i + 1, i, rec)


def validate_records(
    records: Iterable[Any],
    *,
    source: str = "<records>",
    strict: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    jobs: int = 1,
    keep_agreements: bool = True,
) -> Iterator[Outcome]:
    """Validate records lazily, yielding one :data:`Outcome` per record, in order.

    ``records`` may hold mappings, JSON text (``str``) or UTF-8 JSON (``bytes``), in any mix;
    a record's ``line`` is its 1-based position and ``source`` names the whole iterable.
    ``jobs`` > 1 validates in that many processes and yields the same outcomes in the same
    order. ``keep_agreements=False`` leaves ``ValidRecord.agreement`` as ``None``, which
    saves sending parsed agreements between processes when only the verdict is needed.
    """
    yield from _run(_as_raw(records, source), strict, limits, jobs, keep_agreements)


def validate_files(
    paths: Iterable[str | Path],
    *,
    strict: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    jobs: int = 1,
    keep_agreements: bool = True,
) -> Iterator[Outcome]:
    """Validate every record of each file in turn (``-`` is standard input, as JSON Lines).

    Raises :class:`~ceasefire_terms.errors.InputError` when a file cannot be opened or read;
    everything wrong *inside* a file is a :class:`Rejection`.
    """

    if isinstance(paths, (str, Path)):  # one path, not the characters of its name
        paths = [paths]
    _check_jobs(jobs)
    if jobs > 1:
        from .parallel import validate_files_parallel

        yield from validate_files_parallel(
            paths, jobs=jobs, strict=strict, limits=limits, keep=keep_agreements
        )
        return

    for path in paths:
        if input_format(path) != "jsonl":
            for rec in iter_source(path, limits):
                yield validate_raw(
                    rec, strict=strict, limits=limits, keep_agreements=keep_agreements
                )
            continue
        # JSON Lines, the bulk format
        lines = source_lines(path, limits)
        yield from validate_lines(source_name(path), lines, strict, limits, keep_agreements)


def validate_lines(
    source: str,
    lines: Iterable[Line],
    strict: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    keep_agreements: bool = True,
    keep_raw: bool = True,
) -> Iterator[Outcome]:
    """The outcome of each line that :func:`~.sources.jsonl_lines` gives (from a file, a
    worker's range of one, or a Dask block): a plain line is validated as read, without a
    :class:`RawRecord` (:func:`validate_line`); one with a problem found in reading is
    rejected as :func:`validate_raw` rejects it."""
    for lineno, line, at_eof, problem in lines:
        if problem is None:
            yield validate_line(
                source, lineno, lineno - 1, line, at_eof, strict, limits, keep_agreements, keep_raw
            )
        else:
            yield validate_raw(line_record(source, lineno, line, at_eof, problem))


MAX_JOBS = 128
"""The most worker processes a run starts (``--jobs``); each holds a copy of the library."""


def _check_jobs(jobs: int) -> None:
    if jobs < 1:
        raise ParseError("must be at least 1", path="jobs", got=jobs)
    if jobs > MAX_JOBS:
        raise LimitError(f"must be at most {MAX_JOBS} (the process limit)", path="jobs", got=jobs)


def _run(
    raws: Iterator[RawRecord], strict: bool, limits: Limits, jobs: int, keep: bool
) -> Iterator[Outcome]:
    _check_jobs(jobs)
    if jobs == 1:
        for rec in raws:
            yield validate_raw(rec, strict=strict, limits=limits, keep_agreements=keep)
        return
    from .parallel import validate_parallel

    yield from validate_parallel(raws, jobs=jobs, strict=strict, limits=limits, keep=keep)


# -- counting ---------------------------------------------------------------------------------


@dataclass
class _Count:
    read: int = 0
    valid: int = 0
    rejected: int = 0
    warnings: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "read": self.read,
            "valid": self.valid,
            "rejected": self.rejected,
            "warnings": self.warnings,
        }


@dataclass
class Summary:
    """Running totals of a validation run, overall and per source.

    ``warnings`` counts the warnings carried by accepted records. By construction
    ``read == valid + rejected`` for the whole run and for every source.

    >>> s = Summary()
    >>> for o in validate_records(['{"id": "x", "title": "X", "zone": "UTC"}', "[]"]):
    ...     s.add(o)
    >>> s.as_dict()["read"], s.as_dict()["valid"], s.as_dict()["rejected"]
    (2, 1, 1)
    """

    total: _Count = field(default_factory=_Count)
    sources: dict[str, _Count] = field(default_factory=dict)

    def add(self, outcome: Outcome) -> None:
        per = self.sources.get(outcome.source)
        if per is None:
            per = self.sources[outcome.source] = _Count()
        for c in (self.total, per):
            c.read += 1
            if isinstance(outcome, ValidRecord):
                c.valid += 1
                c.warnings += len(outcome.warnings)
            else:
                c.rejected += 1

    def note_source(self, source: str) -> None:
        """List a source even if it held no records."""
        self.sources.setdefault(source, _Count())

    @property
    def all_valid(self) -> bool:
        return self.total.rejected == 0

    def as_dict(self) -> dict[str, Any]:
        """``{"read", "valid", "rejected", "warnings", "files": [{"path", ...}]}``."""
        return {
            **self.total.as_dict(),
            "files": [{"path": k, **v.as_dict()} for k, v in self.sources.items()],
        }
