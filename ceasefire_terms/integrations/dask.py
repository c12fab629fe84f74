"""Validate agreement records on a Dask cluster (``pip install "ceasefire-terms[dask]"``).

The per-record work is the same function the local pipeline uses
(:func:`ceasefire_terms.pipeline.validate_raw`), so a record gets the same verdict, the same
errors and the same warnings on a cluster as on a laptop.

- :func:`validate_files`: a bag of :data:`~ceasefire_terms.pipeline.Outcome`, one per record
  of the files, in order. Each file (or, with ``blocksize``, each block of a JSON Lines file,
  cut at line ends) is read *and* validated by one task on a worker, with the same readers
  (line numbers, limits, BOM and UTF-8 handling) as
  :func:`~ceasefire_terms.pipeline.validate_files`; only the outcomes travel, and compactly:
  no record text and no parsed agreement unless asked (``raw=True``, ``keep_agreements=True``);
- :func:`validate_bag`: the same for a bag of records already in memory (mappings, JSON text
  or bytes, e.g. from ``dask.bag.read_text``), numbered by their position in their partition;
- :func:`validate_dataframe`: one verdict row per row of a ``dask.dataframe`` column holding
  JSON text or mappings.

Dask is imported only when one of these functions is called.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..pipeline.records import Outcome, ValidRecord, validate_lines, validate_raw
from ..pipeline.sources import (
    DEFAULT_LIMITS,
    Limits,
    RawRecord,
    input_format,
    iter_source,
    source_lines,
    source_name,
)
from . import require

__all__ = ["validate_bag", "validate_dataframe", "validate_files"]


class _Outcomes(list[Outcome]):
    """A partition's outcomes as a task returns them. A plain list would be sent between
    processes item by item (distributed serialises the items of a list, tuple, set or dict
    one at a time, about 50 µs each here); this one is pickled whole, which costs about as
    little as sending a count (measured in docs/performance.md)."""

    __slots__ = ()


def _gathered(results: Any) -> Any:
    """The bag's partitions joined into one list, as dask's own ``finalize`` joins them, but
    as :class:`_Outcomes`: dask runs this step as a task on a worker, and a plain list sent
    from there to the client would again go item by item. Partitions that are not lists
    (what some bag methods make) are joined by dask's ``finalize`` itself."""
    parts = list(results)
    if not all(isinstance(part, list) for part in parts):
        from dask.bag.core import finalize

        return finalize(parts)  # type: ignore[no-untyped-call]
    out = _Outcomes()
    for part in parts:
        out.extend(part)
    return out


def _outcome_bag(bag: Any) -> Any:
    """``bag`` (of outcomes) whose ``compute()`` joins the partitions with :func:`_gathered`.
    Only that step differs from a ``dask.bag.Bag`` (and the bags its methods make, which are
    of the same class)."""
    return _outcome_bag_class()(bag.dask, bag.name, bag.npartitions)


@functools.cache
def _outcome_bag_class() -> Any:
    db = require("dask.bag", "dask")

    class OutcomeBag(db.Bag):  # type: ignore[misc, name-defined]
        def __dask_postcompute__(self) -> tuple[Any, tuple[()]]:
            return _gathered, ()

    return OutcomeBag


def _compact(o: Outcome, raw: bool) -> Outcome:
    """The outcome as sent back from a worker: without the record's text unless ``raw``
    (an accepted record's agreement is already left out unless it was asked for)."""
    if raw or o.raw is None:
        return o
    return dataclasses.replace(o, raw=None)


def _validate_file(
    name: str,
    block: tuple[int, int, int] | None,
    strict: bool,
    limits: Limits,
    keep: bool,
    raw: bool,
) -> list[Outcome]:
    """The outcomes of a whole file, or of bytes [start, end) of a JSON Lines file
    (``block``: ``start`` and ``end`` at line ends, and the count of lines before ``start``,
    so that lines are numbered as in the whole file)."""
    if block is None and input_format(name) != "jsonl":
        outcomes: Iterable[Outcome] = (
            validate_raw(rec, strict=strict, limits=limits, keep_agreements=keep)
            for rec in iter_source(name, limits)
        )
    else:
        if block is None:
            source, lines = source_name(name), source_lines(name, limits)
        else:
            from ..pipeline.parallel import _range_lines

            start, end, before = block
            source, lines = name, _range_lines(name, start, end, limits, before + 1)
        outcomes = validate_lines(source, lines, strict, limits, keep, raw)
    return _Outcomes(_compact(o, raw) for o in outcomes)


def _blocks(name: str, blocksize: int | None) -> list[tuple[int, int, int] | None]:
    """``(start, end, lines before start)`` of each block of ``name``; ``[None]`` for one
    task reading the whole file. The lines before each block are counted here, while the
    blocks are cut (the one reading of the file), not by each task again."""
    from ..pipeline.parallel import _cuts, _is_regular_jsonl

    if blocksize is None or not _is_regular_jsonl(name) or os.path.getsize(name) <= blocksize:
        return [None]
    blocks: list[tuple[int, int, int] | None] = []
    before = 0
    for start, end, newlines in _cuts(name, blocksize):
        blocks.append((start, end, before))
        before += newlines
    return blocks


def validate_files(
    paths: Iterable[str | Path],
    *,
    strict: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    keep_agreements: bool = False,
    raw: bool = False,
    blocksize: int | None = None,
) -> Any:
    """A ``dask.bag.Bag`` of outcomes, one per record of ``paths`` (JSON Lines, JSON or YAML
    files), in order: the outcomes :func:`ceasefire_terms.pipeline.validate_files` gives,
    with ``raw`` (the record's text) left out unless ``raw=True`` and the parsed agreement
    left out unless ``keep_agreements=True``.

    One task reads and validates each file; with ``blocksize`` (bytes), a regular JSON Lines
    file larger than that is cut at line ends into blocks of about that size, one task each
    (each block counts the lines before it, so line numbers are those of the whole file).
    The files must be readable from every worker (a shared file system)."""
    dask = require("dask", "dask")
    db = require("dask.bag", "dask")
    parts = [
        dask.delayed(_validate_file)(name, block, strict, limits, keep_agreements, raw)
        for name in map(str, paths)
        for block in _blocks(name, blocksize)
    ]
    return _outcome_bag(db.from_delayed(parts))


def _validate_partition(
    items: Iterable[Any],
    partition: int,
    source: str,
    strict: bool,
    limits: Limits,
    keep: bool,
    raw: bool,
) -> list[Outcome]:
    out = _Outcomes()
    for i, item in enumerate(items):
        rec = (
            item
            if isinstance(item, RawRecord)
            else RawRecord(f"{source}[{partition}]", i + 1, i, _strip_newline(item))
        )
        o = validate_raw(rec, strict=strict, limits=limits, keep_agreements=keep)
        out.append(_compact(o, raw))
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
    keep_agreements: bool = False,
    raw: bool = False,
    source: str = "<bag>",
) -> Any:
    """A bag of outcomes (:class:`~ceasefire_terms.pipeline.ValidRecord` or
    :class:`~ceasefire_terms.pipeline.Rejection`), one per item of ``bag``, in order, sent
    back compactly as by :func:`validate_files` (``raw`` and ``keep_agreements``).

    Items are named ``<source>[<partition>]`` with their 1-based position in the partition
    as ``line``."""
    dask = require("dask", "dask")
    db = require("dask.bag", "dask")
    parts = [
        dask.delayed(_validate_partition)(part, k, source, strict, limits, keep_agreements, raw)
        for k, part in enumerate(bag.to_delayed())
    ]
    return _outcome_bag(db.from_delayed(parts))


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
