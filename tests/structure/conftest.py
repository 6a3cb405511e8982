"""Fixtures for the structure tests (helpers live in structure_helpers.py)."""
from __future__ import annotations

import pytest
from structure_helpers import blocks_from_text


@pytest.fixture
def text_blocks():
    return blocks_from_text
