"""Agreements as pandas DataFrames (the ``pandas`` extra).

Every frame has explicit dtypes, the same under pandas 2.2 and 3.x:

- dates and instants are ``datetime64[ns, <zone>]``: a day-level event's ``date`` is the
  first instant of that local day in the agreement's zone; ``at`` is the instant when one is
  known and ``NaT`` otherwise;
- text columns are the nullable ``string`` dtype; closed vocabularies (event kinds, counting
  conventions, severities, provision types, statuses) are ``category``;
- quantities are two ``float64`` columns, ``quantity_low`` and ``quantity_high`` (``inf``
  when there is no upper bound), next to the figure as written.

>>> import ceasefire_terms as ct
>>> from ceasefire_terms.integrations.pandas import timeline_frame
>>> a = ct.parse_agreement({"id": "x", "title": "X", "zone": "Asia/Jerusalem",
...     "effective": "2025-01-19 11:15 Asia/Jerusalem",
...     "phases": [{"id": "p1", "start": "agreement.effective", "length": "42 days",
...                 "counting": "ordinal"}]})
>>> df = timeline_frame(a)
>>> df[["id", "kind", "end_of_day"]].to_string(index=False).splitlines()[-1].split()
['p1.end', 'phase_end', 'True']
>>> str(df["date"].dtype)
'datetime64[ns, Asia/Jerusalem]'
>>> df.loc[df["id"] == "p1.end", "date"].iloc[0].isoformat()
'2025-03-01T00:00:00+02:00'

pandas is imported when a function here is called, not when the module is imported; without
it the call raises an ``ImportError`` naming the extra (``pip install "ceasefire-terms[pandas]"``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..dates.arithmetic import start_of_day
from ..dates.resolve import Timeline
from ..model.agreement import Agreement
from ..pipeline.records import ValidRecord, validate_records
from ..validation.checks import Report, Severity
from . import _columns, require
from ._columns import (
    Column,
    Columns,
    agreements_columns,
    provisions_columns,
    report_columns,
    timeline_columns,
    timelines_columns,
)

if TYPE_CHECKING:
    from pandas import DataFrame

__all__ = [
    "FrameValidation",
    "agreements_frame",
    "provisions_frame",
    "report_frame",
    "timeline_frame",
    "timelines_frame",
    "validate_frame",
]

# Still importable from here: the column orders, and the rule for a day-level ``date``.
TIMELINE_FRAME_COLUMNS = _columns.TIMELINE_FRAME_COLUMNS
PROVISION_FRAME_COLUMNS = _columns.PROVISION_FRAME_COLUMNS
REPORT_FRAME_COLUMNS = _columns.REPORT_FRAME_COLUMNS
day_start = start_of_day


def _pd() -> Any:
    return require("pandas", "pandas")


# -- helpers -----------------------------------------------------------------------------------


def _instants(pd: Any, values: list[dt.datetime | None], zone: str) -> Any:
    """A ``datetime64[ns, zone]`` Series from aware datetimes (``None`` becomes ``NaT``)."""
    utc = [None if v is None else v.astimezone(dt.UTC) for v in values]
    s = pd.to_datetime(pd.Series(utc, dtype="object"), utc=True)
    return s.dt.as_unit("ns").dt.tz_convert(zone)


def _strings(pd: Any, values: list[Any]) -> Any:
    return pd.Series([None if v is None else str(v) for v in values], dtype="string")


def _category(pd: Any, values: list[Any], categories: Iterable[str]) -> Any:
    cats = pd.CategoricalDtype(list(categories))
    return pd.Series([None if v is None else str(v) for v in values], dtype=cats)


def _series(pd: Any, column: Column) -> Any:
    """``column`` as a Series of the matching pandas dtype."""
    values = column.values
    match column.kind:
        case "instant":
            return _instants(pd, values, column.zone)
        case "date":  # a calendar date: midnight, without a zone
            local = [None if d is None else dt.datetime.combine(d, dt.time(0, 0)) for d in values]
            return pd.Series(local, dtype="datetime64[ns]")
        case "string":
            return _strings(pd, values)
        case "category":
            return _category(pd, values, column.categories)
        case "float":  # float64 has no separate missing marker: None becomes NaN
            return pd.Series([math.nan if v is None else v for v in values], dtype="float64")
        case "int":
            return pd.Series(values, dtype="int64")
        case "bool":
            return pd.Series(values, dtype="bool")


def _frame(pd: Any, columns: Columns) -> DataFrame:
    frame: DataFrame = pd.DataFrame(
        {name: _series(pd, col) for name, col in columns.items()}, columns=list(columns)
    )
    return frame


# -- the frames ----------------------------------------------------------------------------------


def timeline_frame(item: Agreement | Timeline, *, zone: str | None = None) -> DataFrame:
    """The resolved events, one row each, in timeline order.

    Columns: ``agreement``, ``id``, ``label``, ``kind`` (category), ``date`` (start of the
    local day, ``datetime64[ns, zone]``), ``at`` (the instant, or ``NaT`` for a day-level
    event), ``end_of_day`` (the period runs through the whole of ``date``), ``counting``
    (category), ``phase``, ``rule`` (how the date was computed) and ``original_date`` (the
    date before amendments moved it). ``zone`` converts the date columns to another zone
    (default: the agreement's own)."""
    pd = _pd()
    return _frame(pd, timeline_columns(item, zone=zone))


def timelines_frame(items: Iterable[Agreement | Timeline], *, zone: str = "UTC") -> DataFrame:
    """Many timelines stacked into one frame (a batch of agreements).

    A column holds one time zone, so the date columns are converted to ``zone`` (UTC by
    default); ``zone`` (the agreement's own zone) and ``local_date`` (the calendar date there,
    ``datetime64[ns]`` without a zone) are added so nothing is lost."""
    pd = _pd()
    return _frame(pd, timelines_columns(items, zone=zone))


def provisions_frame(agreement: Agreement) -> DataFrame:
    """One row per provision (exchange, obligation, deadline).

    ``party`` is who releases or owes it; ``subject`` what is released, done or due;
    ``quantity`` the figure as written with ``quantity_low``/``quantity_high`` the interval it
    admits (``float64``; ``inf`` when unbounded; for a rate, the amount per ``per``); ``due``
    and ``due_rule`` come from the resolved timeline (``NaT`` when the provision has no date
    of its own; an exchange's batches are in :func:`timeline_frame`)."""
    pd = _pd()
    return _frame(pd, provisions_columns(agreement))


def report_frame(report: Report) -> DataFrame:
    """One row per finding of :func:`~ceasefire_terms.check`: severity (category), code,
    path, expected, got, hint and the full message."""
    pd = _pd()
    return _frame(pd, report_columns(report))


def agreements_frame(agreements: Iterable[Agreement]) -> DataFrame:
    """One row per agreement: id, title, zone, counts of parties, phases, provisions and
    amendments, the first and last dated events (UTC, since zones differ between rows), and
    the numbers of errors and warnings :func:`~ceasefire_terms.check` finds."""
    pd = _pd()
    return _frame(pd, agreements_columns(agreements))


# -- validating a frame of records ---------------------------------------------------------------

REJECT_FRAME_COLUMNS = ("row", "id", "stage", "path", "expected", "got", "message")
WARNING_FRAME_COLUMNS = ("row", "id", "code", "path", "expected", "got", "message")


@dataclass(frozen=True)
class FrameValidation:
    """What :func:`validate_frame` found.

    ``agreements`` holds the accepted records (in row order) and ``accepted`` a summary row for
    each, indexed by the input's row labels. ``rejects`` has one row per problem of a rejected
    record: ``row`` (the input's row label), ``id`` (the record's id when it has one),
    ``stage`` (``parse``: the record is not well formed; ``check``: a cross-field check
    failed; ``strict``: a warning counted as an error), ``path``, ``expected``, ``got`` and
    ``message``. ``warnings`` lists the warnings of accepted records the same way.
    """

    agreements: tuple[Agreement, ...]
    accepted: DataFrame
    rejects: DataFrame
    warnings: DataFrame

    @property
    def rejected_rows(self) -> list[Any]:
        """The input row labels of rejected records, in input order, once each."""
        return list(dict.fromkeys(self.rejects["row"].tolist()))

    def __repr__(self) -> str:
        return (
            f"FrameValidation(accepted={len(self.agreements)}, "
            f"rejected={len(self.rejected_rows)}, problems={len(self.rejects)}, "
            f"warnings={len(self.warnings)})"
        )


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    pd = _pd()
    return value is pd.NA or value is pd.NaT


def _plain(value: Any) -> Any:
    """A cell turned back into plain Python data (numpy scalars and arrays, Timestamps)."""
    pd = _pd()
    if isinstance(value, pd.Timestamp):
        if value.tzinfo is None and value == value.normalize():
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    tolist = getattr(value, "tolist", None)  # numpy arrays and scalars
    if callable(tolist) and not isinstance(value, (str, bytes)):
        return _plain(tolist())
    return value


def _record(row: Mapping[Any, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, (list, tuple, Mapping)) or not _is_missing(value):
            out[str(key)] = _plain(value)
    return out


def validate_frame(frame: DataFrame, *, strict: bool = False) -> FrameValidation:
    """Validate a DataFrame of agreement records, one record per row.

    Columns are the record's top-level fields (``id``, ``title``, ``zone``, ``phases`` ...);
    nested fields hold lists and mappings, as :func:`pandas.read_json` with ``lines=True``
    gives them. A missing cell (``NaN``, ``None``) means the field is absent. Each row is
    parsed (:func:`~ceasefire_terms.parse_agreement`) and checked
    (:func:`~ceasefire_terms.check`); a row with any error is rejected, and with
    ``strict=True`` so is a row with a warning. Nothing is dropped silently: every row is
    either in ``accepted`` or in ``rejects``.

    Read JSON lines with ``pandas.read_json(path, lines=True, dtype=False)`` so pandas
    leaves values as written (a Timestamp pandas made anyway is turned back into text).
    """
    pd = _pd()
    labels = list(frame.index)
    records = [_record(series.to_dict()) for _, series in frame.iterrows()]
    accepted: list[Agreement] = []
    acc_rows: list[dict[str, Any]] = []
    acc_index: list[Any] = []
    rejects: list[dict[str, Any]] = []
    warnings: list[dict[str, Any]] = []
    for label, record, (agreement, errors, warns) in zip(
        labels, records, _outcomes(records, strict=strict), strict=True
    ):
        rid = record.get("id") if isinstance(record.get("id"), str) else None
        if agreement is None:
            for err in errors:
                rejects.append({"row": label, "id": rid, "stage": _stage(err), **_fields(err)})
            continue
        for w in warns:
            warnings.append({"row": label, "id": rid, "code": w.get("code"), **_fields(w)})
        accepted.append(agreement)
        acc_index.append(label)
        acc_rows.append(
            {
                "id": agreement.id,
                "title": agreement.title,
                "zone": agreement.zone,
                "warnings": len(warns),
            }
        )
    acc = pd.DataFrame(
        {
            "id": _strings(pd, [r["id"] for r in acc_rows]),
            "title": _strings(pd, [r["title"] for r in acc_rows]),
            "zone": _strings(pd, [r["zone"] for r in acc_rows]),
            "warnings": pd.Series([r["warnings"] for r in acc_rows], dtype="int64"),
        }
    )
    acc.index = pd.Index(acc_index, dtype=frame.index.dtype, name=frame.index.name)
    return FrameValidation(
        agreements=tuple(accepted),
        accepted=acc,
        rejects=_problem_frame(pd, rejects, REJECT_FRAME_COLUMNS, frame),
        warnings=_problem_frame(pd, warnings, WARNING_FRAME_COLUMNS, frame),
    )


_Outcome = tuple[Agreement | None, list[dict[str, Any]], list[dict[str, Any]]]


def _outcomes(records: list[dict[str, Any]], *, strict: bool) -> Iterator[_Outcome]:
    """(agreement or None, errors, warnings) per record, in order, by the streaming validator
    of :mod:`ceasefire_terms.pipeline`: one definition of "valid" for files, frames and
    clusters."""
    for out in validate_records(records, source="<frame>", strict=strict):
        if isinstance(out, ValidRecord):
            yield out.agreement, [], list(out.warnings)
        else:
            yield None, list(out.errors), []


def _stage(err: Mapping[str, Any]) -> str:
    severity = err.get("severity")
    if severity is None:
        return "parse"
    return "check" if severity == Severity.ERROR.value else "strict"


def _fields(d: Mapping[str, Any]) -> dict[str, Any]:
    return {k: d.get(k) for k in ("path", "expected", "got", "message")}


def _problem_frame(
    pd: Any, rows: list[dict[str, Any]], columns: tuple[str, ...], frame: Any
) -> Any:
    data: dict[str, Any] = {
        "row": pd.Series([r["row"] for r in rows], dtype=frame.index.dtype),
    }
    for c in columns[1:]:
        data[c] = _strings(pd, [r.get(c) for r in rows])
    if "stage" in data:
        data["stage"] = _category(pd, [r["stage"] for r in rows], ["parse", "check", "strict"])
    return pd.DataFrame(data, columns=list(columns))
