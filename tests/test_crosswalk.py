"""Crosswalks to the reference datasets: ETH/PRIO ceasefire rows and PA-X / UCDP rows.

Rows in the datasets' shapes are written out here by hand; unknown parts stay unknown.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import ceasefire_terms as ct
from ceasefire_terms import examples
from ceasefire_terms.crosswalk import (
    ETHPRIO_COLUMNS,
    PAX_COLUMNS,
    UCDP_COLUMNS,
    ProvisionFlags,
    from_ethprio_rows,
    from_pax_row,
    from_ucdp_row,
    provision_flags,
    to_ethprio_rows,
    to_pax_row,
    to_ucdp_row,
)

# Two actors of one ceasefire, declared in 1999 (month unknown), in force in May 1999 (day
# unknown), end unknown.
PARTIAL_ROWS: list[dict[str, Any]] = [
    {
        "ceasefire_id": "CF-0042",
        "actor": "Government of Ruritania",
        "declared_year": 1999,
        "declared_month": -1,
        "declared_day": -1,
        "effective_year": 1999,
        "effective_month": 5,
        "effective_day": -1,
        "end_year": -1,
        "end_month": -1,
        "end_day": -1,
        "written": 1,
        "ceasefire_class": 2,
        "purpose": "peace process",
        "fixed": 1,
        "fixed_time": "thirty days",
        "mediator_nego": "Norway",
        "mediator_send": -1,
        "implement": -1,
        "enforcement": -1,
    },
]
PARTIAL_ROWS.append(PARTIAL_ROWS[0] | {"actor": "Ruritanian Liberation Front"})

# Read from a CSV: every value is text.
FULL_ROW_TEXT = {
    "ceasefire_id": "CF-7",
    "actor": "Side A",
    "declared_year": "2010",
    "declared_month": "3",
    "declared_day": "1",
    "effective_year": "2010",
    "effective_month": "3",
    "effective_day": "2",
    "end_year": "2010",
    "end_month": "4",
    "end_day": "1",
    "written": "0",
    "purpose": "holiday",
    "mediator_nego": "-1",
}


# -- ETH/PRIO: export ---------------------------------------------------------------------------


def test_ethprio_export_is_one_row_per_party_with_split_dates() -> None:
    rows = to_ethprio_rows(examples.load("lebanon-2024"))
    assert [r["actor"] for r in rows] == ["Israel", "Lebanon"]
    for r in rows:
        assert list(r) == list(ETHPRIO_COLUMNS)
        assert (r["declared_year"], r["declared_month"], r["declared_day"]) == (2024, 11, 26)
        assert (r["effective_year"], r["effective_month"], r["effective_day"]) == (2024, 11, 27)
        # The cessation of hostilities is open-ended: no end, not a fixed duration.
        assert (r["end_year"], r["end_month"], r["end_day"]) == (-1, -1, -1)
        assert r["fixed"] == 0
        assert r["mediator_nego"] == "United States; France"
        assert r["written"] == 1 and r["purpose"] == "peace process"
        assert r["ceasefire_class"] == r["implement"] == r["enforcement"] == -1


def test_ethprio_export_of_a_fixed_term_gives_its_computed_end() -> None:
    (row, _) = to_ethprio_rows(examples.load("black-sea-grain-2022"))
    assert (row["end_year"], row["end_month"], row["end_day"]) == (2023, 7, 17)
    assert row["fixed"] == 1
    assert "120 days" in row["fixed_time"] and "by 60 days" in row["fixed_time"]
    assert row["mediator_nego"] == -1  # guarantors, not mediators
    assert row["purpose"] == -1  # the record states none


def test_ethprio_end_at_midnight_is_the_last_day_in_force() -> None:
    (row,) = to_ethprio_rows(examples.load("russia-victory-day-truce-2025"))
    assert (row["end_month"], row["end_day"]) == (5, 10)  # ends 11 May 00:00 Moscow time
    assert row["purpose"] == "holiday"


def test_ethprio_export_keeps_a_partial_date_partial() -> None:
    a = ct.parse_agreement(
        {"id": "x", "title": "X", "zone": "UTC", "announced": "2019-05", "effective": "2019"}
    )
    (row,) = to_ethprio_rows(a)
    assert (row["declared_year"], row["declared_month"], row["declared_day"]) == (2019, 5, -1)
    assert (row["effective_year"], row["effective_month"], row["effective_day"]) == (2019, -1, -1)
    assert row["actor"] == -1 and row["fixed"] == -1


# -- ETH/PRIO: import ---------------------------------------------------------------------------


def test_ethprio_import_keeps_unknown_parts_unknown() -> None:
    draft = from_ethprio_rows(PARTIAL_ROWS, zone="UTC")
    a = draft.agreement
    assert a.id == "cf-0042"
    assert a.announced is not None and a.announced.date is not None
    assert (a.announced.date.year, a.announced.date.month) == (1999, None)
    assert a.effective is not None and a.effective.precision == "month"
    assert str(a.effective) == "1999-05"
    assert [p.name for p in a.parties if p.role is ct.Role.PARTY] == [
        "Government of Ruritania",
        "Ruritanian Liberation Front",
    ]
    assert [p.name for p in a.parties if p.role is ct.Role.MEDIATOR] == ["Norway"]
    (phase,) = a.phases
    assert phase.end is None and phase.length is None  # no end imputed
    # The start is known only to the month, so the timeline refuses to date it.
    assert "ceasefire.start" in {u.id for u in a.timeline().unresolved}
    assert "thirty days" in (a.notes or "")
    assert draft.unmapped == {"ceasefire_class": 2, "fixed": 1, "fixed_time": "thirty days"}
    assert draft.flags == ProvisionFlags()


def test_ethprio_import_of_text_cells_with_full_dates() -> None:
    a = from_ethprio_rows([FULL_ROW_TEXT], zone="Africa/Khartoum").agreement
    assert a.written is False and a.purpose == "holiday"
    t = a.timeline()
    assert t["ceasefire.start"].date == dt.date(2010, 3, 2)
    assert t["ceasefire.end"].date == dt.date(2010, 4, 1) and t["ceasefire.end"].end_of_day
    assert not [p for p in a.parties if p.role is ct.Role.MEDIATOR]


@pytest.mark.parametrize("name", examples.names())
def test_ethprio_round_trip_keeps_what_maps(name: str) -> None:
    """Export, import, export again: every column comes back except fixed_time, which is
    kept as text in the notes (it is never turned into a length without a counting)."""
    a = examples.load(name)
    rows = to_ethprio_rows(a)
    back = from_ethprio_rows(rows, zone=a.zone).agreement
    again = to_ethprio_rows(back)
    assert len(again) == len(rows)
    for r, b in zip(rows, again, strict=True):
        assert {c: b[c] for c in ETHPRIO_COLUMNS if c != "fixed_time"} == {
            c: r[c] for c in ETHPRIO_COLUMNS if c != "fixed_time"
        }
        if r["fixed_time"] != -1:
            assert str(r["fixed_time"]) in (back.notes or "")


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"effective_month": -1, "effective_day": 3}, "rows[0].effective_month"),
        ({"end_year": -1, "end_month": 2}, "rows[0].end_year"),
        ({"declared_month": 2, "declared_day": 30}, "rows[0].declared_day"),
        ({"effective_day": "third"}, "rows[0].effective_day"),
    ],
)
def test_ethprio_import_names_the_bad_cell(change: dict[str, Any], path: str) -> None:
    with pytest.raises(ct.ParseError) as info:
        from_ethprio_rows([PARTIAL_ROWS[0] | change], zone="UTC")
    assert info.value.path == path
    assert isinstance(info.value, ValueError)


def test_ethprio_import_refuses_rows_that_disagree_and_empty_input() -> None:
    rows = [PARTIAL_ROWS[0], PARTIAL_ROWS[1] | {"effective_month": 6}]
    with pytest.raises(ct.InputError) as info:
        from_ethprio_rows(rows, zone="UTC")
    assert info.value.path == "rows[1].effective_month"
    with pytest.raises(ct.InputError):
        from_ethprio_rows([], zone="UTC")
    with pytest.raises(ct.InputError) as bad:
        from_ethprio_rows([PARTIAL_ROWS[0] | {"written": 2}], zone="UTC")
    assert bad.value.path == "rows[0].written"
    with pytest.raises(ct.InputError):
        from_ethprio_rows([PARTIAL_ROWS[0] | {"ceasefire_id": -1}], zone="UTC")


def test_ethprio_import_needs_a_real_zone() -> None:
    with pytest.raises(ct.InputError) as info:
        from_ethprio_rows(PARTIAL_ROWS, zone="Mars/Olympus")
    assert "Mars/Olympus" in str(info.value)


# -- provision flags, PA-X and UCDP -----------------------------------------------------------


def test_flags_are_read_from_the_record() -> None:
    assert provision_flags(examples.load("gaza-2025")) == ProvisionFlags(
        ceasefire=True, withdrawal=True, prisoner_release=True, humanitarian_aid=True
    )
    assert provision_flags(examples.load("black-sea-grain-2022")) == ProvisionFlags(
        ceasefire=False, withdrawal=False, prisoner_release=False, humanitarian_aid=False
    )


def test_pax_export() -> None:
    row = to_pax_row(examples.load("lebanon-2024"))
    assert list(row) == list(PAX_COLUMNS)
    assert row["Dat"] == "2024-11-26"  # no signing date: the announcement
    assert row["Part"] == "Israel; Lebanon" and row["ThrdPart"] == "United States; France"
    assert (row["Ce"], row["SsrFf"], row["TjPrire"], row["DevHum"]) == (1, 1, 0, 0)
    assert row["PP"] == row["Status"] == row["Stage"] == -1


def test_pax_import_keeps_precision_and_unknown_flags() -> None:
    row = {
        "AgtId": 1187,
        "PP": "Ruritania peace process",
        "Dat": "2003-08",
        "Status": "Multiparty signed/agreed",
        "Stage": "Ceasefire/related",
        "Part": "Government of Ruritania; Ruritanian Liberation Front",
        "ThrdPart": "Norway",
        "Ce": 2,
        "SsrFf": 0,
        "TjPrire": -1,
        "DevHum": "",
    }
    draft = from_pax_row(row, zone="UTC")
    a = draft.agreement
    assert a.id == "1187" and str(a.signed) == "2003-08"
    assert a.signed is not None and a.signed.precision == "month"
    assert [(p.name, p.role) for p in a.parties] == [
        ("Government of Ruritania", ct.Role.PARTY),
        ("Ruritanian Liberation Front", ct.Role.PARTY),
        ("Norway", ct.Role.WITNESS),
    ]
    assert draft.flags == ProvisionFlags(
        ceasefire=True, withdrawal=False, prisoner_release=None, humanitarian_aid=None
    )
    assert draft.unmapped == {
        "PP": "Ruritania peace process",
        "Status": "Multiparty signed/agreed",
        "Stage": "Ceasefire/related",
    }


@pytest.mark.parametrize("name", examples.names())
def test_pax_and_ucdp_round_trips_keep_flags_and_date(name: str) -> None:
    a = examples.load(name)
    flags = provision_flags(a)
    pax = from_pax_row(to_pax_row(a), zone=a.zone)
    assert pax.flags == flags
    ucdp = from_ucdp_row(to_ucdp_row(a), zone=a.zone)
    assert ucdp.flags == flags.model_copy(update={"humanitarian_aid": None})
    assert str(pax.agreement.signed) == str(ucdp.agreement.signed) == to_pax_row(a)["Dat"]
    third = (ct.Role.MEDIATOR, ct.Role.GUARANTOR, ct.Role.WITNESS, ct.Role.OBSERVER)
    expected = [p.name for p in a.parties if p.role is ct.Role.PARTY]
    expected += [p.name for p in a.parties if p.role in third]
    assert [p.name for p in pax.agreement.parties] == expected


def test_ucdp_export_and_import() -> None:
    row = to_ucdp_row(examples.load("gaza-2025"))
    assert list(row) == list(UCDP_COLUMNS)
    assert (row["cease"], row["withd"], row["pris"]) == (1, 1, 1)
    assert row["pa_type"] == row["ended"] == row["pko"] == -1
    draft = from_ucdp_row(
        {
            "paid": "99",
            "pa_date": "1996",
            "pa_type": 2,
            "ended": 0,
            "cease": "1",
            "withd": "0",
            "pris": "-1",
            "amn": 1,
            "ddr": -1,
            "pko": "",
        },
        zone="UTC",
    )
    assert str(draft.agreement.signed) == "1996"
    assert draft.agreement.signed is not None and draft.agreement.signed.precision == "year"
    assert draft.flags == ProvisionFlags(ceasefire=True, withdrawal=False)
    assert draft.unmapped == {"pa_type": 2, "ended": 0, "amn": 1}


@pytest.mark.parametrize(
    ("row", "path"),
    [
        ({"paid": "1", "cease": 5}, "row.cease"),
        ({"paid": "1", "withd": "yes"}, "row.withd"),
        ({"paid": "1", "pa_date": "1996-13"}, "row.pa_date"),
    ],
)
def test_ucdp_import_names_the_bad_cell(row: dict[str, Any], path: str) -> None:
    with pytest.raises(ct.ParseError) as info:
        from_ucdp_row(row, zone="UTC")
    assert info.value.path == path
    assert repr(next(v for k, v in row.items() if path.endswith(k))) in str(info.value)


def test_ucdp_import_needs_an_id() -> None:
    with pytest.raises(ct.InputError) as info:
        from_ucdp_row({"pa_date": "1996"}, zone="UTC")
    assert info.value.path == "row.paid"
