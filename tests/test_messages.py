"""Messages that teach: suggestions for misspelt fields, every error listed, values cut cleanly."""

from __future__ import annotations

from typing import Any

import pytest

import ceasefire_terms as ct
from ceasefire_terms.io.load import _short

BASE: dict[str, Any] = {"id": "x", "title": "T", "zone": "Asia/Jerusalem"}


def _errors(data: dict[str, Any]) -> ct.RecordError:
    with pytest.raises(ct.RecordError) as info:
        ct.parse_agreement(data)
    return info.value


@pytest.mark.parametrize(
    ("where", "typo", "field"),
    [
        ("phase", "lenght", "length"),
        ("phase", "countng", "counting"),
        ("top", "partys", "parties"),
        ("top", "efective", "effective"),
    ],
)
def test_a_misspelt_field_gets_a_suggestion(where: str, typo: str, field: str) -> None:
    phase = {"id": "p", "start": "2025-01-01", "length": "3 days", "counting": "ordinal"}
    data = dict(BASE)
    if where == "phase":
        phase[typo] = phase.pop(field)
        data["phases"] = [phase]
    else:
        data[typo] = data.pop(field, [] if field == "parties" else "2025-01-01")
    err = _errors(data)
    assert f"did you mean '{field}'?" in str(err)


def test_an_unrelated_unknown_field_gets_no_guess() -> None:
    err = _errors(BASE | {"zzqxv": 1})
    assert "did you mean" not in str(err)
    assert "'zzqxv' is not a field" in str(err)


def test_every_error_is_in_the_message() -> None:
    err = _errors(BASE | {"purpose": 5, "written": "perhaps", "zz": 1})
    assert len(err.errors) == 3
    for e in err.errors:
        assert e["message"] in str(err)
    assert "more)" not in str(err)


def test_a_long_value_is_cut_at_a_boundary_and_its_length_given() -> None:
    value = "word " * 40
    text = _short(value)
    assert text is not None
    assert text.endswith(f"… ({len(repr(value))} characters in all)")
    assert text.split("…")[0].endswith("word")  # never mid-word
    assert _short("short") == "'short'"
