"""The ``extract`` command, run in-process on a tiny app built with ``register``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from ceasefire_terms.cli.extract_cmd import register

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_5c71c5f11eb688dd.txt"


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    a = typer.Typer()

    @a.callback()
    def _root() -> None:
        """Test app."""

    register(a)
    return a


def run(app: typer.Typer, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_json_mentions(app: typer.Typer) -> None:
    code, out, _ = run(app, "extract", str(SEED), "--published", "2025-02-03", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert {"kind": "duration", "text": "42-day phase"}.items() <= data[
        next(i for i, m in enumerate(data) if m["text"] == "42-day phase")
    ].items()
    assert any(m["canonical"] == "2025-01-19" for m in data)


def test_table_mentions(app: typer.Typer) -> None:
    code, out, _ = run(app, "extract", str(SEED), "--published", "2025-02-03")
    assert code == 0
    assert "approximately 1,900 Palestinian prisoners" in out


def test_draft_json(app: typer.Typer) -> None:
    code, out, _ = run(
        app, "extract", str(SEED), "--published", "2025-02-03", "--draft",
        "--zone", "Asia/Jerusalem", "--format", "json",
    )  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert data["agreement"]["effective"] == "2025-01-19"
    assert data["agreement"]["phases"][0]["length"] == "42 days"


def test_draft_table(app: typer.Typer) -> None:
    code, out, _ = run(app, "extract", str(SEED), "--published", "2025-02-03", "--draft")
    assert code == 0
    assert "phase-1" in out and "assumption: zone" in out


def test_draft_table_shows_batches_rates_and_ratios(app: typer.Typer, tmp_path: Path) -> None:
    article = tmp_path / "deal.txt"
    article.write_text(
        "Israel and Hamas agreed a ceasefire whose first phase of 42 days took effect on "
        "January 19. Hamas will release 33 Israeli hostages, 3 on day 1 and 4 on day 7. "
        "Israel will allow 600 aid trucks a day into Gaza, of which 50 carry fuel and 300 go "
        "to the north.",
        encoding="utf-8",
    )
    code, out, _ = run(app, "extract", str(article), "--published", "2025-02-03", "--draft")
    assert code == 0
    flat = " ".join(out.split())  # the table wraps long cells
    assert "batches: 3 on day 1 of phase-1, 4 on day 7 of phase-1" in flat
    assert "600 aid trucks a day per 1 day (fuel 50, north 300)" in flat
    assert "None" not in out
    # the quoted words of the batches and parts are shown with their provision
    assert "33 Israeli hostages; 3 on day 1; 4 on day 7" in flat
    assert "50 carry fuel; 300 go to the north" in flat


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["extract", "no-such-file.txt"], "cannot read"),
        (["extract", str(SEED), "--published", "soon"], "'published' must be a date"),
        (["extract", str(SEED), "--draft", "--zone", "Mars/Base"], "IANA time zone"),
    ],
)
def test_bad_input_exits_2_with_one_line(app: typer.Typer, args: list[str], message: str) -> None:
    code, out, err = run(app, *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err + out
