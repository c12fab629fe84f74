"""ceasefire_terms: the terms of ceasefire and peace agreements as typed, validated,
date-correct data.

>>> import ceasefire_terms as ct
>>> a = ct.load_agreement("examples/gaza_2025.yaml")  # doctest: +SKIP
>>> a.timeline()["phase-1.end"].date  # doctest: +SKIP
datetime.date(2025, 3, 1)

The public API is listed in ``__all__`` below, grouped by layer:

- model: :class:`Agreement` and its parts, :class:`Period`/:class:`Duration`,
  :class:`Quantity`, :class:`Moment`, provenance;
- date engine: counting conventions, business calendars, arithmetic, :class:`Timeline`;
- validation: :func:`check` and its :class:`Report`;
- I/O: :func:`load_agreement`, :func:`parse_agreement`, :func:`dump_agreement`;
- pipelines: :func:`validate_records` and :func:`validate_files` (streaming, line-numbered
  verdicts: :class:`ValidRecord` or :class:`Rejection`), :class:`Summary`, :class:`Limits`;
- errors: :class:`CeasefireTermsError` and its subclasses.

Optional integrations (pandas, polars, matplotlib, icalendar, dask) live in
:mod:`ceasefire_terms.integrations` and are imported only when used.
"""

from __future__ import annotations

from importlib import metadata as _metadata

from .dates.arithmetic import add_calendar, add_exact, add_period, localize
from .dates.conventions import BusinessCalendar, Counting, DstPolicy, MonthEnd, Roll, roll
from .dates.resolve import Event, EventKind, PhaseStatus, Status, Timeline, resolve
from .errors import (
    AmbiguousDateError,
    CeasefireTermsError,
    ConventionError,
    CycleError,
    InputError,
    NonexistentTimeError,
    ParseError,
    RecordError,
    TimeZoneError,
    UnknownReferenceError,
    UnresolvableError,
)
from .io.load import dump_agreement, load_agreement, parse_agreement
from .model.agreement import (
    Agreement,
    Amendment,
    AmendmentKind,
    AutoRenewal,
    Batch,
    Boundary,
    Deadline,
    Exchange,
    Obligation,
    ObligationStatus,
    Part,
    Party,
    Phase,
    Rate,
    RatioRule,
    Relation,
    Role,
    Rule,
    StatusChange,
)
from .model.periods import Duration, Period, parse_period
from .model.provenance import Reading, ReportedDate, Source
from .model.quantity import Interval, Quantity, QuantityKind, parse_quantity
from .model.when import Moment, PartialDate
from .pipeline import Limits, Rejection, Summary, ValidRecord, validate_files, validate_records
from .validation.checks import Finding, Report, Severity, check

try:  # the one place the version is written is pyproject.toml; installed metadata carries it
    __version__ = _metadata.version("ceasefire-terms")
except _metadata.PackageNotFoundError:  # imported from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = [
    # model
    "Agreement",
    "Amendment",
    "AmendmentKind",
    "AutoRenewal",
    "Batch",
    "Boundary",
    "Deadline",
    "Duration",
    "Exchange",
    "Interval",
    "Moment",
    "Obligation",
    "ObligationStatus",
    "Part",
    "PartialDate",
    "Party",
    "Period",
    "Phase",
    "Quantity",
    "QuantityKind",
    "Rate",
    "RatioRule",
    "Reading",
    "Relation",
    "ReportedDate",
    "Role",
    "Rule",
    "Source",
    "StatusChange",
    "parse_period",
    "parse_quantity",
    # date engine
    "BusinessCalendar",
    "Counting",
    "DstPolicy",
    "Event",
    "EventKind",
    "MonthEnd",
    "PhaseStatus",
    "Roll",
    "Status",
    "Timeline",
    "add_calendar",
    "add_exact",
    "add_period",
    "localize",
    "resolve",
    "roll",
    # validation
    "Finding",
    "Report",
    "Severity",
    "check",
    # I/O
    "dump_agreement",
    "load_agreement",
    "parse_agreement",
    # pipelines
    "Limits",
    "Rejection",
    "Summary",
    "ValidRecord",
    "validate_files",
    "validate_records",
    # errors
    "AmbiguousDateError",
    "CeasefireTermsError",
    "ConventionError",
    "CycleError",
    "InputError",
    "NonexistentTimeError",
    "ParseError",
    "RecordError",
    "TimeZoneError",
    "UnknownReferenceError",
    "UnresolvableError",
    "__version__",
]
