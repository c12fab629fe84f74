"""Reading the three reference datasets as published, and writing imported rows back.

The fixtures are real rows (tests/data/datasets/, citations in its README): every row of the
three shared sample files, plus quirks made from those rows one cell at a time.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ceasefire_terms.datasets import (
    ETHPRIO_COLUMNS,
    PAX_COLUMNS,
    UCDP_COLUMNS,
    export_dataset,
    import_dataset,
    read_table,
    read_table_text,
    write_table,
)
from ceasefire_terms.errors import InputError
from ceasefire_terms.model.agreement import Role

DATA = Path(__file__).parent / "data" / "datasets"
SAMPLES = {
    "ucdp": DATA / "ucdp_pad_221_sample.csv",
    "pax": DATA / "pax_sample.csv",
    "ethprio": DATA / "ethprio_cfd_sample.csv",
}
ROWS = {"ucdp": 15, "pax": 20, "ethprio": 20}


def _rows(name: str) -> list[dict[str, str]]:
    return [r.cells for r in read_table(SAMPLES[name]).rows]


def _one(name: str, cells: dict[str, str], *, bom: bool = False) -> str:
    """CSV text of one (modified) real row under the sample's own header."""
    header = read_table(SAMPLES[name]).header
    return write_table(header, [cells], bom=bom)


# -- the samples, whole ------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_sample_row_imports(name: str) -> None:
    r = import_dataset(name, SAMPLES[name])
    assert (r.read, r.imported, r.rejected) == (ROWS[name], ROWS[name], 0)
    assert r.read == r.imported + r.rejected
    assert len(r.records) == ROWS[name]


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_import_then_export_gives_back_the_file_byte_for_byte(name: str) -> None:
    """Every cell of every row, the header order, the empty last column of UCDP, the
    trailing spaces of 'ref ' and 'return ', multi-line cells and CRLF row ends."""
    raw = SAMPLES[name].read_bytes()
    r = import_dataset(name, SAMPLES[name])
    assert export_dataset(name, r.agreements).encode("utf-8") == raw


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_each_record_keeps_dataset_row_and_cells(name: str) -> None:
    table = read_table(SAMPLES[name])
    r = import_dataset(name, SAMPLES[name])
    by_row = {row.row: row.cells for a in r.agreements for row in a.origin.rows}  # type: ignore[union-attr]
    assert sorted(by_row) == list(range(1, ROWS[name] + 1))
    for raw in table.rows:
        assert by_row[raw.row] == raw.cells
    for a in r.agreements:
        assert a.origin is not None and a.origin.dataset == name
        assert a.origin.header == table.header


def test_published_headers_are_the_samples_headers() -> None:
    assert read_table(SAMPLES["ucdp"]).header == UCDP_COLUMNS
    assert read_table(SAMPLES["pax"]).header == PAX_COLUMNS
    assert read_table(SAMPLES["ethprio"]).header == ETHPRIO_COLUMNS
    assert "ref " in UCDP_COLUMNS and "return " in UCDP_COLUMNS and UCDP_COLUMNS[-1] == ""


# -- UCDP ----------------------------------------------------------------------------------------


def test_ucdp_title_signing_date_parties_and_end() -> None:
    r = import_dataset("ucdp", SAMPLES["ucdp"])
    a = {x.id: x for x in r.agreements}["ucdp-1017"]
    assert a.title.startswith("Abuja Agreement to Supplement the Cotonou and Akosombo")
    assert str(a.signed) == "1995-08-19"
    assert [(p.id, p.name, p.role) for p in a.parties] == [
        ("ucdp-actor-696", "ULIMO - K", Role.PARTY),
        ("ucdp-actor-695", "ULIMO - J", Role.PARTY),
        ("ucdp-actor-1116", "LDF", Role.PARTY),
        ("ucdp-actor-79", "Government of Liberia", Role.PARTY),
        ("ucdp-actor-507", "NPFL", Role.PARTY),
    ]
    (phase,) = a.phases
    assert str(phase.end) == "1996-04-01"  # 'duration' is the date it ended
    assert a.timeline()["in-force.end"].date.isoformat() == "1996-04-01"
    rec = {x.paid: x for x in r.records}[1017]
    assert rec.ended is True and rec.version == "22.1" and a.origin.version == "22.1"  # type: ignore[union-attr]


def test_ucdp_not_ended_stays_open_and_unknown_has_no_phase() -> None:
    r = import_dataset("ucdp", SAMPLES["ucdp"])
    by = {x.id: x for x in r.agreements}
    (open_phase,) = by["ucdp-1571"].phases  # ended False
    assert open_phase.end is None and open_phase.length is None
    assert by["ucdp-1397"].phases == ()  # ended empty: unknown, nothing invented


def test_ucdp_names_must_align_with_ids() -> None:
    cells = _rows("ucdp")[0] | {"actor_name": "Government of South Africa"}
    r = import_dataset("ucdp", read_table_text(_one("ucdp", cells)))
    (rej,) = r.rejections
    assert (rej.row, rej.column) == (1, "actor_name")
    assert "2 ids, 1 names" in rej.reason and "'Government of South Africa'" in rej.reason


def test_ucdp_one_id_with_two_names_is_rejected() -> None:
    cells = _rows("ucdp")[0] | {"actor_id": "102, 102"}
    r = import_dataset("ucdp", read_table_text(_one("ucdp", cells)))
    (rej,) = r.rejections
    assert rej.column == "actor_name" and "102 is named both" in rej.reason


# -- PA-X ----------------------------------------------------------------------------------------


def test_pax_dat_is_day_month_year() -> None:
    r = import_dataset("pax", SAMPLES["pax"])
    a = {x.id: x for x in r.agreements}["pax-1164"]
    assert str(a.signed) == "1992-08-26"  # Dat 26/08/1992
    rec = {x.agt_id: x for x in r.records}[1364]
    assert rec.ucdp_agreement == 1537 and rec.locations_gwno == (369,)  # '1537.0', '369.0'
    assert (rec.stage, rec.stage_sub) == ("Imp", "ImpMod")


def test_pax_signatories_stay_text_never_parties() -> None:
    r = import_dataset("pax", SAMPLES["pax"])
    for a, rec in zip(r.agreements, r.records, strict=True):
        assert a.parties == ()
        assert a.origin.rows[0].cells["Part"] == rec.cells["Part"]  # type: ignore[union-attr]
    first = r.records[0]
    assert first.signatories is not None and "\n" in first.signatories


def test_pax_iso_dat_is_read_too_and_round_trips() -> None:
    cells = _rows("pax")[0] | {"Dat": "1998-08-25"}
    text = _one("pax", cells)
    r = import_dataset("pax", read_table_text(text))
    assert str(r.agreements[0].signed) == "1998-08-25"
    assert export_dataset("pax", r.agreements) == text


@pytest.mark.parametrize("dat", ["25/8/1998", "1998/08/25", "08-25-1998", "31/02/1998", "x"])
def test_pax_other_date_forms_are_rejected_naming_the_cell(dat: str) -> None:
    cells = _rows("pax")[0] | {"Dat": dat}
    r = import_dataset("pax", read_table_text(_one("pax", cells)))
    assert r.read == 1 and r.imported == 0
    (rej,) = r.rejections
    assert rej.column == "Dat" and repr(dat) in rej.reason and "DD/MM/YYYY" in rej.reason


def test_pax_bom_is_kept_on_the_way_back() -> None:
    cells = _rows("pax")[3]
    text = _one("pax", cells, bom=True)
    r = import_dataset("pax", read_table_text(text))
    assert r.agreements[0].origin.bom is True  # type: ignore[union-attr]
    assert r.agreements[0].id == "pax-2603"
    assert export_dataset("pax", r.agreements) == text


def test_float_codes_are_integers() -> None:
    r = import_dataset("pax", SAMPLES["pax"])
    rec = r.records[0]
    assert (rec.ucdp_conflict, rec.locations_gwno) == (410, (404,))


@pytest.mark.parametrize(
    ("name", "column", "cell"),
    [
        ("pax", "UcdpAgr", "\u0661\u0665\u0663\u0667"),  # Arabic-Indic digits for 1537
        ("pax", "Dat", "\u0661\u0662/02/2015"),
        ("ethprio", "end_day", "\u0663"),
        ("ucdp", "paid", "1" * 19),
    ],
)
def test_only_ascii_digits_of_a_sensible_length_are_codes(
    name: str, column: str, cell: str
) -> None:
    """Python's ``\\d`` and ``int()`` accept other scripts' digits; the codebooks write
    ASCII digits, so anything else is refused with the cell, never read as a number."""
    cells = _rows(name)[0] | {column: cell}
    r = import_dataset(name, read_table_text(_one(name, cells)))
    assert r.rejected == 1 and r.rejections[0].column == column
    assert repr(cell) in r.rejections[0].reason


@pytest.mark.parametrize(("name", "column"), [("ucdp", "pa_date"), ("pax", "Dat")])
def test_a_signing_date_of_minus_one_is_unknown(name: str, column: str) -> None:
    """-1 is what the library writes for a date its record does not know to the day; read
    back, it is no date (not a rejection, not a guess)."""
    cells = _rows(name)[0] | {column: "-1"}
    r = import_dataset(name, read_table_text(_one(name, cells)))
    assert r.rejected == 0 and r.agreements[0].signed is None


# -- ETH/PRIO ----------------------------------------------------------------------------------


def test_ethprio_dates_declared_effective_end_and_mediators() -> None:
    r = import_dataset("ethprio", SAMPLES["ethprio"])
    a = {x.id: x for x in r.agreements}["ethprio-450012"]
    assert str(a.announced) == "1993-07-25" and str(a.effective) == "1993-07-25"
    assert [(p.name, p.role) for p in a.parties] == [
        ("NPFL", Role.PARTY),
        ("UN", Role.MEDIATOR),
        ("OAU", Role.MEDIATOR),
        ("ECOWAS", Role.MEDIATOR),
    ]
    (phase,) = a.phases
    assert (str(phase.start), str(phase.end)) == ("1993-07-25", "1993-08-01")
    rec = {x.uniq_id: x for x in r.records}[450012]
    assert rec.fixed_time_days is None
    assert rec.fixed_time_text == "Until mutual agreement enters into force"


def test_ethprio_fixed_time_is_kept_but_no_end_is_computed_from_it() -> None:
    r = import_dataset("ethprio", SAMPLES["ethprio"])
    a = {x.id: x for x in r.agreements}["ethprio-92002"]  # fixed 1, fixed_time 90, end -1
    rec = {x.uniq_id: x for x in r.records}[92002]
    assert rec.fixed_time_days == 90 and rec.end is None and rec.end_state == "unknown"
    (phase,) = a.phases
    assert phase.length is None and phase.end is None
    assert "90 days" in (a.notes or "") and "does not state how the days are counted" in (
        a.notes or ""
    )


def test_ethprio_month_precision_is_kept_not_imputed() -> None:
    r = import_dataset("ethprio", SAMPLES["ethprio"])
    by = {x.id: x for x in r.agreements}
    end = by["ethprio-517001"].phases[0].end  # end 1990 / 10 / -1
    assert str(end) == "1990-10" and end.precision == "month"  # type: ignore[union-attr]
    t = by["ethprio-517001"].timeline()
    assert [u.id for u in t.unresolved] == ["ceasefire-1.end"]
    assert str(by["ethprio-652020"].announced) == "2013-08"  # declared 2013 / 8 / -1


def test_ethprio_zero_dates_mean_no_date() -> None:
    r = import_dataset("ethprio", SAMPLES["ethprio"])
    rec = {x.uniq_id: x for x in r.records}[346006]  # effect 0/0/0, end 0/0/0
    assert (rec.effective, rec.effective_state) == (None, "none")
    assert (rec.end, rec.end_state) == (None, "none")
    a = {x.id: x for x in r.agreements}["ethprio-346006"]
    assert a.effective is None and a.phases == ()


def test_ethprio_actors_of_one_ceasefire_keep_their_own_ends() -> None:
    r = import_dataset("ethprio", DATA / "ethprio_quirks.csv")
    assert (r.read, r.imported, r.rejected, len(r.agreements)) == (4, 2, 2, 1)
    (a,) = r.agreements
    assert a.id == "ethprio-450012"
    ends = {p.name: str(p.end) for p in a.phases}
    assert ends == {"Ceasefire: NPFL": "1993-08-01", "Ceasefire: Government of Liberia": "1993-09"}
    assert [p.id for p in a.parties if p.role is Role.PARTY] == ["ucdp-actor-507", "ucdp-actor-79"]
    rows = sorted(r.rejections, key=lambda x: x.row)
    assert [(x.row, x.column) for x in rows] == [(3, "cf_effect_month"), (4, "cf_effect_month")]
    assert "13" in rows[0].reason


def test_ethprio_quirks_round_trip() -> None:
    text = (DATA / "ethprio_quirks.csv").read_bytes().decode("utf-8")
    r = import_dataset("ethprio", DATA / "ethprio_quirks.csv")
    kept = text.split("\r\n")[:3]  # header and the two imported rows
    assert export_dataset("ethprio", r.agreements) == "\r\n".join(kept) + "\r\n"


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("end_day", "32", "must be a day of 1995-01"),
        ("end_month", "-1", "must be -1 when the month is unknown"),
        ("cf_dec_yr", "-1", "must be -1 when the year is unknown"),
        ("cf_effect_day", "x", "must be a whole number"),
        ("written", "7", "must be 0, 1, 2 or -1"),
        ("uniq_id", "", "must be the ceasefire's id"),
    ],
)
def test_ethprio_bad_cells_are_rejected_with_column_and_value(
    column: str, value: str, expected: str
) -> None:
    cells = _rows("ethprio")[0] | {column: value}
    r = import_dataset("ethprio", read_table_text(_one("ethprio", cells)))
    (rej,) = r.rejections
    assert expected in rej.reason and rej.row == 1 and rej.line == 2
    assert rej.column in (column, "end_day", "cf_dec_month", "cf_dec_day")


# -- files ---------------------------------------------------------------------------------------


def test_a_file_of_another_dataset_is_refused_whole() -> None:
    with pytest.raises(InputError, match=r"must have the PA-X columns \['AgtId'"):
        import_dataset("pax", SAMPLES["ucdp"])


def test_a_row_with_too_few_cells_is_a_rejection_not_a_crash() -> None:
    text = SAMPLES["pax"].read_bytes().decode("utf-8") + "1,2,3\r\n"
    r = import_dataset("pax", read_table_text(text))
    assert (r.read, r.imported, r.rejected) == (21, 20, 1)
    assert r.rejections[0].row == 21 and "must have 38 cells" in r.rejections[0].reason


def test_an_unclosed_quote_is_a_rejection() -> None:
    text = SAMPLES["ucdp"].read_bytes().decode("utf-8") + '9999,"never closed\r\n'
    r = import_dataset("ucdp", read_table_text(text))
    assert r.read == r.imported + r.rejected and r.rejected == 1
    assert "never closed" in r.rejections[0].reason and r.rejections[0].row == 16


def test_a_stray_quote_rejects_its_row_and_the_next_rows_still_import() -> None:
    lines = SAMPLES["ethprio"].read_bytes().decode("utf-8").split("\r\n")
    lines.insert(3, '1,"2"3,' + ",".join(["0"] * 85))  # a quote closed mid-cell
    r = import_dataset("ethprio", read_table_text("\r\n".join(lines)))
    assert (r.read, r.imported, r.rejected) == (21, 20, 1)
    (rej,) = r.rejections
    assert (rej.row, rej.line) == (3, 4) and "not readable CSV" in rej.reason


def test_duplicate_ids_are_rejected() -> None:
    cells = _rows("pax")[0]
    header = read_table(SAMPLES["pax"]).header
    r = import_dataset("pax", read_table_text(write_table(header, [cells, cells])))
    assert (r.imported, r.rejected) == (0, 2)
    assert "must be unique: AgtId 329" in r.rejections[0].reason


def test_not_utf8_is_an_input_error(tmp_path: Path) -> None:
    p = tmp_path / "x.csv"
    p.write_bytes("AgtId,Agt\r\n1,Acuerdo de Pa\xeds\r\n".encode("latin-1"))
    with pytest.raises(InputError, match="must be UTF-8"):
        import_dataset("pax", p)


def test_xlsx_reads_like_csv(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    rows = _rows("ucdp")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(list(UCDP_COLUMNS))
    for cells in rows:
        ws.append([cells[c] for c in UCDP_COLUMNS])
    path = tmp_path / "ucdp.xlsx"
    wb.save(path)
    r = import_dataset("ucdp", path)
    assert (r.read, r.imported) == (15, 15)
    assert [rec.cells for rec in r.records] == rows
    csv_text = SAMPLES["ucdp"].read_bytes().decode("utf-8")
    assert export_dataset("ucdp", r.agreements) == csv_text


def test_xlsx_numbers_and_dates_become_the_csv_text(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    import datetime as dt

    cells = _rows("ucdp")[7]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(list(UCDP_COLUMNS))
    numbers = {c: int(cells[c]) for c in ("paid", "year", "cease")}
    typed = [numbers.get(c, v) for c, v in cells.items()]
    typed[UCDP_COLUMNS.index("pa_date")] = dt.datetime(1995, 8, 19)
    ws.append(typed)
    path = tmp_path / "typed.xlsx"
    wb.save(path)
    (rec,) = import_dataset("ucdp", path).records
    assert rec.cells == cells and rec.paid == 1017 and str(rec.signed) == "1995-08-19"


def test_ethprio_actors_with_different_effective_dates_keep_each() -> None:
    table = read_table(DATA / "ethprio_quirks.csv")
    rows = [table.rows[0].cells, table.rows[1].cells | {"cf_effect_day": "26"}]
    (a,) = import_dataset("ethprio", read_table_text(write_table(table.header, rows))).agreements
    assert a.effective is None  # no single date for the agreement
    assert [str(p.start) for p in a.phases] == ["1993-07-25", "1993-07-26"]
    assert "effective dates differ (NPFL: 1993-07-25, Government of Liberia: 1993-07-26)" in (
        a.notes or ""
    )


@pytest.mark.parametrize("value", ["١٢", "1e3", "1.5", "12 ", "+12"])
def test_ids_are_ascii_whole_numbers(value: str) -> None:
    cells = _rows("pax")[0] | {"AgtId": value}
    r = import_dataset("pax", read_table_text(_one("pax", cells)))
    if value == "12 ":
        assert r.records[0].agt_id == 12  # surrounding spaces are not part of the number
    else:
        assert r.rejected == 1 and r.rejections[0].column == "AgtId"


def test_ethprio_one_actor_id_under_two_names_keeps_both_parties() -> None:
    table = read_table(DATA / "ethprio_quirks.csv")
    rows = [table.rows[0].cells, table.rows[1].cells | {"ucdp_actor_id": "507"}]
    (a,) = import_dataset("ethprio", read_table_text(write_table(table.header, rows))).agreements
    assert [(p.id, p.name) for p in a.parties if p.role is Role.PARTY] == [
        ("ucdp-actor-507", "NPFL"),
        ("ucdp-actor-507-2", "Government of Liberia"),
    ]


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_imported_agreements_hash_and_dedupe(name: str) -> None:
    """An imported agreement carries its origin rows (a dict of cells each) and is frozen: it
    must hash like any frozen agreement, so that records can be deduplicated in a set or
    used as keys. A copy read back from its JSON is equal and hashes the same."""
    from ceasefire_terms.model.agreement import Agreement
    from ceasefire_terms.model.provenance import DatasetRow

    agreements = import_dataset(name, SAMPLES[name]).agreements
    again = [Agreement.model_validate_json(a.model_dump_json()) for a in agreements]
    assert len(set(agreements) | set(again)) == len(agreements) == ROWS[name]
    assert all(hash(a) == hash(b) for a, b in zip(agreements, again, strict=True))
    row = agreements[0].origin.rows[0]  # type: ignore[union-attr]
    shuffled = DatasetRow(row=row.row, line=row.line, cells=dict(reversed(row.cells.items())))
    assert shuffled == row and hash(shuffled) == hash(row)
