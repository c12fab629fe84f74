"""Links across the datasets (ETH/PRIO pax_id -> PA-X AgtId -> UCDP paid) and the findings
where linked rows disagree. The samples hold no complete link pair, so the finder is tested
on real rows renumbered by hand to point at each other (each test says what it changed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ceasefire_terms.datasets import import_dataset, link_records, read_table, read_table_text
from ceasefire_terms.datasets import write_table as _write

DATA = Path(__file__).parent / "data" / "datasets"


def _records(name: str, file: str, changes: dict[str, dict[str, str]]) -> list[Any]:
    """The sample's rows whose id is a key of ``changes``, with those cells changed."""
    table = read_table(DATA / file)
    col = {"ucdp": "paid", "pax": "AgtId", "ethprio": "uniq_id"}[name]
    rows = [r.cells | changes[r.cells[col]] for r in table.rows if r.cells[col] in changes]
    return import_dataset(name, read_table_text(_write(table.header, rows))).records


def test_the_samples_have_no_complete_link_but_report_every_dangling_one() -> None:
    u = import_dataset("ucdp", DATA / "ucdp_pad_221_sample.csv").records
    p = import_dataset("pax", DATA / "pax_sample.csv").records
    e = import_dataset("ethprio", DATA / "ethprio_cfd_sample.csv").records
    report = link_records(u, p, e)
    assert report.links == []
    assert sorted(f.readings[0].id for f in report.unresolved) == [
        "ethprio-372019",  # pax_id 361
        "ethprio-490034",  # pax_id 394
        "ethprio-775044",  # pax_id 1436
        "ethprio-775048",  # pax_id 1579
        "pax-1364",  # UcdpAgr 1537
    ]


def test_signing_dates_that_differ_are_a_finding_with_both_readings() -> None:
    # UCDP row 1397 renumbered to paid 1537, the UcdpAgr of PA-X row 1364 (Dat 12/02/2015)
    u = _records(
        "ucdp", "ucdp_pad_221_sample.csv", {"1397": {"paid": "1537", "pa_date": "2015-02-13"}}
    )
    p = _records("pax", "pax_sample.csv", {"1364": {}})
    (link,) = link_records(u, p).links
    assert link.ids == ["ucdp-1537", "pax-1364"]
    (f,) = link.findings
    assert f.kind == "signed"
    assert [(r.dataset, r.id, r.value) for r in f.readings] == [
        ("ucdp", "ucdp-1537", "2015-02-13"),
        ("pax", "pax-1364", "2015-02-12"),
    ]
    assert {r.dataset for r in link.values["title"]} == {"ucdp", "pax"}


def test_equal_dates_give_no_finding() -> None:
    u = _records(
        "ucdp", "ucdp_pad_221_sample.csv", {"1397": {"paid": "1537", "pa_date": "2015-02-12"}}
    )
    p = _records("pax", "pax_sample.csv", {"1364": {}})
    (link,) = link_records(u, p).links
    assert link.findings == []


def test_a_chain_ethprio_pax_ucdp_is_one_agreement() -> None:
    # ETH/PRIO row 372019 (pax_id 361, declared 1994-04-04) repointed to PA-X 1364;
    # UCDP 1397 renumbered 1537 with PA-X's date; ETH/PRIO actor 63 is not a UCDP actor there
    e = _records("ethprio", "ethprio_cfd_sample.csv", {"372019": {"pax_id": "1364"}})
    p = _records("pax", "pax_sample.csv", {"1364": {}})
    u = _records(
        "ucdp", "ucdp_pad_221_sample.csv", {"1397": {"paid": "1537", "pa_date": "2015-02-12"}}
    )
    (link,) = link_records(u, p, e).links
    assert link.ids == ["ucdp-1537", "pax-1364", "ethprio-372019"]
    kinds = sorted(f.kind for f in link.findings)
    assert kinds == ["actor", "declared-vs-signed"]
    declared = next(f for f in link.findings if f.kind == "declared-vs-signed")
    assert [r.value for r in declared.readings] == ["1994-04-04", "2015-02-12"]


def test_month_precision_agrees_with_a_day_in_that_month() -> None:
    e = _records(
        "ethprio",
        "ethprio_cfd_sample.csv",
        {
            "372019": {
                "pax_id": "1364",
                "cf_dec_yr": "2015",
                "cf_dec_month": "2",
                "cf_dec_day": "-1",
            }
        },
    )
    p = _records("pax", "pax_sample.csv", {"1364": {}})
    (link,) = link_records([], p, e).links
    assert link.findings == []
    assert [r.value for r in link.values["declared"]] == ["2015-02"]
