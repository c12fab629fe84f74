"""The bundled library of real agreements: names, loading, sources and structure."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import ceasefire_terms as ct
from ceasefire_terms import examples

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "ceasefire_terms" / "data" / "agreements"
REQUIRED = {"gaza-2025", "lebanon-2024", "black-sea-grain-2022"}
# Warnings a shipped record may carry, each explained in the record itself.
EXPLAINED = {"ratio-total", "boundary-unstated", "reported-disputed"}


def test_names_list_the_required_agreements_and_at_least_five() -> None:
    names = examples.names()
    assert set(names) >= REQUIRED
    assert len(names) >= 5
    assert list(names) == sorted(names)
    assert set(names) == {p.stem for p in DATA.glob("*.yaml")}


@pytest.mark.parametrize("name", examples.names())
def test_each_record_loads_with_its_file_name_as_id(name: str) -> None:
    a = examples.load(name)
    assert isinstance(a, ct.Agreement)
    assert a.id == name
    assert a == ct.load_agreement(DATA / f"{name}.yaml")


def test_unknown_name_raises_and_lists_the_known_names() -> None:
    with pytest.raises(ct.UnknownReferenceError) as info:
        examples.load("atlantis-1999")
    assert isinstance(info.value, LookupError)
    assert info.value.got == "atlantis-1999"
    for name in examples.names():
        assert name in str(info.value)


def test_package_gaza_record_is_the_readme_example() -> None:
    """The bundled gaza-2025 is a byte-for-byte copy of examples/gaza_2025.yaml; to update it,
    edit the example and copy it over (see the comment at the top of the file)."""
    example = (ROOT / "examples" / "gaza_2025.yaml").read_bytes()
    assert (DATA / "gaza-2025.yaml").read_bytes() == example
    assert examples.load("gaza-2025") == ct.load_agreement(ROOT / "examples" / "gaza_2025.yaml")


@pytest.mark.parametrize("name", examples.names())
def test_records_are_valid_and_every_warning_is_explained(name: str) -> None:
    report = ct.check(examples.load(name))
    assert report.ok, str(report)
    assert {w.code for w in report.warnings} <= EXPLAINED, str(report)
    for w in report.warnings:
        if w.code == "reported-disputed":
            assert "note:" in (w.hint or ""), w.message


@pytest.mark.parametrize("name", examples.names())
def test_every_source_names_publisher_date_and_address(name: str) -> None:
    a = examples.load(name)
    assert a.sources
    for s in a.sources:
        assert s.id and s.publisher and s.published, s
        # A source without an address says why in its note (the seed article, a figure
        # carried over from the design notes).
        assert s.url or s.note, s
        assert s.url is None or s.url.startswith(("http://", "https://")), s.url


def _readings(a: ct.Agreement) -> list[ct.ReportedDate]:
    out = [r for p in a.phases for r in p.reported_end]
    out += [r for am in a.amendments for r in am.reported_end]
    out += [r for p in a.provisions if isinstance(p, ct.Deadline) for r in p.reported]
    return out


@pytest.mark.parametrize("name", examples.names())
def test_every_published_date_cites_a_listed_source(name: str) -> None:
    a = examples.load(name)
    ids = {s.id for s in a.sources}
    readings = _readings(a)
    assert readings, "a shipped agreement must have published dates to check against"
    for r in readings:
        assert r.sources
        assert all(ref in ids for ref in r.sources if isinstance(ref, str))


def test_the_library_covers_every_counting_structure() -> None:
    """Ordinal, elapsed and following counting; hours; amendments by a period and to a date;
    an auto-renewal clause; a start stated in another zone than the agreement's."""
    agreements = examples.load_all()
    phases = [p for a in agreements for p in a.phases]
    amendments = [am for a in agreements for am in a.amendments]
    # wall_clock has no published case among the bundled agreements (it differs from
    # elapsed only when a DST change falls inside a period that starts at a stated time);
    # tests/test_dates_counting.py covers it
    assert {p.counting for p in phases if p.counting} == set(ct.Counting) - {
        ct.Counting.WALL_CLOCK
    }
    assert any(isinstance(p.length, ct.Duration) for p in phases)
    assert any(am.by is not None for am in amendments)
    assert any(am.to is not None for am in amendments)
    assert any(p.auto_renewal is not None for p in phases)
    assert any(
        a.effective is not None and a.effective.zone not in (None, a.zone) for a in agreements
    )


def test_karabakh_start_in_moscow_time_is_0100_in_baku() -> None:
    eff = examples.load("karabakh-2020").timeline()["agreement.effective"]
    assert eff.at is not None
    assert eff.at.hour == 1 and eff.at_utc == dt.datetime(2020, 11, 9, 21, 0, tzinfo=dt.UTC)
