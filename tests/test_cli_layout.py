"""How the command line lays its tables out for the width it is given (issue #15).

The width is ``COLUMNS`` when it is set, terminal or not; output that is not a terminal and
has no ``COLUMNS`` is not wrapped at all (see :func:`ceasefire_terms.cli.common.out`). The
runner's standard output is not a terminal, so these tests are the piped case.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from ceasefire_terms import examples
from ceasefire_terms.cli.app import app, timeline_table
from ceasefire_terms.cli.common import UNLIMITED_WIDTH, columns, out

runner = CliRunner()
NAMES = examples.names()


def _run(args: list[str], width: int | None) -> str:
    env = {"COLUMNS": None if width is None else str(width)}
    result = runner.invoke(app, args, env=env)
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    return result.stdout


@pytest.mark.parametrize("width", [44, 60, 80, 100, 160])
@pytest.mark.parametrize("name", NAMES)
def test_timeline_fits_the_width_and_never_splits_an_id(name: str, width: int) -> None:
    text = _run(["timeline", "--example", name], width)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= width
    timeline = examples.load(name).timeline()
    assert timeline.events
    for e in timeline.events:
        assert e.id in text, f"{e.id} is split or missing at {width} columns"
        assert e.date.isoformat() in text


def test_timeline_at_80_columns_is_much_shorter_than_before() -> None:
    """Before issue #15 the five fixed columns took 70 lines for gaza-2025's 13 events at 80
    columns (measured in a terminal: the rule column was 14 characters wide). Folded, an
    event takes two lines (label and id; rule), and a third only when one of them is longer
    than the event column (66 characters); the title, header and its rule add three."""
    for name in NAMES:
        events = len(examples.load(name).timeline().events)
        lines = _run(["timeline", "--example", name], 80).splitlines()
        assert len(lines) <= 3 * events + 3, name
    assert len(_run(["timeline", "--example", "gaza-2025"], 80).splitlines()) <= 70 // 2


def test_piped_without_columns_keeps_one_event_a_line() -> None:
    """Not a terminal and no COLUMNS: nothing wraps, so grep sees whole rows."""
    for name in NAMES:
        events = examples.load(name).timeline().events
        text = _run(["timeline", "--example", name], None)
        rows = [[c.strip() for c in line.split("│")[1:-1]] for line in text.splitlines()]
        rows = [r for r in rows if len(r) == 5 and r[0]]  # a date starts each event's row
        assert [r[3] for r in rows] == [e.id for e in events], name
        assert [r[2] for r in rows] == [e.label for e in events], name
        assert [r[4] for r in rows] == [e.rule for e in events], name


def test_columns_is_honoured_when_piped() -> None:
    wide = _run(["timeline", "--example", "gaza-2025"], None)
    narrow = _run(["timeline", "--example", "gaza-2025"], 100)
    assert max(len(line) for line in wide.splitlines()) > 100
    assert max(len(line) for line in narrow.splitlines()) <= 100


@pytest.mark.parametrize(
    ("value", "expected"), [("80", 80), (" 120 ", 120), ("0", None), ("wide", None), ("", None)]
)
def test_columns_reads_only_a_positive_whole_number(
    value: str, expected: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", value)
    assert columns() == expected
    assert out().width == (expected or UNLIMITED_WIDTH)  # the runner's stdout is no terminal


def test_unlimited_width_gives_the_five_column_table() -> None:
    t = examples.load("gaza-2025").timeline()
    headers = [str(c.header) for c in timeline_table(t).columns]
    assert headers == ["date", "time", "event", "id", "rule"]
    assert len(timeline_table(t, 80).columns) == 2
