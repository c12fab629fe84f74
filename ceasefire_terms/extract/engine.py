"""The extraction engine: find every duration, quantity, date, time, day reference and actor
in a text, each tied to its exact span.

How it stays linear. One compiled pattern walks the text once and stops only at *trigger*
words (digits, number words, month and weekday names, "day", "week", party aliases...). At
each trigger the engine runs the recognisers for that kind of trigger, each of which looks at a
bounded number of tokens around it. Tokens come from chunks of ``_CHUNK`` characters,
tokenised once each (a new chunk starts ``_LEFT`` characters before the trigger that needs it),
so the text is tokenised about once in all. The longest candidate wins; the text it covers is
consumed. Work per trigger is therefore bounded, and the total is proportional to the length
of the text.

(Each recogniser looks at a bounded number
of tokens. The longest candidate wins; the text it covers is consumed. Work per trigger is
therefore bounded, and the total is proportional to the length of the text.

>>> import datetime as dt
>>> ms = extract("The initial 42-day phase includes the release of 33 Israeli captives "
...              "in exchange for approximately 1,900 Palestinian prisoners.",
...              published=dt.date(2025, 2, 3))
>>> [(m.kind.value, m.text, m.canonical()) for m in ms]  # doctest: +NORMALIZE_WHITESPACE
[('duration', '42-day phase', 'P42D'),
 ('quantity', '33 Israeli captives', 'exact 33'),
 ('party', 'Israeli', 'party:Israel'),
 ('quantity', 'approximately 1,900 Palestinian prisoners', 'approximate 1900')]
>>> [m.canonical() for m in extract("It took effect on January 19.", published="2025-02-03")]
['2025-01-19']
>>> extract("It took effect on January 19.")[0].resolved
False
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from pydantic import ValidationError

from ..errors import ParseError
from ..model.periods import Duration, Period
from ..model.quantity import MAX_COUNT, Quantity, QuantityKind, hedges
from ._tokens import Token, tokenize
from .dates import (
    MONTHS,
    WEEKDAYS,
    resolve_month,
    resolve_month_day,
    resolve_relative,
    resolve_weekday,
    safe_date,
)
from .mentions import DatePrecision, Mention, MentionKind, PartialDate
from .numbers import (
    NUMBER_WORDS,
    ORDINAL_SUFFIXES,
    SCALES,
    TENS,
    UNITS,
    NumberReading,
    read_number,
    read_ordinal,
)
from .vocabulary import Actor, Vocabulary

__all__ = ["extract"]

_LEFT = 100
_RIGHT = 200
_CHUNK = 16_384

# One pattern finds every place worth a closer look: digit runs (with their commas, so a long
# run of "1,000,000,..." is a single stop) and words.
_SCAN = re.compile(r"[0-9][0-9,]*|[^\W\d_]+(?:[.'’][^\W\d_]+)*")

_UNIT_WORDS: dict[str, str] = {
    "day": "days", "days": "days", "week": "weeks", "weeks": "weeks", "month": "months",
    "months": "months", "year": "years", "years": "years", "hour": "hours", "hours": "hours",
    "minute": "minutes", "minutes": "minutes",
}  # fmt: skip
_RELATIVE_WORDS = frozenset({"today", "yesterday", "tomorrow", "tonight"})
_VAGUE_WORDS = frozenset({"dozens", "scores", "hundreds", "thousands", "millions"})
_TIME_WORDS = {"noon": dt.time(12, 0), "midday": dt.time(12, 0), "midnight": dt.time(0, 0)}
_LOWER_TRIGGERS = (
    NUMBER_WORDS | frozenset(_UNIT_WORDS) | _RELATIVE_WORDS | _VAGUE_WORDS | frozenset(_TIME_WORDS)
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
_RATE_UNITS = {"day": "day", "week": "week", "month": "month", "hour": "hour", "year": "year"}
_RATE_ADVERBS = {"daily": "day", "weekly": "week", "monthly": "month", "hourly": "hour"}
_ZONES = frozenset({"GMT", "UTC", "CET", "CEST", "EET", "EEST", "EST", "EDT", "IST", "Z"})
_NOUN_STOP = frozenset(
    {
        "was", "is", "has", "this", "as", "its", "us", "his", "hers", "does", "yes", "plus",
        "less", "thus", "whereas", "times", "percent", "cents", "pounds", "dollars",
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


def extract(
    text: str,
    *,
    published: dt.date | dt.datetime | str | None = None,
    vocabulary: Vocabulary | None = None,
) -> list[Mention]:
    """Every duration, quantity, date, time, day reference and actor in ``text``, in order.

    ``published`` (a date, a datetime or an ISO string) resolves partial dates ("January 19",
    "on Monday", "last week"); without it those mentions are returned with ``resolved=False``
    and the parts that were stated. ``vocabulary`` replaces the default one (see
    :meth:`Vocabulary.extend`). Never raises for a string ``text``.
    """
    if not isinstance(text, str):
        raise ParseError("must be a string", path="text", got=type(text).__name__)
    pub = _published(published)
    vocab = vocabulary if vocabulary is not None else Vocabulary.default()
    return _Scanner(text, pub, vocab).run()


def _published(value: dt.date | dt.datetime | str | None) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise ParseError("must be a date such as '2025-02-03'", path="published", got=value)


@cache
def _hedge_tokens() -> tuple[tuple[tuple[str, ...], str], ...]:
    pairs = [(tuple(t.low for t in tokenize(p)), p) for p in hedges()]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


class _Scanner:
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
                w[0].isdigit()
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

    def _dispatch(self, w: str, low: str) -> tuple[Callable[[int], _Candidate | None], ...]:
        """The recognisers a trigger word can start."""
        found: list[Callable[[int], _Candidate | None]] = []
        if w[0].isdigit() or low in NUMBER_WORDS:
            found.append(self._numeric)
        if low in _UNIT_WORDS:
            found.append(self._period_word)
            if low == "day":
                found.append(self._day_word)
        if w in MONTHS:
            found.append(self._month)
        if w in WEEKDAYS:
            found.append(self._weekday)
        if low in _RELATIVE_WORDS:
            found.append(self._relative_day)
        if low in _VAGUE_WORDS:
            found.append(self._vague)
        if low in _TIME_WORDS:
            found.append(self._time_word)
        if (
            w.split("'", maxsplit=1)[0].split("’", maxsplit=1)[0] in self.aliases
            or w.split(".", maxsplit=1)[0] in self.aliases
        ):
            found.append(self._party)
        return tuple(found)

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
        ("a hundred": the trigger is "hundred")."""
        low = self._low(t)
        if (
            low in ("hundred", "dozen", *SCALES)
            and self._low(t - 1) in ("a", "an")
            and t - 1 >= self.lo
        ):
            return read_number(self.toks, t - 1)
        r = read_number(self.toks, t)
        return r

    # ------------------------------------------------------------------ numbers
    def _numeric(self, t: int) -> _Candidate | None:
        tok = self.toks[t]
        if not tok.is_digits and tok.low not in NUMBER_WORDS:
            return None
        best: _Candidate | None = None
        for cand in (
            self._skip_digits(t),
            self._date_numeric(t),
            self._time_numeric(t),
            self._day_ordinal(t),
            self._duration_numeric(t),
            self._quantity(t),
        ):
            if cand is not None and (best is None or _better(cand, best, self.toks)):
                best = cand
        return best

    def _skip_digits(self, t: int) -> _Candidate | None:
        """Numbers that are not counts: labels ("Phase 1"), phone numbers, money, percentages,
        model names ("F-16"), ordinals that are not day references ("the 2nd round"), ages
        ("19-year-old") and years used as adjectives ("the 2014 war")."""
        toks = self.toks
        tok = toks[t]
        if not tok.is_digits:
            if self._low(t - 1) in self.vocab.label_words and t - 1 >= 0:
                r = read_number(toks, t)
                return _Candidate(t, r.end, None) if r else None
            return None
        if len(tok.text.replace(",", "")) > 12:
            return _Candidate(t, t + 1, None)
        # phone numbers: +972 2 555 0134, 050-555-0134, (02) 555 0134
        phone = self._phone(t)
        if phone is not None:
            return phone
        prev = self._low(t - 1)
        if self._is_label(t):
            r = read_number(toks, t)
            end = r.end if r else t + 1
            # "Phase 1 and 2", "articles 3-5", "Phase 1 of 3"
            if (
                self._low(end) in ("and", "to", "-", "–", "of")
                and toks[end + 1 : end + 2]
                and toks[end + 1].is_digits
            ):
                end += 2
            return _Candidate(t, end, None)
        if self._glued_left(t):
            return _Candidate(t, t + 1, None)
        nxt = t + 1
        if self._adj(nxt) and toks[nxt].low in ORDINAL_SUFFIXES:
            return _Candidate(t, nxt + 1, None)  # an ordinal: only a day reference uses it
        if self._adj(nxt) and toks[nxt].low == "s":
            return _Candidate(t, nxt + 1, None)  # the 1990s
        if prev in _CURRENCY_SIGNS:
            r = read_number(toks, t)
            return _Candidate(t - 1 if t - 1 >= self.lo else t, r.end if r else t + 1, None)
        r = read_number(toks, t)
        if r is not None and self._low(r.end) in _CURRENCY_WORDS:
            return _Candidate(t, r.end + 1, None)
        if r is not None and self._low(r.end) == "per" and self._low(r.end + 1) == "cent":
            return _Candidate(t, r.end + 2, None)
        # "-year-old"
        if (
            self._low(nxt) in _DASHES
            and self._low(nxt + 1) in ("year", "month", "week", "day")
            and self._low(nxt + 2) == "-"
            and self._low(nxt + 3) == "old"
        ):
            return _Candidate(t, nxt + 4, None)
        return None

    def _is_label(self, t: int) -> bool:
        """A number right after a label word ("Phase 1", "Resolution 2735", "UNSC 2720")."""
        prev = self._tx(t - 1)
        if t - 1 < 0:
            return False
        if prev.lower() in self.vocab.label_words or prev in ("#",):
            return True
        return len(prev) >= 2 and prev.isupper() and prev.isalpha() and prev not in self.aliases

    def _glued_left(self, t: int) -> bool:
        """Digits attached to letters before them: "F-16", "COVID-19", "A320"."""
        toks = self.toks
        if not self._adj(t):
            return False
        if toks[t - 1].text[:1].isalpha():
            return True
        if toks[t - 1].text == "/" and self._adj(t - 1) and toks[t - 2].is_digits:
            return True
        return toks[t - 1].text in _DASHES and self._adj(t - 1) and toks[t - 2].text[:1].isalpha()

    def _phone(self, t: int) -> _Candidate | None:
        toks = self.toks
        groups = [t]
        k = t
        seps: list[str] = []
        while len(groups) < 8:
            n = k + 1
            if n >= len(toks):
                break
            if (
                toks[n].text in ("-", ".")
                and self._adj(n)
                and self._adj(n + 1)
                and n + 1 < len(toks)
                and toks[n + 1].is_digits
                and "," not in toks[n + 1].text
            ):
                seps.append(toks[n].text)
                groups.append(n + 1)
                k = n + 1
            elif (
                toks[n].is_digits
                and "," not in toks[n].text
                and self.text[toks[k].end : toks[n].start] == " "
            ):
                seps.append(" ")
                groups.append(n)
                k = n
            else:
                break
        digits = sum(len(toks[g].text) for g in groups)
        plus = t - 1 >= self.lo and toks[t - 1].text == "+" and self._adj(t)
        paren = (
            t - 1 >= self.lo
            and toks[t - 1].text == "("
            and self._low(t + 1) == ")"
            and self._low(t + 2)[:1].isdigit()
        )
        leading_zero = any(toks[g].text.startswith("0") and len(toks[g].text) > 1 for g in groups)
        if paren:
            end = t + 3
            while (
                end < len(toks) and end < t + 8 and (toks[end].is_digits or toks[end].text == "-")
            ):
                end += 1
            return _Candidate(t - 1, end, None)
        is_phone = (
            (plus and digits >= 6)
            or (len(groups) >= 3 and digits >= 7 and (leading_zero or "-" in seps or " " in seps))
            or (len(groups) >= 2 and digits >= 7 and leading_zero)
        )
        if not is_phone:
            return None
        return _Candidate(t - 1 if plus else t, groups[-1] + 1, None)

    def _date_numeric(self, t: int) -> _Candidate | None:
        toks = self.toks
        tok = toks[t]
        if not tok.is_digits or "," in tok.text:
            return None
        # 19/01/2025, 19.01.2025, 2025-01-19
        if (
            t + 4 < len(toks)
            and toks[t + 1].text in ("/", ".", "-")
            and toks[t + 3].text == toks[t + 1].text
            and all(self._adj(t + k) for k in range(1, 5))
            and toks[t + 2].is_digits
            and toks[t + 4].is_digits
        ):
            a, b, c = tok.text, toks[t + 2].text, toks[t + 4].text
            d: dt.date | None = None
            if len(a) == 4 and toks[t + 1].text == "-":
                d = safe_date(int(a), int(b), int(c)) if len(b) <= 2 and len(c) <= 2 else None
            elif len(a) <= 2 and len(b) <= 2 and len(c) in (2, 4) and toks[t + 1].text != "-":
                yr = int(c) if len(c) == 4 else 2000 + int(c)
                if int(b) > 12 >= int(a):
                    d = safe_date(yr, int(a), int(b))  # month first: 01/19/2025
                else:
                    d = safe_date(yr, int(b), int(a))  # day first, the common form
            if d is not None:
                rel = self._relation_before(t)
                a0 = rel[0] if rel else t
                return self._mention(
                    MentionKind.DATE,
                    a0,
                    t + 5,
                    d,
                    precision=DatePrecision.DAY,
                    basis="stated in full",
                    hedge=rel[1] if rel else None,
                )
        # 19 January [2025] / 19th of January
        start = t
        day_end = t + 1
        if self._adj(t + 1) and self._low(t + 1) in ORDINAL_SUFFIXES:
            day_end = t + 2
        k = day_end
        if self._low(k) == "of":
            k += 1
        month_no = MONTHS.get(self._tx(k))
        if month_no is not None and len(tok.text) <= 2:
            day = int(tok.text)
            end = k + 1
            if self._tx(end) == "." and self._adj(end) and len(self._tx(k)) <= 4:
                end += 1
            year, end = self._year_after(end)
            if (
                self.toks[start - 1 : start]
                and self._low(start - 1) == "the"
                and start - 1 >= self.lo
            ):
                start -= 1
            return self._date_mention(start, end, month_no, day, year)
        # a year on its own: "in 2024", "since 2014"
        after = self._tx(t + 1)
        if (
            len(tok.text) == 4
            and 1900 <= int(tok.text) <= 2100
            and (not self._adj(t + 1) or after in (",", ".", ";", ")", ":"))
        ):
            cue = self._low(t - 1)
            if cue in _YEAR_CUES:
                rel = self._relation_before(t)
                a0 = rel[0] if rel else t
                return self._mention(
                    MentionKind.DATE,
                    a0,
                    t + 1,
                    dt.date(int(tok.text), 1, 1),
                    precision=DatePrecision.YEAR,
                    basis="stated in full",
                    hedge=rel[1] if rel else None,
                )
            if self._low(t - 1) == "the" or self._tx(t + 1)[:1].isalpha():
                # "the 2014 war": a year as an adjective, unless a group noun follows
                q = self._quantity(t)
                if (
                    q is not None
                    and q.mention is not None
                    and q.mention.noun in self.vocab.group_nouns
                ):
                    return None
                return _Candidate(t, t + 1, None)
        return None

    def _year_after(self, i: int) -> tuple[int | None, int]:
        """An optional ", 2025" or " 2025" at token ``i``: (year, next index)."""
        k = i
        if self._tx(k) == ",":
            k += 1
        tx = self._tx(k)
        after = self._tx(k + 1)
        if (
            len(tx) == 4
            and tx.isdigit()
            and 1900 <= int(tx) <= 2100
            and (not self._adj(k + 1) or not after[:1].isalnum())
            and after not in ("-", "/", ":")
        ):
            return int(tx), k + 1
        return None, i

    def _date_mention(
        self, a: int, b: int, month: int, day: int, year: int | None
    ) -> _Candidate | None:
        rel = self._relation_before(a)
        wd = WEEKDAYS.get(self._tx(a))
        value, basis = resolve_month_day(
            month, day, year, self.published, self._relation_direction(rel), weekday=wd
        )
        if value is None and (year is not None or not 1 <= day <= 31):
            return None
        if value is None and self.published is not None:
            return None
        a0 = rel[0] if rel else a
        return self._mention(
            MentionKind.DATE,
            a0,
            b,
            value,
            precision=DatePrecision.DAY,
            resolved=value is not None,
            basis=basis,
            partial=PartialDate(year=year, month=month, day=day),
            hedge=rel[1] if rel else None,
        )

    def _time_numeric(self, t: int) -> _Candidate | None:
        toks = self.toks
        tok = toks[t]
        if not tok.is_digits or "," in tok.text or len(tok.text) > 2:
            return None
        hour = int(tok.text)
        minute = 0
        k = t + 1
        if self._tx(k) in (":", ".") and self._adj(k) and self._adj(k + 1):
            mm = self._tx(k + 1)
            if len(mm) == 2 and mm.isdigit():
                minute = int(mm)
                k += 2
            else:
                return None
        elif self._tx(k) == "h" and self._adj(k):
            return None
        # am / pm / a.m. / p.m.
        ampm = None
        low = self._low(k)
        if low in ("am", "pm"):
            ampm, k = low, k + 1
        elif low in ("a", "p") and self._tx(k + 1) == "." and self._low(k + 2) == "m":
            ampm = low + "m"
            k += 3
            if self._tx(k) == "." and self._adj(k):
                k += 1
        if k == t + 1:
            return None  # a bare number is not a time
        if ampm is not None:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if ampm == "pm" else 0)
        if not (0 <= hour <= 23 and 0 <= minute <= 59):
            return None
        zone, k = self._zone_after(k)
        rel = self._relation_before(t)
        a0 = rel[0] if rel else t
        return self._mention(
            MentionKind.TIME,
            a0,
            k,
            dt.time(hour, minute),
            zone=zone,
            hedge=rel[1] if rel else None,
        )

    def _zone_after(self, k: int) -> tuple[str | None, int]:
        low, tx = self._low(k), self._tx(k)
        if low == "local":
            return "local", k + 2 if self._low(k + 1) == "time" else k + 1
        if tx in _ZONES:
            return tx, k + 1
        if (
            tx[:1].isupper()
            and self._low(k + 1) == "time"
            and tx not in MONTHS
            and tx not in WEEKDAYS
        ):
            return tx, k + 2
        return None, k

    def _time_word(self, t: int) -> _Candidate | None:
        low = self._low(t)
        if low not in _TIME_WORDS:
            return None
        zone, k = self._zone_after(t + 1)
        rel = self._relation_before(t)
        a0 = rel[0] if rel else t
        return self._mention(
            MentionKind.TIME, a0, k, _TIME_WORDS[low], zone=zone, hedge=rel[1] if rel else None
        )

    # ------------------------------------------------------------------ day references
    def _day_ordinal(self, t: int) -> _Candidate | None:
        """ "the 16th day [of the first phase]", "the forty-second day" (ordinal first)."""
        r = read_ordinal(self.toks, t)
        if r is None or self._low(r.end) != "day":
            return None
        return self._day_ref(t, r.end + 1, int(r.value), the_before=True)

    def _day_word(self, t: int) -> _Candidate | None:
        low = self._low(t)
        if low != "day":
            return None
        # ordinal word before: "the sixteenth day"
        for k in (t - 1, t - 2, t - 3):
            if k < self.lo:
                break
            r = read_ordinal(self.toks, k)
            if r is not None and r.end == t:
                return self._day_ref(k, t + 1, int(r.value), the_before=True)
        # "day 16", "Day one"
        r2 = read_number(self.toks, t + 1)
        if (
            r2 is not None
            and isinstance(r2.value, int)
            and 0 < r2.value <= 1000
            and not (self.toks[t + 1].is_digits and "," in self.toks[t + 1].text)
        ):
            if self._low(r2.end) in _UNIT_WORDS:
                return None  # "a day 3 hours"? not a day reference
            return self._day_ref(t, r2.end, r2.value, the_before=False)
        return None

    def _day_ref(self, a: int, b: int, n: int, *, the_before: bool) -> _Candidate:
        if the_before and a - 1 >= self.lo and self._low(a - 1) in ("the", "this"):
            a -= 1
        anchor, b = self._anchor_after(b)
        rel = self._relation_before(a)
        a0 = rel[0] if rel else a
        return self._mention(
            MentionKind.DAY_REFERENCE, a0, b, n, anchor=anchor, hedge=rel[1] if rel else None
        )

    def _anchor_after(self, b: int) -> tuple[str | None, int]:
        """ "of the first phase", "of the ceasefire": (anchor words, next index)."""
        if self._low(b) != "of":
            return None, b
        k = b + 1
        if self._low(k) in ("the", "this", "that"):
            k += 1
        for n in range(3):
            if self._low(k + n) in self.vocab.anchor_nouns:
                words = " ".join(self.toks[i].low for i in range(b + 1, k + n + 1))
                return words, k + n + 1
            if not self._tx(k + n)[:1].isalpha():
                break
        return None, b

    # ------------------------------------------------------------------ durations
    def _duration_numeric(self, t: int) -> _Candidate | None:
        r = self._number_at(t)
        if r is None or not isinstance(r.value, int) or r.value <= 0:
            return None
        r = self._paren_echo(r)
        k = r.end
        adjectival = False
        if self._low(k) in _DASHES and self._adj(k) and self._adj(k + 1):
            adjectival = True
            k += 1
        unit_word = self._low(k)
        unit = _UNIT_WORDS.get(unit_word)
        if unit is None:
            return None
        if adjectival and unit_word.endswith("s"):
            return None
        if not adjectival and r.value == 1 and r.words and self._low(r.start) == "a":
            pass
        end = k + 1
        noun: str | None = None
        if adjectival:
            if self._low(end) in _DASHES and self._low(end + 1) == "old":
                return None
            if self._low(end) in _DASHES and self._low(end + 1) == "long":
                end += 2
            if self._low(end) in self.vocab.duration_nouns:
                noun = self._low(end)
                end += 1
            elif (
                self._low(end + 1) in self.vocab.duration_nouns
                and self._tx(end).isalpha()
                and self._tx(end).islower()
                and self._low(end) not in _FUNCTION_WORDS
            ):
                noun = f"{self._low(end)} {self._low(end + 1)}"  # "14-day notice period"
                end += 2
            elif read_ordinal(self.toks, end) is not None:
                o = read_ordinal(self.toks, end)
                assert o is not None
                if self._low(o.end) in self.vocab.duration_nouns:
                    noun = " ".join(self.toks[i].low for i in range(end, o.end + 1))
                    end = o.end + 1
        value = _period(unit, int(r.value))
        if value is None:
            return None
        hedge = self._duration_hedge(r.start)
        a0 = hedge[0] if hedge else r.start
        return self._mention(
            MentionKind.DURATION, a0, end, value, noun=noun, hedge=hedge[1] if hedge else None
        )

    def _paren_echo(self, r: NumberReading) -> NumberReading:
        """Treaty style "forty-two (42) days": the figure in brackets repeats the words."""
        k = r.end
        if self._tx(k) == "(" and self._tx(k + 2) == ")":
            inner = read_number(self.toks, k + 1)
            if inner is not None and inner.end == k + 2 and inner.value == r.value:
                return NumberReading(r.value, r.start, k + 3, r.words)
        return r

    def _duration_hedge(self, i: int) -> tuple[int, str] | None:
        h = self._hedge_before(i)
        if h is not None and h[1] != "over":  # "over 13 months" usually means "during"
            return h
        if self._low(i - 1) == "within" and i - 1 >= self.lo:
            return i - 1, "within"
        return None

    def _period_word(self, t: int) -> _Candidate | None:
        """Unit words as triggers: "last week" (a date), "a year", "another year" (durations)."""
        low = self._low(t)
        unit = _UNIT_WORDS.get(low)
        if unit is None or low.endswith("s"):
            return None
        prev = self._low(t - 1)
        if t - 1 < self.lo:
            return None
        # "last week", "next month", "this year"
        if prev in _REL_PERIOD_WORDS and low in ("week", "month", "year"):
            phrase = f"{_REL_PERIOD_WORDS[prev]} {low}"
            return self._relative_date(phrase, t - 1, t + 1)
        # "another year", "one more year", "a further year"
        start: int | None = None
        if prev == "another":
            start = t - 1
        elif prev in ("more", "further", "additional") and self._low(t - 2) in ("one", "a", "an"):
            start = t - 2
        elif prev in ("a", "an"):
            # only where a length is meant: "for a year", "up to a year", "within a week"
            before = self._low(t - 2)
            after = self._low(t + 1)
            if (
                before in _DURATION_A_CUES
                or after in _DURATION_A_AFTER
                or self._hedge_before(t - 1) is not None
            ):
                start = t - 1
        if start is None or start < self.lo:
            return None
        length = _period(unit, 1)
        assert length is not None
        hedge = self._duration_hedge(start)
        a0 = hedge[0] if hedge else start
        end, noun = t + 1, None
        if self._low(end) == "-" and self._low(end + 1) == "long" and self._adj(end):
            end += 2
            if self._low(end) in self.vocab.duration_nouns:
                noun, end = self._low(end), end + 1
        elif self._low(end) == "-":
            return None
        return self._mention(
            MentionKind.DURATION, a0, end, length, noun=noun, hedge=hedge[1] if hedge else None
        )

    # ------------------------------------------------------------------ quantities
    def _quantity(self, t: int) -> _Candidate | None:
        r = self._number_at(t)
        if r is None:
            return None
        toks = self.toks
        if toks[r.start].is_digits and self._adj(r.end) and self._tx(r.end)[:1].isalpha():
            return None  # "30km", "16th": letters glued to digits
        if toks[r.start].is_digits and self._glued_left(r.start):
            return None  # "F-16", "COVID-19", "A320"
        if self._is_label(r.start) or self._low(r.start - 1) in _CURRENCY_SIGNS:
            return None
        nxt = self._low(r.end)
        if nxt in _CURRENCY_WORDS or (nxt == "per" and self._low(r.end + 1) == "cent"):
            return None
        if nxt in self.vocab.label_words and nxt not in self.vocab.group_nouns and not r.words:
            return None  # "the 1701 resolution"
        if (
            nxt == "-"
            and self._adj(r.end)
            and self._tx(r.end + 1)[:1].isalpha()
            and self._adj(r.end + 1)
        ):
            return None  # "three-phase plan", "2,000-strong force": adjectives, not counts
        r = self._paren_echo(r)
        hedge = self._hedge_before(r.start)
        a0 = hedge[0] if hedge else r.start
        k = r.end
        low_v: int | float = r.value
        high_v: int | float | None = None
        range_word: str | None = None
        # ranges: between A and B / A to B / A-B / from A to B
        between = self._low(r.start - 1) in ("between", "from") and r.start - 1 >= self.lo
        sep = self._low(k)
        if sep in ("to", "–", "—") or (sep == "and" and between) or (sep == "-" and self._adj(k)):
            r2 = read_number(toks, k + 1)
            if (
                r2 is not None
                and r2.value > r.value
                and (toks[k + 1].is_digits == toks[r.start].is_digits)
            ):
                high_v = r2.value
                k = r2.end
                if between:
                    a0 = r.start - 1
                    range_word = self._low(r.start - 1)
        if high_v is None and self._low(r.start - 1) == "between" and r.start - 1 >= self.lo:
            return None  # "between 3 and" something that is not a number
        if (
            high_v is None
            and range_word is None
            and self._low(r.start - 1) == "from"
            and sep == "to"
        ):
            pass
        noun, k2 = self._noun_after(k)
        per: str | None = None
        per, k3 = self._rate_after(k2)
        if per is not None:
            k2 = k3
        is_words = r.words
        if high_v is None:
            # "one" and year-like numbers need a group noun to count as quantities
            if is_words and r.value == 1 and noun not in self.vocab.group_nouns and hedge is None:
                return None
            tx = toks[r.start].text
            if (
                not is_words
                and len(tx) == 4
                and 1800 <= r.value <= 2100
                and hedge is None
                and noun not in self.vocab.group_nouns
            ):
                return None
            if r.value == 0 and noun is None:
                return None
        if max(low_v, high_v or 0) > MAX_COUNT:
            return None  # beyond any count an agreement states: a digit run, not a figure
        if high_v is not None:
            if noun is None and not between and sep in ("to",) and not is_words and hedge is None:
                pass
            q = Quantity(
                kind=QuantityKind.RANGE,
                low=low_v,
                high=high_v,
                unit=noun,
                hedge=hedge[1] if hedge else range_word,
            )
        else:
            kind = hedges()[_hedge_key(hedge[1])].kind if hedge else QuantityKind.EXACT
            q = Quantity(kind=kind, value=low_v, hedge=hedge[1] if hedge else None, unit=noun)
        text, start, end = self._span_text(a0, k2)
        q = q.model_copy(update={"text": text})
        m = Mention(
            kind=MentionKind.QUANTITY,
            text=text,
            start=start,
            end=end,
            value=q,
            hedge=hedge[1] if hedge else range_word,
            noun=noun,
            per=per,
        )
        return _Candidate(a0, k2, m)

    def _noun_after(self, k: int) -> tuple[str | None, int]:
        """The group noun after a number, allowing up to two modifiers: (noun, next index)."""
        toks = self.toks
        j = k
        for _ in range(3):
            if j >= len(toks):
                return None, k
            tok = toks[j]
            low = tok.low
            if low in self.vocab.group_nouns or _plural_noun(tok):
                if low in _UNIT_WORDS:
                    return None, k
                # "aid trucks": a group noun may be followed by another
                if (
                    self._low(j + 1) in self.vocab.group_nouns
                    and self._low(j + 1) != low
                    and (low in self.vocab.modifiers)
                ):
                    return self._low(j + 1), j + 2
                return low, j + 1
            if (
                low in self.vocab.modifiers
                or (low.endswith("ed") and tok.text.islower())
                or (
                    tok.text[:1].isupper()
                    and tok.text.isalpha()
                    and tok.text not in MONTHS
                    and tok.text not in WEEKDAYS
                )
            ):
                j += 1
                continue
            nxt = toks[j + 1] if j + 1 < len(toks) else None
            if (
                nxt is not None
                and tok.text.isalpha()
                and tok.text.islower()
                and low not in _FUNCTION_WORDS
                and low not in _UNIT_WORDS
                and (nxt.low in self.vocab.group_nouns or _plural_noun(nxt))
                and nxt.low not in _UNIT_WORDS
            ):
                j += 1  # "five hilltop posts": one unlisted word before a plural noun
                continue
            return None, k
        return None, k

    def _rate_after(self, k: int) -> tuple[str | None, int]:
        low = self._low(k)
        if low in _RATE_ADVERBS:
            return _RATE_ADVERBS[low], k + 1
        if low in ("a", "an", "per", "each", "every") and self._low(k + 1) in _RATE_UNITS:
            return _RATE_UNITS[self._low(k + 1)], k + 2
        return None, k

    def _vague(self, t: int) -> _Candidate | None:
        low = self._low(t)
        if low not in _VAGUE_WORDS and low not in ("dozen",):
            return None
        if low == "dozen":
            return None
        a = t
        b = t + 1
        phrase = low
        if (
            low == "thousands"
            and self._low(t - 2) in ("tens", "hundreds")
            and self._low(t - 1) == "of"
            and t - 2 >= self.lo
        ):
            a = t - 2
            phrase = f"{self._low(t - 2)} of thousands"
        elif (
            low in ("tens", "hundreds")
            and self._low(t + 1) == "of"
            and self._low(t + 2) == "thousands"
        ):
            b = t + 3
            phrase = f"{low} of thousands"
        value = self.vocab.vague_numbers.get(phrase)
        if value is None:
            return None
        if self._low(a - 1) in NUMBER_WORDS or (
            a - 1 >= 0
            and self.toks[a - 1].is_digits
            and self._adj(a) is False
            and self._low(a - 1).isdigit()
        ):
            return None  # "two thousands"?
        k = b
        if self._low(k) == "of":
            noun, k2 = self._noun_after(k + 1)
            if noun is None:
                k2 = b
        else:
            noun, k2 = self._noun_after(k)
        if value > MAX_COUNT:
            return None
        q = Quantity(kind=QuantityKind.AT_LEAST, value=value, hedge=phrase, unit=noun)
        text, start, end = self._span_text(a, k2)
        m = Mention(
            kind=MentionKind.QUANTITY,
            text=text,
            start=start,
            end=end,
            value=q.model_copy(update={"text": text}),
            hedge=phrase,
            noun=noun,
        )
        return _Candidate(a, k2, m)

    # ------------------------------------------------------------------ month / weekday / relative
    def _month(self, t: int) -> _Candidate | None:
        tx = self._tx(t)
        month = MONTHS.get(tx)
        if month is None:
            return None
        k = t + 1
        if self._tx(k) == "." and self._adj(k) and len(tx) <= 4:
            k += 1
        day_tok = self._tx(k)
        after = self._tx(k + 1)
        if (
            day_tok.isdigit()
            and len(day_tok) <= 2
            and (
                not self._adj(k + 1) or not after[:1].isalnum() or after.lower() in ORDINAL_SUFFIXES
            )
            and after not in (":", "/")
        ):
            day = int(day_tok)
            end = k + 1
            if self._low(end) in ORDINAL_SUFFIXES and self._adj(end):
                end += 1
            year, end = self._year_after(end)
            a = t
            # "Monday, February 3"
            wd = self._weekday_before(a)
            if wd is not None:
                a = wd
            return self._date_mention(a, end, month, day, year)
        # "January 2025"
        year, end = self._year_after(t + 1)
        if self._tx(t + 1) == ",":
            year = None
            end = t + 1
        cue = self._low(t - 1)
        if cue == "-" and self._low(t - 2) in ("mid", "early", "late"):
            cue = "mid"
        if year is None and cue not in _MONTH_CUES:
            return None
        if (
            tx == "May"
            and year is None
            and cue not in ("in", "since", "until", "by", "early", "late", "mid", "of")
        ):
            return None
        rel = self._relation_before(t)
        value, basis = resolve_month(month, year, self.published, self._relation_direction(rel))
        a0 = rel[0] if rel else t
        return self._mention(
            MentionKind.DATE,
            a0,
            end,
            value,
            precision=DatePrecision.MONTH,
            resolved=value is not None,
            basis=basis,
            partial=PartialDate(year=year, month=month),
            hedge=rel[1] if rel else None,
        )

    def _weekday_before(self, a: int) -> int | None:
        """Index of a weekday name just before a date ("Monday, February 3", "Monday 3 Feb")."""
        k = a - 1
        if self._tx(k) == ",":
            k -= 1
        if k >= self.lo and self._tx(k) in WEEKDAYS:
            return k
        return None

    def _weekday(self, t: int) -> _Candidate | None:
        tx = self._tx(t)
        day = WEEKDAYS.get(tx)
        if day is None:
            return None
        # "Monday, February 3" / "Monday 3 February 2025": one date
        k = t + 1
        if self._tx(k) == ",":
            k += 1
        if MONTHS.get(self._tx(k)) is not None:
            cand = self._month(k)
            if (
                cand is not None
                and cand.mention is not None
                and cand.mention.precision is DatePrecision.DAY
            ):
                return cand
        if (self._tx(k).isdigit() and MONTHS.get(self._tx(k + 1)) is not None) or (
            self._tx(k).isdigit() and self._low(k + 1) in ORDINAL_SUFFIXES
        ):
            cand = self._date_numeric(k)
            if cand is not None and cand.mention is not None:
                m = cand.mention
                text, start, end = self._span_text(t, cand.end)
                rel = self._relation_before(t)
                a0 = rel[0] if rel else t
                text, start, end = self._span_text(a0, cand.end)
                return _Candidate(
                    a0,
                    cand.end,
                    _replace(m, text=text, start=start, end=end, hedge=rel[1] if rel else m.hedge),
                )
        modifier: str | None = None
        a = t
        for words in _WEEKDAY_MODIFIERS:
            n = len(words)
            if t - n >= self.lo and all(self._low(t - n + i) == words[i] for i in range(n)):
                modifier = " ".join(words)
                a = t - n
                break
        rel_before = self._relation_before(a)
        value, basis = resolve_weekday(
            day, modifier, self.published, self._direction(a, rel_before)
        )
        rel = self._relation_before(a)
        a0 = rel[0] if rel else a
        partial = (
            PartialDate(weekday=day)
            if modifier is None
            else PartialDate(relative=f"{modifier} {tx.lower()}")
        )
        return self._mention(
            MentionKind.DATE,
            a0,
            t + 1,
            value,
            precision=DatePrecision.DAY,
            resolved=value is not None,
            basis=basis,
            partial=partial,
            hedge=rel[1] if rel else None,
        )

    def _relation_direction(self, rel: tuple[int, str] | None) -> str | None:
        if rel is not None and self.vocab.relations.get(rel[1]) == "since":
            return "past"
        return None

    def _direction(self, a: int, rel: tuple[int, str] | None) -> str | None:
        """Past or future, from the relation ("since Friday") or the nearest tense word to
        the left in the same sentence ("said on Sunday", "will meet on Tuesday")."""
        if rel is not None:
            meaning = self.vocab.relations.get(rel[1])
            if meaning == "since":
                return "past"
        k = a - 1
        for _ in range(14):
            if k < 0:
                return None
            low = self._low(k)
            if low in (".", "!", "?", ";"):
                return None
            if low in _FUTURE_WORDS:
                return "future"
            if low in _PAST_WORDS:
                return "past"
            if low.endswith("ed") and len(low) > 3 and self.toks[k].text.islower():
                return "future" if self._low(k - 1) == "be" else "past"
            k -= 1
        return None

    def _relative_day(self, t: int) -> _Candidate | None:
        low = self._low(t)
        if low not in _RELATIVE_WORDS:
            return None
        return self._relative_date(low, t, t + 1)

    # ------------------------------------------------------------------ parties
    def _party(self, t: int) -> _Candidate | None:
        tx = self._tx(t)
        base = tx
        for suffix in ("'s", "’s"):
            if tx.endswith(suffix):
                base = tx[: -len(suffix)]
        entries = self.aliases.get(base) or self.aliases.get(tx.split(".")[0] if "." in tx else "")
        if not entries:
            return None
        for alias_toks, actor in entries:
            n = len(alias_toks)
            got = [self._tx(t + i) for i in range(n)]
            if n == 1:
                ok = got[0] == alias_toks[0] or base == alias_toks[0]
            else:
                last = got[-1]
                for suffix in ("'s", "’s"):
                    if last.endswith(suffix) and last[: -len(suffix)] == alias_toks[-1]:
                        last = alias_toks[-1]
                ok = got[:-1] == list(alias_toks[:-1]) and last == alias_toks[-1]
            if ok:
                role = self._role(t, t + n, actor)
                return self._mention(MentionKind.PARTY, t, t + n, actor.name, role=role)
        return None

    def _role(self, a: int, b: int, actor: Actor) -> str:
        after = self.vocab.mediator_after
        # right: "Egyptian mediators", "Egyptian and Qatari mediators"
        k = b
        for _ in range(10):
            low = self._low(k)
            if low in after:
                return "mediator"
            if low in (",", "and") or self._tx(k) in self.aliases or self._tx(k)[:1].isupper():
                k += 1
                continue
            break
        # left: "mediated by Egypt, Qatar and the United States"
        k = a - 1
        for _ in range(14):
            if k < 0:
                break
            low = self._low(k)
            if low in (",", "and", "the", "of", "from", "including", "namely", ":"):
                k -= 1
                continue
            if self._tx(k)[:1].isupper() and low not in ("the",):
                k -= 1
                continue
            break
        for words in self.vocab.mediator_before_tokens:
            n = len(words)
            if k - n + 1 >= 0 and all(self._low(k - n + 1 + i) == words[i] for i in range(n)):
                return "mediator"
        return actor.role


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


def _period(unit: str, n: int) -> Period | Duration | None:
    """The period, or None when it is beyond the model's bounds (about a thousand years)."""
    try:
        if unit in ("hours", "minutes"):
            return Duration(**{unit: n})
        return Period(**{unit: n})
    except ValidationError:
        return None


def _plural_noun(tok: Token) -> bool:
    low = tok.low
    return (
        len(low) > 3
        and low.endswith("s")
        and not low.endswith("ss")
        and low.isalpha()
        and tok.text.islower()
        and low not in _NOUN_STOP
    )


def _hedge_key(written: str) -> str:
    key = " ".join(written.lower().split())
    if key in hedges():
        return key
    return key.replace(" .", ".")


def _replace(m: Mention, **changes: object) -> Mention:
    from dataclasses import replace

    return replace(m, **changes)  # type: ignore[arg-type]


_ = (TENS, UNITS)
