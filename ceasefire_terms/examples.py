"""Real agreements shipped with the package, each fact cited to where it was reported.

The records live in ``ceasefire_terms/data/agreements/<id>.yaml`` and are read with
:mod:`importlib.resources`, so they work from an installed wheel. ``docs/conformance.md``
compares every published date in them with the date the library computes.

>>> "black-sea-grain-2022" in names()
True
>>> load("lebanon-2024").timeline()["agreement.effective"].at.isoformat()
'2024-11-27T04:00:00+02:00'
>>> load("atlantis-1999")
Traceback (most recent call last):
...
ceasefire_terms.errors.UnknownReferenceError: 'example' must be the name of a bundled \
agreement (got 'atlantis-1999'); known names: black-sea-grain-2022, gaza-2025, \
gaza-pause-2023, karabakh-2020, lebanon-2024, russia-easter-truce-2025, \
russia-energy-moratorium-2025, russia-victory-day-truce-2025, sudan-jeddah-2023
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from .errors import UnknownReferenceError
from .io.load import parse_agreement, read_yaml
from .model.agreement import Agreement

__all__ = ["load", "load_all", "names", "text"]

_PACKAGE = "ceasefire_terms.data.agreements"
_SUFFIX = ".yaml"


@cache
def names() -> tuple[str, ...]:
    """The ids of the bundled agreements, sorted."""
    folder = resources.files("ceasefire_terms").joinpath("data", "agreements")
    return tuple(
        sorted(
            entry.name.removesuffix(_SUFFIX)
            for entry in folder.iterdir()
            if entry.name.endswith(_SUFFIX)
        )
    )


def text(name: str) -> str:
    """The YAML text of a bundled agreement (comments included)."""
    if name not in names():
        raise UnknownReferenceError(
            "must be the name of a bundled agreement",
            path="example",
            got=name,
            hint=f"known names: {', '.join(names())}",
        )
    file = resources.files("ceasefire_terms").joinpath("data", "agreements", name + _SUFFIX)
    return file.read_text(encoding="utf-8")


@cache
def load(name: str) -> Agreement:
    """The bundled agreement ``name`` (see :func:`names`);
    :class:`~ceasefire_terms.errors.UnknownReferenceError` for an unknown name."""
    source = f"{_PACKAGE}/{name}{_SUFFIX}"
    return parse_agreement(read_yaml(text(name), source=source), source=source)


def load_all() -> tuple[Agreement, ...]:
    """Every bundled agreement, in the order of :func:`names`."""
    return tuple(load(n) for n in names())
