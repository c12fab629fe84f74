"""Regenerate the timeline snapshots: ``python tests/snapshots/regen.py``.

Each bundled agreement's timeline (as ``ceasefire-terms timeline --format json`` prints it)
is written to ``tests/snapshots/<name>.timeline.json``. Review the diff before committing:
a changed snapshot is a changed computed date or rule.
"""

from __future__ import annotations

import json
from pathlib import Path

from ceasefire_terms import examples

HERE = Path(__file__).resolve().parent


def render(name: str) -> str:
    return json.dumps(examples.load(name).timeline().as_dict(), ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    for name in examples.names():
        (HERE / f"{name}.timeline.json").write_text(render(name), encoding="utf-8")


if __name__ == "__main__":
    main()
