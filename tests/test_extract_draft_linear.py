"""draft_from_text does work proportional to the text, not to its square.

No clock: the test counts the lines of ``draft.py`` executed (a trace limited to that file's
code, so extraction itself is not counted) on a text and on the same text four times over.
Linear work gives a ratio near 4; the old per-mention sentence scan gave about 16.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import ceasefire_terms.extraction.draft as draft_module
from ceasefire_terms.extraction import extract
from ceasefire_terms.extraction.draft import draft_from_text
from ceasefire_terms.model.agreement import Deadline, Obligation
from ceasefire_terms.model.provenance import Source

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_5c71c5f11eb688dd.txt"
# one paragraph, written for this test, that exercises every drafting rule
TERMS = (
    "Under the first phase, Hamas will release 33 Israeli hostages in exchange for "
    "1,900 Palestinian prisoners. Hamas will release 3 hostages on day 1 and 4 on day 7 "
    "of the first phase. Israel will release 30 prisoners for each civilian hostage. "
    "Israel must allow 600 aid trucks a day into Gaza, of which 50 carry fuel. "
    "Talks on the second phase begin no later than the 16th day of the first phase.\n"
)
DRAFT_FILE = draft_module.__file__


def _lines_run(text: str) -> int:
    """Lines of draft.py executed while drafting ``text``."""
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Callable[..., Any] | None:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def tracer(frame: FrameType, event: str, arg: Any) -> Callable[..., Any] | None:
        return local if frame.f_code.co_filename == DRAFT_FILE else None

    sys.settrace(tracer)
    try:
        draft_from_text(text, published=dt.date(2025, 2, 3), zone="Asia/Jerusalem")
    finally:
        sys.settrace(None)
    return count


def test_drafting_work_grows_linearly_with_the_text() -> None:
    base = SEED.read_text("utf-8") + "\n" + TERMS
    small = base * 6
    large = base * 24
    # the text really is four times longer and yields about four times the mentions
    assert len(extract(large)) >= 3.9 * len(extract(small))
    ratio = _lines_run(large) / _lines_run(small)
    assert 3.5 < ratio < 5.0, ratio


def test_text_without_full_stops_is_drafted_in_linear_work() -> None:
    """With no sentence ends, a "sentence" would be the whole text and every rule that reads
    around a mention would scan it: long ones are read in pieces."""
    base = re.sub(r"[.!?\n]", ";", SEED.read_text("utf-8") + "\n" + TERMS)
    ratio = _lines_run(base * 24) / _lines_run(base * 6)
    assert 3.5 < ratio < 5.0, ratio


def test_every_copy_of_a_repeated_text_is_drafted_alike() -> None:
    """The rules that look a mention's sentence up (obligations, deadlines) place the same
    words in the third copy of a text as in the first: a wrong sentence lookup would lose
    them or quote another copy."""
    base = SEED.read_text("utf-8") + "\n" + TERMS
    one = draft_from_text(base, published=dt.date(2025, 2, 3), zone="Asia/Jerusalem")
    three = draft_from_text(base * 3, published=dt.date(2025, 2, 3), zone="Asia/Jerusalem")

    def placed(d: draft_module.Draft, kind: type[Obligation | Deadline]) -> list[tuple[int, int]]:
        return [
            p.sources[0].span
            for p in d.agreement.provisions
            if isinstance(p, kind) and isinstance(p.sources[0], Source) and p.sources[0].span
        ]

    for kind in (Obligation, Deadline):
        first = placed(one, kind)
        assert first, kind
        # the seed's own "talks begin Monday" deadline resolves to one date, shared by copies
        later = [sp for sp in first if sp[0] >= len(SEED.read_text("utf-8"))]
        got = set(placed(three, kind))
        for k in range(3):
            shift = k * len(base)
            assert {(a + shift, b + shift) for a, b in later} <= got, (kind, k)
