"""Points in time as agreements state them: aware instants, local dates in a stated zone, and
partial dates that keep their precision.

>>> Moment.parse("2025-01-19T11:15:00+02:00").at.isoformat()
'2025-01-19T11:15:00+02:00'
>>> m = Moment.parse("2025-01-19 11:15 Asia/Jerusalem")
>>> (str(m.date), m.time.isoformat(), m.zone)
('2025-01-19', '11:15:00', 'Asia/Jerusalem')
>>> str(Moment.parse("2025-01").date), Moment.parse("2025-01").date.precision
('2025-01', 'month')
>>> Moment.parse("2025-01-19T11:15")
Traceback (most recent call last):
...
ceasefire_terms.errors.TimeZoneError: must be a date YYYY-MM-DD, YYYY-MM or YYYY; a date and \
time with an IANA zone ('2025-01-19 11:15 Asia/Jerusalem'); or an ISO 8601 datetime with a \
UTC offset ('2025-01-19T11:15+02:00') (got '2025-01-19T11:15'); a time needs its zone: a \
time without one is naive

Every place that rejects a moment words it with :func:`moment_expected`, so the accepted forms
are listed once.
"""

from __future__ import annotations

import datetime as dt
import re
from datetime import date, datetime
from functools import lru_cache
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    PlainSerializer,
    model_serializer,
    model_validator,
)

from ..errors import ParseError, TimeZoneError
from ._built import built
from .conventions import DstPolicy

__all__ = [
    "MOMENT_FORMS",
    "Moment",
    "PartialDate",
    "Precision",
    "ZoneName",
    "get_zone",
    "moment_expected",
    "zone_names",
]

Precision = Literal["year", "month", "day"]

MOMENT_FORMS = (
    "a date YYYY-MM-DD, YYYY-MM or YYYY; "
    "a date and time with an IANA zone ('2025-01-19 11:15 Asia/Jerusalem'); "
    "or an ISO 8601 datetime with a UTC offset ('2025-01-19T11:15+02:00')"
)
"""The forms a moment may be written in, as every error that rejects one lists them."""


def moment_expected(*, event_id: bool = False) -> str:
    """What a field holding a moment expects, in the words of every error that rejects one.
    ``event_id=True`` for a field that also takes a rule (an event id such as
    ``'phase-1.end'``).

    >>> moment_expected(event_id=True)  # doctest: +NORMALIZE_WHITESPACE
    "must be a date YYYY-MM-DD, YYYY-MM or YYYY; a date and time with an IANA zone
    ('2025-01-19 11:15 Asia/Jerusalem'); an ISO 8601 datetime with a UTC offset
    ('2025-01-19T11:15+02:00'); or an event id such as 'phase-1.end'"
    """
    if event_id:
        forms = MOMENT_FORMS.replace("; or an ISO", "; an ISO")
        return f"must be {forms}; or an event id such as 'phase-1.end'"
    return f"must be {MOMENT_FORMS}"


_ZONE_SHAPE = re.compile(r"[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*")
_ZONE_EXPECTED = "must be an IANA time zone name"
_REFUSED_ZONES = {
    "localtime": "it names whatever zone the machine is set to, so the timeline would depend "
    "on where it is computed",
    "posixrules": "it is a template for POSIX TZ strings, not a place",
    "Factory": "it is a placeholder zone of the tz database, not a place",
}


@lru_cache(maxsize=1)
def zone_names() -> frozenset[str]:
    """The zone names an agreement may use: the list shipped with the ``tzdata`` package (the
    canonical IANA names and the tz database's backward-compatible aliases such as
    ``US/Eastern``, ``Asia/Calcutta``, ``Europe/Kiev``), without ``Factory``. It is the same
    list on every machine; the system's own ``localtime``, ``posixrules``, ``posix/*`` and
    ``right/*`` (leap-second) files are not in it."""
    from importlib import resources

    text = resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8")
    return frozenset(text.split()) - set(_REFUSED_ZONES)


@lru_cache(maxsize=1)
def _zone_names_folded() -> dict[str, str]:
    return {n.casefold(): n for n in zone_names()}


def _nearest_zone(name: str) -> str | None:
    """The accepted name nearest to ``name`` (difflib over the accepted names, ignoring
    case and a ``posix/`` or ``right/`` prefix), or None when nothing is close."""
    import difflib

    folded = _zone_names_folded()
    key = name.casefold()
    for prefix in ("posix/", "right/"):
        key = key.removeprefix(prefix)
    if key in folded:
        return folded[key]
    close = difflib.get_close_matches(key, list(folded), n=1, cutoff=0.75)
    return folded[close[0]] if close else None


@lru_cache(maxsize=512)
def get_zone(name: str) -> ZoneInfo:
    """The IANA zone ``name``; raises :class:`TimeZoneError` for a name that is not in
    :func:`zone_names` (fixed offsets such as ``+02:00`` and abbreviations such as ``IST`` are
    refused because they do not follow daylight-saving rules; ``localtime`` because it depends
    on the machine). The error suggests the nearest accepted name.

    >>> get_zone("Asia/Gaza_City")
    Traceback (most recent call last):
    ...
    ceasefire_terms.errors.TimeZoneError: must be an IANA time zone name (got 'Asia/Gaza_City'); \
did you mean 'Asia/Gaza'?
    """
    if not isinstance(name, str) or not _ZONE_SHAPE.fullmatch(name):
        raise TimeZoneError(f"{_ZONE_EXPECTED} such as 'Asia/Jerusalem'", got=name)
    if name not in zone_names():
        if name in _REFUSED_ZONES:
            raise TimeZoneError(
                f"{_ZONE_EXPECTED} of a place, not '{name}': {_REFUSED_ZONES[name]}",
                got=name,
                hint="name the agreement's zone, such as 'Asia/Jerusalem'",
            )
        nearest = _nearest_zone(name)
        if nearest is None:
            raise TimeZoneError(f"{_ZONE_EXPECTED} such as 'Asia/Jerusalem'", got=name)
        raise TimeZoneError(_ZONE_EXPECTED, got=name, hint=f"did you mean '{nearest}'?")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        # a name in tzdata's list that this machine's zone files lack (an older system
        # database is searched first)
        raise TimeZoneError(
            f"{_ZONE_EXPECTED} known to the zone database in use", got=name
        ) from exc


def _check_zone(name: str) -> str:
    get_zone(name)
    return name


ZoneName = Annotated[str, AfterValidator(_check_zone)]
"""An IANA time zone name, checked against the zone database (``tzdata`` where the system has
none)."""


class PartialDate(BaseModel):
    """A calendar date known to the year, the month or the day. Never imputed: a date known to
    the month has no day, and asking for one is an error."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    year: int = Field(ge=1, le=9999)
    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)

    @model_validator(mode="after")
    def _valid(self) -> PartialDate:
        if self.day is not None:
            if self.month is None:
                raise ValueError("a day needs a month")
            try:
                date(self.year, self.month, self.day)
            except ValueError as exc:
                raise ValueError(f"{self} is not a date in the calendar ({exc})") from None
        return self

    @model_serializer
    def _ser(self) -> str:
        return str(self)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __repr__(self) -> str:
        return f"PartialDate({str(self)!r})"

    def to_date(self) -> date:
        """The full date; :class:`ParseError` if the day (or month) is not known."""
        if self.month is None or self.day is None:
            raise ParseError(f"is known only to the {self.precision}, not the day", got=str(self))
        return date(self.year, self.month, self.day)

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        if cls is PartialDate:
            plain = _plain_partial(value)
            if plain is not None:
                return plain
        if isinstance(value, datetime):
            raise ParseError("must be a date, not a datetime", got=value.isoformat())
        if isinstance(value, date):
            return cls(year=value.year, month=value.month, day=value.day)
        if isinstance(value, int) and not isinstance(value, bool):
            return cls(year=value)
        if isinstance(value, str):
            m = re.fullmatch(r"\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\s*", value)
            if m:
                y, mo, d = m.groups()
                try:
                    return cls(
                        year=int(y),
                        month=int(mo) if mo else None,
                        day=int(d) if d else None,
                    )
                except ValueError as exc:
                    raise ParseError(
                        "must be a calendar date YYYY-MM-DD, YYYY-MM or YYYY", got=value
                    ) from exc
        if isinstance(value, dict):
            return cls.model_validate(value)
        raise ParseError("must be a date YYYY-MM-DD, YYYY-MM or YYYY", got=value)


_PLAIN_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
"""The plain text of a partial date (ASCII digits, nothing around them), read by the shortcut
:func:`_plain_partial`; :meth:`PartialDate.parse` reads every other form."""


def _new_partial(year: int, month: int | None, day: int | None) -> PartialDate | None:
    """The partial date, built without validating its fields again, when ``datetime.date``
    accepts it (the bounds the fields and ``PartialDate._valid`` state: year 1 to 9999, month
    1 to 12, a day of that month); else None."""
    try:
        date(year, 1 if month is None else month, 1 if day is None else day)
    except ValueError:
        return None
    return built(PartialDate, {"year": year, "month": month, "day": day}, {"year", "month", "day"})


def _plain_partial(value: Any) -> PartialDate | None:
    """A shortcut of :meth:`PartialDate.parse` for its two commonest inputs, a ``date`` and
    plain text ('2025-01-19', '2025-01', '2025'); None for anything else, which the validating
    path reads (and words the error for)."""
    if type(value) is str:
        m = _PLAIN_DATE.fullmatch(value)
        if m is None:
            return None
        y, mo, d = m.groups()
        return _new_partial(int(y), None if mo is None else int(mo), None if d is None else int(d))
    if type(value) is date:
        return _new_partial(value.year, value.month, value.day)
    return None


_LOCAL = re.compile(
    r"^\s*(?P<date>\d{4}(?:-\d{2}(?:-\d{2})?)?)"
    r"(?:[ T](?P<time>\d{2}:\d{2}(?::\d{2})?))?"
    r"(?:\s+(?P<zone>[A-Za-z][A-Za-z0-9_+\-/]*))?\s*$"
)
_NAIVE_HINT = "a time needs its zone: a time without one is naive"


def _parse_aware(value: Any) -> datetime:
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, str):
        try:
            dt = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError as exc:
            raise ParseError(moment_expected(), got=value) from exc
    else:
        raise ParseError(moment_expected(), got=value)
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise TimeZoneError(
            moment_expected(),
            got=value if isinstance(value, str) else value.isoformat(),
            hint=_NAIVE_HINT,
        )
    return dt


AwareDatetime = Annotated[
    datetime,
    BeforeValidator(_parse_aware),
    PlainSerializer(lambda d: d.isoformat(), return_type=str, when_used="json"),
]


def _partial(value: Any) -> Any:
    return PartialDate.parse(value)


class Moment(BaseModel):
    """When something happens: either ``at``, an aware instant (ISO 8601 with an offset), or a
    ``date`` (possibly partial) with an optional local ``time``. ``zone`` is the IANA zone the
    moment is read in; when it is left out, the agreement's zone applies (stated once there).

    ``dst`` says how a local time that a DST change skips (a gap) or repeats (an overlap) is
    read: ``raise`` (the default) refuses it, ``earlier`` or ``later`` pick a reading, and the
    timeline's trace says which was picked. It applies only to a local ``time``, and a moment
    that states it is written as a mapping (the text form has no place for it):

    >>> m = Moment.parse({"date": "2025-03-28", "time": "02:30", "zone": "Asia/Jerusalem",
    ...                   "dst": "later"})
    >>> m
    Moment('2025-03-28 02:30 Asia/Jerusalem', dst='later')
    >>> m.model_dump()
    {'date': '2025-03-28', 'time': '02:30', 'zone': 'Asia/Jerusalem', 'dst': 'later'}
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    at: AwareDatetime | None = None
    date: Annotated[PartialDate, BeforeValidator(_partial)] | None = None
    time: dt.time | None = None
    zone: ZoneName | None = None
    dst: DstPolicy = DstPolicy.RAISE

    @model_serializer(mode="plain")
    def _compact(self) -> str | dict[str, str]:
        if self.dst is DstPolicy.RAISE:
            return str(self)
        # only a local date and time can state a policy (see _shape)
        assert self.date is not None and self.time is not None and self.zone is not None
        return {
            "date": str(self.date),
            "time": self.time_text(),
            "zone": self.zone,
            "dst": self.dst.value,
        }

    def time_text(self) -> str:
        """The local time as written: HH:MM, or HH:MM:SS when it has seconds."""
        t = self.time
        assert t is not None
        # (what isoformat(timespec="minutes" or "seconds") gives, without its keyword parsing)
        if t.second:
            return f"{t.hour:02d}:{t.minute:02d}:{t.second:02d}"
        return f"{t.hour:02d}:{t.minute:02d}"

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        if isinstance(data, str):
            return cls._text_fields(data)
        if isinstance(data, datetime):
            return {"at": data}
        if isinstance(data, dt.date):
            return {"date": data}
        return data

    @model_validator(mode="after")
    def _shape(self) -> Moment:
        if (self.at is None) == (self.date is None):
            raise ValueError("a moment needs exactly one of 'at' (an aware instant) or 'date'")
        if self.time is not None and (self.date is None or self.date.precision != "day"):
            raise ValueError("a local 'time' needs a full 'date' (YYYY-MM-DD)")
        if self.time is not None and self.zone is None:
            raise ValueError(
                "a local 'time' needs its IANA 'zone' on the same moment (a time without a "
                "zone is naive); write '2025-01-19 11:15 Asia/Jerusalem'"
            )
        if self.time is not None and self.time.tzinfo is not None:
            raise ValueError("'time' is a local wall-clock time; put the zone in 'zone'")
        if self.dst is not DstPolicy.RAISE and self.time is None:
            raise ValueError(
                f"'dst: {self.dst.value}' applies only to a local date and time (a DST gap or "
                "overlap is a matter of wall-clock times); drop it, or give 'time' and 'zone'"
            )
        return self

    @model_validator(mode="wrap")
    @classmethod
    def _plain(cls, data: Any, handler: ModelWrapValidatorHandler[Moment]) -> Moment:
        # A shortcut for the plain text forms (see _plain_moment); every other input, and any
        # input the shortcut does not vouch for, is validated field by field. (Declared after
        # _shape so that it wraps it: a moment built here is not checked again.) The text
        # forms validate alike in pydantic's lax and strict modes (_text_fields reads the
        # local time itself), so the shortcut serves both.
        if cls is Moment:
            plain = _plain_moment(data)
            if plain is not None:
                return plain
        return handler(data)

    @staticmethod
    def _text_fields(text: str) -> dict[str, Any]:
        m = _LOCAL.match(text)
        if m and m.group("time") and not m.group("zone"):
            raise TimeZoneError(moment_expected(), got=text, hint=_NAIVE_HINT)
        if m:
            out: dict[str, Any] = {"date": m.group("date")}
            if m.group("time"):
                # read here, so that the text form validates in pydantic's strict mode too
                # (strict refuses a time given as text); an impossible time ("25:00") is left
                # as text, for the field's validation to word the error
                try:
                    out["time"] = dt.time.fromisoformat(m.group("time"))
                except ValueError:
                    out["time"] = m.group("time")
            if m.group("zone"):
                out["zone"] = m.group("zone")
            return out
        return {"at": _parse_aware(text)}

    @classmethod
    def parse(cls, value: Any) -> Moment:
        """Read ``'2025-01-19T11:15+02:00'``, ``'2025-01-19 11:15 Asia/Jerusalem'``,
        ``'2025-01-19'``, ``'2025-01'`` or ``'2025'``; naive datetimes are refused."""
        if isinstance(value, Moment):
            return value
        if cls is Moment:
            plain = _plain_moment(value)
            if plain is not None:
                return plain
        if isinstance(value, str):
            return cls.model_validate(cls._text_fields(value))
        return cls.model_validate(value)

    @property
    def precision(self) -> Precision:
        return "day" if self.at is not None else self.date.precision  # type: ignore[union-attr]

    def __str__(self) -> str:
        if self.at is not None:
            return self.at.isoformat()
        parts = [str(self.date)]
        if self.time is not None:
            parts.append(self.time_text())
        if self.zone:
            parts.append(self.zone)
        return " ".join(parts)

    def __repr__(self) -> str:
        if self.dst is not DstPolicy.RAISE:
            return f"Moment({str(self)!r}, dst={self.dst.value!r})"
        return f"Moment({str(self)!r})"


_PLAIN_LOCAL = re.compile(
    r"([0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?)"
    r"(?: ([0-9]{2}):([0-9]{2})(?::([0-9]{2}))? ([A-Za-z][A-Za-z0-9_+\-/]*))?"
)
"""The plain text of a local moment: a partial date, or a full date, a time and a zone, each
separated by one space, ASCII only (``_LOCAL`` reads the looser forms)."""
_PLAIN_INSTANT = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?"
    r"(?:Z|[+-][0-9]{2}:[0-9]{2})"
)
"""The plain text of an aware instant ('2025-01-19T11:15:00+02:00', '2025-01-19T09:15Z')."""


def _plain_moment(value: Any) -> Moment | None:
    """A shortcut of Moment's validation for its plain inputs: a ``date``, and text that
    ``_PLAIN_LOCAL`` or ``_PLAIN_INSTANT`` reads whole, when every value in it is one the
    validating path accepts. The moment is built with the fields the validating path sets.
    None for anything else (the validating path then reads it and words any error)."""
    if type(value) is str:
        return _plain_text(value)
    if type(value) is date:
        return _moment_on(_plain_partial(value))
    return None


@lru_cache(maxsize=4096)
def _plain_text(value: str) -> Moment | None:
    """:func:`_plain_moment` of a text; cached like periods and quantities, which is safe
    because a moment is immutable (a record's dates repeat: the agreement's, its phases',
    the dates reported for them)."""
    m = _PLAIN_LOCAL.fullmatch(value)
    if m is None:
        if _PLAIN_INSTANT.fullmatch(value) is None:
            return None
        try:
            at = _parse_aware(value)
        except ValueError:  # the library's ParseError and TimeZoneError
            return None
        return built(
            Moment,
            {"at": at, "date": None, "time": None, "zone": None, "dst": DstPolicy.RAISE},
            {"at"},
        )
    text, hour, minute, second, zone = m.groups()
    day = _plain_partial(text)
    if hour is None:
        return _moment_on(day)
    if day is None or day.day is None:
        return None
    try:
        time = dt.time(int(hour), int(minute), 0 if second is None else int(second))
        get_zone(zone)
    except (ValueError, TimeZoneError):
        return None
    return built(
        Moment,
        {"at": None, "date": day, "time": time, "zone": zone, "dst": DstPolicy.RAISE},
        {"date", "time", "zone"},
    )


def _moment_on(day: PartialDate | None) -> Moment | None:
    if day is None:
        return None
    return built(
        Moment,
        {"at": None, "date": day, "time": None, "zone": None, "dst": DstPolicy.RAISE},
        {"date"},
    )
