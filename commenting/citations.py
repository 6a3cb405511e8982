"""Citation grammar: find references to laws and to the draft itself, and resolve them.

``find_citations(text)`` recognises 《中华人民共和国行政处罚法》第三十六条第一款, 行政处罚法第六十三条第一款
第（一）项 (no brackets), lists (第二十七条、第三十二条) and ranges (第三十条至第三十三条, expanded),
第二十条之一, bare titles (《…》 with no article), internal references (本办法第X条, 前款第（X）项,
本条第X款, 第X条 without a title, 前条, 本章). ``find_abbreviations`` reads 「（以下简称《程序规定》）」.
``resolve(citation, corpus)`` checks a citation against the corpus and says what is wrong with it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from commenting.model import Citation
from commenting.numerals import CN_NUM, NUM, from_chinese

if TYPE_CHECKING:  # the grammar needs no corpus; the corpus (corpus.db) uses the grammar
    from commenting.corpus.model import LawArticle, LawVersion
    from commenting.lawsource import LawSource

__all__ = ["find_citations", "find_abbreviations", "resolve", "Resolution", "STATUSES"]

STATUSES = (
    "ok", "no-such-article", "no-such-paragraph", "no-such-item", "repealed",
    "superseded-version", "unknown-title", "internal",
)

_N = rf"(?:{CN_NUM}|[0-9０-９]+)"
_ART = re.compile(rf"第\s*(?P<no>{NUM})\s*[条條](?:之(?P<sub>{_N}))?")
#: a 款 right after its 条 may be set off by a space (第八条 第一款: PDFs, typeset sources)
_PARA = re.compile(rf"[ \u3000]?第\s*(?P<no>{NUM})\s*款")
_ITEM = re.compile(rf"(?:第\s*)?[（(]\s*(?P<no>{_N})\s*[）)](?:\s*项)?|第\s*(?P<no2>{NUM})\s*项")
_SUBITEM = re.compile(rf"第\s*(?P<no>{NUM})\s*目")
_SEP = re.compile(r"\s*(?P<sep>、|和|及|与|以及|或者|或|至|到|，)\s*")

_INTERNAL_DOCS = (
    "实施办法|实施细则|实施意见|实施方案|办法|规定|细则|条例|通知|意见|决定|规则|法|标准|方案|制度|指引|准则|措施|规范|章程|规程"
)
_ANCHOR = re.compile(
    r"(?P<title>《(?P<t>[^《》\n]{1,80})》)"
    rf"|(?P<internal>本(?:{_INTERNAL_DOCS}))(?=\s*第)"
    r"|(?P<rel>前两款|前三款|前款|前项|前条|本条|本款|本章|本节)"
    rf"|(?P<art>第\s*{NUM}\s*[条條])"
    rf"|(?P<para>第\s*{NUM}\s*款)"
)
# a version note right after a title: 《行政处罚法》（2021年修订）第…
_TITLE_NOTE = re.compile(r"\s*[（(][^（()）]{0,12}[）)]\s*")
# A title cited without 《》 must end like a law and be preceded by a verb or punctuation.
_BARE_SUFFIX = re.compile(r"(?:法典|实施细则|实施条例|法|条例)$")
_BARE_RUN = re.compile(r"[\u4e00-\u9fff]+$")
_LEAD_WORDS = (
    "依照", "根据", "按照", "依据", "违反", "适用", "参照", "执行", "遵守", "对照", "符合", "落实", "贯彻",
    "实施", "援引", "引用", "不符合", "属于", "即", "是", "和", "及", "与", "以及", "或者", "并", "照", "依", "按", "据",
)
_PRONOUN_LAWS = {"该法", "此法", "上述法", "同法", "前述法", "上位法", "本法"}
# 《…》 without an article counts as a citation only when it names a law-like document
_TITLE_SUFFIX = re.compile(
    r"(?:法|法典|条例|规定|办法|细则|规则|决定|意见|通知|规范|标准|准则|方案|纲要|指引|指南|解释|制度|目录|批复|公告|命令|章程|规程|措施)$"
)
_TITLE_TAIL = re.compile(r"[（(](?:试行|暂行|草案|征求意见稿|修订|修正|\d{4}年?(?:修订|修正|修改)?(?:版|本)?)[）)]$")
_ABBR = re.compile(
    r"《(?P<full>[^《》\n]{2,80})》[^《》（(\n]{0,12}?[（(]\s*以下(?:简称|称)\s*[：:]?\s*"
    r"(?:《(?P<a1>[^《》）)]{1,30})》|[“\"](?P<a2>[^”\"）)]{1,30})[”\"]|(?P<a3>[^，,、；;。）)《》“”\"]{1,30}))\s*[）)]"
)


def _num(s: str | None) -> int | None:
    if not s:
        return None
    try:
        return from_chinese(s)
    except ValueError:
        return None


def _is_law_title(title: str) -> bool:
    t = title.strip()
    while True:
        m = _TITLE_TAIL.search(t)
        if not m:
            break
        t = t[: m.start()]
    return bool(_TITLE_SUFFIX.search(t))


def find_abbreviations(text: str) -> dict[str, str]:
    """Short names a draft defines: 「《市场监督管理行政处罚程序规定》（以下简称《程序规定》）」."""
    out: dict[str, str] = {}
    for m in _ABBR.finditer(text or ""):
        short = (m.group("a1") or m.group("a2") or m.group("a3") or "").strip()
        if short:
            out[short] = m.group("full").strip()
    return out


def _chain(text: str, pos: int, base: dict, *, article: tuple[int, int] | None = None, para: int | None = None) -> tuple[list[Citation], int]:
    """Parse 第X条第X款第（X）项 references (and lists/ranges of them) starting at ``pos``."""
    out: list[Citation] = []
    cur_art, cur_para = article, para
    start_of = pos
    while True:
        m = _ART.match(text, pos)
        kind = None
        if m:
            kind = "art"
            cur_art = (_num(m.group("no")), _num(m.group("sub")) or 0)
            cur_para = None
            end = m.end()
            pm = _PARA.match(text, end)
            if pm:
                cur_para = _num(pm.group("no"))
                end = pm.end()
            item, end = _item_at(text, end)
        else:
            pm = _PARA.match(text, pos)
            if pm and (cur_art is not None or base.get("relative")):
                kind = "para"
                cur_para = _num(pm.group("no"))
                end = pm.end()
                item, end = _item_at(text, end)
            else:
                item, end = _item_at(text, pos)
                if item is None or (cur_art is None and not base.get("relative")):
                    break
                kind = "item"
        sm = _SUBITEM.match(text, end)
        if sm:
            end = sm.end()
        c = Citation(
            text=text[start_of:end] if not out else text[pos:end],
            start=start_of if not out else pos,
            end=end,
            article=cur_art[0] if cur_art else None,
            sub=cur_art[1] if cur_art else 0,
            paragraph=cur_para,
            item=item,
            **base,
        )
        out.append(c)
        pos = end
        sep = _SEP.match(text, pos)
        if not sep:
            break
        nxt = sep.end()
        if not (_ART.match(text, nxt) or _PARA.match(text, nxt) or _item_at(text, nxt)[0] is not None):
            break
        if sep.group("sep") == "，" and not _ART.match(text, nxt):
            break
        if sep.group("sep") in ("至", "到") and kind == "art":
            rm = _ART.match(text, nxt)
            if rm and cur_art and not rm.group("sub"):
                last = _num(rm.group("no"))
                if last is not None and cur_art[0] is not None and 0 < last - cur_art[0] <= 50:
                    for n in range(cur_art[0] + 1, last):
                        out.append(Citation(text=text[c.start:rm.end()], start=c.start, end=rm.end(), article=n, **base))
        pos = nxt
    return out, pos


def _item_at(text: str, pos: int) -> tuple[int | None, int]:
    m = _ITEM.match(text, pos)
    if not m:
        return None, pos
    raw = m.group(0)
    # （一） without 第/项 right after an article is an item only when brackets are followed by 项
    if not raw.startswith("第") and not raw.rstrip().endswith("项"):
        return None, pos
    return _num(m.group("no") or m.group("no2")), m.end()


def _bare_title(text: str, end: int) -> tuple[str, int] | None:
    """A law title written without 《》 right before ``end`` (行政处罚法第…)."""
    m = _BARE_RUN.search(text[max(0, end - 40) : end])
    if not m:
        return None
    run = m.group(0)
    run_start = end - len(run)
    if not _BARE_SUFFIX.search(run):
        return None
    i = run.rfind("中华人民共和国")
    if i < 0:
        # start after the last verb/conjunction that introduces the title
        best = 0
        for w in _LEAD_WORDS:
            j = run.rfind(w)
            if len(w) >= 2 and j >= 0 and j + len(w) > best and len(run) - (j + len(w)) >= 2:
                best = j + len(w)
        i = best
        while True:
            for w in _LEAD_WORDS:
                if run.startswith(w, i) and len(run) - (i + len(w)) >= 2:
                    i += len(w)
                    break
            else:
                break
    title = run[i:]
    if len(title) < 2:
        return None
    return title, run_start + i


def find_citations(text: str) -> list[Citation]:
    """Every citation in ``text``, in order. Ranges are expanded into one citation per article."""
    text = text or ""
    out: list[Citation] = []
    pos = 0
    while True:
        m = _ANCHOR.search(text, pos)
        if not m:
            break
        if m.group("title"):
            title = m.group("t").strip()
            if re.search(r"(?:简称|以下称)\s*[：:]?\s*$", text[max(0, m.start() - 8) : m.start()]):
                pos = m.end()  # the short name being defined, not a citation
                continue
            after = m.end()
            # 《行政处罚法》（2021年修订）第…
            tail = _TITLE_NOTE.match(text, after)  # matched in place: a slice would copy the rest
            cpos = tail.end() if tail and _ART.match(text, tail.end()) else after
            while cpos < len(text) and text[cpos] in " \u3000":
                cpos += 1
            cites, end = _chain(text, cpos, {"law": title})
            if cites:
                cites[0].text = text[m.start() : cites[0].end]
                cites[0].start = m.start()
                out += cites
                pos = end
            else:
                if _is_law_title(title):
                    out.append(Citation(text=m.group(0), start=m.start(), end=m.end(), law=title))
                pos = m.end()
        elif m.group("internal"):
            cites, end = _chain(text, m.end(), {"internal": True})
            for c in cites[:1]:
                c.text, c.start = text[m.start() : c.end], m.start()
            out += cites
            pos = max(end, m.end())
        elif m.group("rel"):
            rel = m.group("rel")
            base = {"internal": True, "relative": rel}
            cites, end = _chain(text, m.end(), base)
            if cites:
                cites[0].text, cites[0].start = text[m.start() : cites[0].end], m.start()
                out += cites
                pos = end
            else:
                if rel in ("前款", "前两款", "前三款", "前条", "前项", "本章"):
                    out.append(Citation(text=rel, start=m.start(), end=m.end(), internal=True, relative=rel))
                pos = m.end()
        elif m.group("art"):
            bare = _bare_title(text, m.start())
            if bare and bare[0] in _PRONOUN_LAWS:
                base = {"relative": bare[0], "internal": bare[0] == "本法"}
                start = bare[1]
            elif bare:
                base = {"law": bare[0]}
                start = bare[1]
            else:
                base = {"internal": True}
                start = m.start()
            cites, end = _chain(text, m.start(), base)
            if cites:
                cites[0].text, cites[0].start = text[start : cites[0].end], start
                out += cites
            pos = max(end, m.end())
        else:  # a bare 第X款: a paragraph of the article it appears in
            cites, end = _chain(text, m.start(), {"internal": True, "relative": "本条"})
            out += cites
            pos = max(end, m.end())
    return out


# ---------------------------------------------------------------- resolution


@dataclass
class Resolution:
    """What a citation refers to in the corpus, or what is wrong with it.

    status: ok | no-such-article | no-such-paragraph | no-such-item | repealed |
    superseded-version | unknown-title | internal.
    ``law``/``article``: the version and article the citation resolves to (old version for
    superseded titles); ``text``: the cited 款/项 or article text; ``successor``: the title that
    replaces a repealed or renamed one, ``successor_article`` the repealing provision if known.
    """

    citation: Citation
    status: str
    law: LawVersion | None = None
    article: LawArticle | None = None
    text: str = ""
    title: str | None = None  # the title after abbreviations were applied
    successor: str | None = None
    successor_article: int | None = None
    suggestion: str | None = None
    message: str = ""
    source: str = ""
    #: for an unknown title, what the corpus says of it: not-in-library (a real document not
    #: imported), no-such-document, ambiguous (a short title several documents end with) or
    #: not-yet (no version in force on the day)
    absence: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def _label(c: Citation) -> str:
    from commenting.numerals import article_label, item_label, to_chinese

    if c.article is None:
        return ""
    s = article_label(c.article, c.sub)
    if c.paragraph:
        s += f"第{to_chinese(c.paragraph)}款"
    if c.item:
        s += f"第{item_label(c.item)}项"
    return s


def resolve(citation: Citation, corpus: LawSource, *, date: str | None = None, abbreviations: dict[str, str] | None = None) -> Resolution:
    """Check one citation against the corpus (``commenting.corpus.Corpus``)."""
    c = citation
    if c.internal or not c.law:
        return Resolution(c, "internal", message="引用本文件的条款，需对照草案本身核对")
    name = c.law
    if abbreviations:
        name = abbreviations.get(name) or abbreviations.get(name.strip("《》")) or name
    tr = corpus.resolve_title(name, date)
    where = _label(c)
    # "unknown" is the kind of test doubles; the corpus says "not-in-library" or "no-such-document"
    if tr.kind in ("unknown", "not-in-library", "no-such-document", "ambiguous", "not-yet"):
        msg = tr.note or f"法规库中没有《{name}》"
        if tr.suggestion:
            msg += f"，是否指《{tr.suggestion}》？"
        return Resolution(c, "unknown-title", title=name, suggestion=tr.suggestion, message=msg, absence=tr.kind)
    if tr.kind == "repealed":
        succ_law = corpus.law(tr.successor) if tr.successor else None
        msg = f"《{name}》已废止" + (f"，现行为《{tr.successor}》" if tr.successor else "")
        return Resolution(
            c, "repealed", law=succ_law, title=name, successor=tr.successor, successor_article=tr.successor_article,
            message=msg, source=tr.source,
        )
    law = tr.law
    res = Resolution(c, "ok", law=law, title=name, source=tr.source)
    if tr.kind == "renamed":
        res.status = "superseded-version"
        res.successor = tr.successor
        res.message = f"《{name}》已修改并更名为《{tr.successor}》"
    if law is None:
        return res
    if c.article is None:
        return res
    art = corpus.article_in(law, c.article, c.sub)
    if art is None:
        if res.status == "ok":
            res.status = "no-such-article"
            res.message = f"《{law.title}》（{law.version_date}）共{corpus.article_count(law)}条，没有{where}"
        return res
    res.article = art
    res.text = art.text
    if c.paragraph:
        if c.paragraph > len(art.paragraphs):
            if res.status == "ok":
                res.status = "no-such-paragraph"
                res.message = f"《{law.title}》{art.label}只有{len(art.paragraphs)}款，没有{where}"
            return res
        res.text = art.paragraphs[c.paragraph - 1]
    if c.item:
        p = c.paragraph or next((i + 1 for i, its in enumerate(art.items) if its), 1)
        items = art.items[p - 1] if p - 1 < len(art.items) else []
        if c.item > len(items):
            if res.status == "ok":
                res.status = "no-such-item"
                res.message = f"《{law.title}》{art.label}" + (f"第{p}款" if c.paragraph else "") + f"只有{len(items)}项，没有{where}"
            return res
        res.text = items[c.item - 1]
    return res
