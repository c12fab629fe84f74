"""Actors: parties and mediators named by the vocabulary ("Hamas", "Egyptian mediators")."""

from __future__ import annotations

from .mentions import MentionKind
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
