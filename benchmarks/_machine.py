"""The line every benchmark prints first: the machine, Python, pydantic and the load average
(the figures of a shared machine mean little without it)."""

from __future__ import annotations

import os
import platform

import pydantic


def machine_line() -> str:
    return (
        f"machine: {platform.machine()}, {os.cpu_count()} CPU(s), {platform.system()}; "
        f"Python {platform.python_version()}; pydantic {pydantic.VERSION}; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
