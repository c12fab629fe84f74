"""The oracle for the fast path's tests: the full path's verdict, and the soundness check."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

import ceasefire_terms as ct
from ceasefire_terms.pipeline.fast import clean_id


def full_verdict(line: bytes) -> str:
    """'clean', 'findings' or 'invalid', by the full path (the model, then check())."""
    return _verdict(lambda: ct.Agreement.model_validate_json(line))


def full_mapping_verdict(data: Any) -> str:
    """The same, for a record given as a mapping (the model in Python mode, not JSON)."""
    return _verdict(lambda: ct.Agreement.model_validate(data))


def _verdict(build: Callable[[], ct.Agreement]) -> str:
    try:
        a = build()
    except ValidationError:
        return "invalid"
    try:
        report = ct.check(a)
    except (OverflowError, RecursionError, ct.CeasefireTermsError):
        return "invalid"
    return "findings" if report.findings else "clean"


def assert_sound(line: bytes) -> str | None:
    """The fast path's answer, after checking that it is sound: an id only for a record the
    full path finds clean, and that id the record's own (and no exception)."""
    got = clean_id(line)
    if got is not None:
        assert full_verdict(line) == "clean", line.decode("utf-8", "replace")[:2000]
        assert got == json.loads(line)["id"]
    return got
