"""ReviewContext: what every check needs about one draft, computed once and shared.

Built once per document by :func:`commenting.review.review`. Rules read from it and never
recompute: the reviewable units (articles and article-0 parts), the abbreviations the draft
defines, the citations of each unit resolved against the corpus, the related provisions of each
article (cached), and looked-up law articles (cached).

Interface used by the restated-provision rules (commenting.review.divergence / provisions):
``ctx.document``, ``ctx.corpus``, ``ctx.related(article, k=None)`` → list[Hit],
``ctx.citations(article)`` → list[CitationRef] (``.law`` full title, ``.article`` int),
``ctx.cache`` (a dict a module may keep its own per-document state in).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from commenting.model import Article, Citation, Document, Part

RELATED_K = 8
RESTATE_MIN = 0.8  # share of a clause's content bigrams found in the provision it restates
RESTATE_MIN_GRAMS = 8  # shorter texts match too much by chance
_AMOUNT = re.compile(r"[零〇一二两三四五六七八九十百千万亿0-9.]+(?:元|倍|日|天|个月|年|%|％)")
# levels a 规范性文件 may restate (a FakeHit in tests has no level: "")
_HIGHER = ("法律", "行政法规", "地方性法规", "自治条例", "单行条例", "部门规章", "地方政府规章", "宪法", "")


@dataclass
class Unit:
    """One reviewable text: an article (条) or an article-0 part (title, cover, preamble, 附件…)."""

    article: int
    text: str
    address: str
    label: str
    sub: int = 0
    source: Article | None = None
    part: Part | None = None

    @property
    def is_article(self) -> bool:
        return self.source is not None

    def paragraph_index(self, pos: int) -> int:
        """1-based 款 number holding offset ``pos`` of ``text``.

        The article text is its 款 joined by a line break; a 款 holds its 项 lines itself.
        """
        if self.source is None or not self.source.paragraphs:
            return 1
        start = 0
        for p in self.source.paragraphs:
            end = start + len(p.text)
            if pos <= end:
                return p.no
            start = end + 1
        return self.source.paragraphs[-1].no


@dataclass
class CitationRef:
    """A citation found in a unit, with what the corpus says about it.

    status: "internal" | "ok" | "no-such-article" | "no-such-paragraph" | "no-such-item" |
    "repealed" | "superseded-version" | "renamed" | "unknown-title" | "unresolved"
    law: full official title as the corpus holds it (None when unknown / internal).
    """

    citation: Citation
    unit: Unit
    status: str
    law: str | None = None
    article: int | None = None
    resolution: Any = None

    @property
    def internal(self) -> bool:
        return self.citation.internal


@dataclass
class ReviewContext:
    document: Document
    corpus: Any
    units: list[Unit] = field(default_factory=list)
    abbreviations: dict[str, str] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # checks that failed (run_all keeps going)
    _citations: dict[str, list[CitationRef]] = field(default_factory=dict)
    _related: dict[tuple[str, int], list] = field(default_factory=dict)
    _law_articles: dict[tuple[str, int, int], Any] = field(default_factory=dict)
    _laws: dict[str, Any] = field(default_factory=dict)

    # ------------------------------------------------------------ construction

    @classmethod
    def build(cls, document: Document, corpus: Any) -> "ReviewContext":
        ctx = cls(document=document, corpus=corpus)
        for a in document.articles:
            ctx.units.append(Unit(a.no, a.text, a.address, a.label, a.sub, source=a))
        for i, p in enumerate(document.parts):
            ctx.units.append(Unit(0, p.text, getattr(p, "address", "") or f"art-0.x-{i + 1}", p.kind, part=p))
        ctx.abbreviations = ctx._find_abbreviations()
        return ctx

    def _find_abbreviations(self) -> dict[str, str]:
        try:
            from commenting.citations import find_abbreviations
        except ImportError:
            return {}
        out: dict[str, str] = {}
        for u in self.units:
            try:
                out.update(find_abbreviations(u.text) or {})
            except Exception:  # a citation-grammar bug must not stop the review
                continue
        return out

    # ------------------------------------------------------------ document facts

    @property
    def level(self) -> str:
        return self.document.level or ""

    @property
    def is_normative(self) -> bool:
        """A 规范性文件: may set no penalty, licence, compulsory measure or fee."""
        return self.level == "规范性文件"

    @property
    def article_units(self) -> list[Unit]:
        return [u for u in self.units if u.is_article]

    @property
    def last_article(self) -> int:
        return max((a.no for a in self.document.articles), default=0)

    def article(self, no: int, sub: int = 0) -> Article | None:
        return self.document.article(no, sub)

    def unit_of(self, article: Article | Unit) -> Unit:
        if isinstance(article, Unit):
            return article
        for u in self.units:
            if u.source is article:
                return u
        return Unit(article.no, article.text, article.address, article.label, article.sub, source=article)

    # ------------------------------------------------------------ citations

    def citations(self, article: Article | Unit) -> list[CitationRef]:
        """Citations in the unit, each resolved once (internal ones are left for the internal rule)."""
        unit = self.unit_of(article)
        key = unit.address
        if key in self._citations:
            return self._citations[key]
        refs: list[CitationRef] = []
        try:
            from commenting.citations import find_citations, resolve
        except ImportError:
            self._citations[key] = refs
            return refs
        try:
            found = find_citations(unit.text)
        except Exception:
            found = []
        for c in found:
            if c.internal:
                refs.append(CitationRef(c, unit, "internal"))
                continue
            try:
                res = resolve(c, self.corpus, abbreviations=self.abbreviations)
            except Exception:
                refs.append(CitationRef(c, unit, "unresolved"))
                continue
            refs.append(_ref_from_resolution(c, unit, res))
        self._citations[key] = refs
        return refs

    def all_citations(self) -> list[CitationRef]:
        out: list[CitationRef] = []
        for u in self.units:
            out.extend(self.citations(u))
        return out

    # ------------------------------------------------------------ corpus access (cached)

    def related(self, article: Article | Unit | str, k: int | None = None) -> list:
        """The provisions most relevant to an article (or a text), cached per document."""
        k = k or RELATED_K
        if isinstance(article, str):
            text, key = article, ("text:" + article, k)
        else:
            unit = self.unit_of(article)
            text, key = unit.text, (unit.address, k)
        if key not in self._related:
            prefer = tuple(dict.fromkeys(self.cited_laws()))
            try:
                self._related[key] = list(self.corpus.related(text, k, prefer_laws=prefer))
            except TypeError:
                self._related[key] = list(self.corpus.related(text, k))
            except Exception:
                self._related[key] = []
        return self._related[key]

    def restated_by(self, unit: Unit, text: str, *, require: Any = None, min_overlap: float = RESTATE_MIN):
        """The current higher-law provision ``text`` (a clause of ``unit``) restates, or None.

        A restatement holds nearly all of the text's content words (bigram share ≥ ``min_overlap``)
        and every amount or time limit it names, in a current law, regulation or rule (not another
        规范性文件); ``require`` (a compiled pattern) must also match the provision — e.g. the
        measure the text grants. The article's own related provisions are tried first, then —
        for a text that is a small part of a longer article — the text's.
        """
        from commenting.review.text import bigrams, overlap

        if len(bigrams(text)) < RESTATE_MIN_GRAMS:
            return None
        amounts = set(_AMOUNT.findall(text))
        seen: list = []
        # the text's own query only when it is a small part of the article (else it asks the same)
        sources = (unit, text) if len(text) < 0.6 * len(unit.text) else (unit,)
        for source in sources:
            for h in self.related(source):
                if h in seen:
                    continue
                seen.append(h)
                if getattr(h, "level", "") not in _HIGHER or getattr(h, "status", "现行有效") != "现行有效":
                    continue
                if require is not None and not require.search(h.text):
                    continue
                if any(a not in h.text for a in amounts):
                    continue
                if overlap(text, h.text) >= min_overlap:
                    return h
        return None

    def cited_laws(self) -> list[str]:
        """Full titles of the laws the draft cites (resolved), in order of first citation."""
        if "cited_laws" not in self.cache:
            laws: list[str] = []
            for u in self.units:
                for r in self.citations(u):
                    if r.law and r.status != "internal" and r.law not in laws:
                        laws.append(r.law)
            self.cache["cited_laws"] = laws
        return self.cache["cited_laws"]

    def law_article(self, law: str, no: int, sub: int = 0):
        key = (law, no, sub)
        if key not in self._law_articles:
            try:
                self._law_articles[key] = self.corpus.article(law, no, sub) if sub else self.corpus.article(law, no)
            except Exception:
                self._law_articles[key] = None
        return self._law_articles[key]

    def law(self, name: str):
        if name not in self._laws:
            try:
                self._laws[name] = self.corpus.law(name)
            except Exception:
                self._laws[name] = None
        return self._laws[name]


_STATUS_ALIASES = {
    "ok": "ok",
    "current": "ok",
    "no-such-article": "no-such-article",
    "no-such-paragraph": "no-such-paragraph",
    "no-such-item": "no-such-item",
    "repealed": "repealed",
    "superseded-version": "superseded-version",
    "old-version": "superseded-version",
    "renamed": "renamed",
    "unknown-title": "unknown-title",
    "unknown": "unknown-title",
}


def _ref_from_resolution(c: Citation, unit: Unit, res: Any) -> CitationRef:
    status = _STATUS_ALIASES.get(str(getattr(res, "status", "") or ""), "unresolved")
    law = _law_title(getattr(res, "law", None))
    article = getattr(res, "article_no", None)
    if article is None:
        art = getattr(res, "article", None)
        article = art if isinstance(art, int) else getattr(art, "no", None)
    if article is None:
        article = c.article
    return CitationRef(c, unit, status, law, article, res)


def _law_title(law: Any) -> str | None:
    if law is None:
        return None
    if isinstance(law, str):
        return law
    return getattr(law, "title", None)
