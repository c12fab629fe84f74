"""Loading and dumping records: YAML safety, JSON, error paths."""

from __future__ import annotations

from pathlib import Path

import pytest

import ceasefire_terms as ct
from ceasefire_terms.io import read_yaml


def test_yaml_and_json_dumps_load_back_equal(gaza: ct.Agreement, tmp_path: Path) -> None:
    for fmt in ("yaml", "json"):
        path = tmp_path / f"gaza.{fmt}"
        path.write_text(ct.dump_agreement(gaza, fmt=fmt), encoding="utf-8")
        assert ct.load_agreement(path) == gaza


def test_yaml_aliases_are_refused() -> None:
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"
    with pytest.raises(ct.InputError, match="aliases"):
        read_yaml(bomb)


def test_yaml_python_tags_are_refused() -> None:
    with pytest.raises(ct.InputError):
        read_yaml("!!python/object/apply:os.system ['echo hi']")


def test_invalid_yaml_names_the_line() -> None:
    with pytest.raises(ct.InputError, match="line 2"):
        read_yaml("id: x\n  bad: [\n")


def test_record_errors_list_each_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "id: x\ntitle: X\nzone: Asia/Jerusalem\nphases:\n"
        "  - {id: p1, length: -3 days, counting: ordinal}\n"
        "  - {id: p2, length: 42 days}\n"
        "colour: blue\n",
        encoding="utf-8",
    )
    with pytest.raises(ct.RecordError) as info:
        ct.load_agreement(path)
    by_path = {e["path"]: e for e in info.value.errors}
    assert "positive period (got '-3 days')" in by_path["phases[0]"]["expected"]
    assert "counting" in by_path["phases[1]"]["expected"]
    assert "unknown fields are refused" in by_path["colour"]["expected"]
    assert by_path["colour"]["got"] == "'blue'"


def test_naive_datetime_in_a_record_is_explained() -> None:
    with pytest.raises(ct.RecordError) as info:
        ct.parse_agreement(
            {"id": "x", "title": "X", "zone": "UTC", "effective": "2025-01-19T11:15"}
        )
    (err,) = info.value.errors
    assert err["path"] == "effective"
    assert "UTC offset" in err["expected"] and "2025-01-19T11:15" in err["got"]


def test_missing_file_and_bad_json(tmp_path: Path) -> None:
    with pytest.raises(ct.InputError, match="existing file"):
        ct.load_agreement(tmp_path / "nope.yaml")
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": ', encoding="utf-8")
    with pytest.raises(ct.InputError, match="line 1"):
        ct.load_agreement(bad)


def test_a_list_is_not_a_record() -> None:
    with pytest.raises(ct.RecordError, match="mapping"):
        ct.parse_agreement([1, 2])
