"""Which zone names an agreement may use (issue #13, items 14 and 21): the canonical IANA
names and the tz database's backward-compatible aliases, nothing that depends on the machine."""

from __future__ import annotations

import pytest

import ceasefire_terms as ct
from ceasefire_terms.model.when import get_zone, zone_names

REFUSED = ["localtime", "right/UTC", "right/Asia/Jerusalem", "posixrules", "posix/Asia/Gaza",
           "Factory"]


@pytest.mark.parametrize("name", REFUSED)
def test_machine_dependent_and_non_civil_names_are_refused(name: str) -> None:
    with pytest.raises(ct.TimeZoneError) as info:
        get_zone(name)
    assert info.value.got == name
    assert "IANA time zone name" in info.value.expected


@pytest.mark.parametrize("name", REFUSED)
def test_an_agreement_with_a_refused_zone_names_the_field(name: str) -> None:
    with pytest.raises(ct.RecordError) as info:
        ct.parse_agreement({"id": "x", "title": "X", "zone": name})
    assert "'zone' must be an IANA time zone name" in str(info.value)


@pytest.mark.parametrize(
    "name", ["Asia/Jerusalem", "Asia/Gaza", "Europe/Kyiv", "UTC", "Etc/GMT-3",
             # backward-compatible aliases (the tz database's 'backward' file)
             "US/Eastern", "Asia/Calcutta", "Europe/Kiev", "Israel"]
)
def test_canonical_names_and_backward_aliases_are_accepted(name: str) -> None:
    assert get_zone(name).key == name
    assert name in zone_names()


def test_the_accepted_list_is_the_tz_database_list_not_the_machine() -> None:
    names = zone_names()
    assert "localtime" not in names and "Factory" not in names and "posixrules" not in names
    assert not any(n.startswith(("right/", "posix/")) for n in names)
    assert len(names) > 400


@pytest.mark.parametrize(
    ("name", "nearest"),
    [
        ("Asia/Gaza_City", "Asia/Gaza"),
        ("Europe/Kyev", "Europe/Kyiv"),
        ("asia/jerusalem", "Asia/Jerusalem"),
        ("America/Santiagp", "America/Santiago"),
        ("posix/Asia/Gaza", "Asia/Gaza"),
        ("right/Europe/Kyiv", "Europe/Kyiv"),
    ],
)
def test_an_unknown_zone_suggests_the_nearest_accepted_name(name: str, nearest: str) -> None:
    with pytest.raises(ct.TimeZoneError) as info:
        get_zone(name)
    assert info.value.hint is not None
    assert f"'{nearest}'" in info.value.hint
    assert "Asia/Jerusalem" not in str(info.value) or nearest == "Asia/Jerusalem"


def test_a_name_near_nothing_gets_no_made_up_suggestion() -> None:
    with pytest.raises(ct.TimeZoneError) as info:
        get_zone("Mars/Olympus")
    assert "did you mean" not in str(info.value)


def test_localtime_is_refused_with_the_reason() -> None:
    with pytest.raises(ct.TimeZoneError) as info:
        get_zone("localtime")
    assert "machine" in str(info.value)
