"""Numbers written in digits or words, read from tokens with their extent.

This is hand-written on purpose. ``word2number`` and ``number-parser`` (both installed) turn a
whole string into a number, but extraction needs to know *where* a number phrase ends inside
running text ("thirty-three Israeli captives": the number is the first two tokens), must stop
at the first word that cannot continue the number ("one two" is two numbers, not 3), and must
never raise. A small reader over tokens does all three in a bounded number of steps, which
keeps extraction linear.

>>> parse_number("thirty-three")
33
>>> parse_number("two dozen")
24
>>> parse_number("a hundred")
100
>>> parse_number("1,900")
1900
>>> parse_number("1.5 million")
1500000
>>> parse_number("two hundred and fifty thousand")
250000
>>> parse_ordinal("forty-second"), parse_ordinal("16th"), parse_ordinal("first")
(42, 16, 1)
>>> parse_number("thirty thirty")
Traceback (most recent call last):
...
ceasefire_terms.errors.ParseError: must be a number in digits or words such as '33', \
'1,900' or 'thirty-three' (got 'thirty thirty')
"""

from __future__ import annotations

from typing import NamedTuple

from ..errors import ParseError
from ._tokens import Token, tokenize

__all__ = ["NumberReading", "parse_number", "parse_ordinal", "read_number", "read_ordinal"]

UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES: dict[str, int] = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
ORDINAL_UNITS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19,
}  # fmt: skip
ORDINAL_TENS: dict[str, int] = {
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
    "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
}  # fmt: skip
ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
NUMBER_WORDS = frozenset(UNITS) | frozenset(TENS) | frozenset(SCALES) | {"hundred", "dozen"}

#: Digit runs longer than this are not read as numbers (phone numbers, serials, noise); it also
#: keeps ``int()`` far from Python's limit on digits converted from a string.
MAX_DIGITS = 12
#: The most tokens one number phrase may span ("two hundred and fifty - five thousand ...").
MAX_TOKENS = 14

_EXPECTED = "must be a number in digits or words such as '33', '1,900' or 'thirty-three'"
_EXPECTED_ORD = "must be an ordinal such as '16th' or 'sixteenth'"


class NumberReading(NamedTuple):
    """A number read from ``tokens[start:end]``; ``words`` is True when written in words."""

    value: int | float
    start: int
    end: int
    words: bool


def _adjacent(tokens: list[Token], i: int) -> bool:
    """True when token ``i`` starts exactly where token ``i - 1`` ends."""
    return 0 < i < len(tokens) and tokens[i - 1].end == tokens[i].start


def _digits_value(tok: Token) -> int | None:
    digits = tok.text.replace(",", "")
    if len(digits) > MAX_DIGITS or not digits.isascii() or not digits.isdigit():
        return None
    return int(digits)


def _clean(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x


def read_number(tokens: list[Token], i: int) -> NumberReading | None:
    """Read a number starting at ``tokens[i]``: digits (with an optional decimal part and a
    scale word, "1.5 million") or number words ("thirty-three", "a hundred", "two dozen")."""
    if i >= len(tokens):
        return None
    tok = tokens[i]
    if tok.is_digits:
        base = _digits_value(tok)
        if base is None:
            return None
        value: int | float = base
        j = i + 1
        if (
            j + 1 < len(tokens)
            and tokens[j].text == "."
            and _adjacent(tokens, j)
            and _adjacent(tokens, j + 1)
            and tokens[j + 1].is_digits
            and "," not in tokens[j + 1].text
            and len(tokens[j + 1].text) <= 6
        ):
            value = float(f"{base}.{tokens[j + 1].text}")
            j += 2
        if j < len(tokens) and tokens[j].low in SCALES:
            value = _clean(value * SCALES[tokens[j].low])
            j += 1
        return NumberReading(value, i, j, False)
    return _read_words(tokens, i)


def _read_words(tokens: list[Token], i: int) -> NumberReading | None:
    low = tokens[i].low
    start = i
    if low in ("a", "an"):
        # "a hundred", "a thousand", "a dozen", "a million"
        if i + 1 < len(tokens) and tokens[i + 1].low in ("hundred", "dozen", *SCALES):
            total, end = _words_from(tokens, i + 1, lead=1)
            return NumberReading(total, start, end, True) if end > i + 1 else None
        return None
    if low not in UNITS and low not in TENS:
        return None
    total, end = _words_from(tokens, i, lead=None)
    return NumberReading(total, start, end, True) if end > i else None


def _words_from(tokens: list[Token], i: int, *, lead: int | None) -> tuple[int, int]:
    """A small state machine: ``last`` is the category of the previous word
    (unit, teen, tens, hundred, scale) and decides what may follow."""
    total = 0
    current = lead or 0
    last = "unit" if lead is not None else "start"
    end = i
    j = i
    limit = min(len(tokens), i + MAX_TOKENS)
    while j < limit:
        low = tokens[j].low
        if low == "-" and last == "tens" and _adjacent(tokens, j) and _adjacent(tokens, j + 1):
            # "thirty-three": the hyphen only joins tens to a unit
            if j + 1 < limit and tokens[j + 1].low in UNITS and UNITS[tokens[j + 1].low] < 10:
                current += UNITS[tokens[j + 1].low]
                last = "unit"
                j += 2
                end = j
                continue
            break
        if low == "and" and last in ("hundred", "scale"):
            nxt = tokens[j + 1].low if j + 1 < limit else ""
            if nxt in UNITS or nxt in TENS:
                j += 1
                continue
            break
        if low in UNITS:
            if last in ("unit", "teen"):
                break
            if last == "tens" and UNITS[low] >= 10:
                break
            current += UNITS[low]
            last = "unit" if UNITS[low] < 10 else "teen"
        elif low in TENS:
            if last in ("unit", "teen", "tens"):
                break
            current += TENS[low]
            last = "tens"
        elif low == "hundred":
            if last not in ("unit", "teen", "start") or (current % 100 == 0 and current != 0):
                break
            current = (current or 1) * 100
            last = "hundred"
        elif low == "dozen":
            if last not in ("unit", "start", "teen", "tens"):
                break
            current = (current or 1) * 12
            last = "scale"
        elif low in SCALES:
            if last in ("start", "scale"):
                break
            total += (current or 1) * SCALES[low]
            current = 0
            last = "scale"
        else:
            break
        j += 1
        end = j
    return total + current, end


def read_ordinal(tokens: list[Token], i: int) -> NumberReading | None:
    """Read an ordinal at ``tokens[i]``: "16th", "sixteenth", "forty-second", "forty second"."""
    if i >= len(tokens):
        return None
    tok = tokens[i]
    if tok.is_digits:
        if (
            i + 1 < len(tokens)
            and tokens[i + 1].low in ORDINAL_SUFFIXES
            and _adjacent(tokens, i + 1)
            and "," not in tok.text
        ):
            value = _digits_value(tok)
            return None if value is None else NumberReading(value, i, i + 2, False)
        return None
    low = tok.low
    if low in ORDINAL_UNITS:
        return NumberReading(ORDINAL_UNITS[low], i, i + 1, True)
    if low in ORDINAL_TENS:
        return NumberReading(ORDINAL_TENS[low], i, i + 1, True)
    if low in TENS:
        j = i + 1
        if j < len(tokens) and tokens[j].low == "-" and _adjacent(tokens, j):
            j += 1
        if j < len(tokens) and tokens[j].low in ORDINAL_UNITS:
            value = ORDINAL_UNITS[tokens[j].low]
            if value < 10:
                return NumberReading(TENS[low] + value, i, j + 1, True)
    return None


def parse_number(text: str) -> int | float:
    """Read a whole string as one number; raise :class:`~ceasefire_terms.errors.ParseError`
    if any of it is left over."""
    if not isinstance(text, str):
        raise ParseError(_EXPECTED, got=text)
    tokens = tokenize(text)
    reading = read_number(tokens, 0)
    if reading is None or reading.end != len(tokens):
        raise ParseError(_EXPECTED, got=text)
    return reading.value


def parse_ordinal(text: str) -> int:
    """Read a whole string as one ordinal ("16th", "sixteenth", "forty-second")."""
    if not isinstance(text, str):
        raise ParseError(_EXPECTED_ORD, got=text)
    tokens = tokenize(text)
    reading = read_ordinal(tokens, 0)
    if reading is None or reading.end != len(tokens):
        raise ParseError(_EXPECTED_ORD, got=text)
    return int(reading.value)
