"""Small Documents and a tiny fake corpus for the review rule tests.

``make_doc("第一款\\n（一）项\\n（二）项", ["第一款", "第二款"], ...)``: each argument is one
article; a string is a single 款, a list is several 款; lines starting with （X） inside a 款
are its 项. ``FakeCorpus`` holds the real wording of the few provisions a test needs.
"""
from __future__ import annotations

from commenting.corpus.model import Hit, LawArticle, LawVersion, ObsoleteName, TitleResolution
from commenting.model import Anomaly, Article, Document, Item, Paragraph, Part
from commenting.numerals import ITEM_START, article_label, from_chinese
from commenting.review.text import overlap


def make_article(no: int, paragraphs: str | list[str], sub: int = 0) -> Article:
    paras = [paragraphs] if isinstance(paragraphs, str) else list(paragraphs)
    address = f"art-{no}" + (f"-{sub}" if sub else "")
    art = Article(no=no, label=article_label(no, sub), text="", address=address, sub=sub)
    for i, ptext in enumerate(paras, 1):
        p = Paragraph(no=i, text=ptext, address=f"{address}.p-{i}")
        for line in ptext.split("\n"):
            m = ITEM_START.match(line)
            if m:
                n = from_chinese(m.group("no"))
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


def _paragraphs(text: str) -> list[str]:
    """款 of a law article: lines, with 项 lines kept inside the 款 they follow."""
    out: list[str] = []
    for ln in text.split("\n"):
        if ITEM_START.match(ln) and out:
            out[-1] += "\n" + ln
        else:
            out.append(ln)
    return out


def _items(paragraphs: list[str]) -> list[list[str]]:
    return [[ln for ln in p.split("\n") if ITEM_START.match(ln)] for p in paragraphs]


def FakeObsolete(name: str, successor: str, source: str = "", kind: str = "agency", since: str = "") -> ObsoleteName:
    return ObsoleteName(name, successor, source, kind, since=since)


CURRENT_DATE = "2021-01-22"  # the version date of every fake law's current text


class FakeCorpus:
    """The corpus methods the review uses (commenting.lawsource.LawSource), over a dict
    {law title: {article no: text}} of current texts; ``earlier`` {law title: (version date,
    {article no: text})} adds one earlier version of a law."""

    def __init__(self, laws: dict[str, dict[int, str]] | None = None, *, obsolete=(), renumbering=None,
                 history=None, suggestions=None, earlier=None, not_in_library=()):
        self.laws = laws or {}
        self._obsolete = list(obsolete)
        self._renumbering = renumbering or {}  # (law, old) -> new
        self._history = history or {}  # old title -> (kind "repealed"|"renamed", successor, article)
        self._suggestions = suggestions or {}  # typo'd title -> suggested title
        self._earlier = earlier or {}
        self._not_in_library = set(not_in_library)  # real titles the library does not hold
        self.related_calls = 0

    def _title(self, name):
        name = name.strip("《》")
        for t in self.laws:
            if name in (t, t.replace("中华人民共和国", "")):
                return t
        return None

    @staticmethod
    def _level(title: str) -> str:
        return "法律" if title.endswith("法") else "部门规章"

    def _version(self, title: str, date: str, texts: dict[int, str], status: str) -> LawVersion:
        return LawVersion(id=f"{title}@{date}", work=title, title=title, short_title=title.replace("中华人民共和国", ""),
                          level=self._level(title), version_date=date, in_force_from=date, status=status,
                          articles=max(texts, default=0))

    def _texts(self, version: LawVersion) -> dict[int, str]:
        if version.version_date == CURRENT_DATE:
            return self.laws[version.title]
        return self._earlier[version.title][1]

    def versions(self, name):
        t = self._title(name)
        if not t:
            return []
        out = []
        if t in self._earlier:
            date, texts = self._earlier[t]
            out.append(self._version(t, date, texts, "已修改"))
        return out + [self._version(t, CURRENT_DATE, self.laws[t], "现行有效")]

    def law(self, name, date=None):
        vs = self.versions(name)
        if date is not None:
            vs = [v for v in vs if v.in_force_from <= date]
        return vs[-1] if vs else None

    def resolve_title(self, title, date=None):
        t = self._title(title)
        if t:
            v = self.law(t, date)
            if v is None:
                return TitleResolution(title, "not-yet", note=f"{date} 时《{t}》尚未施行", date=date)
            kind = "current" if v.version_date == CURRENT_DATE else "old-version"
            return TitleResolution(title, kind, law=v, date=date)
        if title in self._history:
            kind, succ, art = self._history[title]
            return TitleResolution(title, kind, successor=succ, successor_article=art)
        if title.strip("《》") in self._not_in_library:
            return TitleResolution(title, "not-in-library", note=f"法规库未收录《{title.strip('《》')}》")
        return TitleResolution(title, "unknown", suggestion=self._suggestions.get(title))

    def article_in(self, version, no, sub=0):
        text = self._texts(version).get(no) if not sub else None
        if text is None:
            return None
        paras = _paragraphs(text)
        return LawArticle(law=version.title, no=no, sub=0, label=article_label(no), text=text, paragraphs=paras,
                          items=_items(paras), version_date=version.version_date, status=version.status,
                          level=version.level)

    def article_count(self, version):
        return max(self._texts(version), default=0)

    def articles(self, version):
        return [self.article_in(version, no) for no in sorted(self._texts(version))]

    def obsolete_names(self):
        return list(self._obsolete)

    def article(self, name, no, sub=0, date=None):
        v = self.law(name, date)
        return self.article_in(v, no, sub) if v else None

    def renumbered(self, law, old_article, old_date=None):
        return self._renumbering.get((self._title(law) or law, old_article))

    def _hit(self, law: str, no: int, text: str, score: float) -> Hit:
        return Hit(law=law, article=no, sub=0, version_date=CURRENT_DATE, snippet=text[:40], score=score, text=text,
                   level=self._level(law))

    def related(self, text, k=5, *, prefer_laws=()):
        self.related_calls += 1
        hits = [self._hit(law, no, t, overlap(text, t)) for law, arts in self.laws.items() for no, t in arts.items()]
        hits.sort(key=lambda h: -h.score)
        return hits[:k]

    def similar(self, text, k=8):
        hits = [self._hit(law, no, t, overlap(text, t)) for law, arts in self.laws.items() for no, t in arts.items()]
        hits.sort(key=lambda h: -h.score)
        return [h for h in hits[:k] if h.score > 0]

    def search(self, query, k=10, *, law=None, level=None, status="现行有效"):
        hits = [self._hit(name, no, t, overlap(query, t)) for name, arts in self.laws.items()
                if law in (None, name) for no, t in arts.items()]
        hits.sort(key=lambda h: -h.score)
        return hits[:k]
