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
