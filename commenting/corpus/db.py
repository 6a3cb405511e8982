"""Read side of the corpus: laws by any name, versions by date, articles, search, related provisions."""
from __future__ import annotations

import difflib
import json
import math
import re
import sqlite3
import threading
import unicodedata
from functools import cached_property
from pathlib import Path

from commenting.citations import find_citations
from commenting.corpus import facts
from commenting.corpus.model import (
    CURRENT, NO_SUCH_DOCUMENT, NOT_IN_FORCE, NOT_IN_LIBRARY, Hit, LawArticle, LawVersion, ObsoleteName,
    TitleResolution, VersionHistory,
)
from commenting.corpus.renumber import align
from commenting.corpus.segment import Segmenter, fts_quote, segmenter
from commenting.numerals import article_label, to_simplified
from commenting.settings import Jurisdiction, office_jurisdiction
from commenting.textsim import cjk_bigrams, dice, share

_BRACKETS = str.maketrans({"《": "", "》": "", "〈": "", "〉": "", "<": "", ">": "", "“": "", "”": "", '"': ""})
_REVISION = re.compile(r"[（(]\s*(?:\d{4}年?)?\s*(?:修订|修正|修改)?\s*[）)]$")
#: article columns a query needs (not the segmented text, which is large)
_COLS = "a.id, a.law_id, a.no, a.sub, a.label, a.chapter, a.section, a.text, a.paragraphs, a.items"
#: a short title may name a document by the end of its title (《程序规定》) only when it ends like one
_DOC_END = re.compile(r"(法|条例|规定|办法|细则|规则|决定|规范|指引)$")
_SUFFIX_MIN = 4

#: search() multiplies BM25 by the level's weight: lower documents restate higher law almost word for
#: word (裁量权指导意见 copies 行政处罚法 第三十三条), and a reviewer cites the higher source
SEARCH_LEVEL_WEIGHT = {"法律": 1.10, "行政法规": 1.05, "规范性文件": 0.95}
#: how many matches per wanted hit are re-ranked by level
_SEARCH_RERANK = 2

# Weights of related(): each candidate provision scores the sum of these terms.
#: BM25 of the draft's most specific words, relative to the best candidate (0..1)
RELATED_BM25 = 0.35
#: character-bigram Dice overlap with the draft text: restated provisions share most bigrams
RELATED_OVERLAP = 1.0
#: share of the candidate's bigrams found in the draft (a short provision quoted inside a long article)
RELATED_CONTAIN = 0.3
#: times the law prior of corpus/law_prior.csv (how much the corpus builds on that law, 0..1)
RELATED_PRIOR = 0.3
#: the candidate's law is cited by the draft article or named by the caller (prefer_laws)
RELATED_PREFERRED_LAW = 0.2
#: the candidate is the very article the draft cites (or its renumbered / successor article)
RELATED_CITED_ARTICLE = 0.6
#: the candidate governs what the text does (corpus/related_provisions.csv: a penalty it sets → 行政处罚法
#: 第九条、第十六条), though the wording differs: enough to enter the top 5 below a restated provision
RELATED_TOPIC = 0.45
#: draft paragraphs shorter than this many bigrams are not compared on their own (a stray heading)
_PARAGRAPH_MIN_BIGRAMS = 8


def norm_title(title: str) -> str:
    t = unicodedata.normalize("NFKC", title or "").translate(_BRACKETS)
    return to_simplified(re.sub(r"\s+", "", t))


def _strip_revision(t: str) -> str:
    # 《行政处罚法（2021年修订）》 names the law; keep (试行) etc., which are part of titles
    m = re.search(r"\((\d{4})年?(修订|修正|修改)?\)$", t)
    return t[: m.start()] if m else t


def _row_version(r: sqlite3.Row) -> LawVersion:
    return LawVersion(
        id=r["id"], work=r["work"], title=r["title"], short_title=r["short_title"], level=r["level"],
        issuer=r["issuer"], doc_number=r["doc_number"], version_date=r["version_date"],
        effective_date=r["effective_date"], in_force_from=r["in_force_from"], status=r["status"],
        source=r["source"] or "", articles=r["articles"] or 0,
        province=r["province"] or None, city=r["city"] or None,
    )


class Corpus:
    """The corpus DB opened for reading. Each thread gets its own SQLite connection.

    ``jurisdiction`` (default: the office's, ``settings.office_jurisdiction()``) decides which local
    documents exist for lookups, search and related provisions: national documents plus those of
    its province (and of its city), never another province's or another city's. ``laws(everywhere=True)``
    still lists them all.
    """

    def __init__(self, db_path: Path, jurisdiction: Jurisdiction | None = None):
        self.path = Path(db_path)
        self.jurisdiction = jurisdiction or office_jurisdiction()
        self._local = threading.local()
        self._seg_lock = threading.Lock()
        self._alignments: dict[tuple[str, str], dict[int, list[tuple[int, float]]]] = {}
        self._load()

    # ------------------------------------------------------------ plumbing

    @property
    def conn(self) -> sqlite3.Connection:
        c = getattr(self._local, "conn", None)
        if c is None:
            c = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            c.row_factory = sqlite3.Row
            self._local.conn = c
        return c

    def close(self) -> None:
        c = getattr(self._local, "conn", None)
        if c is not None:
            c.close()
            self._local.conn = None

    def stamp(self) -> str | None:
        """The DB's build stamp; it changes whenever a build changed something."""
        try:
            c = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            try:
                r = c.execute("SELECT value FROM meta WHERE key='built_at'").fetchone()
            finally:
                c.close()
            return r[0] if r else None
        except sqlite3.Error:
            return None

    def _load(self) -> None:
        self.built_at = self.stamp()
        rows = self.conn.execute("SELECT * FROM laws").fetchall()
        everything = [_row_version(r) for r in rows]
        self._all: dict[str, LawVersion] = {v.id: v for v in everything}
        self._laws: dict[str, LawVersion] = {v.id: v for v in everything if self.applies(v)}
        # documents of other places, by name: to say why such a title is not offered
        self._elsewhere: dict[str, LawVersion] = {}
        for v in everything:
            if v.id not in self._laws:
                self._elsewhere.setdefault(norm_title(v.title), v)
                self._elsewhere.setdefault(norm_title(v.short_title), v)
        self._by_work: dict[str, list[LawVersion]] = {}
        for v in self._laws.values():
            self._by_work.setdefault(v.work, []).append(v)
        for vs in self._by_work.values():
            vs.sort(key=lambda v: (v.in_force_from or "", v.version_date or ""))
        # name → work; exact titles first, then short titles, then aliases (first writer wins)
        self._names: dict[str, str] = {}
        self._titled: dict[str, list[LawVersion]] = {}
        for v in self._laws.values():
            self._titled.setdefault(norm_title(v.title), []).append(v)
            self._names.setdefault(norm_title(v.title), v.work)
        for v in self._laws.values():
            self._names.setdefault(norm_title(v.short_title), v.work)
        self._aliases: dict[str, str] = {}
        for alias, title, _src in facts.aliases():
            work = self._names.get(norm_title(title))
            if work:
                self._aliases[norm_title(alias)] = work
        self._history = {norm_title(c.old_title): c for c in facts.title_history()}
        for c in list(self._history.values()):
            if c.old_title.startswith("中华人民共和国"):
                self._history.setdefault(norm_title(c.old_title[7:]), c)

    def applies(self, v: LawVersion) -> bool:
        """Whether a document applies in this corpus's jurisdiction (national, or of its province/city)."""
        if not v.province:
            return True
        j = self.jurisdiction
        return v.province == j.province and (not v.city or v.city == j.city)

    def _jurisdiction_sql(self) -> tuple[str, list]:
        j = self.jurisdiction
        return (
            " AND (coalesce(l.province, '') = '' OR (l.province = ? AND (coalesce(l.city, '') = '' OR l.city = ?)))",
            [j.province or "", j.city or ""],
        )

    @cached_property
    def segmenter(self) -> Segmenter:
        return segmenter(facts.terms())

    # ------------------------------------------------------------ laws and versions

    def _work_of(self, name: str) -> str | None:
        k = norm_title(name)
        for key in (k, _strip_revision(k)):
            if key in self._names:
                return self._names[key]
            if key in self._aliases:
                return self._aliases[key]
        works = self._ending_with(_strip_revision(k))
        return works[0] if len(works) == 1 else None

    def _ending_with(self, k: str) -> list[str]:
        """Works whose title ends with a short name (《程序规定》), when the name ends like a document."""
        if len(k) < _SUFFIX_MIN or not _DOC_END.search(k):
            return []
        cache = self.__dict__.setdefault("_suffix_cache", {})
        if k not in cache:
            cache[k] = sorted({v.work for t, vs in self._titled.items() if t.endswith(k) for v in vs})
        return cache[k]

    def works(self) -> list[str]:
        return sorted(self._by_work)

    def versions(self, name: str) -> list[LawVersion]:
        work = self._work_of(name)
        return list(self._by_work.get(work, [])) if work else []

    def _version_on(self, work: str, date: str | None) -> LawVersion | None:
        vs = self._by_work.get(work) or []
        if not vs:
            return None
        if date is None:
            current = [v for v in vs if v.status == CURRENT]
            return (current or vs)[-1]
        ok = [v for v in vs if (v.in_force_from or v.version_date or "") <= date]
        return ok[-1] if ok else None

    def law(self, name: str, date: str | None = None) -> LawVersion | None:
        work = self._work_of(name)
        return self._version_on(work, date) if work else None

    def law_by_id(self, law_id: str) -> LawVersion | None:
        return self._laws.get(law_id)

    def laws(self, *, everywhere: bool = False) -> list[LawVersion]:
        """Every version that applies here; with ``everywhere``, also local documents of other places."""
        pool = self._all if everywhere else self._laws
        return sorted(pool.values(), key=lambda v: (v.level, v.title, v.version_date or ""))

    # ------------------------------------------------------------ versions and dates

    def history(self, name: str, date: str | None = None) -> VersionHistory:
        """The versions of a document, which was in force on ``date`` (today when None) and what
        replaced it: a newer title of the same work (a rename), or corpus/title_history.csv (an
        expired 行政法规 or repealed document, also one the library does not hold)."""
        raw = (name or "").strip().strip("《》")
        work = self._work_of(raw)
        versions = list(self._by_work.get(work, [])) if work else []
        h = VersionHistory(title=raw, date=date, versions=versions)
        if not versions:
            change = self._change_of([raw])
            if change:
                h.successor = self._current_title(change.new_title)
                h.successor_article, h.ended, h.source = change.basis_article, change.date, change.source
                h.note = f"《{raw}》已废止" + (f"，由《{h.successor}》取代" if h.successor else "")
            return h
        last = versions[-1]
        if last.status in NOT_IN_FORCE:
            change = self._change_of([v.title for v in reversed(versions)] + [raw])
            if change:
                h.successor = self._current_title(change.new_title)
                h.successor_article, h.source = change.basis_article, change.source
                h.ended = change.date or self._in_force_from(h.successor)
            else:
                h.source = last.source
        if date is None:
            current = [v for v in versions if v.status == CURRENT]
            h.applicable = current[-1] if current else last
            h.in_force = current[-1] if current else None
        else:
            published = [v for v in versions if (v.in_force_from or v.version_date or "") <= date]
            h.applicable = published[-1] if published else None
            gone = last.status in NOT_IN_FORCE and (h.ended is None or h.ended <= date)
            h.in_force = None if h.applicable is None or (h.applicable is last and gone) else h.applicable
        if h.applicable is None:
            h.note = f"{date} 时《{versions[0].title}》尚未施行（最早的版本 {versions[0].in_force_from or versions[0].version_date} 起施行）"
        elif h.in_force is None:
            when = f"{date} 时" if date else "现"
            ended = f"，{h.ended}起失去效力" if h.ended else ""
            h.note = f"《{last.title}》（{last.version_date or '日期不详'}）{when}已不施行（{last.status}{ended}）"
            if h.successor:
                h.note += f"，由《{h.successor}》" + (article_label(h.successor_article) if h.successor_article else "") + "取代"
        elif h.in_force is not last and h.in_force.status != CURRENT:
            newer = versions[versions.index(h.in_force) + 1]
            h.note = f"{date} 时施行的是{h.in_force.version_date}版本，{newer.in_force_from or newer.version_date}起为{newer.version_date}版本"
        return h

    def _in_force_from(self, title: str | None) -> str | None:
        v = self.law(title) if title else None
        return v.in_force_from if v else None

    def _change_of(self, titles: list[str]):
        for t in titles:
            k = _strip_revision(norm_title(t))
            if k in self._history:
                return self._history[k]
        return None

    # ------------------------------------------------------------ articles

    def _article_row(self, r: sqlite3.Row, v: LawVersion) -> LawArticle:
        return LawArticle(
            law=v.title, no=r["no"], sub=r["sub"], label=r["label"], text=r["text"],
            paragraphs=json.loads(r["paragraphs"] or "[]"), items=json.loads(r["items"] or "[]"),
            version_date=v.version_date, status=v.status, level=v.level, chapter=r["chapter"],
            section=r["section"], law_id=v.id,
        )

    def article_in(self, version: LawVersion, no: int, sub: int = 0) -> LawArticle | None:
        r = self.conn.execute(
            f"SELECT {_COLS} FROM articles a WHERE law_id=? AND no=? AND sub=? ORDER BY id LIMIT 1", (version.id, no, sub)
        ).fetchone()
        return self._article_row(r, version) if r else None

    def article(self, name: str, no: int, sub: int = 0, date: str | None = None) -> LawArticle | None:
        v = self.law(name, date)
        return self.article_in(v, no, sub) if v else None

    def same_article(self, article: LawArticle, version: LawVersion) -> list[tuple[LawArticle, float]]:
        """The articles of ``version`` (another version of the same document) that hold what
        ``article`` says, best first, with their similarity (0..1): 2017 第二十七条 of the 行政处罚法 is
        2021 第三十二条. Found by aligning the two versions' texts (:func:`renumber.align`), so it holds
        for any document with versions; an article added as 之一 is looked up by its number."""
        if article.law_id == version.id:
            return [(article, 1.0)]
        if article.sub:
            same = self.article_in(version, article.no, article.sub)
            return [(same, 1.0)] if same else []
        source = self.law_by_id(article.law_id)
        if source is None:
            return []
        pairs = self._alignment(source, version)
        found = [(self.article_in(version, n, 0), sim) for n, sim in pairs.get(article.no, [])]
        return sorted(((a, s) for a, s in found if a is not None), key=lambda x: -x[1])

    def _alignment(self, a: LawVersion, b: LawVersion) -> dict[int, list[tuple[int, float]]]:
        """Article number of ``a`` → [(article number of ``b``, similarity)], computed once per pair
        (the earlier version is aligned to the later one, the direction :func:`align` is built for)."""
        key = (a.id, b.id)
        cached = self._alignments.get(key)  # two threads may compute one pair twice; both get the same
        if cached is not None:
            return cached
        earlier_first = (a.version_date or "") <= (b.version_date or "")
        old, new = (a, b) if earlier_first else (b, a)
        mapping: dict[int, list[tuple[int, float]]] = {}
        for pair in align(self.articles(old), self.articles(new)):
            if pair.new is None:
                continue
            frm, to = (pair.old, pair.new) if earlier_first else (pair.new, pair.old)
            mapping.setdefault(frm, []).append((to, pair.similarity))
        self._alignments[key] = mapping
        return mapping

    def articles(self, version: LawVersion) -> list[LawArticle]:
        rows = self.conn.execute(f"SELECT {_COLS} FROM articles a WHERE law_id=? ORDER BY id", (version.id,)).fetchall()
        return [self._article_row(r, version) for r in rows]

    def article_count(self, version: LawVersion) -> int:
        r = self.conn.execute("SELECT max(no) FROM articles WHERE law_id=?", (version.id,)).fetchone()
        return int(r[0] or 0)

    # ------------------------------------------------------------ titles

    def suggest(self, title: str) -> str | None:
        k = norm_title(title)
        pool = {norm_title(v.title): v.title for v in self._laws.values()}
        pool.update({norm_title(v.short_title): v.title for v in self._laws.values()})
        close = difflib.get_close_matches(k, list(pool), n=1, cutoff=0.8)
        return pool[close[0]] if close else None

    def resolve_title(self, title: str, date: str | None = None, *, abbreviations: dict[str, str] | None = None) -> TitleResolution:
        """What a title as written refers to — the one registry of titles: full titles, short titles
        (without 中华人民共和国, aliases of corpus/aliases.csv, the unique end of a title such as
        《程序规定》), a draft's own 以下简称 (``abbreviations``: short → full), earlier titles and
        repealed ones. See ``TitleResolution`` for the kinds."""
        raw = (title or "").strip().strip("《》")
        if abbreviations:
            full = abbreviations.get(raw) or abbreviations.get(f"《{raw}》")
            if full and norm_title(full) != norm_title(raw):
                tr = self.resolve_title(full, date)
                tr.title, tr.expanded = raw, tr.expanded or full.strip("《》")
                return tr
        k = _strip_revision(norm_title(raw))
        work = self._work_of(raw)
        change = self._history.get(k)
        if work:
            tr = self._resolve_work(raw, k, work, change, date)
            named = {norm_title(v.title) for v in self._by_work[work]} | {norm_title(v.short_title) for v in self._by_work[work]}
            if k not in named and k not in self._aliases and tr.law is not None:
                tr.expanded = tr.law.title
            return tr
        if change:
            succ = self._current_title(change.new_title)
            if date and (ended := change.date or self._in_force_from(succ)) and ended > date:
                return TitleResolution(raw, "not-yet", successor=succ, date=date,
                                       note=f"{date} 时《{raw}》仍然有效，法规库未收录其文本")
            kind = "renamed" if change.kind == "renamed" else "repealed"
            verb = "已更名为" if kind == "renamed" else "已废止，由"
            note = f"《{raw}》{verb}《{succ}》" + ("取代" if kind == "repealed" else "") if succ else f"《{raw}》已废止"
            return TitleResolution(
                raw, kind, law=None, successor=succ, successor_article=change.basis_article,
                note=note, source=change.source, date=date,
            )
        works = self._ending_with(k)
        if len(works) > 1:
            titles = [self._version_on(w, None).title for w in works]
            return TitleResolution(
                raw, "ambiguous", candidates=titles, date=date,
                note=f"《{raw}》可能指" + "、".join(f"《{t}》" for t in titles[:5]) + ("等" if len(titles) > 5 else "") + "，请写明全称",
            )
        return self._absent(raw, k, date)

    def _resolve_work(self, raw: str, k: str, work: str, change, date: str | None) -> TitleResolution:
        h = self.history(raw, date)
        current = self._version_on(work, None)
        named = [v for v in self._titled.get(k, []) if v.work == work]
        if current and current.status in NOT_IN_FORCE:
            if h.in_force is None and date and h.ended and h.ended > date:
                # still in force that day, but the library holds only a later text of it
                return TitleResolution(raw, "not-yet", law=current, successor=h.successor, date=date,
                                       note=f"{date} 时《{current.title}》仍然有效，法规库未收录当时的文本")
            kind = "repealed" if h.in_force is None else "old-version"
            return TitleResolution(
                raw, kind, law=h.applicable or current, successor=h.successor, successor_article=h.successor_article,
                note=h.note or f"《{current.title}》{current.status}", source=h.source or current.source, date=date,
            )
        if named and current and all(v.title != current.title for v in named):
            # an earlier title of a work that continues under the current one
            old = self._pick(named, date)
            return TitleResolution(
                raw, "renamed", law=old, successor=current.title,
                note=f"《{raw}》已更名为《{current.title}》" + (f"（{change.date}）" if change and change.date else ""),
                source=change.source if change else current.source, date=date,
            )
        v = h.applicable if date else current
        if v is None:
            return TitleResolution(raw, "not-yet", note=h.note, date=date, successor=current.title if current else None)
        if v is not current:
            return TitleResolution(
                raw, "old-version", law=v, successor=current.title if current else None,
                note=f"{date} 时施行的是{v.version_date}版本", source=v.source, date=date,
            )
        return TitleResolution(raw, "current", law=v, source=v.source, date=date)

    @cached_property
    def _known_titles(self) -> dict[str, facts.KnownTitle]:
        return {norm_title(t.title): t for t in facts.known_titles()}

    def _absent(self, raw: str, k: str, date: str | None) -> TitleResolution:
        """A title the library cannot resolve: a real document it does not hold, or none at all."""
        other = self._elsewhere.get(k)
        if other is not None:
            where = "".join(x for x in (other.province, other.city) if x)
            return TitleResolution(
                raw, NOT_IN_LIBRARY, source=other.source, date=date,
                note=f"《{other.title}》是{where}的文件，不适用于{self.jurisdiction.label()}",
            )
        province, city = facts.place_of(raw)
        if province:
            where = "".join(x for x in (province, city) if x)
            return TitleResolution(
                raw, NOT_IN_LIBRARY, date=date,
                note=f"法规库未收录{where}的《{raw}》（可在法规库页面导入）",
            )
        known = self._known_titles.get(k)
        if known:
            return TitleResolution(
                raw, NOT_IN_LIBRARY, source=known.source, date=date,
                note=f"法规库未收录《{known.title}》（{known.level}，{known.source}）",
            )
        suggestion = self.suggest(raw)
        if suggestion is None:
            for rule in facts.title_scope():
                if rule.pattern.search(k):
                    if rule.answer == NOT_IN_LIBRARY:
                        return TitleResolution(raw, NOT_IN_LIBRARY, date=date, note=f"法规库未收录《{raw}》（{rule.why}）")
                    break
        return TitleResolution(raw, NO_SUCH_DOCUMENT, suggestion=suggestion, note=f"法规库中没有《{raw}》", date=date)

    def _pick(self, versions: list[LawVersion], date: str | None) -> LawVersion:
        vs = sorted(versions, key=lambda v: v.in_force_from or "")
        if date:
            ok = [v for v in vs if (v.in_force_from or "") <= date]
            if ok:
                return ok[-1]
        return vs[-1]

    def _current_title(self, title: str | None) -> str | None:
        if not title:
            return None
        v = self.law(title)
        if v:
            return v.title
        c = self._history.get(norm_title(title))
        if c and c.kind == "renamed" and c.new_title and c.new_title != title:
            return self._current_title(c.new_title)
        return title

    # ------------------------------------------------------------ facts

    def obsolete_names(self) -> list[ObsoleteName]:
        return facts.obsolete_names()

    @cached_property
    def _renumbering(self) -> dict[tuple[str, str | None], dict[int, list[tuple[int, float]]]]:
        return facts.renumbering_maps(self._work_of)

    def renumbered(self, law: str, old_article: int, old_date: str | None = None) -> int | None:
        """New number of an article of an earlier version (via corpus/renumbering), or None."""
        work = self._work_of(law)
        if not work:
            return None
        for (w, od), mapping in self._renumbering.items():
            if w != work or (old_date and od != old_date):
                continue
            targets = mapping.get(old_article)
            if targets:
                return max(targets, key=lambda t: t[1])[0]
        return None

    def renumbered_all(self, law: str, old_article: int, old_date: str | None = None) -> list[int]:
        work = self._work_of(law)
        out: list[int] = []
        for (w, od), mapping in self._renumbering.items():
            if w == work and (not old_date or od == old_date):
                out += [n for n, _ in sorted(mapping.get(old_article, []))]
        return out

    # ------------------------------------------------------------ search

    def _fts(self, match: str, limit: int, where: str, params: list, *, columns: bool = True) -> list[dict]:
        """Best-ranked articles for an FTS5 query, filtered by ``where`` (on laws ``l``), as dicts
        with ``bm``; with ``columns=False`` only ``id``, ``law_id`` and ``bm`` (the caller loads the
        columns of the few rows it keeps: reading article texts is most of a query's cost).

        First the fast path (FTS5 orders by rank with a LIMIT, then we filter); when the filter
        leaves too few rows, the exhaustive query.
        """
        try:
            rows: list[dict] | None = None
            if "l.work" not in where:
                inner = self.conn.execute(
                    # bm25() spelled out: ORDER BY rank costs about twice as much per matched row
                    "SELECT rowid, bm25(articles_fts) AS b FROM articles_fts WHERE articles_fts MATCH ? ORDER BY b LIMIT ?",
                    [match, limit * 4],
                ).fetchall()
                if not inner:
                    return []
                rank = {r[0]: r[1] for r in inner}
                ids = ",".join(str(int(r[0])) for r in inner)
                kept = self.conn.execute(
                    f"SELECT a.id, a.law_id FROM articles a JOIN laws l ON l.id = a.law_id WHERE a.id IN ({ids}) {where}", params
                ).fetchall()
                if len(kept) >= limit or len(inner) < limit * 4:  # enough, or every match was seen
                    kept = sorted(kept, key=lambda r: rank[r[0]])[:limit]
                    rows = [{"id": r[0], "law_id": r[1], "bm": rank[r[0]]} for r in kept]
            if rows is None:
                full = (
                    "SELECT a.id, a.law_id, bm25(articles_fts) AS bm FROM articles_fts "
                    "JOIN articles a ON a.id = articles_fts.rowid JOIN laws l ON l.id = a.law_id "
                    f"WHERE articles_fts MATCH ? {where} ORDER BY bm LIMIT ?"
                )
                rows = [{"id": r[0], "law_id": r[1], "bm": r[2]} for r in self.conn.execute(full, [match, *params, limit])]
        except sqlite3.OperationalError:
            return []
        return self._with_columns(rows) if columns else rows

    def _with_columns(self, rows: list[dict]) -> list[dict]:
        """The rows with all article columns (``_COLS``) added, in the same order."""
        if not rows:
            return rows
        ids = ",".join(str(int(r["id"])) for r in rows)
        cols = {r["id"]: dict(r) for r in self.conn.execute(f"SELECT {_COLS} FROM articles a WHERE a.id IN ({ids})")}
        return [cols[r["id"]] | {"bm": r["bm"]} for r in rows if r["id"] in cols]

    def _filters(self, law, level, status) -> tuple[str, list]:
        where, params = self._jurisdiction_sql()
        if law:
            work = self._work_of(law)
            if not work:
                return " AND 0", []
            where += " AND l.work = ?"
            params.append(work)
        if level:
            where += " AND l.level = ?"
            params.append(level)
        if status:
            where += " AND l.status = ?"
            params.append(status)
        return where, params

    def search(self, query: str, k: int = 10, *, law: str | None = None, level: str | None = None, status: str | None = CURRENT) -> list[Hit]:
        """Full-text search (BM25 over jieba-segmented article text), best first.

        All words must match; when fewer than ``k`` articles have them all, articles with some of
        the specific words fill up the list. A law named in the query (行政处罚法 听证) filters by
        that law unless ``law`` is given.
        """
        query = query or ""
        if law is None:
            named, rest = self._law_in_query(query)
            if named and rest.strip():
                hits = self._search(rest, k, named, level, status)
                if hits:
                    return hits
        return self._search(query, k, law, level, status)

    def _law_in_query(self, query: str) -> tuple[str | None, str]:
        """A law named as a separate part of the query (``行政处罚法 听证``, ``《行政处罚法》听证``)."""
        parts = [p for p in re.split(r"[\s《》]+", query) if p]
        for i, part in enumerate(parts):
            if len(part) >= 3 and self._work_of(part):
                return part, " ".join(parts[:i] + parts[i + 1 :])
        return None, query

    def _search(self, query: str, k: int, law: str | None, level: str | None, status: str | None) -> list[Hit]:
        with self._seg_lock:
            tokens = self.segmenter.query_tokens(query)
        if not tokens or k <= 0:
            return []
        where, params = self._filters(law, level, status)
        quoted = [fts_quote(t) for t in tokens]
        rows = self._fts(" AND ".join(quoted), k * _SEARCH_RERANK, where, params, columns=False)
        for r in rows:
            r["bm"] *= SEARCH_LEVEL_WEIGHT.get(self._laws[r["law_id"]].level, 1.0)
        rows = sorted(rows, key=lambda r: r["bm"])[:k]
        if len(rows) < k and len(quoted) > 1:
            # fill up with articles having some of the words; words found in more than 2 % of all
            # articles (国家, 依法, 罚款…) would only add noise and make ranking every match slow
            df = self._doc_freq(tokens)
            limit = max(500, 0.02 * self._n_articles)
            some = [fts_quote(t) for t in tokens if 0 < df.get(t, 0) <= limit]
            if some:
                seen = {r["id"] for r in rows}
                more = self._fts(" OR ".join(some), k + len(rows), where, params, columns=False)
                rows = (rows + [r for r in more if r["id"] not in seen])[:k]
        return [self._hit(r, -r["bm"], tokens) for r in self._with_columns(rows)]

    def _hit(self, r: sqlite3.Row, score: float, tokens: list[str]) -> Hit:
        v = self._laws[r["law_id"]]
        return Hit(
            law=v.title, article=r["no"], sub=r["sub"], version_date=v.version_date,
            snippet=snippet(r["text"], tokens), score=float(score), text=r["text"], level=v.level,
            label=r["label"], status=v.status,
        )

    # ------------------------------------------------------------ related provisions

    def _doc_freq(self, terms: list[str]) -> dict[str, int]:
        cache = self.__dict__.setdefault("_df_cache", {})
        missing = [t for t in terms if t not in cache]
        if missing:
            conn = self.conn
            if not getattr(self._local, "vocab", False):
                conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.v USING fts5vocab(main, 'articles_fts', 'row')")
                self._local.vocab = True
            for t in missing:
                r = conn.execute("SELECT doc FROM temp.v WHERE term = ?", (t,)).fetchone()
                cache[t] = r[0] if r else 0
        return {t: cache[t] for t in terms}

    @cached_property
    def _n_articles(self) -> int:
        return self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    @cached_property
    def _prior(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for law, w in facts.law_prior().items():
            work = self._work_of(law)
            if work:
                out[work] = max(out.get(work, 0.0), w)
        return out

    def _focus(self, works: set[str]) -> list[tuple[sqlite3.Row, set[str]]]:
        """Current articles of some works with their bigram sets (cached per work)."""
        cache = self.__dict__.setdefault("_focus_cache", {})
        out = []
        for w in sorted(works):
            if w not in cache:
                v = self._version_on(w, None)
                rows = (
                    [dict(r) for r in self.conn.execute(f"SELECT {_COLS}, 0.0 AS bm FROM articles a WHERE law_id=?", (v.id,))]
                    if v and v.status == CURRENT else []
                )
                cache[w] = [(r, cjk_bigrams(r["text"])) for r in rows]
            out += cache[w]
        return out

    @cached_property
    def _core(self) -> set[str]:
        return {w for w in (self._work_of(t) for t in facts.core_laws()) if w}

    def _specific_terms(self, text: str, *, fallback: bool) -> tuple[list[str], list[str]]:
        """(the text's query tokens, its most specific words: rarer than idf 3, at most 8; with
        ``fallback``, the three rarest when none is that rare). The most specific words keep a
        query fast and on topic."""
        with self._seg_lock:
            tokens = self.segmenter.query_tokens(text or "")
        if not tokens:
            return [], []
        df, n = self._doc_freq(tokens), self._n_articles
        scored = sorted(((math.log((n + 1) / (df.get(t, 0) + 1)), t) for t in tokens if df.get(t)), reverse=True)
        specific = [t for idf, t in scored if idf > 3.0][:8]
        if not specific and fallback:
            specific = [t for _, t in scored[:3]]
        return tokens, specific

    def _current_or(self, terms: list[str], limit: int) -> list[dict]:
        """Current articles matching any of ``terms``, best BM25 first."""
        where, params = self._filters(None, None, CURRENT)
        return self._fts(" OR ".join(fts_quote(t) for t in terms), limit, where, params)

    def similar(self, text: str, k: int = 8) -> list[Hit]:
        """The ``k`` current provisions whose words best match ``text`` (BM25 on its most specific
        words), from the whole library: where a restated provision is looked for when the draft
        cites no law that holds it. Cheaper than ``related``: no prior, no rescoring."""
        _, terms = self._specific_terms(text, fallback=False)
        if not terms or k <= 0:
            return []
        return [self._hit(r, -r["bm"], terms) for r in self._current_or(terms, k)]

    def related(self, text: str, k: int = 5, *, prefer_laws: tuple[str, ...] | list[str] = (), pool: int = 80) -> list[Hit]:
        """The ``k`` current provisions most relevant to a draft article's text.

        Candidates: a BM25 query on the text's most specific words, every article of the core
        laws (the prior in corpus/law_prior.csv), of ``prefer_laws`` and of the laws the text
        cites, and the cited articles themselves (with their renumbered or successor articles).
        They are ranked by BM25, character-bigram overlap with the text, the law prior and
        whether the text cites them.
        """
        tokens, terms = self._specific_terms(text, fallback=True)
        if not tokens:
            return []
        rows = self._current_or(terms, pool) if terms else []
        cited_works, cited_arts = self._cited(text)
        prefer = {w for w in (self._work_of(p) for p in prefer_laws) if w} | cited_works
        core = self._core
        draft = cjk_bigrams(text)
        best = max((-r["bm"] for r in rows), default=0.0) or 1.0
        cands: dict[int, tuple[sqlite3.Row, set[str] | None]] = {r["id"]: (r, None) for r in rows}
        topics = self._topics(text)
        focus = core | prefer
        for r, bg in self._focus(focus | {w for w, _ in topics}):
            v = self._laws[r["law_id"]]
            if v.work not in focus and (v.work, r["no"]) not in topics:
                continue  # a law that enters for one provision only
            if r["id"] not in cands:
                cands[r["id"]] = (r, bg)
            else:
                cands[r["id"]] = (cands[r["id"]][0], bg)
        draft_paras = [b for b in (cjk_bigrams(p) for p in (text or "").split("\n")) if len(b) >= _PARAGRAPH_MIN_BIGRAMS]
        hits = []
        for r, bg in cands.values():
            v = self._laws[r["law_id"]]
            cand = bg if bg is not None else cjk_bigrams(r["text"])
            # a provision restated in one paragraph of a long article, or one 款 of the draft
            overlap = max(dice(draft, cand), self._paragraph_overlap(draft_paras, r, cache=bg is not None))
            contain = share(cand, draft)
            s = (
                RELATED_BM25 * (-r["bm"] / best)
                + RELATED_OVERLAP * overlap
                + RELATED_CONTAIN * contain
                + RELATED_PRIOR * self._prior.get(v.work, 0.0)
                + (RELATED_PREFERRED_LAW if v.work in prefer else 0.0)
                + (RELATED_CITED_ARTICLE if (v.work, r["no"]) in cited_arts else 0.0)
                + (RELATED_TOPIC if (v.work, r["no"]) in topics else 0.0)
            )
            hits.append((s, r))
        hits.sort(key=lambda x: -x[0])
        return [self._hit(r, s, terms or tokens) for s, r in hits[:k]]

    def _topics(self, text: str) -> set[tuple[str, int]]:
        """(work, article) of corpus/related_provisions.csv whose pattern the text matches."""
        out = set()
        for p in facts.related_provisions():
            if p.pattern.search(text or ""):
                work = self._work_of(p.law)
                if work:
                    out.add((work, p.article))
        return out

    def _paragraph_overlap(self, draft_paras: list[set[str]], r, *, cache: bool) -> float:
        """Best bigram Dice between a paragraph of the draft and a paragraph (款) of the candidate.
        ``cache``: keep the candidate's paragraph bigrams (articles of the focus laws, a bounded set)."""
        store = self.__dict__.setdefault("_para_cache", {}) if cache else {}
        paras = store.get(r["id"])
        if paras is None:
            paras = store[r["id"]] = [b for b in (cjk_bigrams(p) for p in json.loads(r["paragraphs"] or "[]")) if b]
        if len(paras) < 2 and len(draft_paras) < 2:
            return 0.0  # the whole-text overlap already says it
        return max((2 * len(d & c) / (len(d) + len(c)) for d in draft_paras for c in paras), default=0.0)

    def _cited(self, text: str) -> tuple[set[str], set[tuple[str, int]]]:
        """Works the text cites, and the current articles its citations point to (via renumbering
        maps for articles of older versions, and via the successor of a repealed title)."""
        works: set[str] = set()
        arts: set[tuple[str, int]] = set()
        for c in find_citations(text or ""):
            if not c.law:
                continue
            tr = self.resolve_title(c.law)
            target = tr.law if tr.kind in ("current", "old-version", "renamed") else None
            if tr.kind in ("repealed", "renamed") and tr.successor:
                succ = self.law(tr.successor)
                if succ:
                    works.add(succ.work)
                    if tr.successor_article:
                        arts.add((succ.work, tr.successor_article))
            if target is None:
                continue
            works.add(target.work)
            if c.article:
                arts.add((target.work, c.article))
                for old in self.versions(target.work)[:-1]:
                    for new_no in self.renumbered_all(target.work, c.article, old.version_date):
                        arts.add((target.work, new_no))
        return works, arts


def snippet(text: str, tokens: list[str], width: int = 60) -> str:
    flat = (text or "").replace("\n", " ")
    pos = -1
    for t in sorted(tokens, key=len, reverse=True):
        pos = flat.find(t)
        if pos >= 0:
            break
    if pos < 0 or len(flat) <= width:
        return flat[:width] + ("…" if len(flat) > width else "")
    start = max(0, pos - width // 3)
    end = min(len(flat), start + width)
    return ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")
