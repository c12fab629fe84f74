"""Actors: parties and mediators named by the vocabulary ("Hamas", "Egyptian mediators")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .mentions import Mention, MentionKind
from .scanner import (
    Scanner,
    _Candidate,
)
from .vocabulary import Actor


class Actors(Scanner):
    # ------------------------------------------------------------------ parties
    def _party(self, t: int) -> _Candidate | None:
        tx = self._tx(t)
        base = tx
        for suffix in ("'s", "’s"):
            if tx.endswith(suffix):
                base = tx[: -len(suffix)]
        # a name that holds a possessive ("Lord's Resistance Army") is indexed under "Lord's"
        entries = (self.aliases.get(tx) if base != tx else None) or self.aliases.get(base)
        entries = entries or self.aliases.get(tx.split(".")[0] if "." in tx else "")
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
            if ok and not self.vocab.accepts(
                self.text, self.toks[t].start, self.toks[t + n - 1].end
            ):
                continue  # the name means something else here ("Chad Smith", "Lake Chad")
            if ok:
                b = t + n + self._institution(t + n, actor, got[-1])
                role = self._role(t, b, actor)
                return self._mention(MentionKind.PARTY, t, b, actor.name, role=role)
        return None

    def _institution(self, k: int, actor: Actor, last: str) -> int:
        """How many tokens from ``k`` name a state's government or armed forces after its
        name or demonym ("the Colombian *government*", "the Ethiopian *National Defense
        Force*"): they belong to the state's mention. None after a possessive ("Russia's
        army") or after an actor that is not a state."""
        if last.endswith(("'s", "’s")) or actor.name not in self.vocab.state_names:
            return 0
        for words in self.vocab.state_institution_tokens:
            if all(self._low(k + i) == w for i, w in enumerate(words)):
                return len(words)
        return 0

    def _role(self, a: int, b: int, actor: Actor) -> str:
        vocab = self.vocab
        after = vocab.mediator_after
        # right: "Egyptian mediators", "Egyptian and Qatari mediators", "Saudi Arabia and
        # Oman are mediating", "Malaysia, which facilitated the talks", "Chad hosted the
        # talks"; not "Israel and Hamas, mediated by Qatar"
        k = b
        for _ in range(10):
            low = self._low(k)
            if low in after and self._low(k + 1) != "by":
                return "mediator"
            if low in vocab.host_verbs:
                if any(self._low(k + i) in vocab.host_objects for i in range(1, 7)):
                    return "mediator"
                break
            if (
                low in (",", "and")
                or low in vocab.role_skip_words
                or self._tx(k) in self.aliases
                or self._tx(k)[:1].isupper()
            ):
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


def settle_roles(mentions: Sequence[Mention]) -> list[Mention]:
    """One role per actor in a text: an actor that any of its mentions names as a mediator
    ("Oman" in "Saudi Arabia and Oman are mediating") is the mediator in each of its
    mentions there ("... and Omani officials shuttle weekly to Riyadh"), as
    ``draft_from_text`` reads the parties of a text."""
    mediators = {
        m.value
        for m in mentions
        if m.kind is MentionKind.PARTY and m.role == "mediator"
    }
    return [
        replace(m, role="mediator")
        if m.kind is MentionKind.PARTY and m.value in mediators and m.role != "mediator"
        else m
        for m in mentions
    ]
