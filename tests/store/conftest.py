"""Fixtures for the store tests: a fresh store file per test and a small draft."""
from __future__ import annotations

import pytest

from commenting.model import Consultation
from commenting.store import Store

from store_helpers import DRAFT, make_doc


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "store.db")
    yield s
    s.close()


@pytest.fixture
def draft(store):
    c = store.add_consultation(Consultation(title=make_doc(DRAFT).title, sender="市司法局", deadline="2026-12-31"))
    return store.add_draft(c.id, make_doc(DRAFT), "draft.docx", b"PK\x03\x04 original bytes")
