"""The bundled Gaza 2025 example: the dates and figures the reports give."""

from __future__ import annotations

import datetime as dt

import ceasefire_terms as ct


def test_phase_one_ends_on_day_42_by_ordinal_counting(gaza: ct.Agreement) -> None:
    end = gaza.timeline()["phase-1.end"]
    assert end.date == dt.date(2025, 3, 1)
    assert end.end_of_day and end.at is None
    assert end.counting is ct.Counting.ORDINAL
    assert "ordinal" in end.rule and "2025-01-19" in end.rule


def test_phase_two_talks_fall_on_monday_3_february(gaza: ct.Agreement) -> None:
    talks = gaza.timeline()["phase-2-talks"]
    assert talks.date == dt.date(2025, 2, 3)
    assert talks.date.weekday() == 0  # the seed's "Monday"
    assert gaza.day("phase-1", 16) == talks.date
    assert gaza.day_of("phase-1", dt.date(2025, 2, 3)) == 16


def test_effective_instant_is_0915_utc(gaza: ct.Agreement) -> None:
    eff = gaza.timeline()["agreement.effective"]
    assert eff.at_utc == dt.datetime(2025, 1, 19, 9, 15, tzinfo=dt.UTC)
    assert eff.at is not None and eff.at.utcoffset() == dt.timedelta(hours=2)


def test_phase_two_starts_the_day_after_phase_one_ends(gaza: ct.Agreement) -> None:
    t = gaza.timeline()
    assert t["phase-2.start"].date == dt.date(2025, 3, 2)
    assert t["phase-2.end"].date == dt.date(2025, 4, 12)


def test_batches_on_days_one_and_seven(gaza: ct.Agreement) -> None:
    t = gaza.timeline()
    assert t["captives.batch1"].date == dt.date(2025, 1, 19)
    assert t["captives.batch2"].date == dt.date(2025, 1, 25)
    assert [e.id for e in t.on("2025-01-25")] == ["captives.batch2"]


def test_status_on_10_february(gaza: ct.Agreement) -> None:
    st = gaza.status_on("2025-02-10")
    (active,) = st.active
    assert (active.phase, active.day, active.days_left) == ("phase-1", 23, 19)
    assert st.upcoming[0].id == "phase-1.end"
    assert "phase-2-talks" in {e.id for e in st.passed}


def test_figures_and_disputed_reading_are_kept(gaza: ct.Agreement) -> None:
    captives = gaza.provision("captives")
    prisoners = gaza.provision("prisoners")
    assert isinstance(captives, ct.Exchange) and isinstance(prisoners, ct.Exchange)
    assert captives.quantity == ct.Quantity(value=33)
    assert prisoners.quantity is not None
    assert prisoners.quantity.kind is ct.QuantityKind.APPROXIMATE
    assert prisoners.quantity.value == 1900
    values = [r.quantity.value for r in prisoners.breakdown[0].readings if r.quantity]
    assert values == [735, 737]
    aid = gaza.provision("aid-trucks")
    assert isinstance(aid, ct.Obligation) and aid.rate is not None
    assert aid.rate.quantity.value == 600 and aid.rate.per == ct.Period(days=1)
    assert [p.quantity.value for p in aid.rate.parts] == [50, 300]


def test_check_warns_that_ratio_bounds_miss_the_reported_total(gaza: ct.Agreement) -> None:
    report = ct.check(gaza)
    assert report.ok
    (warning,) = report.warnings
    assert warning.code == "ratio-total"
    assert "990–1,650" in warning.message and "1,900" in warning.message


def test_mediators_and_parties(gaza: ct.Agreement) -> None:
    roles = {p.id: p.role for p in gaza.parties}
    assert roles["israel"] is roles["hamas"] is ct.Role.PARTY
    assert {k for k, r in roles.items() if r is ct.Role.MEDIATOR} == {"egypt", "qatar", "usa"}
