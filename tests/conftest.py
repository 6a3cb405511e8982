"""Shared test fixtures.

Tests that read ../shared (eval drafts, the law texts) use ``shared_dir`` and skip with a
reason when it is absent, so a clone elsewhere still passes on the repository's own fixtures.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = Path(os.environ.get("COMMENTING_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"../shared is absent ({SHARED}); this test reads the shared eval set / corpus")
    return SHARED


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


def pytest_generate_tests(metafunc):
    """A test taking ``eval_case`` runs once per labelled draft of ../shared/eval/cases, however
    many there are (once, with None, when ../shared is absent: ``shared_dir`` then skips it)."""
    if "eval_case" in metafunc.fixturenames:
        cases = sorted(p.parent for p in (SHARED / "eval" / "cases").glob("*/expected.json")) if SHARED.is_dir() else []
        metafunc.parametrize("eval_case", cases or [None], ids=[c.name for c in cases] or ["no-cases"])
