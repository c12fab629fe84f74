"""The JSON Schema (draft 2020-12) of the agreement record format, for people and tools that
do not use Python.

The record format accepts readable text shorthands next to the structured forms, and the
schema says so:

- a moment is ``"2025-01-19 11:15 Asia/Jerusalem"``, ``"2025-01-19T11:15+02:00"``,
  ``"2025-01-19"``, ``"2025-01"`` or ``"2025"``, or a mapping ``{at}`` or
  ``{date, time, zone}``;
- a period or duration is ``"42 days"``, ``"42-day"``, ``"6 weeks"``, ``"72 hours"``,
  ``"P42D"``, ``"PT72H"``, or a mapping of units such as ``{"days": 42}``;
- a quantity is a number (``33``), a phrase (``"approximately 1,900"``, ``"between 1,700 and
  2,000"``) or a mapping ``{kind, value | low + high, hedge, unit}``;
- a provision's or phase's date (``due``, ``start``, ``end``) is a moment, an event id
  (``"phase-1.end"``) or a rule mapping (``{day, of}`` or ``{anchor, after | before}``);
- a business calendar's ``weekend`` is a list (``["fri", "sat"]``) or text (``"fri-sat"``).

The schema is generated from the pydantic models (so field names, enums and bounds never
drift from the code) and then completed with these input forms. What it cannot express --
whether a zone name is in the tz database, whether a text period parses, cross-field checks
-- is left to :func:`ceasefire_terms.parse_agreement` and :func:`ceasefire_terms.check`: a
record the schema accepts may still be refused by them, with a reason, but a record they
accept is accepted by the schema.

>>> s = record_schema()
>>> s["$schema"], s["title"]
('https://json-schema.org/draft/2020-12/schema', 'ceasefire_terms agreement record')
>>> sorted(s["$defs"]["Moment"])[:2]
['anyOf', 'description']
"""

from __future__ import annotations

import copy
import json
from functools import cache
from typing import Any

from .model.agreement import Agreement

__all__ = ["SCHEMA_DRAFT", "record_schema", "record_schema_json"]

SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema"

_ZONE = r"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*$"
_ZONE_TEXT = r"[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*"
_DATE = r"\d{4}(-\d{2}(-\d{2})?)?"
_TIME = r"\d{2}:\d{2}(:\d{2})?"
_OFFSET_DT = r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|z|[+-]\d{2}(:?\d{2})?)"
_MOMENT_TEXT = (
    rf"^\s*({_DATE}(\s+{_ZONE_TEXT})?"  # a date, optionally in a zone
    rf"|\d{{4}}-\d{{2}}-\d{{2}}[ T]{_TIME}\s+{_ZONE_TEXT}"  # a local time needs its zone
    rf"|{_OFFSET_DT})\s*$"  # or an ISO 8601 instant with its UTC offset
)
_PARTIAL_DATE_TEXT = rf"^\s*{_DATE}\s*$"
_PERIOD_TEXT = (
    r"^\s*((?:[+-]?\d+\s*-?\s*[A-Za-z]+\s*(?:,|and)?\s*)+"
    r"|[+-]?[Pp](?!$)(\d+[Yy])?(\d+[Mm])?(\d+[Ww])?(\d+[Dd])?"
    r"([Tt](?=\d)(\d+[Hh])?(\d+[Mm])?(\d+[Ss])?)?)\s*$"
)
_EVENT_ID = r"^(?!\d{4})[A-Za-z0-9][A-Za-z0-9_.\-]*$"
_LOCAL_TIME = r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$"


def _text(pattern: str, description: str, examples: list[Any]) -> dict[str, Any]:
    return {"type": "string", "pattern": pattern, "description": description, "examples": examples}


def _moment(obj: dict[str, Any]) -> dict[str, Any]:
    props = obj["properties"]
    props["at"] = {
        "anyOf": [
            _text(
                rf"^\s*{_OFFSET_DT}\s*$",
                "an ISO 8601 instant with its UTC offset",
                ["2025-01-19T11:15+02:00"],
            ),
            {"type": "null"},
        ],
        "default": None,
    }
    props["time"] = {
        "anyOf": [
            _text(_LOCAL_TIME, "local wall-clock time HH:MM[:SS]", ["11:15"]),
            {"type": "null"},
        ],
        "default": None,
    }
    props["zone"] = {
        "anyOf": [_text(_ZONE, "IANA time zone name", ["Asia/Jerusalem"]), {"type": "null"}],
        "default": None,
    }
    obj["anyOf"] = [{"required": ["at"]}, {"required": ["date"]}]
    obj["dependentRequired"] = {"time": ["date", "zone"]}  # a local time is never naive
    return {
        "description": obj.pop("description", ""),
        "anyOf": [
            _text(
                _MOMENT_TEXT,
                "a moment as text: a date (YYYY-MM-DD, YYYY-MM or YYYY) optionally followed by "
                "an IANA zone; a local date and time followed by its IANA zone; or an ISO 8601 "
                "instant with a UTC offset. A local time without a zone is refused.",
                ["2025-01-19 11:15 Asia/Jerusalem", "2025-01-19T11:15+02:00", "2025-01-15"],
            ),
            obj,
        ],
    }


def _partial_date(obj: dict[str, Any]) -> dict[str, Any]:
    return {
        "description": obj.pop("description", ""),
        "anyOf": [
            _text(_PARTIAL_DATE_TEXT, "YYYY-MM-DD, YYYY-MM or YYYY", ["2025-01-19", "2025-01"]),
            {"type": "integer", "minimum": 1, "maximum": 9999, "description": "a year"},
            obj,
        ],
    }


def _period(obj: dict[str, Any], what: str) -> dict[str, Any]:
    obj["minProperties"] = 1
    return {
        "description": obj.pop("description", ""),
        "anyOf": [
            _text(
                _PERIOD_TEXT,
                f"a {what} as text: number-unit pairs ('42 days', '42-day', '1 month 2 days', "
                "'72 hours') or ISO 8601 ('P42D', 'PT72H'); calendar units and hours cannot be "
                "mixed",
                ["42 days", "72 hours", "P42D"],
            ),
            obj,
        ],
    }


def _quantity(obj: dict[str, Any]) -> dict[str, Any]:
    for name in ("value", "low", "high"):
        prop = obj["properties"][name]
        prop["anyOf"] = [
            {"type": "number", "minimum": 0},
            {"type": "null"},
        ]
    obj["anyOf"] = [
        {"properties": {"kind": {"const": "range"}}, "required": ["kind", "low", "high"]},
        {
            "properties": {"kind": {"not": {"const": "range"}}},
            "required": ["value"],
        },
    ]
    return {
        "description": obj.pop("description", ""),
        "anyOf": [
            {"type": "number", "minimum": 0, "description": "an exact count, e.g. 33"},
            {
                "type": "string",
                "minLength": 1,
                "pattern": r"\d",
                "description": "a figure as reported: digits with thousands separators, an "
                "optional hedge before it, an optional range and group noun "
                "('approximately 1,900', 'between 1,700 and 2,000', 'up to 600 trucks')",
                "examples": ["approximately 1,900", "between 1,700 and 2,000", "600 trucks"],
            },
            obj,
        ],
    }


def _rule(obj: dict[str, Any]) -> dict[str, Any]:
    obj["anyOf"] = [{"required": ["anchor"]}, {"required": ["day", "of"]}]
    return {
        "description": obj.pop("description", ""),
        "anyOf": [
            _text(
                _EVENT_ID,
                "an event id, meaning 'at that event' (text starting with a year is read as a "
                "moment instead)",
                ["phase-1.end", "agreement.effective"],
            ),
            obj,
        ],
    }


def _walk(node: Any) -> None:
    """Discriminated date unions (moment | rule) become anyOf: a text form of either type is
    told apart by its first characters, which oneOf cannot express without duplication."""
    if isinstance(node, dict):
        one = node.get("oneOf")
        if isinstance(one, list) and {r.get("$ref") for r in one if isinstance(r, dict)} == {
            "#/$defs/Moment",
            "#/$defs/Rule",
        }:
            node["anyOf"] = node.pop("oneOf")
        for v in node.values():
            _walk(v)
    elif isinstance(node, list):
        for v in node:
            _walk(v)


@cache
def _build() -> str:
    schema = Agreement.model_json_schema(mode="validation")
    defs = schema["$defs"]
    defs["Moment"] = _moment(defs["Moment"])
    defs["PartialDate"] = _partial_date(defs["PartialDate"])
    defs["Period"] = _period(defs["Period"], "calendar period")
    defs["Duration"] = _period(defs["Duration"], "duration")
    defs["Quantity"] = _quantity(defs["Quantity"])
    defs["Rule"] = _rule(defs["Rule"])
    for name in ("Exchange", "Obligation", "Deadline"):
        defs[name]["required"] = ["type", *defs[name].get("required", [])]
    weekend = defs["BusinessCalendar"]["properties"]["weekend"]
    defs["BusinessCalendar"]["properties"]["weekend"] = {
        "anyOf": [
            weekend,
            {"type": "string", "description": "weekday names as text, e.g. 'fri-sat'"},
        ],
        "title": weekend.get("title", "Weekend"),
    }
    schema["properties"]["zone"].update({"pattern": _ZONE, "examples": ["Asia/Jerusalem"]})
    _walk(schema)
    out = {
        "$schema": SCHEMA_DRAFT,
        "title": "ceasefire_terms agreement record",
        "description": (
            "The terms of a ceasefire or peace agreement as a record (YAML, JSON or one line "
            "of JSON Lines): parties, dates, phases, provisions, amendments and sources. "
            "Dates are written in the agreement's IANA zone; every period states its "
            "counting convention. Generated by ceasefire_terms; 'schema_version' is the "
            "record format's version."
        ),
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }
    return json.dumps(out, ensure_ascii=False, sort_keys=False)


def record_schema() -> dict[str, Any]:
    """The JSON Schema of an agreement record, as a fresh dict (safe to modify)."""
    return copy.deepcopy(json.loads(_build()))


def record_schema_json(*, indent: int | None = 2) -> str:
    """The schema as JSON text (what ``ceasefire-terms schema`` prints)."""
    return json.dumps(record_schema(), ensure_ascii=False, indent=indent)
