"""Crosswalks between agreement records and the reference datasets researchers use.

- :mod:`~ceasefire_terms.crosswalk.ethprio`: rows shaped like the ETH/PRIO Civil Conflict
  Ceasefire dataset (one per actor; dates split into year/month/day, -1 for unknown);
- :mod:`~ceasefire_terms.crosswalk.pax`: rows shaped like PA-X and the UCDP Peace Agreement
  Dataset (date, parties, provision flags);
- :mod:`~ceasefire_terms.crosswalk.flags`: the provision flags read from a record.

Exports write -1 for what the record does not know. Imports give a :class:`Draft`: an
:class:`~ceasefire_terms.Agreement` holding every field that maps, with partial dates kept
at their precision (nothing imputed), plus the flags and the unmapped columns. Which fields
map and which do not is documented in ``docs/crosswalk.md``.
"""

from __future__ import annotations

from ._common import UNKNOWN, Draft, ProvisionFlags
from .ethprio import ETHPRIO_COLUMNS, ETHPRIO_PURPOSES, from_ethprio_rows, to_ethprio_rows
from .flags import provision_flags
from .pax import (
    PAX_COLUMNS,
    PAX_FLAGS,
    UCDP_COLUMNS,
    UCDP_FLAGS,
    from_pax_row,
    from_ucdp_row,
    to_pax_row,
    to_ucdp_row,
)

__all__ = [
    "ETHPRIO_COLUMNS",
    "ETHPRIO_PURPOSES",
    "PAX_COLUMNS",
    "PAX_FLAGS",
    "UCDP_COLUMNS",
    "UCDP_FLAGS",
    "UNKNOWN",
    "Draft",
    "ProvisionFlags",
    "from_ethprio_rows",
    "from_pax_row",
    "from_ucdp_row",
    "provision_flags",
    "to_ethprio_rows",
    "to_pax_row",
    "to_ucdp_row",
]
