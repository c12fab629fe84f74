"""The model's only arrows outward: the few methods of the record that need the date engine or
the HTML display reach them through the functions here, never by importing those packages
themselves (``tests/test_architecture.py`` enforces it; ``docs/architecture.md`` draws the
layers).

The engine and the display import the model at module level. The model imports them only
here, and only inside a function, when a method such as :meth:`Agreement.timeline` or
``_repr_html_`` is first called, so that importing :mod:`ceasefire_terms.model` never loads
the engine, and no module of the model is part of an import cycle.

==========================  ==============================================================
function                    used by
==========================  ==============================================================
:func:`resolve`             ``Agreement.timeline``, ``status_on``, ``day``, ``day_of``
:func:`agreement_html`      ``Agreement._repr_html_``
:func:`quantity_html`       ``Quantity._repr_html_``
==========================  ==============================================================
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # names for annotations only; nothing is imported at run time
    from ..dates.resolve import Status, Timeline
    from .agreement import Agreement
    from .quantity import Quantity

__all__ = ["Status", "Timeline", "agreement_html", "quantity_html", "resolve"]


def resolve(agreement: Agreement, *, amended: bool = True, renewals: int = 0) -> Timeline:
    """The agreement's timeline, computed by :func:`ceasefire_terms.dates.resolve.resolve`."""
    from ..dates.resolve import resolve as _resolve

    return _resolve(agreement, amended=amended, renewals=renewals)


def agreement_html(agreement: Agreement) -> str:
    """The notebook view of an agreement (:func:`ceasefire_terms.display.agreement_html`)."""
    from ..display import agreement_html as _html

    return _html(agreement)


def quantity_html(quantity: Quantity) -> str:
    """The notebook view of a figure (:func:`ceasefire_terms.display.quantity_html`)."""
    from ..display import quantity_html as _html

    return _html(quantity)
