"""The ``examples`` and ``conformance`` commands, and ``--example`` on ``timeline``, ``status``
and ``check``, run in-process."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from ceasefire_terms import examples
from ceasefire_terms.cli.app import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]


def test_examples_lists_every_bundled_agreement() -> None:
    result = runner.invoke(app, ["examples", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["name"] for r in rows] == list(examples.names())
    by_name = {r["name"]: r for r in rows}
    assert by_name["black-sea-grain-2022"]["amendments"] == 4
    assert by_name["lebanon-2024"]["zone"] == "Asia/Beirut"


def test_examples_table_names_them() -> None:
    result = runner.invoke(app, ["examples"])
    assert result.exit_code == 0
    for name in ("gaza-2025", "lebanon-2024", "black-sea-grain-2022"):
        assert name in result.stdout


def test_timeline_example_works_like_a_file() -> None:
    result = runner.invoke(app, ["timeline", "--example", "lebanon-2024", "--format", "json"])
    assert result.exit_code == 0, result.output
    events = {e["id"]: e for e in json.loads(result.stdout)["events"]}
    assert events["agreement.effective"]["at_utc"] == "2024-11-27T02:00:00+00:00"
    assert events["transition.end"]["date"] == "2025-02-18"
    original = runner.invoke(
        app, ["timeline", "--example", "lebanon-2024", "--original", "--format", "json"]
    )
    ends = {e["id"]: e for e in json.loads(original.stdout)["events"]}
    assert ends["transition.end"]["at_utc"] == "2025-01-26T02:00:00+00:00"


def test_timeline_unknown_example_is_a_usage_error() -> None:
    result = runner.invoke(app, ["timeline", "--example", "atlantis-1999"])
    assert result.exit_code == 2
    assert "atlantis-1999" in result.output and "gaza-2025" in result.output
    assert "Traceback" not in result.output


def test_conformance_json_and_exit_code() -> None:
    result = runner.invoke(app, ["conformance", "black-sea-grain-2022", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {r["agreement"] for r in rows} == {"black-sea-grain-2022"}
    statuses = {(r["event"], r["published"]): r["status"] for r in rows}
    assert statuses[("renewal-nov-2022.end", "2023-03-19")] == "agrees"
    assert statuses[("renewal-nov-2022.end", "2023-03-18")] == "disputed"


def test_conformance_table_summarises_all() -> None:
    result = runner.invoke(app, ["conformance"])
    assert result.exit_code == 0, result.output
    assert "0 differ without explanation" in result.stdout
    assert "(as first agreed)" in result.stdout


def test_conformance_markdown_matches_the_library() -> None:
    from ceasefire_terms.conformance import conformance_markdown

    result = runner.invoke(app, ["conformance", "gaza-2025", "--format", "markdown"])
    assert result.exit_code == 0
    assert result.stdout == conformance_markdown([examples.load("gaza-2025")])


def test_conformance_usage_errors() -> None:
    bad_name = runner.invoke(app, ["conformance", "nowhere-2000"])
    assert bad_name.exit_code == 2 and "nowhere-2000" in bad_name.output
    bad_format = runner.invoke(app, ["conformance", "--format", "xml"])
    assert bad_format.exit_code == 2 and "xml" in bad_format.output


def test_status_and_check_take_a_bundled_example() -> None:
    result = runner.invoke(
        app, ["status", "--example", "karabakh-2020", "--on", "2020-11-25", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert "kalbajar-handover" in [e["id"] for e in data["due"]]
    ok = runner.invoke(app, ["check", "--example", "karabakh-2020"])
    assert ok.exit_code == 0, ok.output
    # the Gaza record has one warning (the ratio gap): exit 1 only with --strict
    gaza = runner.invoke(app, ["check", "--example", "gaza-2025", "--format", "json"])
    assert gaza.exit_code == 0
    assert [w["code"] for w in json.loads(gaza.stdout)["warnings"]] == ["ratio-total"]
    strict = runner.invoke(app, ["check", "--example", "gaza-2025", "--strict"])
    assert strict.exit_code == 1


def test_status_and_check_need_a_file_or_an_example_but_not_both() -> None:
    for args in (
        ["status", "--on", "2020-11-25"],
        ["check"],
        ["check", "examples/gaza_2025.yaml", "--example", "gaza-2025"],
        ["status", "--example", "atlantis-1999", "--on", "2020-11-25"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output


def test_conformance_takes_a_users_file(tmp_path: Path) -> None:
    """A user's record is compared like a bundled one: a published end that differs from the
    computed one without a disputed reading is exit 1; the bundled Gaza file agrees (exit 0)."""
    from ceasefire_terms.cli.new_cmd import template_text

    text = template_text().replace(
        "    counting: ordinal                 # ordinal (day 1 = start day) | following | "
        "elapsed\n",
        "    counting: ordinal\n    reported_end: [{date: 2025-03-05, sources: [deal-text]}]\n",
    )
    assert "reported_end" in text
    mine = tmp_path / "mine.yaml"
    mine.write_text(text)
    result = runner.invoke(app, ["conformance", str(mine), "--format", "json"])
    assert result.exit_code == 1, result.output
    rows = json.loads(result.output)
    assert [r["published"] for r in rows] == ["2025-03-05"]
    gaza = runner.invoke(app, ["conformance", str(ROOT / "examples" / "gaza_2025.yaml")])
    assert gaza.exit_code == 0, gaza.output
