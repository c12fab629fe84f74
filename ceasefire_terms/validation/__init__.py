"""Cross-field validation of agreements."""

from .checks import Finding, Report, Severity, check

__all__ = ["Finding", "Report", "Severity", "check"]
