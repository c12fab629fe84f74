"""From a news article to a draft :class:`~ceasefire_terms.model.agreement.Agreement` whose
figures point back to the words they came from.

The draft is assembled from :func:`~ceasefire_terms.extract.extract` mentions by a few
explicit, sentence-level rules (listed in ``docs/extraction.md``):

* parties and mediators: every actor named, with the role its words give it;
* phases: a duration whose noun or sentence names a phase ("the initial 42-day phase");
* the effective date: a date right after "took effect", "enter(s) into force", ...;
* exchanges: a count of captives, hostages, prisoners or detainees, with the party that
  releases them and the phase of its sentence;
* deadlines: a day reference ("no later than the 16th day of the first phase") or a date that
  talks "begin", "start" or "resume" on.

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
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from ..dates.conventions import Counting
from ..errors import ParseError, RecordError
from ..model.agreement import (
    Agreement,
    Deadline,
    Exchange,
    Party,
    Phase,
    Relation,
    Role,
    Rule,
)
from ..model.periods import Period
from ..model.provenance import Source
from ..model.quantity import Quantity
from ..model.when import Moment, get_zone
from .engine import extract
from .mentions import DatePrecision, Mention, MentionKind
from .numbers import ORDINAL_UNITS
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
        self.sentences = [
            (m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.end() > m.start()
        ]

    # -- helpers --------------------------------------------------------------------------
    def _src(self, m: Mention) -> Source:
        return self.base.model_copy(update={"quote": m.text, "span": (m.start, m.end)})

    def _sentence(self, m: Mention) -> tuple[int, int]:
        for a, b in self.sentences:
            if a <= m.start < b:
                return a, b
        return 0, len(self.text)

    def _place(self, i: int) -> None:
        self.placed.add(i)

    def _phase_in(self, a: int, b: int, near: int | None = None) -> int | None:
        """The phase ordinal a stretch of text names ("the first phase"), nearest ``near``."""
        best: tuple[int, int] | None = None
        for m in _PHASE_WORDS.finditer(self.text, a, b):
            word = (m.group(1) or m.group(2) or "").lower()
            n = _PHASE_ORDINALS.get(word)
            if n is None:
                continue
            dist = abs(m.start() - near) if near is not None else 0
            if best is None or dist < best[0]:
                best = (dist, n)
        return best[1] if best else None

    # -- build ----------------------------------------------------------------------------
    def build(self, agreement_id: str, title: str | None) -> Draft:
        parties = self._parties()
        phases, effective = self._phases_and_effective()
        provisions: list[Exchange | Deadline] = []
        provisions.extend(self._exchanges(parties, phases))
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
        provisions: list[Exchange | Deadline],
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
            notes="draft built by ceasefire_terms.extract.draft_from_text; review every value",
        )

    def _parties(self) -> dict[str, Party]:
        roles: dict[str, set[str]] = {}
        for i, m in enumerate(self.mentions):
            if m.kind is MentionKind.PARTY and isinstance(m.value, str):
                roles.setdefault(m.value, set()).add(m.role or "party")
                self._place(i)
        out: dict[str, Party] = {}
        for name, rs in roles.items():
            actor = next((a for a in self.vocab.actors if a.name == name), None)
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

    def _exchanges(self, parties: dict[str, Party], phases: dict[int, Phase]) -> list[Exchange]:
        out: list[Exchange] = []
        principal = [p for p in parties.values() if p.role is Role.PARTY]
        by_sentence: dict[tuple[int, int], list[Exchange]] = {}
        for i, m in enumerate(self.mentions):
            if m.kind is not MentionKind.QUANTITY or m.noun is None or m.per is not None:
                continue
            if m.noun not in _CAPTIVE_NOUNS | _PRISONER_NOUNS or not isinstance(m.value, Quantity):
                continue
            a, b = self._sentence(m)
            named = [
                x.value
                for x in self.mentions
                if x.kind is MentionKind.PARTY and m.start <= x.start < m.end
            ]
            after = [
                x.value
                for x in self.mentions
                if x.kind is MentionKind.PARTY
                and m.end <= x.start < min(b, m.end + 40)
                and self.text[m.end : x.start].lower().strip().startswith(("held", "in", "from"))
            ]
            releasing: str | None = None
            if named and len(principal) == 2:
                others = [p.name for p in principal if p.name not in named]
                releasing = others[0] if len(others) == 1 else None
            elif after:
                releasing = str(after[0])
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
            self._place(i)
        return out

    def _deadlines(self, phases: dict[int, Phase]) -> list[Deadline]:
        out: list[Deadline] = []
        talks: dict[dt.date, int] = {}
        for i, m in enumerate(self.mentions):
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
