"""Shared fixtures: paths to the bundled example and the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest

import ceasefire_terms as ct

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def gaza_path() -> Path:
    return EXAMPLES / "gaza_2025.yaml"


@pytest.fixture(scope="session")
def gaza(gaza_path: Path) -> ct.Agreement:
    return ct.load_agreement(gaza_path)


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (SEEDS / "000_5c71c5f11eb688dd.txt").read_text(encoding="utf-8")
