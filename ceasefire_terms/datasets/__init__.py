"""The field's three reference datasets, read and written exactly as published.

- :data:`UCDP` -- UCDP Peace Agreement Dataset (one row per agreement, id ``ucdp-<paid>``);
- :data:`PAX` -- PA-X Peace Agreements Database (one row per agreement, ``pax-<AgtId>``);
- :data:`ETHPRIO` -- ETH/PRIO Civil Conflict Ceasefire Dataset (one row per ceasefire and
  actor; the rows of one ``uniq_id`` make one agreement, ``ethprio-<uniq_id>``).

:func:`import_dataset` reads a .csv (or .xlsx, with the ``xlsx`` extra) into typed records
and :class:`~ceasefire_terms.Agreement` records; every data row is imported or rejected with
its row, column and reason. Each agreement keeps its rows verbatim in ``origin``, and
:func:`export_dataset` writes them back cell for cell under the file's own header. Records
made in the library are written with the codes each codebook defines: -1 where the library
models the meaning but the record does not know the value (the ``*_CODED`` columns), empty
where it has no field for it. :func:`link_records`
joins the datasets' records of one agreement and reports where they disagree. Which column
maps to which field, and which are kept verbatim, is in ``docs/datasets.md``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model.agreement import Agreement
from ._common import DEFAULT_ZONE, DatasetSpec, ImportResult, export_rows, import_table
from ._table import RawRow, RowProblem, Table, read_table, read_table_text, write_table
from .ethprio import ETHPRIO, ETHPRIO_CODED, ETHPRIO_COLUMNS, EthprioRecord
from .links import Finding, Linked, LinkReport, Reading, link_records
from .pax import PAX, PAX_CODED, PAX_COLUMNS, PaxRecord
from .ucdp import UCDP, UCDP_CODED, UCDP_COLUMNS, UcdpRecord

__all__ = [
    "DATASETS",
    "DEFAULT_ZONE",
    "ETHPRIO",
    "ETHPRIO_CODED",
    "ETHPRIO_COLUMNS",
    "PAX",
    "PAX_CODED",
    "PAX_COLUMNS",
    "UCDP",
    "UCDP_CODED",
    "UCDP_COLUMNS",
    "DatasetSpec",
    "EthprioRecord",
    "Finding",
    "ImportResult",
    "LinkReport",
    "Linked",
    "PaxRecord",
    "RawRow",
    "Reading",
    "RowProblem",
    "Table",
    "UcdpRecord",
    "export_dataset",
    "import_dataset",
    "import_table",
    "link_records",
    "read_table",
    "read_table_text",
    "spec",
    "write_table",
]

DATASETS: dict[str, DatasetSpec[Any]] = {"ucdp": UCDP, "pax": PAX, "ethprio": ETHPRIO}


def spec(name: str) -> DatasetSpec[Any]:
    """The dataset called ``name`` ('ucdp', 'pax' or 'ethprio')."""
    try:
        return DATASETS[name]
    except KeyError:
        raise InputError(f"must be one of {sorted(DATASETS)}", path="dataset", got=name) from None


def import_dataset(
    name: str,
    source: str | Path | Table,
    *,
    zone: str = DEFAULT_ZONE,
    version: str | None = None,
) -> ImportResult[Any]:
    """Import a dataset file (or a :class:`Table` already read). ``zone`` names the calendar
    the dates are read in (the datasets give none); ``version`` the release, when the file
    does not say (UCDP's ``version`` column does)."""
    table = source if isinstance(source, Table) else read_table(source)
    return import_table(spec(name), table, zone=zone, version=version)


def export_dataset(name: str, agreements: Iterable[Agreement]) -> str:
    """CSV text of ``agreements`` in dataset ``name``'s published form (see
    :func:`~ceasefire_terms.datasets._common.export_rows`)."""
    header, bom, rows = export_rows(spec(name), agreements)
    return write_table(header, rows, bom=bom)
