"""The library's exception hierarchy.

Every error raised on purpose by ``ceasefire_terms`` is a :class:`CeasefireTermsError` and also
an instance of the matching built-in (``ValueError``, ``LookupError``, ``OSError``), so callers
can catch either. Each carries structured fields -- ``path`` (where), ``expected`` (what would
have been accepted) and ``got`` (what was received) -- and a message built from them:

>>> err = ParseError("must be a period such as '42 days'", path="phases[1].length", got="-3 days")
>>> str(err)
"'phases[1].length' must be a period such as '42 days' (got '-3 days')"
>>> isinstance(err, ValueError)
True

Errors survive pickling (they cross process boundaries in pipelines):

>>> import pickle
>>> pickle.loads(pickle.dumps(err)).path
'phases[1].length'
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "AmbiguousDateError",
    "CeasefireTermsError",
    "ConventionError",
    "CycleError",
    "InputError",
    "LimitError",
    "NonexistentTimeError",
    "ParseError",
    "RecordError",
    "TimeZoneError",
    "UnknownReferenceError",
    "UnresolvableError",
]

_MISSING: Any = object()


class CeasefireTermsError(Exception):
    """Base class of every error the library raises on purpose.

    ``expected`` is a phrase such as ``"must be a positive period"``; ``got`` is the offending
    value (shown with ``repr``) or ``_MISSING`` when there is nothing to show.
    """

    def __init__(
        self,
        expected: str,
        *,
        path: str | None = None,
        got: Any = _MISSING,
        hint: str | None = None,
    ) -> None:
        self.expected = expected
        self.path = path
        self.got = None if got is _MISSING else got
        self.has_got = got is not _MISSING
        self.hint = hint
        super().__init__(self._render())

    def _render(self) -> str:
        where = f"'{self.path}' " if self.path else ""
        text = f"{where}{self.expected}"
        if self.has_got:
            text += f" (got {self.got!r})"
        if self.hint:
            text += f"; {self.hint}"
        return text

    def __reduce__(self) -> tuple[Any, ...]:
        kwargs = {"path": self.path, "hint": self.hint}
        if self.has_got:
            kwargs["got"] = self.got
        return (_rebuild, (type(self), self.expected, kwargs))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly view: ``{"path", "expected", "got", "message"}``."""
        return {
            "path": self.path,
            "expected": self.expected,
            "got": _jsonable(self.got) if self.has_got else None,
            "message": str(self),
        }


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value)


def _rebuild(
    cls: type[CeasefireTermsError], expected: str, kwargs: dict[str, Any]
) -> CeasefireTermsError:
    return cls(expected, **kwargs)


class ParseError(CeasefireTermsError, ValueError):
    """A string could not be read as a period, quantity, date, zone or convention."""


class TimeZoneError(CeasefireTermsError, ValueError):
    """A time zone is unknown, missing, or a naive datetime was given where an aware one is due."""


class ConventionError(CeasefireTermsError, ValueError):
    """A computation is undefined under the stated convention (e.g. months counted as elapsed)."""


class AmbiguousDateError(ConventionError):
    """Date arithmetic landed on a day that does not exist (31 Jan + 1 month) and no rule was
    stated for that case."""


class NonexistentTimeError(ConventionError):
    """A wall-clock time falls in a DST gap or overlap and the policy is to raise."""


class UnknownReferenceError(CeasefireTermsError, LookupError):
    """A rule refers to an event, phase, party or provision that does not exist."""


class CycleError(CeasefireTermsError, ValueError):
    """Relative dates refer to each other in a cycle."""


class UnresolvableError(CeasefireTermsError, ValueError):
    """A date cannot be computed from what is known (e.g. an anchor known only to the month)."""


class RecordError(CeasefireTermsError, ValueError):
    """A record failed validation. ``errors`` lists each problem as a dict with ``path``,
    ``expected``, ``got`` and ``message``."""

    def __init__(
        self,
        expected: str,
        *,
        path: str | None = None,
        got: Any = _MISSING,
        hint: str | None = None,
        errors: list[dict[str, Any]] | None = None,
    ) -> None:
        self.errors: list[dict[str, Any]] = list(errors or [])
        super().__init__(expected, path=path, got=got, hint=hint)

    def __reduce__(self) -> tuple[Any, ...]:
        kwargs: dict[str, Any] = {"path": self.path, "hint": self.hint, "errors": self.errors}
        if self.has_got:
            kwargs["got"] = self.got
        return (_rebuild, (type(self), self.expected, kwargs))


class InputError(CeasefireTermsError, OSError):
    """A file could not be read, or its content is not JSON/YAML at all."""


class LimitError(CeasefireTermsError, ValueError):
    """A request goes over one of the library's documented size limits (renewals projected,
    phases or events plotted, ...): ``path`` names the option, ``got`` the value asked for,
    and the message the limit."""
