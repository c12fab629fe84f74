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
- extraction: :func:`extract` (mentions with their spans in news text) and
  :func:`draft_from_text` (a draft record whose figures quote their words); the module is
  :mod:`ceasefire_terms.extraction`;
- errors: :class:`CeasefireTermsError` and its subclasses.

Optional integrations (pandas, polars, matplotlib, icalendar, dask) live in
:mod:`ceasefire_terms.integrations` and are imported only when used.
"""

from __future__ import annotations

# Nothing is imported here, not even typing: the command line installs its Ctrl-C handling
# only after this package is imported (ceasefire_terms.cli.start), so this must be quick.
TYPE_CHECKING = False  # typing.TYPE_CHECKING, as type checkers read it; deleted below

if TYPE_CHECKING:
    from typing import Any as _Any

    from .dates.arithmetic import add_calendar, add_exact, add_period, localize
    from .dates.conventions import roll
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
    from .extraction.draft import draft_from_text
    from .extraction.engine import extract
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
    from .model.conventions import BusinessCalendar, Counting, DstPolicy, MonthEnd, Roll
    from .model.periods import Duration, Period, parse_period
    from .model.provenance import Reading, ReportedDate, Source
    from .model.quantity import Interval, Quantity, QuantityKind, parse_quantity
    from .model.when import Moment, PartialDate
    from .pipeline import Limits, Rejection, Summary, ValidRecord, validate_files, validate_records
    from .validation.checks import Finding, Report, Severity, check

# Every public name and the module that defines it. Nothing is imported until a name is first
# used (PEP 562): ``import ceasefire_terms`` is cheap, and a command that needs only the model
# and the date engine never loads the pipelines or the checks.
_LAZY: dict[str, str] = {
    "add_calendar": ".dates.arithmetic",
    "add_exact": ".dates.arithmetic",
    "add_period": ".dates.arithmetic",
    "localize": ".dates.arithmetic",
    "BusinessCalendar": ".model.conventions",
    "Counting": ".model.conventions",
    "DstPolicy": ".model.conventions",
    "MonthEnd": ".model.conventions",
    "Roll": ".model.conventions",
    "roll": ".dates.conventions",
    "Event": ".dates.resolve",
    "EventKind": ".dates.resolve",
    "PhaseStatus": ".dates.resolve",
    "Status": ".dates.resolve",
    "Timeline": ".dates.resolve",
    "resolve": ".dates.resolve",
    "AmbiguousDateError": ".errors",
    "CeasefireTermsError": ".errors",
    "ConventionError": ".errors",
    "CycleError": ".errors",
    "InputError": ".errors",
    "NonexistentTimeError": ".errors",
    "ParseError": ".errors",
    "RecordError": ".errors",
    "TimeZoneError": ".errors",
    "UnknownReferenceError": ".errors",
    "UnresolvableError": ".errors",
    "dump_agreement": ".io.load",
    "load_agreement": ".io.load",
    "parse_agreement": ".io.load",
    "Agreement": ".model.agreement",
    "Amendment": ".model.agreement",
    "AmendmentKind": ".model.agreement",
    "AutoRenewal": ".model.agreement",
    "Batch": ".model.agreement",
    "Boundary": ".model.agreement",
    "Deadline": ".model.agreement",
    "Exchange": ".model.agreement",
    "Obligation": ".model.agreement",
    "ObligationStatus": ".model.agreement",
    "Part": ".model.agreement",
    "Party": ".model.agreement",
    "Phase": ".model.agreement",
    "Rate": ".model.agreement",
    "RatioRule": ".model.agreement",
    "Relation": ".model.agreement",
    "Role": ".model.agreement",
    "Rule": ".model.agreement",
    "StatusChange": ".model.agreement",
    "Duration": ".model.periods",
    "Period": ".model.periods",
    "parse_period": ".model.periods",
    "Reading": ".model.provenance",
    "ReportedDate": ".model.provenance",
    "Source": ".model.provenance",
    "Interval": ".model.quantity",
    "Quantity": ".model.quantity",
    "QuantityKind": ".model.quantity",
    "parse_quantity": ".model.quantity",
    "Moment": ".model.when",
    "PartialDate": ".model.when",
    "Limits": ".pipeline",
    "Rejection": ".pipeline",
    "Summary": ".pipeline",
    "ValidRecord": ".pipeline",
    "validate_files": ".pipeline",
    "validate_records": ".pipeline",
    "Finding": ".validation.checks",
    "Report": ".validation.checks",
    "Severity": ".validation.checks",
    "check": ".validation.checks",
    "extract": ".extraction.engine",
    "draft_from_text": ".extraction.draft",
}

__version__: str
"""The installed distribution's version: pyproject.toml is its one source (read on first use)."""

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
    # extraction
    "extract",
    "draft_from_text",
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


# The subpackages an eager import used to load, so ``ct.errors.ParseError`` and the like
# still work without importing them first.
_SUBPACKAGES = frozenset(
    {"datasets", "dates", "errors", "extraction", "io", "model", "pipeline", "validation"}
)


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("ceasefire-terms")
    except metadata.PackageNotFoundError:  # imported from a source tree never installed
        return "0+unknown"


del TYPE_CHECKING


def __getattr__(name: str) -> _Any:
    import importlib

    if name == "__version__":
        globals()[name] = value = _version()
        return value
    module = _LAZY.get(name)
    if module is None:
        if name in _SUBPACKAGES:
            return importlib.import_module(f".{name}", __name__)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
