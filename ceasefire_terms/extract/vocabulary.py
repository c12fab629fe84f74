"""The words extraction knows: actors (parties and mediators) with aliases, group nouns,
label words, relation words and vague counts. The defaults live in documented data,
``ceasefire_terms/data/vocabulary.yaml``; users extend them per call.

>>> vocab = Vocabulary.default()
>>> vocab.actor_for("Egyptian").name
'Egypt'
>>> extra = vocab.extend(actors=[Actor(name="Sudanese Armed Forces", role="party",
...                                    aliases=["SAF", "Sudanese army"])])
>>> extra.actor_for("SAF").role
'party'
>>> vocab.actor_for("SAF") is None
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import InputError, ParseError
from ._tokens import tokenize

__all__ = ["Actor", "Vocabulary"]

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


class Vocabulary(BaseModel):
    """Everything extraction looks words up in. Frozen; :meth:`extend` returns a new one."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    actors: tuple[Actor, ...] = ()
    mediator_after: frozenset[str] = frozenset()
    mediator_before: tuple[str, ...] = ()
    group_nouns: frozenset[str] = frozenset()
    modifiers: frozenset[str] = frozenset()
    label_words: frozenset[str] = frozenset()
    duration_nouns: frozenset[str] = frozenset()
    anchor_nouns: frozenset[str] = frozenset()
    relations: dict[str, str] = Field(default_factory=dict)
    vague_numbers: dict[str, int] = Field(default_factory=dict)

    @staticmethod
    def default() -> Vocabulary:
        """The vocabulary shipped in ``data/vocabulary.yaml`` (read once)."""
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

    def actor_for(self, alias: str) -> Actor | None:
        """The actor an alias names, or ``None``."""
        toks = tuple(t.text for t in tokenize(alias))
        for alias_toks, actor in self.alias_index.get(toks[0] if toks else "", []):
            if alias_toks == toks:
                return actor
        return None


_CACHED = ("alias_index", "mediator_before_tokens", "relation_tokens", "vague_tokens")


@cache
def _default() -> Vocabulary:
    text = resources.files("ceasefire_terms").joinpath("data/vocabulary.yaml").read_text("utf-8")
    return Vocabulary.from_mapping(yaml.safe_load(text))
