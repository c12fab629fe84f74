"""Bad input is a rejection with its line number and reason, never a crash.

One test per kind of bad input named in the pipeline's contract. Each feeds a small file (or
records) where the bad record sits among good ones, and checks the rejection's line, its
error code and the words of its message, and that the good records around it survive.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ceasefire_terms.pipeline import (
    Limits,
    Rejection,
    ValidRecord,
    validate_files,
    validate_records,
)

GOOD: dict[str, Any] = {
    "id": "demo",
    "title": "Demo truce",
    "zone": "Asia/Jerusalem",
    "effective": "2025-01-19 11:15 Asia/Jerusalem",
    "phases": [
        {"id": "p1", "start": "agreement.effective", "length": "42 days", "counting": "ordinal"}
    ],
}
GOOD_LINE = json.dumps(GOOD).encode()


def _with(**changes: Any) -> bytes:
    return json.dumps({**GOOD, **changes}).encode()


def _run(tmp_path: Path, body: bytes, name: str = "in.jsonl", **kw: Any) -> list[Any]:
    path = tmp_path / name
    path.write_bytes(body)
    return list(validate_files([path], **kw))


def _only_rejection(outcomes: list[Any]) -> Rejection:
    rejected = [o for o in outcomes if isinstance(o, Rejection)]
    assert len(rejected) == 1, [o for o in outcomes if not o.ok]
    return rejected[0]


def _between_good(tmp_path: Path, bad: bytes) -> Rejection:
    """Put ``bad`` on line 2 between two good lines; the good ones must be accepted."""
    out = _run(tmp_path, GOOD_LINE + b"\n" + bad + b"\n" + GOOD_LINE + b"\n")
    assert [o.line for o in out] == [1, 2, 3]
    assert isinstance(out[0], ValidRecord) and isinstance(out[2], ValidRecord)
    rej = _only_rejection(out)
    assert rej.line == 2 and rej.index == 1
    return rej


def test_malformed_json_is_rejected_with_parser_position(tmp_path: Path) -> None:
    rej = _between_good(tmp_path, b'{"id": "x", "title": }')
    (err,) = rej.errors
    assert err["code"] == "json-invalid"
    assert "must be valid JSON" in err["message"] and "column 22" in err["message"]
    assert rej.raw == '{"id": "x", "title": }'


def test_truncated_last_line_is_named_as_truncation(tmp_path: Path) -> None:
    out = _run(tmp_path, GOOD_LINE + b"\n" + GOOD_LINE[:40])
    rej = _only_rejection(out)
    assert rej.line == 2
    assert rej.errors[0]["code"] == "truncated"
    assert "the input ends inside this record" in rej.message


def test_same_cut_inside_the_file_is_plain_invalid_json(tmp_path: Path) -> None:
    rej = _between_good(tmp_path, GOOD_LINE[:40])
    assert rej.errors[0]["code"] == "json-invalid"


def test_wrong_types_name_each_field(tmp_path: Path) -> None:
    rej = _between_good(tmp_path, _with(title=["not", "a", "string"], phases="p1"))
    paths = {e["path"] for e in rej.errors}
    assert paths == {"title", "phases"}
    assert any("valid string" in e["message"] for e in rej.errors)


def test_unknown_fields_are_refused(tmp_path: Path) -> None:
    """The model forbids extra fields, so a misspelt key is never silently dropped."""
    rej = _between_good(tmp_path, _with(efective="2025-01-19"))
    (err,) = rej.errors
    assert err["path"] == "efective"
    assert "unknown fields are refused" in err["message"]


def test_invalid_calendar_date(tmp_path: Path) -> None:
    rej = _between_good(tmp_path, _with(announced="2025-02-30"))
    (err,) = rej.errors
    assert err["path"] == "announced.date"
    assert "'2025-02-30'" in err["message"]


def test_naive_datetime(tmp_path: Path) -> None:
    rej = _between_good(tmp_path, _with(effective="2025-01-19T11:15"))
    (err,) = rej.errors
    assert err["path"] == "effective"
    assert "time without one is naive" in err["message"] and "2025-01-19T11:15" in err["message"]


def test_unknown_time_zone(tmp_path: Path) -> None:
    rej = _between_good(tmp_path, _with(zone="Mars/Olympus_Mons"))
    (err,) = rej.errors
    assert err["path"] == "zone"
    assert "IANA time zone" in err["message"] and "Mars/Olympus_Mons" in err["message"]


def test_float_too_large_for_a_quantity(tmp_path: Path) -> None:
    line = (
        GOOD_LINE[:-1]
        + b', "parties": [{"id": "a", "name": "A"}], "provisions": [{"type": "exchange", '
        b'"id": "x", "releasing": "a", "released": "prisoners", "quantity": 1e400}]}'
    )
    rej = _between_good(tmp_path, line)
    (err,) = rej.errors
    assert err["path"] == "provisions[0].quantity"
    assert "finite number" in err["message"]


def test_integer_too_large_to_compute_with(tmp_path: Path) -> None:
    """A 401-digit count is refused by the model's bound on figures: rejected, not raised."""
    line = (
        GOOD_LINE[:-1]
        + b', "parties": [{"id": "a", "name": "A"}], "provisions": [{"type": "exchange", '
        b'"id": "x", "releasing": "a", "released": "prisoners", "quantity": 1' + b"0" * 400 + b"}]}"
    )
    rej = _between_good(tmp_path, line)
    (err,) = rej.errors
    assert err["path"] == "provisions[0].quantity"
    assert "must be at most 1,000,000,000,000,000" in err["message"]


def test_period_too_long_to_compute_with(tmp_path: Path) -> None:
    phases = [{"id": "p1", "start": "agreement.effective", "length": f"{10**20} days"}]
    phases[0]["counting"] = "ordinal"
    rej = _between_good(tmp_path, _with(phases=phases))
    assert rej.errors[0]["path"] == "phases[0].length.days"
    assert "must be less than or equal to 366000" in rej.errors[0]["message"]


def test_deeply_nested_json_line(tmp_path: Path) -> None:
    deep = b'{"notes": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    rej = _between_good(tmp_path, deep)
    (err,) = rej.errors
    assert err["code"] == "too-deep"
    assert "recursion limit" in err["message"]


def test_deeply_nested_mapping() -> None:
    record: dict[str, Any] = dict(GOOD)
    inner: dict[str, Any] = record
    for _ in range(100):
        inner["x"] = {}
        inner = inner["x"]
    out = list(validate_records([GOOD, record], source="api"))
    assert out[0].ok
    rej = out[1]
    assert isinstance(rej, Rejection) and rej.line == 2
    assert rej.errors[0]["code"] == "too-deep"
    assert "deeper than 64 levels" in rej.message


def test_huge_line_is_rejected_without_losing_the_next(tmp_path: Path) -> None:
    limits = Limits(max_record_bytes=2000, raw_chars=100)
    huge = _with(notes="x" * 50_000)
    out = _run(tmp_path, GOOD_LINE + b"\n" + huge + b"\n" + GOOD_LINE + b"\n", limits=limits)
    assert [o.ok for o in out] == [True, False, True]
    rej = out[1]
    assert isinstance(rej, Rejection) and rej.line == 2
    assert rej.errors[0]["code"] == "too-large"
    assert "at most 2,000 bytes" in rej.message
    assert rej.raw_truncated and rej.raw is not None and len(rej.raw) == 100


def test_huge_last_line_without_newline(tmp_path: Path) -> None:
    limits = Limits(max_record_bytes=2000)
    out = _run(tmp_path, GOOD_LINE + b"\n" + b"x" * 10_000, limits=limits)
    assert [(o.ok, o.line) for o in out] == [(True, 1), (False, 2)]


def test_default_record_limit_is_one_mebibyte(tmp_path: Path) -> None:
    rej = _between_good(tmp_path, _with(notes="x" * 1_100_000))
    assert "at most 1,048,576 bytes" in rej.message


def test_binary_garbage(tmp_path: Path) -> None:
    rej = _between_good(tmp_path, bytes(range(10)) + bytes(range(14, 256)))
    assert rej.errors[0]["code"] == "encoding"
    assert "must be UTF-8" in rej.message and "0x80" in rej.message


def test_ascii_garbage(tmp_path: Path) -> None:
    rej = _between_good(tmp_path, b"\x01\x02 hello ~~~")
    assert rej.errors[0]["code"] == "json-invalid"
    assert "expected value at line 1 column 1" in rej.message


def test_bom_at_start_of_file_is_skipped(tmp_path: Path) -> None:
    out = _run(tmp_path, b"\xef\xbb\xbf" + GOOD_LINE + b"\n" + GOOD_LINE + b"\n")
    assert [o.ok for o in out] == [True, True]
    assert out[0].raw == GOOD_LINE.decode()


def test_bom_inside_the_file_is_rejected(tmp_path: Path) -> None:
    rej = _between_good(tmp_path, b"\xef\xbb\xbf" + GOOD_LINE)
    assert rej.errors[0]["code"] == "bom"
    assert "byte-order mark" in rej.message


def test_utf16_file_is_rejected_line_by_line(tmp_path: Path) -> None:
    body = "\n".join([GOOD_LINE.decode()] * 2).encode("utf-16")
    out = _run(tmp_path, body)
    assert out and all(not o.ok for o in out)
    first = out[0]
    assert isinstance(first, Rejection) and first.line == 1
    assert "UTF-16 byte-order mark" in first.message


def test_blank_lines_are_rejected_and_counted(tmp_path: Path) -> None:
    out = _run(tmp_path, GOOD_LINE + b"\n\n   \n" + GOOD_LINE + b"\n")
    assert [(o.line, o.ok) for o in out] == [(1, True), (2, False), (3, False), (4, True)]
    for rej in out[1:3]:
        assert isinstance(rej, Rejection)
        assert rej.errors[0]["code"] == "blank-line"
        assert "must hold one JSON object (got an empty line)" in rej.message


def test_windows_line_endings_are_accepted(tmp_path: Path) -> None:
    out = _run(tmp_path, GOOD_LINE + b"\r\n" + GOOD_LINE + b"\r\n")
    assert [o.ok for o in out] == [True, True]


def test_invalid_utf8_inside_a_string(tmp_path: Path) -> None:
    line = json.dumps({**GOOD, "title": "Trêve"}, ensure_ascii=False).encode()
    line = line.replace("Trêve".encode(), b"Tr\xeave")  # Latin-1 ê: not UTF-8
    rej = _between_good(tmp_path, line)
    assert rej.errors[0]["code"] == "encoding"
    assert "byte 0xea" in rej.message
    assert rej.raw is not None
    assert rej.raw.encode("utf-8", "surrogateescape") == line


def test_a_json_array_is_not_a_record(tmp_path: Path) -> None:
    rej = _between_good(tmp_path, b"[1, 2]")
    assert rej.errors[0]["path"] == "<record>"
    assert "object" in rej.message


def test_check_errors_reject_the_record(tmp_path: Path) -> None:
    rej = _between_good(tmp_path, _with(phases=[GOOD["phases"][0], GOOD["phases"][0]]))
    assert rej.errors[0]["code"] == "duplicate-id"


def test_yaml_alias_bomb_is_rejected_at_its_line(tmp_path: Path) -> None:
    bomb = (
        "id: bomb\n"
        "title: Bomb\n"
        "zone: UTC\n"
        'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
        "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    )
    out = _run(tmp_path, bomb.encode(), name="bomb.yaml")
    rej = _only_rejection(out)
    assert rej.line == 5
    assert rej.errors[0]["code"] == "yaml-alias"
    assert "aliases are not accepted" in rej.message


def test_malformed_yaml(tmp_path: Path) -> None:
    out = _run(tmp_path, b"id: x\ntitle: [unclosed\nzone: UTC\n", name="bad.yaml")
    rej = _only_rejection(out)
    assert rej.errors[0]["code"] == "yaml-invalid" and rej.line is not None and rej.line >= 2


def test_yaml_list_items_carry_their_start_lines(tmp_path: Path) -> None:
    text = (
        "- id: a\n  title: A\n  zone: UTC\n"
        "- id: b\n  title: B\n  zone: Mars/Base\n"
        "- id: c\n  title: C\n  zone: UTC\n"
    )
    out = _run(tmp_path, text.encode(), name="list.yml")
    assert [(o.line, o.index, o.ok) for o in out] == [(1, 0, True), (4, 1, False), (7, 2, True)]


def test_json_list_items_carry_their_start_lines(tmp_path: Path) -> None:
    items = [GOOD, {**GOOD, "zone": "Nowhere/Land"}, GOOD]
    text = "[\n" + ",\n".join(json.dumps(i, indent=1) for i in items) + "\n]\n"
    out = _run(tmp_path, text.encode(), name="list.json")
    starts = [n + 1 for n, line in enumerate(text.splitlines()) if line == "{"]
    assert [o.line for o in out] == starts
    assert [o.ok for o in out] == [True, False, True]


def test_json_list_broken_midway_keeps_items_before_the_error(tmp_path: Path) -> None:
    text = "[\n" + json.dumps(GOOD) + ",\n" + '{"id": "x",,}\n]'
    out = _run(tmp_path, text.encode(), name="list.json")
    assert [o.ok for o in out] == [True, False]
    rej = out[1]
    assert isinstance(rej, Rejection) and rej.line == 3
    assert rej.errors[0]["code"] == "json-invalid"


def test_empty_document_is_one_rejection(tmp_path: Path) -> None:
    rej = _only_rejection(_run(tmp_path, b"\n\n", name="empty.yaml"))
    assert rej.errors[0]["code"] == "empty"


def test_document_over_the_size_limit(tmp_path: Path) -> None:
    limits = Limits(max_document_bytes=100)
    out = _run(tmp_path, json.dumps([GOOD, GOOD]).encode(), name="big.json", limits=limits)
    rej = _only_rejection(out)
    assert rej.errors[0]["code"] == "too-large" and "at most 100 bytes" in rej.message


@pytest.mark.parametrize("value", [42, None, ["a"], 3.5])
def test_records_that_are_not_objects(value: Any) -> None:
    (rej,) = validate_records([value])
    assert isinstance(rej, Rejection)
    assert rej.errors[0]["code"] == "not-an-object"


def test_text_with_a_lone_surrogate() -> None:
    (rej,) = validate_records(['{"id": "\ud800"}'])
    assert isinstance(rej, Rejection) and rej.errors[0]["code"] == "encoding"


@pytest.mark.parametrize(
    ("name", "body"),
    [("scalar.yaml", "just some words\n"), ("items.json", '[{"id": "x"}, "a string", 7]')],
)
def test_document_items_that_are_not_mappings(tmp_path: Path, name: str, body: str) -> None:
    out = _run(tmp_path, body.encode(), name=name)
    rejected = [o for o in out if isinstance(o, Rejection)]
    assert rejected and all(not o.ok for o in out)
    codes = [r.errors[0]["code"] for r in rejected]
    assert "not-an-object" in codes
    assert all(
        "must be a mapping of agreement fields" in r.message
        for r in rejected
        if r.errors[0]["code"] == "not-an-object"
    )


@pytest.mark.parametrize("zone", ["Asia", "America/Argentina", "A" * 300, "Etc/__init__/x"])
def test_zone_names_the_zone_database_chokes_on_are_rejections(zone: str) -> None:
    # folders of the database, names too long for the file system, tzdata's own modules
    line = json.dumps({"id": "x", "title": "X", "zone": zone})
    (out,) = validate_records([line])
    assert not out.ok
    assert out.errors[0]["path"] == "zone"
    assert "IANA time zone" in out.errors[0]["message"]


def test_an_unforeseen_validator_failure_is_a_rejection_not_a_crash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ceasefire_terms.pipeline import records

    def boom(*args: Any, **kwargs: Any) -> Any:
        raise KeyError("something nobody foresaw")

    monkeypatch.setattr(records, "findings", boom)
    outs = list(validate_records(['{"id": "x", "title": "X", "zone": "UTC"}', "{}"]))
    assert [o.ok for o in outs] == [False, False]
    first = outs[0]
    assert isinstance(first, Rejection)
    assert first.errors[0]["code"] == "internal-error"
    assert "KeyError" in first.errors[0]["got"]
    assert first.raw == '{"id": "x", "title": "X", "zone": "UTC"}'


def test_an_object_that_cannot_even_be_shown_is_still_reported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ceasefire_terms.pipeline import records

    class Opaque:
        def __str__(self) -> str:
            raise RuntimeError("no str")

        def __repr__(self) -> str:
            raise RuntimeError("no repr")

    class Hostile(dict[str, Any]):
        def items(self) -> Any:
            raise KeyError("no items")

        def __repr__(self) -> str:
            raise RuntimeError("no repr")

    def boom(*args: Any, **kwargs: Any) -> Any:
        raise KeyError("something nobody foresaw")

    # the validator fails on the mapping, and its raw text cannot be written either
    monkeypatch.setattr(records, "_validate_mapping", boom)
    outs = list(validate_records([Opaque(), Hostile(id="x"), {"id": "y"}]))
    assert [o.ok for o in outs] == [False, False, False]
    assert [o.index for o in outs] == [0, 1, 2]
    first, second, _ = outs
    assert isinstance(first, Rejection) and isinstance(second, Rejection)
    assert first.errors[0]["code"] == "not-an-object"
    assert first.raw == "<Opaque object that cannot be shown>"
    assert second.errors[0]["code"] == "internal-error"
    assert second.raw == "<Hostile object that cannot be shown>"
