"""draft_from_text: a draft Agreement whose figures quote the words they came from."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ceasefire_terms.errors import CeasefireTermsError, TimeZoneError
from ceasefire_terms.extraction.draft import Draft, draft_from_text
from ceasefire_terms.model.agreement import Deadline, Exchange, Role
from ceasefire_terms.model.periods import Period
from ceasefire_terms.model.provenance import Source
from ceasefire_terms.model.quantity import QuantityKind
from ceasefire_terms.model.when import Moment

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_5c71c5f11eb688dd.txt"


@pytest.fixture(scope="module")
def seed() -> tuple[str, Draft]:
    text = SEED.read_text("utf-8")
    source = Source(publisher="seed article", url="https://example.org/seed")
    return text, draft_from_text(
        text, published=dt.date(2025, 2, 3), source=source, zone="Asia/Jerusalem"
    )


def _quotes(text: str, sources: tuple[object, ...]) -> list[str]:
    out = []
    for s in sources:
        assert isinstance(s, Source) and s.span is not None
        assert text[s.span[0] : s.span[1]] == s.quote
        assert s.publisher == "seed article" and s.published == dt.date(2025, 2, 3)
        out.append(s.quote or "")
    return out


def test_first_phase_is_42_days(seed: tuple[str, Draft]) -> None:
    text, d = seed
    (p1,) = d.agreement.phases
    assert (p1.id, p1.ordinal, p1.length) == ("phase-1", 1, Period(days=42))
    assert "42-day phase" in _quotes(text, p1.sources)


def test_effective_date_from_publication_date(seed: tuple[str, Draft]) -> None:
    text, d = seed
    assert d.agreement.effective == Moment(date=dt.date(2025, 1, 19))
    assert "January 19" in _quotes(text, d.agreement.phases[0].sources)


def test_exchanges(seed: tuple[str, Draft]) -> None:
    text, d = seed
    ex = [p for p in d.agreement.provisions if isinstance(p, Exchange)]
    assert len(ex) == 2
    captives, prisoners = ex
    assert (captives.releasing, captives.released, captives.phase) == (
        "hamas", "Israeli captives", "phase-1",
    )  # fmt: skip
    assert captives.quantity is not None and captives.quantity.value == 33
    assert _quotes(text, captives.sources) == ["33 Israeli captives"]
    assert (prisoners.releasing, prisoners.released) == ("israel", "Palestinian prisoners")
    assert prisoners.quantity is not None
    assert (prisoners.quantity.kind, prisoners.quantity.value) == (QuantityKind.APPROXIMATE, 1900)
    assert prisoners.quantity.hedge == "approximately"
    assert prisoners.counterpart == captives.id
    assert _quotes(text, prisoners.sources) == ["approximately 1,900 Palestinian prisoners"]


def test_second_phase_talks_on_that_monday(seed: tuple[str, Draft]) -> None:
    text, d = seed
    (talks,) = [p for p in d.agreement.provisions if isinstance(p, Deadline)]
    assert talks.due == Moment(date=dt.date(2025, 2, 3))
    assert "negotiations" in talks.label
    assert _quotes(text, talks.sources) == ["Monday"]


def test_parties_and_egyptian_mediators(seed: tuple[str, Draft]) -> None:
    _, d = seed
    roles = {p.name: p.role for p in d.agreement.parties}
    assert roles["Israel"] is Role.PARTY
    assert roles["Hamas"] is Role.PARTY
    assert roles["Egypt"] is Role.MEDIATOR


def test_unplaced_mentions_are_listed_with_reasons(seed: tuple[str, Draft]) -> None:
    text, d = seed
    unplaced = {u.mention.text: u.reason for u in d.unresolved}
    assert "up to another year" in unplaced
    assert "last week" in unplaced
    for u in d.unresolved:
        assert u.reason
        assert text[u.mention.start : u.mention.end] == u.mention.text


def test_assumptions_are_stated(seed: tuple[str, Draft]) -> None:
    _, d = seed
    assert any(a.startswith("counting:") for a in d.assumptions)
    assert not any(a.startswith("zone:") for a in d.assumptions)


def test_without_zone_or_publication_date_nothing_is_guessed_silently() -> None:
    d = draft_from_text("The first phase took effect on January 19 and lasts 42 days.")
    assert d.agreement.effective is None
    assert any(a.startswith("zone:") for a in d.assumptions)
    reasons = [u.reason for u in d.unresolved if u.mention.text == "January 19"]
    assert reasons and "could not be resolved" in reasons[0]


def test_day_reference_becomes_a_deadline() -> None:
    d = draft_from_text(
        "The first phase lasts 42 days. Talks must begin no later than the 16th day of the "
        "first phase.",
        zone="Asia/Jerusalem",
    )
    (deadline,) = [p for p in d.agreement.provisions if isinstance(p, Deadline)]
    assert deadline.due.day == 16 and deadline.due.of == "phase-1"  # type: ignore[union-attr]
    assert deadline.relation.value == "no_later_than"


def test_draft_to_dict_is_json_friendly(seed: tuple[str, Draft]) -> None:
    import json

    _, d = seed
    data = json.loads(json.dumps(d.to_dict()))
    assert data["agreement"]["phases"][0]["length"] == "42 days"


def test_bad_zone_is_a_library_error() -> None:
    with pytest.raises(TimeZoneError):
        draft_from_text("x", zone="Mars/Base")
    with pytest.raises(CeasefireTermsError):
        draft_from_text("x", agreement_id="not an id!")
