"""Limits of the record that the command line states in its options and help, in a module
that imports nothing, so that building the command line does not load the model."""

from __future__ import annotations

__all__ = ["MAX_RENEWALS"]

MAX_RENEWALS = 10_000
"""The most automatic renewals the library projects (:meth:`Agreement.timeline`, and
:meth:`Agreement.status_on` to reach a date): ten thousand daily renewals are 27 years; a
hundred million took minutes and gigabytes."""
