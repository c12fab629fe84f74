"""Writing records made in the library (not imported) as dataset rows: the codes each
codebook defines, -1 for what a coded column does not know, empty for what the library
cannot fill; and reading them back gives the same mapped values."""

from __future__ import annotations

from pathlib import Path

import pytest

from ceasefire_terms import examples
from ceasefire_terms.datasets import (
    ETHPRIO_COLUMNS,
    PAX_COLUMNS,
    UCDP_COLUMNS,
    export_dataset,
    import_dataset,
    read_table_text,
)
from ceasefire_terms.errors import InputError
from ceasefire_terms.model.agreement import Agreement, Role

DATA = Path(__file__).parent / "data" / "datasets"
BUNDLED = examples.names()


def _rows(name: str, agreement_name: str) -> list[dict[str, str]]:
    return [
        r.cells for r in read_table_text(export_dataset(name, [examples.load(agreement_name)])).rows
    ]


def test_ethprio_rows_one_per_party_with_split_dates_and_codes() -> None:
    a = examples.load("gaza-2025")
    rows = _rows("ethprio", "gaza-2025")
    parties = [p.name for p in a.parties if p.role is Role.PARTY]
    assert [r["actor_name"] for r in rows] == parties
    r = rows[0]
    # announced 15 Jan 2025, effective 19 Jan 2025 (the sourced notes; the bundled record's sources)
    assert (r["cf_dec_yr"], r["cf_dec_month"], r["cf_dec_day"]) == ("2025", "1", "15")
    assert (r["cf_effect_yr"], r["cf_effect_month"], r["cf_effect_day"]) == ("2025", "1", "19")
    assert (r["end_yr"], r["end_month"], r["end_day"]) == ("-1", "-1", "-1")
    assert r["mediator_nego"] == "1" and r["mediator_send"] == "Egypt, Qatar, United States"
    assert r["written"] == "1"
    assert (r["uniq_id"], r["cf_id"], r["ucdp_actor_id"]) == ("-1", "-1", "-1")
    # links to other datasets: pax_id -1 would claim "no PA-X agreement"; left empty
    assert (r["pax_id"], r["ucdp_acd_id"], r["ucdp_dyad"], r["cc"]) == ("", "", "", "")
    assert (r["implement"], r["enforcement"]) == ("", "")  # no counterpart in the model
    assert (r["fixed"], r["fixed_time"]) == ("-1", "-1")  # three phases: which one is "the" term?
    # meanings the library cannot fill stay empty, never invented
    for col in ("location", "side", "ceasefire_class", "comment", "coder", "id", "link_id1"):
        assert r[col] == ""


def test_ethprio_fixed_time_of_a_one_phase_record() -> None:
    r = _rows("ethprio", "lebanon-2024")[0]
    assert (r["fixed"], r["fixed_time"]) == ("-1", "-1")  # two phases
    easter = _rows("ethprio", "russia-easter-truce-2025")[0]
    assert (easter["fixed"], easter["fixed_time"]) == ("1", "-1")  # 30 hours: not whole days


def test_ucdp_and_pax_rows_fill_only_what_the_record_says() -> None:
    (u,) = _rows("ucdp", "black-sea-grain-2022")
    assert (u["pa_name"], u["pa_date"], u["year"]) == (
        examples.load("black-sea-grain-2022").title,
        "2022-07-22",
        "2022",
    )
    assert u["actor_name"] == "Ukraine, Russia" and u["actor_id"] == "" and u["paid"] == "-1"
    assert u["cease"] == u["pris"] == u["co_impl"] == "-1"  # provisions: modelled, not coded
    assert all(u[c] == "" for c in ("ended", "duration", "version", "pa_type", ""))
    (p,) = _rows("pax", "black-sea-grain-2022")
    assert (p["Dat"], p["year"], p["AgtId"], p["Part"], p["Stage"]) == (
        "22/07/2022",
        "2022",
        "-1",
        "",
        "",
    )


# The rule of docs/datasets.md ("Writing library-made records"), column by column: -1 where
# the library models the meaning but the record does not know the value; empty where the
# library has nothing to fill; the few text columns it fills from the record.
_CEASE, _CO_IMPL = UCDP_COLUMNS.index("cease"), UCDP_COLUMNS.index("co_impl")
UCDP_PROVISION_COLUMNS = UCDP_COLUMNS[_CEASE : _CO_IMPL + 1]  # the 33 provision dummies
MINUS_ONE_WHEN_UNKNOWN = {
    "ucdp": {"paid", "pa_date", "year", *UCDP_PROVISION_COLUMNS},
    "pax": {"AgtId", "Dat", "year"},
    "ethprio": {
        "uniq_id", "cf_id", "ucdp_actor_id", "written", "fixed", "fixed_time", "mediator_nego",
        "mediator_send", "p_humanitarian", "p_peaceprocess", "p_holiday", "p_election",
        "p_other", "p_unclear",
        *(f"{d}_{p}" for d in ("cf_dec", "cf_effect", "end") for p in ("yr", "month", "day")),
    },
}  # fmt: skip
TEXT_FILLED = {
    "ucdp": {"pa_name", "actor_name", "actor_id"},
    "pax": {"Agt"},
    "ethprio": {"actor_name", "p_other_comment"},
}


@pytest.mark.parametrize("name", BUNDLED)
@pytest.mark.parametrize("dataset", ["ucdp", "pax", "ethprio"])
def test_library_rows_write_minus_one_for_unknown_and_empty_for_unmodelled(
    dataset: str, name: str
) -> None:
    """Every bundled agreement, written as each dataset: a coded column is never empty (its
    value, or -1); every other column is empty unless it is one the library fills from the
    record's text; and -1 stands exactly where the record lacks the value."""
    a = examples.load(name)
    rows = _rows(dataset, name)
    assert rows
    coded, text = MINUS_ONE_WHEN_UNKNOWN[dataset], TEXT_FILLED[dataset]
    for row in rows:
        for col, cell in row.items():
            if col in coded:
                assert cell != "", (col, cell)
            elif col not in text:
                assert cell == "", (col, cell)
    row = rows[0]
    signed = a.signed.date if a.signed is not None else None
    if dataset == "ucdp":
        assert (row["pa_date"] == "-1") is (signed is None or signed.precision != "day")
        assert row["year"] == ("-1" if signed is None else str(signed.year))
        assert {row[c] for c in UCDP_PROVISION_COLUMNS} == {"-1"}
        assert row["paid"] == "-1"
    elif dataset == "pax":
        assert (row["Dat"] == "-1") is (signed is None or signed.precision != "day")
        assert row["AgtId"] == "-1"
    else:
        assert row["written"] == ("-1" if a.written is None else str(int(a.written)))
        mediated = any(p.role is Role.MEDIATOR for p in a.parties)
        assert (row["mediator_nego"] == "-1") is not mediated
        assert (row["p_unclear"] == "-1") is (a.purpose is None)
        assert (row["end_yr"], row["end_month"], row["end_day"]) == ("-1", "-1", "-1")


ID_COLUMN = {"ucdp": "paid", "pax": "AgtId", "ethprio": "uniq_id"}
HEADERS = {"ucdp": UCDP_COLUMNS, "pax": PAX_COLUMNS, "ethprio": ETHPRIO_COLUMNS}


@pytest.mark.parametrize("name", BUNDLED)
@pytest.mark.parametrize("dataset", ["ucdp", "pax", "ethprio"])
def test_library_rows_read_back_to_the_same_mapped_values(dataset: str, name: str) -> None:
    """The id is written empty or -1 (the library has none); with an id filled in, as a
    researcher adding the record to the dataset would, the row imports with the record's
    title (UCDP, PA-X), signing or announcement dates, and parties."""
    a = examples.load(name)
    table = read_table_text(export_dataset(dataset, [a]))
    assert table.header == HEADERS[dataset]
    col = ID_COLUMN[dataset]
    assert {r.cells[col] for r in table.rows} <= {"", "-1"}
    assert import_dataset(dataset, table).imported == 0  # no id: refused, not invented
    for r in table.rows:
        r.cells[col] = "4242"
    (back,) = import_dataset(dataset, table).agreements
    signed = str(a.signed.date) if a.signed is not None and a.signed.date else None
    if dataset in ("ucdp", "pax"):
        assert back.title == a.title
        if signed is not None and len(signed) == 10:
            assert str(back.signed) == signed
    else:
        when = a.announced or a.signed
        if when is not None and when.date is not None:
            assert str(back.announced) == str(when.date)
    if dataset != "pax":
        names = [p.name for p in a.parties if p.role is Role.PARTY]
        if names and not any("," in n for n in names):
            assert [p.name for p in back.parties if p.role is Role.PARTY] == names


def test_a_ucdp_record_written_as_ethprio_keeps_the_ucdp_actor_ids() -> None:
    r = import_dataset("ucdp", DATA / "ucdp_pad_221_sample.csv")
    a = {x.id: x for x in r.agreements}["ucdp-1017"]
    rows = read_table_text(export_dataset("ethprio", [a])).rows
    assert [(x.cells["ucdp_actor_id"], x.cells["actor_name"]) for x in rows] == [
        ("696", "ULIMO - K"),
        ("695", "ULIMO - J"),
        ("1116", "LDF"),
        ("79", "Government of Liberia"),
        ("507", "NPFL"),
    ]
    assert rows[0].cells["cf_dec_yr"] == "1995"  # signed, as the record has no announcement


def test_an_ethprio_record_written_as_ucdp_has_aligned_ids_and_names() -> None:
    r = import_dataset("ethprio", DATA / "ethprio_quirks.csv")
    (row,) = read_table_text(export_dataset("ucdp", r.agreements)).rows
    assert row.cells["actor_id"] == "507, 79"
    assert row.cells["actor_name"] == "NPFL, Government of Liberia"


def test_mixing_imported_and_library_records_keeps_the_imported_header() -> None:
    r = import_dataset("pax", DATA / "pax_sample.csv")
    text = export_dataset("pax", [*r.agreements[:2], examples.load("gaza-2025")])
    table = read_table_text(text)
    assert table.header == PAX_COLUMNS and len(table.rows) == 3
    assert table.rows[2].cells["Agt"] == examples.load("gaza-2025").title


def test_unknown_dataset_name_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"'dataset' must be one of \['ethprio', 'pax', 'ucdp'\]"):
        export_dataset("cow", [])


def test_a_party_name_with_a_comma_cannot_be_written_to_ucdp() -> None:
    a = examples.load("gaza-2025")
    renamed = a.model_copy(
        update={"parties": (a.parties[0].model_copy(update={"name": "Israel, State of"}),)}
    )
    with pytest.raises(InputError, match=r"must not contain a comma.*'Israel, State of'"):
        export_dataset("ucdp", [renamed])


def test_a_record_without_parties_is_not_read_back_with_an_invented_actor() -> None:
    """A record with no party is written as one ETH/PRIO row whose actor is -1 (unknown);
    read back, that row is refused for its actor, never made a party called '-1'."""
    a = examples.load("gaza-2025")
    alone = a.model_copy(
        update={"parties": (), "provisions": (), "amendments": (), "phases": a.phases[:1]}
    )
    (row,) = _rows_of("ethprio", alone)
    assert (row["actor_name"], row["ucdp_actor_id"]) == ("-1", "-1")
    table = read_table_text(export_dataset("ethprio", [alone]))
    table.rows[0].cells["uniq_id"] = "4242"
    r = import_dataset("ethprio", table)
    assert r.imported == 0 and r.rejections[0].column == "actor_name"


def _rows_of(name: str, agreement: Agreement) -> list[dict[str, str]]:
    return [r.cells for r in read_table_text(export_dataset(name, [agreement])).rows]
