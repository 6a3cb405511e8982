"""Where things live on disk: the data folder, the two SQLite files, the corpus sources.

Defaults are embedded so that the app runs with no configuration; each can be overridden:
- ``COMMENTING_DATA_DIR``: folder for the corpus DB and the store DB (default: ``<repo>/data``).
- ``COMMENTING_CORPUS_DB`` / ``COMMENTING_STORE_DB``: the two files themselves.
- ``COMMENTING_CORPUS_PATH``: law-text folders, separated by ``os.pathsep`` (default: the repository's
  own ``corpus/`` folder plus ``../shared/corpus`` when it exists).
"""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
#: project-written legal facts (aliases, repealed titles, renumbering maps, term dictionary)
FACTS_DIR = REPO_DIR / "corpus"


def data_dir() -> Path:
    d = Path(os.environ.get("COMMENTING_DATA_DIR") or REPO_DIR / "data")
    d.mkdir(parents=True, exist_ok=True)
    return d


def corpus_db() -> Path:
    env = os.environ.get("COMMENTING_CORPUS_DB")
    return Path(env) if env else data_dir() / "corpus.db"


def store_db() -> Path:
    env = os.environ.get("COMMENTING_STORE_DB")
    return Path(env) if env else data_dir() / "store.db"


def corpus_sources() -> list[Path]:
    env = os.environ.get("COMMENTING_CORPUS_PATH")
    if env:
        return [Path(p) for p in env.split(os.pathsep) if p]
    sources = [FACTS_DIR]
    shared = REPO_DIR.parent / "shared" / "corpus"
    if shared.is_dir():
        sources.append(shared)
    return sources
