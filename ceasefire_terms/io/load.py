"""Reading and writing agreement records (YAML and JSON).

YAML is read with PyYAML's safe loader, with aliases refused: agreement records never need
them, and refusing them removes the "billion laughs" expansion attack. The text is parsed by
libyaml (PyYAML's C parser) when PyYAML was built with it, about seven times faster than
the pure-Python parser, which stays the fallback and the reference: a text libyaml cannot
read, or one that holds an alias, is read again by the pure-Python loader, so every error
message and line number is the pure-Python loader's.

>>> a = parse_agreement({"id": "x", "title": "X", "zone": "Europe/Istanbul"})
>>> a.zone
'Europe/Istanbul'
>>> parse_agreement({"id": "x", "title": "X", "zone": "Mars/Olympus"})
Traceback (most recent call last):
...
ceasefire_terms.errors.RecordError: record is not a valid agreement: 'zone' must be an IANA \
time zone name such as 'Asia/Jerusalem' (got 'Mars/Olympus')
"""

from __future__ import annotations

import difflib
import json
import typing
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from ..errors import CeasefireTermsError, InputError, RecordError
from ..model.agreement import Agreement

__all__ = [
    "MAX_INT_DIGITS",
    "dump_agreement",
    "errors_from_pydantic",
    "find_lone_surrogate",
    "find_too_deep",
    "join_messages",
    "load_agreement",
    "parse_agreement",
    "read_json",
    "read_yaml",
]

MAX_INT_DIGITS = 4300
"""The longest integer (in digits) a record may hold: Python's own default limit on turning
text into an ``int`` (``sys.get_int_max_str_digits()``), which guards against the quadratic
cost of longer ones. A longer integer is a rejection of its record, never a crash."""

MAX_DEPTH = 64
"""How deeply a record given as a mapping (or read from a YAML or JSON document) may nest;
a valid agreement nests about 8 levels. The pipelines' ``Limits.max_depth`` defaults to it."""


def _int_problem(exc: Exception) -> str:
    """Say what Python's "Exceeds the limit ... for integer string conversion" means, without
    pointing the user at an interpreter setting."""
    text = str(exc)
    if "integer string conversion" in text:
        return f"integers must have at most {MAX_INT_DIGITS:,} digits"
    return text


class _NoAliasLoader(yaml.SafeLoader):
    """Safe loader that refuses anchors/aliases."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.constructor.ConstructorError(
                None,
                None,
                "YAML aliases are not accepted in agreement records",
                event.start_mark,
            )
        return super().compose_node(parent, index)

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        """Build a value; a scalar Python cannot represent (a date such as ``2025-02-30``, an
        integer over :data:`MAX_INT_DIGITS` digits) is a YAML error at its own line, not a
        ``ValueError`` from deep inside the loader."""
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, OverflowError) as exc:
            value = node.value if isinstance(node.value, str) else ""
            shown = value if len(value) <= 40 else value[:37] + "..."
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read the value {shown!r}: {_int_problem(exc)}", node.start_mark
            ) from None


class _AliasFound(Exception):
    """Raised by :class:`_CNoAliasLoader` at the first node met twice (an alias)."""


_CSafeLoader: type[Any] | None = getattr(yaml, "CSafeLoader", None)

if _CSafeLoader is not None:

    class _CNoAliasLoader(_CSafeLoader):  # type: ignore[misc,valid-type]
        """libyaml's safe loader, stopped at the first alias.

        libyaml composes an alias as the very node its anchor names, so the constructor meets
        that node a second time; that is where this loader stops. (The node carries the
        anchor's position, not the alias's: the pure-Python loader says where the alias is.)
        """

        def construct_object(self, node: Any, deep: bool = False) -> Any:
            if node in self.constructed_objects or node in self.recursive_objects:
                raise _AliasFound
            return super().construct_object(node, deep)


def _load_yaml(text: str, *, fast: bool = True) -> Any:
    """The document in ``text``: libyaml first when ``fast`` and available, then the
    pure-Python loader for anything libyaml did not read cleanly (an alias, an error)."""
    first: yaml.YAMLError | None = None
    if fast and _CSafeLoader is not None:
        try:
            return yaml.load(text, Loader=_CNoAliasLoader)
        except (_AliasFound, ValueError, OverflowError, RecursionError):
            pass  # the reference loader decides, and words the error (an impossible date...)
        except yaml.YAMLError as exc:
            first = exc
    try:
        return yaml.load(text, Loader=_NoAliasLoader)
    except RecursionError:
        # the pure-Python parser recurses once per level of nesting; libyaml stops at its
        # own nesting limit with a proper error, which is then the one to report
        if first is not None:
            raise first from None
        raise


def read_yaml(text: str, *, source: str = "<string>") -> Any:
    """Parse YAML text safely (no aliases, no Python objects); every failure, including a
    value Python cannot represent and nesting too deep to parse, is an :class:`InputError`."""
    try:
        return _load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        if "nesting depth" in problem:
            problem += " (nested deeper than a record may be; a valid agreement nests about 8)"
        raise InputError(f"must be valid YAML{line}: {problem}", path=source) from None
    except RecursionError:
        raise InputError(
            "must be valid YAML nested no deeper than the parser can follow (a valid agreement "
            "nests about 8 levels)",
            path=source,
        ) from None


def read_json(text: str, *, source: str = "<string>") -> Any:
    """Parse JSON text; every failure (syntax, an integer over :data:`MAX_INT_DIGITS` digits,
    nesting too deep to parse) is an :class:`InputError` naming the place."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"must be valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
            path=source,
        ) from None
    except ValueError as exc:
        raise InputError(f"must be valid JSON: {_int_problem(exc)}", path=source) from None
    except RecursionError:
        raise InputError(_too_deep_text(), path=source) from None


def _too_deep_text() -> str:
    return f"must not nest deeper than {MAX_DEPTH} levels (a valid agreement nests about 8)"


def find_too_deep(data: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether mappings and lists in ``data`` nest deeper than ``limit`` (no recursion)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(value, Mapping):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, (list, tuple)):
            stack.extend((v, depth + 1) for v in value)
    return False


def find_lone_surrogate(data: Any) -> tuple[str, str] | None:
    """The first text in ``data`` (a key or a value, at any depth) that is not valid Unicode
    because it holds a lone surrogate (``"\\ud800"`` in JSON or YAML), as ``(path, repr)``;
    ``None`` if there is none. Such text cannot be written as UTF-8, so a record holding it
    is rejected in every form it comes in (mapping, JSON line, document)."""
    stack: list[tuple[Any, str]] = [(data, "")]
    while stack:
        value, path = stack.pop()
        if isinstance(value, str):
            if not value.isascii() and not _utf8_ok(value):
                return path or "<record>", _short(value) or "''"
        elif isinstance(value, Mapping):
            for k in value:  # keys and lookups, as the model reads a mapping
                v = value[k]
                key = _shown_key(k)
                here = f"{path}.{key}" if path else key
                if isinstance(k, str) and not k.isascii() and not _utf8_ok(k):
                    return here, _short(k) or "''"
                stack.append((v, here))
        elif isinstance(value, (list, tuple)):
            stack.extend((v, f"{path}[{i}]") for i, v in enumerate(value))
    return None


def _shown_key(key: Any) -> str:
    """A key as it appears in an error path: text as is, a lone surrogate as ``\\ud800``."""
    if not isinstance(key, str):
        return _short(key) or "None"
    return key.encode("utf-8", "backslashreplace").decode("utf-8")


def _utf8_ok(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _loc(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in ("exchange", "obligation", "deadline", "moment", "rule") and out:
            continue  # union tags pydantic puts in the location
        elif str(part).startswith(("function-", "tagged-union")):
            continue
        else:
            out += f".{part}" if out else str(part)
    return out or "<record>"


def errors_from_pydantic(exc: ValidationError) -> list[dict[str, Any]]:
    """Turn pydantic's errors into the library's ``{path, expected, got, message}`` dicts."""
    out = []
    for err in exc.errors(include_url=False):
        path = _loc(tuple(err["loc"]))
        inner = (err.get("ctx") or {}).get("error")
        if isinstance(inner, CeasefireTermsError):
            expected = inner.expected + (f"; {inner.hint}" if inner.hint else "")
            got = inner.got if inner.has_got else err.get("input")
        else:
            expected = str(err["msg"]).removeprefix("Value error, ")
            if expected.startswith("Input should be "):
                expected = "must be " + expected.removeprefix("Input should be ")
            got = err.get("input")
            if err["type"] == "missing":
                expected, got = "is required", None
            elif err["type"] == "extra_forbidden":
                expected = "is not a field of this record (unknown fields are refused)"
                near = _nearest_field(err["loc"])
                if near:
                    expected += f"; did you mean '{near}'?"
        got_text = _short(got)
        message = f"'{path}' {expected}" + ("" if got is None else f" (got {got_text})")
        out.append({"path": path, "expected": expected, "got": got_text, "message": message})
    return out


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models an annotation holds (through unions, tuples, Annotated and the like)."""
    found: list[type[BaseModel]] = []
    stack: list[Any] = [annotation]
    while stack:
        tp = stack.pop()
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            found.append(tp)
        else:
            stack.extend(typing.get_args(tp))
    return found


def _nearest_field(loc: tuple[int | str, ...]) -> str | None:
    """The field closest to a misspelt key (``lenght`` -> ``length``) among the fields of the
    record part where the key stands; ``None`` when none is close."""
    if not loc or not isinstance(loc[-1], str):
        return None
    models: list[type[BaseModel]] = [Agreement]
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        inner = [
            m
            for model in models
            if (f := model.model_fields.get(part))
            for m in _models_in(f.annotation)
        ]
        models = inner or models  # a union tag or validator name: stay where we are
    names = sorted({name for model in models for name in model.model_fields})
    near = difflib.get_close_matches(loc[-1], names, n=1, cutoff=0.75)
    return near[0] if near else None


def join_messages(errors: Sequence[Mapping[str, Any]]) -> str:
    """Every error's message, numbered when there are several: none is hidden."""
    if len(errors) == 1:
        return str(errors[0]["message"])
    return "; ".join(f"({i}) {e['message']}" for i, e in enumerate(errors, start=1))


def _short(value: Any, limit: int = 80) -> str | None:
    """``repr(value)``, cut at a word or comma boundary when long, saying how long it was."""
    if value is None:
        return None
    try:
        text = repr(value)
    except ValueError as exc:  # an int over the digit limit cannot be shown in decimal
        if isinstance(value, int):
            return f"an integer of about {int(value.bit_length() * 0.30103) + 1:,} digits"
        text = f"<{type(value).__name__}: {exc}>"
    except Exception:
        text = f"<{type(value).__name__} that cannot be shown>"
    if len(text) <= limit:
        return text
    head = text[:limit]
    cut = max(head.rfind(" "), head.rfind(","))
    head = head[:cut] if cut > limit // 2 else head
    return f"{head}… ({len(text):,} characters in all)"


def parse_agreement(data: Any, *, source: str | None = None) -> Agreement:
    """Validate a mapping (or JSON text) as an :class:`Agreement`, raising
    :class:`RecordError` whose ``errors`` list every problem."""
    try:
        if isinstance(data, (str, bytes)):
            return Agreement.model_validate_json(data)
        if not isinstance(data, Mapping):
            raise RecordError(
                "must be a mapping of agreement fields", path=source, got=type(data).__name__
            )
        _refuse_unwritable(data, source)
        return Agreement.model_validate(data)
    except ValidationError as exc:
        errors = errors_from_pydantic(exc)
        raise RecordError(
            f"record is not a valid agreement: {join_messages(errors) or exc}",
            path=source,
            errors=errors,
        ) from None


def _refuse_unwritable(data: Mapping[Any, Any], source: str | None) -> None:
    """Reject a mapping nested too deeply to validate safely, or holding text that is not
    valid Unicode (see :func:`find_lone_surrogate`)."""
    if find_too_deep(data):
        error = {"path": "<record>", "expected": _too_deep_text(), "got": None}
        error["message"] = f"'<record>' {_too_deep_text()}"
        raise RecordError(
            f"record is not a valid agreement: {error['message']}", path=source, errors=[error]
        )
    bad = find_lone_surrogate(data)
    if bad is not None:
        where, got = bad
        expected = "must be valid Unicode text (it holds a lone surrogate, which UTF-8 cannot hold)"
        message = f"'{where}' {expected} (got {got})"
        error = {"path": where, "expected": expected, "got": got, "message": message}
        raise RecordError(
            f"record is not a valid agreement: {message}", path=source, errors=[error]
        )


def load_agreement(path: str | Path) -> Agreement:
    """Load one agreement from a ``.yaml``/``.yml`` or ``.json`` file (or a ``.jsonl`` file of
    one line). A file of several records (a list, or JSON Lines) is an :class:`InputError`
    that says how many and where they are read."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError("must be an existing file", path=str(p)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"could not be read as UTF-8 text: {exc}", path=str(p)) from None
    suffix = p.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) != 1:
            raise InputError(_one_agreement("JSON Lines", len(lines)), path=str(p))
        data = read_json(lines[0], source=str(p))
    elif suffix == ".json":
        data = read_json(text, source=str(p))
    else:
        data = read_yaml(text, source=str(p))
    if isinstance(data, list):
        raise InputError(_one_agreement("a list", len(data)), path=str(p))
    return parse_agreement(data, source=str(p))


def _one_agreement(what: str, n: int) -> str:
    return (
        f"must be one agreement (a mapping of its fields), and it is {what} of {n} "
        f"record{'' if n == 1 else 's'}: validate records in bulk with validate_files (the "
        "'validate' command), or give one agreement a file of its own"
    )


_QUIET_SETTINGS = frozenset({"roll", "dst"})
"""Engine settings whose default says nothing worth reading (``roll: none``, ``dst: raise``)."""


def _prune(model: BaseModel, data: dict[str, Any]) -> dict[str, Any]:
    """``data`` (``model`` dumped) without the fields that still hold their model default
    and say nothing: empty lists and the quiet engine settings. Only the model's own fields
    are pruned; a field holding plain data (a dataset row's ``cells``, where a column may be
    called ``roll``) is written as it is."""
    fields = type(model).model_fields
    out: dict[str, Any] = {}
    for key, value in data.items():
        field = fields.get(key)
        if field is not None and not field.is_required():
            attr = getattr(model, key)
            quiet = value == [] or key in _QUIET_SETTINGS
            if quiet and attr == field.get_default(call_default_factory=True):
                continue
        out[key] = _prune_value(getattr(model, key, None), value)
    return out


def _prune_value(attr: Any, value: Any) -> Any:
    if isinstance(attr, BaseModel) and isinstance(value, dict):
        return _prune(attr, value)
    if isinstance(attr, (list, tuple)) and isinstance(value, list) and len(attr) == len(value):
        return [_prune_value(a, v) for a, v in zip(attr, value, strict=True)]
    return value


def dump_agreement(agreement: Agreement, *, fmt: str = "yaml") -> str:
    """Write an agreement as YAML or JSON; loading the text gives an equal agreement."""
    data = _prune(agreement, agreement.model_dump(mode="json", exclude_none=True))
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2)
    if fmt == "yaml":
        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    raise RecordError("must be 'yaml' or 'json'", path="fmt", got=fmt)
