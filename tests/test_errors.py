"""The exception hierarchy: structured, picklable, and matching the built-ins."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ceasefire_terms as ct

ALL_ERRORS = [
    (ct.ParseError, ValueError),
    (ct.TimeZoneError, ValueError),
    (ct.ConventionError, ValueError),
    (ct.AmbiguousDateError, ValueError),
    (ct.NonexistentTimeError, ValueError),
    (ct.UnknownReferenceError, LookupError),
    (ct.CycleError, ValueError),
    (ct.UnresolvableError, ValueError),
    (ct.RecordError, ValueError),
    (ct.InputError, OSError),
]


@pytest.mark.parametrize(("cls", "builtin"), ALL_ERRORS)
def test_every_error_is_both_ours_and_a_builtin(cls: type[Exception], builtin: type) -> None:
    err = cls("must be something", path="a.b", got="x")  # type: ignore[call-arg]
    assert isinstance(err, ct.CeasefireTermsError)
    assert isinstance(err, builtin)
    assert str(err) == "'a.b' must be something (got 'x')"


@pytest.mark.parametrize(("cls", "builtin"), ALL_ERRORS)
def test_errors_survive_pickling(cls: type[ct.CeasefireTermsError], builtin: type) -> None:
    err = cls("must be something", path="p", got=[1, 2], hint="try this")
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is cls
    assert (back.path, back.expected, back.got, back.hint) == (
        "p",
        "must be something",
        [1, 2],
        "try this",
    )
    assert str(back) == str(err)


def test_record_error_keeps_its_error_list_through_pickle() -> None:
    err = ct.RecordError("bad", errors=[{"path": "x", "expected": "y", "got": "z"}])
    assert pickle.loads(pickle.dumps(err)).errors == err.errors


def test_error_without_got_says_nothing_about_got() -> None:
    assert str(ct.ParseError("must be given", path="zone")) == "'zone' must be given"
    assert ct.ParseError("must be given").to_dict()["got"] is None


@given(st.text(max_size=40))
def test_quantity_parse_error_message_contains_repr_of_input(text: str) -> None:
    try:
        ct.parse_quantity(text)
    except ct.ParseError as exc:
        assert repr(text) in str(exc)


def test_quantity_text_over_the_bound_is_a_parse_error_not_a_pydantic_one() -> None:
    # found by the hypothesis test above: the text path skipped the numeric bound check
    with pytest.raises(ct.ParseError, match="must be at most 1,000,000,000,000,000"):
        ct.parse_quantity("1000000000000001")
    with pytest.raises(ct.ParseError, match="must be at most"):
        ct.parse_quantity("between 5 and 2,000,000,000,000,000")
