"""Our number reader against ``text2num`` (text_to_num), on issue #12's number families.

Usage: python benchmarks/extract_numbers.py [--repeat N]

``text2num`` is the maintained, compiled library for number words (``pip install
'ceasefire-terms[bench]'``). For each written number the script asks both readers for its
value: ours with :func:`ceasefire_terms.extraction.parse_number` / ``parse_ordinal``, text2num
with ``text_to_num.text2num`` (whole string) and, when that refuses, ``alpha2digit`` (the
string rewritten with digits; the answer counts only if the rewrite is exactly the number).
Prints accuracy per family and overall, and the time per reading of each, measured in the
same run. The decision it informs is written in docs/extraction.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

from ceasefire_terms.errors import ParseError
from ceasefire_terms.extraction import parse_number, parse_ordinal

# (family, written, value, ordinal?)
CASES: list[tuple[str, str, float, bool]] = [
    ("words", "thirty-three", 33, False),
    ("words", "two hundred and fifty thousand", 250_000, False),
    ("words", "a hundred", 100, False),
    ("words", "two dozen", 24, False),
    ("words", "seventeen", 17, False),
    ("long words", "thirty-one million two hundred fifty-six thousand seven hundred twenty-one",
     31_256_721, False),
    ("long words", "nine hundred ninety-nine thousand nine hundred ninety-nine", 999_999, False),
    ("long words", "one hundred and twenty", 120, False),
    ("scale words", "one trillion", 10**12, False),
    ("scale words", "1 trillion", 10**12, False),
    ("scale words", "3 hundred and 21", 321, False),
    ("scale words", "322 hundred", 32_200, False),
    ("scale words", "1.5 million", 1_500_000, False),
    ("plural multipliers", "3 dozens", 36, False),
    ("plural multipliers", "three billions", 3 * 10**9, False),
    ("plural multipliers", "three thousand millions", 3 * 10**9, False),
    ("dashes", "fifty - two", 52, False),
    ("dashes", "fifty–two", 52, False),
    ("dashes", "twentyfive", 25, False),
    ("ordinals", "twenty—fifth", 25, True),
    ("ordinals", "twentyfifth", 25, True),
    ("ordinals", "forty-second", 42, True),
    ("ordinals", "sixteenth", 16, True),
    ("decimals", ".08", 0.08, False),
    ("decimals", "9.2321312", 9.2321312, False),
    ("decimals", "1.5", 1.5, False),
    ("digits", "1,900", 1900, False),
    ("digits", "٣٣", 33, False),
    ("digits", "１２", 12, False),
]  # fmt: skip


def ours(written: str, ordinal: bool) -> float | None:
    try:
        return parse_ordinal(written) if ordinal else parse_number(written)
    except ParseError:
        return None


def theirs() -> Callable[[str, bool], float | None] | None:
    try:
        from text_to_num import alpha2digit, text2num
    except ImportError:
        return None

    def read(written: str, ordinal: bool) -> float | None:
        try:
            return float(text2num(written, "en"))
        except (ValueError, TypeError):
            pass
        rewritten = alpha2digit(written, "en").replace(",", "")
        if ordinal:
            rewritten = rewritten.removesuffix("th").removesuffix("st").removesuffix("nd")
            rewritten = rewritten.removesuffix("rd")
        try:
            return float(rewritten)
        except ValueError:
            return None

    return read


def score(read: Callable[[str, bool], float | None]) -> dict[str, tuple[int, int]]:
    out: dict[str, tuple[int, int]] = {}
    for family, written, value, ordinal in CASES:
        got = read(written, ordinal)
        ok = got is not None and abs(got - value) < 1e-9
        right, total = out.get(family, (0, 0))
        out[family] = (right + ok, total + 1)
    return out


def per_reading(read: Callable[[str, bool], float | None], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _family, written, _value, ordinal in CASES * 100:
            read(written, ordinal)
        best = min(best, time.perf_counter() - t0)
    return best / (len(CASES) * 100)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    readers: dict[str, Callable[[str, bool], float | None]] = {"ours": ours}
    other = theirs()
    if other is None:
        print("text2num is not installed (pip install 'ceasefire-terms[bench]'): ours only")
    else:
        readers["text2num"] = other
    scores = {name: score(read) for name, read in readers.items()}
    families = list(scores["ours"])
    print(f"{'family':<20}" + "".join(f"{name:>10}" for name in readers))
    for family in families:
        cells = "".join(f"{scores[n][family][0]:>6}/{scores[n][family][1]:<3}" for n in readers)
        print(f"{family:<20}{cells}")
    totals = {n: sum(r for r, _ in s.values()) for n, s in scores.items()}
    print(f"{'all':<20}" + "".join(f"{totals[n]:>6}/{len(CASES):<3}" for n in readers))
    base = per_reading(ours, args.repeat)
    for name, read in readers.items():
        t = per_reading(read, args.repeat)
        print(f"{name}: {t * 1e6:.1f} µs per reading ({t / base:.2f}x ours)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
