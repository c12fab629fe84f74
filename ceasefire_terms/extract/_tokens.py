"""Tokenising a bounded window of text.

Every pattern here is linear: no nested quantifier can match the same characters two ways.
Numbers are digit runs, optionally grouped by thousands (``1,900``); a grouped run must not be
followed by another digit, so ``1,9000`` is read as ``1,900`` + ``0`` rather than backtracking.

>>> [t.text for t in tokenize("approximately 1,900 prisoners; 42-day phase")]
['approximately', '1,900', 'prisoners', ';', '42', '-', 'day', 'phase']
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Token", "tokenize"]

_TOKEN = re.compile(
    r"[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])"  # 1,900 / 1,000,000
    r"|[0-9]+"  # 2025, 08
    r"|[^\W\d_]+(?:['’][^\W\d_]+)*"  # words, with inner apostrophes (Israel's)
    r"|[^\w\s]"  # one punctuation mark
)


class Token(NamedTuple):
    """One token: its text as written, its lower-case form, and its offsets in the text."""

    text: str
    low: str
    start: int
    end: int

    @property
    def is_digits(self) -> bool:
        return self.text[:1].isascii() and self.text[:1].isdigit()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into the whole ``text``."""
    stop = len(text) if end is None else end
    make = tuple.__new__  # much faster than the NamedTuple's keyword constructor
    return [
        make(Token, (g, g.lower(), m.start(), m.end()))
        for m in _TOKEN.finditer(text, start, stop)
        for g in (m.group(),)
    ]
