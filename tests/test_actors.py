"""The actor gazetteer (data/gazetteer.json) and the context rules of Vocabulary.accepts."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import subprocess
import sys
from importlib import resources
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire_terms.extraction import extract
from ceasefire_terms.extraction.draft import draft_from_text
from ceasefire_terms.extraction.mentions import MentionKind
from ceasefire_terms.extraction.vocabulary import (
    Actor,
    Vocabulary,
    gazetteer_actors,
    ucdp_conflicts,
)

ROOT = Path(__file__).resolve().parent.parent
GAZETTEER = json.loads(
    resources.files("ceasefire_terms").joinpath("data/gazetteer.json").read_text("utf-8")
)


def parties(text: str) -> list[tuple[str, str]]:
    return [(m.text, str(m.value)) for m in extract(text) if m.kind is MentionKind.PARTY]


def accepted(text: str) -> list[str]:
    vocab = Vocabulary.default()
    return [
        m.text
        for m in extract(text)
        if m.kind is MentionKind.PARTY and vocab.accepts(text, m.start, m.end)
    ]


# -- the data --------------------------------------------------------------------------------
def test_every_gazetteer_actor_says_where_it_came_from() -> None:
    tools = GAZETTEER["tools"]
    assert set(tools) == {"pycountry", "countryinfo", "wordfreq"}
    sources = re.compile(
        rf"pycountry {re.escape(tools['pycountry'])}: ISO 3166-1 [A-Z]{{3}}"
        r"|UCDP PAD 22\.1 paid \d+|ETH/PRIO CF uniq_id \d+|PA-X AgtId \d+"
        r"|UCDP Actor 22\.1 ActorId \d+"
        r"|bundled agreement data/agreements/[\w-]+\.yaml"
    )
    assert len(gazetteer_actors()) >= 250
    for actor in gazetteer_actors():
        assert actor.source and sources.search(actor.source), actor


def test_no_alias_names_two_actors() -> None:
    seen: dict[str, str] = {}
    for actor in Vocabulary.default().actors:
        for alias in actor.all_names():
            assert seen.setdefault(alias, actor.name) == actor.name, alias


def test_hand_written_vocabulary_wins() -> None:
    vocab = Vocabulary.default()
    russia = vocab.by_name["Russia"]
    assert russia.role == "party" and russia.source and "Black Sea" in russia.source
    assert "Russian Federation" in russia.aliases  # added by the gazetteer
    assert vocab.actor_for("Russian Federation") is russia
    assert vocab.by_name["Egypt"].role == "mediator"
    assert "Russian Federation" not in vocab.by_name  # one actor, not two


def test_gazetteer_is_what_the_script_builds() -> None:
    """The shipped file is the script's output (run when the build tools are installed at
    the versions the file records; otherwise the comparison would not be meaningful)."""
    for tool, wanted in GAZETTEER["tools"].items():
        if importlib.util.find_spec(tool) is None:
            pytest.skip(f"{tool} not installed (pip install -e '.[gazetteer]')")
        try:
            if version(tool) != wanted:
                pytest.skip(f"{tool} {version(tool)} installed, the file was built with {wanted}")
        except PackageNotFoundError:
            pytest.skip(f"{tool} not installed")
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_gazetteer.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


# -- what the issue found missing -----------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Armenia and the rebels signed.", "Armenia"),
        ("Azerbaijan said the truce held.", "Azerbaijan"),
        ("The ELN agreed to stop kidnappings.", "National Liberation Army"),
        ("Rwanda denied the claims.", "Rwanda"),
        ("The African Union will monitor the truce.", "African Union"),
        ("ECOWAS sent observers.", "ECOWAS"),
        ("IGAD convened the talks.", "IGAD"),
        ("The OAU brokered the deal.", "OAU"),
        ("The Rapid Support Forces accepted the truce.", "Rapid Support Forces"),
        ("The SAF rejected it.", "Sudanese Armed Forces"),
        ("The MILF and Manila signed.", "MILF"),
        ("Talks between the government and the FMLN resumed.", "FMLN"),
    ],
)
def test_actors_of_other_conflicts_are_found(text: str, name: str) -> None:
    assert name in [v for _t, v in parties(text)]


@pytest.mark.parametrize(
    ("text", "words", "name"),
    [
        ("Israeli forces withdrew.", "Israeli", "Israel"),
        ("The Armenian side objected.", "Armenian", "Armenia"),
        ("Azerbaijani troops entered Kalbajar.", "Azerbaijani", "Azerbaijan"),
        ("Ethiopian officials met the TPLF.", "Ethiopian", "Ethiopia"),
        ("Rwandan soldiers crossed the border.", "Rwandan", "Rwanda"),
        ("Two Iraqis were released.", "Iraqis", "Iraq"),
    ],
)
def test_demonyms_used_as_adjectives_resolve_to_the_actor(text: str, words: str, name: str) -> None:
    assert (words, name) in parties(text)


def test_shared_demonyms_are_not_guessed() -> None:
    """'Congolese' names two states and 'Congo' alone too: neither is an alias."""
    vocab = Vocabulary.default()
    assert vocab.actor_for("Congolese") is None
    assert vocab.actor_for("Congo") is None
    assert vocab.actor_for("DR Congo") is not None
    assert vocab.actor_for("Chinese") is vocab.by_name["China"]  # not Hong Kong or Macao


# -- codes and abbreviations ------------------------------------------------------------------
@pytest.mark.parametrize(
    "code", ["IN", "IS", "AT", "NO", "AM", "PM", "ET", "TV", "ID", "PA", "CO", "MD", "IT", "ME"]
)
def test_alpha2_codes_are_never_aliases(code: str) -> None:
    assert Vocabulary.default().actor_for(code) is None
    assert parties(f"THE TRUCE {code} FORCE.") == []


@pytest.mark.parametrize("code", ["CAN", "AND", "ARE", "PER", "ARM", "COL", "ETH", "NOR", "BEN"])
def test_alpha3_codes_that_are_english_words_are_not_aliases(code: str) -> None:
    assert Vocabulary.default().actor_for(code) is None


@pytest.mark.parametrize("word", ["Island", "Mann", "Holland"])
def test_spellings_that_are_common_words_are_not_aliases(word: str) -> None:
    """countryinfo's alternative spellings include Icelandic "Island" and Manx "Mann"."""
    assert Vocabulary.default().actor_for(word) is None
    assert parties(f"{word} said the ferry to Christmas Island would sail.") == [
        ("Christmas Island", "Christmas Island")
    ]


def test_rare_alpha3_codes_are_aliases_in_capitals_only() -> None:
    vocab = Vocabulary.default()
    assert vocab.actor_for("UKR") is vocab.by_name["Ukraine"]
    assert parties("Troops of UKR and RUS") == [("UKR", "Ukraine")]  # RUS is a word form
    assert parties("The ukr file") == []


def test_lower_case_words_never_match() -> None:
    """Aliases are case-sensitive: the pronoun, the verb and the bird are not actors."""
    text = "Let us know: it is in the turkey, at no cost, and chad is paper waste."
    assert parties(text) == []


def test_user_actors_extend_the_gazetteer() -> None:
    vocab = Vocabulary.default().extend(
        actors=[Actor(name="Nile Valley Militia", aliases=("NVM",))]
    )
    assert vocab.actor_for("NVM") is not None and vocab.actor_for("Armenia") is not None


# -- context -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Chad Smith said the convoy left.",
        "Jordan Peterson spoke.",
        "Mr Jordan said the trucks were waiting.",
        "The Jordan River is low.",
        "Fishermen on Lake Chad.",
        "Pirates in the Gulf of Guinea.",
        "A firm in Atlanta, Georgia.",
        "Guests from New Jersey and New Mexico.",
        "LET US KNOW IF IT IS LATE.",
        "Nigeria Rentería Lozano signed.",
        "Under the Djibouti Agreement the parties met.",
    ],
)
def test_names_used_otherwise_are_not_accepted(text: str) -> None:
    assert parties(text) == [], "extract() reads the name in its context"
    assert accepted(text) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Chad and Sudan signed.", ["Chad", "Sudan"]),
        ("Chad President Mahamat Deby spoke.", ["Chad"]),
        ("Jordan, Egypt and Qatar mediated.", ["Jordan", "Egypt", "Qatar"]),
        ("Troops from Russia, Georgia and Armenia.", ["Russia", "Georgia", "Armenia"]),
        ("The US envoy arrived.", ["US"]),
        ("Talks in Doha: US and Qatar mediate", ["US", "Qatar"]),
        ("US-brokered talks", ["US"]),
        ("Israel Defense Forces withdrew.", ["Israel Defense Forces"]),
    ],
)
def test_names_of_actors_are_accepted(text: str, words: list[str]) -> None:
    assert accepted(text) == words


def test_text_in_capitals_names_no_actor() -> None:
    """A known limit: aliases are case-sensitive, and a short capital alias inside a run of
    capitals is taken for a heading word, so a headline in capitals yields nothing."""
    assert accepted("TALKS IN DOHA: US AND QATAR MEDIATE") == []


def test_a_draft_leaves_out_a_name_used_otherwise() -> None:
    text = (
        "Chad Smith, a UN spokesman, said Chad and Libya agreed to a 30-day truce "
        "mediated by Algeria."
    )
    d = draft_from_text(text, published=dt.date(2025, 2, 3), zone="Africa/Ndjamena")
    names = {p.name: p.role.value for p in d.agreement.parties}
    assert names == {
        "United Nations": "mediator",
        "Chad": "party",
        "Libya": "party",
        "Algeria": "mediator",
    }
    # "Chad Smith" is a person: extract() never offers it to the draft as the actor
    assert not [u for u in d.unresolved if u.mention.kind is MentionKind.PARTY]


_PIECES = [
    "Chad",
    "Jordan",
    "Georgia",
    "US",
    "New",
    "Lake",
    "River",
    "of",
    ",",
    ".",
    "Mr",
    "\n",
    "\u200d",
    "É",
    " ",
    "  ",
    "LET",
    "Agreement",
    "Atlanta",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_PIECES), max_size=20).map("".join) | st.text(max_size=40),
    st.integers(0, 120),
    st.integers(0, 120),
)
def test_accepts_answers_for_any_text_and_span(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    assert Vocabulary.default().accepts(text, start, end) in (True, False)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Chad Smith met the envoy of Rwanda.", ["Rwanda"]),
        ("Lake Chad is drying, and Chad signed.", ["Chad"]),
        ("The Jordan River runs south; Jordan mediated.", ["Jordan"]),
        ("Talks moved from Atlanta, Georgia to Tbilisi, where Georgia signed.", ["Georgia"]),
    ],
)
def test_extract_applies_the_context_rules(text: str, found: list[str]) -> None:
    """extract() and the drafts read a name in context the same way (one rule, in the
    vocabulary): the first occurrence here means something else, the second the actor."""
    from ceasefire_terms.extraction import extract

    names = [m.text for m in extract(text) if m.kind.value == "party"]
    assert names == found


# -- the UCDP actor list: actors of at least 100 conflicts -----------------------------------
def test_gazetteer_covers_at_least_100_conflicts_each_actor_with_its_source() -> None:
    """Counting one conflict per actor (its first), the gazetteer's non-state actors come
    from well over 100 distinct UCDP conflicts, and every actor taken from the UCDP actor
    list cites its ActorId and conflicts."""
    first = {c[0] for a in gazetteer_actors() if (c := ucdp_conflicts(a))}
    assert len(first) >= 100
    from_list = [a for a in gazetteer_actors() if "UCDP Actor 22.1 ActorId" in (a.source or "")]
    assert len(from_list) >= 600
    assert len([a for a in from_list if ucdp_conflicts(a)]) >= 0.9 * len(from_list)
    # every citation names a row of the source file and that row's conflicts
    import csv

    path = ROOT / "scripts" / "gazetteer_sources" / "ucdp_actors_221.csv"
    with path.open(encoding="utf-8") as f:
        rows = {r["ActorId"]: r for r in csv.DictReader(f)}
    cited = re.compile(r"UCDP Actor 22\.1 ActorId (\d+)(?: \(conflicts ([^)]*)\))?")
    for actor in from_list:
        for m in cited.finditer(actor.source or ""):
            row = rows[m.group(1)]
            ids = [c.strip() for c in row["ConflictId"].split(",") if c.strip()]
            ids += ["ns " + c.strip() for c in row["NSID"].split(",") if c.strip()]
            assert (m.group(2) or "").split(", ") == (ids or [""]), actor.name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The TPLF signed the Pretoria agreement.", "Tigrean People’s Liberation Front"),
        ("M23 rebels withdrew from Sake.", "March 23 Movement"),
        ("The LTTE declared a ceasefire.", "Liberation Tigers of Tamil Eelam"),
        ("Ansarallah forces left Hodeidah.", "Ansarallah"),
        ("The Kurdistan Worker's Party called a truce.", "Kurdistan Worker’s Party"),
        ("The Lord’s Resistance Army fled.", "Lord's Resistance Army"),
        ("Al-Qaida claimed the attack.", "al-Qaida"),
        ("The anti-Balaka militia attacked.", "anti-Balaka"),
        ("Sendero Luminoso rejected the talks.", "Sendero Luminoso"),
        ("The Islamic State lost Baghuz.", "Islamic State"),
        ("The MPLA took Luanda.", "Popular Movement for the Liberation of Angola"),
    ],
)
def test_actors_of_the_ucdp_list_are_found(text: str, name: str) -> None:
    """Abbreviations, original names, both apostrophes and a capitalised 'Al-'."""
    assert name in [v for _t, v in parties(text)]


@pytest.mark.parametrize(
    ("alias", "why"),
    [
        ("UCK", "Kosovo and North Macedonia: two groups"),
        ("PLA", "China and India"),
        ("National Salvation Front", "Romania, Lebanon and South Sudan"),
        ("Ninjas", "a common word (ninja)"),
        ("Outlaws", "a common word"),
        ("Union", "a common word"),
        ("Resistance", "'The Resistance', a translation and a common word"),
        ("Base", "'The Base', al-Qaida's name in English"),
        ("Party of God", "a translation of Hezbollah"),
        ("Supporters of God", "a translation of Ansarallah"),
        ("Kashmir insurgents", "a description, not a name"),
        ("MODEL", "an English word that none of the group's names spells out"),
        ("Royalists", "the plural of an English noun"),
        ("Patriotic Front", "a generic party name (Zambia's party, Zimbabwe's PF)"),
        ("National Alliance", "a generic party name"),
    ],
)
def test_ambiguous_or_common_names_of_the_ucdp_list_are_not_aliases(alias: str, why: str) -> None:
    assert Vocabulary.default().actor_for(alias) is None, why


def test_a_shared_name_goes_to_the_group_it_names_most_strongly() -> None:
    """'Islamic State' is the spelled-out name of IS but only the translation of Darul
    Islam; 'MPLA' is the Angolan group's name and only a former name of a Malian one; an
    earlier source's meaning stays ('ELN' from PA-X); a state's name stays the state's."""
    vocab = Vocabulary.default()
    assert "ISI" in (vocab.actor_for("Islamic State") or Actor(name="x")).aliases
    # a common English name outranks the list's own: "RPF" is the Rwandan Patriotic Front's
    rpf = vocab.actor_for("RPF")
    assert rpf is not None and rpf.name == "Rwandan Patriotic Front"
    mpla = vocab.actor_for("MPLA")
    assert mpla is not None and "Angola" in mpla.name
    eln = vocab.actor_for("ELN")
    assert eln is not None and eln.name == "National Liberation Army"
    assert vocab.actor_for("Republic of Armenia") is vocab.by_name["Armenia"]


@pytest.mark.parametrize(
    "text",
    [
        "The Islamic Front for Salvation was banned in 1992.",
        "Black Axe fought for control of Benin City.",
        "Amal Clooney represented the victims.",
        "The Resistance, a novel about the war, won the prize.",
    ],
)
def test_look_alikes_of_ucdp_names_are_not_actors(text: str) -> None:
    assert [v for _t, v in parties(text)] in ([], ["Black Axe"])


def test_seed_article_gains_no_actor_from_the_ucdp_list() -> None:
    """The AFP report the project started from names the same actors as before."""
    seed = (ROOT / "seeds" / "000_5c71c5f11eb688dd.txt").read_text("utf-8")
    names = {v for _t, v in parties(seed)}
    assert names <= {a.name for a in Vocabulary.default().actors if not ucdp_conflicts(a)} | {
        "Hamas",
        "Palestinian Islamic Jihad",
        "Hezbollah",
    }


def test_actor_list_rows_are_what_a_refresh_keeps() -> None:
    """scripts/gazetteer_sources/ucdp_actors_221.csv holds exactly what
    ``build_gazetteer.py --refresh-sources`` keeps of the published ucdp-actor-221.csv: its
    organised armed groups (Org 1) without the "Military faction (...)", "Forces of <a
    person>", "... faction" and "... gang" rows, names in other scripts left out."""
    import csv

    spec = importlib.util.spec_from_file_location(
        "build_gazetteer", ROOT / "scripts" / "build_gazetteer.py"
    )
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = script
    spec.loader.exec_module(script)
    path = ROOT / "scripts" / "gazetteer_sources" / "ucdp_actors_221.csv"
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) >= 900
    assert [int(r["ActorId"]) for r in rows] == sorted(int(r["ActorId"]) for r in rows)
    for row in rows:
        assert script.ucdp_actor_row({**row, "Org": "1"}) == row, row["ActorId"]
    tplf = next(r for r in rows if r["NameData"] == "TPLF")
    assert script.ucdp_actor_row({**tplf, "Org": "4"}) is None
    for data in ("Military faction (forces of X)", "Forces of X", "Y - Z faction", "Nan Q gang"):
        assert script.ucdp_actor_row({**tplf, "Org": "1", "NameData": data}) is None, data
    cyrillic = {**tplf, "Org": "1", "NameOrigFull": "Донецкая республика / Donetskaya respublika"}
    assert script.ucdp_actor_row(cyrillic)["NameOrigFull"] == "Donetskaya respublika"


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("The Philippine government and the MILF signed the deal.", "Philippine government"),
        ("Clashes between the Philippine military and MILF fighters ended.", "Philippine military"),
        ("The GPH and the MILF signed ceasefire guidelines.", "GPH"),
        ("The Armed Forces of the Philippines welcomed it.", "Armed Forces of the Philippines"),
    ],
)
def test_the_philippine_state_is_named_by_its_adjective_before_an_institution(
    sentence: str, span: str
) -> None:
    parties = [m for m in extract(sentence) if m.kind.value == "party"]
    assert (parties[0].text, parties[0].value) == (span, "Philippines")


@pytest.mark.parametrize(
    "sentence", ["Ships sailed into the Philippine Sea.", "AFP reported the talks had ended."]
)
def test_philippine_alone_and_afp_are_not_the_philippines(sentence: str) -> None:
    assert [m for m in extract(sentence) if m.value == "Philippines"] == []
