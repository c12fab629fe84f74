"""The shared scanner every recogniser family builds on.

How extraction stays linear. One compiled pattern walks the text once and stops only at
*trigger* words (digits, number words, month and weekday names, "day", "week", party
aliases...). At each trigger the engine runs the recognisers for that kind of trigger (see
``engine._Scanner._dispatch``), each of which looks at a bounded number of tokens around it.
Tokens come from chunks of ``_CHUNK`` characters, tokenised once each (a new chunk starts
``_LEFT`` characters before the trigger that needs it), so the text is tokenised about once in
all. The longest candidate wins; the text it covers is consumed. Work per trigger is therefore
bounded, and the total is proportional to the length of the text.

The recogniser families are mixins over :class:`Scanner`: ``quantities`` (counts and the
numbers that are not counts), ``ranges`` (ranges and comparatives), ``durations``,
``datetimes`` (dates, times, day references) and ``actors``.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
import threading
from abc import ABC, abstractmethod
from bisect import bisect_left
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from functools import cache

from ..model.quantity import hedges
from ._tokens import MARKS, Token, tokenize
from .dates import (
    MONTHS,
    WEEKDAYS,
    resolve_relative,
)
from .mentions import Mention, MentionKind, PartialDate
from .numbers import (
    FRACTION_STARTS,
    NUMBER_WORDS,
    SCALES,
    NumberReading,
    read_number,
)
from .vocabulary import Vocabulary

_LEFT = 100
_RIGHT = 400  # room for the longest number phrase (numbers.MAX_TOKENS) after a trigger
_CHUNK = 16_384

# One pattern finds every place worth a closer look: digit runs (with their commas, so a long
# run of "1,000,000,..." is a single stop) and words.
_SCAN = re.compile(rf"\d[\d,]*|[^\W\d_{MARKS}]+(?:[.'’][^\W\d_{MARKS}]+)*")

#: Words of duration units, abbreviations included: word -> (model unit, how many of it).
#: A night is one calendar day; a weekend is read as two days and a decade as ten years (the
#: conventions of the annotation guide, tests/data/extraction/README.md, stated so that they
#: are not guessed silently).
_UNIT_WORDS: dict[str, tuple[str, int]] = {
    "day": ("days", 1), "days": ("days", 1), "night": ("days", 1), "nights": ("days", 1),
    "weekend": ("days", 2), "weekends": ("days", 2),
    "week": ("weeks", 1), "weeks": ("weeks", 1), "wk": ("weeks", 1), "wks": ("weeks", 1),
    "fortnight": ("weeks", 2), "fortnights": ("weeks", 2),
    "month": ("months", 1), "months": ("months", 1),
    "year": ("years", 1), "years": ("years", 1), "yr": ("years", 1), "yrs": ("years", 1),
    "decade": ("years", 10), "decades": ("years", 10),
    "century": ("years", 100), "centuries": ("years", 100),
    "millennium": ("years", 1000), "millennia": ("years", 1000),
    "mos": ("months", 1), "mths": ("months", 1), "mth": ("months", 1),
    "hour": ("hours", 1), "hours": ("hours", 1), "hr": ("hours", 1), "hrs": ("hours", 1),
    "minute": ("minutes", 1), "minutes": ("minutes", 1), "min": ("minutes", 1),
    "mins": ("minutes", 1),
    "second": ("seconds", 1), "seconds": ("seconds", 1), "sec": ("seconds", 1),
    "secs": ("seconds", 1),
}  # fmt: skip
_RELATIVE_WORDS = frozenset({"today", "yesterday", "tomorrow", "tonight"})
_VAGUE_WORDS = frozenset({"dozens", "scores", "hundreds", "thousands", "millions"})
_TIME_WORDS = {"noon": dt.time(12, 0), "midday": dt.time(12, 0), "midnight": dt.time(0, 0)}
_LOWER_TRIGGERS = (
    NUMBER_WORDS
    | frozenset(_UNIT_WORDS)
    | _RELATIVE_WORDS
    | _VAGUE_WORDS
    | frozenset(_TIME_WORDS)
    | FRACTION_STARTS
    | {"quarters", "minus"}
)
_CASED_TRIGGERS = frozenset(MONTHS) | frozenset(WEEKDAYS)

_WEEKDAY_MODIFIERS = (("this", "coming"), ("coming",), ("next",), ("last",), ("past",), ("this",))
_REL_PERIOD_WORDS = {"last": "last", "past": "last", "this": "this", "next": "next"}
_MONTH_CUES = frozenset({"in", "since", "by", "until", "before", "after", "from", "early",
                         "late", "mid", "end", "of", "during", "through", "till"})  # fmt: skip
_YEAR_CUES = frozenset({"in", "since", "by", "until", "before", "after", "from", "during",
                        "through", "till"})  # fmt: skip
_DURATION_A_CUES = frozenset({
    "for", "within", "after", "over", "than", "about", "nearly", "almost", "to", "least",
    "most", "lasting", "around", "by", "in",
    # verbs whose object is a length ("lasted a decade", "took a week", "spent a year")
    "last", "lasts", "lasted", "take", "takes", "took", "spend", "spent", "spends",
    "wait", "waited", "waits", "stay", "stayed", "stays",
})  # fmt: skip
_DURATION_A_AFTER = frozenset({"after", "before", "later", "earlier", "ago", "-"})
_FUTURE_WORDS = frozenset({
    "will", "would", "shall", "ll", "scheduled", "due", "expected", "set", "plans", "planned",
    "planning", "intends", "upcoming", "should", "going",
})  # fmt: skip
_PAST_WORDS = frozenset({
    "was", "were", "had", "did", "said", "told", "took", "began", "met", "left", "came",
    "went", "made", "held", "sent", "gave", "saw", "fled", "fought", "broke", "won", "lost",
    "struck", "hit", "fell", "rose", "brought", "kept", "ran", "spoke", "stood", "paid",
    "got", "became", "found", "felt", "heard", "led", "meant", "put", "read",
    "sought", "thought", "wrote", "ago", "earlier",
})  # fmt: skip
_OVER_VERBS = frozenset({
    "hand", "hands", "handed", "handing", "turn", "turns", "turned", "turning", "take",
    "takes", "took", "taken", "taking", "pass", "passed", "passing", "sign", "signed",
    "signs", "win", "won", "brought", "carry", "carried", "handover", "move", "moved",
})  # fmt: skip
_FUNCTION_WORDS = frozenset({
    "the", "a", "an", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or",
    "but", "were", "was", "are", "is", "be", "been", "have", "has", "had", "will", "would",
    "shall", "may", "might", "can", "could", "should", "must", "not", "that", "which", "who",
    "this", "these", "those", "their", "its", "his", "her", "our", "your", "it", "they",
    "them", "we", "you", "he", "she", "as", "than", "per", "each", "every", "into", "over",
    "under", "after", "before", "since", "until", "during", "while", "if", "so", "do", "did",
    "does", "no", "all", "any", "both", "such", "out", "up", "down", "off", "about",
})  # fmt: skip
_RATE_UNITS = {
    "day": "day", "night": "night", "week": "week", "month": "month", "hour": "hour",
    "year": "year",
}  # fmt: skip
_RATE_ADVERBS = {"daily": "day", "weekly": "week", "monthly": "month", "hourly": "hour"}
_ZONES = frozenset({"GMT", "UTC", "CET", "CEST", "EET", "EEST", "EST", "EDT", "IST", "Z"})
_NOUN_STOP = frozenset(
    {
        "was", "is", "has", "this", "as", "its", "us", "his", "hers", "does", "yes", "plus",
        "less", "thus", "whereas", "percent", "cents", "pounds", "dollars",
        "euros", "shekels", "dinars", "miles", "per", "across", "always",
        "afterwards", "towards", "besides", "perhaps", "unless", "nevertheless", "sometimes",
        "hours", "days", "weeks", "months", "years", "minutes", "seconds",
    }
)  # fmt: skip
_CURRENCY_SIGNS = frozenset({"$", "€", "£", "¥", "₪"})
_CURRENCY_WORDS = frozenset({"dollars", "euros", "pounds", "shekels", "dinars", "riyals",
                             "usd", "eur", "percent", "%", "bn"})  # fmt: skip
_DASHES = frozenset({"-", "–", "—"})

_PRIORITY = {
    MentionKind.DATE: 0,
    MentionKind.TIME: 1,
    MentionKind.DAY_REFERENCE: 2,
    MentionKind.DURATION: 3,
    None: 4,  # a span consumed without a mention (labels, phone numbers, money)
    MentionKind.QUANTITY: 5,
    MentionKind.PARTY: 6,
}


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int  # token index (inclusive)
    end: int  # token index (exclusive)
    mention: Mention | None


@cache
def _hedge_tokens() -> tuple[tuple[tuple[str, ...], str], ...]:
    pairs = [(tuple(t.low for t in tokenize(p)), p) for p in hedges()]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


class _CollectorPause:
    """Pause the cyclic garbage collector while scanning, re-entrantly and across threads.

    Extraction allocates many small objects that live to the end (tokens, mentions); with the
    collector running, each young-generation pass also walks the growing list of survivors and
    the older generations get collected again and again, so the rate fell with the size of the
    text (0.78x at 5 MB of its 0.1 MB rate, issue #12). Nothing extraction allocates forms a
    reference cycle that must be freed early, so the collector is paused for the scan and
    restored after it (``benchmarks/extract_scaling.py`` measures both).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._was_enabled = False

    def __enter__(self) -> None:
        with self._lock:
            if self._depth == 0:
                self._was_enabled = gc.isenabled()
                gc.disable()
            self._depth += 1

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._depth -= 1
            if self._depth == 0 and self._was_enabled:
                gc.enable()


_PAUSE = _CollectorPause()


def pause_collector() -> AbstractContextManager[None]:
    """The context in which :meth:`Scanner.run` scans (see :class:`_CollectorPause`)."""
    return _PAUSE


def keep_collector() -> AbstractContextManager[None]:
    """A context that leaves the collector alone (for comparison in the benchmark)."""
    return nullcontext()


class Scanner(ABC):
    def __init__(self, text: str, published: dt.date | None, vocab: Vocabulary) -> None:
        self.text = text
        self.published = published
        self.vocab = vocab
        self.aliases = vocab.alias_index
        self.toks: list[Token] = []
        self.starts: list[int] = []
        self.chunk = (0, 0)
        self.lo = 0  # the first token a span may start at (after the previous mention)
        self.hedge_index = _index(_hedge_tokens())
        self.relation_index = _index(vocab.relation_tokens)

    # ------------------------------------------------------------------ driver
    def run(self) -> list[Mention]:
        with pause_collector():
            return self._run()

    def _run(self) -> list[Mention]:
        out: list[Mention] = []
        consumed = 0
        text = self.text
        lower_triggers = _LOWER_TRIGGERS
        cased = _CASED_TRIGGERS
        aliases = self.aliases
        for m in _SCAN.finditer(text):
            s = m.start()
            if s < consumed:
                continue
            w = m.group()
            low = w.lower()
            if not (
                w[0].isdecimal()
                or w in cased
                or low in lower_triggers
                or w.split("'")[0].split("’")[0] in aliases
                or w.split(".")[0] in aliases
            ):
                continue
            cand = self._at(s, consumed, self._dispatch(w, low))
            if cand is None:
                continue
            end_char = self.toks[cand.end - 1].end
            if cand.mention is not None:
                out.append(cand.mention)
                if cand.mention.kind is not MentionKind.PARTY:
                    out.extend(self._nested_parties(cand))
            consumed = end_char
        return out

    def _nested_parties(self, cand: _Candidate) -> list[Mention]:
        """Actors named inside another mention ("33 Israeli captives")."""
        found: list[Mention] = []
        i = cand.start
        while i < cand.end:
            c = self._party(i)
            if c is not None and c.end <= cand.end and c.mention is not None:
                found.append(c.mention)
                i = c.end
            else:
                i += 1
        return found

    def _ensure_chunk(self, s: int) -> None:
        """Make sure the tokens around offset ``s`` are loaded."""
        text = self.text
        cs, ce = self.chunk
        if cs <= max(0, s - _LEFT) and (s + _RIGHT <= ce or ce == len(text)) and ce > s:
            return
        ws = max(0, s - _LEFT)
        we = min(len(text), s + _CHUNK)
        toks = tokenize(text, ws, we)
        if ws > 0 and toks and toks[0].start == ws and _is_word(text[ws - 1]):
            toks = toks[1:]
        if we < len(text) and toks and toks[-1].end == we and _is_word(text[we]):
            toks = toks[:-1]
        self.toks = toks
        self.starts = [tok.start for tok in toks]
        self.chunk = (ws, we)

    def _at(
        self, s: int, consumed: int, recognisers: tuple[Callable[[int], _Candidate | None], ...]
    ) -> _Candidate | None:
        self._ensure_chunk(s)
        starts = self.starts
        t = bisect_left(starts, s)
        if t >= len(starts) or starts[t] != s:
            return None
        toks = self.toks
        self.lo = bisect_left(starts, consumed)
        best: _Candidate | None = None
        for recognise in recognisers:
            cand = recognise(t)
            if cand is None or cand.start < self.lo or cand.end <= t:
                continue
            if best is None or _better(cand, best, toks):
                best = cand
        return best

    # ------------------------------------------------------------------ helpers
    def _low(self, i: int) -> str:
        return self.toks[i].low if 0 <= i < len(self.toks) else ""

    def _tx(self, i: int) -> str:
        return self.toks[i].text if 0 <= i < len(self.toks) else ""

    def _adj(self, i: int) -> bool:
        """Token ``i`` touches token ``i - 1`` (no space between)."""
        return 0 < i < len(self.toks) and self.toks[i - 1].end == self.toks[i].start

    def _span_text(self, a: int, b: int) -> tuple[str, int, int]:
        start, end = self.toks[a].start, self.toks[b - 1].end
        return self.text[start:end], start, end

    def _phrase_before(
        self, i: int, index: dict[str, list[tuple[tuple[str, ...], str]]], *, floor: int
    ) -> tuple[int, str] | None:
        """The longest phrase ending just before token ``i`` (not reaching below ``floor``):
        (its first token index, its meaning). ``index`` maps a phrase's last word to the
        phrases ending in it, longest first."""
        for words, meaning in index.get(self._low(i - 1), ()):
            n = len(words)
            if i - n < floor:
                continue
            if all(self.toks[i - n + k].low == words[k] for k in range(n)):
                return i - n, meaning
        return None

    def _hedge_before(self, i: int) -> tuple[int, str] | None:
        found = self._phrase_before(i, self.hedge_index, floor=self.lo)
        if found is None:
            return None
        a, _phrase = found
        if self._low(a) == "over" and self._low(a - 1) in _OVER_VERBS:
            return None  # "handed over three hostages": a particle, not a hedge
        return a, self._span_text(a, i)[0].lower()

    def _relative_date(self, phrase: str, first: int, end: int) -> _Candidate:
        """A relative date ("last week") spanning tokens ``first`` to ``end`` (exclusive),
        widened to a relation word before it ("since last week"), resolved against the
        publication date when there is one."""
        value, precision, basis = resolve_relative(phrase, self.published)
        rel = self._relation_before(first)
        return self._mention(
            MentionKind.DATE,
            rel[0] if rel else first,
            end,
            value,
            precision=precision,
            resolved=value is not None,
            basis=basis,
            partial=PartialDate(relative=phrase),
            hedge=rel[1] if rel else None,
        )

    def _relation_before(self, i: int) -> tuple[int, str] | None:
        found = self._phrase_before(i, self.relation_index, floor=self.lo)
        if found is None:
            return None
        a, _meaning = found
        return a, " ".join(self.toks[k].low for k in range(a, i))

    def _mention(
        self, kind: MentionKind, a: int, b: int, value: object, **kw: object
    ) -> _Candidate:
        text, start, end = self._span_text(a, b)
        m = Mention(kind=kind, text=text, start=start, end=end, value=value, **kw)  # type: ignore[arg-type]
        return _Candidate(a, b, m)

    def _number_at(self, t: int) -> NumberReading | None:
        """A number whose reading includes token ``t`` and starts at ``t`` or one token before
        ("a hundred": the trigger is "hundred"; ".08": the trigger is "08")."""
        low = self._low(t)
        if (
            self._tx(t - 1) == "."
            and self._adj(t)
            and self._adj(t - 1)
            and self._tx(t - 2)[:1].isdecimal()
        ):
            return None  # the "5" of "2.5": read from the "2"
        if (
            self._tx(t - 1) == "."
            and self._adj(t)
            and t - 1 >= self.lo
            and not (t - 2 >= 0 and self._adj(t - 1))
        ):
            return read_number(self.toks, t - 1)
        if (
            low in ("hundred", "dozen", "quarter", "couple", *SCALES)
            and self._low(t - 1) in ("a", "an")
            and t - 1 >= self.lo
        ):
            return read_number(self.toks, t - 1)
        r = read_number(self.toks, t)
        return r

    def _paren_echo(self, r: NumberReading) -> NumberReading:
        """Treaty style "forty-two (42) days": the figure in brackets repeats the words."""
        k = r.end
        if self._tx(k) == "(" and self._tx(k + 2) == ")":
            inner = read_number(self.toks, k + 1)
            if inner is not None and inner.end == k + 2 and inner.value == r.value:
                return NumberReading(r.value, r.start, k + 3, r.words)
        return r

    # ------------------------------------------------------------------ provided by families
    @abstractmethod
    def _dispatch(self, w: str, low: str) -> tuple[Callable[[int], _Candidate | None], ...]:
        """The recognisers a trigger word can start (see engine.py)."""

    @abstractmethod
    def _party(self, t: int) -> _Candidate | None:
        """An actor named at token ``t`` (see actors.py)."""

    @abstractmethod
    def _quantity(self, t: int) -> _Candidate | None:
        """A count starting at token ``t`` (see quantities.py)."""


# ---------------------------------------------------------------------- module helpers
def _index(
    phrases: tuple[tuple[tuple[str, ...], str], ...],
) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for words, meaning in phrases:
        out.setdefault(words[-1], []).append((words, meaning))
    for entries in out.values():
        entries.sort(key=lambda e: -len(e[0]))
    return out


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch in "'’"


def _better(a: _Candidate, b: _Candidate, toks: list[Token]) -> bool:
    la = toks[a.end - 1].end - toks[a.start].start
    lb = toks[b.end - 1].end - toks[b.start].start
    if la != lb:
        return la > lb
    pa = _PRIORITY[a.mention.kind if a.mention else None]
    pb = _PRIORITY[b.mention.kind if b.mention else None]
    return pa < pb


def _replace(m: Mention, **changes: object) -> Mention:
    from dataclasses import replace

    return replace(m, **changes)  # type: ignore[arg-type]
