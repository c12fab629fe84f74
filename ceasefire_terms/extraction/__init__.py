"""From news text to typed mentions: durations, quantities, dates, times, day references and
actors, each tied to its exact span in the text.

>>> from ceasefire_terms.extraction import extract
>>> [m.text for m in extract("Talks must begin no later than the 16th day of the first phase.")]
['no later than the 16th day of the first phase']
"""

from __future__ import annotations

from .draft import Draft, Unplaced, draft_from_text
from .engine import extract
from .mentions import DatePrecision, DaysAndClock, Mention, MentionKind, PartialDate
from .numbers import parse_number, parse_ordinal
from .vocabulary import Actor, Vocabulary

__all__ = [
    "Actor",
    "DatePrecision",
    "DaysAndClock",
    "Draft",
    "Mention",
    "MentionKind",
    "PartialDate",
    "Unplaced",
    "Vocabulary",
    "draft_from_text",
    "extract",
    "parse_number",
    "parse_ordinal",
]
