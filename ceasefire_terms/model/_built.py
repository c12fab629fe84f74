"""Building a model instance from values already checked, without validating them again.

A few validators of the record read text that almost always comes in one plain form ("2025-01-19",
"2025-01-19 11:15 Asia/Jerusalem", "phase-1.end"); validating the fields it gives one by one
cost more than reading it (docs/performance.md). For those forms the model builds the instance
with :func:`built` after checking the values itself, and hands every other input to the
validating path, which words the errors. Each shortcut is tested against the validated path
for the same input (tests/test_model_fast_paths.py): same fields, same fields set, equal,
same hash and the same dumps.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

__all__ = ["built"]

_M = TypeVar("_M", bound=BaseModel)
# BaseModel's four slots, set directly (its own __setattr__ refuses a frozen model's fields)
_new = object.__new__
_set_dict = BaseModel.__dict__["__dict__"].__set__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


def built(
    cls: type[_M],
    values: dict[str, Any],
    fields_set: set[str] | None = None,
    private: dict[str, Any] | None = None,
) -> _M:
    """An instance of ``cls`` holding ``values`` (every field, in the order of the fields),
    with ``fields_set`` as the fields given (all of ``values`` when None) and ``private`` as
    its private attributes: the state the validating constructor leaves for a model without
    extra fields. The one place the library builds a model without validating it: the
    model's shortcuts, the date engine's events, timelines and statuses, and the checks'
    findings and reports, each tested against the validated constructor."""
    obj = _new(cls)
    _set_dict(obj, values)
    _set_fields_set(obj, set(values) if fields_set is None else fields_set)
    _set_extra(obj, None)
    _set_private(obj, private)
    return obj
