"""Counts: numbers with their group noun, hedge and rate, vague plurals, and the numbers that
are not counts (labels, phone numbers, money, model names)."""

from __future__ import annotations

from ..model.quantity import MAX_COUNT, Quantity, QuantityKind, hedges
from ._tokens import Token
from .dates import (
    MONTHS,
    WEEKDAYS,
)
from .mentions import Mention, MentionKind
from .numbers import (
    DASHES,
    NUMBER_WORDS,
    ORDINAL_SUFFIXES,
    read_number,
    read_ordinal,
    slash_fraction,
)
from .ranges import Ranges
from .scanner import (
    _CURRENCY_SIGNS,
    _CURRENCY_WORDS,
    _DASHES,
    _FUNCTION_WORDS,
    _NOUN_STOP,
    _RATE_ADVERBS,
    _RATE_UNITS,
    _UNIT_WORDS,
    _VAGUE_WORDS,
    _Candidate,
)

#: Abbreviations after which a number is a reference ("p. 187", "No. 12", "Art. 5").
_REFERENCE_ABBREVIATIONS = frozenset(
    {"p", "pp", "no", "nos", "art", "arts", "para", "paras", "sec", "ch", "vol", "res", "fig"}
)
#: Street words: a number before a name ending in one of these is a house number.
_STREET_WORDS = frozenset(
    {"street", "st", "road", "rd", "avenue", "ave", "boulevard", "blvd", "lane", "square"}
)
#: Units of measure that a number counts ("above 100 mm", "at least 50 km").
_MEASURES = frozenset(
    {"mm", "cm", "km", "kg", "ha", "sq", "m", "g", "mg", "ml", "lb", "lbs", "oz", "mile",
     "cup", "litre", "liter", "metre", "meter", "ton", "tonne", "gram", "inch", "foot",
     "feet", "yard", "acre", "hectare", "kilometre", "kilometer", "kilogram"}
)  # fmt: skip
#: Street words written before the name ("7 Rue Amilcar Cabral", "12 Calle Real").
_STREET_BEFORE = frozenset({"rue", "calle", "via", "avenida", "rua", "boulevard"})
#: Money, shares and measures of a whole that a number before them makes not a count.
_NOT_COUNTED = frozenset(
    {
        "dollars", "euros", "pounds", "shekels", "dinars", "riyals", "pesos", "francs", "kyat",
        "birr", "naira", "shillings", "rupees", "yen", "yuan", "rubles", "roubles", "hryvnias",
        "hryvnia", "lira", "liras", "dirhams", "afghanis", "taka", "cedis", "rand", "usd",
        "eur", "percent", "%", "bn", "thirds", "quarters", "fifths", "tenths",
    }
)  # fmt: skip


#: Plural label words, labels only before a number ("pages 10-20", "sections 3 and 4").
_PLURAL_LABELS = frozenset({"pages", "sections", "paragraphs", "chapters", "clauses"})
#: Words after "of" that make a fraction a share of a whole ("1/2 of the people").
_WHOLE_DETERMINERS = frozenset(
    {"the", "their", "its", "his", "her", "our", "all", "them", "those", "these", "us"}
)


class Quantities(Ranges):
    def _skip_digits(self, t: int) -> _Candidate | None:
        """Numbers that are not counts: labels ("Phase 1"), phone numbers, money, percentages,
        model names ("F-16"), ordinals that are not day references ("the 2nd round"), ages
        ("19-year-old") and years used as adjectives ("the 2014 war")."""
        toks = self.toks
        tok = toks[t]
        not_count = self._not_a_count(t)
        if not_count is not None:
            return not_count
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
        code = self._code(t)
        if code is not None:
            return code
        prev = self._low(t - 1)
        if self._is_label(t):
            r = read_number(toks, t)
            end = r.end if r else t + 1
            # "Phase 1 and 2", "articles 3-5", "Phase 1 of 3"
            if (
                self._low(end) in ("and", "to", "-", "–", "of")
                and toks[end + 1 : end + 2]
                and toks[end + 1].is_digits
                and not (self._low(end) == "of" and len(toks[end + 1].text) == 4)
            ):
                end += 2  # but "Resolution 1701 of 2006": the year is a date
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

    def _not_a_count(self, t: int) -> _Candidate | None:
        """Numbers that are never counts, consumed whole: negative numbers ("-5 degrees",
        "−12", "minus 300": a count is never below zero, and reading "5" would give a wrong
        value), ordinals ("twenty—fifth", "thirty second": a rank, not a count; "the
        twenty—fifth day" is a day reference, which is longer and wins) and clock times
        ("6 o'clock")."""
        r = self._number_at(t)
        if r is None or (r.start != t and self._tx(r.start) not in ("a", "an")):
            return None
        sign = self._negative(r.start)
        if sign is not None:
            return _Candidate(sign, r.end, None)
        o = read_ordinal(self.toks, t)
        if o is not None and o.end > r.end:
            return _Candidate(t, o.end, None)
        if self._low(r.end) in ("o'clock", "o’clock"):
            return _Candidate(t, r.end + 1, None)
        return None

    def _negative(self, i: int) -> int | None:
        """The index of the minus sign or word before the number at token ``i``, if any:
        "-5", "−12" (a sign touching the number, not joining two words or numbers: "F-16",
        "3-1"), "minus 300"."""
        if i - 1 < self.lo:
            return None
        prev = self._tx(i - 1)
        if prev.lower() == "minus":
            return i - 1
        if prev in ("-", "−", "‐", "‑") and self._adj(i) and not self._adj(i - 1):
            return i - 1
        return None

    def _code(self, t: int) -> _Candidate | None:
        """Digits that are part of a reference, not a count, consumed whole: list enumerators
        ("(1)", "1)" after a colon or semicolon, "3(2)"), dotted section numbers
        ("(3.4.4)", "4.1.2"), codes joined by "/" or "+" ("24/7", "5+5"), page references
        ("p. 187"), scores ("won 3-1") and coordinates ("latitude 18.4411")."""
        toks = self.toks
        n = len(toks)
        prev, nxt = self._tx(t - 1), self._tx(t + 1)
        # "(1)", "3(2)": an enumerator or a sub-article, unless it repeats the number before it
        # ("fifty (50)", which the number reader takes as one)
        if prev == "(" and nxt == ")" and self._adj(t) and self._adj(t + 1):
            before = self._low(t - 2)
            if not (before in NUMBER_WORDS or self._tx(t - 2)[:1].isdecimal()) or self._adj(t - 1):
                return _Candidate(t - 1 if t - 1 >= self.lo else t, t + 2, None)
        # "1) notify ...; 2) withdraw ...": at the start of a text or after : ; or a line break
        if (
            nxt == ")"
            and self._adj(t + 1)
            and (
                t == 0
                or prev in (":", ";", ".")
                or "\n" in self.text[toks[t - 1].end : toks[t].start]
            )
        ):
            return _Candidate(t, t + 2, None)
        # dotted section numbers: "3.4.4", "4.1.2" (a decimal has one point)
        k = t
        dots = 0
        while (
            k + 2 < n
            and dots < 8
            and toks[k + 1].text == "."
            and self._adj(k + 1)
            and self._adj(k + 2)
            and toks[k + 2].is_digits
        ):
            k += 2
            dots += 1
        if dots >= 2:
            return _Candidate(t, k + 1, None)
        # "24/7", "5+5": digits joined by a slash or a plus (not a fraction: "1/2 cup")
        if (
            nxt in ("/", "+")
            and not (nxt == "/" and slash_fraction(toks, t) is not None)
            and self._adj(t + 1)
            and self._adj(t + 2)
            and self._tx(t + 2)[:1].isdecimal()
        ):
            return _Candidate(t, t + 3, None)
        # page references: "p. 187", "pp. 12-14", "page 4" (page is a label word)
        if prev == "." and self._low(t - 2) in _REFERENCE_ABBREVIATIONS and self._adj(t - 1):
            end = t + 1
            if self._tx(end) in DASHES and self._tx(end + 1)[:1].isdecimal():
                end += 2
            return _Candidate(t, end, None)
        if self._low(t - 1) == "box" or (
            self._tx(t + 1).lower() in _STREET_BEFORE and self._tx(t + 1)[:1].isupper()
        ):
            return _Candidate(t, t + 1, None)  # "PO Box 7291", "7 Rue Amilcar Cabral"
        if self._low(t - 1) in ("latitude", "longitude", "lat", "lon", "long"):
            r = read_number(toks, t)
            return _Candidate(t, r.end if r else t + 1, None)
        # scores: "won 3-1", "a score of 12-9", "draw 1-1", "ended 0-2"
        if (
            nxt in DASHES
            and self._adj(t + 1)
            and self._adj(t + 2)
            and self._tx(t + 2).isdecimal()
            and len(self._tx(t + 2)) <= 2
            and "," not in toks[t].text  # "1,000-5": int() does not read the comma
        ):
            a, b = int(toks[t].text), int(self._tx(t + 2))
            if (
                (b <= a or a == 0)
                and len(self._tx(t + 2)) <= 2
                and self._noun_after(t + 3)[0] is None
            ):
                return _Candidate(t, t + 3, None)
        return None

    def _is_label(self, t: int) -> bool:
        """A number right after a label word ("Phase 1", "Resolution 2735", "UNSC 2720"), or
        after its abbreviation ("No. 12", "Art. 5", "para. 4")."""
        prev = self._tx(t - 1)
        if t - 1 < 0:
            return False
        if prev.lower() == "number" and self._low(t + 1) in ("hundred", "thousand", "million"):
            return False  # "so far number 1 thousand 2 hundred": the verb
        if prev.lower() in self.vocab.label_words or prev in ("#",):
            return True
        if prev.lower() in _PLURAL_LABELS:
            return True  # "pages 10-20" (but "300 pages" is a count: only before the number)
        if prev == "." and self._low(t - 2) in _REFERENCE_ABBREVIATIONS:
            return True
        if prev[:1].islower() and prev.isalpha() and not prev.islower():
            return True  # "iPhone 12", "eBay 7": a product name with its number
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
            and self._low(t + 2)[:1].isdecimal()
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

    # ------------------------------------------------------------------ quantities
    def _quantity(self, t: int) -> _Candidate | None:
        r = self._number_at(t)
        if r is None:
            return self._few(t)
        toks = self.toks
        if (
            toks[r.start].is_digits
            and self._adj(r.end)
            and self._tx(r.end)[:1].isalpha()
            and self._low(r.end) not in _MEASURES
        ):
            return None  # "16th", "5G": letters glued to digits ("30km" is a measure)
        if toks[r.start].is_digits and self._glued_left(r.start):
            return None  # "F-16", "COVID-19", "A320"
        if self._is_label(r.start) or self._low(r.start - 1) in _CURRENCY_SIGNS:
            return None
        if self._negative(r.start) is not None:
            return None  # "-5 degrees": not a count (see _not_a_count)
        if self._low(r.start - 1) == "or" and self._low(r.start - 2) in _UNIT_WORDS:
            return None  # "a month or two": a length, not a count of two
        if r.words and (o := read_ordinal(toks, r.start)) is not None and o.end > r.end:
            return None  # "twenty—fifth": a rank
        nxt = self._low(r.end)
        if r.value < 1 and nxt == "of" and self._low(r.end + 1) in _WHOLE_DETERMINERS:
            return _Candidate(r.start, r.end + 1, None)  # "1/2 of the people": a share
        if nxt in _CURRENCY_WORDS or (nxt == "per" and self._low(r.end + 1) == "cent"):
            return None
        if nxt in self.vocab.label_words and nxt not in self.vocab.group_nouns and not r.words:
            return None  # "the 1701 resolution"
        if (
            nxt == "-"
            and self._adj(r.end)
            and self._tx(r.end + 1)[:1].isalpha()
            and self._adj(r.end + 1)
            and self._low(r.end + 1) != "odd"
            and not (self._low(r.end + 1) == "to" and self._second_end(r, False, None))
        ):
            return None  # "three-phase plan", "2,000-strong force": adjectives, not counts
            # (but "two-to-three hundred": a range, read below)
        if (
            nxt == "and"
            and self._low(r.end + 1) == "a"
            and self._low(r.end + 2) in ("half", "quarter")
            and self._low(r.end + 3) in _UNIT_WORDS
        ):
            return None  # "three and a half months": a length, not a count of three
        if (
            r.words
            and toks[r.start].text[:1].isupper()
            and r.start > 0
            and self._tx(r.start - 1) not in (".", "!", "?", ":", ";", '"', "“", "(", "—")
            and self._tx(r.end)[:1].isupper()
        ):
            return None  # "the Three Brotherhood Alliance": a name
        if (
            not r.words
            and self._low(r.start - 1) == "of"
            and self._tx(r.start - 2).isdecimal()
            and len(toks[r.start].text) == 4
            and 1900 <= r.value <= 2100
        ):
            return None  # "Resolution 1701 of 2006 remains ...": the year of a label
        r = self._paren_echo(r)
        hedge = self._hedge_before(r.start)
        a0 = hedge[0] if hedge else r.start
        k = r.end
        low_v: int | float = r.value
        high_v: int | float | None = None
        range_word: str | None = None
        # ranges: between A and B / A to B / A-B / from A to B / more than A and less than B
        between = self._low(r.start - 1) in ("between", "from") and r.start - 1 >= self.lo
        hedge_kind = hedges()[_hedge_key(hedge[1])].kind if hedge else None
        second = self._second_end(r, between, hedge_kind)
        closed = (True, True)
        if second is not None:
            low_v, high_v, k = second.low, second.high, second.end
            closed = (second.low_closed, second.high_closed)
            if between and hedge is None:
                a0 = r.start - 1
                range_word = self._low(r.start - 1)
        elif self._low(r.start - 1) == "between" and r.start - 1 >= self.lo:
            return None  # "between 3 and" something that is not a number
        after = self._bound_after(k) if hedge is None and second is None else None
        if after is not None and after[1] in ("at most", "at least"):
            after = None  # "30 at least" before the noun is rare; after it, see below
        if after is not None:
            k = after[2]
        noun, k2 = self._noun_after(k)
        if noun is None and self._low(k) == "of" and (r.words or second is None):
            noun, k2 = self._noun_after(k + 1)  # "three billions of doses"
            if noun is None:
                k2 = k
        if high_v is not None and noun is None and self._low(k) in _UNIT_WORDS:
            return None  # "two to six months": a range of durations, not of counts
        if (
            noun is None
            and self._low(k) == "of"
            and self._tx(k + 1).isdecimal()
            and len(self._tx(k + 1)) == 4
            and self._tx(r.start - 1)[:1].isupper()
        ):
            return _Candidate(r.start, k + 2, None)  # "Act 200 of 1993": a label and its year
        if self._low(k) == "of" and (
            self._low(k + 1) in _NOT_COUNTED or self._low(k + 2).rstrip("'’") in _NOT_COUNTED
        ):
            return _Candidate(r.start, k + 1, None)  # "three billions of Sudanese pounds"
        if (
            high_v is not None
            and noun is None
            and all(1800 <= v <= 2100 and float(v).is_integer() for v in (low_v, high_v))
            and not r.words
        ):
            return None  # "between 2015 and 2022": years, not counts
        if noun is None and r.value == 1 and self._low(k) == "of" and hedge is None:
            return None  # "1 of the panel members": a pronoun use, as "one of"
        if noun in _NOT_COUNTED or self._low(k) in _NOT_COUNTED:
            return _Candidate(r.start, k2 if noun else k + 1, None)  # money, shares
        if self._low(k2 - 1 if noun else k) in _STREET_WORDS or (
            noun is None and self._street_after(k)
        ):
            return None  # "14 Shaul Hamelech Blvd": a house number
        if hedge is None and second is None and after is None and noun is not None:
            tail = self._bound_after(k2)
            if tail is not None and tail[1] in ("at most", "at least"):
                after, k2 = tail, tail[2]  # "30 neighbourhoods at most"
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
        hedge_words = hedge[1] if hedge else (after[1] if after else range_word)
        if high_v is not None:
            q = Quantity(
                kind=QuantityKind.RANGE,
                low=low_v,
                high=high_v,
                low_closed=closed[0],
                high_closed=closed[1],
                unit=noun,
                hedge=hedge_words,
            )
        else:
            kind = hedge_kind or (after[0] if after else QuantityKind.EXACT)
            q = Quantity(kind=kind, value=low_v, hedge=hedge_words, unit=noun)
        text, start, end = self._span_text(a0, k2)
        q = q.model_copy(update={"text": text})
        m = Mention(
            kind=MentionKind.QUANTITY,
            text=text,
            start=start,
            end=end,
            value=q,
            hedge=hedge_words,
            noun=noun,
            per=per,
        )
        return _Candidate(a0, k2, m)

    def _noun_after(self, k: int) -> tuple[str | None, int]:
        """The group noun after a number, allowing up to three modifiers ("100,000 ethnic
        Armenian residents", "6 previously acknowledged camps"): (noun, next index)."""
        toks = self.toks
        j = k
        for _ in range(4):
            if j >= len(toks):
                return None, k
            tok = toks[j]
            low = tok.low
            if (
                tok.text.isalpha()
                and tok.text.islower()
                and self._tx(j + 1) in ("-", "‐")
                and self._adj(j + 1)
                and self._adj(j + 2)
                and j + 2 < len(toks)
                and (toks[j + 2].low in self.vocab.group_nouns or _plural_noun(toks[j + 2]))
            ):
                return toks[j + 2].low, j + 3  # "ex-combatants", "non-combatants"
            if low in self.vocab.group_nouns or _plural_noun(tok) or low in _MEASURES:
                if low in _UNIT_WORDS:
                    return None, k
                # "aid trucks", "child soldiers": a singular noun or a modifier before a
                # group noun is a modifier; the head noun is the last
                nxt_low = self._low(j + 1)
                if (
                    (
                        nxt_low in self.vocab.group_nouns
                        or (j + 1 < len(toks) and _plural_noun(toks[j + 1]))
                    )
                    and nxt_low != low
                    and nxt_low not in _UNIT_WORDS
                    and (low in self.vocab.modifiers or not _plural_noun(tok))
                    and self._tx(j + 1).islower()
                ):
                    return nxt_low, j + 2
                return low, j + 1
            if (
                low in self.vocab.modifiers
                or (low.endswith(("ed", "ly")) and tok.text.islower() and len(low) > 3)
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
                and (
                    nxt.low in self.vocab.group_nouns
                    or _plural_noun(nxt)
                    or (nxt.text[:1].isupper() and nxt.text.isalpha())  # "ethnic Armenian"
                )
                and nxt.low not in _UNIT_WORDS
            ):
                j += 1  # "five hilltop posts": one unlisted word before a plural noun
                continue
            return None, k
        return None, k

    def _street_after(self, k: int) -> bool:
        """Capitalised words and then a street word ("221 Al-Nasr Street")."""
        for j in range(k, k + 5):
            tx = self._tx(j)
            if tx.lower() in _STREET_WORDS:
                return j > k
            if not (tx[:1].isupper() or tx in ("-", "'")):
                return False
        return False

    def _rate_after(self, k: int) -> tuple[str | None, int]:
        low = self._low(k)
        if low in _RATE_ADVERBS:
            return _RATE_ADVERBS[low], k + 1
        if low in ("a", "an", "per", "each", "every") and self._low(k + 1) in _RATE_UNITS:
            return _RATE_UNITS[self._low(k + 1)], k + 2
        return None, k

    def _few(self, t: int) -> _Candidate | None:
        """ "a few hundred", "several thousand": read as the vague plural of the multiplier
        ("hundreds" = at least 200, ``vocabulary.yaml``), the words kept as the hedge."""
        low = self._low(t)
        if low not in ("hundred", "thousand", "million", "billion"):
            return None
        if self._low(t - 1) == "several":
            a = t - 1
        elif self._low(t - 1) == "few" and self._low(t - 2) == "a":
            a = t - 2
        else:
            return None
        value = self.vocab.vague_numbers.get(low + "s")
        if value is None or a < self.lo:
            return None
        if self._low(t + 1) == "of":
            noun, k = self._noun_after(t + 2)
            k = k if noun else t + 1
        else:
            noun, k = self._noun_after(t + 1)
        words = self._span_text(a, t + 1)[0].lower()
        return self._at_least(a, k, value, words, noun)

    def _at_least(self, a: int, k: int, value: int, hedge: str, noun: str | None) -> _Candidate:
        """A vague count over tokens [a, k): at least ``value``, its words kept as the hedge
        ("scores of", "a few hundred")."""
        q = Quantity(kind=QuantityKind.AT_LEAST, value=value, hedge=hedge, unit=noun)
        text, start, end = self._span_text(a, k)
        m = Mention(
            kind=MentionKind.QUANTITY,
            text=text,
            start=start,
            end=end,
            value=q.model_copy(update={"text": text}),
            hedge=hedge,
            noun=noun,
        )
        return _Candidate(a, k, m)

    def _vague(self, t: int) -> _Candidate | None:
        low = self._low(t)
        if low not in _VAGUE_WORDS and low not in ("dozen",):
            return None
        if low == "dozen":
            return None
        if low == "scores" and self._low(t + 1) != "of":
            return None  # "the scores were level": a plural noun, not "scores of civilians"
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
            and self._low(a - 1).isdecimal()
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
        return self._at_least(a, k2, value, phrase, noun)


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
