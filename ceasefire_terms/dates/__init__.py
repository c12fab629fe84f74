"""The date engine: business-day rules, arithmetic and resolution to a timeline.

The vocabulary of conventions (counting, rolls, month ends, DST policies, business calendars)
is part of the record: :mod:`ceasefire_terms.model.conventions`. Resolution
(:mod:`ceasefire_terms.dates.resolve`) imports the model; import it from there or use
:meth:`Agreement.timeline`.
"""

from .conventions import roll

__all__ = ["roll"]
