"""The words extraction knows: actors (parties and mediators) with aliases, group nouns,
label words, relation words and vague counts. The defaults live in documented data:
``ceasefire_terms/data/vocabulary.yaml`` (written by hand) and the actor gazetteer
``ceasefire_terms/data/gazetteer.json`` (generated from ISO 3166, country data, the UCDP,
ETH/PRIO and PA-X datasets and the UCDP actor list by ``scripts/build_gazetteer.py``); users
extend them per call.

>>> vocab = Vocabulary.default()
>>> vocab.actor_for("Egyptian").name
'Egypt'
>>> vocab.actor_for("Armenian").name
'Armenia'
>>> vocab.actor_for("ELN").name
'National Liberation Army'
>>> extra = vocab.extend(actors=[Actor(name="Nile Valley Militia", role="party",
...                                    aliases=["NVM"])])
>>> extra.actor_for("NVM").role
'party'
>>> vocab.actor_for("NVM") is None
True

A name is an actor only in a context that allows it (:meth:`Vocabulary.accepts`):

>>> text = "Chad Smith said the Jordan River was low; Chad and Jordan disagreed."
>>> [vocab.accepts(text, m.start(), m.end()) for m in re.finditer(r"Chad|Jordan", text)]
[False, False, True, True]
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import InputError, ParseError
from ._tokens import tokenize

__all__ = ["Actor", "ActorContext", "Vocabulary", "ucdp_conflicts"]

Role = Literal["party", "mediator"]


class Actor(BaseModel):
    """A party or mediator: its canonical name, usual role, aliases and a source note."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    role: Role = "party"
    aliases: tuple[str, ...] = ()
    source: str | None = None

    def all_names(self) -> tuple[str, ...]:
        """The canonical name and every alias."""
        return (self.name, *[a for a in self.aliases if a != self.name])


class ActorContext(BaseModel):
    """The words around a name that say it is not the actor (see ``vocabulary.yaml``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    given_names: frozenset[str] = frozenset()
    after_given_name: frozenset[str] = frozenset()
    us_states: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()
    place_words: frozenset[str] = frozenset()
    document_words: frozenset[str] = frozenset()
    other_meanings: dict[str, str] = Field(default_factory=dict)
    member_words: frozenset[str] = frozenset()
    feature_words: frozenset[str] = frozenset()


_WORD_AFTER = re.compile(r"[ \t]+([A-Z][\w'’-]*)")
_WORD_BEFORE = re.compile(r"([A-Z][\w'’-]*)\.?[ \t]+$")
_CITY_BEFORE = re.compile(r"([A-Z][\w'’-]*),[ \t]+$")
_OF_BEFORE = re.compile(r"([A-Z][\w'’-]*)[ \t]+of[ \t]+(?:the[ \t]+)?$")
_CAPS_WORD = re.compile(r"[A-Z]{2,}")
_ARTICLE_BEFORE = re.compile(r"(?:^|[^\w'’-])(?:a|an|A|An)[ \t]+$")
_POSSESSIVE_BEFORE = re.compile(r"(?:^|[^\w'’-])[a-z][\w-]*['’]s[ \t]+$")
_PREFIX_BEFORE = re.compile(r"(?:^|[^\w'’-])(?:[a-z]+|Al|El|Anti|Pro|Ex|Non)-$")
_LOWER_AFTER = re.compile(r"[ \t]+([a-z][\w-]*)")
_STATE_SOURCE = "pycountry"  # how a gazetteer actor's source cites ISO 3166 (a state)
_WORD = re.compile(r"[\w'’]+")
# words an acronym skips ("Truth and Reconciliation Commission": TRC)
_ACRONYM_SKIPS = frozenset({"of", "the", "and", "for", "in", "on", "de", "la", "du", "des"})
# a name that goes on: "the Islamic Front for Salvation", "the Southern Front of the League",
# "the Liberation Front of Mozambique" (of + a known name); not "the Libyan National Army of
# Khalifa Haftar" (of + a person: the army's commander, not part of its name)
_NAME_GOES_ON = re.compile(
    r"[ \t]+(?:for[ \t]+(?:the[ \t]+)?[A-Z]|of[ \t]+the[ \t]+[A-Z]|of[ \t]+([A-Z][\w'’-]*))"
)


class Vocabulary(BaseModel):
    """Everything extraction looks words up in. Frozen; :meth:`extend` returns a new one."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    actors: tuple[Actor, ...] = ()
    mediator_after: frozenset[str] = frozenset()
    mediator_before: tuple[str, ...] = ()
    host_verbs: frozenset[str] = frozenset()
    host_objects: frozenset[str] = frozenset()
    role_skip_words: frozenset[str] = frozenset()
    state_institutions: tuple[str, ...] = ()
    group_nouns: frozenset[str] = frozenset()
    modifiers: frozenset[str] = frozenset()
    label_words: frozenset[str] = frozenset()
    duration_nouns: frozenset[str] = frozenset()
    anchor_nouns: frozenset[str] = frozenset()
    relations: dict[str, str] = Field(default_factory=dict)
    vague_numbers: dict[str, int] = Field(default_factory=dict)
    actor_context: ActorContext = ActorContext()

    @staticmethod
    def default() -> Vocabulary:
        """The vocabulary shipped in ``data/vocabulary.yaml`` with the actors of the
        gazetteer ``data/gazetteer.json`` (read once). Where both name an actor, what
        ``vocabulary.yaml`` says (canonical name, role, source) wins and the gazetteer adds
        its aliases."""
        return _default()

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Vocabulary:
        """Build from a mapping shaped like ``vocabulary.yaml``."""
        try:
            return cls.model_validate(dict(data))
        except ValidationError as exc:
            raise ParseError(
                "must be a vocabulary mapping shaped like data/vocabulary.yaml",
                path="vocabulary",
                got=exc.errors(include_url=False)[0]["loc"],
            ) from exc

    @classmethod
    def from_yaml(cls, path: str | Path) -> Vocabulary:
        """Load a vocabulary file shaped like ``data/vocabulary.yaml``."""
        try:
            data = yaml.safe_load(Path(path).read_text("utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise InputError("must be a readable YAML vocabulary file", got=str(path)) from exc
        if not isinstance(data, dict):
            raise ParseError("must be a YAML mapping", path=str(path), got=type(data).__name__)
        return cls.from_mapping(data)

    def extend(
        self,
        *,
        actors: Iterable[Actor] = (),
        group_nouns: Iterable[str] = (),
        label_words: Iterable[str] = (),
    ) -> Vocabulary:
        """A copy with more actors (a new actor with an existing name replaces it), group
        nouns or label words."""
        added = list(actors)
        names = {a.name for a in added}
        merged = tuple(a for a in self.actors if a.name not in names) + tuple(added)
        new = self.model_copy(
            update={
                "actors": merged,
                "group_nouns": self.group_nouns | {w.lower() for w in group_nouns},
                "label_words": self.label_words | {w.lower() for w in label_words},
            }
        )
        for cached in _CACHED:
            new.__dict__.pop(cached, None)  # indexes are rebuilt from the new contents
        return new

    @cached_property
    def alias_index(self) -> dict[str, list[tuple[tuple[str, ...], Actor]]]:
        """First token of an alias -> [(alias tokens, actor)], longest alias first."""
        index: dict[str, list[tuple[tuple[str, ...], Actor]]] = {}
        for actor in self.actors:
            for alias in actor.all_names():
                toks = tuple(t.text for t in tokenize(alias))
                if toks:
                    index.setdefault(toks[0], []).append((toks, actor))
        for entries in index.values():
            entries.sort(key=lambda e: -len(e[0]))
        return index

    @cached_property
    def mediator_before_tokens(self) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(t.low for t in tokenize(p)) for p in self.mediator_before)

    @cached_property
    def relation_tokens(self) -> tuple[tuple[tuple[str, ...], str], ...]:
        """Relation phrases as lower-case token tuples, longest first."""
        pairs = [
            (tuple(t.low for t in tokenize(p)), meaning) for p, meaning in self.relations.items()
        ]
        return tuple(sorted(pairs, key=lambda p: -len(p[0])))

    @cached_property
    def vague_tokens(self) -> tuple[tuple[tuple[str, ...], int], ...]:
        pairs = [(tuple(p.split()), v) for p, v in self.vague_numbers.items()]
        return tuple(sorted(pairs, key=lambda p: -len(p[0])))

    @cached_property
    def by_name(self) -> dict[str, Actor]:
        """Canonical name -> actor."""
        return {a.name: a for a in self.actors}

    @cached_property
    def state_institution_tokens(self) -> tuple[tuple[str, ...], ...]:
        """``state_institutions`` as lower-case token tuples, longest first."""
        toks = [tuple(t.low for t in tokenize(p)) for p in self.state_institutions]
        return tuple(sorted((t for t in toks if t), key=len, reverse=True))

    @cached_property
    def state_names(self) -> frozenset[str]:
        """The canonical names of this vocabulary's actors that are ISO 3166 states (the
        gazetteer's rows from ``pycountry``, under the name this vocabulary gives them)."""
        names: set[str] = set()
        for g in _gazetteer():
            if (g.source or "").startswith(_STATE_SOURCE):
                actor = self.actor_for(g.name)
                if actor is not None:
                    names.add(actor.name)
        return frozenset(names)

    @cached_property
    def _single_aliases(self) -> frozenset[str]:
        """The aliases of one token ("Chad", "Omani"); not the first word of a longer one
        ("Omar" of "Omar al-Mukhtar Battalion")."""
        return frozenset(
            k for k, entries in self.alias_index.items() if any(len(e[0]) == 1 for e in entries)
        )

    def accepts(self, text: str, start: int, end: int) -> bool:
        """Whether the actor name at ``text[start:end]`` names the actor in its context.

        Rejected: a country name that is also a given name when a capitalised word that is
        not a title follows, or an honorific comes before ("Chad Smith", "Mr Jordan");
        a name right after "New" ("New Jersey", "New Mexico"); a name next to a place word
        ("the Jordan River", "Lake Chad", "the Gulf of Guinea", "Benin City"); a name that begins
        the name of a document ("the Djibouti Agreement"); a name of several words that a
        longer name continues with "of" or "for" and a capital ("the Islamic Front for
        Salvation" is not the Syrian Islamic Front); a US state after a town
        ("Atlanta, Georgia"); a name glued to a prefix ("al-Houthi", "anti-Taliban"); an
        all-capital alias inside a run of capitals ("LET US PRAY", "FACT CHECK"), after a
        lower-case possessive ("the convoy's ETA") or after "a"/"an" without a member word
        ("a PDF file", not "a FARC commander"), spelled out nearby as another name ("the
        Truth and Reconciliation Commission ... the TRC"), or listed in ``other_meanings``
        ("the CPA") without the group named another way nearby (these abbreviation rules
        apply to armed groups' abbreviations, not to "US" or "UN"). Everything else is
        accepted.
        """
        ctx = self.actor_context
        name = text[start:end]
        after = _WORD_AFTER.match(text, end)
        nxt = after.group(1) if after else ""
        before_text = text[max(0, start - 40) : start]
        before = _WORD_BEFORE.search(before_text)
        prev = before.group(1) if before else ""
        if prev == "New":
            return False
        if nxt in ctx.place_words or prev in ctx.place_words or nxt in ctx.document_words:
            return False
        lower = _LOWER_AFTER.match(text, end)
        low_nxt = lower.group(1) if lower else ""
        if low_nxt in ctx.feature_words:
            return False  # "the Jordan river", "the Jordan valley"
        goes_on = _NAME_GOES_ON.match(text, end) if " " in name else None
        if goes_on and (goes_on.group(1) is None or goes_on.group(1) in self._single_aliases):
            return False  # a longer name begins with this one
        of = _OF_BEFORE.search(before_text)
        if of and of.group(1) in ctx.place_words:
            return False
        if name in ctx.given_names:
            if prev in ctx.honorifics:
                return False
            if (
                nxt
                and nxt not in ctx.after_given_name
                and nxt not in self._single_aliases
                and not _CAPS_WORD.fullmatch(nxt)
            ):
                return False
        if name in ctx.us_states:
            if low_nxt == "state":
                return False  # "the Georgia state senate"
            city = _CITY_BEFORE.search(before_text)
            if city and city.group(1) not in self._single_aliases:
                return False
        if _PREFIX_BEFORE.search(before_text):
            return False  # part of a longer word: "al-Houthi", "anti-Taliban", "pro-Houthi"
        if name.isupper() and any(c.isalpha() for c in name):
            for word in (prev, nxt):
                if word and _CAPS_WORD.fullmatch(word) and word not in self._single_aliases:
                    return False  # a headline or shouting: "LET US KNOW", "FACT CHECK"
            if not self._abbreviation_fits(text, start, end, before_text):
                return False
        return True

    @cached_property
    def _group_abbreviations(self) -> frozenset[str]:
        """The all-capital aliases of armed groups (actors the UCDP actor list gives): the
        ones the abbreviation rules of :meth:`accepts` apply to. A state's or an
        organisation's ("a US envoy", "the country's UN ambassador") is left alone."""
        return frozenset(
            name
            for actor in self.actors
            if _UCDP_LIST in (actor.source or "")
            for name in actor.all_names()
            if name.isupper()
        )

    def _abbreviation_fits(self, text: str, start: int, end: int, before_text: str) -> bool:
        """Whether the all-capital alias ``text[start:end]`` of an armed group is the group's
        abbreviation in its context. Not after a lower-case possessive ("the convoy's
        ETA"); not after "a"/"an" unless a member word follows ("a FARC commander", not "a
        PDF file"); not where the text nearby spells it out as another name ("the Truth and
        Reconciliation Commission ... the TRC"); and, for an abbreviation listed in
        ``other_meanings``, only where the text nearby also names the group another way."""
        ctx = self.actor_context
        name = text[start:end]
        if name not in self._group_abbreviations:
            return True
        if _POSSESSIVE_BEFORE.search(before_text):
            return False
        if _ARTICLE_BEFORE.search(before_text):
            after = _LOWER_AFTER.match(text, end)
            if not (after and after.group(1) in ctx.member_words):
                return False
        window = text[max(0, start - 400) : end + 200]
        actor = self.actor_for(name)
        names = [a for a in actor.all_names() if a != name] if actor else []
        spelled = _spelled_out(window, name) if len(name) >= 3 else None
        if spelled is not None and spelled not in names:
            return False
        if name in ctx.other_meanings:
            return any(n in window for n in names if len(n) > len(name))
        return True

    def actor_for(self, alias: str) -> Actor | None:
        """The actor an alias names, or ``None``."""
        toks = tuple(t.text for t in tokenize(alias))
        for alias_toks, actor in self.alias_index.get(toks[0] if toks else "", []):
            if alias_toks == toks:
                return actor
        return None


def _spelled_out(text: str, abbreviation: str) -> str | None:
    """A run of capitalised words in ``text`` whose initials are ``abbreviation`` ("Truth and
    Reconciliation Commission" for TRC), or ``None``."""
    words = list(_WORD.finditer(text))
    for i, first in enumerate(words):
        if not first.group()[0].isupper() or first.group() == abbreviation:
            continue
        initials = ""
        for j in range(i, len(words)):
            w = words[j].group()
            if j > i and text[words[j - 1].end() : words[j].start()].strip():
                break  # punctuation ends the run
            if w[0].isupper():
                initials += w[0]
            elif w not in _ACRONYM_SKIPS:
                break
            if initials == abbreviation and w[0].isupper():
                return text[first.start() : words[j].end()]
            if not abbreviation.startswith(initials):
                break
    return None


_CACHED = (
    "alias_index", "mediator_before_tokens", "relation_tokens", "vague_tokens", "by_name",
    "_single_aliases", "_group_abbreviations", "state_names", "state_institution_tokens",
)  # fmt: skip


_UCDP_LIST = "UCDP Actor 22.1"  # how an actor's source cites the UCDP actor list
_SOURCE_CONFLICTS = re.compile(r"\(conflicts? ([^)]*)\)")


def ucdp_conflicts(actor: Actor) -> list[str]:
    """The UCDP conflicts that an actor's sources say it fought in, first source first:
    "267" (a state-based conflict id), "ns 5258" (a non-state conflict id). None for a
    state: a state is a side of many conflicts.

    >>> ucdp_conflicts(Vocabulary.default().by_name["March 23 Movement"])
    ['283', 'ns 5652', 'ns 12306']
    """
    source = actor.source or ""
    if "ISO 3166-1" in source:
        return []
    found: list[str] = []
    for m in _SOURCE_CONFLICTS.finditer(source):
        for part in m.group(1).split(","):
            conflict = part.strip()
            if conflict and conflict != "-1" and conflict not in found:
                found.append(conflict)
    return found


def gazetteer_actors() -> tuple[Actor, ...]:
    """The actors of ``data/gazetteer.json``, each with the source it came from."""
    return _gazetteer()


@cache
def _gazetteer() -> tuple[Actor, ...]:
    text = resources.files("ceasefire_terms").joinpath("data/gazetteer.json").read_text("utf-8")
    return tuple(Actor.model_validate(a) for a in json.loads(text)["actors"])


def _merge(curated: Iterable[Actor], found: Iterable[Actor]) -> tuple[Actor, ...]:
    """Hand-written actors first, each with the aliases the gazetteer adds; then the
    gazetteer's other actors. An alias already claimed by an earlier actor is not given to a
    later one, so no alias names two actors."""
    out: list[Actor] = []
    claimed: set[str] = set()
    found = list(found)
    for actor in curated:
        same = [g for g in found if actor.name in g.all_names() or g.name in actor.all_names()]
        aliases = list(actor.aliases)
        for g in same:
            aliases.extend(a for a in g.all_names() if a not in aliases and a != actor.name)
        out.append(actor.model_copy(update={"aliases": tuple(aliases)}))
        claimed.update(out[-1].all_names())
        found = [g for g in found if g not in same]
    for g in found:
        names = [a for a in g.all_names() if a not in claimed]
        if g.name in claimed or not names:
            continue
        out.append(g.model_copy(update={"aliases": tuple(a for a in names if a != g.name)}))
        claimed.update(names)
    return tuple(out)


@cache
def _default() -> Vocabulary:
    text = resources.files("ceasefire_terms").joinpath("data/vocabulary.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    curated = [Actor.model_validate(a) for a in data.pop("actors", None) or []]
    data["actors"] = _merge(curated, _gazetteer())
    return Vocabulary.from_mapping(data)
