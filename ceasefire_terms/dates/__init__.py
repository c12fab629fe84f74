"""The date engine: counting conventions, business-day rules, arithmetic and resolution.

Resolution (:mod:`ceasefire_terms.dates.resolve`) imports the model; import it from there or
use :meth:`Agreement.timeline`.
"""

from .conventions import BusinessCalendar, Counting, DstPolicy, MonthEnd, Roll, roll

__all__ = ["BusinessCalendar", "Counting", "DstPolicy", "MonthEnd", "Roll", "roll"]
