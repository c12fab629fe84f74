"""Validate agreement records at scale: streaming, line-numbered, nothing lost.

- :func:`validate_records` validates an iterable of records (mappings, JSON text or bytes);
- :func:`validate_files` validates JSON Lines, JSON and YAML files (``-`` is standard input);
- each yields, per input record and in order, a :class:`ValidRecord` (with its warnings) or
  a :class:`Rejection` (source, line, every error with path, expected and got, and the raw
  text);
- :class:`Summary` counts them (``read == valid + rejected``, always);
- ``jobs=N`` validates in N processes with the same outcomes in the same order.

This package uses only the standard library and the core; the Dask integration lives in
:mod:`ceasefire_terms.integrations.dask`.
"""

from __future__ import annotations

from .records import (
    Outcome,
    Rejection,
    Summary,
    ValidRecord,
    validate_files,
    validate_raw,
    validate_records,
)
from .sources import DEFAULT_LIMITS, Limits, RawRecord, iter_source

__all__ = [
    "DEFAULT_LIMITS",
    "Limits",
    "Outcome",
    "RawRecord",
    "Rejection",
    "Summary",
    "ValidRecord",
    "iter_source",
    "validate_files",
    "validate_raw",
    "validate_records",
]
