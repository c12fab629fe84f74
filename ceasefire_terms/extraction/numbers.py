"""Numbers written in digits or words, read from tokens with their extent.

This is hand-written on purpose, after measuring the maintained alternative. ``text2num``
(``text_to_num.alpha2digit``, compiled, fast) rewrites a whole string, so it loses where a
number phrase ends inside running text ("thirty-three Israeli captives": the number is the
first two tokens), and it misses families agreement text uses ("fifty - two", "3 hundred and
21", "3 dozens", "twenty—fifth", "one trillion", "a hundred"); see docs/extraction.md and
``benchmarks/extract_numbers.py`` for the figures. Extraction also must stop at the first word
that cannot continue the number ("one two" is two numbers, not 3), and must never raise. A
small reader over tokens does all of that in a bounded number of steps (at most
``MAX_TOKENS``), which keeps extraction linear.

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
>>> parse_number("3 hundred and 21"), parse_number("322 hundred"), parse_number("3 dozens")
(321, 32200, 36)
>>> parse_number("three thousand millions"), parse_number("one trillion")
(3000000000, 1000000000000)
>>> parse_number("fifty - two"), parse_number(".08"), parse_number("9.2321312")
(52, 0.08, 9.2321312)
>>> parse_number("thirty-one million two hundred fifty-six thousand seven hundred twenty-one")
31256721
>>> parse_number("٣٣"), parse_number("１２")
(33, 12)
>>> parse_number("2 1/2"), parse_number("1½ million"), parse_number("half a dozen")
(2.5, 1500000, 6)
>>> parse_number("a quarter of a million"), parse_number("3 200"), parse_number("a couple of")
(250000, 3200, 2)
>>> parse_ordinal("forty-second"), parse_ordinal("16th"), parse_ordinal("first")
(42, 16, 1)
>>> parse_ordinal("twenty—fifth"), parse_ordinal("twentyfifth")
(25, 25)
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

__all__ = [
    "NumberReading",
    "parse_number",
    "parse_ordinal",
    "read_number",
    "read_ordinal",
    "slash_fraction",
]

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
SCALES: dict[str, int] = {
    "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}  # fmt: skip
#: Plural multipliers after a number ("3 dozens", "three billions", "three thousand millions").
#: Alone they are vague plurals ("thousands of"), which the quantity recogniser reads.
PLURAL_MULTIPLIERS: dict[str, int] = {
    "dozens": 12, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000,
    "billions": 1_000_000_000, "trillions": 1_000_000_000_000,
}  # fmt: skip
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
#: Tens and a unit written as one word ("twentyfive", "twentyfifth").
GLUED: dict[str, int] = {
    t + u: TENS[t] + UNITS[u] for t in TENS for u in UNITS if 0 < UNITS[u] < 10
}
GLUED_ORDINALS: dict[str, int] = {
    t + u: TENS[t] + ORDINAL_UNITS[u] for t in TENS for u in ORDINAL_UNITS if ORDINAL_UNITS[u] < 10
}
NUMBER_WORDS = (
    frozenset(UNITS) | frozenset(TENS) | frozenset(SCALES) | frozenset(GLUED) | {"hundred", "dozen"}
)
DASHES = frozenset({"-", "–", "—", "‐", "‑", "−"})
#: Words that start a number phrase without being number words themselves: "half a million",
#: "a quarter of a million", "a couple of days" (the scanner stops at them as at number words).
FRACTION_STARTS = frozenset({"half", "quarter", "couple"})
#: Vulgar fraction characters, glued to a whole number ("1½ million") or alone ("½").
VULGAR_FRACTIONS: dict[str, float] = {
    "½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 0.125, "⅜": 0.375,
    "⅝": 0.625, "⅞": 0.875, "⅕": 0.2, "⅖": 0.4, "⅗": 0.6, "⅘": 0.8, "⅙": 1 / 6, "⅚": 5 / 6,
}  # fmt: skip
#: Denominators read in a fraction written with a slash ("1/2", "3/4", "2 1/2"); anything else
#: joined by a slash is a code or a date ("24/7", "9/11", "3/4/2021").
DENOMINATORS = frozenset({2, 3, 4, 5, 6, 8, 10, 16})

#: Digit runs longer than this are not read as numbers (phone numbers, serials, noise); it also
#: keeps ``int()`` far from Python's limit on digits converted from a string.
MAX_DIGITS = 12
#: The most tokens one number phrase may span ("thirty - one million two hundred ...").
MAX_TOKENS = 40

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
    if len(digits) > MAX_DIGITS or not digits.isdecimal():
        return None
    return int(digits)  # int() reads every script's decimal digits


def _clean(x: int | float) -> int | float:
    return int(x) if isinstance(x, float) and x.is_integer() else x


def _decimal_comma(tokens: list[Token], i: int, j: int) -> str | None:
    """The digits after a decimal comma at ``tokens[j]`` ("1,5 million", "2,25 billion"), read
    only where a comma cannot group thousands: one or two digits after it, then a scale word
    ("million", "billion", "thousand"), after a number of at most three digits without a
    comma of its own. Else None ("1,500", "1,5 and 7", "pages 1,5" are not decimals)."""
    if not (
        j + 2 < len(tokens)
        and tokens[j].text == ","
        and "," not in tokens[i].text
        and len(tokens[i].text) <= 3
        and _adjacent(tokens, j + 1)
        and tokens[j + 1].is_digits
        and tokens[j + 1].text.isascii()
        and tokens[j + 1].text.isdecimal()
        and len(tokens[j + 1].text) <= 2
        and (tokens[j + 2].low in SCALES or tokens[j + 2].low in PLURAL_MULTIPLIERS)
    ):
        return None
    return tokens[j + 1].text


def _fraction(tokens: list[Token], j: int) -> str | None:
    """The digits after a decimal point at ``tokens[j]`` ("." then digits, touching), in ASCII;
    None when there is none or when a further ".digits" follows (a code such as "3.4.4")."""
    if not (
        j + 1 < len(tokens)
        and tokens[j].text == "."
        and _adjacent(tokens, j + 1)
        and tokens[j + 1].is_digits
        and "," not in tokens[j + 1].text
        and len(tokens[j + 1].text) <= MAX_DIGITS
    ):
        return None
    if (
        j + 3 < len(tokens)
        and tokens[j + 2].text == "."
        and _adjacent(tokens, j + 2)
        and _adjacent(tokens, j + 3)
        and tokens[j + 3].is_digits
    ):
        return None
    frac = tokens[j + 1].text
    return f"{int(frac):0{len(frac)}d}"


def read_number(tokens: list[Token], i: int) -> NumberReading | None:
    """Read a number starting at ``tokens[i]``: digits (with an optional decimal part, and
    multiplier words: "1.5 million", "3 hundred and 21", "3 dozens"), a bare decimal (".08")
    or number words ("thirty-three", "a hundred", "two dozen", "fifty - two")."""
    if i >= len(tokens):
        return None
    tok = tokens[i]
    if tok.text == ".":
        frac = _fraction(tokens, i)
        if frac is None or _adjacent(tokens, i):
            return None  # "2.5" is read from its "2"; "end.5" is not a number
        return _with_multiplier(tokens, i, i + 2, float(f"0.{frac}"))
    if tok.is_digits:
        slashed = slash_fraction(tokens, i)
        if slashed is not None:
            return _with_multiplier(tokens, i, i + 3, slashed)  # "1/2 cup", "3/4 of a mile"
        base, j = _grouped(tokens, i)
        if base is None:
            return None
        value: int | float = base
        if _adjacent(tokens, j):
            frac = _fraction(tokens, j)
            if frac is not None:
                value = _clean(float(f"{base}.{frac}"))
                j += 2
            elif tokens[j].text in VULGAR_FRACTIONS and "," not in tok.text:
                value = base + VULGAR_FRACTIONS[tokens[j].text]  # "1½ million"
                j += 1
            elif (frac := _decimal_comma(tokens, i, j)) is not None:
                value = _clean(float(f"{base}.{frac}"))  # "1,5 million": 1.5 million
                j += 2
        elif (
            j == i + 1
            and j < len(tokens)
            and "," not in tok.text
            and tokens[i].end + 1 == tokens[j].start
            and (mixed := slash_fraction(tokens, j)) is not None
        ):
            value = base + mixed  # "2 1/2 miles", "3 1/2 hours"
            j += 3
        j, value = _and_a_half(tokens, j, value)
        suffix = _suffix_scale(tokens, j)
        if suffix:
            return NumberReading(_clean(value * suffix), i, j + 1, False)  # "10k", "1.2m"
        return _with_multiplier(tokens, i, j, value)
    return _read_words(tokens, i)


#: Letters glued to a number that multiply it ("10k runners", "1.2m people").
SUFFIX_SCALES: dict[str, int] = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000}


def _suffix_scale(tokens: list[Token], j: int) -> int | None:
    """The multiplier of a letter glued to the number before ``tokens[j]`` ("10k", "1.2m"),
    read only before a plural noun ("10k runners", "1.2m people"): "a 10k run" is a race and
    "a 5m wall" five metres."""
    if not (j + 1 < len(tokens) and _adjacent(tokens, j)):
        return None
    scale = SUFFIX_SCALES.get(tokens[j].text.lower())
    if scale is None:
        return None
    nxt = tokens[j + 1]
    plural = nxt.low.endswith("s") or nxt.low in ("people", "children", "men", "women")
    if _adjacent(tokens, j + 1) or not (
        nxt.text.isalpha() and nxt.text.islower() and len(nxt.text) > 3 and plural
    ):
        return None
    if nxt.low in ("metres", "meters", "miles", "minutes", "hours", "years", "seconds"):
        return None
    return scale


def _grouped(tokens: list[Token], i: int) -> tuple[int | None, int]:
    """Digits at ``tokens[i]``, continued by groups of three digits each after one space
    (plain, no-break or thin: "3 200", "1 234 567"): (value, next index)."""
    tok = tokens[i]
    value = _digits_value(tok)
    j = i + 1
    if value is None or "," in tok.text or len(tok.text) > 3 or tok.text.startswith("0"):
        return value, j
    groups = 0
    while (
        j < len(tokens)
        and groups < 4
        and tokens[j].is_digits
        and len(tokens[j].text) == 3
        and "," not in tokens[j].text
        and tokens[j].start == tokens[j - 1].end + 1
        and not (j + 1 < len(tokens) and _adjacent(tokens, j + 1) and tokens[j + 1].text in "/:.")
    ):
        groups += 1
        j += 1
    if groups == 0:
        return value, i + 1
    if j < len(tokens) and tokens[j].is_digits and tokens[j].start == tokens[j - 1].end + 1:
        return value, i + 1  # "5 555 0134": more digits follow, a phone or a list, not a figure
    digits = "".join(tokens[k].text for k in range(i, j))
    return (int(digits) if len(digits) <= MAX_DIGITS else None), j


def slash_fraction(tokens: list[Token], i: int) -> float | None:
    """A fraction written "a/b" at ``tokens[i]`` ("1/2", "3/4"): a smaller numerator over a
    usual denominator, not followed by another "/" (a date, "3/4/2021")."""
    if not (
        i + 2 < len(tokens)
        and tokens[i + 1].text == "/"
        and _adjacent(tokens, i + 1)
        and _adjacent(tokens, i + 2)
        and tokens[i].is_digits
        and tokens[i + 2].is_digits
        and "," not in tokens[i].text + tokens[i + 2].text
        and len(tokens[i].text) <= 2
        and len(tokens[i + 2].text) <= 2
    ):
        return None
    if i + 3 < len(tokens) and tokens[i + 3].text in "/-." and _adjacent(tokens, i + 3):
        return None
    if i > 0 and tokens[i - 1].text in "/-." and _adjacent(tokens, i):
        return None
    a, b = int(tokens[i].text), int(tokens[i + 2].text)
    if b not in DENOMINATORS or not 0 < a < b:
        return None
    return a / b


def _and_a_half(tokens: list[Token], j: int, value: int | float) -> tuple[int, int | float]:
    """ "and a half" before a multiplier: "one and a half million", "2 and a half thousand"
    (before a unit, "two and a half weeks" is the duration reader's)."""
    if (
        j + 3 < len(tokens)
        and tokens[j].low == "and"
        and tokens[j + 1].low == "a"
        and tokens[j + 2].low == "half"
        and (tokens[j + 3].low in SCALES or tokens[j + 3].low in ("hundred", "dozen"))
    ):
        return j + 3, value + 0.5
    return j, value


def _with_multiplier(tokens: list[Token], i: int, j: int, value: int | float) -> NumberReading:
    """The number ``value`` read from ``tokens[i:j]``, continued by multiplier words
    ("1.5 million", "3 hundred and 21", "1 thousand 2 hundred and 46", "3 dozens")."""
    if j < len(tokens) and (
        tokens[j].low in SCALES
        or tokens[j].low in PLURAL_MULTIPLIERS
        or tokens[j].low in ("hundred", "dozen")
    ):
        total, end = _words_from(tokens, j, lead=value)
        if end > j:
            return NumberReading(total, i, end, False)
    return NumberReading(value, i, j, False)


def _read_words(tokens: list[Token], i: int) -> NumberReading | None:
    low = tokens[i].low
    start = i
    nxt = [t.low for t in tokens[i + 1 : i + 5]]
    if low in ("a", "an"):
        # "a hundred", "a thousand", "a dozen", "a million"
        if nxt[:1] and nxt[0] in ("hundred", "dozen", *SCALES):
            total, end = _words_from(tokens, i + 1, lead=1)
            return NumberReading(total, start, end, True) if end > i + 1 else None
        if nxt[:2] == ["couple", "of"]:
            return NumberReading(2, start, i + 3, True)  # "a couple of days"
        if (
            nxt[:1] == ["couple"]
            and i + 2 < len(tokens)
            and tokens[i + 2].text.isalpha()
            and tokens[i + 2].text.islower()
            and tokens[i + 2].low.endswith("s")
        ):
            return NumberReading(2, start, i + 2, True)  # "a couple hours" (no "of")
        if nxt[:1] == ["quarter"]:
            return _part_of(tokens, i + 1, 0.25, start)  # "a quarter of a million"
        return None
    if low == "half":
        return _part_of(tokens, i, 0.5, start)  # "half a million", "half a dozen"
    if low not in UNITS and low not in TENS and low not in GLUED:
        return None
    total, end = _words_from(tokens, i, lead=None)
    end, total = _and_a_half(tokens, end, total)
    if end < len(tokens) and tokens[end].low in ("hundred", "dozen", *SCALES) and total % 1:
        total, end = _words_from(tokens, end, lead=total)  # "one and a half million"
    return NumberReading(total, start, end, True) if end > i else None


def _part_of(tokens: list[Token], i: int, part: float, start: int) -> NumberReading | None:
    """``part`` of a multiplier from ``tokens[i]`` ("half" or "quarter"): "half a million",
    "half a dozen", "a quarter of a million" (not "half an hour": a duration)."""
    j = i + 1
    if j < len(tokens) and tokens[j].low == "of":
        j += 1
    if not (j + 1 < len(tokens) and tokens[j].low in ("a", "an")):
        return None
    if tokens[j + 1].low not in ("hundred", "dozen", *SCALES):
        return None
    total, end = _words_from(tokens, j + 1, lead=1)
    if end != j + 2:
        return None  # "half a million two hundred": not a figure anyone writes
    return NumberReading(_clean(total * part), start, end, True)


def _dash_joins(tokens: list[Token], j: int) -> bool:
    """A dash at ``tokens[j]`` joining the words either side: touching both ("thirty-three",
    "twenty—fifth") or spaced on both sides ("fifty - two")."""
    if tokens[j].low not in DASHES or j + 1 >= len(tokens):
        return False
    left, right = _adjacent(tokens, j), _adjacent(tokens, j + 1)
    return left == right


def _words_from(
    tokens: list[Token], i: int, *, lead: int | float | None
) -> tuple[int | float, int]:
    """A small state machine: ``last`` is the category of the previous word
    (unit, teen, tens, hundred, scale) and decides what may follow. ``lead`` is a number
    already read (digits, or the 1 of "a hundred")."""
    total: int | float = 0
    current: int | float = lead or 0
    last = "unit" if lead is not None else "start"
    scale = 0  # the last scale word's value ("three thousand millions")
    hundred = False  # "hundred" already read since the last scale word
    end = i
    j = i
    limit = min(len(tokens), i + MAX_TOKENS)
    while j < limit:
        low = tokens[j].low
        if last == "tens" and j + 1 < limit and _dash_joins(tokens, j):
            # "thirty-three", "fifty - two": the dash only joins tens to a unit
            nxt = tokens[j + 1].low
            if nxt in UNITS and UNITS[nxt] < 10:
                current += UNITS[nxt]
                last = "unit"
                j += 2
                end = j
                continue
            break
        if low == "and" and last in ("hundred", "scale"):
            nxt_tok = tokens[j + 1] if j + 1 < limit else None
            nxt = nxt_tok.low if nxt_tok else ""
            if nxt in UNITS or nxt in TENS or nxt in GLUED:
                j += 1
                continue
            if nxt_tok is not None and nxt_tok.is_digits and (lead is not None):
                # "3 hundred and 21": digits close a number begun in digits
                v = _digits_value(nxt_tok)
                room = 100 if last == "hundred" else scale
                if v is not None and 0 < v < room and j + 2 <= limit:
                    current += v
                    j += 2
                    end = j
                    last = "unit"
                    break
            break
        tok = tokens[j]
        if tok.is_digits and lead is not None and last == "scale" and "," not in tok.text:
            # "1 thousand 2 hundred and 46": digits go on a number begun in digits
            v = _digits_value(tok)
            if v is None or not 0 < v < scale or not j + 1 < limit:
                break
            if tokens[j + 1].low not in ("hundred", "and") and tokens[j + 1].low not in SCALES:
                break
            current += v
            last = "unit"
            j += 1
            end = j
            continue
        if low in GLUED:
            if last in ("unit", "teen", "tens"):
                break
            current += GLUED[low]
            last = "unit"
        elif low in UNITS:
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
            # once per group: "thirty-three hundred", "322 hundred", not "3,333 hundred"
            if (
                last not in ("unit", "teen", "start", "tens")
                or hundred
                or (lead is None and current >= 100)
            ):
                break
            current = (current or 1) * 100
            last = "hundred"
            hundred = True
        elif low == "score" and last in ("unit", "teen") and lead is None:
            current = current * 20  # "four score and seven": twenties
            last = "scale"
            scale = 20
        elif low in ("dozen", "dozens"):
            if last not in ("unit", "start", "teen", "tens") or (
                low == "dozens" and last == "start"
            ):
                break
            current = (current or 1) * 12
            last = "scale"
            scale = 12
        elif low in SCALES or low in PLURAL_MULTIPLIERS:
            value = SCALES.get(low) or PLURAL_MULTIPLIERS[low]
            if last == "start":
                break
            if last == "scale":
                if current or value <= scale:
                    break
                total *= value  # "three thousand millions": a scale of a scale
            else:
                if scale and value >= scale:
                    break  # "two million three million": two numbers
                total += (current or 1) * value
            current = 0
            last = "scale"
            scale = value
            hundred = False
            if low in PLURAL_MULTIPLIERS:
                j += 1
                end = j
                break  # "three billions": nothing follows a plural multiplier
        else:
            break
        j += 1
        end = j
    return _clean(total + current), end


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
    if low in GLUED_ORDINALS:
        return NumberReading(GLUED_ORDINALS[low], i, i + 1, True)
    if low in TENS:
        j = i + 1
        if j < len(tokens) and _dash_joins(tokens, j):
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
