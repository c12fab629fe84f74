"""Published dates against computed dates for every bundled agreement.

The expectations come from the data: every published date in a record must agree with the
computed date, or be a reading that is not preferred, next to a preferred one, with a note
saying why. A few key published facts are also written out by hand, so that the data cannot
drift silently.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import ceasefire_terms as ct
from ceasefire_terms import examples
from ceasefire_terms.conformance import Status, conformance_markdown, conformance_rows, main
from ceasefire_terms.validation.checks import Match, compare_reported

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "conformance.md"
UTC = dt.UTC


def _published(a: ct.Agreement) -> list[ct.ReportedDate]:
    out = [r for p in a.phases for r in p.reported_end]
    out += [r for am in a.amendments for r in am.reported_end]
    out += [
        r for p in a.provisions if isinstance(p, ct.Deadline | ct.Obligation) for r in p.reported
    ]
    out += [
        r for p in a.provisions if isinstance(p, ct.Exchange) for b in p.batches for r in b.reported
    ]
    return out


@pytest.mark.parametrize("name", examples.names())
def test_every_published_date_has_a_row(name: str) -> None:
    a = examples.load(name)
    rows = conformance_rows(a)
    assert sorted(r.published for r in rows) == sorted(str(r.date) for r in _published(a))


@pytest.mark.parametrize("name", examples.names())
def test_published_dates_agree_or_are_explained_disputes(name: str) -> None:
    for row in conformance_rows(examples.load(name)):
        assert row.status in (Status.AGREES, Status.DISPUTED), row
        if row.status is Status.AGREES:
            assert row.match in (Match.SAME_INSTANT, Match.SAME_DAY, Match.SAME_MIDNIGHT)
        else:
            assert row.match is Match.DIFFERS
            assert not row.preferred and row.note, row
        if row.preferred:
            assert row.status is Status.AGREES, row


@pytest.mark.parametrize("name", examples.names())
def test_check_reports_exactly_the_disputed_readings(name: str) -> None:
    a = examples.load(name)
    disputed = [r for r in conformance_rows(a) if r.status is Status.DISPUTED]
    codes = [w.code for w in ct.check(a).warnings]
    assert codes.count("reported-disputed") == len(disputed)
    assert "reported-differs" not in codes


def test_conformance_document_is_up_to_date() -> None:
    expected = conformance_markdown(examples.load_all())
    assert DOC.read_text(encoding="utf-8") == expected, (
        "docs/conformance.md is stale; run: python -m ceasefire_terms.conformance "
        "docs/conformance.md"
    )


def test_generator_check_mode_and_usage(tmp_path: Path) -> None:
    out = tmp_path / "conformance.md"
    assert main([str(out)]) == 0
    assert main(["--check", str(out)]) == 0
    out.write_text("stale\n", encoding="utf-8")
    assert main(["--check", str(out)]) == 1
    assert main([]) == 2


# -- key published facts, written out by hand -----------------------------------------------


def test_lebanon_withdrawal_deadline_is_26_january_0400_beirut() -> None:
    t = examples.load("lebanon-2024").timeline(amended=False)
    end = t["transition.end"]
    assert end.at is not None
    assert end.at.replace(tzinfo=None) == dt.datetime(2025, 1, 26, 4, 0)
    assert end.at_utc == dt.datetime(2025, 1, 26, 2, 0, tzinfo=UTC)
    assert examples.load("lebanon-2024").timeline()["transition.end"].date == dt.date(2025, 2, 18)


def test_black_sea_chain_19_nov_19_mar_18_may_17_jul() -> None:
    a = examples.load("black-sea-grain-2022")
    assert a.timeline(amended=False)["initiative.end"].date == dt.date(2022, 11, 19)
    t = a.timeline()
    chain = [
        t[f"{i}.end"].date for i in ("renewal-nov-2022", "renewal-mar-2023", "renewal-may-2023")
    ]
    assert chain == [dt.date(2023, 3, 19), dt.date(2023, 5, 18), dt.date(2023, 7, 17)]
    final = t["initiative.end"]
    assert final.end_of_day
    # "expired at midnight in Istanbul (2100 GMT)"
    assert compare_reported(final, ct.Moment.parse("2023-07-17T21:00Z"), a.zone) is (
        Match.SAME_INSTANT
    )


def test_gaza_phase_one_ends_1_march_and_talks_on_3_february() -> None:
    t = examples.load("gaza-2025").timeline()
    assert t["phase-1.end"].date == dt.date(2025, 3, 1)
    assert t["phase-2-talks"].date == dt.date(2025, 2, 3)
    assert t["philadelphi-withdrawal"].date == dt.date(2025, 3, 9)  # day 50


def test_gaza_pause_ends_1_december_0700_after_96_48_24_hours() -> None:
    t = examples.load("gaza-pause-2023").timeline()
    assert t["pause.end"].at_utc == dt.datetime(2023, 12, 1, 5, 0, tzinfo=UTC)
    start = t["pause.start"].at
    assert start is not None and t["pause.end"].at is not None
    assert t["pause.end"].at - start == dt.timedelta(hours=168)


def test_sudan_expiry_29_may_2145_then_3_june() -> None:
    t = examples.load("sudan-jeddah-2023").timeline(amended=False)
    assert t["ceasefire.end"].at_utc == dt.datetime(2023, 5, 29, 19, 45, tzinfo=UTC)
    assert examples.load("sudan-jeddah-2023").timeline()["ceasefire.end"].date == dt.date(
        2023, 6, 3
    )


def test_karabakh_kalbajar_moved_from_15_to_25_november() -> None:
    a = examples.load("karabakh-2020")
    assert a.timeline(amended=False)["kalbajar-handover"].date == dt.date(2020, 11, 15)
    moved = a.timeline()["kalbajar-handover"]
    assert moved.date == dt.date(2020, 11, 25)
    assert moved.original_date == dt.date(2020, 11, 15)
    assert "kalbajar-handover" in [e.id for e in a.status_on(dt.date(2020, 11, 25)).due]
    # the amendment's events belong to no phase (their target is an obligation)
    assert a.timeline()["kalbajar-grace"].phase is None
    assert a.timeline()["kalbajar-grace.end"].phase is None
    # fulfilled on the moved date, so nothing is reported late
    assert not ct.check(a).findings


def test_easter_truce_is_30_hours_to_21_april_0000_moscow() -> None:
    a = examples.load("russia-easter-truce-2025")
    end = a.timeline()["truce.end"]
    assert end.at_utc == dt.datetime(2025, 4, 20, 21, 0, tzinfo=UTC)
    # the same end in Moscow time, GMT and BST, and as "midnight on 20 April"
    results = {r.published: r.match for r in conformance_rows(a)}
    assert results == {
        "2025-04-21 00:00 Europe/Moscow": Match.SAME_INSTANT,
        "2025-04-20T21:00:00+00:00": Match.SAME_INSTANT,
        "2025-04-20 22:00 Europe/London": Match.SAME_INSTANT,
        "2025-04-20": Match.SAME_MIDNIGHT,
    }


def test_energy_moratorium_end_depends_on_the_stated_convention() -> None:
    a = examples.load("russia-energy-moratorium-2025")
    assert a.timeline()["moratorium.end"].date == dt.date(2025, 4, 16)  # ordinal, as stated
    # the other readings, computed by stating the other conventions
    data = a.model_dump(mode="json", exclude_defaults=True)
    data["phases"][0]["counting"] = "following"
    assert ct.parse_agreement(data).timeline()["moratorium.end"].date == dt.date(2025, 4, 17)
    data["phases"][0]["length"] = "1 month"
    assert ct.parse_agreement(data).timeline()["moratorium.end"].date == dt.date(2025, 4, 18)
    # Peskov's "month" is kept as a disputed reading, not silently dropped
    (finding,) = ct.check(a).findings
    assert finding.code == "reported-disputed" and finding.got == "2025-04-18"


def test_victory_day_truce_is_72_hours_to_10_may_2100_utc() -> None:
    t = examples.load("russia-victory-day-truce-2025").timeline()
    assert t["truce.end"].at_utc == dt.datetime(2025, 5, 10, 21, 0, tzinfo=UTC)


# -- the comparison rules ----------------------------------------------------------------------


def _event(**data: object) -> ct.Event:
    base: dict[str, object] = {"id": "e", "label": "e", "kind": "phase_end", "rule": "r"}
    return ct.Event.model_validate(base | data)


def test_comparison_of_an_end_counted_in_days() -> None:
    e = _event(date=dt.date(2022, 11, 19), end_of_day=True)
    zone = "Europe/Istanbul"
    assert compare_reported(e, ct.Moment.parse("2022-11-19"), zone) is Match.SAME_DAY
    assert compare_reported(e, ct.Moment.parse("2022-11-20 00:00 Europe/Istanbul"), zone) is (
        Match.SAME_INSTANT
    )
    assert compare_reported(e, ct.Moment.parse("2022-11-20"), zone) is Match.DIFFERS
    assert compare_reported(e, ct.Moment.parse("2022-11-19 09:00 Europe/Istanbul"), zone) is (
        Match.DIFFERS
    )
    assert compare_reported(e, ct.Moment.parse("2022-11"), zone) is Match.NOT_COMPARABLE


def test_comparison_of_an_instant_at_midnight_accepts_the_last_day_covered() -> None:
    at = dt.datetime(2025, 5, 11, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    e = _event(date=dt.date(2025, 5, 11), at=at)
    zone = "Europe/Moscow"
    assert compare_reported(e, ct.Moment.parse("2025-05-10"), zone) is Match.SAME_MIDNIGHT
    assert compare_reported(e, ct.Moment.parse("2025-05-11"), zone) is Match.SAME_DAY
    assert compare_reported(e, ct.Moment.parse("2025-05-09"), zone) is Match.DIFFERS
    assert compare_reported(e, ct.Moment.parse("2025-05-10T21:00Z"), zone) is Match.SAME_INSTANT
