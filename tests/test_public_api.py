"""The public surface: __all__ matches what is exported, and the core stays independent."""

from __future__ import annotations

import subprocess
import sys

import pytest

import ceasefire_terms as ct


def test_all_lists_exactly_the_public_names() -> None:
    # The names are imported lazily (module __getattr__), so dir() lists them, not vars().
    public = {n for n in dir(ct) if not n.startswith("_")} - {"annotations"}
    modules = {n for n in public if type(getattr(ct, n)).__name__ == "module"}
    assert set(ct.__all__) - {"__version__"} == public - modules
    assert all(hasattr(ct, n) for n in ct.__all__)


def test_public_names_are_imported_lazily_and_all_at_once_by_star() -> None:
    code = (
        "import sys, ceasefire_terms as ct;"
        "before = sorted(m for m in sys.modules if m.startswith(('ceasefire_terms.', 'pydantic')));"
        "from ceasefire_terms import Agreement, check;"
        "assert Agreement is ct.Agreement and check is ct.check;"
        "assert 'ceasefire_terms.pipeline' not in sys.modules;"
        "ns = {}; exec('from ceasefire_terms import *', ns);"
        "assert set(ct.__all__) <= set(ns);"
        "print(before)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        ct.nothing_here  # noqa: B018


def test_the_subpackages_an_eager_import_loaded_are_still_attributes() -> None:
    code = (
        "import ceasefire_terms as ct;"
        "assert ct.errors.ParseError is ct.ParseError;"
        "assert ct.io.load_agreement is ct.load_agreement;"
        "assert ct.pipeline.validate_files is ct.validate_files;"
        "assert ct.dates.resolve.Timeline is ct.Timeline;"
        "assert ct.model.agreement.Agreement is ct.Agreement;"
        "assert ct.validation.checks.check is ct.check;"
        "import sys; print('ceasefire_terms.extraction' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_importing_the_core_does_not_import_cli_or_optional_packages() -> None:
    code = (
        "import sys, ceasefire_terms;"
        "bad = [m for m in ('ceasefire_terms.cli', 'typer', 'rich', 'pandas', 'matplotlib',"
        " 'dask', 'icalendar') if m in sys.modules];"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_short_reprs() -> None:
    a = ct.parse_agreement({"id": "x", "title": "X", "zone": "UTC"})
    assert repr(a) == "Agreement(id='x', phases=0, provisions=0, amendments=0)"
    assert repr(a.timeline()) == "Timeline('x', 0 events, zone='UTC')"
    assert repr(ct.check(a)) == "Report('x', errors=0, warnings=0)"
    assert repr(ct.parse_quantity("about 5")) == "Quantity('about 5')"


def test_the_obvious_extraction_calls_work() -> None:
    """``ct.extract`` is the function (the module is ``ceasefire_terms.extraction``)."""
    mentions = ct.extract("Hamas will free 33 Israeli captives during a 42-day phase.")
    assert [m.text for m in mentions] == ["Hamas", "33 Israeli captives", "Israeli", "42-day phase"]
    draft = ct.draft_from_text(
        "Hamas will free 33 Israeli captives during a 42-day phase.", zone="Asia/Jerusalem"
    )
    assert draft.agreement.provisions
