"""HTML views for notebooks: what Jupyter shows when an object is the last line of a cell.

Standard library only. Every piece of text from a record is escaped (titles, labels, rules and
sources are user data), the agreement's time zone is shown next to every time, and every
computed date is shown with the rule that produced it.

>>> from ceasefire_terms.io import parse_agreement
>>> a = parse_agreement({"id": "x", "title": "Truce <draft>", "zone": "UTC",
...     "effective": "2025-01-01", "phases": [{"id": "p", "start": "agreement.effective",
...     "length": "2 days", "counting": "ordinal"}]})
>>> html = a._repr_html_()
>>> "Truce &lt;draft&gt;" in html and "<draft>" not in html
True
>>> "times in UTC" in html and "ordinal: day 1 = 2025-01-01" in html
True
"""

from __future__ import annotations

import math
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .dates.resolve import Event, Timeline
    from .model.agreement import Agreement, Deadline, Exchange, Obligation
    from .model.quantity import Quantity
    from .validation.checks import Report

__all__ = ["agreement_html", "quantity_html", "report_html", "timeline_html"]

_STYLE = (
    "<style>"
    ".ct-box{font-family:system-ui,sans-serif;font-size:13px;line-height:1.35}"
    ".ct-box table{border-collapse:collapse;margin:4px 0 10px 0}"
    ".ct-box th,.ct-box td{border-bottom:1px solid #ddd;padding:2px 8px;text-align:left;"
    "vertical-align:top}"
    ".ct-box caption{text-align:left;font-weight:600;padding:2px 0}"
    ".ct-box .ct-rule{color:#555;font-size:12px}"
    ".ct-box .ct-error{color:#b00020;font-weight:600}"
    ".ct-box .ct-warning{color:#9a6700;font-weight:600}"
    ".ct-box .ct-ok{color:#1a7f37;font-weight:600}"
    "</style>"
)
_MAX_ROWS = 200


def _e(value: object) -> str:
    return escape("" if value is None else str(value))


def _box(body: str) -> str:
    return f"<div class='ct-box'>{_STYLE}{body}</div>"


def quantity_html(q: Quantity) -> str:
    """A quantity as written, with the interval it admits (``1,805–1,995``) beside it."""
    iv = q.interval()
    exact = iv.low == iv.high and not math.isinf(iv.high)
    extra = "" if exact else f" <small style='color:#555'>[{_e(iv)}]</small>"
    return f"<span title='{_e(q.kind.value)}'>{_e(q)}</span>{extra}"


def _time_cell(e: Event) -> str:
    if e.at is not None:
        return _e(e.at.strftime("%H:%M"))
    return "end of day" if e.end_of_day else ""


def _timeline_rows(t: Timeline) -> str:
    events = t.events[:_MAX_ROWS]
    rows = []
    for e in events:
        moved = (
            f"<br><small>moved from {_e(e.original_date)} by an amendment</small>"
            if e.original_date is not None
            else ""
        )
        rows.append(
            f"<tr><td>{_e(e.date)}</td><td>{_time_cell(e)}</td><td>{_e(e.label)}{moved}</td>"
            f"<td><code>{_e(e.id)}</code></td><td class='ct-rule'>{_e(e.rule)}</td></tr>"
        )
    if len(t.events) > _MAX_ROWS:
        rows.append(
            f"<tr><td colspan='5'>… {len(t.events) - _MAX_ROWS} more event(s) not shown</td></tr>"
        )
    return "".join(rows)


def _timeline_table(t: Timeline) -> str:
    caption = f"{_e(t.agreement)}: {len(t.events)} event(s), times in {_e(t.zone)}" + (
        "" if t.amended else " (original terms, amendments ignored)"
    )
    unresolved = "".join(
        f"<li>not dated: <code>{_e(u.id)}</code>: {_e(u.reason)}</li>" for u in t.unresolved
    )
    return (
        f"<table><caption>{caption}</caption>"
        "<thead><tr><th>date</th><th>time</th><th>event</th><th>id</th><th>rule</th></tr>"
        f"</thead><tbody>{_timeline_rows(t)}</tbody></table>"
        + (f"<ul>{unresolved}</ul>" if unresolved else "")
    )


def timeline_html(t: Timeline) -> str:
    """The resolved events as a table: date, local time (in the zone named in the caption),
    event, id and the rule that produced the date."""
    return _box(_timeline_table(t))


def _phase_rows(a: Agreement) -> str:
    rows = []
    for ph in a.phases:
        length = _e(ph.length) if ph.length is not None else "<i>not stated</i>"
        counting = _e(ph.counting.value) if ph.counting is not None else ""
        rows.append(
            f"<tr><td><code>{_e(ph.id)}</code></td><td>{_e(ph.name or '')}</td>"
            f"<td>{length}</td><td>{counting}</td><td>{_e(ph.description or '')}</td></tr>"
        )
    return "".join(rows)


def _provision_what(p: Exchange | Obligation | Deadline) -> str:
    from .model.agreement import Exchange, Obligation

    if isinstance(p, Exchange):
        qty = f"{quantity_html(p.quantity)} " if p.quantity is not None else ""
        return f"<code>{_e(p.releasing)}</code> releases {qty}{_e(p.released)}"
    if isinstance(p, Obligation):
        text = f"<code>{_e(p.party)}</code>: {_e(p.action)}"
        if p.rate is not None:
            text += f" — {quantity_html(p.rate.quantity)} per {_e(p.rate.per)}"
        return text
    return f"{_e(p.label)} ({_e(p.relation.value.replace('_', ' '))})"


def agreement_html(a: Agreement) -> str:
    """Title, zone, parties by role, key dates, phases, provisions and the resolved timeline.

    A timeline that cannot be resolved is reported in place of the table (the view never
    raises)."""
    from .errors import CeasefireTermsError

    by_role: dict[str, list[str]] = {}
    for p in a.parties:
        by_role.setdefault(p.role.value, []).append(_e(p.name))
    parties = "; ".join(f"{_e(role)}: {', '.join(names)}" for role, names in by_role.items())
    dates = "".join(
        f"<li>{_e(name.replace('_', ' '))}: {_e(getattr(a, name))}</li>"
        for name in ("announced", "signed", "effective_scheduled", "effective")
        if getattr(a, name) is not None
    )
    head = (
        f"<h4 style='margin:2px 0'>{_e(a.title)}</h4>"
        f"<p><code>{_e(a.id)}</code> · zone <b>{_e(a.zone)}</b>"
        + (f" · {parties}" if parties else "")
        + "</p>"
        + (f"<ul>{dates}</ul>" if dates else "")
    )
    phases = (
        "<table><caption>phases</caption><thead><tr><th>id</th><th>name</th><th>length</th>"
        f"<th>counting</th><th>description</th></tr></thead><tbody>{_phase_rows(a)}</tbody>"
        "</table>"
        if a.phases
        else ""
    )
    provs = "".join(
        f"<tr><td><code>{_e(p.id)}</code></td><td>{_e(p.type)}</td>"
        f"<td>{_e(p.phase or '')}</td><td>{_provision_what(p)}</td></tr>"
        for p in a.provisions
    )
    provisions = (
        "<table><caption>provisions</caption><thead><tr><th>id</th><th>type</th>"
        f"<th>phase</th><th>what</th></tr></thead><tbody>{provs}</tbody></table>"
        if provs
        else ""
    )
    try:
        timeline = _timeline_table(a.timeline())
    except CeasefireTermsError as exc:
        timeline = f"<p class='ct-error'>timeline cannot be computed: {_e(exc)}</p>"
    footer = f"<p><small>{len(a.sources)} source(s) listed</small></p>" if a.sources else ""
    return _box(head + phases + provisions + timeline + footer)


def report_html(r: Report) -> str:
    """The findings as a table: severity, path, what was expected, what was found, hint."""
    if r.ok and not r.warnings:
        status = "<span class='ct-ok'>valid</span>, no findings"
    else:
        cls = "ct-ok" if r.ok else "ct-error"
        word = "valid" if r.ok else "invalid"
        status = (
            f"<span class='{cls}'>{word}</span>: {len(r.errors)} error(s), "
            f"{len(r.warnings)} warning(s)"
        )
    rows = "".join(
        f"<tr><td class='ct-{_e(f.severity.value)}'>{_e(f.severity.value)}</td>"
        f"<td><code>{_e(f.path)}</code></td><td>{_e(f.expected)}</td><td>{_e(f.got)}</td>"
        f"<td>{_e(f.hint)}</td><td><code>{_e(f.code)}</code></td></tr>"
        for f in r.findings
    )
    table = (
        "<table><thead><tr><th>severity</th><th>path</th><th>expected</th><th>got</th>"
        f"<th>hint</th><th>code</th></tr></thead><tbody>{rows}</tbody></table>"
        if rows
        else ""
    )
    return _box(f"<p><b>{_e(r.agreement)}</b>: {status}</p>{table}")
