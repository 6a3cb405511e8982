"""Corpus fixtures: see commenting.corpus.testing (built once per test session)."""
from __future__ import annotations

import pytest

from commenting.corpus.testing import small_corpus as _small


@pytest.fixture(scope="session")
def corpus_fixtures(fixtures_dir):
    return fixtures_dir / "corpus"


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory, corpus_fixtures):
    return _small(tmp_path_factory.getbasetemp() / "corpus-small", [corpus_fixtures])


@pytest.fixture(scope="session")
def small_db(small_corpus):
    return small_corpus.path


@pytest.fixture(scope="session")
def shared_corpus(tmp_path_factory, corpus_fixtures, shared_dir):
    return _small(tmp_path_factory.getbasetemp() / "corpus-shared", [corpus_fixtures, shared_dir / "corpus"])


@pytest.fixture(scope="session")
def local_db(tmp_path_factory, corpus_fixtures, fixtures_dir):
    """The fixture corpus plus tests/fixtures/corpus-local: local regulations of 湖南省 (province,
    衡阳市, 长沙市) and 广东省, and 行政法规 versions, one expired."""
    return _small(tmp_path_factory.getbasetemp() / "corpus-local", [corpus_fixtures, fixtures_dir / "corpus-local"]).path
