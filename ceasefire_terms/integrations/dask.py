"""Validate agreement records on a Dask cluster (``pip install "ceasefire-terms[dask]"``).

The per-record work is the same function the local pipeline uses
(:func:`ceasefire_terms.pipeline.validate_raw`), so a record gets the same verdict, the same
errors and the same warnings on a cluster as on a laptop.

- :func:`read_records`: a bag with one partition per file, each item a
  :class:`~ceasefire_terms.pipeline.RawRecord` that knows its file and line;
- :func:`validate_bag`: a bag of :data:`~ceasefire_terms.pipeline.Outcome` (one per item, in
  order); items may be ``RawRecord`` or plain records (mappings, JSON text or bytes, e.g. from
  ``dask.bag.read_text``), numbered by their position in their partition;
- :func:`validate_dataframe`: one verdict row per row of a ``dask.dataframe`` column holding
  JSON text or mappings.

Dask is imported only when one of these functions is called.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..pipeline.records import Outcome, ValidRecord, validate_raw
from ..pipeline.sources import DEFAULT_LIMITS, Limits, RawRecord, iter_source
from . import require

__all__ = ["read_records", "validate_bag", "validate_dataframe"]


def _read_file(path: str, limits: Limits) -> list[RawRecord]:
    return list(iter_source(path, limits))


def read_records(paths: Iterable[str | Path], *, limits: Limits = DEFAULT_LIMITS) -> Any:
    """A ``dask.bag.Bag`` of the records of ``paths``, one partition per file, read on the
    workers with the same readers (line numbers, limits, BOM and UTF-8 handling) as
    :func:`~ceasefire_terms.pipeline.validate_files`. Each file is held in memory by the
    worker that reads it, so split very large files (or use ``dask.bag.read_text`` with a
    ``blocksize`` and accept positions instead of line numbers)."""
    dask = require("dask", "dask")
    db = require("dask.bag", "dask")
    parts = [dask.delayed(_read_file)(str(p), limits) for p in paths]
    return db.from_delayed(parts)


def _validate_partition(
    items: Iterable[Any],
    partition: int,
    source: str,
    strict: bool,
    limits: Limits,
    keep: bool,
) -> list[Outcome]:
    out = []
    for i, item in enumerate(items):
        rec = (
            item
            if isinstance(item, RawRecord)
            else RawRecord(f"{source}[{partition}]", i + 1, i, _strip_newline(item))
        )
        out.append(validate_raw(rec, strict=strict, limits=limits, keep_agreements=keep))
    return out


def _strip_newline(item: Any) -> Any:
    # dask.bag.read_text keeps each line's newline
    if isinstance(item, str):
        return item.rstrip("\r\n")
    if isinstance(item, bytes):
        return item.rstrip(b"\r\n")
    return item


def validate_bag(
    bag: Any,
    *,
    strict: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    keep_agreements: bool = True,
    source: str = "<bag>",
) -> Any:
    """A bag of outcomes (:class:`~ceasefire_terms.pipeline.ValidRecord` or
    :class:`~ceasefire_terms.pipeline.Rejection`), one per item of ``bag``, in order.

    Items that are not ``RawRecord`` are named ``<source>[<partition>]`` with their 1-based
    position in the partition as ``line``."""
    dask = require("dask", "dask")
    db = require("dask.bag", "dask")
    parts = [
        dask.delayed(_validate_partition)(part, k, source, strict, limits, keep_agreements)
        for k, part in enumerate(bag.to_delayed())
    ]
    return db.from_delayed(parts)


def _validate_frame(
    frame: Any, column: str, strict: bool, limits: Limits
) -> Any:  # pandas.DataFrame -> pandas.DataFrame
    pd = require("pandas", "dask")
    rows = []
    for i, value in enumerate(frame[column].tolist()):
        o = validate_raw(
            RawRecord("<dataframe>", None, i, value),
            strict=strict,
            limits=limits,
        )
        rows.append(_row(o))
    return pd.DataFrame(rows, index=frame.index, columns=list(_META))


_META = {"ok": "bool", "agreement": "object", "errors": "object", "warnings": "object"}


def _row(o: Outcome) -> dict[str, Any]:
    if isinstance(o, ValidRecord):
        return {
            "ok": True,
            "agreement": o.agreement_id,
            "errors": "[]",
            "warnings": json.dumps(list(o.warnings), ensure_ascii=False),
        }
    return {
        "ok": False,
        "agreement": None,
        "errors": json.dumps(list(o.errors), ensure_ascii=False),
        "warnings": "[]",
    }


def validate_dataframe(
    df: Any, column: str = "record", *, strict: bool = False, limits: Limits = DEFAULT_LIMITS
) -> Any:
    """A ``dask.dataframe`` with, for each row of ``df[column]`` (JSON text, bytes or a
    mapping), the columns ``ok``, ``agreement`` (the id when valid), ``errors`` and
    ``warnings`` (both JSON lists of ``{path, expected, got, message, code}``), on the same
    index as ``df``."""
    require("dask.dataframe", "dask")
    pd = require("pandas", "dask")
    meta = pd.DataFrame({k: pd.Series(dtype=v) for k, v in _META.items()})
    return df.map_partitions(_validate_frame, column, strict, limits, meta=meta)
