"""Suggestions for a misspelt id: the one rule behind every "did you mean" about party, event,
phase, provision and source ids (in the checks, the date engine and the record's lookups).

>>> did_you_mean("hamass", ["hamas", "israel"])
"did you mean 'hamas'?"
>>> did_you_mean("phase-1.ned", ["phase-1.start", "phase-1.end"])
"did you mean 'phase-1.end'?"
>>> did_you_mean("egypt", ["hamas", "israel"]) is None   # nothing close: no guess
True
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["CUTOFF", "did_you_mean", "nearest_id"]

CUTOFF = 0.75
"""How alike (difflib's ratio, 0 to 1, ignoring case) an id must be to be suggested."""


def nearest_id(name: object, known: Iterable[str]) -> str | None:
    """The known id nearest to ``name``, or None when none is close (or ``name`` is not a
    string, or is itself known)."""
    if not isinstance(name, str):
        return None
    by_folded: dict[str, str] = {}
    for k in known:
        by_folded.setdefault(k.casefold(), k)
    if name in by_folded.values():
        return None
    key = name.casefold()
    if key in by_folded:
        return by_folded[key]
    close = difflib.get_close_matches(key, list(by_folded), n=1, cutoff=CUTOFF)
    return by_folded[close[0]] if close else None


def did_you_mean(name: object, known: Iterable[str]) -> str | None:
    """``"did you mean 'x'?"`` for the nearest known id, or None (see :func:`nearest_id`)."""
    near = nearest_id(name, known)
    return None if near is None else f"did you mean '{near}'?"
