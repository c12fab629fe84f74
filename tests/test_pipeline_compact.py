"""Outcomes sent back compactly from worker processes (``jobs`` > 1) are the outcomes of one
process: an accepted line comes back as its id alone and its agreement is parsed again from
the line when first read."""

from __future__ import annotations

import json
from pathlib import Path

import ceasefire_terms as ct
from ceasefire_terms import examples


def test_agreements_read_after_a_parallel_run_equal_those_of_one_process(tmp_path: Path) -> None:
    path = tmp_path / "real.jsonl"
    lines = []
    for k in range(3):
        for a in examples.load_all():
            data = a.model_dump(mode="json", exclude_none=True)
            data["id"] = f"{a.id}-copy{k}"
            lines.append(json.dumps(data, ensure_ascii=False))
    lines.append('{"id": "bad", "title": "B", "zone": "Mars/Base"}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    one = list(ct.validate_files([path]))
    two = list(ct.validate_files([path], jobs=2))
    assert two == one
    assert sum(o.ok for o in one) == len(lines) - 1
    for a, b in zip(one, two, strict=True):
        if isinstance(a, ct.ValidRecord):
            assert isinstance(b, ct.ValidRecord)
            assert a.agreement is not None
            assert b.agreement == a.agreement
            assert b.agreement.timeline() == a.agreement.timeline()
    assert any(isinstance(o, ct.ValidRecord) and not o.warnings for o in two)  # sent as ids


def test_verdicts_only_runs_keep_no_agreement(tmp_path: Path) -> None:
    path = tmp_path / "one.jsonl"
    path.write_text(examples.load("lebanon-2024").model_dump_json() + "\n", encoding="utf-8")
    for jobs in (1, 2):
        (o,) = ct.validate_files([path], jobs=jobs, keep_agreements=False)
        assert o.ok and o.agreement is None
