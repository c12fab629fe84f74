"""Common English names of UCDP armed groups (scripts/gazetteer_sources/common_names.csv),
the builder rules they meet, and the context rules for abbreviations (issue #12)."""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import sys
from importlib import resources
from pathlib import Path
from types import ModuleType

import pytest

from ceasefire_terms.extraction import extract
from ceasefire_terms.extraction.mentions import MentionKind
from ceasefire_terms.extraction.vocabulary import Vocabulary

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "scripts" / "gazetteer_sources"
GAZETTEER = json.loads(
    resources.files("ceasefire_terms").joinpath("data/gazetteer.json").read_text("utf-8")
)


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_gazetteer", ROOT / "scripts" / "build_gazetteer.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _rows(name: str) -> list[dict[str, str]]:
    with (SOURCES / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def parties(text: str) -> list[tuple[str, str]]:
    return [(m.text, str(m.value)) for m in extract(text) if m.kind is MentionKind.PARTY]


# -- the source file ------------------------------------------------------------------------
def test_every_common_name_cites_a_page_for_a_listed_group() -> None:
    ucdp = {r["ActorId"]: r for r in _rows("ucdp_actors_221.csv")}
    rows = _rows("common_names.csv")
    assert len({r["ActorId"] for r in rows}) >= 30
    seen = set()
    for r in rows:
        assert r["ActorId"] in ucdp, r
        assert re.match(r"https?://\S+$", r["source"]), r
        assert r["attested"].strip() and r["alias"] == " ".join(r["alias"].split()), r
        assert (r["ActorId"], r["alias"]) not in seen, r
        seen.add((r["ActorId"], r["alias"]))


def test_every_common_name_is_an_alias_of_its_group_or_refused_with_a_reason() -> None:
    """Each name joins the actor that cites its ActorId and the common names file, or the
    build lists it under ``skipped`` with the rule that refused it."""
    vocab = Vocabulary.default()
    skipped = "\n".join(GAZETTEER["skipped"])
    by_alias = {n: a for a in GAZETTEER["actors"] for n in [a["name"], *a["aliases"]]}
    refused = []
    for r in _rows("common_names.csv"):
        actor = by_alias.get(r["alias"])
        if actor is None:
            assert f"ActorId {r['ActorId']}: {r['alias']!r}" in skipped, r
            refused.append(r["alias"])
            continue
        assert re.search(rf"ActorId {r['ActorId']}\b", actor["source"]), (r, actor)
        assert "common_names.csv" in actor["source"], (r, actor)
        # the default vocabulary reads it as the same actor (a hand-written one may rename it)
        found = vocab.actor_for(r["alias"])
        assert found is not None and actor["name"] in found.all_names(), (r, found)
    assert not refused, refused  # none of the cited names is refused today


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The Taliban took Kabul in August 2021.", "Taleban"),
        ("The Houthis agreed to a truce.", "Ansarallah"),
        ("Boko Haram fighters attacked Chibok.", "Boko Haram"),
        ("ISIS lost Raqqa in 2017.", "Islamic State"),
        ("ISIL claimed the bombing.", "Islamic State"),
        ("Daesh fighters withdrew.", "Islamic State"),
        ("The Shining Path killed two soldiers.", "Sendero Luminoso"),
        ("The Tamil Tigers declared a ceasefire.", "Liberation Tigers of Tamil Eelam"),
        ("The RPF took Kigali in July 1994.", "Rwandan Patriotic Front"),
        ("The Pakistani Taliban claimed the attack.", "Taleban Movement of Pakistan"),
        ("The FACT rebels advanced on N'Djamena.", "FACT"),
    ],
)
def test_common_names_are_found(text: str, name: str) -> None:
    assert name in [v for _t, v in parties(text)]


# -- the builder's rules --------------------------------------------------------------------
def test_an_acronym_is_the_initials_of_a_name_without_its_function_words() -> None:
    script = _script()
    assert script._initials("Islamic State in Iraq and al-Sham") == "ISIS"
    assert script._initials("Forces armées du nord") == "FAN"
    assert script._initials("Front pour l’alternance et la concorde au Tchad") == "FACT"
    assert script._initials("Movement for Democracy in Liberia") != "MODEL"


@pytest.fixture(scope="module")
def gazetteer() -> object:
    pytest.importorskip("wordfreq")
    return _script().Gazetteer()


def test_a_frequent_abbreviation_is_kept_when_the_group_spells_it_out(gazetteer: object) -> None:
    """wordfreq folds case: "isis" is as frequent as a word because texts write ISIS. The
    group's own names decide: an abbreviation they spell out is the group's acronym."""
    refusal = gazetteer.refusal  # type: ignore[attr-defined]
    spelled = ["Islamic State in Iraq and al-Sham"]
    assert refusal("ISIS", "1", frozenset(), 0, [], spelled) is None
    assert refusal("ISIS", "1", frozenset(), 0, [], ["Islamic State"]) == "unsafe abbreviation"
    assert refusal("MODEL", "1", frozenset(), 3, [], ["Movement for Democracy in Liberia"])


def test_a_cited_common_name_meets_the_bar_of_the_datasets_names(gazetteer: object) -> None:
    script = _script()
    refusal = gazetteer.refusal  # type: ignore[attr-defined]
    # "taliban" is as common as Zipf 3.7: too common for an unseen one-word name, not for
    # one read in texts naming the group; an everyday word stays refused either way
    assert refusal("Taliban", "1", frozenset(), 3, []) == "a common word"
    assert refusal("Taliban", "1", frozenset(), script.ATTESTED, []) is None
    assert refusal("Union", "1", frozenset(), script.ATTESTED, []) == "a common word"
    # a translation is refused unless texts are cited using it
    assert refusal("Shining Path", "1", frozenset(), 1, []) is not None
    assert refusal("Shining Path", "1", frozenset(), script.ATTESTED, []) is None


def test_plurals_of_nouns_and_generic_party_names_are_refused_unless_cited(
    gazetteer: object,
) -> None:
    script = _script()
    refusal = gazetteer.refusal  # type: ignore[attr-defined]
    generic = script._generic_words(_rows("ucdp_actors_221.csv"))
    assert {"National", "Patriotic", "Front", "Alliance"} <= generic
    assert "Kachin" not in generic and "Gulf" not in generic
    assert refusal("Royalists", "1", frozenset(), 3, []) is not None
    assert refusal("Contras", "1", frozenset(), script.ATTESTED, []) is None
    assert refusal("Patriotic Front", "1", frozenset(), 3, [], [], generic) is not None
    assert refusal("Kachin Independence Army", "1", frozenset(), 3, [], [], generic) is None


def test_a_cited_name_outranks_the_same_name_of_another_group_elsewhere() -> None:
    script = _script()
    row = next(r for r in _rows("ucdp_actors_221.csv") if r["ActorId"] == "527")
    assert script._ucdp_names(row, ["RPF"])["RPF"] == script.ATTESTED > 3


# -- context --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Abdul-Malik al-Houthi said the talks would go on.", []),
        ("Anti-Taliban militias held the valley.", []),
        ("The pro-Houthi channel reported the strike.", []),
        ("HTS left the M4 under the Russian-Turkish deal.", ["HTS", "Russian", "Turkish"]),
        ("The convoy's ETA at the crossing is 14:00.", []),
        ("ETA announced a permanent ceasefire in 2011.", ["ETA"]),
        ("The mission sent a PDF file of the map.", []),
        ("An ETA of two hours was given for the convoy.", []),
        ("A FARC commander surrendered in Meta.", ["FARC"]),
        ("The Truth and Reconciliation Commission said the TRC would report in June.", []),
        ("The Tailand Revolutionary Council (TRC) signed a ceasefire.",
         ["Tailand Revolutionary Council", "TRC"]),
        ("The CPA provided for a referendum in southern Sudan.", ["Sudan"]),
        ("The Communist Party of Arakan (CPA) joined the talks.",
         ["Communist Party of Arakan", "CPA"]),
        ("FACT CHECK: NO TRUCE WAS SIGNED", []),
        # the abbreviation rules are for armed groups: a state's or the UN's stay
        ("A US envoy met the rebels in Goma.", ["US"]),
        ("The country's UN ambassador spoke first.", ["UN"]),
        ("Upper Nile state hosts the UN base at Malakal.", ["UN"]),
    ],
)  # fmt: skip
def test_abbreviations_and_prefixed_names_in_context(text: str, expected: list[str]) -> None:
    assert [t for t, _v in parties(text)] == expected


def test_other_meanings_are_written_down_with_their_meaning() -> None:
    vocab = Vocabulary.default()
    meanings = vocab.actor_context.other_meanings
    assert {"CPA", "TRC", "NRC", "OAS", "PDF"} <= set(meanings)
    for abbreviation, meaning in meanings.items():
        assert abbreviation.isupper() and meaning.strip()
        assert vocab.actor_for(abbreviation) is not None, abbreviation  # still an alias
