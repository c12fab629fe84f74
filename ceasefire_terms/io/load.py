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
    "dump_agreement",
    "errors_from_pydantic",
    "join_messages",
    "load_agreement",
    "parse_agreement",
    "read_yaml",
]


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
        except _AliasFound:
            pass  # the reference loader decides, and words the error
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
    """Parse YAML text safely (no aliases, no Python objects)."""
    try:
        return _load_yaml(text)
    except RecursionError:
        raise InputError(
            "must be valid YAML nested no deeper than the parser can follow", path=source
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(f"must be valid YAML{line}: {problem}", path=source) from None


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
    text = repr(value)
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
        return Agreement.model_validate(data)
    except ValidationError as exc:
        errors = errors_from_pydantic(exc)
        raise RecordError(
            f"record is not a valid agreement: {join_messages(errors) or exc}",
            path=source,
            errors=errors,
        ) from None


def load_agreement(path: str | Path) -> Agreement:
    """Load one agreement from a ``.yaml``/``.yml`` or ``.json`` file."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError("must be an existing file", path=str(p)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"could not be read as UTF-8 text: {exc}", path=str(p)) from None
    if p.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"must be valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
                path=str(p),
            ) from None
    else:
        data = read_yaml(text, source=str(p))
    return parse_agreement(data, source=str(p))


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
