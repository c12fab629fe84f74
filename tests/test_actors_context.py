"""Issue #12's actor families: a state's institution joins its mention, roles from mediation
and hosting cues (one role per actor in a text), names used as places or persons, and names
that were not found. Each rule is tested where it applies and where it must not."""

from __future__ import annotations

import pytest

from ceasefire_terms.extraction import extract
from ceasefire_terms.extraction.mentions import MentionKind
from ceasefire_terms.extraction.vocabulary import Actor, Vocabulary


def parties(text: str) -> list[tuple[str, str, str | None]]:
    """(span text, actor, role) of every actor mention in ``text``."""
    return [
        (m.text, str(m.value), m.role) for m in extract(text) if m.kind is MentionKind.PARTY
    ]


# ------------------------------------------------------------- family 1: institutions
@pytest.mark.parametrize(
    ("text", "span", "name"),
    [
        ("The ELN and the Colombian government met.", "Colombian government", "Colombia"),
        ("The Ethiopian National Defense Force left.", "Ethiopian National Defense Force",
         "Ethiopia"),
        ("The Yemeni Government and the Houthis met.", "Yemeni Government", "Yemen"),
        ("The Iraqi army retook Mosul.", "Iraqi army", "Iraq"),
        ("The Myanmar military agreed a ceasefire.", "Myanmar military", "Myanmar"),
        ("The Malian armed forces withdrew.", "Malian armed forces", "Mali"),
        ("The Israeli government agreed.", "Israeli government", "Israel"),
    ],
)  # fmt: skip
def test_a_states_institution_joins_its_mention(text: str, span: str, name: str) -> None:
    assert (span, name, "party") in parties(text)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Russia's army shelled the town.", "Russia's"),  # a possessive: not joined
        ("The Taliban government banned the meeting.", "Taliban"),  # not a state
        ("The Colombian negotiators arrived.", "Colombian"),  # not an institution word
    ],
)
def test_an_institution_is_not_joined_after_a_possessive_or_a_non_state(
    text: str, span: str
) -> None:
    assert [p[0] for p in parties(text)][:1] == [span]


def test_a_user_vocabulary_without_states_never_joins() -> None:
    vocab = Vocabulary.from_mapping(
        {"actors": [{"name": "Nile Valley Militia", "aliases": ["NVM"]}],
         "state_institutions": ["army"]}
    )  # fmt: skip
    found = [m.text for m in extract("The NVM army moved.", vocabulary=vocab)]
    assert found == ["NVM"]


# ------------------------------------------------------------- family 2: roles
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Saudi Arabia and Oman are mediating between the parties.", "Oman"),
        ("Saudi Arabia and Oman are mediating between the parties.", "Saudi Arabia"),
        ("Malaysia, which facilitated the talks, hosted 30 rounds.", "Malaysia"),
        ("The MILF leadership met Malaysian facilitators twice.", "Malaysia"),
        ("Chad hosted the 2004 N'Djamena ceasefire talks on Darfur.", "Chad"),
        ("Kenya mediated between the two sides.", "Kenya"),
    ],
)
def test_mediation_and_hosting_cues_make_a_mediator(text: str, name: str) -> None:
    assert {n: r for _, n, r in parties(text)}[name] == "mediator"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Chad hosts more than a million refugees.", "Chad"),  # hosting, but not talks
        ("Israel and Hamas, mediated by Qatar, agreed a truce.", "Israel"),  # "mediated by"
        ("Israel and Hamas, mediated by Qatar, agreed a truce.", "Hamas"),
        ("Chad has received refugees since the fighting began.", "Chad"),
    ],
)
def test_no_cue_or_a_passive_cue_keeps_the_default_role(text: str, name: str) -> None:
    assert {n: r for _, n, r in parties(text)}[name] == "party"


def test_one_role_per_actor_in_a_text() -> None:
    found = parties("Saudi Arabia and Oman are mediating, and Omani officials shuttle weekly.")
    assert ("Omani", "Oman", "mediator") in found
    # without the cue in the same text, the demonym keeps the default role
    assert parties("Omani officials shuttle weekly to Riyadh.") == [("Omani", "Oman", "party")]


# ------------------------------------------------------------- family 3: places and persons
@pytest.mark.parametrize(
    "text",
    [
        "The delegates consulted Port Sudan before the vote.",
        "The Jordan river was not on the agenda.",
        "The Jordan valley was closed.",
        "The Georgia state senate passed a resolution.",
        "A spokesman, Chad Omar, said the committee would meet.",
    ],
)
def test_a_name_used_as_a_place_or_a_person_is_not_an_actor(text: str) -> None:
    names = [n for _, n, _ in parties(text)]
    assert "Sudan" not in names and "Jordan" not in names
    assert "Georgia" not in names and "Chad" not in names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Fighting spread along the Libyan coast.", "Libya"),  # a demonym as adjective
        ("The exchange took place at the Libyan border.", "Libya"),
        ("Georgia and Russia signed the text.", "Georgia"),
        ("Chad President Mahamat Deby spoke.", "Chad"),
        ("Jordan said the talks would resume.", "Jordan"),
    ],
)
def test_the_same_names_acting_are_still_actors(text: str, name: str) -> None:
    assert name in [n for _, n, _ in parties(text)]


def test_only_one_word_aliases_make_a_given_name_an_actor() -> None:
    # "Omar" begins the UCDP name "Omar al-Mukhtar Battalion" but is no alias of its own
    vocab = Vocabulary.default()
    text = "A spokesman, Chad Omar, said so; Chad Sudan talks went on."
    person, state = text.index("Chad Omar"), text.index("Chad Sudan")
    assert not vocab.accepts(text, person, person + 4)
    assert vocab.accepts(text, state, state + 4)


# ------------------------------------------------------------- family 4: names
def test_a_name_followed_by_of_and_a_person_is_the_name() -> None:
    found = parties("The Libyan National Army of Khalifa Haftar holds 7,000 mercenaries.")
    assert found[0][:2] == ("Libyan National Army", "Libyan National Army")


def test_a_name_a_longer_name_continues_is_still_refused() -> None:
    vocab = Vocabulary.default().extend(
        actors=[Actor(name="Liberation Movement", aliases=("Liberation Movement",))]
    )
    for text in (
        "The Liberation Movement for Salvation was banned.",
        "The Liberation Movement of the South was banned.",
        "The Liberation Movement of Mozambique was banned.",  # of + a known name
    ):
        assert vocab.accepts(text, 4, 23) is False, text
    assert vocab.accepts("The Liberation Movement of Khalifa Haftar won.", 4, 23)


@pytest.mark.parametrize(
    ("text", "span", "name", "role"),
    [
        ("Arakan Army fighters hold 14 townships.", "Arakan Army", "United League of Arakan",
         "party"),
        ("The AU panel of 3 mediators met.", "AU", "African Union", "mediator"),
        ("according to AU envoy figures", "AU", "African Union", "mediator"),
        ("Rwanda and the DRC signed.", "DRC", "Democratic Republic of the Congo", "party"),
        ("The army, the FARDC, said so.", "FARDC", "Democratic Republic of the Congo", "party"),
    ],
)  # fmt: skip
def test_sourced_names_are_found(text: str, span: str, name: str, role: str) -> None:
    assert (span, name, role) in parties(text)


def test_au_in_a_run_of_capitals_is_no_actor() -> None:
    assert parties("GOLD AU PRICE RISES") == []


# ------------------------------------------------ names that are not UCDP groups, each cited
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Tatmadaw agreed to halt air strikes.", [("Tatmadaw", "Myanmar", "party")]),
        (
            "The Three Brotherhood Alliance agreed a ceasefire, mediated by China.",
            [
                ("Three Brotherhood Alliance", "Three Brotherhood Alliance", "party"),
                ("China", "China", "mediator"),
            ],
        ),
        ("The 3BHA extended its truce.", [("3BHA", "Three Brotherhood Alliance", "party")]),
        ("The Government of National Accord announced a ceasefire.",
         [("Government of National Accord", "Libya", "party")]),
        ("GNA reports that the minister spoke.", []),  # the Ghana News Agency: not listed
        ("The OSCE Minsk Group welcomed the truce.",
         [("OSCE Minsk Group", "OSCE Minsk Group", "mediator")]),
        ("the Minsk Group co-chairs met", [("Minsk Group", "OSCE Minsk Group", "mediator")]),
        # the number word of the name is not a count of three
        ("the Three-Brotherhood Alliance said", [
            ("Three-Brotherhood Alliance", "Three Brotherhood Alliance", "party")]),
    ],
)
def test_hand_listed_names_with_their_sources(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert parties(text) == expected
    assert not [m for m in extract(text) if m.kind is MentionKind.QUANTITY]
