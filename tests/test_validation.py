"""Cross-field checks: each finding names the path, what was expected and what was found."""

from __future__ import annotations

from typing import Any

import pytest

import ceasefire_terms as ct
from ceasefire_terms import examples
from ceasefire_terms.validation.checks import Finding, Severity


def record(**fields: Any) -> ct.Agreement:
    base: dict[str, Any] = {
        "id": "t",
        "title": "T",
        "zone": "Asia/Jerusalem",
        "parties": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
    }
    base.update(fields)
    return ct.parse_agreement(base)


def codes(a: ct.Agreement) -> list[str]:
    return [f.code for f in ct.check(a).findings]


def test_a_clean_record_has_no_findings() -> None:
    a = record(
        effective="2025-01-19",
        phases=[
            {"id": "p", "start": "agreement.effective", "length": "10 days", "counting": "ordinal"}
        ],
    )
    report = ct.check(a)
    assert report.ok and not report.findings and report.passed(strict=True)


def test_unknown_party_phase_and_source_references() -> None:
    a = record(
        provisions=[
            {
                "type": "obligation",
                "id": "o",
                "party": "zz",
                "action": "x",
                "phase": "nope",
                "sources": ["missing-source"],
            }
        ]
    )
    found = {f.code: f for f in ct.check(a).errors}
    assert set(found) == {"unknown-party", "unknown-phase", "unknown-source"}
    assert found["unknown-party"].path == "provisions[0].party"
    assert found["unknown-party"].got == "zz"


def test_duplicate_ids() -> None:
    a = record(phases=[{"id": "p", "start": "2025-01-01"}, {"id": "p", "start": "2025-01-01"}])
    assert codes(a) == ["duplicate-id"]


def test_overlapping_phases_unless_stated() -> None:
    phases = [
        {"id": "p1", "start": "2025-01-01", "length": "10 days", "counting": "ordinal"},
        {"id": "p2", "start": "2025-01-05", "length": "10 days", "counting": "ordinal"},
    ]
    assert codes(record(phases=phases)) == ["phase-overlap"]
    phases[1]["may_overlap"] = True
    assert codes(record(phases=phases)) == []


def test_back_to_back_elapsed_phases_do_not_overlap() -> None:
    a = record(
        phases=[
            {
                "id": "p1",
                "start": "2025-01-01 07:00 Asia/Jerusalem",
                "length": "96 hours",
                "counting": "elapsed",
            },
            {"id": "p2", "start": "p1.end", "length": "48 hours", "counting": "elapsed"},
        ]
    )
    assert codes(a) == []


def test_deadline_outside_its_phase() -> None:
    a = record(
        phases=[{"id": "p", "start": "2025-01-01", "length": "10 days", "counting": "ordinal"}],
        provisions=[
            {
                "type": "deadline",
                "id": "d",
                "label": "D",
                "phase": "p",
                "due": {"day": 11, "of": "p"},
            }
        ],
    )
    (f,) = ct.check(a).errors
    assert f.code == "outside-phase" and "2025-01-11" in (f.got or "")


def test_signed_after_effective() -> None:
    a = record(signed="2025-01-20", effective="2025-01-19")
    (f,) = ct.check(a).errors
    assert (f.code, f.path) == ("date-order", "effective")


def test_batches_must_fit_the_total() -> None:
    a = record(
        phases=[{"id": "p", "start": "2025-01-01", "length": "10 days", "counting": "ordinal"}],
        provisions=[
            {
                "type": "exchange",
                "id": "x",
                "releasing": "a",
                "released": "captives",
                "quantity": 5,
                "batches": [
                    {"due": {"day": 1, "of": "p"}, "quantity": 3},
                    {"due": {"day": 2, "of": "p"}, "quantity": 4},
                ],
            }
        ],
    )
    (f,) = ct.check(a).errors
    assert f.code == "batches-exceed" and "7" in (f.got or "")


def test_rate_parts_must_fit_the_rate() -> None:
    a = record(
        provisions=[
            {
                "type": "obligation",
                "id": "o",
                "party": "a",
                "action": "aid",
                "rate": {
                    "quantity": 600,
                    "per": "1 day",
                    "parts": [{"label": "x", "quantity": 500}, {"label": "y", "quantity": 300}],
                },
            }
        ]
    )
    assert codes(a) == ["parts-exceed"]


def test_ratio_rule_gap_is_a_warning_with_both_figures(gaza: ct.Agreement) -> None:
    report = ct.check(gaza)
    (w,) = report.warnings
    assert "990–1,650" in w.expected and "1,805–1,995" in (w.got or "")
    assert not report.passed(strict=True)


def test_reported_date_that_differs_is_a_warning() -> None:
    a = record(
        phases=[
            {
                "id": "p",
                "start": "2025-01-19",
                "length": "42 days",
                "counting": "ordinal",
                "reported_end": [{"date": "2025-03-02", "sources": ["s"]}],
            }
        ],
        sources=[{"id": "s", "publisher": "Paper"}],
    )
    (w,) = ct.check(a).warnings
    assert w.code == "reported-differs"
    assert "2025-03-01" in w.expected and w.got == "2025-03-02"


def test_convention_errors_become_findings_not_exceptions() -> None:
    a = record(
        phases=[{"id": "p", "start": "2025-01-31", "length": "1 month", "counting": "following"}]
    )
    (f,) = ct.check(a).errors
    assert f.code == "AmbiguousDateError" and "month_end" in (f.hint or "")


def test_offset_that_disagrees_with_the_zone() -> None:
    a = record(effective="2025-01-19T11:15+03:00")  # Jerusalem is +02:00 in January
    (w,) = ct.check(a).warnings
    assert w.code == "offset-zone"


def test_obligation_history_is_ordered_and_matches_status() -> None:
    a = record(
        provisions=[
            {
                "type": "obligation",
                "id": "o",
                "party": "a",
                "action": "withdraw",
                "status": "due",
                "history": [
                    {"status": "due", "at": "2025-01-26"},
                    {"status": "breached", "at": "2025-01-20"},
                ],
            }
        ]
    )
    found = {f.code: f for f in ct.check(a).findings}
    assert found["history-order"].got == "2025-01-26, 2025-01-20"
    assert found["history-status"].got == "due"


def test_huge_figures_are_refused_at_parse_and_never_crash_check() -> None:
    import pytest

    with pytest.raises(ct.RecordError):
        record(
            provisions=[
                {
                    "type": "exchange",
                    "id": "e",
                    "releasing": "a",
                    "released": "b",
                    "quantity": 10**400,
                }
            ]
        )
    with pytest.raises(ct.RecordError):
        record(
            phases=[
                {
                    "id": "p",
                    "start": "2025-01-01",
                    "length": f"{10**20} days",
                    "counting": "ordinal",
                }
            ]
        )
    late = record(
        phases=[{"id": "p", "start": "9999-01-01", "length": "1000 days", "counting": "ordinal"}]
    )
    (f,) = ct.check(late).errors
    assert "outside the calendar" in f.expected


def test_moments_at_the_edge_of_the_calendar_are_findings_not_crashes() -> None:
    for effective in ("9999-12-31T23:00:00-05:00", "9999-12-31 23:00 America/New_York"):
        a = ct.parse_agreement(
            {
                "id": "x",
                "title": "X",
                "zone": "Asia/Tokyo",
                "effective": effective,
                "phases": [
                    {
                        "id": "p",
                        "start": "agreement.effective",
                        "length": "3 days",
                        "counting": "elapsed",
                    }
                ],
            }
        )
        report = ct.check(a)
        assert not report.ok
        assert all("outside the calendar" in f.expected for f in report.errors)


@pytest.mark.parametrize("clash", ["x-a.batch1", "p1.end", "agreement.signed", "ext.end"])
def test_a_provision_named_like_another_event_is_an_error(clash: str) -> None:
    a = ct.Agreement.model_validate(
        {
            "id": "x",
            "title": "X",
            "zone": "UTC",
            "effective": "2025-01-19",
            "parties": [{"id": "a", "name": "A"}],
            "phases": [
                {
                    "id": "p1",
                    "start": "agreement.effective",
                    "length": "9 days",
                    "counting": "ordinal",
                }
            ],
            "amendments": [{"id": "ext", "target": "p1", "by": "1 day"}],
            "provisions": [
                {
                    "type": "exchange",
                    "id": "x-a",
                    "phase": "p1",
                    "releasing": "a",
                    "released": "captives",
                    "batches": [{"due": {"day": 2, "of": "p1"}}],
                },
                {"type": "deadline", "id": clash, "label": "talks", "due": "2025-01-25"},
            ],
        }
    )
    errors = [f for f in ct.check(a).errors if f.code == "id-clash"]
    assert [(f.path, f.got) for f in errors] == [("provisions[1].id", clash)]


def test_a_finding_as_a_dict_is_its_json_dump_and_its_message() -> None:
    findings = [f for n in examples.names() for f in ct.check(examples.load(n)).findings]
    findings.append(
        Finding(severity=Severity.ERROR, code="c", path="p", expected="e", got=None, hint="h")
    )
    assert findings
    for f in findings:
        d = f.as_dict()
        assert d == {**f.model_dump(mode="json"), "message": f.message}
        assert list(d) == [*Finding.model_fields, "message"]
