"""What a notebook shows: ``_repr_html_`` of Agreement, Timeline, Report and Quantity
(escaped, with the zone and the rules) and short plain ``repr``s."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import ceasefire_terms as ct


class _Tags(HTMLParser):
    """Collects start tags and checks that every opened table cell and table is closed."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)
        if tag in ("table", "tr", "td", "th", "div", "ul", "li"):
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("table", "tr", "td", "th", "div", "ul", "li"):
            assert self.open and self.open[-1] == tag, (tag, self.open)
            self.open.pop()


def _parse(html: str) -> _Tags:
    p = _Tags()
    p.feed(html)
    p.close()
    assert p.open == [], p.open
    return p


def _text(html: str) -> str:
    no_style = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", no_style)


HOSTILE = {
    "id": "x",
    "title": "Truce <script>alert(1)</script> & co",
    "zone": "UTC",
    "parties": [{"id": "a", "name": "A <b>bold</b>"}],
    "effective": "2025-01-01",
    "phases": [
        {
            "id": "p",
            "name": "<i>first</i>",
            "start": "agreement.effective",
            "length": "2 days",
            "counting": "ordinal",
        }
    ],
}


def test_user_text_is_escaped() -> None:
    a = ct.parse_agreement(HOSTILE)
    html = a._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&amp; co" in html
    assert "A &lt;b&gt;bold&lt;/b&gt;" in html and "&lt;i&gt;first&lt;/i&gt; begins" in html
    tags = _parse(html).tags
    assert "script" not in tags and "i" not in tags


def test_timeline_html_shows_zone_times_and_rules(gaza: ct.Agreement) -> None:
    t = gaza.timeline()
    html = t._repr_html_()
    _parse(html)
    text = _text(html)
    assert "times in Asia/Jerusalem" in text
    assert f"{len(t.events)} event(s)" in text
    for e in t.events:
        assert e.rule.replace("&", "&amp;").replace("<", "&lt;") in html
        assert e.id in html
    assert "11:15" in text and "end of day" in text
    assert html.count("<tr>") == len(t.events) + 1  # a header row and one per event


def test_agreement_html_has_parties_phases_provisions_and_timeline(gaza: ct.Agreement) -> None:
    html = gaza._repr_html_()
    _parse(html)
    text = _text(html)
    assert gaza.title in text and "zone <b>Asia/Jerusalem</b>" in html
    assert "mediator: Egypt, Qatar, United States" in text
    for p in gaza.phases:
        assert p.id in html
    for prov in gaza.provisions:
        assert prov.id in html
    assert "approximately 1,900" in text and "1,805–1,995" in text
    assert "42 days" in text and "ordinal" in text
    assert "times in Asia/Jerusalem" in text


def test_agreement_html_reports_an_unresolvable_timeline_instead_of_raising() -> None:
    a = ct.parse_agreement(
        {
            "id": "cyc",
            "title": "Cycle",
            "zone": "UTC",
            "phases": [
                {"id": "p1", "start": "p2.end", "length": "3 days", "counting": "ordinal"},
                {"id": "p2", "start": "p1.end", "length": "3 days", "counting": "ordinal"},
            ],
        }
    )
    html = a._repr_html_()
    assert "timeline cannot be computed" in html and "must not depend on itself" in html


def test_report_html_lists_findings(gaza: ct.Agreement) -> None:
    report = ct.check(gaza)
    html = report._repr_html_()
    _parse(html)
    text = _text(html)
    assert "valid" in text and f"{len(report.warnings)} warning(s)" in text
    for f in report.findings:
        assert f.path in text and f.code in text
    assert "990–1,650" in text


def test_report_html_for_errors_and_for_a_clean_record() -> None:
    bad = ct.parse_agreement(
        {
            "id": "x",
            "title": "X",
            "zone": "UTC",
            "parties": [{"id": "a", "name": "A"}],
            "provisions": [{"type": "obligation", "id": "o", "party": "zz", "action": "go"}],
        }
    )
    html = ct.check(bad)._repr_html_()
    assert "invalid" in _text(html) and "ct-error" in html and "provisions[0].party" in html
    clean = ct.parse_agreement({"id": "y", "title": "Y", "zone": "UTC"})
    assert "no findings" in _text(ct.check(clean)._repr_html_())


def test_quantity_html_shows_the_interval_when_not_exact() -> None:
    approx = ct.parse_quantity("approximately 1,900 prisoners")
    html = approx._repr_html_()
    assert "approximately 1,900 prisoners" in html and "[1,805–1,995]" in html
    exact = ct.parse_quantity("33")
    assert "[" not in exact._repr_html_() and "33" in exact._repr_html_()
    assert "[50 or more]" in ct.parse_quantity("at least 50")._repr_html_()


def test_plain_reprs_are_short_and_useful(gaza: ct.Agreement) -> None:
    t = gaza.timeline()
    report = ct.check(gaza)
    for obj in (gaza, t, report, ct.parse_quantity("approximately 1,900")):
        text = repr(obj)
        assert "\n" not in text and len(text) < 120, text
    assert repr(gaza).startswith("Agreement(id='gaza-2025'")
    assert f"{len(t.events)} events" in repr(t) and "Asia/Jerusalem" in repr(t)
    assert repr(report) == f"Report('gaza-2025', errors=0, warnings={len(report.warnings)})"
    assert repr(ct.parse_quantity("approximately 1,900")) == "Quantity('approximately 1,900')"
