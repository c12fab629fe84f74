"""How the command line lays its tables out for the width it is given (issue #15).

The width is ``COLUMNS`` when it is set, terminal or not; output that is not a terminal and
has no ``COLUMNS`` is not wrapped at all (see :func:`ceasefire_terms.cli.common.out`). The
runner's standard output is not a terminal, so these tests are the piped case.
"""

from __future__ import annotations

import io
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.table import Table
from typer.testing import CliRunner

from ceasefire_terms import examples
from ceasefire_terms.cli.app import app, timeline_table
from ceasefire_terms.cli.common import UNLIMITED_WIDTH, columns, out
from ceasefire_terms.cli.layout import Col, Hanging, fitted_table

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


@pytest.mark.parametrize("width", [60, 80, 100])
def test_examples_and_conformance_fit_and_keep_names_whole(width: int) -> None:
    """Before issue #15, at 80 columns the examples table took 63 lines for 9 agreements
    and the conformance table 216 for 51 published dates, folding names mid-word. A row now
    takes at most three lines at 80 columns (a listed row is about 150 characters), and
    every name, event id and date is printed whole."""
    listing = _run(["examples"], width)
    assert max(len(line) for line in listing.splitlines()) <= width
    for name in NAMES:
        assert name in listing
    published = json.loads(runner.invoke(app, ["conformance", "-f", "json"]).stdout)
    text = _run(["conformance"], width)
    assert max(len(line) for line in text.splitlines()) <= width
    for r in published:
        assert r["event"] in text and r["agreement"] in text
    if width == 80:
        assert len(listing.splitlines()) <= 3 * len(NAMES) + 1
        assert len(text.splitlines()) <= 3 * len(published) + 2


def test_examples_piped_without_columns_is_a_row_a_line() -> None:
    text = _run(["examples"], None)
    for a in (examples.load(n) for n in NAMES):
        row = [line for line in text.splitlines() if f"│ {a.id} " in line]
        assert len(row) == 1 and a.title in row[0] and a.zone in row[0]


WORD = st.text(alphabet="abcdefghij", min_size=1, max_size=30)
KEY = st.from_regex(r"[a-z][a-z0-9.\-_]{0,24}", fullmatch=True)


@settings(max_examples=100, deadline=None)
@given(
    rows=st.lists(st.tuples(KEY, st.lists(WORD, max_size=12).map(" ".join), KEY, WORD), max_size=8),
    width=st.integers(min_value=40, max_value=160),
)
def test_fitted_table_never_splits_a_key(rows: list[tuple[str, str, str, str]], width: int) -> None:
    cols = [Col("id", key=True), Col("text"), Col("code", key=True), Col("note")]
    console = Console(width=width, file=io.StringIO(), color_system=None)
    with console.capture() as captured:
        console.print(fitted_table("t", cols, [list(r) for r in rows], width))
    text = captured.get()
    assert max((len(line) for line in text.splitlines()), default=0) <= width
    for key in (k for r in rows for k in (r[0], r[2])):
        assert re.search(rf"(?<![\w.\-]){re.escape(key)}(?![\w.\-])", text), key


@pytest.mark.parametrize("width", [None, 40, 80])
def test_cells_and_titles_are_shown_as_written(width: int | None) -> None:
    """Text from records and files is never read as rich markup ('[/]' would crash)."""
    rows = [["[/]", "a [red]title[/red] with [bold]", "[x]"], ["b", "plain", "[/bold]"]]
    cols = [Col("id", key=True), Col("title"), Col("code", key=True)]
    console = Console(width=width or UNLIMITED_WIDTH, file=io.StringIO(), color_system=None)
    with console.capture() as captured:
        console.print(fitted_table("[/] title", cols, rows, width))
    text = " ".join(captured.get().split())
    for cell in ("[/]", "[red]title[/red]", "[bold]", "[x]", "[/bold]", "[/] title"):
        assert cell in text


def test_hanging_lines_stay_right_of_their_prefix() -> None:
    message = "a finding [/] " + " ".join(f"word{i}" for i in range(40))
    console = Console(width=60, file=io.StringIO(), color_system=None)
    with console.capture() as captured:
        console.print(Hanging("  warning: ", message))
    lines = captured.get().splitlines()
    assert len(lines) > 2 and lines[0].startswith("  warning: a finding [/] ")
    assert all(line.startswith(" " * len("  warning: ")) for line in lines[1:])
    assert " ".join(" ".join(lines).split()) == "warning: " + message
    with console.capture() as captured:
        console.print(Hanging("  " + "x" * 40 + ": ", message))  # over half the width
    lines = captured.get().splitlines()
    assert max(len(line) for line in lines) <= 60 and not lines[1].startswith(" ")


def test_a_table_that_fits_is_printed_plain_even_with_short_prose() -> None:
    """Short prose columns (under the 20-character floor) must not stop a table that fits."""
    t = examples.load("gaza-2025").timeline()
    short = t.model_copy(
        update={"events": tuple(e.model_copy(update={"label": "x", "rule": "y"}) for e in t.events)}
    )
    natural = 10 + 10 + 5 + max(len(e.id) for e in t.events) + 4 + 3 * 5 + 1
    assert len(timeline_table(short, natural).columns) == 5
    cols = [Col("id", key=True), Col("note")]
    rows = [["agreement.effective_scheduled", "ok"]]
    table = fitted_table(None, cols, rows, 29 + 4 + 7)
    assert isinstance(table, Table) and len(table.columns) == 2
