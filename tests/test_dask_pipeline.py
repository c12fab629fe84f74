"""The Dask integration gives the same per-record outcomes as the local pipeline, on a real
local cluster of worker processes."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("dask.bag")
pytest.importorskip("distributed")

from ceasefire_terms.integrations.dask import validate_bag, validate_dataframe
from ceasefire_terms.integrations.dask import validate_files as dask_validate_files
from ceasefire_terms.pipeline import ValidRecord, validate_files, validate_records
from ceasefire_terms.pipeline.synthetic import jsonl_lines


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # any free port: 8787 may be taken
        ) as cluster,
        Client(cluster) as c,
    ):
        yield c


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory, gaza_path: Path) -> list[Path]:
    d = tmp_path_factory.mktemp("dask")
    a, b = d / "a.jsonl", d / "b.jsonl"
    a.write_text("\n".join(jsonl_lines(120, seed=1, invalid_rate=0.1)) + "\n\n{broken\n")
    b.write_text("\n".join(jsonl_lines(80, seed=2, invalid_rate=0.1)) + "\n")
    return [a, b, gaza_path]


def _without_raw(outcomes: list[Any]) -> list[Any]:
    return [dataclasses.replace(o, raw=None) for o in outcomes]


def test_files_read_and_validated_on_the_workers_equal_the_local_path(
    client: Any, inputs: list[Path]
) -> None:
    assert len(client.scheduler_info()["workers"]) == 2
    local = list(validate_files(inputs, keep_agreements=False))
    from distributed import get_task_stream

    with get_task_stream(client) as stream:
        bag = dask_validate_files(inputs)
        assert bag.npartitions == len(inputs)  # one task per file reads and validates it
        remote = bag.compute()
    assert len({t["worker"] for t in stream.data}) >= 1  # computed on the cluster
    assert remote == _without_raw(local)  # compact: no record text came back
    assert all(o.raw is None for o in remote)
    assert all(o.agreement is None for o in remote if o.ok)
    assert any(not o.ok for o in remote) and any(o.ok for o in remote)
    assert dask_validate_files(inputs, raw=True).compute() == local


def test_blocks_of_a_file_keep_the_line_numbers_of_the_whole_file(
    client: Any, inputs: list[Path]
) -> None:
    local = list(validate_files(inputs, keep_agreements=False))
    bag = dask_validate_files(inputs, blocksize=4096, raw=True)
    assert bag.npartitions > len(inputs)
    remote = bag.compute()
    assert remote == local
    assert [o.line for o in remote] == [o.line for o in local]


def test_agreements_come_back_only_when_asked(client: Any, gaza_path: Path) -> None:
    (kept,) = dask_validate_files([gaza_path], keep_agreements=True).compute()
    (local,) = validate_files([gaza_path])
    assert kept.agreement == local.agreement
    assert kept.raw is None


def test_bag_of_plain_lines_is_numbered_per_partition(client: Any) -> None:
    import dask.bag as db

    lines = list(jsonl_lines(60, seed=4, invalid_rate=0.1))
    bag = db.from_sequence(lines, npartitions=3)
    remote = validate_bag(bag, strict=True, source="feed").compute()
    local = list(validate_records(lines, strict=True))
    assert [o.ok for o in remote] == [o.ok for o in local]
    assert all(o.raw is None for o in remote)
    assert [getattr(o, "errors", None) for o in remote] == [
        getattr(o, "errors", None) for o in local
    ]
    assert [o.source for o in remote[:2]] == ["feed[0]", "feed[0]"]
    assert remote[20].source == "feed[1]" and remote[20].line == 1


def test_dataframe_verdicts_equal_the_local_path(client: Any) -> None:
    import dask.dataframe as dd
    import pandas as pd

    lines = list(jsonl_lines(50, seed=8, invalid_rate=0.2))
    frame = pd.DataFrame({"record": lines}, index=pd.RangeIndex(100, 150))
    result = validate_dataframe(dd.from_pandas(frame, npartitions=2)).compute()
    local = list(validate_records(lines))
    assert list(result.index) == list(frame.index)
    assert result["ok"].tolist() == [o.ok for o in local]
    for (_, row), o in zip(result.iterrows(), local, strict=True):
        if isinstance(o, ValidRecord):
            assert o.agreement is not None and row["agreement"] == o.agreement.id
            assert json.loads(row["warnings"]) == list(o.warnings)
        else:
            assert json.loads(row["errors"]) == list(o.errors)


def test_computed_outcomes_are_a_list_and_the_bag_composes(
    client: Any, inputs: list[Path]
) -> None:
    # compute() joins the partitions into one list of outcomes (sent to the client whole,
    # not item by item); the bag's methods work as on any dask bag
    import dask.bag as db

    local = list(validate_files(inputs, keep_agreements=False))
    bag = dask_validate_files(inputs, blocksize=4096)
    remote = bag.compute()
    assert isinstance(remote, list) and remote == _without_raw(local)
    oks = bag.map(lambda o: o.ok)
    assert isinstance(oks, db.Bag)
    assert oks.compute() == [o.ok for o in local]
    assert bag.filter(lambda o: not o.ok).count().compute() == sum(not o.ok for o in local)
    assert dask_validate_files([]).compute() == []
    parts = [x.compute() for x in bag.to_delayed()]
    assert bag.map_partitions(len).compute() == [len(p) for p in parts]  # not lists: dask's way
