"""What the review (commenting.review, commenting.citations) needs of the law corpus.

:class:`commenting.corpus.Corpus` provides it; the review tests' fake corpus
(tests/review/review_fakes.py) provides the same methods over a few law texts. ``date``
(``YYYY-MM-DD``) asks for the version in force on that day; ``None`` for the current one.
"""
from __future__ import annotations

from typing import Protocol, runtime_checkable

from commenting.corpus.model import CURRENT, Hit, LawArticle, LawVersion, ObsoleteName, TitleResolution

__all__ = ["LawSource"]


@runtime_checkable
class LawSource(Protocol):
    def law(self, name: str, date: str | None = None) -> LawVersion | None:
        """The version of the law named ``name`` (any title or alias) in force on ``date``."""
        ...

    def versions(self, name: str) -> list[LawVersion]:
        """Every version of the law named ``name``, oldest first."""
        ...

    def article(self, name: str, no: int, sub: int = 0, date: str | None = None) -> LawArticle | None:
        """Article ``no`` (``sub``: 之N) of the version of ``name`` in force on ``date``."""
        ...

    def article_in(self, version: LawVersion, no: int, sub: int = 0) -> LawArticle | None:
        """Article ``no`` of one given version."""
        ...

    def articles(self, version: LawVersion) -> list[LawArticle]:
        """Every article of one version, in order."""
        ...

    def article_count(self, version: LawVersion) -> int:
        """The highest article number of one version."""
        ...

    def resolve_title(self, title: str, date: str | None = None) -> TitleResolution:
        """What a title as written refers to (current, old version, renamed, repealed, unknown)."""
        ...

    def obsolete_names(self) -> list[ObsoleteName]:
        """Agency names and legal terms no longer in use, with their successors."""
        ...

    def renumbered(self, law: str, old_article: int, old_date: str | None = None) -> int | None:
        """The current number of article ``old_article`` of an earlier version, when known."""
        ...

    def related(self, text: str, k: int = 5, *, prefer_laws: tuple[str, ...] | list[str] = ()) -> list[Hit]:
        """The current provisions most relevant to ``text``."""
        ...

    def similar(self, text: str, k: int = 8) -> list[Hit]:
        """The current provisions whose words best match ``text``, from the whole library."""
        ...

    def search(self, query: str, k: int = 10, *, law: str | None = None, level: str | None = None,
               status: str | None = CURRENT) -> list[Hit]:
        """Full-text search over the provisions."""
        ...
