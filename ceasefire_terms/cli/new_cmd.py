"""``ceasefire-terms new``: start a record from a small commented template or a bundled example.

Exit codes: 0 written; 2 a usage error (the file exists, an unknown example, unwritable path).
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer

from .common import fail, output_file
from .common import out as _out
from .help import complete_example

__all__ = ["register", "template_text"]


def template_text() -> str:
    """The commented template that ``new`` writes (it passes ``check``)."""
    return (
        resources.files("ceasefire_terms")
        .joinpath("data/templates/agreement.yaml")
        .read_text(encoding="utf-8")
    )


def new_cmd(
    file: Annotated[Path, typer.Argument(help="Where to write the new record (.yaml).")],
    from_example: Annotated[
        str | None,
        typer.Option(
            "--from-example",
            metavar="NAME",
            autocompletion=complete_example,
            help="Copy a bundled agreement (see 'ceasefire-terms examples') instead of the "
            "template.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
) -> None:
    """Start a new agreement record in FILE.

    A small commented template that passes 'check', or a copy of a bundled example."""
    if os.path.exists(file) and not force:
        fail(f"'{file}' already exists; choose another name or pass --force")
    if from_example is None:
        text = template_text()
    else:
        from .. import examples
        from ..errors import CeasefireTermsError

        try:
            text = examples.text(from_example)
        except CeasefireTermsError as exc:
            fail(str(exc))
    with output_file("FILE", file) as f:
        f.write(text)
    _out().print(f"wrote {file}; next: ceasefire-terms check {file}", highlight=False)


def register(app: typer.Typer) -> None:
    app.command(name="new")(new_cmd)
