"""HTML views for notebooks (``_repr_html_``). Standard library only."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .dates.resolve import Timeline
    from .model.agreement import Agreement
    from .model.quantity import Quantity
    from .validation.checks import Report

__all__ = ["agreement_html", "quantity_html", "report_html", "timeline_html"]


def quantity_html(q: Quantity) -> str:
    return f"<span title='interval {escape(str(q.interval()))}'>{escape(str(q))}</span>"


def timeline_html(t: Timeline) -> str:
    rows = "".join(
        f"<tr><td>{e.date}</td><td>{e.at.strftime('%H:%M') if e.at else ''}</td>"
        f"<td>{escape(e.label)}</td><td><code>{escape(e.id)}</code></td>"
        f"<td>{escape(e.rule)}</td></tr>"
        for e in t.events
    )
    return (
        f"<table><caption>{escape(t.agreement)} (times in {escape(t.zone)})</caption>"
        "<tr><th>date</th><th>time</th><th>event</th><th>id</th><th>rule</th></tr>"
        f"{rows}</table>"
    )


def agreement_html(a: Agreement) -> str:
    parties = ", ".join(f"{escape(p.name)} ({p.role.value})" for p in a.parties)
    return f"<h4>{escape(a.title)}</h4><p>{parties}</p>" + timeline_html(a.timeline())


def report_html(r: Report) -> str:
    items = "".join(f"<li><b>{f.severity.value}</b>: {escape(f.message)}</li>" for f in r.findings)
    return f"<p>{escape(repr(r))}</p><ul>{items}</ul>"
