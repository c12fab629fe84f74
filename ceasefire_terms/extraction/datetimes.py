"""Dates, times and day references: "January 19", "19/01/2025", "last week", "08:30 local
time", "no later than the 16th day of the first phase"."""

from __future__ import annotations

import datetime as dt

from .dates import (
    MONTHS,
    WEEKDAYS,
    resolve_month,
    resolve_month_day,
    resolve_weekday,
    safe_date,
)
from .mentions import DatePrecision, MentionKind, PartialDate
from .numbers import (
    ORDINAL_SUFFIXES,
    read_number,
    read_ordinal,
)
from .scanner import (
    _FUTURE_WORDS,
    _MONTH_CUES,
    _PAST_WORDS,
    _RELATIVE_WORDS,
    _TIME_WORDS,
    _UNIT_WORDS,
    _WEEKDAY_MODIFIERS,
    _YEAR_CUES,
    _ZONES,
    Scanner,
    _Candidate,
    _replace,
)

#: Words between the two days of a day range ("20 to 26", "13-14", "2–4").
_DAY_RANGE_WORDS = frozenset({"to", "-", "–", "—", "through", "until", "till"})


class DateTimes(Scanner):
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
        # the second day of a range: "August 20 to 26, 2011", "20-26 August"
        second = self._range_second_day(t)
        if second is not None:
            return second
        # the first day of a range: "13-14 January 2025"
        first = self._range_first_day(t)
        if first is not None:
            return first
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
            if year is None:
                year = self._range_year(end)  # "from 1 January to 31 March 2023"
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
            if (
                cue in _YEAR_CUES
                or cue == "between"
                or (cue == "of" and self._tx(t - 2).isdecimal())  # "Resolution 1701 of 2006"
                or (cue in ("and", "to", "-", "–") and self._is_year(t - 2))  # "2015 and 2022"
            ):
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

    def _is_year(self, i: int) -> bool:
        tx = self._tx(i)
        return len(tx) == 4 and tx.isdecimal() and 1900 <= int(tx) <= 2100

    def _range_year(self, k: int) -> int | None:
        """The year after the second day of a day range starting at token ``k`` ("to 26,
        2011", "to 31 March 2023"), which the first day shares."""
        if self._low(k) not in _DAY_RANGE_WORDS:
            return None
        day2 = self._tx(k + 1)
        if not (day2.isdecimal() and len(day2) <= 2 and 1 <= int(day2) <= 31):
            return None
        j = k + 2
        if self._low(j) in ORDINAL_SUFFIXES and self._adj(j):
            j += 1
        if MONTHS.get(self._tx(j)) is not None:
            j += 1  # "from 1 January to 31 March 2023"
        return self._year_after(j)[0]

    def _range_second_day(self, t: int) -> _Candidate | None:
        """ "26, 2011" in "August 20 to 26, 2011": the month is the first day's."""
        tok = self.toks[t]
        if (
            len(tok.text) > 2
            or not 1 <= int(tok.text) <= 31
            or self._low(t - 1) not in _DAY_RANGE_WORDS
        ):
            return None
        first = t - 2
        if self._low(first) in ORDINAL_SUFFIXES and self._adj(first):
            first -= 1
        day1 = self._tx(first)
        month = MONTHS.get(self._tx(first - 1))
        if month is None or not (day1.isdecimal() and len(day1) <= 2 and int(day1) < int(tok.text)):
            return None
        end = t + 1
        if self._low(end) in ORDINAL_SUFFIXES and self._adj(end):
            end += 1
        if MONTHS.get(self._tx(end)) is not None:
            return None  # "August 20 to 26 September": a date of its own
        year, end = self._year_after(end)
        return self._date_mention(t, end, month, int(tok.text), year)

    def _range_first_day(self, t: int) -> _Candidate | None:
        """ "13" in "13-14 January 2025": the month and year are the second day's."""
        tok = self.toks[t]
        if len(tok.text) > 2 or self._low(t + 1) not in _DAY_RANGE_WORDS:
            return None
        day2 = self._tx(t + 2)
        month = MONTHS.get(self._tx(t + 3))
        if month is None or not (day2.isdecimal() and len(day2) <= 2):
            return None
        if not 1 <= int(tok.text) < int(day2) <= 31:
            return None
        year = self._year_after(t + 4)[0]
        return self._date_mention(t, t + 1, month, int(tok.text), year)

    def _year_after(self, i: int) -> tuple[int | None, int]:
        """An optional ", 2025" or " 2025" at token ``i``: (year, next index)."""
        k = i
        if self._tx(k) == ",":
            k += 1
        tx = self._tx(k)
        after = self._tx(k + 1)
        if (
            len(tx) == 4
            and tx.isdecimal()
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
        if tok.is_digits and len(tok.text) == 4 and self._tx(t + 1) in _ZONES:
            # "(0915 GMT)": a four-digit clock time with its zone
            hh, mi = int(tok.text[:2]), int(tok.text[2:])
            if hh <= 23 and mi <= 59:
                zone, k = self._zone_after(t + 1)
                return self._mention(MentionKind.TIME, t, k, dt.time(hh, mi), zone=zone)
        if not tok.is_digits or "," in tok.text or len(tok.text) > 2:
            return None
        hour = int(tok.text)
        minute = 0
        k = t + 1
        if self._tx(k) in (":", ".") and self._adj(k) and self._adj(k + 1):
            mm = self._tx(k + 1)
            if len(mm) == 2 and mm.isdecimal():
                minute = int(mm)
                k += 2
            else:
                return None
        elif self._tx(k) == "h" and self._adj(k):
            return None
        if (
            k > t + 1
            and self._low(k) in ("hours", "hrs")
            and (self._low(k + 1) == "local" or self._tx(k + 1) in _ZONES)
        ):
            k += 1  # "12:00 hours local time"
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
            day_tok.isdecimal()
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
            if year is None:
                year = self._range_year(end)  # "from August 20 to 26, 2011"
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
        if (self._tx(k).isdecimal() and MONTHS.get(self._tx(k + 1)) is not None) or (
            self._tx(k).isdecimal() and self._low(k + 1) in ORDINAL_SUFFIXES
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
