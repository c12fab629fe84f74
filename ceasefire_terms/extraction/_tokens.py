"""Tokenising a bounded window of text.

Every pattern here is linear: no nested quantifier can match the same characters two ways.
Numbers are runs of decimal digits of any script (``1,900``, full-width ``１２``, Arabic-Indic
``٣٣``; ``int`` reads them all), optionally grouped by thousands; a grouped run must not be
followed by another digit, so ``1,9000`` is read as ``1,900`` + ``0`` rather than backtracking.
Superscripts, subscripts, circled digits and vulgar fractions (footnote markers from PDFs:
``str.isdigit`` accepts them but ``int`` does not) are one-character marks of their own,
never digits and never part of a word.

>>> [t.text for t in tokenize("approximately 1,900 prisoners; 42-day phase")]
['approximately', '1,900', 'prisoners', ';', '42', '-', 'day', 'phase']
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["MARKS", "Token", "tokenize"]

#: Characters that ``\w`` accepts but that are neither letters nor decimal digits: superscript
#: and subscript digits, number forms (vulgar fractions, Roman numerals), enclosed and circled
#: numbers.
MARKS = "\u00b2\u00b3\u00b9\u00bc-\u00be\u2070-\u209f\u2150-\u218f\u2460-\u24ff\u2776-\u2793"

_TOKEN = re.compile(
    r"\d{1,3}(?:,\d{3})+(?!\d)"  # 1,900 / 1,000,000
    r"|\d+"  # 2025, 08, ٣٣
    rf"|[^\W\d_{MARKS}]+(?:['’][^\W\d_{MARKS}]+)*"  # words, with inner apostrophes (Israel's)
    rf"|[{MARKS}]"  # a footnote marker or other number-like sign
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
        return self.text[:1].isdecimal()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into the whole ``text``."""
    stop = len(text) if end is None else end
    make = tuple.__new__  # much faster than the NamedTuple's keyword constructor
    return [
        make(Token, (g, g.lower(), m.start(), m.end()))
        for m in _TOKEN.finditer(text, start, stop)
        for g in (m.group(),)
    ]
