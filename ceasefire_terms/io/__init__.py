"""Reading and writing agreement records."""

from .load import dump_agreement, errors_from_pydantic, load_agreement, parse_agreement, read_yaml

__all__ = [
    "dump_agreement",
    "errors_from_pydantic",
    "load_agreement",
    "parse_agreement",
    "read_yaml",
]
