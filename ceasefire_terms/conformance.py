"""Published dates against computed ones, for every dated term of the bundled agreements.

For each date a source published for a term (a phase end, an amendment's new end, a
deadline), :func:`conformance_rows` gives the date the library computes, the counting
convention behind it and how the two compare (see
:func:`~ceasefire_terms.validation.checks.compare_reported`). A reading that disagrees is
either *disputed* -- the record marks another reading preferred and says why in a note -- or
an unexplained *difference*, which the tests refuse.

``docs/conformance.md`` is generated from the bundled records::

    python -m ceasefire_terms.conformance docs/conformance.md          # write it
    python -m ceasefire_terms.conformance --check docs/conformance.md  # exit 1 if stale

>>> from ceasefire_terms import examples
>>> rows = conformance_rows(examples.load("black-sea-grain-2022"))
>>> [(r.event, r.published, r.status.value) for r in rows][:3]
[('initiative.end', '2022-11-19', 'agrees'), ('initiative.end', '2022-11-18', 'disputed'), \
('renewal-nov-2022.end', '2023-03-19', 'agrees')]
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from .dates.resolve import Event
from .errors import CeasefireTermsError
from .model.agreement import Agreement
from .model.provenance import ReportedDate, Source, SourceRef
from .validation.checks import Match, compare_reported, reported_readings

__all__ = [
    "ConformanceRow",
    "Status",
    "conformance_markdown",
    "conformance_rows",
    "main",
]

_AGREE = (Match.SAME_INSTANT, Match.SAME_DAY, Match.SAME_MIDNIGHT)


class Status(StrEnum):
    """``agrees``: the published date is the computed one (at the precision published).
    ``disputed``: it differs, and the record keeps it as a reading not marked preferred next
    to a preferred one. ``differs``: it differs and nothing in the record explains it.
    ``not comparable``: the published date is known only to the month or year."""

    AGREES = "agrees"
    DISPUTED = "disputed"
    DIFFERS = "differs"
    NOT_COMPARABLE = "not comparable"


class ConformanceRow(BaseModel):
    """One published date of one term, next to the computed date."""

    model_config = ConfigDict(frozen=True)

    agreement: str
    event: str
    term: str
    as_first_agreed: bool
    published: str
    sources: tuple[str, ...]
    computed: str
    convention: str
    rule: str
    match: Match
    status: Status
    preferred: bool
    note: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def _computed(e: Event) -> str:
    if e.at is not None:
        utc = e.at.astimezone(dt.UTC)
        return f"{e.at.strftime('%Y-%m-%d %H:%M %z')} ({utc.strftime('%Y-%m-%d %H:%M')} UTC)"
    return f"end of {e.date.isoformat()}" if e.end_of_day else e.date.isoformat()


def _convention(e: Event) -> str:
    if e.counting is not None:
        return e.counting.value
    return "stated date" if e.at is None else "stated instant"


def _source_text(a: Agreement, ref: SourceRef) -> str:
    s: Source
    if isinstance(ref, str):
        try:
            s = a.source(ref)
        except CeasefireTermsError:
            return ref
    else:
        s = ref
    bits = [b for b in (s.publisher, str(s.published) if s.published else None, s.url) if b]
    return ", ".join(bits) or (s.id or "unnamed source")


def _status(match: Match, rep: ReportedDate, readings: Sequence[ReportedDate]) -> Status:
    if match in _AGREE:
        return Status.AGREES
    if match is Match.NOT_COMPARABLE:
        return Status.NOT_COMPARABLE
    if not rep.preferred and any(r.preferred for r in readings):
        return Status.DISPUTED
    return Status.DIFFERS


def conformance_rows(agreement: Agreement) -> list[ConformanceRow]:
    """One row per published date in ``agreement`` (phase ends as first agreed, amended ends,
    deadlines), in timeline order."""
    return [row for row, _ in _rows(agreement)]


def _rows(agreement: Agreement) -> list[tuple[ConformanceRow, ReportedDate]]:
    pairs = reported_readings(agreement, agreement.timeline())
    pairs.sort(key=lambda p: (p[0]._sort_key(), p[0].id))
    out = []
    for e, rep, original in pairs:
        match = compare_reported(e, rep.date, agreement.zone)
        row = ConformanceRow(
            agreement=agreement.id,
            event=e.id,
            term=e.label + (" (as first agreed)" if original else ""),
            as_first_agreed=original,
            published=str(rep.date),
            sources=tuple(_source_text(agreement, s) for s in rep.sources),
            computed=_computed(e),
            convention=_convention(e),
            rule=e.rule,
            match=match,
            status=_status(match, rep, e.reported),
            preferred=rep.preferred,
            note=rep.note,
        )
        out.append((row, rep))
    return out


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _sources_md(a: Agreement, refs: Iterable[SourceRef]) -> str:
    parts = []
    for ref in refs:
        s = a.source(ref) if isinstance(ref, str) else ref
        name = s.publisher or s.id or "source"
        when = f", {s.published}" if s.published else ""
        parts.append(f"[{_cell(name)}]({s.url}){when}" if s.url else f"{_cell(name)}{when}")
    return "; ".join(parts)


def conformance_markdown(agreements: Sequence[Agreement]) -> str:
    """The conformance document for ``agreements`` (what ``docs/conformance.md`` holds)."""
    per = [(a, _rows(a)) for a in agreements]
    all_rows = [r for _, rows in per for r, _ in rows]
    count = {s: sum(r.status is s for r in all_rows) for s in Status}
    lines = [
        "# Conformance: published dates against computed dates",
        "",
        "<!-- Generated by `python -m ceasefire_terms.conformance docs/conformance.md` from",
        "     ceasefire_terms/data/agreements/*.yaml. Do not edit by hand. -->",
        "",
        "For every date that a source published for a dated term of a bundled agreement (a",
        "phase end, an end moved by an amendment, a deadline), the date the library computes,",
        "the counting convention it used, and whether they agree. A published date is compared",
        "at the precision it was published: an instant with the computed instant (an end",
        "counted in days is the midnight that ends its last day), a calendar date with the",
        "local date. For an end at exactly local midnight, a date naming the last day covered",
        '("8 to 10 May") is the same midnight. A phase end marked "as first agreed" is the',
        "end before any amendment moved it.",
        "",
        "*disputed* means the source's date differs and the record keeps it as a reading that is",
        "not preferred, with a note saying why; *differs* would be an unexplained disagreement,",
        "and the tests (tests/test_conformance.py) refuse it.",
        "",
        "## Summary",
        "",
        f"{len(all_rows)} published dates in {len(agreements)} agreements: "
        f"{count[Status.AGREES]} agree, {count[Status.DISPUTED]} disputed, "
        f"{count[Status.DIFFERS]} differ without explanation, "
        f"{count[Status.NOT_COMPARABLE]} not comparable.",
        "",
        "| agreement | published dates | agree | disputed | differ | conventions |",
        "|---|---|---|---|---|---|",
    ]
    for a, pairs in per:
        rows = [r for r, _ in pairs]
        conventions = ", ".join(sorted({r.convention for r in rows})) or "—"
        lines.append(
            f"| [{a.id}](#{a.id}) | {len(rows)} | "
            f"{sum(r.status is Status.AGREES for r in rows)} | "
            f"{sum(r.status is Status.DISPUTED for r in rows)} | "
            f"{sum(r.status is Status.DIFFERS for r in rows)} | {conventions} |"
        )
    for a, pairs in per:
        t = a.timeline()
        dated = {r.event for r, _ in pairs}
        unpublished = [e.id for e in t.events if e.id not in dated and e.kind.value != "agreement"]
        lines += ["", f"## {a.id}", "", f"{_cell(a.title)}. Times in `{a.zone}`.", ""]
        lines += [
            "| term | published | source | computed | convention | result |",
            "|---|---|---|---|---|---|",
        ]
        for r, rep in pairs:
            result = f"**{r.status.value}**"
            if r.status is Status.AGREES:
                result = f"agrees ({r.match.value})"
            elif r.note:
                note = _cell(r.note)
                word = r.status.value
                rest = note[len(word) :] if note.startswith(word) else f": {note}"
                result = f"**{word}**{rest}"
            pref = " (preferred)" if r.preferred else ""
            lines.append(
                f"| {_cell(r.term)} `{r.event}` | {r.published}{pref} | "
                f"{_sources_md(a, rep.sources)} | {r.computed} | {r.convention} | {result} |"
            )
        if unpublished:
            lines += [
                "",
                f"Computed events with no published date to compare: {len(unpublished)} "
                f"({', '.join(f'`{i}`' for i in unpublished)}).",
            ]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m ceasefire_terms.conformance [--check] PATH``: write (or, with ``--check``,
    compare) the conformance document for the bundled agreements. Exit 0 on success, 1 when
    ``--check`` finds the file stale, 2 on a usage error."""
    from . import examples

    args = list(sys.argv[1:] if argv is None else argv)
    check = "--check" in args
    paths = [x for x in args if x != "--check"]
    if len(paths) != 1 or any(p.startswith("-") for p in paths):
        sys.stderr.write("usage: python -m ceasefire_terms.conformance [--check] PATH\n")
        return 2
    path = Path(paths[0])
    text = conformance_markdown(examples.load_all())
    if check:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            sys.stderr.write(
                f"{path} is out of date; run: python -m ceasefire_terms.conformance {path}\n"
            )
            return 1
        return 0
    from .pipeline.atomic import atomic_writer

    with atomic_writer(path) as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
