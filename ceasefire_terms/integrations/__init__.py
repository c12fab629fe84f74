"""Optional integrations (pandas, Polars, matplotlib, icalendar, dask). Each module imports its
third-party package only when it is used and, when the package is missing, raises an
``ImportError`` that names the extra to install.
"""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["require"]


def require(module: str, extra: str) -> ModuleType:
    """Import ``module`` or raise ImportError naming the extra that provides it.

    >>> require("json", "none").__name__
    'json'
    >>> require("surely_not_installed_pkg", "plot")
    Traceback (most recent call last):
    ...
    ImportError: this feature needs 'surely_not_installed_pkg', which is not installed; \
install it with: pip install "ceasefire-terms[plot]"
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(
            f"this feature needs {module.partition('.')[0]!r}, which is not installed; "
            f'install it with: pip install "ceasefire-terms[{extra}]"'
        ) from exc
