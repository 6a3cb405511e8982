"""Small Documents and a tiny fake corpus for the review rule tests.

``make_doc("第一款\\n（一）项\\n（二）项", ["第一款", "第二款"], ...)``: each argument is one
article; a string is a single 款, a list is several 款; lines starting with （X） inside a 款
are its 项. ``FakeCorpus`` holds the real wording of the few provisions a test needs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from commenting.model import Anomaly, Article, Document, Item, Paragraph, Part
from commenting.numerals import article_label, from_chinese

_ITEM = re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]")


def make_article(no: int, paragraphs: str | list[str], sub: int = 0) -> Article:
    paras = [paragraphs] if isinstance(paragraphs, str) else list(paragraphs)
    address = f"art-{no}" + (f"-{sub}" if sub else "")
    art = Article(no=no, label=article_label(no, sub), text="", address=address, sub=sub)
    for i, ptext in enumerate(paras, 1):
        p = Paragraph(no=i, text=ptext, address=f"{address}.p-{i}")
        for line in ptext.split("\n"):
            m = _ITEM.match(line)
            if m:
                n = from_chinese(m.group(1))
                p.items.append(Item(no=n, label=m.group(0), text=line[len(m.group(0)):],
                                    address=f"{p.address}.i-{n}"))
        art.paragraphs.append(p)
    art.text = "\n".join(p.text for p in art.paragraphs)
    return art


def make_doc(*articles, title: str = "某市市场监督管理局某某管理办法（征求意见稿）", level: str = "规范性文件",
             numbers: list[int] | None = None, parts: list[Part] | None = None,
             anomalies: list[Anomaly] | None = None) -> Document:
    nos = numbers or list(range(1, len(articles) + 1))
    return Document(
        title=title, level=level,
        articles=[make_article(no, a) for no, a in zip(nos, articles)],
        parts=list(parts or []), anomalies=list(anomalies or []),
    )


@dataclass
class FakeArticle:
    law: str
    no: int
    text: str
    paragraphs: list[str] = field(default_factory=list)
    sub: int = 0

    @property
    def label(self) -> str:
        return article_label(self.no, self.sub)

    @property
    def items(self) -> list[list[str]]:
        return [[ln for ln in p.split("\n") if _ITEM.match(ln)] for p in self.paragraphs]


def _paragraphs(text: str) -> list[str]:
    """款 of a law article: lines, with 项 lines kept inside the 款 they follow."""
    out: list[str] = []
    for ln in text.split("\n"):
        if _ITEM.match(ln) and out:
            out[-1] += "\n" + ln
        else:
            out.append(ln)
    return out


@dataclass
class FakeVersion:
    title: str
    articles: int
    id: str = ""
    version_date: str = "2021-01-22"
    status: str = "现行有效"


@dataclass
class FakeHit:
    law: str
    article: int
    text: str
    score: float
    sub: int = 0


@dataclass
class FakeObsolete:
    name: str
    successor: str
    source: str = ""
    kind: str = "agency"


class FakeCorpus:
    """The corpus methods the review uses, over a dict {law title: {article no: text}}."""

    def __init__(self, laws: dict[str, dict[int, str]] | None = None, *, obsolete=(), renumbering=None,
                 history=None, suggestions=None):
        self.laws = laws or {}
        self._obsolete = list(obsolete)
        self._renumbering = renumbering or {}  # (law, old) -> new
        self._history = history or {}  # old title -> (kind "repealed"|"renamed", successor, article)
        self._suggestions = suggestions or {}  # typo'd title -> suggested title
        self.related_calls = 0

    def _title(self, name):
        name = name.strip("《》")
        for t in self.laws:
            if name in (t, t.replace("中华人民共和国", "")):
                return t
        return None

    def resolve_title(self, title, date=None):
        from commenting.corpus.model import TitleResolution

        t = self._title(title)
        if t:
            return TitleResolution(title, "current", law=self.law(t))
        if title in self._history:
            kind, succ, art = self._history[title]
            return TitleResolution(title, kind, successor=succ, successor_article=art)
        return TitleResolution(title, "unknown", suggestion=self._suggestions.get(title))

    def article_in(self, version, no, sub=0):
        return self.article(version.title, no, sub)

    def article_count(self, version):
        return max(self.laws[version.title], default=0)

    def articles(self, version):
        return [self.article(version.title, no) for no in sorted(self.laws[version.title])]

    def obsolete_names(self):
        return list(self._obsolete)

    def article(self, law, no, sub=0, date=None):
        law = self._title(law) or law
        text = self.laws.get(law, {}).get(no)
        if text is None:
            return None
        return FakeArticle(law, no, text, _paragraphs(text))

    def law(self, name, date=None):
        t = self._title(name)
        return FakeVersion(t, max(self.laws[t], default=0), id=t) if t else None

    def renumbered(self, law, old_article, old_date=None):
        return self._renumbering.get((self._title(law) or law, old_article))

    def renumbered_all(self, law, old_article, old_date=None):
        new = self.renumbered(law, old_article)
        return [new] if new else []

    def related(self, text, k=5, *, prefer_laws=()):
        from commenting.review.text import overlap

        self.related_calls += 1
        hits = [FakeHit(law, no, t, overlap(text, t)) for law, arts in self.laws.items() for no, t in arts.items()]
        hits.sort(key=lambda h: -h.score)
        return hits[:k]

    def search(self, query, k=10, *, law=None, level=None, status="现行有效"):
        from commenting.review.text import overlap

        hits = [FakeHit(name, no, t, overlap(query, t)) for name, arts in self.laws.items()
                if law in (None, name) for no, t in arts.items()]
        hits.sort(key=lambda h: -h.score)
        return hits[:k]
