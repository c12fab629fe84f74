"""YAML through libyaml when PyYAML has it, the pure-Python loader otherwise: the same data,
the same refusals, the same error messages and line numbers."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

import ceasefire_terms as ct
from ceasefire_terms import examples
from ceasefire_terms.io import load

HAS_LIBYAML = load._CSafeLoader is not None


def _read(text: str, *, fast: bool, monkeypatch: pytest.MonkeyPatch) -> Any:
    """``read_yaml`` with libyaml (``fast``) or with the pure-Python loader only."""
    with monkeypatch.context() as m:
        if not fast:
            m.setattr(load, "_CSafeLoader", None)
        return load.read_yaml(text, source="rec.yaml")


def _error(text: str, *, fast: bool, monkeypatch: pytest.MonkeyPatch) -> str:
    with pytest.raises(ct.InputError) as info:
        _read(text, fast=fast, monkeypatch=monkeypatch)
    return str(info.value)


def test_libyaml_is_used_where_available(monkeypatch: pytest.MonkeyPatch) -> None:
    if not HAS_LIBYAML:
        pytest.skip("PyYAML was built without libyaml")
    used: list[type[Any]] = []
    real_load = yaml.load

    def spy(stream: Any, Loader: type[Any]) -> Any:
        used.append(Loader)
        return real_load(stream, Loader=Loader)

    monkeypatch.setattr(yaml, "load", spy)
    load.read_yaml(examples.text("gaza-2025"))
    assert used == [load._CNoAliasLoader]
    used.clear()
    _read(examples.text("gaza-2025"), fast=False, monkeypatch=monkeypatch)
    assert used == [load._NoAliasLoader]


@pytest.mark.parametrize("name", examples.names())
def test_both_loaders_read_every_bundled_agreement_alike(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = examples.text(name)
    fast = _read(text, fast=True, monkeypatch=monkeypatch)
    pure = _read(text, fast=False, monkeypatch=monkeypatch)
    assert fast == pure
    assert repr(fast) == repr(pure)  # the same types and key order, not just equal values
    assert ct.parse_agreement(fast) == examples.load(name)


ALIKE = [
    "a: &x 1\nb: 2\n",  # an anchor alone is fine
    "when: 2025-01-19\nat: 2025-01-19T11:15:00+02:00\nn: 1_000\nyes: on\nnull_: ~\n",
    "text: |\n  two\n  lines\nfolded: >\n  one\n  line\n",
    "- 1\n- [2, 3]\n- {a: b}\n",
    "'quoted key': \"\\u00e9\"\n",
    "",
    "# only a comment\n",
]


@pytest.mark.parametrize("text", ALIKE)
def test_both_loaders_give_the_same_values(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = _read(text, fast=True, monkeypatch=monkeypatch)
    pure = _read(text, fast=False, monkeypatch=monkeypatch)
    assert repr(fast) == repr(pure)


REFUSED = {
    "alias": "a: &a 1\nb: 2\nc: *a\n",
    "alias-bomb": "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\nd: [*c, *c]\n",
    "merge-key": "base: &base {x: 1}\n\nthing:\n  <<: *base\n  y: 2\n",
    "alias-in-list": "items:\n  - &one {id: a}\n  - {id: b}\n  - *one\n",
    "recursive": "a: &a [1, *a]\n",
    "unclosed-flow": "id: x\n  bad: [\n",
    "bad-indent": "id: x\ntitle: X\n  zone: UTC\n",
    "tab": "id: x\n\tzone: UTC\n",
    "unclosed-quote": "id: x\ntitle: 'X\nzone: UTC\n",
    "python-tag": "!!python/object/apply:os.system ['echo hi']\n",
    "unknown-tag": "id: !thing x\n",
    "control-char": "id: x\ntitle: \x07\n",
    "two-documents": "id: x\n---\nid: y\n",
    "undefined-alias": "a: 1\nb: *nowhere\n",
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_both_loaders_refuse_with_the_same_message(
    case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = REFUSED[case]
    fast = _error(text, fast=True, monkeypatch=monkeypatch)
    pure = _error(text, fast=False, monkeypatch=monkeypatch)
    assert fast == pure
    assert fast.startswith("'rec.yaml' must be valid YAML")


@pytest.mark.parametrize(
    ("case", "line"),
    [("alias", 3), ("merge-key", 4), ("alias-in-list", 4), ("unclosed-flow", 2), ("tab", 2)],
)
def test_errors_name_the_line_of_the_problem(
    case: str, line: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    message = _error(REFUSED[case], fast=True, monkeypatch=monkeypatch)
    assert f"at line {line}:" in message
    if case.startswith(("alias", "merge")):
        assert "aliases are not accepted" in message


def test_the_pure_loader_is_the_fallback_without_libyaml(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(load, "_CSafeLoader", None)
    path = tmp_path / "gaza.yaml"
    path.write_text(examples.text("gaza-2025"), encoding="utf-8")
    assert ct.load_agreement(path) == examples.load("gaza-2025")
    with pytest.raises(ct.InputError, match="aliases"):
        load.read_yaml(REFUSED["alias-bomb"])


@pytest.mark.parametrize("fast", [True, False])
def test_nesting_too_deep_for_the_parser_is_an_input_error(
    fast: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    depth = 5000
    text = "id: x\nnotes: " + "[" * depth + "]" * depth + "\n"
    message = _error(text, fast=fast, monkeypatch=monkeypatch)
    assert message.startswith("'rec.yaml' must be valid YAML")
    if fast and HAS_LIBYAML:
        assert "at line 2" in message and "nesting depth" in message
