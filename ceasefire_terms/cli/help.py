"""How ``--help`` names values and wraps prose, for every command in one place.

typer 0.2x prints each parameter's Python type in help (``<bool>`` beside a flag,
``<list[str]>``, ``<path>``) and puts a required argument in braces in the usage line
(``{file}``), unless the parameter has a ``metavar``. :class:`Group` is the application's
group class (``typer.Typer(cls=Group)``); it settles every parameter of itself and of each
of its commands before they are shown or parsed:

- a flag shows no value at all (``--strict``);
- an option shows its declared ``metavar`` (``--on DATE``), else its choices
  (``[table|json]``), else ``INTEGER``, ``PATH`` or ``TEXT``;
- an argument is named in capitals (``FILE``, ``FILES...``), with its choices when it has
  them, ``[FILE]`` in the usage line when it may be left out.

Shell completion (``--install-completion``) completes commands, options, choices and, with
:func:`complete_example`, the names of the bundled agreements.

It also joins the lines of each paragraph of a command's docstring, so help is wrapped to the
terminal and not at the docstring's own line ends (a paragraph that starts with ``\\b`` is
kept as written).
"""

from __future__ import annotations

import inspect
from typing import Any

from typer.core import TyperArgument, TyperGroup, TyperOption

__all__ = ["Group", "complete_example", "tidy_help"]


def tidy_help(text: str | None) -> str | None:
    """``text`` with each paragraph on one line (paragraphs stay apart; ``\\b`` ones kept)."""
    if not text:
        return text
    paragraphs = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(p if p.startswith("\b") else " ".join(p.split()) for p in paragraphs)


def _choices(param: Any) -> list[str] | None:
    """The values a parameter accepts, when it is a choice (typer 0.2x, or click's Choice)."""
    desc = getattr(param, "type_descriptor", None)
    found = None
    if desc is not None and getattr(desc, "is_choice", False):
        found = desc.choices
    elif desc is None:
        found = getattr(getattr(param, "type", None), "choices", None)
    return [str(getattr(c, "value", c)) for c in found] if found else None


def _value_name(param: Any) -> str:
    choices = _choices(param)
    if choices:
        return "[" + "|".join(choices) + "]"
    desc = getattr(param, "type_descriptor", None)
    kind = getattr(desc, "annotation", None) if desc is not None else None
    name = getattr(getattr(param, "type", None), "name", "")
    if kind is int or name == "integer":
        return "INTEGER"
    if getattr(desc, "is_path", False) or name == "path":
        return "PATH"
    return "TEXT"


class _Argument(TyperArgument):
    """An argument as this command line shows it: its capitalised name, no Python type."""

    def display_type_rich(self, ctx: Any) -> str | None:
        choices = _choices(self)
        return "[" + "|".join(choices) + "]" if choices else None

    def get_usage_pieces(self, ctx: Any) -> list[str]:
        name = self.metavar or (self.name or "").upper()
        return [name if self.required else f"[{name}]"]


def _settle(param: Any) -> None:
    """Give ``param`` its help name (see the module's docstring); harmless if repeated."""
    if isinstance(param, TyperArgument):
        if param.metavar is None:
            name = (param.name or "value").upper()
            param.metavar = name + ("..." if param.nargs != 1 else "")
        if type(param) is TyperArgument:
            # typer builds its own parameter objects and takes no class for them; the
            # subclass adds no state, only how the argument is named in help and usage.
            param.__class__ = _Argument
    elif isinstance(param, TyperOption) and param.metavar is None:
        param.metavar = "" if param.is_flag else _value_name(param)


def complete_example(incomplete: str) -> list[str]:
    """Shell completion for a bundled agreement's name (``--example``, ``--from-example``)."""
    from .. import examples

    return [n for n in examples.names() if n.startswith(incomplete)]


class Group(TyperGroup):
    """The application's group: every command's parameters and help settled for display."""

    def get_params(self, ctx: Any) -> list[Any]:
        params: list[Any] = super().get_params(ctx)
        for p in params:
            _settle(p)
        return params

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            for p in command.get_params(ctx):
                _settle(p)
            command.help = tidy_help(command.help)
        return command
