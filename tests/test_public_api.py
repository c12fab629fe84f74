"""The public surface: __all__ matches what is exported, and the core stays independent."""

from __future__ import annotations

import subprocess
import sys

import ceasefire_terms as ct


def test_all_lists_exactly_the_public_names() -> None:
    public = {n for n in vars(ct) if not n.startswith("_")} - {"annotations"}
    modules = {n for n in public if type(getattr(ct, n)).__name__ == "module"}
    assert set(ct.__all__) - {"__version__"} == public - modules
    assert all(hasattr(ct, n) for n in ct.__all__)


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
