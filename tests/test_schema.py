"""The JSON Schema of the record format, checked with the jsonschema package: it is a valid
draft 2020-12 schema, it accepts every bundled example and every text shorthand the models
accept, and it refuses the malformed records a colleague without Python should be told about.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

import ceasefire_terms as ct
from ceasefire_terms.schema import record_schema, record_schema_json

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_FILES = sorted(
    [*ROOT.glob("examples/*.yaml"), *ROOT.glob("ceasefire_terms/data/agreements/*.yaml")]
)
RECORDS = ROOT / "examples" / "records.jsonl"


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = record_schema()
    cls = jsonschema.Draft202012Validator
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _as_json(data: Any) -> Any:
    """What a colleague's JSON tool sees: YAML dates become ISO text."""
    return json.loads(json.dumps(data, default=str))


def _problems(validator: Any, data: Any) -> list[str]:
    return [f"{e.json_path}: {e.message[:200]}" for e in validator.iter_errors(data)]


def test_schema_is_draft_2020_12() -> None:
    schema = record_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["required"] == ["id", "title", "zone"]


def test_there_are_bundled_examples() -> None:
    assert ROOT / "examples" / "gaza_2025.yaml" in EXAMPLE_FILES


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_bundled_examples_are_valid(validator: Any, path: Path) -> None:
    data = _as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert _problems(validator, data) == []
    dumped = json.loads(ct.dump_agreement(ct.parse_agreement(data), fmt="json"))
    assert _problems(validator, dumped) == []


def test_records_the_library_accepts_are_accepted(validator: Any) -> None:
    accepted = 0
    for line in RECORDS.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        try:
            ct.parse_agreement(data)
        except ct.RecordError:
            continue
        accepted += 1
        assert _problems(validator, data) == [], data["id"]
    assert accepted >= 3


BASE: dict[str, Any] = {
    "id": "x",
    "title": "X",
    "zone": "Asia/Jerusalem",
    "parties": [{"id": "a", "name": "A"}],
}


def _with(**fields: Any) -> dict[str, Any]:
    record = copy.deepcopy(BASE)
    record.update(fields)
    return record


def _phase(**fields: Any) -> dict[str, Any]:
    return _with(phases=[{"id": "p", **fields}])


def _exchange(quantity: Any) -> dict[str, Any]:
    ex = {"type": "exchange", "id": "e", "releasing": "a", "released": "x", "quantity": quantity}
    return _with(provisions=[ex])


# Text shorthands and structured forms: the model accepts each, so the schema must too.
ACCEPTED = [
    _with(effective="2025-01-19 11:15 Asia/Jerusalem"),
    _with(effective="2025-01-19T11:15 Asia/Jerusalem"),
    _with(effective="2025-01-19T11:15+02:00"),
    _with(effective="2025-01-19T09:15:00Z"),
    _with(effective="2025-01-19"),
    _with(effective="2025-01"),
    _with(effective="2025"),
    _with(effective={"date": "2025-01-19", "time": "11:15", "zone": "Asia/Jerusalem"}),
    _with(effective={"date": 2025}),
    _with(effective={"at": "2025-01-19T11:15+02:00"}),
    _phase(start="2025-01-19", length="42 days", counting="ordinal"),
    _phase(start="2025-01-19", length="42-day", counting="ordinal"),
    _phase(start="2025-01-19", length="P6W", counting="ordinal"),
    _phase(start="2025-01-19 11:15 Asia/Jerusalem", length="72 hours", counting="elapsed"),
    _phase(start="2025-01-19", length={"days": 42}, counting="ordinal"),
    _phase(start="2025-01-19", length="1 month 2 days", counting="following", month_end="clip"),
    _phase(start="2025-01-19", end="2025-03-01"),
    _phase(start="agreement.effective", length="42 days", counting="ordinal"),
    _phase(
        start={"anchor": "agreement.effective", "after": "2 days", "counting": "ordinal"},
        length="3 days",
        counting="ordinal",
    ),
    _phase(
        start="2025-01-19",
        length="5 days",
        counting="following",
        roll="following",
        calendar={"weekend": "fri-sat"},
    ),
    _exchange(33),
    _exchange(1.5),
    _exchange("approximately 1,900"),
    _exchange("between 1,700 and 2,000 prisoners"),
    _exchange({"kind": "range", "low": 990, "high": 1650}),
    _exchange({"kind": "at_least", "value": 50}),
    _exchange({"value": 7}),
]


@pytest.mark.parametrize("record", ACCEPTED, ids=lambda r: json.dumps(r)[60:140])
def test_shorthands_the_model_accepts_are_valid(validator: Any, record: dict[str, Any]) -> None:
    ct.parse_agreement(record)  # the library accepts it ...
    assert _problems(validator, record) == []  # ... and so does the schema


# Malformed records: the library refuses each, and the schema can tell.
REFUSED = [
    ("missing zone", {"id": "x", "title": "X"}),
    ("unknown field", _with(signed_on="2025-01-19")),
    ("local time without a zone", _with(effective="2025-01-19 11:15")),
    ("time without zone, mapping", _with(effective={"date": "2025-01-19", "time": "11:15"})),
    ("empty moment", _with(effective={})),
    ("zone with a space", _with(zone="Asia Jerusalem")),
    ("period that is not a period", _phase(start="2025-01-19", length="soon", counting="ordinal")),
    ("empty period mapping", _phase(start="2025-01-19", length={}, counting="ordinal")),
    ("bad counting", _phase(start="2025-01-19", length="4 days", counting="calendar")),
    ("negative quantity", _exchange(-3)),
    ("quantity without a figure", _exchange("lots")),
    ("range without high", _exchange({"kind": "range", "low": 3})),
    ("provision without type", _with(provisions=[{"id": "d", "label": "L", "due": "2025-01-19"}])),
    ("rule without anchor or day", _phase(start={"after": "3 days"})),
    ("bad id", _with(id="-x")),
]


@pytest.mark.parametrize(("why", "record"), REFUSED, ids=[w for w, _ in REFUSED])
def test_malformed_records_are_refused(validator: Any, why: str, record: dict[str, Any]) -> None:
    with pytest.raises(ct.RecordError):
        ct.parse_agreement(record)
    assert _problems(validator, record), why


def test_schema_json_is_the_schema() -> None:
    assert json.loads(record_schema_json()) == record_schema()
    # a fresh copy each time: callers may edit it
    first = record_schema()
    first["title"] = "changed"
    assert record_schema()["title"] != "changed"
