"""Build ``ceasefire_terms/data/gazetteer.json``: the actors extraction knows beyond the
hand-written ``vocabulary.yaml``, generated from data, each with where it came from.

Usage (offline, reproducible)::

    pip install -e ".[gazetteer]"
    python scripts/build_gazetteer.py            # writes ceasefire_terms/data/gazetteer.json
    python scripts/build_gazetteer.py --check    # exit 1 if the shipped file is out of date
    python scripts/build_gazetteer.py --refresh-sources /path/to/datasets

Sources, in the order they are merged:

1. states: every ISO 3166-1 country of ``pycountry`` (names, official and common names,
   alpha-3 code), with the English name, alternative spellings and demonym of the
   ``countryinfo`` package matched by alpha-3 code;
2. the actors of the UCDP Peace Agreement and ETH/PRIO ceasefire datasets (``actor_name``,
   aligned with ``actor_id``), their third parties and mediators (``pa_3rd``,
   ``mediator_send``), and the parenthesised abbreviations of the PA-X signatory columns
   (``Part``, ``ThrdPart``, ``Agt``): "the National Liberation Army (ELN)" gives an actor
   named "National Liberation Army" with the alias "ELN"; and the organisations those
   signatory columns name as "the <Capitalised Words> Union/Nations/Community/..." ("the
   African Union");
3. the organised armed groups of the UCDP Actor Dataset 22.1 (``ucdp_actors_221.csv``: every
   name a group is given there, current and former, abbreviated, in the original language and
   in English, with the UCDP conflicts it fought in), which brings the actors of a few
   hundred conflicts that the dataset samples above do not reach (the TPLF, M23, the LTTE),
   with the common English names that texts give 30 of them (``common_names.csv``: "Taliban",
   "Houthis", "Boko Haram", "ISIL", "Shining Path", each row citing the page it was read
   on);
4. the parties of the agreements bundled in ``ceasefire_terms/data/agreements``.

The rules that keep the gazetteer precise in running text, all applied here so the shipped
file is what extraction matches:

* aliases are matched case-sensitively, so "Chad" is never "chad";
* ISO alpha-2 codes are never aliases: in English prose they are words or abbreviations
  ("IN", "IS", "AT", "NO", "AM", "PM", "ET", "TV", "ID", "PA", "CO");
* an ISO alpha-3 code is an alias only when its lower-case form is rarer than 3.0 on the
  Zipf scale of ``wordfreq`` (about once per million English words): "CAN", "AND", "PER",
  "COL", "ETH" and "RUS" are left out, "UKR" and "AFG" kept;
* a dataset abbreviation is an alias only when it has at least three characters and its
  lower-case form is rarer than 4.0 on that scale (once per 100,000 words: "ANC" and "ELN"
  are kept, a word such as "CAN" is not);
* a demonym shared by several countries is kept only for the one whose name begins with the
  same four letters ("Chinese": China, not Hong Kong; "Congolese" and "Dominican" are
  dropped: they name two countries each); a plural is derived by adding "s" to a demonym
  ending in "n", "i" or "o" ("Armenians", "Iraqis", "Filipinos"), the only derived form;
* a leading "The " is dropped ("The Gambia": "Gambia"), so that no sentence-initial "The"
  starts an actor lookup;
* aliases that start with a lower-case letter ("the army") are left out, but for a name
  with a lower-case prefix ("al-Qaida", "anti-Balaka"), kept with its capitalised form too;
  so are the bundled agreements' aliases that are phrases rather than names ("Egyptian
  mediators"); a name with an apostrophe is kept with both apostrophes;
* a one-word alternative spelling that is a common English word or name (Zipf 3.5 or more:
  "Island" for Iceland, "Mann" for the Isle of Man) is left out;
* "Congo" alone is never an alias: it names two states (``AMBIGUOUS``);
* a name the UCDP actor list gives to groups in different countries ("ELN": Bolivia,
  Colombia and Peru; "UCK": Kosovo and North Macedonia) goes to the group it names most
  strongly (a name the group goes by, then the spelled-out form of its abbreviation, then a
  former name: "Islamic State" is IS, not Darul Islam, whose name it only translates), and
  to none of them on a tie; a name already given by an earlier source keeps that meaning; a
  UCDP name that is a state's name ("Republic of Armenia", a side of the 1990 Soviet
  conflict) is left to the state; an English translation of a name that is not an
  abbreviation ("Party of God", "The Resistance") is not a name texts use;
* from the UCDP list, a one-word name that is not in capitals ("Ninjas", "Outlaws",
  "Cobras") is an alias only when neither it nor its singular is an English word as common
  as ``ONE_WORD_ZIPF``, nor the plural of an English noun ("Royalists", "Rastas"); a
  descriptive name ("Kashmir insurgents") is not a name; a name of one or two words that
  name groups of many countries ("Patriotic Front", "National Alliance") is a generic
  party name, not an alias;
* an abbreviation that one of the group's own names spells out ("ISIS": "Islamic State in
  Iraq and al-Sham"; "FACT", "MPS") is its acronym, however common its lower-case form in
  ``wordfreq``, which folds case and so counts the acronym itself ("isis" 4.3);
* a common English name of ``common_names.csv`` outranks the list's own names when groups
  share it ("RPF"), is not refused as a translation ("Shining Path") or a plural, and
  meets the bar of the datasets' one-word names (``ABBREVIATION_ZIPF``: "Taliban" 3.7 is
  kept, an everyday word is not).

What vocabulary.yaml says about an actor (its canonical name, role and source) wins; the
gazetteer adds its aliases to that actor.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import shutil
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "scripts" / "gazetteer_sources"
AGREEMENTS = ROOT / "ceasefire_terms" / "data" / "agreements"
OUT = ROOT / "ceasefire_terms" / "data" / "gazetteer.json"
VOCABULARY = ROOT / "ceasefire_terms" / "data" / "vocabulary.yaml"
COMMON_NAMES = SOURCES / "common_names.csv"

CODE_ZIPF = 3.0  # an alpha-3 code as common as this in English is not an alias
ABBREVIATION_ZIPF = 4.0  # nor is a dataset abbreviation as common as this
ONE_WORD_ZIPF = 3.0  # a one-word group name as common as this (or its singular) is a word
PLURAL_NOUN_ZIPF = 2.0  # a one-word plural whose singular is this common names a kind of people
GENERIC_COUNTRIES = 8  # a word in the names of groups of this many countries is generic
ATTESTED = 4  # how strongly a common English name (common_names.csv) names its group
UCDP = "UCDP PAD 22.1"
UCDP_ACTORS = "UCDP Actor 22.1"
ETHPRIO = "ETH/PRIO CF"
PAX = "PA-X"

# names that name more than one state, never made aliases (this project's judgement):
AMBIGUOUS = {
    "Congo": "the Republic of the Congo and the Democratic Republic of the Congo",
}

# UCDP and ETH/PRIO write some governments' countries differently from ISO and countryinfo;
# each spelling below is read from those datasets' own rows (conflict_name, location)
SPELLINGS = {
    "DR Congo": "COD",
    "Bosnia-Herzegovina": "BIH",
    "Central African Republic": "CAF",
    "United States of America": "USA",
    "Philippines": "PHL",
}


@dataclass
class Entry:
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)  # one per appearance in the data
    sources: list[str] = field(default_factory=list)

    def add(self, *names: str) -> None:
        for written in names:
            n = " ".join(written.split()).removeprefix("The ")  # "The Gambia": "Gambia"
            proper = n[:1].isupper() or _PREFIXED.match(n)
            if n and proper and n not in self.aliases and n not in AMBIGUOUS:
                self.aliases.append(n)

    def cite(self, source: str) -> None:
        if source not in self.sources:
            self.sources.append(source)


class Gazetteer:
    def __init__(self) -> None:
        from wordfreq import zipf_frequency

        self.zipf = zipf_frequency
        self.entries: list[Entry] = []
        self.lookup: dict[str, Entry] = {}  # every name or code (any case form) -> entry
        self.skipped: list[str] = []

    # -- helpers ---------------------------------------------------------------------------
    def find(self, name: str) -> Entry | None:
        return self.lookup.get(" ".join(name.split()))

    def index(self, entry: Entry, *names: str) -> None:
        for written in names:
            n = " ".join(written.split())
            if n:
                self.lookup.setdefault(n, entry)

    def new(self, name: str) -> Entry:
        e = Entry(name)
        e.add(name)
        self.entries.append(e)
        self.index(e, name)
        return e

    def safe_abbreviation(self, abbr: str, written: str | None = None) -> bool:
        """An abbreviation ("ELN", "M23") of three characters or more, or a one-word name
        ("Fatah"), whose lower-case form is not a common English word."""
        if self.zipf(abbr.lower(), "en") >= ABBREVIATION_ZIPF:
            return False
        if written is not None and written != written.upper():
            return written[0].isupper()  # a capitalised one-word name
        return len(abbr) >= 3 and any(c.isupper() for c in abbr) and abbr == abbr.upper()

    # -- 0. the hand-written vocabulary -----------------------------------------------------
    def curated(self) -> None:
        """The actors of vocabulary.yaml, so that the data's names for them ("UN", "USA")
        resolve to them and the gazetteer uses their canonical names."""
        data = yaml.safe_load(VOCABULARY.read_text("utf-8"))
        for a in data.get("actors") or []:
            e = self.new(a["name"])
            self.index(e, *a.get("aliases", []))

    # -- 1. states -------------------------------------------------------------------------
    def states(self) -> None:
        import countryinfo
        import pycountry

        pyc = f"pycountry {version('pycountry')}"
        cinfo = f"countryinfo {version('countryinfo')}"
        by_code: dict[str, list[dict[str, object]]] = {}
        for c in countryinfo.all_countries():
            info = c.info()
            code = (info.get("ISO") or {}).get("alpha3")
            if code:
                by_code.setdefault(code, []).append(info)
        demonyms: dict[str, list[tuple[str, str]]] = {}  # demonym -> [(code, name)]
        rows = []
        for c in pycountry.countries:
            common = getattr(c, "common_name", None)
            official = getattr(c, "official_name", None)
            names = [n for n in (common, c.name, official) if n and "," not in n]
            infos = by_code.get(c.alpha_3, [])
            # countryinfo may list several entries for one code (United Kingdom and Wales):
            # keep the one whose name pycountry also gives, else the only one
            match = [i for i in infos if i.get("name") in (c.name, common, official)]
            info = match[0] if match else (infos[0] if len(infos) == 1 else {})
            ci_name = str(info.get("name") or "")
            if ci_name and "," not in ci_name:
                names.append(ci_name)
            alt = [
                a
                for a in info.get("altSpellings") or []  # type: ignore[attr-defined]
                if isinstance(a, str)
                and len(a) >= 4
                and a[0].isupper()
                and a != a.upper()
                and all(ch.isascii() or ch.isalpha() for ch in a)
                and "," not in a
                and re.fullmatch(r"[\w .'’-]+", a)
                and _latin(a)
            ]
            # the common name, else the first name without an inverted comma form
            canonical = common or next(
                (
                    n
                    for n in [c.name, *names, *alt]
                    if "," not in n and n[0].isupper() and n not in AMBIGUOUS
                ),
                None,
            )
            if canonical is None:
                self.skipped.append(f"country {c.alpha_3}: no usable English name")
                continue
            # a one-word spelling that is a common English word or name is left out
            # ("Island" for Iceland, "Mann" for the Isle of Man)
            common_words = [
                a
                for a in alt
                if " " not in a
                and a not in (*names, canonical)
                and self.zipf(a.lower(), "en") >= 3.5
            ]
            self.skipped.extend(
                f"spelling {a!r} ({canonical}): a common word" for a in common_words
            )
            alt = [a for a in alt if a not in common_words]
            rows.append((c, canonical, names, alt, info))
            for part in str(info.get("demonym") or "").split(","):
                d = part.strip()
                if d and "/" not in d and d[0].isupper():
                    demonyms.setdefault(d, []).append((c.alpha_3, canonical))
        keep: dict[str, str] = {}  # code -> demonym
        for d, owners in demonyms.items():
            if len(owners) == 1:
                keep[owners[0][0] + "|" + d] = d
                continue
            same = [code for code, name in owners if name[:4].lower() == d[:4].lower()]
            if len(same) == 1:
                keep[same[0] + "|" + d] = d
            else:
                self.skipped.append(f"demonym {d!r}: names {len(owners)} countries")
        for c, canonical, names, alt, _info in rows:
            e = next((x for n in names if (x := self.find(n)) is not None), None) or self.new(
                canonical
            )
            e.add(*names, *alt)
            code = c.alpha_3
            cite = f"{pyc}: ISO 3166-1 {code} names"
            if self.zipf(code.lower(), "en") < CODE_ZIPF:
                e.add(code)
                cite += f", code {code}"
            else:
                self.skipped.append(f"code {code} ({canonical}): a common English word form")
            e.cite(cite)
            dems = [d for k, d in keep.items() if k.startswith(code + "|")]
            for d in dems:
                e.add(d)
                if d[-1] in "nio" and d not in names:
                    e.add(d + "s")
            if alt or any(
                n
                not in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None))
                for n in names
            ):
                e.cite(f"{cinfo}: name and spellings")
            if dems:
                e.cite(f"{cinfo}: demonym {', '.join(dems)}")
            self.index(e, *names, *alt, code, c.name)  # not alpha-2: "AU" and "EC" are not
            # Australia and Ecuador in the datasets' mediator columns
        for spelling, code in SPELLINGS.items():
            entry = self.find(code)
            if entry is not None:
                self.index(entry, spelling)

    # -- 2. datasets -----------------------------------------------------------------------
    def government(self, item: str, source: str, role: str) -> Entry | None:
        """'Government of X (Y)': the state X, with Y (a former name) and the whole phrase
        as aliases."""
        m = re.fullmatch(r"Government of (.+?)(?: \((.+)\))?", item.strip())
        if not m:
            return None
        entry = self.find(m.group(1))
        if entry is None:
            self.skipped.append(f"{source}: {item!r}: country not found")
            return None
        entry.add(f"Government of {m.group(1)}")
        if m.group(2):
            entry.add(m.group(2))
            self.index(entry, m.group(2))
        entry.cite(source)
        entry.roles.append(role)
        return entry

    def actor(self, item: str, source: str, role: str) -> Entry | None:
        item = " ".join(item.split())
        if not item or not item[0].isupper():
            return None
        gov = self.government(item, source, role)
        if gov is not None:
            return gov
        entry = self.find(item)
        if entry is None:
            # an abbreviation ("NPFL", "ULIMO - K") or a one-word name is an actor only when
            # it is safe to match
            short = item == item.upper() or " " not in item
            if short and not self.safe_abbreviation(item.replace(" ", ""), item):
                self.skipped.append(f"{source}: {item!r}: unsafe abbreviation or common word")
                return None
            if re.search(r"\b[a-z]{4,}\b", item) and not re.search(r"\b(?:of|and|the)\b", item):
                self.skipped.append(f"{source}: {item!r}: not a name")
                return None
            entry = self.new(item)
        entry.cite(source)
        entry.roles.append(role)
        return entry

    def find_actor(self, item: str) -> Entry | None:
        m = re.fullmatch(r"Government of (.+?)(?: \((.+)\))?", item.strip())
        return self.find(m.group(1) if m else item)

    def datasets(self) -> None:
        with (SOURCES / "ucdp_pad_actors.csv").open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                names = [n.strip() for n in row["actor_name"].split(",")]
                ids = [i.strip() for i in row["actor_id"].split(",")]
                third = [
                    self.actor(item, f"{UCDP} paid {row['paid']} pa_3rd", "mediator")
                    for item in row["pa_3rd"].split(",")
                    if 0 < len(item.split()) <= 4
                ]
                for name, actor_id in zip(names, ids, strict=False):
                    # a signatory also listed as a third party is a mediator there
                    known = self.find_actor(name)
                    role = "mediator" if known is not None and known in third else "party"
                    src = (
                        f"{UCDP} paid {row['paid']} (conflict {row['conflict_id']}) "
                        f"actor {actor_id}"
                    )
                    self.actor(name, src, role)
        with (SOURCES / "ethprio_cfd_actors.csv").open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                src = (
                    f"{ETHPRIO} uniq_id {row['uniq_id']} (conflict {row['ucdp_acd_id']}) "
                    f"actor {row['ucdp_actor_id']}"
                )
                self.actor(row["actor_name"], src, "party")
                for item in row["mediator_send"].split(","):
                    if item.strip() not in ("0", "-1") and len(item.split()) <= 4:
                        self.actor(
                            item, f"{ETHPRIO} uniq_id {row['uniq_id']} mediator_send", "mediator"
                        )
        with (SOURCES / "pax_actors.csv").open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                for column, role in (("Part", "party"), ("ThrdPart", "mediator"), ("Agt", "")):
                    src = f"{PAX} AgtId {row['AgtId']} {column}"
                    for phrase, abbr in _parenthesised(row[column]):
                        self.abbreviated(phrase, abbr, src, role)
                    if role:
                        for name in _organisations(row[column]):
                            entry = self.find(name) or self.new(name)
                            entry.cite(src)
                            entry.roles.append(role)

    def abbreviated(self, phrase: str, abbr: str, source: str, role: str) -> None:
        """ "National Liberation Army (ELN)": one actor, with both names."""
        if self.find(phrase) is not None and self.find(phrase) is self.find(abbr):
            self.find(phrase).cite(source)  # type: ignore[union-attr]
            return
        if not self.safe_abbreviation(abbr):
            self.skipped.append(f"{source}: {abbr!r}: unsafe abbreviation")
            return
        entry = self.find(abbr) or self.find(phrase)
        if entry is None:
            entry = self.new(phrase)
        entry.add(phrase, abbr)
        self.index(entry, phrase, abbr)
        entry.cite(source)
        if role:
            entry.roles.append(role)

    # -- 3. the UCDP actor list ---------------------------------------------------------------
    def actor_list(self) -> None:
        """The organised armed groups of the UCDP Actor Dataset (``ucdp_actors_221.csv``): a
        row is one group with its names and the UCDP conflicts it fought in (``ConflictId``
        state-based, ``NSID`` non-state). A row joins the entry an earlier source made for the
        same group ("MILF", "Hamas"), else it makes a new one."""
        with (SOURCES / "ucdp_actors_221.csv").open(encoding="utf-8") as f:
            common = common_names()
            rows = [
                (row, _ucdp_names(row, [c.alias for c in common.get(row["ActorId"], [])]))
                for row in csv.DictReader(f)
            ]
        generic = _generic_words(row for row, _ in rows)
        owners: dict[str, list[tuple[str, frozenset[str], int]]] = {}
        for row, names in rows:
            places = frozenset(p.strip() for p in row["Location"].split(",") if p.strip())
            for name, level in names.items():
                owners.setdefault(_key(name), []).append((row["ActorId"], places, level))
        for row, names in rows:
            aid = row["ActorId"]
            places = frozenset(p.strip() for p in row["Location"].split(",") if p.strip())
            where = ", ".join(
                [f"{c}" for c in _ids(row["ConflictId"])] + [f"ns {c}" for c in _ids(row["NSID"])]
            )
            src = f"{UCDP_ACTORS} ActorId {aid}" + (f" (conflicts {where})" if where else "")
            kept: list[str] = []
            for name, level in names.items():
                why = self.refusal(
                    name, aid, places, level, owners[_key(name)], list(names), generic
                )
                if why:
                    self.skipped.append(f"{UCDP_ACTORS} ActorId {aid}: {name!r}: {why}")
                else:
                    kept.append(name)
            if not kept:
                continue
            entry = next((e for n in kept if (e := self.find(n)) is not None), None)
            if entry is None:
                entry = self.new(_ucdp_canonical(row, kept))
            for name in kept:
                forms = _written_forms(name)
                entry.add(*forms)
                self.index(entry, *forms)
            entry.cite(src)
            attested = [c.alias for c in common.get(aid, []) if c.alias in kept]
            if attested:
                entry.cite(f"common names ({COMMON_NAMES.name}): {', '.join(attested)}")
            entry.roles.append("party")

    def refusal(
        self,
        name: str,
        aid: str,
        places: frozenset[str],
        level: int,
        owners: list[tuple[str, frozenset[str], int]],
        group: list[str] | None = None,
        generic: frozenset[str] = frozenset(),
    ) -> str | None:
        """Why a name of UCDP actor ``aid`` is not made an alias of it, or ``None``. A name
        that other groups, in other countries, also bear is kept only by the group it names
        most strongly (see ``_ucdp_names``). ``group`` holds the group's other names (an
        abbreviation that spells one of them out is the group's acronym) and ``generic``
        the words that name groups of many countries (``_generic_words``). A common English
        name of ``common_names.csv`` (``level`` ``ATTESTED``) has been read in texts naming
        the group by it: it is held to the bar of the names the datasets write in their
        actor columns (a one-word name rarer than ``ABBREVIATION_ZIPF``), not to the stricter
        bars for the list's own unseen names."""
        attested = level == ATTESTED
        if level == 1:
            return "a translation, not a name the group goes by"  # "Party of God"
        elsewhere = [o for o in owners if o[0] != aid and not (o[1] & places)]
        if elsewhere and any(o[2] >= level for o in elsewhere):
            ids = ", ".join(sorted({o[0] for o in elsewhere}, key=int))
            return f"also names UCDP actor(s) {ids} in another country"
        known = self.find(name)
        if known is not None:
            if any("ISO 3166-1" in s for s in known.sources):
                return "a state's name"
            return None  # an earlier source's name for the same group
        if not (name[0].isupper() or _PREFIXED.match(name)):
            return "not a name"
        words = name.split()
        if name == name.upper():
            letters = "".join(c for c in name if c.isalnum())
            if len(letters) < 3:
                return "unsafe abbreviation"
            # wordfreq folds case, so an acronym that texts write often is as frequent as
            # a word ("isis" 4.3): the group's own names spelling it out settle what it is
            if any(_initials(n) == letters.upper() for n in group or () if n != name):
                return None
            if not self.safe_abbreviation(letters.upper()):
                return "unsafe abbreviation"
            return None
        bare = re.sub(r"\b[a-z]{2,4}-(?=[A-Z])", "", name)  # "anti-Balaka": "Balaka"
        if re.search(r"\b[a-z]{4,}\b", bare) and not re.search(r"\b(?:of|and|the)\b", bare):
            return "not a name"  # "Kashmir insurgents", "Ampatuan militia"
        if len(words) == 1:
            low = name.lower()
            singular = low[:-1] if low.endswith("s") else low
            bar = ABBREVIATION_ZIPF if attested else ONE_WORD_ZIPF
            if max(self.zipf(low, "en"), self.zipf(singular, "en")) >= bar:
                return "a common word"  # "Ninjas", "Outlaws", "Union"
            if not attested and low.endswith("s") and self.zipf(singular, "en") >= PLURAL_NOUN_ZIPF:
                return "the plural of an English noun: people of a kind"  # "Royalists"
        content = [w for w in words if w.lower() not in _CONNECTORS]
        if not attested and len(content) <= 2 and all(w in generic for w in content):
            return "a generic party name"  # "Patriotic Front", "National Alliance"
        return None

    # -- 4. bundled agreements ---------------------------------------------------------------
    def agreements(self) -> None:
        for path in sorted(AGREEMENTS.glob("*.yaml")):
            data = yaml.safe_load(path.read_text("utf-8"))
            for p in data.get("parties") or []:
                names = [p["name"], *(p.get("aliases") or [])]
                entry = next((e for n in names if (e := self.find(n)) is not None), None)
                if entry is None:
                    entry = self.new(p["name"])
                for n in names:
                    if n == n.upper() and not self.safe_abbreviation(n):
                        self.skipped.append(f"{path.name}: {n!r}: unsafe abbreviation")
                        continue
                    if not _proper_name(n):  # "Egyptian mediators", "the army"
                        self.skipped.append(f"{path.name}: {n!r}: not a proper name")
                        continue
                    entry.add(n)
                    self.index(entry, n)
                entry.cite(f"bundled agreement data/agreements/{path.name}")
                entry.roles.append("party" if p.get("role") == "party" else "mediator")

    # -- output ----------------------------------------------------------------------------
    def to_json(self) -> dict[str, object]:
        actors = []
        for e in sorted(self.entries, key=lambda e: e.name):
            if not e.sources:
                continue
            # the role the data gives most often, a tie going to "mediator" (a third-party
            # column is explicit, a signatory list is not); "party" when the data gives none
            role = (
                "mediator"
                if e.roles and e.roles.count("mediator") >= e.roles.count("party")
                else "party"
            )
            actors.append(
                {"name": e.name, "role": role, "aliases": e.aliases, "source": "; ".join(e.sources)}
            )
        return {
            "about": (
                "Generated by scripts/build_gazetteer.py from the sources each actor names; "
                "do not edit by hand (edit vocabulary.yaml or the script)."
            ),
            "tools": {p: version(p) for p in ("pycountry", "countryinfo", "wordfreq")},
            "actors": actors,
        }


# a name written with a lower-case prefix: "al-Qaida", "anti-Balaka", "ex-Seleka"
_PREFIXED = re.compile(r"[a-z]{2,4}-[A-Z]")


def _ids(cell: str) -> list[str]:
    return [c.strip() for c in cell.split(",") if c.strip()]


def _key(name: str) -> str:
    return " ".join(name.replace("’", "'").split())


def _ucdp_names(row: dict[str, str], attested: Iterable[str] = ()) -> dict[str, int]:
    """Every name of a UCDP actor row, each with how strongly it names the group: 3 a name
    it goes by (``NameData``, the last ``NewName``); 2 the spelled-out form of that name
    when it is an abbreviation ("TPLF": "Tigrean People's Liberation Front"); 1 a
    translation of a name that is not one ("Darul Islam": "Islamic State"); 0 a former
    name; and ``ATTESTED`` (4) a common English name ``attested`` for the group in
    ``common_names.csv`` ("Taliban", "Houthis", "Shining Path"), which outranks the
    list's own names: "RPF" is the Rwandan Patriotic Front's, not the Rohingya one's."""
    renamed = bool(row["NewName"].strip())
    data = " ".join(row["NameData"].split())
    spelled = 2 if _abbreviation(data) else 1  # what the current name's long form is worth
    new = [n.strip() for n in row["NewName"].split(",") if n.strip()]
    new_eng = [n.strip() for n in row["NewNameFullEng"].split(", ") if n.strip()]
    paired = len(new_eng) == len(new)
    if not paired:  # the English list does not pair with the names: one name
        new_eng = [row["NewNameFullEng"]] if row["NewNameFullEng"].strip() else []
    found: dict[str, int] = {}

    def add(written: str, level: int) -> None:
        # as the gazetteer will hold it: "The Resistance" is "Resistance" (see Entry.add)
        name = " ".join(written.split()).removeprefix("The ")
        if name and name != "n/a" and _latin(name):
            found[name] = max(found.get(name, 0), level)

    add(data, 3)
    for i, n in enumerate(new):
        add(n, 3 if i == len(new) - 1 else 0)
    for i, n in enumerate(new_eng):
        add(n, spelled if paired and i == len(new_eng) - 1 else 0)
    add(row["NameOrig"], 0 if renamed else 3)
    for column in ("NameOrigFull", "NameOrigFullEng"):
        add(row[column], 0 if renamed else spelled)
    for name in attested:  # a common English name, read in texts (common_names.csv)
        add(name, ATTESTED)
    return found


@dataclass(frozen=True)
class CommonName:
    """A row of ``common_names.csv``: a name English texts give a UCDP group, where it was
    read."""

    actor_id: str
    alias: str
    source: str
    attested: str


def common_names() -> dict[str, list[CommonName]]:
    """The common English names of UCDP groups (``common_names.csv``), by ``ActorId``. Every
    row names a stored public page where the name is used for that group."""
    out: dict[str, list[CommonName]] = {}
    with COMMON_NAMES.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            name = CommonName(row["ActorId"], " ".join(row["alias"].split()), row["source"],
                              row["attested"])  # fmt: skip
            out.setdefault(name.actor_id, []).append(name)
    return out


# words an acronym skips: "Islamic State in Iraq and al-Sham" is ISIS, "Front pour
# l'alternance et la concorde au Tchad" FACT
_FUNCTION_WORDS = {
    "of", "the", "and", "in", "for", "on", "de", "du", "des", "la", "le", "les", "et", "au",
    "aux", "pour", "y", "del", "el", "al", "wa", "wal", "fi", "li", "e", "do", "da", "dos",
    "das",
}  # fmt: skip


def _initials(name: str) -> str:
    """The capitals an acronym of ``name`` is written with ("Forces armées du nord": FAN)."""
    words = [re.sub(r"^[ldLD]['’]", "", w) for w in re.split(r"[\s/-]+", name)]
    return "".join(w[0].upper() for w in words if w and w.lower() not in _FUNCTION_WORDS)


def _generic_words(rows: Iterable[dict[str, str]]) -> frozenset[str]:
    """Capitalised words in the names of groups of at least ``GENERIC_COUNTRIES`` countries
    ("National", "Patriotic", "Front", "Alliance", "Islamic"): a name made of one or two of
    them ("Patriotic Front", "National Alliance") is one that parties of many countries
    bear, so texts that use it rarely mean the group the list gives it to."""
    countries: dict[str, set[str]] = {}
    for row in rows:
        where = {p.strip() for p in row["Location"].split(",") if p.strip()}
        for column in ("NameData", "NameOrigFull", "NameOrigFullEng", "NewNameFullEng"):
            for w in re.findall(r"[A-Z][\w'’]*", row[column]):
                countries.setdefault(w, set()).update(where)
    return frozenset(w for w, c in countries.items() if len(c) >= GENERIC_COUNTRIES)


def _abbreviation(name: str) -> bool:
    """ "TPLF", "M23", "LeJ", "ALiR", "CPI-Maoist", "DKBA 5"; not "Al-Shabaab", "Hamas"."""
    letters = [c for c in name if c.isalpha()]
    capitals = sum(c.isupper() for c in letters)
    first = re.split(r"[-/ ]", name)[0]
    mostly = " " not in name and capitals >= 2 and 2 * capitals >= len(letters)
    return mostly or (len(first) >= 2 and first.isupper() and first.isalnum())


def _ucdp_canonical(row: dict[str, str], kept: list[str]) -> str:
    """The group's current name if it is a word-name ("Ansarallah", "Sendero Luminoso"),
    else the English for its current abbreviation ("TPLF": "Tigrean People's Liberation
    Front"), else the first name kept."""
    data = " ".join(row["NameData"].split())
    if data in kept and not _abbreviation(data):
        return data
    eng = [n.strip() for n in row["NewNameFullEng"].split(", ") if n.strip()]
    english = eng[-1] if row["NewName"].strip() and eng else row["NameOrigFullEng"]
    english = " ".join(english.split())
    return english if english in kept else kept[0]


def _written_forms(name: str) -> list[str]:
    """A name as texts write it: with either apostrophe ("People's", "People’s"), and
    capitalised at the start of a sentence when it starts with a lower-case prefix
    ("al-Qaida", "Al-Qaida")."""
    forms = [name]
    for a, b in (("’", "'"), ("'", "’")):
        if a in name:
            forms.append(name.replace(a, b))
    if _PREFIXED.match(name):
        forms.extend([f[0].upper() + f[1:] for f in forms])
    return forms


def _latin(text: str) -> bool:
    import unicodedata

    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in text)


# the last word of an organisation's name ("the African Union", "the United Nations")
_ORGANISATION_HEADS = (
    "Union", "Nations", "Community", "Organisation", "Organization", "League", "Council",
    "Authority",
)  # fmt: skip


def _organisations(text: str) -> Iterable[str]:
    """Organisations a signatory column names as "the <Capitalised Words> <Head>"."""
    heads = "|".join(_ORGANISATION_HEADS)
    name = rf"(?:[A-Z][\w'’-]+ )+(?:{heads})(?: of (?:the )?[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)*)?"
    for m in re.finditer(rf"\bthe ({name})\b", text):
        yield m.group(1)


def _proper_name(text: str) -> bool:
    """Every word capitalised but the connectors ("Economic Community of West African
    States"); not a phrase such as "Egyptian mediators"."""
    words = text.split()
    return bool(words) and all(w[0].isupper() or w[0].isdigit() or w in _CONNECTORS for w in words)


_CONNECTORS = {"of", "the", "for", "and", "to", "de", "du", "la", "al", "des", "del"}


def _parenthesised(text: str) -> Iterable[tuple[str, str]]:
    """(name, abbreviation) pairs written "Name of the Thing (NT)"."""
    for m in re.finditer(r"\(([A-Z][A-Z0-9/\-]{1,11})\)", text):
        abbr = m.group(1)
        before = re.split(r"[()/;:,.\n]", text[max(0, m.start() - 120) : m.start()])[-1]
        words = re.findall(r"[\w'’\-]+", before)
        phrase: list[str] = []
        for w in reversed(words):
            if w[0].isupper() or (phrase and w.lower() in _CONNECTORS):
                phrase.insert(0, w)
            else:
                break
        while phrase and phrase[0].lower() in _CONNECTORS:
            phrase.pop(0)
        if sum(w[0].isupper() for w in phrase) >= 2:
            yield " ".join(phrase), abbr


def build() -> dict[str, object]:
    g = Gazetteer()
    g.curated()
    g.states()
    g.datasets()
    g.actor_list()
    g.agreements()
    data = g.to_json()
    data["skipped"] = sorted(set(g.skipped))
    return data


#: the columns of the UCDP actor list that the build reads, in the file's order
UCDP_ACTOR_COLUMNS = [
    "ActorId", "NameData", "NameOrig", "NameOrigFull", "NameOrigFullEng", "NewName",
    "NewNameFullEng", "ConflictId", "NSID", "Location",
]  # fmt: skip


def ucdp_actor_row(row: dict[str, str]) -> dict[str, str] | None:
    """The row of ``ucdp_actors_221.csv`` made from a row of the published
    ``ucdp-actor-221.csv``, or ``None`` for a row the gazetteer does not take: a row whose
    ``Org`` is not 1 (governments are 4, "Supporters of ..." 2, ethnic, clan and religious
    groups 3), a "Military faction (...)", the "Forces of <a person>", a "... faction" and a
    "... gang". A name in another script than the Latin one is left out of ``NameOrigFull``
    (its Latin transliteration after " / " is kept): the build would not read it."""
    data = " ".join(row["NameData"].split()).lower()
    if row.get("Org", "").strip() != "1":
        return None
    if data.startswith("military faction") or data.endswith(" gang"):
        return None
    if (data.startswith("forces of ") and not data.startswith("forces of the ")) or re.search(
        r"\bfaction\b", data
    ):
        return None
    out = {c: row[c] for c in UCDP_ACTOR_COLUMNS}
    full = row["NameOrigFull"]
    if not _latin(full):
        full = " / ".join(p.strip() for p in full.split(" / ") if _latin(p.strip()))
    out["NameOrigFull"] = full
    return out


def refresh(folder: Path) -> None:
    """Copy the columns the build reads from the published CSV files in ``folder``: the
    three dataset samples, and ``ucdp-actor-221.csv`` (the UCDP actor list) when it is
    there."""
    plan = {
        "ucdp_pad_221_sample.csv": ("ucdp_pad_actors.csv", ["paid", "conflict_id",
            "conflict_name", "dyad_id", "dyad_name", "actor_id", "actor_name", "pa_3rd"]),
        "ethprio_cfd_sample.csv": ("ethprio_cfd_actors.csv", ["uniq_id", "ucdp_actor_id",
            "actor_name", "ucdp_acd_id", "location", "mediator_send"]),
        "pax_sample.csv": ("pax_actors.csv", ["AgtId", "Con", "Agt", "Part", "ThrdPart"]),
    }  # fmt: skip
    for name, (out, cols) in plan.items():
        with (folder / name).open(encoding="utf-8-sig") as f:
            rows = list(csv.DictReader(f))
        tmp = SOURCES / (out + ".tmp")
        with tmp.open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=cols, lineterminator="\n")
            w.writeheader()
            for r in rows:
                w.writerow({c: r[c] for c in cols})
        shutil.move(tmp, SOURCES / out)
    actors = folder / "ucdp-actor-221.csv"
    if actors.exists():
        with actors.open(encoding="utf-8-sig") as f:
            kept = [k for r in csv.DictReader(f) if (k := ucdp_actor_row(r)) is not None]
        kept.sort(key=lambda r: int(r["ActorId"]))
        tmp = SOURCES / "ucdp_actors_221.csv.tmp"
        with tmp.open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=UCDP_ACTOR_COLUMNS, lineterminator="\n")
            w.writeheader()
            w.writerows(kept)
        shutil.move(tmp, SOURCES / "ucdp_actors_221.csv")


def render(data: dict[str, object]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    parser.add_argument("--refresh-sources", type=Path, metavar="DIR")
    args = parser.parse_args(argv)
    if args.refresh_sources:
        refresh(args.refresh_sources)
    data = build()
    text = render(data)
    if args.check:
        same = OUT.read_text("utf-8") == text
        print("up to date" if same else f"{OUT} is out of date: run {sys.argv[0]}")
        return 0 if same else 1
    OUT.write_text(text, "utf-8")
    actors = data["actors"]
    assert isinstance(actors, list)
    print(f"wrote {OUT.relative_to(ROOT)}: {len(actors)} actors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
