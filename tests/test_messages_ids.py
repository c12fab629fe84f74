"""One wording for a rejected moment, wherever it is rejected (issue #15), and "did you mean"
for unknown ids of parties, events, phases and sources."""

from __future__ import annotations

from typing import Any

import pytest

import ceasefire_terms as ct
from ceasefire_terms.model.when import MOMENT_FORMS, moment_expected

BASE: dict[str, Any] = {"id": "demo", "title": "Demo", "zone": "Asia/Jerusalem"}


def _parse_message(record: dict[str, Any]) -> str:
    with pytest.raises(ct.CeasefireTermsError) as info:
        ct.parse_agreement(record)
    return str(info.value)


def _pipeline_message(record: dict[str, Any]) -> str:
    (outcome,) = list(ct.validate_records([record]))
    assert isinstance(outcome, ct.Rejection), outcome
    (error,) = outcome.errors
    return str(error["message"])


# -- one message for dates --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "event_id"),
    [
        ("effective", "18 March 2025", False),
        ("signed", "March 18, 2025", False),
        ("effective", "2025/03/18", False),
        ("announced", "soon", False),
        ("phases", [{"id": "p", "start": "18 March 2025", "length": "3 days"}], True),
    ],
)
def test_a_bad_moment_lists_the_same_accepted_forms_in_parse_and_pipeline(
    field: str, value: Any, event_id: bool
) -> None:
    record = {**BASE, field: value}
    parsed = _parse_message(record)
    piped = _pipeline_message(record)
    expected = moment_expected(event_id=event_id)
    assert f"{expected} (got " in parsed
    assert f"{expected} (got " in piped
    # the same words in both, from the field's path to the value received
    assert parsed[parsed.index("'") :] == piped
    for form in ("YYYY-MM-DD", "Asia/Jerusalem", "UTC offset"):
        assert form in piped
    assert ("event id" in piped) is event_id


def test_a_naive_time_lists_the_forms_and_says_why() -> None:
    message = _pipeline_message({**BASE, "effective": "2025-01-19T11:15"})
    assert MOMENT_FORMS in message and "naive" in message


def test_every_listed_form_is_accepted() -> None:
    # the list must not promise a form the parser refuses
    for text in (
        "2025-03-18",
        "2025-03",
        "2025",
        "2025-01-19 11:15 Asia/Jerusalem",
        "2025-01-19T11:15+02:00",
    ):
        a = ct.parse_agreement({**BASE, "effective": text})
        assert a.effective is not None and str(a.effective).startswith(text[:4])
    rule = ct.parse_agreement(
        {
            **BASE,
            "effective": "2025-01-19",
            "phases": [
                {
                    "id": "p",
                    "start": "agreement.effective",
                    "length": "3 days",
                    "counting": "ordinal",
                }
            ],
        }
    )
    assert rule.timeline()["p.start"].date.isoformat() == "2025-01-19"


def test_status_on_words_a_bad_date_the_same_way() -> None:
    a = ct.parse_agreement({**BASE, "effective": "2025-01-19"})
    with pytest.raises(ct.ParseError) as info:
        a.status_on("tomorrow")
    assert str(info.value) == f"'on' {moment_expected()} (got 'tomorrow')"


# -- "did you mean" for ids -------------------------------------------------------------------

GAZA_LIKE: dict[str, Any] = {
    **BASE,
    "effective": "2025-01-19T11:15+02:00",
    "parties": [{"id": "hamas", "name": "Hamas"}, {"id": "israel", "name": "Israel"}],
    "sources": [{"id": "reuters-2025", "publisher": "Reuters"}],
    "phases": [
        {
            "id": "phase-1",
            "start": "agreement.effective",
            "length": "42 days",
            "counting": "ordinal",
        }
    ],
}


def _with(**fields: Any) -> ct.Agreement:
    return ct.parse_agreement({**GAZA_LIKE, **fields})


def _finding(a: ct.Agreement, path: str) -> ct.Finding:
    found = [f for f in ct.check(a).errors if f.path == path]
    assert found, [f.message for f in ct.check(a).findings]
    return found[0]


def _phase_2(start: Any) -> list[dict[str, Any]]:
    return [
        *GAZA_LIKE["phases"],
        {"id": "phase-2", "start": start, "length": "42 days", "counting": "ordinal"},
    ]


@pytest.mark.parametrize(
    ("field", "got", "near"),
    [("releasing", "hamass", "hamas"), ("releasing", "Israel", "israel")],
)
def test_an_unknown_party_in_an_exchange_suggests_the_nearest(
    field: str, got: str, near: str
) -> None:
    a = _with(provisions=[{"id": "x", "type": "exchange", field: got, "released": "captives"}])
    f = _finding(a, f"provisions[0].{field}")
    assert f.code == "unknown-party" and f.got == got
    assert f.hint == f"did you mean '{near}'?"
    assert f.message.endswith(f"(got {got}); did you mean '{near}'?")


def test_an_unknown_party_of_an_obligation_and_a_phase_suggest_too() -> None:
    a = _with(
        provisions=[
            {"id": "x", "type": "obligation", "party": "isreal", "action": "a", "phase": "phase-l"}
        ]
    )
    assert _finding(a, "provisions[0].party").hint == "did you mean 'israel'?"
    assert _finding(a, "provisions[0].phase").hint == "did you mean 'phase-1'?"


def test_nothing_close_gets_no_guess() -> None:
    a = _with(
        provisions=[
            {
                "id": "x",
                "type": "exchange",
                "releasing": "egypt",
                "released": "captives",
                "sources": ["ap-news"],
            }
        ]
    )
    assert _finding(a, "provisions[0].releasing").hint is None
    assert _finding(a, "provisions[0].sources[0]").hint is None


def test_an_unknown_source_suggests_the_nearest() -> None:
    a = _with(
        provisions=[
            {
                "id": "x",
                "type": "exchange",
                "releasing": "hamas",
                "released": "captives",
                "sources": ["reuters2025"],
            }
        ]
    )
    f = _finding(a, "provisions[0].sources[0]")
    assert f.code == "unknown-source" and f.hint == "did you mean 'reuters-2025'?"
    with pytest.raises(ct.UnknownReferenceError) as info:
        a.source("reuters_2025")
    assert str(info.value).endswith("did you mean 'reuters-2025'?")


def test_an_unknown_event_in_a_rule_anchor_suggests_the_nearest_event() -> None:
    a = _with(phases=_phase_2("phase-1.ned"))
    with pytest.raises(ct.UnknownReferenceError) as info:
        a.timeline()
    assert info.value.path == "phase-2.start" and info.value.got == "phase-1.ned"
    assert info.value.hint == "did you mean 'phase-1.end'?"
    f = _finding(a, "phase-2.start")
    assert f.hint == "did you mean 'phase-1.end'?"


def test_event_suggestions_cover_agreement_events_and_batches() -> None:
    a = _with(phases=_phase_2("agreement.efective"))
    with pytest.raises(ct.UnknownReferenceError) as info:
        a.timeline()
    assert info.value.hint == "did you mean 'agreement.effective'?"
    b = _with(
        provisions=[
            {
                "id": "captives",
                "type": "exchange",
                "releasing": "hamas",
                "released": "captives",
                "batches": [{"due": "2025-01-19"}, {"due": "2025-01-25"}],
            },
            {"id": "d", "type": "deadline", "label": "d", "due": "captives.bach2"},
        ]
    )
    with pytest.raises(ct.UnknownReferenceError) as info:
        b.timeline()
    assert info.value.hint == "did you mean 'captives.batch2'?"


def test_an_unknown_phase_in_of_suggests_the_nearest_phase() -> None:
    a = _with(phases=_phase_2({"day": 3, "of": "phase1"}))
    with pytest.raises(ct.UnknownReferenceError) as info:
        a.timeline()
    assert info.value.path == "phases[1].start.of" and info.value.hint == "did you mean 'phase-1'?"
    assert _finding(a, "phases[1].start.of").hint == "did you mean 'phase-1'?"


def test_an_unknown_amendment_target_suggests_the_nearest_phase() -> None:
    a = _with(amendments=[{"id": "ext", "kind": "extend", "target": "phase1", "by": "5 days"}])
    f = _finding(a, "amendments[0].target")
    assert f.code == "unknown-target" and f.hint == "did you mean 'phase-1'?"
    # the engine's error at the same path is the same mistake: reported once
    assert [g.path for g in ct.check(a).errors] == ["amendments[0].target"]
    with pytest.raises(ct.UnknownReferenceError) as info:
        a.timeline()
    assert info.value.path == "amendments[0].target"
    assert info.value.hint == "did you mean 'phase-1'?"


def test_lookups_on_the_record_and_timeline_suggest_too() -> None:
    a = _with()
    with pytest.raises(ct.UnknownReferenceError) as info:
        a.phase("phase_1")
    assert info.value.hint == "did you mean 'phase-1'?"
    with pytest.raises(ct.UnknownReferenceError) as info:
        a.timeline()["phase-1.ende"]
    assert info.value.hint == "did you mean 'phase-1.end'?"
    with pytest.raises(ct.UnknownReferenceError) as info:
        a.day("phase-one", 3)
    assert info.value.hint == "did you mean 'phase-1'?"


def test_the_pipeline_reports_the_suggestion() -> None:
    record = {**GAZA_LIKE, "phases": _phase_2("phase-1.ned")}
    (outcome,) = list(ct.validate_records([record]))
    text = repr(outcome)
    assert "did you mean 'phase-1.end'?" in text
