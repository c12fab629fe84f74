"""The model's shortcuts (model/_built.py) against the validating path they skip.

A plain moment ('2025-01-19', '2025-01-19 11:15 Asia/Jerusalem', '2025-01-19T11:15+02:00',
a ``date``), a plain partial date and an event id given as a rule are built without
validating their fields again. Every test here reads the same input twice, with the
shortcuts and with them switched off (``slow``), and requires the same outcome: the same
instance state (fields, fields set, nested models), equality, hash, dumps and repr; or the
same error, word for word, at the same place.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter, ValidationError

import ceasefire_terms as ct
from ceasefire_terms import examples
from ceasefire_terms.io.load import read_yaml
from ceasefire_terms.model import agreement as agreement_module
from ceasefire_terms.model import when as when_module
from ceasefire_terms.model.agreement import Rule
from ceasefire_terms.model.when import Moment, PartialDate


@contextlib.contextmanager
def slow() -> Iterator[None]:
    """Every shortcut switched off: each input goes through the validating path."""
    saved = (
        when_module._plain_moment,
        when_module._plain_partial,
        agreement_module._rule_at,
    )
    when_module._plain_moment = lambda value: None  # type: ignore[assignment]
    when_module._plain_partial = lambda value: None  # type: ignore[assignment]
    agreement_module._rule_at = lambda anchor: Rule(anchor=anchor)  # type: ignore[assignment]
    try:
        yield
    finally:
        (
            when_module._plain_moment,
            when_module._plain_partial,
            agreement_module._rule_at,
        ) = saved


def state(value: Any) -> Any:
    """Everything an instance holds, nested models included, as comparable plain data."""
    if isinstance(value, BaseModel):
        return (
            type(value).__name__,
            sorted(value.__pydantic_fields_set__),
            value.__pydantic_extra__,
            value.__pydantic_private__,
            list(value.__dict__),
            {k: state(v) for k, v in value.__dict__.items()},
        )
    if isinstance(value, tuple):
        return tuple(state(v) for v in value)
    if isinstance(value, dt.datetime):
        return (value, type(value), type(value.tzinfo), value.utcoffset(), value.fold)
    return (type(value), value)


def outcome(fn: Callable[[], Any]) -> tuple[str, Any]:
    """What ``fn()`` gives: the instance's state and its public faces, or the error's type,
    text and (for pydantic's) every error's place and words."""
    try:
        value = fn()
    except ValidationError as exc:
        details = [(e["type"], e["loc"], e["msg"], repr(e["input"])) for e in exc.errors()]
        return "error", (type(exc).__name__, str(exc), details)
    except Exception as exc:
        return "error", (type(exc).__name__, str(exc))
    faces: tuple[Any, ...] = (state(value),)
    if isinstance(value, BaseModel):
        faces += (
            repr(value),
            str(value),
            _hash(value),
            value.model_dump(),
            value.model_dump_json(),
        )
    return "ok", (value, faces)


def _hash(value: BaseModel) -> int | str:
    try:
        return hash(value)
    except TypeError as exc:  # a record with dataset rows holds dicts of cells
        return f"unhashable: {exc}"


def same_both_ways(fn: Callable[[], Any]) -> tuple[str, Any]:
    fast = outcome(fn)
    with slow():
        validated = outcome(fn)
    assert fast[0] == validated[0], (fast, validated)
    if fast[0] == "ok":
        assert fast[1][0] == validated[1][0]  # equality across the two paths
        assert fast[1][1] == validated[1][1]
    else:
        assert fast[1] == validated[1]
    return fast


MOMENT = TypeAdapter(Moment)


def every_way(value: Any) -> list[tuple[str, Any]]:
    """The same input read by every entry point that a shortcut serves."""
    ways = [
        same_both_ways(lambda: Moment.parse(value)),
        same_both_ways(lambda: Moment.model_validate(value)),
        same_both_ways(lambda: PartialDate.parse(value)),
        # pydantic's strict mode: the text forms validate in it as in lax mode, both ways
        same_both_ways(lambda: Moment.model_validate(value, strict=True)),
    ]
    if isinstance(value, str):
        text = json.dumps(value)
        ways.append(same_both_ways(lambda: MOMENT.validate_json(text)))
        record = (
            '{"id": "x", "title": "X", "zone": "Asia/Jerusalem", "signed": %s, '
            '"phases": [{"id": "p", "start": %s, "end": %s}], '
            '"provisions": [{"id": "d", "type": "deadline", "label": "L", "due": %s, '
            '"reported": [{"date": %s}]}]}'
        ) % ((text,) * 5)
        ways.append(same_both_ways(lambda: ct.Agreement.model_validate_json(record)))
        ways.append(
            same_both_ways(lambda: ct.Agreement.model_validate_json(record, strict=True))
        )
        ways.append(same_both_ways(lambda: ct.parse_agreement(record)))
    return ways


PLAIN = [
    "2025-01-19",
    "2025-01",
    "2025",
    "0001-01-01",
    "9999-12-31",
    "2024-02-29",
    "2025-01-19 11:15 Asia/Jerusalem",
    "2025-01-19 11:15:30 UTC",
    "2025-01-19 00:00 Europe/Kiev",
    "2025-01-19 23:59:59 America/Argentina/Buenos_Aires",
    "2025-03-28 02:30 Asia/Jerusalem",  # a DST gap: the moment is valid, the engine decides
    "2025-01-19T11:15:00+02:00",
    "2025-01-19T11:15+02:00",
    "2025-01-19T09:15Z",
    "2025-01-19T11:15:00.5-05:30",
    "2025-01-19T11:15:00.123456+00:00",
    dt.date(2025, 1, 19),
    dt.date(1, 1, 1),
]

NOT_PLAIN = [
    "2025-02-29",
    "2025-13",
    "2025-00-10",
    "2025-01-00",
    "2025-04-31",
    "0000",
    "0000-01-01",
    " 2025-01-19 ",
    "2025-01-19  11:15 UTC",
    "2025-01-19T11:15 Asia/Jerusalem",
    "2025-01-19 11:15",
    "2025-01 11:15 UTC",
    "2025 11:15 UTC",
    "2025-01-19 24:00 UTC",
    "2025-01-19 11:60 UTC",
    "2025-01-19 11:15:60 UTC",
    "2025-01-19 11:15 Asia/Gaza_City",
    "2025-01-19 11:15 localtime",
    "2025-01-19 11:15 Factory",
    "2025-01-19 11:15 utc",
    "2025-01-19 11:15 Asia//Gaza",
    "2025-01-19T11:15",
    "2025-01-19T11:15:00+24:00",
    "2025-01-19T25:15:00+02:00",
    "2025-02-30T11:15:00+02:00",
    "2025-01-19T11:15:00.1234567+02:00",
    "2025-01-19t11:15:00+02:00",
    "٢٠٢٥-٠١-١٩",  # Arabic-Indic digits: read by the validating path only
    "2025-01-19 ١١:١٥ UTC",
    "",
    "phase-1.end",
    "2025-01-19\n",
    dt.datetime(2025, 1, 19, 11, 15, tzinfo=dt.UTC),
    dt.datetime(2025, 1, 19, 11, 15),
    {"date": "2025-03-28", "time": "02:30", "zone": "Asia/Jerusalem", "dst": "later"},
    {"date": "2025-01-19"},
    {"at": "2025-01-19T11:15+02:00", "dst": "earlier"},
    2025,
    None,
    True,
]


@pytest.mark.parametrize("value", PLAIN, ids=repr)
def test_plain_inputs_take_the_shortcut_and_match_the_validated_moment(value: Any) -> None:
    assert when_module._plain_moment(value) is not None  # the shortcut is taken
    ways = every_way(value)
    assert ways[0][0] == ways[1][0] == "ok"


@pytest.mark.parametrize("value", NOT_PLAIN, ids=repr)
def test_other_inputs_are_left_to_the_validating_path(value: Any) -> None:
    assert when_module._plain_moment(value) is None
    every_way(value)


def test_a_rule_from_an_event_id_is_the_validated_rule() -> None:
    for anchor in ("phase-1.end", "agreement.effective", "x", "a_b-c.d.e"):
        built = agreement_module._rule_at(anchor)
        assert state(built) == state(Rule(anchor=anchor))
        assert built == Rule(anchor=anchor)
        assert hash(built) == hash(Rule(anchor=anchor))
        assert built.model_dump_json() == Rule(anchor=anchor).model_dump_json()


DIGITS = st.sampled_from("0123456789")
ZONES = st.sampled_from(
    [
        "UTC",
        "Asia/Jerusalem",
        "Asia/Gaza",
        "Europe/Kiev",
        "US/Eastern",
        "Etc/GMT+2",
        "EST5EDT",
        "Asia/Gaza_City",
        "localtime",
        "posixrules",
        "Factory",
        "utc",
        "Mars/Base",
        "Asia/",
        "a",
    ]
)


@st.composite
def moment_texts(draw: st.DrawFn) -> str:
    """Text near the plain forms: numbers at and beyond their bounds, every separator and
    zone the readers treat differently, offsets, fractions and padding."""
    year = draw(st.one_of(st.integers(0, 9999), st.just(10000)))
    parts = [f"{year:04d}"]
    if draw(st.booleans()):
        parts.append(f"-{draw(st.integers(0, 13)):02d}")
        if draw(st.booleans()):
            parts.append(f"-{draw(st.integers(0, 32)):02d}")
    text = "".join(parts)
    form = draw(st.sampled_from(["date", "local", "instant"]))
    clock = f"{draw(st.integers(0, 25)):02d}:{draw(st.integers(0, 61)):02d}"
    if draw(st.booleans()):
        clock += f":{draw(st.integers(0, 61)):02d}"
    if form == "local":
        sep = draw(st.sampled_from([" ", "T", "  "]))
        text += f"{sep}{clock} {draw(ZONES)}" if draw(st.booleans()) else f"{sep}{clock}"
    elif form == "instant":
        if draw(st.booleans()):
            text += "." + draw(st.text(DIGITS, min_size=1, max_size=8))
        offset = draw(st.sampled_from(["Z", "+02:00", "-05:30", "+00:00", "+24:00", "+0200", ""]))
        text += f"T{clock}{offset}"
    pad = draw(st.sampled_from(["", " ", "\t", "\n"]))
    return pad + text if draw(st.booleans()) else text + pad


@settings(max_examples=400, deadline=None)
@given(st.one_of(moment_texts(), st.text(max_size=40)))
@example("2025-01-19 11:15 Asia/Jerusalem")
def test_any_text_reads_the_same_with_and_without_the_shortcuts(text: str) -> None:
    every_way(text)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.dates(), st.datetimes(), st.datetimes(timezones=st.timezones())))
def test_any_date_or_datetime_reads_the_same_with_and_without_the_shortcuts(
    value: dt.date,
) -> None:
    every_way(value)


def _records() -> list[tuple[str, str]]:
    out = []
    for name in examples.names():
        out.append((name, examples.load(name).model_dump_json(exclude_none=True)))
    return out


@pytest.mark.parametrize(("name", "line"), _records(), ids=[n for n, _ in _records()])
def test_bundled_agreements_read_the_same_with_and_without_the_shortcuts(
    name: str, line: str
) -> None:
    kind, _ = same_both_ways(lambda: ct.Agreement.model_validate_json(line))
    assert kind == "ok"
    same_both_ways(lambda: ct.Agreement.model_validate_json(line, strict=True))
    # from YAML, where libyaml gives dates as ``date`` objects
    text = examples.text(name)
    kind, _ = same_both_ways(lambda: ct.parse_agreement(read_yaml(text)))
    assert kind == "ok"


def test_imported_dataset_rows_read_the_same_with_and_without_the_shortcuts() -> None:
    from pathlib import Path

    from ceasefire_terms.datasets import import_dataset

    data = Path(__file__).parent / "data" / "datasets"
    lines = []
    for name, file in (
        ("ucdp", "ucdp_pad_221_sample.csv"),
        ("pax", "pax_sample.csv"),
        ("ethprio", "ethprio_cfd_sample.csv"),
    ):
        lines += [a.model_dump_json() for a in import_dataset(name, data / file).agreements]
    assert len(lines) > 20
    for line in lines:
        kind, _ = same_both_ways(lambda line=line: ct.Agreement.model_validate_json(line))
        assert kind == "ok"


def _snapshot_module() -> Any:
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent / "snapshots" / "resolved.py"
    spec = importlib.util.spec_from_file_location("resolved_for_fast_paths", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_records_read_the_same_with_and_without_the_shortcuts() -> None:
    """The 520 generated records of the resolver's snapshot (edge dates, DST changes, every
    counting, amendments, renewals), as mappings and as JSON text."""
    records = _snapshot_module().generated()
    assert len(records) >= 500
    for _, record in records:
        same_both_ways(lambda record=record: ct.parse_agreement(record))
        line = json.dumps(record, default=str)
        same_both_ways(lambda line=line: ct.Agreement.model_validate_json(line))


def test_findings_and_reports_built_by_check_match_the_validated_constructor() -> None:
    from ceasefire_terms.validation.checks import Finding, Report

    agreements = [examples.load(n) for n in examples.names()]
    for _, record in _snapshot_module().generated():
        try:
            agreements.append(ct.parse_agreement(record))
        except ct.CeasefireTermsError:
            continue
    findings = 0
    for a in agreements:
        try:
            report = ct.check(a)
        except (OverflowError, ct.CeasefireTermsError):
            continue
        again = Report(agreement=report.agreement, findings=report.findings)
        assert state(report) == state(again)
        assert report == again
        for f in report.findings:
            validated = Finding(**{k: getattr(f, k) for k in Finding.model_fields})
            assert state(f) == state(validated)
            assert f == validated
            assert hash(f) == hash(validated)
            assert f.as_dict() == validated.as_dict()
            findings += 1
    assert findings > 100


def test_an_end_on_the_calendars_last_day_with_a_published_date_still_overflows() -> None:
    """compare_reported works out the first instant after an end only when an instant is
    compared, but the next day as before: a record whose phase ends on 9999-12-31 raises the
    same OverflowError in check() (the bulk path rejects it as out of range)."""
    for published in ("9999-12-31", "9999-12-31 12:00 UTC", "9999-12"):
        a = ct.parse_agreement(
            {
                "id": "x",
                "title": "X",
                "zone": "UTC",
                "signed": "9999-12-01",
                "phases": [
                    {
                        "id": "p",
                        "start": "agreement.signed",
                        "end": "9999-12-31",
                        "reported_end": [{"date": published}],
                    }
                ],
            }
        )
        with pytest.raises(OverflowError, match="date value out of range"):
            ct.check(a)


def test_a_local_moment_as_text_validates_in_strict_mode_as_in_lax_mode() -> None:
    # the local time is read from the text before the fields are validated, so strict mode
    # (which refuses a time given as text) accepts the library's own text form
    text = "2025-01-19 11:15 Asia/Jerusalem"
    lax = Moment.model_validate(text)
    assert Moment.model_validate(text, strict=True) == lax
    assert lax.time == dt.time(11, 15)
    record = json.dumps({"id": "x", "title": "X", "zone": "Asia/Jerusalem", "signed": text})
    assert ct.Agreement.model_validate_json(record, strict=True).signed == lax
    # an impossible time is still refused, with pydantic's words for it, in both modes
    for strict in (False, True):
        with pytest.raises(ValidationError, match="time"):
            Moment.model_validate("2025-01-19 25:15 Asia/Jerusalem", strict=strict)
