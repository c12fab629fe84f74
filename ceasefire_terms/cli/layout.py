"""Tables laid out for the width of the output (issue #15).

A column is either a *key* (an id, a name, a number, a date: never wrapped, never split) or
*prose* (wrapped at spaces). Cells and titles are shown as written (a ``[/]`` in a title
from a record is text, not rich markup). :func:`fitted_table` tries two layouts and keeps
the one that prints fewer lines at the given width:

- the plain table, one column each, when every key fits whole beside prose columns of at
  least :data:`NARROWEST_PROSE` characters;
- a list, a row a paragraph: its first cell, then the others as ``header: value``,
  broken only at spaces, with a hanging indent (so no key without spaces is ever split; one
  longer than the whole width runs past it rather than being cut).

Output that is not a terminal and has no ``COLUMNS`` has no width limit (see
:func:`ceasefire_terms.cli.common.out`), so it always gets the plain table, a row a line.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

__all__ = ["NARROWEST_PROSE", "Col", "Hanging", "fitted_table", "printed_lines"]

NARROWEST_PROSE = 20
"""A prose column of the plain layout is never made narrower than this."""
INDENT = "    "
"""The hanging indent of a listed row's continuation lines."""
NBSP = "\u00a0"
"""Joins a listed cell's header to its value, so a line never ends between the two."""


@dataclass(frozen=True)
class Col:
    """A column: its header, whether it is a key (never split), and its justification."""

    header: str
    key: bool = False
    right: bool = False


class Hanging:
    """``prefix`` then ``text``, whose continuation lines stay right of the prefix; when the
    prefix takes more than half the width, the lines wrap under it instead. Both are shown
    as written (no markup is read)."""

    def __init__(self, prefix: str, text: str) -> None:
        self.prefix, self.text = prefix, text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if len(self.prefix) > options.max_width // 2:
            yield Text(self.prefix + self.text)
            return
        grid = Table.grid()
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        grid.add_row(Text(self.prefix), Text(self.text))
        yield grid


def printed_lines(renderable: RenderableType, width: int) -> int:
    """How many lines ``renderable`` takes when printed ``width`` columns wide."""
    console = Console(width=width, file=io.StringIO(), color_system=None)
    return len(console.render_lines(renderable, console.options, pad=False))


def fitted_table(
    title: str | None, cols: Sequence[Col], rows: Sequence[Sequence[str]], width: int | None
) -> RenderableType:
    """``rows`` under ``cols`` as a table for ``width`` columns (``None``: no limit)."""
    widest = [max([len(c.header), *(len(r[i]) for r in rows)]) for i, c in enumerate(cols)]
    frame = 3 * len(cols) + 1  # each cell's padding and rule, and the closing rule
    natural = sum(widest) + frame
    keys = sum(w for w, c in zip(widest, cols, strict=True) if c.key)
    prose = sum(not c.key for c in cols)
    plain: Table | None = None
    if width is None or natural <= width or keys + frame + NARROWEST_PROSE * prose <= width:
        plain = Table(title=None if title is None else Text(title))
        for c, w in zip(cols, widest, strict=True):
            plain.add_column(
                c.header,
                justify="right" if c.right else "left",
                no_wrap=c.key,
                min_width=w if c.key else None,
                overflow="fold",
            )
        for row in rows:
            plain.add_row(*(Text(cell) for cell in row))  # as written: no markup is read
        if width is None or natural <= width:
            return plain
    listed = _listed(title, cols, rows, width)
    if plain is None:
        return listed
    layouts: list[RenderableType] = [plain, listed]
    return min(layouts, key=lambda layout: printed_lines(layout, width))


def _listed(
    title: str | None, cols: Sequence[Col], rows: Sequence[Sequence[str]], width: int
) -> Group:
    """Each row as a paragraph with a hanging indent, broken only at spaces."""
    lines = [Text(title, style="bold")] if title else []
    for row in rows:
        cells = [f"{c.header}:{NBSP}{v}" for c, v in zip(cols[1:], row[1:], strict=True) if v]
        text = (f"{row[0]}  " if row[0] else INDENT) + " · ".join(cells)
        wrapped = textwrap.wrap(
            text,
            width=width,
            subsequent_indent=INDENT,
            break_long_words=False,
            break_on_hyphens=False,
        )
        lines.extend(Text(line) for line in wrapped)
    return Group(*lines)
