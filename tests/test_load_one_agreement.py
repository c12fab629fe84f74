"""``load_agreement`` reads one agreement: from YAML, JSON, or a JSON Lines file of one line.
A file of several records says what it holds and where records are read in bulk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import ceasefire_terms as ct
from ceasefire_terms import examples
from ceasefire_terms.cli.app import app


def _lines(path: Path, n: int) -> Path:
    base = examples.load("gaza-2025").model_dump(mode="json", exclude_none=True)
    with open(path, "w", encoding="utf-8") as f:
        for k in range(n):
            f.write(json.dumps({**base, "id": f"gaza-{k}"}) + "\n\n")  # blank lines ignored
    return path


def test_a_json_lines_file_of_one_record_loads(tmp_path: Path) -> None:
    a = ct.load_agreement(_lines(tmp_path / "one.jsonl", 1))
    assert a.id == "gaza-0"
    assert a.timeline()["phase-1.end"].date == examples.load("gaza-2025").timeline()[
        "phase-1.end"
    ].date


@pytest.mark.parametrize("suffix", [".jsonl", ".ndjson"])
def test_a_json_lines_file_of_several_records_says_how_many(tmp_path: Path, suffix: str) -> None:
    path = _lines(tmp_path / f"many{suffix}", 3)
    with pytest.raises(ct.InputError) as info:
        ct.load_agreement(path)
    message = str(info.value)
    assert "JSON Lines of 3 records" in message and "validate_files" in message
    assert info.value.path == str(path)


@pytest.mark.parametrize(
    ("name", "text", "what"),
    [
        ("list.json", '[{"id": "a"}, {"id": "b"}]', "a list of 2 records"),
        ("list.yaml", "- id: a\n", "a list of 1 record:"),
    ],
)
def test_a_list_document_is_not_one_agreement(
    tmp_path: Path, name: str, text: str, what: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ct.InputError, match=what):
        ct.load_agreement(path)


def test_the_one_agreement_commands_give_one_line_and_exit_2(tmp_path: Path) -> None:
    path = _lines(tmp_path / "many.jsonl", 2)
    for command in ("timeline", "check", "status"):
        result = CliRunner().invoke(app, [command, str(path)])
        assert result.exit_code == 2, (command, result.output)
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and "JSON Lines of 2 records" in lines[0], result.output
