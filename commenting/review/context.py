"""ReviewContext: what every check needs about one draft, computed once and shared.

Built once per document by :func:`commenting.review.review`. Rules read from it and never
recompute: the reviewable units (articles and article-0 parts), the abbreviations the draft
defines, the citations of each unit resolved against the corpus, the related provisions of each
article (cached), and looked-up law articles (cached).

Interface used by the restated-provision rules (commenting.review.divergence / provisions):
``ctx.document``, ``ctx.corpus``, ``ctx.related(article, k=None)`` → list[Hit],
``ctx.citations(article)`` → list[CitationRef] (``.law`` full title, ``.article`` int),
``ctx.cache`` (a dict a module may keep its own per-document state in).

``as_of`` (``YYYY-MM-DD`` or None for today) is the day whose law the draft is reviewed against:
every lookup goes through :meth:`ReviewContext.law` / :meth:`ReviewContext.law_article` /
:meth:`ReviewContext.citations`, which pass it to the corpus. ``level`` overrides the level
guessed from the draft (it decides which setting-power rows apply).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from commenting.citations import Resolution, find_abbreviations, find_citations, resolve
from commenting.corpus.model import CURRENT, NOT_IN_FORCE, Hit, LawArticle, LawVersion
from commenting.lawsource import LawSource
from commenting.model import Article, Citation, Document, Part
from commenting.review.data import table
from commenting.review.text import overlap
from commenting.textsim import content_bigrams

RELATED_K = 8
SIMILAR_K = 8  # provisions of the whole library a unit is compared with when nothing nearer holds it
RESTATE_MIN = 0.8  # share of a clause's content bigrams found in the provision it restates
RESTATE_MIN_GRAMS = 8  # shorter texts match too much by chance
_AMOUNT = re.compile(r"[零〇一二两三四五六七八九十百千万亿0-9.]+(?:元|倍|日|天|个月|年|%|％)")


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

    status: "internal" or a :class:`commenting.citations.Resolution` status ("ok" |
    "no-such-article" | "no-such-paragraph" | "no-such-item" | "repealed" | "superseded-version" |
    "unknown-title")
    law: full official title as the corpus holds it (None when unknown / internal).
    """

    citation: Citation
    unit: Unit
    status: str
    law: str | None = None
    article: int | None = None
    resolution: Resolution | None = None

    @property
    def internal(self) -> bool:
        return self.citation.internal


@dataclass
class ReviewContext:
    document: Document
    corpus: LawSource
    as_of: str | None = None  # YYYY-MM-DD: review against the law in force that day; None: today
    level_override: str | None = None  # the draft's level as the reviewer states it
    units: list[Unit] = field(default_factory=list)
    abbreviations: dict[str, str] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict)
    _citations: dict[str, list[CitationRef]] = field(default_factory=dict)
    _related: dict[tuple[str, int], list[Hit]] = field(default_factory=dict)
    _law_articles: dict[tuple[str, int, int], LawArticle | None] = field(default_factory=dict)
    _laws: dict[str, LawVersion | None] = field(default_factory=dict)
    _articles: dict[tuple[int, int], Article] | None = None

    # ------------------------------------------------------------ construction

    @classmethod
    def build(cls, document: Document, corpus: LawSource, *, as_of: str | None = None,
              level: str | None = None) -> "ReviewContext":
        ctx = cls(document=document, corpus=corpus, as_of=as_of, level_override=level)
        for a in document.articles:
            ctx.units.append(Unit(a.no, a.text, a.address, a.label, a.sub, source=a))
        for i, p in enumerate(document.parts):
            ctx.units.append(Unit(0, p.text, p.address or f"art-0.x-{i + 1}", p.kind, part=p))
        ctx.abbreviations = ctx._find_abbreviations()
        return ctx

    def _find_abbreviations(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for u in self.units:
            out.update(find_abbreviations(u.text))
        return out

    # ------------------------------------------------------------ document facts

    @property
    def level(self) -> str:
        return self.level_override or self.document.level or ""

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
        """The draft's article ``no`` (``sub``: 之一…), as Document.article finds it, by a lookup
        table built once (a draft of thousands of articles asks for thousands of them)."""
        if self._articles is None:
            self._articles = {}
            for a in self.document.articles:
                self._articles.setdefault((a.no, a.sub), a)
        return self._articles.get((no, sub))

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
        for c in find_citations(unit.text):
            if c.internal:
                refs.append(CitationRef(c, unit, "internal"))
                continue
            res = resolve(c, self.corpus, date=self.as_of, abbreviations=self.abbreviations)
            refs.append(_ref_from_resolution(c, unit, res))
        self._citations[key] = refs
        return refs

    def all_citations(self) -> list[CitationRef]:
        out: list[CitationRef] = []
        for u in self.units:
            out.extend(self.citations(u))
        return out

    # ------------------------------------------------------------ corpus access (cached)

    def related(self, article: Article | Unit | str, k: int | None = None) -> list[Hit]:
        """The provisions most relevant to an article (or a text), cached per document.

        The corpus searches current texts; reviewing as of an earlier day keeps only the hits
        whose text was also in force that day (same version of the law).
        """
        k = k or RELATED_K
        if isinstance(article, str):
            text, key = article, ("text:" + article, k)
        else:
            unit = self.unit_of(article)
            text, key = unit.text, (unit.address, k)
        if key not in self._related:
            prefer = tuple(dict.fromkeys(self.cited_laws()))
            hits = list(self.corpus.related(text, k, prefer_laws=prefer))
            if self.as_of is not None:
                hits = [h for h in hits if self._in_force_then(h)]
            self._related[key] = hits
        return self._related[key]

    def similar(self, unit: Unit) -> list[Hit]:
        """The provisions of the whole library whose words best match a unit (cached per unit), as
        in force on the review day."""
        key = ("similar", unit.text)  # the same words find the same provisions
        if key not in self._related:
            hits = list(self.corpus.similar(unit.text, SIMILAR_K))
            if self.as_of is not None:
                hits = [h for h in hits if self._in_force_then(h)]
            self._related[key] = hits
        return self._related[key]

    def _in_force_then(self, hit: Hit) -> bool:
        then = self.law(hit.law)
        return then is not None and then.version_date == hit.version_date

    def in_force(self, version: LawVersion | LawArticle | Hit | None) -> bool:
        """Whether a version (or an article or hit of it) is the law in force on the review day."""
        if version is None:
            return False
        if self.as_of is None:
            return version.status == CURRENT
        return version.status not in NOT_IN_FORCE

    def outranks(self, version: LawVersion | LawArticle | Hit | None) -> bool:
        """Whether a document (or an article or hit of it) ranks above the draft
        (corpus/review/hierarchy.toml): only such a document can be restated, or grant a power."""
        if version is None:
            return False
        above = table("hierarchy.toml")["above"]
        return version.level in above.get(self.level, above["规范性文件"])

    def restated_by(self, unit: Unit, text: str, *, require: re.Pattern | None = None,
                    min_overlap: float = RESTATE_MIN) -> Hit | None:
        """The current higher-law provision ``text`` (a clause of ``unit``) restates, or None.

        A restatement holds nearly all of the text's content words (bigram share ≥ ``min_overlap``)
        and every amount or time limit it names, in a current law, regulation or rule (not another
        规范性文件); ``require`` (a compiled pattern) must also match the provision — e.g. the
        measure the text grants. The article's own related provisions are tried first, then —
        for a text that is a small part of a longer article — the text's.
        """
        if len(content_bigrams(text)) < RESTATE_MIN_GRAMS:
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
                if not self.outranks(h) or not self.in_force(h):
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

    def law_article(self, law: str, no: int, sub: int = 0) -> LawArticle | None:
        """Article ``no`` of ``law`` as in force on the review day (cached)."""
        key = (law, no, sub)
        if key not in self._law_articles:
            self._law_articles[key] = self.corpus.article(law, no, sub, date=self.as_of)
        return self._law_articles[key]

    def law(self, name: str) -> LawVersion | None:
        """The version of ``name`` in force on the review day (cached)."""
        if name not in self._laws:
            self._laws[name] = self.corpus.law(name, date=self.as_of)
        return self._laws[name]


def _ref_from_resolution(c: Citation, unit: Unit, res: Resolution) -> CitationRef:
    law = res.law.title if res.law is not None else None  # for a repealed title: its successor
    article = res.article.no if res.article is not None else c.article
    return CitationRef(c, unit, res.status, law, article, res)
