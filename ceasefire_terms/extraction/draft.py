"""From a news article to a draft :class:`~ceasefire_terms.model.agreement.Agreement` whose
figures point back to the words they came from.

The draft is assembled from :func:`~ceasefire_terms.extraction.extract` mentions by a few
explicit, sentence-level rules (listed in ``docs/extraction.md``):

* parties and mediators: every actor named, with the role its words give it;
* phases: a duration whose noun or sentence names a phase ("the initial 42-day phase");
* the effective date: a date right after "took effect", "enter(s) into force", ...;
* exchanges: a count of captives, hostages, prisoners or detainees, with the party that
  releases them and the phase of its sentence;
* deadlines: a day reference ("no later than the 16th day of the first phase") or a date that
  talks "begin", "start" or "resume" on;
* batches: a count right before a day reference ("3 on day 1", "three hostages on the first
  day"), in a sentence tied to one exchange, becomes a batch of that exchange when the phase
  its day counts in is known;
* ratio rules: a count followed by "for each", "for every", "per" or "in exchange for every"
  and a noun ("30 prisoners for each civilian hostage") becomes a ratio rule on the exchange
  releasing the counted group;
* rates with parts: a rate ("600 aid trucks a day") that a named party must "allow", "let",
  "permit", ... becomes that party's obligation; counts after "of which" or "including" in
  the same sentence become its parts ("50 carry fuel" -> part "fuel").

The rules read a sentence at a time (a run of text ending in ".", "!", "?" or a line
break); a "sentence" longer than 2,000 characters, from text without full stops, is read in
pieces cut after a semicolon, comma or space, so drafting stays linear in the text's length.

Every placed value carries a :class:`~ceasefire_terms.model.provenance.Source` quoting its
words with their span. Mentions no rule placed are listed in :attr:`Draft.unresolved` with the
reason; defaults the model required but the text did not state are listed in
:attr:`Draft.assumptions`.

>>> import datetime as dt
>>> d = draft_from_text("The initial 42-day phase took effect on January 19.",
...                     published=dt.date(2025, 2, 3), zone="Asia/Jerusalem")
>>> [(p.id, str(p.length)) for p in d.agreement.phases]
[('phase-1', '42 days')]
>>> str(d.agreement.effective)
'2025-01-19'
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from ..errors import ParseError, RecordError
from ..model.agreement import (
    Agreement,
    Batch,
    Deadline,
    Exchange,
    Obligation,
    Part,
    Party,
    Phase,
    Rate,
    RatioRule,
    Relation,
    Role,
    Rule,
)
from ..model.conventions import Counting
from ..model.periods import Period
from ..model.provenance import Source
from ..model.quantity import Quantity
from ..model.when import Moment, get_zone
from .engine import extract
from .mentions import DatePrecision, Mention, MentionKind
from .numbers import NUMBER_WORDS, ORDINAL_UNITS
from .vocabulary import Vocabulary

__all__ = ["Draft", "Unplaced", "draft_from_text"]

_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+|\n|$)")
_PHASE_WORDS = re.compile(
    r"\b(first|initial|second|third|fourth|next|final|1st|2nd|3rd|one|two|three)\s+"
    r"(?:phase|stage)\b|\b(?:phase|stage)\s+(one|two|three|1|2|3|i{1,3})\b",
    re.IGNORECASE,
)
_PHASE_ORDINALS = {
    "first": 1, "initial": 1, "1st": 1, "one": 1, "1": 1, "i": 1, "second": 2, "2nd": 2,
    "two": 2, "2": 2, "ii": 2, "next": 2, "third": 3, "3rd": 3, "three": 3, "3": 3, "iii": 3,
    "fourth": 4, "final": 3,
}  # fmt: skip
_EFFECT_CUES = re.compile(
    r"(took|take|takes|taking|came|come|comes|went|go|goes)\s+(?:into\s+)?effect"
    r"|(enter|entered|enters|came|come|comes)\s+into\s+force|in\s+effect\s+from"
    r"|effective\s*$",
    re.IGNORECASE,
)
_TALK_CUES = re.compile(
    r"\b(talks|negotiations|discussions)\b[^.]{0,60}\b(begin|start|resume|commence)", re.IGNORECASE
)
_CAPTIVE_NOUNS = frozenset({"captives", "captive", "hostages", "hostage"})
_PRISONER_NOUNS = frozenset({"prisoners", "prisoner", "detainees", "detainee"})
_RELATIONS = {"by": Relation.NO_LATER_THAN, "before": Relation.NO_LATER_THAN,
              "after": Relation.NOT_BEFORE, "from": Relation.NOT_BEFORE}  # fmt: skip
# batches: the words allowed between a count and its day reference ("3 on day 1")
_BATCH_GAP = re.compile(r"\s+(?:(?:on|in|during)\s+)?")
_PEOPLE_NOUNS = _CAPTIVE_NOUNS | _PRISONER_NOUNS | frozenset({
    "soldiers", "soldier", "civilians", "civilian", "women", "woman", "children", "child",
    "men", "man", "people", "persons", "person", "bodies", "body", "remains", "fighters",
    "fighter",
})  # fmt: skip
# ratio rules: "for each", "per", "in exchange for every" ... before the counterpart's noun
_RATIO_CUE = re.compile(
    r"(?:(?:in\s+(?:exchange|return)\s+)?for\s+(?:each|every)|per"
    r"|in\s+(?:exchange|return)\s+for\s+one|against\s+(?:each|every))\b[ \t]*",
    re.IGNORECASE,
)
_WORD = re.compile(r"[ \t]*([A-Za-z][A-Za-z'’-]*)")
_RATIO_GAP_STOP = frozenset({"and", "or", "but", "while", "whereas", "with", "of"})
_PHRASE_STOP = frozenset({
    "the", "a", "an", "of", "and", "or", "but", "to", "in", "on", "at", "by", "for", "from",
    "with", "who", "that", "which", "it", "them", "they", "one", "each", "every",
})  # fmt: skip
# rates with parts
_PARTS_CUE = re.compile(
    r"\b(?:of\s+which|of\s+these|of\s+them|among\s+them|among\s+which|including)\b",
    re.IGNORECASE,
)
_LET_IN = re.compile(
    r"\b(?:allow|let|permit|admit|facilitate|ensure|guarantee)(?:s|ed|ing|ted|ting)?\b",
    re.IGNORECASE,
)
_RELEASE_VERB = re.compile(
    r"\b(?:release|free|hand\s+over|set\s+free)(?:s|d|ed|ing)?\b", re.IGNORECASE
)
_NEGATION = re.compile(r"\b(?:not|never|no longer|refuse[sd]?\s+to)\b|n't\b", re.IGNORECASE)
_PASSIVE_LET_IN = re.compile(
    r"\b(?:be|been|being|is|are)\s+(allowed|let|permitted|admitted|facilitated|guaranteed)\b",
    re.IGNORECASE,
)
_LABEL_FILLER = frozenset({
    "will", "would", "shall", "must", "should", "are", "is", "be", "being", "to", "the", "a",
    "an", "go", "goes", "going", "head", "heads", "heading", "headed", "carry", "carries",
    "carrying", "carried", "bound", "destined", "for", "into", "in", "with", "bring",
    "brings", "bringing", "deliver", "delivers", "delivering", "transport", "transporting",
    "of", "contain", "contains", "containing", "reserved", "earmarked", "allocated", "set",
    "aside", "sent", "send", "enter", "entering", "reach", "reaching", "serve", "serving",
    "and", "or", "while", "but", "them", "which", "who", "that",
})  # fmt: skip
_NEAR = 200  # how far (in characters) the rate rule looks around a rate
_LONGEST = 2000  # a longer "sentence" is read in pieces (see _pieces)
_RATE_UNIT_GROUPS = frozenset({"day", "week", "month", "year", "hour"})
_PER_UNITS = {"day": "1 day", "week": "1 week", "month": "1 month", "year": "1 year",
              "hour": "1 hour"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Unplaced:
    """A mention the draft did not use, and why."""

    mention: Mention
    reason: str


@dataclass(frozen=True, slots=True)
class Draft:
    """A draft agreement, the mentions it was built from, what was left out and why, and the
    defaults applied where the model needs a value the text did not state."""

    agreement: Agreement
    mentions: tuple[Mention, ...]
    unresolved: tuple[Unplaced, ...]
    assumptions: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly view."""
        return {
            "agreement": self.agreement.model_dump(mode="json", exclude_none=True),
            "unresolved": [
                {
                    "text": u.mention.text,
                    "kind": u.mention.kind.value,
                    "start": u.mention.start,
                    "end": u.mention.end,
                    "value": u.mention.canonical(),
                    "reason": u.reason,
                }
                for u in self.unresolved
            ],
            "assumptions": list(self.assumptions),
        }


def draft_from_text(
    text: str,
    *,
    published: dt.date | dt.datetime | str | None = None,
    source: Source | str | None = None,
    zone: str | None = None,
    counting: Counting | str | None = None,
    agreement_id: str = "draft",
    title: str | None = None,
    vocabulary: Vocabulary | None = None,
) -> Draft:
    """Build a draft agreement from ``text``.

    ``source`` describes the article (a :class:`Source`, or a publisher name or URL); each
    placed value gets a copy quoting its own words. ``zone`` (IANA) and ``counting`` are
    required by the core model but rarely stated in news; when left out, placeholders are
    used and listed in :attr:`Draft.assumptions`.
    """
    if not isinstance(text, str):
        raise ParseError("must be a string", path="text", got=type(text).__name__)
    if zone is not None:
        get_zone(zone)
    mentions = extract(text, published=published, vocabulary=vocabulary)
    return _Builder(text, mentions, published, source, zone, counting, vocabulary).build(
        agreement_id, title
    )


def _slug(name: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return s or "x"


class _Builder:
    def __init__(
        self,
        text: str,
        mentions: list[Mention],
        published: dt.date | dt.datetime | str | None,
        source: Source | str | None,
        zone: str | None,
        counting: Counting | str | None,
        vocabulary: Vocabulary | None,
    ) -> None:
        self.text = text
        self.mentions = mentions
        self.placed: set[int] = set()
        self.reasons: dict[int, str] = {}
        self.assumptions: list[str] = []
        self.vocab = vocabulary or Vocabulary.default()
        pub = published if isinstance(published, (dt.date, type(None))) else None
        if isinstance(published, str):
            pub = dt.date.fromisoformat(published.strip()[:10])
        if isinstance(published, dt.datetime):
            pub = published.date()
        self.published: dt.date | None = pub
        if isinstance(source, Source):
            base = source
        elif isinstance(source, str):
            base = Source(url=source) if "://" in source else Source(publisher=source)
        else:
            base = Source()
        if base.published is None and self.published is not None:
            base = base.model_copy(update={"published": self.published})
        self.base = base
        if zone is None:
            zone = "UTC"
            self.assumptions.append(
                "zone: not stated in the text; 'UTC' is a placeholder (pass zone='Area/City')"
            )
        self.zone = zone
        self.counting = Counting(counting) if counting is not None else None
        # the sentences tile the text; a mention's sentence is found by bisection on their
        # starts, so drafting stays linear in the length of the text
        self.sentences = [
            piece
            for m in _SENTENCE.finditer(text)
            if m.end() > m.start()
            for piece in _pieces(text, m.start(), m.end())
        ]
        self.sentence_starts = [a for a, _b in self.sentences]
        self.starts = [m.start for m in mentions]
        # every phase named in the text ("the first phase"), found once: (start, end, ordinal)
        self.phase_marks = [
            (p.start(), p.end(), n)
            for p in _PHASE_WORDS.finditer(text)
            for n in (_PHASE_ORDINALS.get((p.group(1) or p.group(2) or "").lower()),)
            if n is not None
        ]
        self.phase_starts = [s for s, _e, _n in self.phase_marks]
        self.exchanges: list[Exchange] = []
        self.by_sentence: dict[tuple[int, int], list[Exchange]] = {}
        self.origin: dict[str, int] = {}  # exchange id -> the mention it was built from
        # positions in :attr:`exchanges` by the group they release, by the sentence they were
        # built from, and by both (ascending), kept up to date by :meth:`_index_exchanges`
        self.ex_by_group: dict[str | None, list[int]] = {}
        self.ex_by_origin: dict[tuple[int, int], list[int]] = {}
        self.ex_by_group_origin: dict[tuple[str | None, tuple[int, int]], list[int]] = {}
        self.indexed = 0
        self.batch_days: set[int] = set()  # day references the batch rule has dealt with

    # -- helpers --------------------------------------------------------------------------
    def _src(self, m: Mention) -> Source:
        return self.base.model_copy(update={"quote": m.text, "span": (m.start, m.end)})

    def _sentence(self, m: Mention) -> tuple[int, int]:
        k = bisect_right(self.sentence_starts, m.start) - 1
        if k >= 0:
            a, b = self.sentences[k]
            if a <= m.start < b:
                return a, b
        return 0, len(self.text)

    def _between(self, a: int, b: int) -> list[Mention]:
        """The mentions starting in ``a:b``."""
        return self.mentions[bisect_left(self.starts, a) : bisect_left(self.starts, b)]

    def _place(self, i: int) -> None:
        self.placed.add(i)

    def _phase_in(self, a: int, b: int, near: int | None = None) -> int | None:
        """The phase ordinal a stretch of text names ("the first phase"), nearest ``near``."""
        marks = self.phase_marks
        lo = bisect_left(self.phase_starts, a)
        hi = bisect_left(self.phase_starts, b)
        if hi > lo and marks[hi - 1][1] > b:
            hi -= 1  # the marks do not overlap: only the last one can run past ``b``
        if hi <= lo:
            return None
        if near is None:
            return marks[lo][2]
        # the nearest to ``near``; on a tie the earlier one
        k = bisect_left(self.phase_starts, near, lo, hi)
        if k == hi or (k > lo and near - marks[k - 1][0] <= marks[k][0] - near):
            k -= 1
        return marks[k][2]

    def _index_exchanges(self) -> None:
        """Add the exchanges built since the last call to the indexes."""
        for k in range(self.indexed, len(self.exchanges)):
            ex = self.exchanges[k]
            group = _group(self._released_noun(ex))
            sentence = self._sentence(self.mentions[self.origin[ex.id]])
            self.ex_by_group.setdefault(group, []).append(k)
            self.ex_by_origin.setdefault(sentence, []).append(k)
            self.ex_by_group_origin.setdefault((group, sentence), []).append(k)
        self.indexed = len(self.exchanges)

    # -- build ----------------------------------------------------------------------------
    def build(self, agreement_id: str, title: str | None) -> Draft:
        parties = self._parties()
        phases, effective = self._phases_and_effective()
        rates = self._find_rates()
        ratios = self._find_ratios()
        parts = {k for ks in rates.values() for k in ks}
        batches = [(i, j) for i, j in self._find_batches() if i not in parts and i not in ratios]
        held = set(ratios) | parts | {i for i, _ in batches}
        exchanges = self._exchanges(
            parties, phases, [i for i in range(len(self.mentions)) if i not in held]
        )
        fallback = self._batches(exchanges, phases, batches)
        exchanges = self._exchanges(parties, phases, fallback)
        self._ratio_rules(exchanges, ratios)
        provisions: list[Exchange | Obligation | Deadline] = []
        provisions.extend(exchanges)
        provisions.extend(self._obligations(parties, phases, rates))
        provisions.extend(self._deadlines(phases))
        first_line = self.text.strip().splitlines()[0].strip() if self.text.strip() else ""
        sources = (self.base.model_copy(update={"id": "text"}),)
        try:
            agreement = self._agreement(
                agreement_id, title, parties, phases, effective, provisions, sources, first_line
            )
        except ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            raise RecordError(
                "must make a valid draft agreement",
                path=".".join(str(x) for x in first["loc"]),
                got=first.get("input"),
                hint=first["msg"],
            ) from exc
        unresolved = tuple(
            Unplaced(m, self.reasons.get(i, _default_reason(m)))
            for i, m in enumerate(self.mentions)
            if i not in self.placed
        )
        return Draft(agreement, tuple(self.mentions), unresolved, tuple(self.assumptions))

    def _agreement(
        self,
        agreement_id: str,
        title: str | None,
        parties: dict[str, Party],
        phases: dict[int, Phase],
        effective: Moment | None,
        provisions: list[Exchange | Obligation | Deadline],
        sources: tuple[Source, ...],
        first_line: str,
    ) -> Agreement:
        return Agreement(
            id=agreement_id,
            title=title or first_line[:200] or "Draft from text",
            zone=self.zone,
            parties=tuple(parties.values()),
            effective=effective,
            phases=tuple(phases.values()),
            provisions=tuple(provisions),
            sources=sources,
            notes="draft built by ceasefire_terms.extraction.draft_from_text; review every value",
        )

    def _parties(self) -> dict[str, Party]:
        roles: dict[str, set[str]] = {}
        for i, m in enumerate(self.mentions):
            if m.kind is MentionKind.PARTY and isinstance(m.value, str):
                # extract() has already read each name in its context (Vocabulary.accepts)
                roles.setdefault(m.value, set()).add(m.role or "party")
                self._place(i)
        out: dict[str, Party] = {}
        for name, rs in roles.items():
            actor = self.vocab.by_name.get(name)
            role = "mediator" if "mediator" in rs else "party"
            aliases = tuple(a for a in actor.aliases if a != name) if actor else ()
            out[name] = Party(id=_slug(name), name=name, role=Role(role), aliases=aliases)
        return out

    def _phases_and_effective(self) -> tuple[dict[int, Phase], Moment | None]:
        phases: dict[int, Phase] = {}
        effective: Moment | None = None
        eff_src: Source | None = None
        for i, m in enumerate(self.mentions):
            a, _b = self._sentence(m)
            if m.kind is MentionKind.DURATION:
                noun = m.noun or ""
                if "phase" not in noun and "stage" not in noun:
                    before = self.text[max(a, m.start - 40) : m.start].lower()
                    if not re.search(r"(phase|stage)\W*(?:\w+\W+){0,6}$", before):
                        continue
                n = self._phase_in(max(a, m.start - 30), m.end + 10, near=m.start)
                if n is None and noun:
                    words = self.text[max(a, m.start - 12) : m.start].lower().split()
                    n = _PHASE_ORDINALS.get(words[-1]) if words else None
                    if n is None and noun.split()[0] in ORDINAL_UNITS:
                        n = ORDINAL_UNITS[noun.split()[0]]
                if n is None:
                    self.reasons[i] = "a phase length, but which phase is not stated"
                    continue
                if n in phases or not isinstance(m.value, Period):
                    self.reasons[i] = f"phase {n} already has a length, or it is not in days"
                    continue
                if m.hedge:
                    self.reasons[i] = f"a hedged length ({m.hedge}) cannot be a phase length"
                    continue
                counting = self._counting()
                start = "agreement.effective" if n == 1 else f"phase-{n - 1}.end"
                if n > 1 and n - 1 not in phases:
                    start = None  # type: ignore[assignment]
                phases[n] = Phase(
                    id=f"phase-{n}",
                    ordinal=n,
                    name=f"Phase {n}",
                    start=start,
                    length=m.value,
                    counting=counting,
                    sources=(self._src(m),),
                )
                self._place(i)
            elif m.kind is MentionKind.DATE and effective is None:
                before = self.text[max(a, m.start - 40) : m.start]
                if not _EFFECT_CUES.search(before.rstrip() + " ") and not re.search(
                    r"(effect|force)\W+(?:on\W+)?$", before, re.IGNORECASE
                ):
                    continue
                if not m.resolved or not isinstance(m.value, dt.date):
                    self.reasons[i] = "the effective date, but it could not be resolved " + (
                        f"({m.basis})" if m.basis else ""
                    )
                    continue
                if m.precision not in (DatePrecision.DAY, None):
                    self.reasons[i] = "the effective date, known only to the " + str(m.precision)
                    continue
                effective = Moment(date=m.value)
                eff_src = self._src(m)
                self._place(i)
        if effective is not None and 1 in phases and eff_src is not None:
            p1 = phases[1]
            phases[1] = p1.model_copy(update={"sources": (*p1.sources, eff_src)})
        if effective is None:
            for n, p in list(phases.items()):
                if p.start == Rule(anchor="agreement.effective"):
                    self.assumptions.append(
                        f"phase-{n}: starts at the agreement's effective date, which the "
                        "text does not give"
                    )
        return dict(sorted(phases.items())), effective

    def _counting(self) -> Counting:
        if self.counting is not None:
            return self.counting
        if any(m.kind is MentionKind.DAY_REFERENCE for m in self.mentions):
            self.counting = Counting.ORDINAL
            self.assumptions.append(
                "counting: 'ordinal' (day 1 = the start day), read from the text's day "
                "references; pass counting=... to override"
            )
        else:
            self.counting = Counting.ORDINAL
            self.assumptions.append(
                "counting: not stated in the text; 'ordinal' (day 1 = the start day) is a "
                "placeholder the model requires for a phase length; pass counting=..."
            )
        return self.counting

    def _exchanges(
        self, parties: dict[str, Party], phases: dict[int, Phase], indices: list[int]
    ) -> list[Exchange]:
        """Exchanges from the mentions at ``indices``, appended to the ones already built (a
        second call adds to them and returns them all)."""
        out = self.exchanges
        principal = [p for p in parties.values() if p.role is Role.PARTY]
        by_sentence = self.by_sentence
        for i in indices:
            m = self.mentions[i]
            if m.kind is not MentionKind.QUANTITY or m.noun is None or m.per is not None:
                continue
            if m.noun not in _CAPTIVE_NOUNS | _PRISONER_NOUNS or not isinstance(m.value, Quantity):
                continue
            a, b = self._sentence(m)
            named = [x.value for x in self._between(m.start, m.end) if x.kind is MentionKind.PARTY]
            after = [
                x.value
                for x in self._between(m.end, min(b, m.end + 40))
                if x.kind is MentionKind.PARTY
                and self.text[m.end : x.start].lower().strip().startswith(("held", "in", "from"))
            ]
            releasing: str | None = None
            if named and len(principal) == 2:
                others = [p.name for p in principal if p.name not in named]
                releasing = others[0] if len(others) == 1 else None
            elif after:
                releasing = str(after[0])
            else:
                releasing = self._release_subject(m, a)
            if releasing is None or releasing not in parties:
                self.reasons[i] = "a count of people released, but who releases them is unclear"
                continue
            # the phase whose length is stated in the same sentence, else the one it names
            here = [
                k for k, ph in phases.items()
                for src in ph.sources
                if isinstance(src, Source) and src.span and a <= src.span[0] < b
            ]  # fmt: skip
            n = here[0] if here else self._phase_in(a, b)
            phase_id = f"phase-{n}" if n in phases else None
            released = m.text
            q = m.value
            if q.hedge and released.lower().startswith(q.hedge.lower()):
                released = released[len(q.hedge) :].strip()
            released = released.split(None, 1)[1] if " " in released else m.noun
            ex = Exchange(
                id=f"exchange-{len(out) + 1}",
                phase=phase_id,
                releasing=parties[releasing].id,
                released=released,
                quantity=q.model_copy(update={"text": m.text}),
                sources=(self._src(m),),
            )
            group = by_sentence.setdefault((a, b), [])
            if group and "in exchange for" in self.text[group[-1].sources[0].span[1] : m.start]:  # type: ignore[union-attr,index]
                ex = ex.model_copy(update={"counterpart": group[-1].id})
            group.append(ex)
            out.append(ex)
            self.origin[ex.id] = i
            self._place(i)
        return out

    # -- batches ----------------------------------------------------------------------------
    def _find_batches(self) -> list[tuple[int, int]]:
        """(count, day reference) pairs: a count of people, or a bare count, right before a
        day reference ("3 on day 1", "three hostages on the first day")."""
        out: list[tuple[int, int]] = []
        ms = self.mentions
        for i, m in enumerate(ms):
            if m.kind is not MentionKind.QUANTITY or m.per is not None:
                continue
            if not isinstance(m.value, Quantity):
                continue
            if m.noun is not None and m.noun not in _PEOPLE_NOUNS:
                continue
            j = i + 1
            while j < len(ms) and ms[j].kind is MentionKind.PARTY and ms[j].start < m.end:
                j += 1  # actors named inside the count ("3 Israeli hostages")
            if j >= len(ms) or ms[j].kind is not MentionKind.DAY_REFERENCE:
                continue
            day = ms[j].value
            if not isinstance(day, int) or day < 1:
                continue
            if _BATCH_GAP.fullmatch(self.text, m.end, ms[j].start):
                out.append((i, j))
        return out

    def _tied(self, a: int, b: int, noun: str | None) -> list[int]:
        """Positions in :attr:`exchanges` a count in sentence ``a:b`` may belong to: those of
        the group its own noun names ("hostages"), else those built from this sentence, else
        those whose group the sentence names."""
        self._index_exchanges()
        own = _group(noun)
        if own in ("captives", "prisoners") or (own and own in self.ex_by_group):
            same = self.ex_by_group.get(own, [])
            if len(same) > 1:
                mine = self.ex_by_group_origin.get((own, (a, b)), [])
                return list(mine) if len(mine) == 1 else list(same)
            return list(same)
        here = self.ex_by_origin.get((a, b), [])
        if here:
            return list(here)
        named = {_group(w) for w in re.findall(r"[A-Za-z]+", self.text[a:b].lower())}
        return sorted(k for g in named for k in self.ex_by_group.get(g, []))

    def _released_noun(self, ex: Exchange) -> str | None:
        if ex.quantity is not None and ex.quantity.unit:
            return ex.quantity.unit
        return ex.released.split()[-1] if ex.released else None

    def _batches(
        self, exchanges: list[Exchange], phases: dict[int, Phase], pairs: list[tuple[int, int]]
    ) -> list[int]:
        """Place each (count, day) pair as a batch of its exchange; returns the counts that no
        exchange could take, for the exchange rule to try as before."""
        fallback: list[int] = []
        for i, j in pairs:
            m, d = self.mentions[i], self.mentions[j]
            assert isinstance(m.value, Quantity) and isinstance(d.value, int)
            a, b = self._sentence(m)
            quote = self.text[m.start : d.end]
            tied = self._tied(a, b, m.noun)
            if not tied:
                self.reasons[i] = (
                    f"a count on a day ({quote!r}), but no exchange in the draft is tied to "
                    "its sentence"
                )
                fallback.append(i)
                continue
            self.batch_days.add(j)
            if len(tied) > 1:
                ids = _ids(exchanges, tied)
                why = f"a batch ({quote!r}), but it could belong to more than one exchange ({ids})"
                self.reasons[i] = self.reasons[j] = why
                continue
            k = tied[0]
            ex = exchanges[k]
            n, why = self._batch_phase(d, a, b, ex, phases)
            if n is None:
                self.reasons[i] = self.reasons[j] = f"a batch ({quote!r}) of {ex.id}, but {why}"
                continue
            src = self.base.model_copy(update={"quote": quote, "span": (m.start, d.end)})
            batch = Batch(
                due=Rule(day=d.value, of=f"phase-{n}"),
                quantity=m.value.model_copy(update={"text": m.text}),
                sources=(src,),
            )
            exchanges[k] = ex.model_copy(update={"batches": (*ex.batches, batch)})
            self._place(i)
            self._place(j)
        return fallback

    def _batch_phase(
        self, d: Mention, a: int, b: int, ex: Exchange, phases: dict[int, Phase]
    ) -> tuple[int | None, str]:
        """The phase a batch's day counts in: the one its day reference or its sentence
        names, else its exchange's, else the draft's only phase; or None and why not."""
        n = self._phase_in(d.start, d.end) or self._phase_in(a, b, near=d.start)
        if n is not None:
            if n in phases:
                return n, ""
            return None, f"its sentence names phase {n}, which the draft does not have"
        if ex.phase is not None:
            return int(ex.phase.rsplit("-", 1)[1]), ""
        if len(phases) == 1:
            return next(iter(phases)), ""
        has = f"{len(phases)} phases" if phases else "no phase"
        return None, (
            f"which phase its day counts in is not known (the sentence names none and the "
            f"draft has {has})"
        )

    # -- ratio rules ------------------------------------------------------------------------
    def _find_ratios(self) -> dict[int, tuple[str | None, int]]:
        """Counts followed by "for each <noun>", "per <noun>", ...: mention index -> (the
        noun phrase as written, or None when no noun follows the cue; end of the words)."""
        out: dict[int, tuple[str | None, int]] = {}
        for i, m in enumerate(self.mentions):
            if m.kind is not MentionKind.QUANTITY or m.per is not None:
                continue
            if not isinstance(m.value, Quantity):
                continue
            _a, b = self._sentence(m)
            pos = m.end
            # up to four words between the count and the cue ("30 prisoners would be freed
            # for each ..."), none of them joining another clause
            for _ in range(5):
                cue = _RATIO_CUE.match(self.text, pos, b) if pos < b else None
                if cue is None and self.text[pos : pos + 1] in (" ", "\t"):
                    cue = _RATIO_CUE.match(self.text, pos + 1, b)
                if cue is not None:
                    out[i] = self._ratio_noun(cue.end(), b)
                    break
                w = _WORD.match(self.text, pos, b)
                if w is None or w.group(1).lower() in _RATIO_GAP_STOP:
                    break
                pos = w.end()
        return out

    def _ratio_noun(self, pos: int, b: int) -> tuple[str | None, int]:
        """The noun phrase at ``pos``: the longest run of up to four words that ends in a
        group noun ("civilian hostage", "female soldier")."""
        best: tuple[str | None, int] = (None, pos)
        start: int | None = None
        for _ in range(4):
            w = _WORD.match(self.text, pos, b)
            if w is None:
                break
            word = w.group(1)
            if word.lower() in _PHRASE_STOP or _group(word) in _RATE_UNIT_GROUPS:
                break
            if start is None:
                start = w.start(1)
            pos = w.end()
            low = word.lower()
            if low in self.vocab.group_nouns or f"{low}s" in self.vocab.group_nouns:
                best = (self.text[start:pos], pos)
        return best

    def _ratio_rules(
        self, exchanges: list[Exchange], ratios: dict[int, tuple[str | None, int]]
    ) -> None:
        last: dict[tuple[int, int], str] = {}  # sentence -> the counted noun of its last ratio
        for i in sorted(ratios):
            m = self.mentions[i]
            per, end = ratios[i]
            assert isinstance(m.value, Quantity)
            a, b = self._sentence(m)
            if per is None:
                self.reasons[i] = (
                    "a figure followed by a ratio word ('for each', 'per', ...) but no noun "
                    "after it: not read as a ratio rule"
                )
                continue
            quote = self.text[m.start : end]
            counted = m.noun or last.get((a, b))
            if counted is None:
                self.reasons[i] = f"a ratio ({quote!r}), but what it counts is not stated"
                continue
            last[(a, b)] = counted
            group = _group(counted)
            self._index_exchanges()
            targets = self.ex_by_group.get(group, [])
            if len(targets) > 1:
                here = self.ex_by_group_origin.get((group, (a, b)), [])
                targets = here if len(here) == 1 else targets
            if not targets:
                self.reasons[i] = (
                    f"a ratio ({quote!r}), but the draft has no exchange releasing {counted}"
                )
                continue
            if len(targets) > 1:
                ids = _ids(exchanges, targets)
                self.reasons[i] = (
                    f"a ratio ({quote!r}), but several exchanges release {counted} ({ids})"
                )
                continue
            k = targets[0]
            ex = exchanges[k]
            src = self.base.model_copy(update={"quote": quote, "span": (m.start, end)})
            rule = RatioRule(
                rate=m.value.model_copy(update={"text": m.text}), per=per, sources=(src,)
            )
            update: dict[str, Any] = {"ratio_rules": (*ex.ratio_rules, rule)}
            other = [exchanges[j].id for j in self.ex_by_group.get(_group(per), []) if j != k]
            if ex.counterpart is None and len(other) == 1:
                update["counterpart"] = other[0]
            exchanges[k] = ex.model_copy(update=update)
            self._place(i)

    # -- rates with parts -------------------------------------------------------------------
    def _find_rates(self) -> dict[int, list[int]]:
        """Rates ("600 aid trucks a day"): mention index -> the counts after "of which" or
        "including" in the same sentence (its parts)."""
        out: dict[int, list[int]] = {}
        for i, m in enumerate(self.mentions):
            if m.kind is not MentionKind.QUANTITY or m.per is None:
                continue
            if not isinstance(m.value, Quantity) or m.per not in _PER_UNITS:
                continue
            _a, b = self._sentence(m)
            cue = _PARTS_CUE.search(self.text, m.end, min(b, m.end + _NEAR))
            parts: list[int] = []
            if cue is not None:
                for k in range(i + 1, len(self.mentions)):
                    x = self.mentions[k]
                    if x.start >= b or (x.kind is MentionKind.QUANTITY and x.per is not None):
                        break
                    if (
                        x.start >= cue.end()
                        and x.kind is MentionKind.QUANTITY
                        and isinstance(x.value, Quantity)
                    ):
                        parts.append(k)
            out[i] = parts
        return out

    def _rate_party(self, m: Mention, a: int, b: int) -> tuple[str, int, int] | None:
        """Who must let a rate in, as the sentence says: (party name, action start, action
        end). "Israel must allow 600 trucks a day into Gaza" (active) or "600 trucks a day
        will be allowed in by Israel" (passive)."""
        lo, hi = max(a, m.start - _NEAR), min(b, m.end + _NEAR)
        cue = _PARTS_CUE.search(self.text, m.end, hi)
        clause_end = cue.start() if cue else hi
        tail = re.search(r"[,;:]", self.text[m.end : clause_end])
        if tail is not None:
            clause_end = m.end + tail.start()
        elif clause_end < b and not cue:  # cut at a word boundary, not inside a word
            clause_end = max(m.end, self.text.rfind(" ", m.end, clause_end))
        actors = [
            x for x in self._between(lo, hi)
            if x.kind is MentionKind.PARTY and isinstance(x.value, str)
        ]  # fmt: skip
        verbs = [v for v in _LET_IN.finditer(self.text, lo, m.start) if m.start - v.end() <= 40]
        if verbs:
            v = verbs[-1]
            before = [x for x in actors if x.end <= v.start() and v.start() - x.end <= 60]
            if before and not re.search(r"[.;]", self.text[before[-1].end : v.start()]):
                end = clause_end
                while end > v.start() and self.text[end - 1] in " .,;:!?\n":
                    end -= 1
                return str(before[-1].value), v.start(), end
        for x in actors:
            if x.start < m.end or x.start - m.end > 80:
                continue
            between = self.text[m.end : x.start]
            pv = _PASSIVE_LET_IN.search(between)
            if pv is None or not re.search(r"\bby\s+(?:the\s+)?$", between):
                continue
            by = re.search(r"\s*\bby\s+(?:the\s+)?$", between)
            assert by is not None
            return str(x.value), m.end + pv.start(1), m.end + by.start()
        return None

    def _release_subject(self, m: Mention, sentence_start: int) -> str | None:
        """The actor that releases the people counted by ``m`` when the sentence says so
        with a verb: "Israel will release about 1,900 Palestinian prisoners". The release
        verb must come shortly before the count, in the same clause, and the actor shortly
        before the verb; anything looser is left unresolved."""
        verbs = [
            v
            for v in _RELEASE_VERB.finditer(self.text, sentence_start, m.start)
            if m.start - v.end() <= 20
            and not re.search(r"[,;:]", self.text[v.end() : m.start])
            # "the release of 1,900 prisoners" is a noun, not someone releasing them
            and not re.match(r"\s+of\b", self.text[v.end() : m.start])
            and not re.search(
                r"\b(?:the|a|an|its|their|his|her)\s+$",
                self.text[max(0, v.start() - 8) : v.start()],
            )
        ]
        if not verbs:
            return None
        v = verbs[-1]
        actors = [
            x
            for x in self._between(sentence_start, v.start())
            if x.kind is MentionKind.PARTY
            and isinstance(x.value, str)
            and x.end <= v.start()
            and v.start() - x.end <= 30
            and not re.search(r"[,;:]", self.text[x.end : v.start()])
        ]
        if not actors or _NEGATION.search(self.text, actors[-1].end, v.start()):
            return None  # no actor, or one that will not release them
        return str(actors[-1].value)

    def _part_label(self, x: Mention, rate_noun: str | None, stop: int) -> tuple[str, int]:
        """A part's label from its own modifiers ("50 fuel trucks") or the words after it up
        to ``stop`` ("50 carry fuel", "300 go to the north"), with the end of those words."""
        inner: list[str] = []
        if x.noun is not None:
            hedge = set((x.hedge or "").split())
            for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", x.text):
                low = w.lower()
                if low in hedge or low in NUMBER_WORDS or low == "and":
                    continue
                inner.append(w)
        words = [
            (w.group(1), w.end())
            for w in re.finditer(r"([A-Za-z][A-Za-z'’-]*)", self.text[x.end : stop])
        ]
        while words and words[0][0].lower() in _LABEL_FILLER:
            words.pop(0)
        while words and words[-1][0].lower() in _LABEL_FILLER:
            words.pop()
        end = x.end + words[-1][1] if words else x.end
        label_words = inner + [w for w, _ in words]
        if len(label_words) > 1 and rate_noun and _group(label_words[-1]) == _group(rate_noun):
            label_words.pop()
        return " ".join(label_words), end

    def _obligations(
        self, parties: dict[str, Party], phases: dict[int, Phase], rates: dict[int, list[int]]
    ) -> list[Obligation]:
        out: list[Obligation] = []
        for i, parts in rates.items():
            m = self.mentions[i]
            assert isinstance(m.value, Quantity) and m.per is not None
            a, b = self._sentence(m)
            who = self._rate_party(m, a, b)
            if who is None or who[0] not in parties:
                why = f"a rate ({m.text!r}), but the text names no party that must let it in"
                self.reasons[i] = why
                for k in parts:
                    self.reasons[k] = f"a part of a rate that was not placed ({m.text!r})"
                continue
            name, s, e = who
            placed: list[Part] = []
            for n, k in enumerate(parts):
                x = self.mentions[k]
                assert isinstance(x.value, Quantity)
                stop = self.mentions[parts[n + 1]].start if n + 1 < len(parts) else b
                label, end = self._part_label(x, m.noun, stop)
                if not label:
                    self.reasons[k] = f"a part of {m.text!r}, but what it is for is not stated"
                    continue
                src = self.base.model_copy(
                    update={"quote": self.text[x.start : end], "span": (x.start, end)}
                )
                placed.append(
                    Part(
                        label=label,
                        quantity=x.value.model_copy(update={"text": x.text}),
                        sources=(src,),
                    )
                )
                self._place(k)
            n_phase = self._phase_in(a, b, near=m.start)
            action_src = self.base.model_copy(update={"quote": self.text[s:e], "span": (s, e)})
            out.append(
                Obligation(
                    id=f"obligation-{len(out) + 1}",
                    phase=f"phase-{n_phase}" if n_phase in phases else None,
                    party=parties[name].id,
                    action=self.text[s:e],
                    rate=Rate(
                        quantity=m.value.model_copy(update={"text": m.text}),
                        per=_PER_UNITS[m.per],
                        parts=tuple(placed),
                    ),
                    sources=(self._src(m), action_src),
                )
            )
            self._place(i)
        return out

    def _deadlines(self, phases: dict[int, Phase]) -> list[Deadline]:
        out: list[Deadline] = []
        talks: dict[dt.date, int] = {}
        for i, m in enumerate(self.mentions):
            if i in self.batch_days:
                continue
            a, b = self._sentence(m)
            if m.kind is MentionKind.DAY_REFERENCE and isinstance(m.value, int):
                anchor = m.anchor or ""
                n = self._phase_in(m.start, m.end) or self._phase_in(a, b, near=m.start)
                if n is None or n not in phases:
                    self.reasons[i] = "a day reference, but the phase it counts in is unclear" + (
                        f" ({anchor})" if anchor else ""
                    )
                    continue
                label = _label(self.text[a:b]) or f"day {m.value} of phase {n}"
                out.append(
                    Deadline(
                        id=f"deadline-{len(out) + 1}",
                        phase=f"phase-{n}",
                        label=label,
                        due=Rule(day=m.value, of=f"phase-{n}"),
                        relation=_RELATIONS.get(
                            self.vocab.relations.get(m.hedge or "", ""), Relation.ON
                        ),
                        sources=(self._src(m),),
                    )
                )
                self._place(i)
            elif m.kind is MentionKind.DATE:
                before = self.text[a : m.start]
                if not _TALK_CUES.search(before):
                    continue
                if not m.resolved or not isinstance(m.value, dt.date):
                    self.reasons[i] = f"a date talks begin on, but unresolved ({m.basis})"
                    continue
                if m.precision not in (DatePrecision.DAY, None):
                    continue
                if m.value in talks:
                    k = talks[m.value]
                    d = out[k]
                    out[k] = d.model_copy(update={"sources": (*d.sources, self._src(m))})
                    self._place(i)
                    continue
                n = self._phase_in(a, b)
                label = _label(self.text[a:b]) or "talks begin"
                talks[m.value] = len(out)
                out.append(
                    Deadline(
                        id=f"deadline-{len(out) + 1}",
                        label=label,
                        phase=f"phase-{n - 1}" if n and n - 1 in phases else None,
                        due=Moment(date=m.value),
                        relation=Relation.ON,
                        sources=(self._src(m),),
                    )
                )
                self._place(i)
        return out


def _group(noun: str | None) -> str | None:
    """The group a noun names, for matching a count to an exchange: any word for captives
    reads "captives", any word for prisoners "prisoners", other plurals their singular."""
    if not noun or not noun.split():
        return None
    w = noun.lower().split()[-1]
    if w in _CAPTIVE_NOUNS:
        return "captives"
    if w in _PRISONER_NOUNS:
        return "prisoners"
    return w[:-1] if w.endswith("s") and len(w) > 3 else w


def _pieces(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """A sentence ``a:b``, or, when it is longer than :data:`_LONGEST` characters (text with
    no full stops), consecutive pieces of it cut after the last semicolon, comma or space
    before that length: the rules read a sentence around each mention, so an unbounded one
    would make drafting quadratic."""
    out: list[tuple[int, int]] = []
    while b - a > _LONGEST:
        stop = a + _LONGEST
        cut = max(text.rfind(";", a, stop), text.rfind(",", a, stop))
        if cut <= a:
            cut = text.rfind(" ", a, stop)
        cut = cut + 1 if cut > a else stop
        out.append((a, cut))
        a = cut
    out.append((a, b))
    return out


def _ids(exchanges: list[Exchange], ks: list[int], most: int = 5) -> str:
    """The ids of ``exchanges[k]`` for ``k`` in ``ks``, at most ``most`` of them named (a
    reason lists a handful, not every exchange of a long text)."""
    named = ", ".join(exchanges[k].id for k in ks[:most])
    return named if len(ks) <= most else f"{named} and {len(ks) - most} more"


def _label(sentence: str) -> str | None:
    m = _TALK_CUES.search(sentence)
    if not m:
        return None
    stage = re.search(r"(second|next|third|final)\s+(phase|stage)", sentence, re.IGNORECASE)
    what = m.group(1).lower()
    verb = m.group(2).lower()
    if stage:
        return f"{what} on the {stage.group(1).lower()} {stage.group(2).lower()} {verb}"
    return f"{what} {verb}"


def _default_reason(m: Mention) -> str:
    if not m.resolved:
        return f"unresolved: {m.basis}"
    return {
        MentionKind.DATE: "a date with no term the rules could attach it to",
        MentionKind.TIME: "a time with no term the rules could attach it to",
        MentionKind.QUANTITY: "a figure with no provision the rules could attach it to",
        MentionKind.DURATION: "a length with no phase or term the rules could attach it to",
        MentionKind.DAY_REFERENCE: "a day reference with no phase",
        MentionKind.PARTY: "an actor",
    }[m.kind]
