"""Rule ``internal-reference``: the draft refers to an article, 款 or 项 of itself that does not exist.

本办法第三十条 in a 25-article draft; 第十二条第（七）项 where article 12 has six 项; 前款第（五）项
where the previous 款 has four; 本条第三款 in a two-款 article. Internal citations come from the
citation grammar (``Citation.internal``); numbers of 款/项 from the parsed document. When an
article of the draft fits the citing sentence clearly better than any other, the message names
it (a likely intended target).
"""
from __future__ import annotations

import heapq
import math
import re
from bisect import bisect_left, bisect_right
from typing import Iterable

from commenting.model import Article, Finding
from commenting.numerals import NUM, article_label, item_label, to_chinese
from commenting.review.catalogue import register, rule
from commenting.review.text import Span, around, clauses, document_frequencies, suggestion
from commenting.textsim import content_bigrams

_PARA_LABEL = "第{}款"


def _items(art: Article, paragraph: int | None) -> int | None:
    """How many 项 the given 款 has (or the article, when no 款 is named); None when unknown."""
    if paragraph is not None:
        if 1 <= paragraph <= len(art.paragraphs):
            return len(art.paragraphs[paragraph - 1].items)
        return None
    counts = [len(p.items) for p in art.paragraphs]
    return max(counts) if counts else 0


class _Offsets:
    """The clauses and 款 of one unit, split once: the rule looks up each citation's place by bisection.

    Splitting the article again for every citation made the rule quadratic in article length
    (an article citing 第二条 thousands of times took minutes).
    """

    def __init__(self, unit):
        self.text = unit.text
        self.clauses = clauses(unit.text)
        self.clause_starts = [s.start for s in self.clauses]
        # the article text is its 款 joined by a line break (see Unit.paragraph_index)
        self.para_ends: list[int] = []
        self.para_nos: list[int] = []
        end = -1
        for p in (unit.source.paragraphs if unit.source is not None else []):
            end += 1 + len(p.text)
            self.para_ends.append(end)
            self.para_nos.append(p.no)

    def clause_at(self, pos: int) -> Span:
        """The clause holding offset ``pos`` (the whole text when it lies in none), as span_at gives."""
        i = bisect_right(self.clause_starts, pos) - 1
        if i >= 0 and pos < self.clauses[i].end:
            return self.clauses[i]
        return Span(0, len(self.text), self.text)

    def paragraph_at(self, pos: int) -> int:
        """1-based 款 number holding offset ``pos`` (Unit.paragraph_index without the linear walk)."""
        if not self.para_nos:
            return 1
        i = bisect_left(self.para_ends, pos)
        return self.para_nos[min(i, len(self.para_nos) - 1)]


def _target(ctx, unit, c, para_here: int) -> tuple[Article | None, int | None, str]:
    """(article referred to, 款 referred to, how the draft named it); ``para_here``: the 款 citing."""
    here = unit.source
    rel = c.relative or ""
    if rel in ("前款",):
        return here, para_here - 1, "前款"
    if rel in ("前两款", "前三款"):
        return here, para_here - (2 if rel == "前两款" else 3), "前款"
    if rel in ("本款",):
        return here, para_here, "本款"
    if rel in ("本条",):
        return here, c.paragraph, "本条"
    if rel in ("前条",):
        idx = ctx.document.articles.index(here) if here in ctx.document.articles else -1
        return (ctx.document.articles[idx - 1] if idx > 0 else None), c.paragraph, "前条"
    if c.article is None:
        return None, None, rel
    return ctx.article(c.article, c.sub or 0), c.paragraph, "article"


class _BestFit:
    """Which draft article the words around a citation fit clearly best (or None).

    Only bigrams found in some other article count, each weighted by its rarity across them, so
    清单 counts and 市场监督管理部门 (everywhere) does not. The bigram index of the draft is built
    once per review, not once per citation.
    """

    def __init__(self, articles: list[Article]):
        self.articles = articles
        self.grams = [content_bigrams(a.text) for a in articles]
        self.df_all, _ = document_frequencies(a.text for a in articles)
        self.postings: dict[str, list[int]] = {}
        for i, grams in enumerate(self.grams):
            for b in grams:
                self.postings.setdefault(b, []).append(i)
        self.answers: dict[tuple[int, str, int | None], Article | None] = {}

    def __call__(self, source: Article | None, focus: str, exclude: int | None) -> Article | None:
        key = (id(source), focus, exclude)  # a draft repeats the same wrong reference in the same words
        if key not in self.answers:
            self.answers[key] = self._fit(source, focus, exclude)
        return self.answers[key]

    def _fit(self, source: Article | None, focus: str, exclude: int | None) -> Article | None:
        left_out = [i for i, a in enumerate(self.articles) if a is source or a.no == exclude]
        n = len(self.articles) - len(left_out)

        def df(b: str) -> int:
            return self.df_all.get(b, 0) - sum(1 for i in left_out if b in self.grams[i])

        q = [b for b in content_bigrams(focus) if df(b)]
        if not q:
            return None
        weights = {b: math.log((n + 1) / (df(b) + 0.5)) for b in q}
        total = sum(weights.values())
        if total <= 0:
            return None
        scores: dict[int, float] = {}
        for b, w in weights.items():
            for i in self.postings.get(b, ()):
                scores[i] = scores.get(i, 0.0) + w
        for i in left_out:
            scores.pop(i, None)
        ranked = heapq.nsmallest(2, scores.items(), key=lambda t: (-t[1], t[0]))  # ties: the earlier article
        if not ranked or ranked[0][1] / total < 0.3:
            return None
        if len(ranked) > 1 and ranked[1][1] > 0.75 * ranked[0][1]:
            return None
        return self.articles[ranked[0][0]]


@register("internal-reference")
def check(ctx) -> Iterable[Finding]:
    sev = rule("internal-reference").severity
    last = ctx.last_article
    best_fit: _BestFit | None = None
    for unit in ctx.article_units:
        offsets: _Offsets | None = None
        for ref in ctx.citations(unit):
            if not ref.internal:
                continue
            c = ref.citation
            if 0 <= c.start < c.end <= len(unit.text):
                quote = unit.text[c.start:c.end]
            elif c.text in unit.text:
                quote = c.text
            else:
                continue
            offsets = offsets or _Offsets(unit)
            clause = offsets.clause_at(c.start).text
            art, para, how = _target(ctx, unit, c, offsets.paragraph_at(c.start))
            problem = proposed = None
            if how == "article" and art is None:
                if c.article is None:
                    continue
                if c.article > last:
                    problem = f"本文件共{to_chinese(last)}条，不存在{article_label(c.article, c.sub or 0)}"
                else:
                    problem = f"本文件中没有{article_label(c.article, c.sub or 0)}"
                # what is referred to usually follows the reference (第X条规定的清单…)
                focus = around(unit.text, c.start, c.end).split(" ", 1)[-1]
                if len(content_bigrams(focus)) < 2:
                    focus = around(unit.text, c.start, c.end)
                if len(content_bigrams(focus)) < 3:
                    focus = clause.replace(quote, "")
                best_fit = best_fit or _BestFit(ctx.document.articles)
                fit = best_fit(unit.source, focus, c.article)
                if fit is not None:
                    problem += f"；从内容看，所指的可能是{fit.label}"
                    proposed = quote.replace(_label_in(quote, c.article), fit.label) if _label_in(quote, c.article) else None
            elif art is not None and para is not None:
                n_paras = len(art.paragraphs)
                if para < 1 or para > n_paras:
                    if how == "前款":
                        problem = f"{art.label}第一款之前没有“前款”"
                    else:
                        problem = f"{art.label}只有{to_chinese(n_paras)}款，不存在{_PARA_LABEL.format(to_chinese(para))}"
            if problem is None and art is not None and c.item:
                n_items = _items(art, para)
                if n_items is not None and c.item > n_items:
                    where = {"前款": "前款", "本款": "本款"}.get(how) or (
                        art.label + (_PARA_LABEL.format(to_chinese(para)) if para else ""))
                    problem = (f"{where}只有{to_chinese(n_items)}项，不存在第{item_label(c.item)}项" if n_items
                               else f"{where}未分项，不存在第{item_label(c.item)}项")
            if problem is None:
                continue
            # 前款 in a one-款 article is as likely a lost paragraph break as a wrong reference
            severity = "info" if how == "前款" and art is not None and len(art.paragraphs) <= 1 else sev
            yield Finding(
                rule="internal-reference", severity=severity, article=unit.article, sub=unit.sub, quote=quote,
                message=problem + "。",
                suggestion=suggestion(quote=quote, proposed=proposed,
                                      action=f"建议核对“{quote}”所指的条款并予以修改",
                                      reason=problem + "，引用落空"),
                address=unit.address, proposed=proposed,
            )


def _label_in(quote: str, no: int) -> str | None:
    """The 第X条 label inside the quote (as written) for article ``no``."""
    for m in re.finditer(rf"第{NUM}条", quote):
        return m.group(0)
    return None
