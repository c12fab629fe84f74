"""The timeline cached on a frozen agreement: same results as resolving afresh, and invisible
to equality, serialisation, pickling and copies."""

from __future__ import annotations

import copy
import datetime as dt
import pickle
from typing import Any

import pytest

import ceasefire_terms as ct
from ceasefire_terms import examples
from ceasefire_terms.dates import resolve as resolve_module
from ceasefire_terms.dates.resolve import resolve
from ceasefire_terms.io.load import read_yaml


def _fresh(name: str) -> ct.Agreement:
    """A newly parsed agreement (``examples.load`` is memoised, so its cache may be warm)."""
    return ct.parse_agreement(read_yaml(examples.text(name)))


def _outputs(a: ct.Agreement) -> dict[str, Any]:
    """Everything the cache serves, as plain data."""
    out: dict[str, Any] = {"check": [f.as_dict() for f in ct.check(a).findings]}
    for amended in (True, False):
        t = a.timeline(amended=amended)
        out[f"timeline-{amended}"] = t.as_dict()
        out[f"events-{amended}"] = [e.model_dump() for e in t.events]
    t = a.timeline()
    days = sorted({e.date for e in t.events})
    probes: list[dt.date | dt.datetime] = []
    for d in days:
        probes += [d - dt.timedelta(days=1), d, d + dt.timedelta(days=1)]
    probes += [e.at for e in t.events if e.at is not None]
    out["status"] = [a.status_on(p).as_dict() for p in probes]
    out["day"] = [
        (ph.id, n, a.day(ph.id, n), a.day_of(ph.id, a.day(ph.id, n)))
        for ph in a.phases
        if t.get(f"{ph.id}.start") is not None
        for n in (1, 2, 16, 42)
    ]
    return out


@pytest.mark.parametrize("name", examples.names())
def test_cached_results_equal_uncached_results(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    warm = _fresh(name)
    first = _outputs(warm)  # fills the cache
    second = _outputs(warm)  # served from it
    # each call gets its own light copy of the one kept timeline (the events are shared)
    assert warm.timeline().events is warm.timeline().events
    assert warm.timeline(amended=False).events is warm.timeline(amended=False).events

    def uncached(self: ct.Agreement, *, amended: bool = True, renewals: int = 0) -> ct.Timeline:
        return resolve(self, amended=amended, renewals=renewals)

    def kept_uncached(self: ct.Agreement, amended: bool) -> ct.Timeline:
        return resolve(self, amended=amended)

    monkeypatch.setattr(ct.Agreement, "timeline", uncached)
    monkeypatch.setattr(ct.Agreement, "_kept_timeline", kept_uncached)
    cold = _fresh(name)
    assert cold.timeline().events is not cold.timeline().events
    assert _outputs(cold) == first == second


@pytest.mark.parametrize("name", examples.names())
def test_the_cache_is_not_part_of_the_record(name: str) -> None:
    a = _fresh(name)
    b = _fresh(name)
    a.timeline()
    a.timeline(amended=False)
    assert a == b
    assert hash(a) == hash(b)
    assert a.model_dump() == b.model_dump()
    assert a.model_dump_json() == b.model_dump_json()
    assert pickle.dumps(a) == pickle.dumps(b)
    for other in (pickle.loads(pickle.dumps(a)), copy.copy(a), copy.deepcopy(a), a.model_copy()):
        assert other == a
        assert getattr(other, "_timelines", None) is None
        assert other.timeline() == a.timeline()


def test_a_changed_copy_does_not_inherit_the_cached_dates() -> None:
    a = _fresh("gaza-2025")
    before = a.timeline()["phase-1.end"].date
    assert str(a.effective) == "2025-01-19 11:15 Asia/Jerusalem"
    moved = a.model_copy(update={"effective": ct.Moment.parse("2025-01-22 11:15 Asia/Jerusalem")})
    assert moved.timeline()["phase-1.end"].date == before + dt.timedelta(days=3)
    assert a.timeline()["phase-1.end"].date == before


def test_renewals_and_unusual_arguments_are_resolved_each_time() -> None:
    a = _fresh("black-sea-grain-2022")
    assert a.timeline(renewals=1) is not a.timeline(renewals=1)
    assert a.timeline(renewals=1) == resolve(a, renewals=1)
    with pytest.raises(ct.ParseError):
        a.timeline(renewals=-1)


def test_a_timeline_that_fails_raises_every_time() -> None:
    a = ct.Agreement.model_validate(
        {
            "id": "x",
            "title": "X",
            "zone": "UTC",
            "phases": [
                {
                    "id": "p",
                    "start": "agreement.effective",
                    "length": "3 days",
                    "counting": "ordinal",
                    "end": None,
                }
            ],
            "provisions": [{"type": "deadline", "id": "d", "label": "D", "due": "nowhere.end"}],
        }
    )
    for _ in range(2):
        with pytest.raises(ct.UnknownReferenceError):
            a.timeline()
    assert getattr(a, "_timelines", None) in (None, {})


@pytest.mark.parametrize("name", examples.names())
def test_events_built_by_the_resolver_match_model_construct(name: str) -> None:
    for e in _fresh(name).timeline().events:
        fields = {k: getattr(e, k) for k in ct.Event.model_fields}
        built = ct.Event.model_construct(**fields)
        assert e == built
        assert e.__pydantic_fields_set__ == built.__pydantic_fields_set__
        assert e.__pydantic_extra__ == built.__pydantic_extra__
        assert e.__pydantic_private__ == built.__pydantic_private__
        assert ct.Event.model_validate(e.model_dump()) == e
        assert list(e.__dict__) == list(ct.Event.model_fields)


@pytest.mark.parametrize("name", examples.names())
def test_timelines_built_by_the_resolver_match_the_validated_constructor(name: str) -> None:
    a = _fresh(name)
    for amended in (True, False):
        t = resolve_module.resolve(a, amended=amended, renewals=2)
        built = ct.Timeline(
            agreement=t.agreement,
            zone=t.zone,
            amended=t.amended,
            events=t.events,
            unresolved=t.unresolved,
        )
        built._agreement = a
        assert t == built
        assert t.__dict__ == built.__dict__
        assert t.__pydantic_fields_set__ == built.__pydantic_fields_set__
        assert t.__pydantic_extra__ == built.__pydantic_extra__
        assert t.__pydantic_private__ == built.__pydantic_private__
        assert ct.Timeline.model_validate(t.model_dump()).events == t.events
        assert list(t.__dict__) == list(ct.Timeline.model_fields)


def _same_as_validated(built: Any, cls: Any) -> None:
    validated = cls(**{k: getattr(built, k) for k in cls.model_fields})
    assert built == validated
    assert built.__dict__ == validated.__dict__
    assert list(built.__dict__) == list(cls.model_fields)
    assert built.__pydantic_fields_set__ == validated.__pydantic_fields_set__
    assert built.__pydantic_extra__ == validated.__pydantic_extra__
    assert built.__pydantic_private__ == validated.__pydantic_private__
    assert built.model_dump_json() == validated.model_dump_json()


@pytest.mark.parametrize("name", examples.names())
def test_statuses_built_by_the_engine_match_the_validated_constructor(name: str) -> None:
    a = _fresh(name)
    seen = 0
    for e in a.timeline().events:
        for when in (e.date, e.at, e.date + dt.timedelta(days=400)):
            if when is None:
                continue
            s = a.status_on(when)
            _same_as_validated(s, ct.Status)
            for p in (*s.active, *s.undetermined):
                _same_as_validated(p, ct.PhaseStatus)
                seen += 1
    assert seen


@pytest.mark.parametrize("name", examples.names())
def test_an_agreement_and_its_kept_timeline_form_no_reference_cycle(name: str) -> None:
    """Freed by reference counting alone: a pipeline of millions of records must not wait for
    the cyclic garbage collector to free each record's timeline."""
    import gc
    import weakref

    a = _fresh(name)
    t = a.timeline()
    a.day_of(t.events[0].phase or "x", t.events[0].date) if t.events[0].phase else None
    a.status_on(t.events[0].date)
    gone = weakref.ref(a)
    gc.disable()
    try:
        del a
        assert gone() is not None  # the copy 't' still refers to it, as it should
        del t
        assert gone() is None
    finally:
        gc.enable()
