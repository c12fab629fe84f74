"""Shared pieces of the crosswalks: the draft result, unknown values, split dates."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from ..dates.resolve import Timeline
from ..errors import CeasefireTermsError, InputError, ParseError
from ..model.agreement import Agreement, Role
from ..model.when import Moment, PartialDate, get_zone

__all__ = ["UNKNOWN", "Draft", "ProvisionFlags"]

UNKNOWN = -1
"""The value the reference datasets use for an unknown field."""


class ProvisionFlags(BaseModel):
    """Which kinds of provision an agreement contains: ``True`` present, ``False`` absent,
    ``None`` unknown (the source did not say)."""

    model_config = ConfigDict(frozen=True)

    ceasefire: bool | None = None
    withdrawal: bool | None = None
    prisoner_release: bool | None = None
    humanitarian_aid: bool | None = None


class Draft(BaseModel):
    """An agreement imported from a reference-dataset row, with what the model cannot hold.

    ``agreement`` holds every field that maps; ``flags`` the provision flags the row gave;
    ``unmapped`` the row's other known values by column name (unknown ones are left out).
    A draft keeps partial dates at their precision and imputes nothing: a date known to the
    month stays a month, and terms computed from it are reported as not datable.
    """

    model_config = ConfigDict(frozen=True)

    agreement: Agreement
    flags: ProvisionFlags = ProvisionFlags()
    unmapped: dict[str, Any] = {}
    source_format: str


def is_unknown(value: Any) -> bool:
    """-1, an empty string, None or NaN mean unknown."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):  # NaN from a data frame
        return True
    if isinstance(value, str):
        return value.strip() in ("", "-1", "NA", "nan")
    return isinstance(value, int) and not isinstance(value, bool) and value == UNKNOWN


def as_int(value: Any, path: str) -> int | None:
    """An integer field, ``None`` when unknown; :class:`ParseError` naming ``path``."""
    if is_unknown(value):
        return None
    if isinstance(value, bool):
        raise ParseError("must be a whole number or -1 for unknown", path=path, got=value)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*\d+(\.0+)?\s*", value):
        return int(float(value))
    raise ParseError("must be a whole number or -1 for unknown", path=path, got=value)


def as_flag(value: Any, path: str) -> bool | None:
    """A 0/1 flag (or a 0-3 score: anything above 0 is present); ``None`` when unknown."""
    n = as_int(value, path)
    if n is None:
        return None
    if n < 0 or n > 3:
        raise ParseError(
            "must be 0, 1 (or a score up to 3), or -1 for unknown", path=path, got=value
        )
    return n > 0


def as_text(value: Any) -> str | None:
    if is_unknown(value):
        return None
    return str(value).strip()


def partial_from_parts(row: Mapping[str, Any], prefix: str, where: str) -> PartialDate | None:
    """``<prefix>_year``/``_month``/``_day`` columns -> a :class:`PartialDate` keeping the
    known precision; ``None`` when the year is unknown."""
    y, m, d = (
        as_int(row.get(f"{prefix}_{p}"), f"{where}.{prefix}_{p}") for p in ("year", "month", "day")
    )
    if y is None:
        if m is not None or d is not None:
            raise ParseError(
                "must be known when the month or day is (a date needs its year)",
                path=f"{where}.{prefix}_year",
                got=row.get(f"{prefix}_year"),
            )
        return None
    if m is None and d is not None:
        raise ParseError(
            "must be known when the day is (a day needs its month)",
            path=f"{where}.{prefix}_month",
            got=row.get(f"{prefix}_month"),
        )
    try:
        return PartialDate(year=y, month=m, day=d)
    except ValidationError as exc:
        raise ParseError(
            "must form a calendar date", path=f"{where}.{prefix}_day", got=f"{y}-{m}-{d}"
        ) from exc


def partial_from_text(value: Any, path: str) -> PartialDate | None:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` -> :class:`PartialDate`; ``None`` if unknown."""
    if is_unknown(value):
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    try:
        return PartialDate.parse(value if isinstance(value, dt.date) else str(value).strip())
    except CeasefireTermsError as exc:
        raise ParseError(exc.expected, path=path, got=value) from None


def split(p: PartialDate | None) -> tuple[int, int, int]:
    """A partial date as (year, month, day) with -1 for each unknown part."""
    if p is None:
        return (UNKNOWN, UNKNOWN, UNKNOWN)
    return (p.year, UNKNOWN if p.month is None else p.month, UNKNOWN if p.day is None else p.day)


def moment_date(a: Agreement, m: Moment | None) -> PartialDate | None:
    """The local date (in the agreement's zone) of a moment, at its own precision."""
    if m is None:
        return None
    if m.at is not None:
        local = m.at.astimezone(get_zone(a.zone)).date()
        return PartialDate(year=local.year, month=local.month, day=local.day)
    assert m.date is not None
    if m.time is not None and m.zone is not None and m.zone != a.zone:
        from ..dates.arithmetic import localize
        from ..dates.conventions import DstPolicy

        local_dt = localize(
            dt.datetime.combine(m.date.to_date(), m.time), get_zone(m.zone), DstPolicy.EARLIER
        ).astimezone(get_zone(a.zone))
        return PartialDate(year=local_dt.year, month=local_dt.month, day=local_dt.day)
    return m.date


def computed_end(a: Agreement, t: Timeline | None = None) -> PartialDate | None:
    """The last day the agreement is in force, when every phase has an end that resolves;
    ``None`` for an open-ended agreement or one whose ends cannot be computed."""
    if not a.phases or any(p.end is None and p.length is None for p in a.phases):
        return None
    try:
        t = t or a.timeline()
    except CeasefireTermsError:
        return None
    last: dt.date | None = None
    for p in a.phases:
        e = t.get(f"{p.id}.end")
        if e is None:
            return None
        day = e.date
        if not e.end_of_day and e.at is not None and e.at.time() == dt.time(0, 0):
            day = e.date - dt.timedelta(days=1)  # an end at midnight: the day before is the last
        last = day if last is None or day > last else last
    assert last is not None
    return PartialDate(year=last.year, month=last.month, day=last.day)


def names(a: Agreement, roles: tuple[Role, ...]) -> list[str]:
    return [p.name for p in a.parties if p.role in roles]


def slug(text: str) -> str:
    s = re.sub(r"[^A-Za-z0-9]+", "-", text.strip()).strip("-").lower()
    return s[:60] or "x"


def build(data: dict[str, Any], where: str) -> Agreement:
    from ..io.load import parse_agreement

    try:
        return parse_agreement(data, source=where)
    except CeasefireTermsError as exc:
        raise InputError(f"could not be turned into an agreement: {exc}", path=where) from None


def party_list(names_: list[str], role: Role, taken: set[str]) -> list[dict[str, Any]]:
    out = []
    for name in names_:
        base = slug(name)
        pid, n = base, 2
        while pid in taken:
            pid, n = f"{base}-{n}", n + 1
        taken.add(pid)
        out.append({"id": pid, "name": name, "role": role.value})
    return out
