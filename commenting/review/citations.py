"""Citation rules: every citation of another law is resolved against the corpus and checked.

- ``citation-missing-article``: the cited 条/款/项 does not exist in the cited law; the article
  of that law that fits the citing sentence best is named as the likely intended one.
- ``citation-stale-numbering``: the law was renumbered (a map in corpus/renumbering/), the
  current article N does not fit the citing sentence while the article the old N became does.
- ``citation-repealed``: the title is repealed, renamed or an old version; the successor (and
  the repealing article when the corpus knows it) is the basis.
- ``citation-unknown``: a title in no corpus document and not a known historical one. Only a
  national-law-looking title (…法, or one the corpus can suggest a correction for) is a warning;
  local documents, policy papers and regulations the corpus may simply not hold are info.

Sentence fit is a weighted character-bigram overlap: bigrams frequent across the law's articles
(行政处罚, 当事人…) weigh little, distinctive ones (从轻, 减轻, 移送…) much.
"""
from __future__ import annotations

from dataclasses import replace

import math
import re
from typing import Iterable

from commenting.model import Basis, Finding
from commenting.numerals import ARTICLE_LABEL, NUM, article_label, item_label, to_chinese
from commenting.review.catalogue import register, rule
from commenting.review.text import span_at, suggestion
from commenting.textsim import content_bigrams

_SENTENCE_ENDS = "。；;\n"
_LOCAL = re.compile(r"^(?:[^《》]{2,8}?(?:省|自治区|市|州|县|区|盟|旗))(?!场)|人民政府|办公厅|办公室|委员会|〔|\[|号")
_POLICY = re.compile(r"(?:通知|意见|决定|方案|规划|纲要|批复|函|公告|通告|指南|指引|清单|目录|标准|说明)$")
_LAW_TITLE = re.compile(r"(?<!办)法$")
_REPEAL = re.compile(r"废止|停止执行|不再执行|同时失效|予以撤销")
#: a revision note (根据2019年3月2日《国务院关于修改部分行政法规的决定》修订): the document's own
#: history, not a rule that refers to another act
_REVISED_BY = re.compile(r"^》?(?:第[一二三四五六七八九十]+次)?(?:修订|修正)")
_CN_PREFIX = "中华人民共和国"


# ---------------------------------------------------------------- sentence fit


def _law_index(ctx, law: str) -> dict:
    """{no: text} and bigram document frequencies of a law (cached per document review)."""
    key = "law-index:" + law
    if key in ctx.cache:
        return ctx.cache[key]
    texts: dict[int, str] = {}
    version = ctx.law(law)
    if version is not None:
        texts = {a.no: a.text for a in ctx.corpus.articles(version) if not a.sub}
    df: dict[str, int] = {}
    grams = {no: content_bigrams(t) for no, t in texts.items()}
    for g in grams.values():
        for b in g:
            df[b] = df.get(b, 0) + 1
    idx = {"texts": texts, "grams": grams, "df": df, "n": max(len(texts), 1)}
    ctx.cache[key] = idx
    return idx


def _fit(idx: dict, query: str, target: str | None = None, no: int | None = None) -> float:
    """Weighted share of the query's bigrams found in the target article (0..1)."""
    q = content_bigrams(query)
    if not q:
        return 0.0
    t = idx["grams"].get(no) if no is not None and no in idx["grams"] else content_bigrams(target or "")
    n, df = idx["n"], idx["df"]

    def w(b: str) -> float:
        return math.log((n + 1) / (df.get(b, 0) + 0.5))

    total = sum(w(b) for b in q)
    return sum(w(b) for b in q & t) / total if total > 0 else 0.0


def best_articles(ctx, law: str, query: str, k: int = 3) -> list[tuple[float, int]]:
    """The k articles of ``law`` that fit ``query`` best, as (score, no)."""
    idx = _law_index(ctx, law)
    scored = sorted(((_fit(idx, query, no=no), no) for no in idx["texts"]), key=lambda t: -t[0])
    return scored[:k]


def _citing_context(unit, c) -> str:
    """The clause around a citation, without the citation itself (what the citation is for)."""
    sp = span_at(unit.text, c.start, _SENTENCE_ENDS)
    text = sp.text
    rel_start, rel_end = c.start - sp.start, c.end - sp.start
    return text[:max(rel_start, 0)] + " " + text[max(rel_end, 0):]


# ---------------------------------------------------------------- the check


def _quote(unit, c) -> str:
    q = unit.text[c.start:c.end] if 0 <= c.start < c.end <= len(unit.text) else c.text
    return q if q in unit.text else c.text


def _title_quote(unit, c) -> str:
    if c.law and f"《{c.law}》" in unit.text:
        return f"《{c.law}》"
    return _quote(unit, c)


@register("citation-missing-article", "citation-stale-numbering", "citation-repealed", "citation-unknown")
def check(ctx) -> Iterable[Finding]:
    # a document the library does not hold is one note, at its first citation: the reviewer
    # imports it once, however often the draft cites it
    absent: dict[str, list[Finding]] = {}
    for f in _findings(ctx):
        if f.rule == "citation-unknown" and f.severity == "info":
            absent.setdefault(f.quote, []).append(f)
        else:
            yield f
    for quote, found in absent.items():
        first = found[0]
        if len(found) > 1:
            first = replace(first, message=first.message.rstrip("。") + f"；全文共引用{len(found)}处。")
        yield first


def _findings(ctx) -> Iterable[Finding]:
    for unit in ctx.units:
        for ref in ctx.citations(unit):
            if ref.internal:
                continue
            if ref.status in ("no-such-article", "no-such-paragraph", "no-such-item"):
                f = _missing(ctx, unit, ref)
            elif ref.status in ("repealed", "superseded-version", "renamed", "unknown-title") \
                    and _REPEAL.search(span_at(unit.text, ref.citation.start).text):
                f = None  # the draft's own repeal clause (原《…》同时废止) names old titles on purpose
            elif ref.status == "unknown-title" and _REVISED_BY.match(unit.text[ref.citation.end:ref.citation.end + 8]):
                f = None  # its own revision note names the amending decision
            elif ref.status in ("repealed", "superseded-version", "renamed"):
                f = _repealed(ctx, unit, ref)
            elif ref.status == "unknown-title":
                f = _unknown(ctx, unit, ref)
            elif ref.status == "ok":
                f = _stale(ctx, unit, ref)
            else:
                f = None
            if f is not None:
                yield f


def _missing(ctx, unit, ref) -> Finding | None:
    c, law = ref.citation, ref.law
    if not law or c.article is None:
        return None
    quote = _quote(unit, c)
    version = ctx.law(law)
    count = ctx.corpus.article_count(version) if version is not None else 0
    cited = article_label(c.article, c.sub or 0)
    if ref.status == "no-such-article" and not c.sub and count and c.article <= count:
        return None  # the law's own count says it exists (the article table is being rebuilt?)
    if ref.status == "no-such-article":
        problem = f"《{law}》" + (f"共{to_chinese(count)}条，" if count else "") + f"不存在{cited}"
    elif ref.status == "no-such-paragraph":
        problem = f"《{law}》{cited}没有第{to_chinese(c.paragraph or 0)}款"
    else:
        problem = f"《{law}》{cited}没有第{item_label(c.item or 0)}项"
    basis: list[Basis] = []
    proposed = None
    if ref.status == "no-such-article":
        best = best_articles(ctx, law, _citing_context(unit, c), k=2)
        if best and best[0][0] >= 0.2 and (len(best) < 2 or best[1][0] < 0.9 * best[0][0]):
            no = best[0][1]
            basis = [Basis(law, no)]
            sure = best[0][0] >= 0.45
            problem += f"；从引用语句的内容看，{'应为' if sure else '可能是'}{article_label(no)}"
            label = re.search(ARTICLE_LABEL, quote)
            if label:
                proposed = quote.replace(label.group(0), article_label(no), 1)
    else:
        basis = [Basis(law, c.article)]
    return Finding(
        rule="citation-missing-article", severity=rule("citation-missing-article").severity,
        article=unit.article, sub=unit.sub, quote=quote, basis=basis, message=problem + "。",
        suggestion=suggestion(quote=quote, proposed=proposed, action=f"建议核对并更正“{quote}”",
                              reason=problem, basis=basis),
        address=unit.address, proposed=proposed,
    )


def _repealed(ctx, unit, ref) -> Finding | None:
    c, res = ref.citation, ref.resolution
    successor = res.successor
    succ_article = res.successor_article
    kind = ref.status
    quote = _title_quote(unit, c)
    title = c.law or quote.strip("《》")
    if kind == "repealed":
        problem = f"《{title}》已废止" + (f"，由《{successor}》取代" if successor else "")
        severity = rule("citation-repealed").severity
    elif kind == "renamed":
        problem = f"《{title}》已修改并更名为《{successor}》" if successor else f"《{title}》已更名"
        severity = "warning"
    elif successor and successor != title:
        problem = f"《{title}》已修改并更名为《{successor}》"
        severity = "warning"
    else:
        problem = f"所引用的《{title}》不是现行有效的版本"
        severity = "warning"
    basis = [Basis(successor, int(succ_article))] if successor and succ_article else []
    proposed = None
    if successor and quote.startswith("《") and quote.endswith("》"):
        proposed = f"《{successor}》"
    return Finding(
        rule="citation-repealed", severity=severity, article=unit.article, sub=unit.sub, quote=quote,
        basis=basis, message=problem + "。",
        suggestion=suggestion(quote=quote, proposed=proposed, action=f"建议删除或者更正对{quote}的引用",
                              reason=problem + "，应当引用现行有效的文件", basis=basis,
                              basis_text=res.source),
        address=unit.address, proposed=proposed,
    )


def _unknown(ctx, unit, ref) -> Finding | None:
    c, res = ref.citation, ref.resolution
    title = (res.title or c.law or "").strip()
    if not title:
        return None
    if _own_title(ctx, title):
        return None  # a cover letter or preamble naming the draft itself
    quote = _title_quote(unit, c)
    if res.absence == "not-yet":
        return None  # the library holds only later versions: nothing to check on the review day
    if res.absence in ("not-in-library", "ambiguous"):
        problem = res.message.rstrip("。")
        hint = ("如需对照审查，可在“法规库”页面导入该文件（或 python -m commenting corpus import 文件）"
                if res.absence == "not-in-library" else "请写明全称")
        return Finding(
            rule="citation-unknown", severity="info", article=unit.article, sub=unit.sub, quote=quote,
            message=f"{problem}。{hint}。",
            suggestion=suggestion(quote=quote, proposed=None, action=f"建议核对{quote}的名称和效力",
                                  reason=problem),
            address=unit.address, proposed=None,
        )
    bracketed = quote.startswith("《")
    if not bracketed:
        return None  # a bare title that names nothing known is the grammar taking too much (执勤人员遇有…法第三十条)
    did_you_mean = res.suggestion
    # a typo differs by a character or two; a longer or shorter title is another document
    # (the 条例 an 实施细则 implements), which the corpus may simply not hold
    typo = bool(did_you_mean) and abs(len(did_you_mean) - len(title)) <= 2
    national = (title.startswith(_CN_PREFIX) or not _LOCAL.search(title)) and not _POLICY.search(title)
    if typo and national and bracketed:
        severity = rule("citation-unknown").severity
        problem = f"法规库中没有《{title}》，可能是《{did_you_mean}》之误"
        if _TRIAL.sub("", title) == _TRIAL.sub("", did_you_mean):
            # 暂行/试行 added or dropped: another version of the same rule, not a slip of the pen
            problem = f"法规库中没有《{title}》，现行有效的是《{did_you_mean}》，请核对名称和版本"
        proposed = f"《{did_you_mean}》" if quote == f"《{c.law}》" else None
    elif (national and bracketed and _LAW_TITLE.search(title)
          and (title.startswith(_CN_PREFIX) or len(title) <= 12)):
        severity = rule("citation-unknown").severity
        problem = f"法规库中没有名为《{title}》的法律，请核对名称"
        proposed = None
    elif national and bracketed and (old := _pre_reform_name(ctx, title)):
        # a national rule named after an agency abolished in the 2018 reform is likely replaced
        severity = "warning"
        problem = (f"法规库中未收录《{title}》；其名称中的“{old}”为机构改革前的名称，"
                   f"该文件可能已被废止或者修订，请核对并改引现行有效的规定")
        proposed = None
    else:
        severity = "info"
        problem = f"法规库中未收录《{title}》，请核对名称和效力"
        proposed = None
    return Finding(
        rule="citation-unknown", severity=severity, article=unit.article, sub=unit.sub, quote=quote,
        message=problem + "。",
        suggestion=suggestion(quote=quote, proposed=proposed, action=f"建议核对{quote}的名称",
                              reason=problem),
        address=unit.address, proposed=proposed,
    )


_TRIAL = re.compile(r"暂行|试行|[（(]试行[）)]")
_AGENCY_SUFFIX = re.compile(r"(?:部门|机关|机构|总局|局)$")


def _pre_reform_name(ctx, title: str) -> str | None:
    """The obsolete agency name (stem, 工商行政管理 of 工商行政管理部门) a title contains."""
    if "pre-reform" not in ctx.cache:
        stems: set[str] = set()
        for o in ctx.corpus.obsolete_names():
            if o.kind != "agency":
                continue
            stem = _AGENCY_SUFFIX.sub("", o.name)
            if len(stem) >= 5:  # 质量监督 alone is still in current titles
                stems.add(stem)
        ctx.cache["pre-reform"] = sorted(stems, key=len, reverse=True)
    return next((s for s in ctx.cache["pre-reform"] if s in title), None)


def _old_text(ctx, law: str, no: int) -> str | None:
    """Article ``no`` of the most recent earlier version of ``law`` that has one."""
    key = f"old:{law}:{no}"
    if key not in ctx.cache:
        text = None
        then = ctx.law(law)  # the version in force on the review day
        earlier = [v for v in ctx.corpus.versions(law) if then is None or _before(v, then)]
        for v in reversed(earlier):
            art = ctx.corpus.article_in(v, no)
            if art is not None:
                text = art.text
                break
        ctx.cache[key] = text
    return ctx.cache[key]


def _before(v, then) -> bool:
    """Version ``v`` precedes version ``then`` of the same law."""
    return v.id != then.id and (v.in_force_from or v.version_date or "") <= (then.in_force_from or then.version_date or "")


def _renumbered(ctx, law: str, old_no: int) -> int | None:
    """The renumbering maps lead to the current version: they apply when the review is against it."""
    then, now = ctx.law(law), ctx.corpus.law(law)
    if then is None or now is None or then.id != now.id:
        return None
    return ctx.corpus.renumbered(law, old_no)


def _moved_to(ctx, law: str, old_no: int, idx: dict) -> int | None:
    """Where article ``old_no`` of the earlier version is now: the renumbering map's main target,
    else the current article whose text is closest to the old one."""
    new = _renumbered(ctx, law, old_no)
    if new:
        return new
    old = _old_text(ctx, law, old_no)
    if not old:
        return None
    score, best = max(((_fit(idx, old, no=n), n) for n in idx["texts"]), default=(0.0, None))
    return best if score >= 0.6 else None


_PUNCT = "，。；;：:、\n"


def _focus(unit, c) -> str:
    """What the citation is cited for: the words right before it (由局负责人依照) and right after
    it up to the next punctuation (减轻行政处罚的 / 的规定作出决定)."""
    text = unit.text
    i = c.start
    while i > 0 and text[i - 1] not in _PUNCT:
        i -= 1
    j = c.end
    while j < len(text) and text[j] not in _PUNCT:
        j += 1
    before, after = text[i:c.start], text[c.end:j]
    if _GOVERNS_NEXT.match(after):
        # 依照《…》第N条的规定，责令改正…: what the article is cited for is the next clause(s)
        k = j
        while k < len(text) and text[k] not in _SENTENCE_ENDS:
            k += 1
        after = text[c.end:k]
    if _ACTOR_THEN_PREPOSITION.search(before) and len(content_bigrams(after)) >= 2:
        # 市场监督管理部门应当按照《…》第N条规定组织听证: the actor is not what the article is cited for
        before = ""
    return before + " " + after


# words before a citation that only name who acts under it (…部门应当依照)
_ACTOR_THEN_PREPOSITION = re.compile(r"..(?:依照|按照|根据|依据|参照)$")


# the citation ends its clause with nothing but 的规定 (执行/办理…): the governed words follow
_GOVERNS_NEXT = re.compile(rf"^(?:第{NUM}[款项])*(?:之)?(?:的)?(?:有关|相关)?规定"
                           r"(?:执行|办理|处理|实施|进行)?$")


def _own_title(ctx, title: str) -> bool:
    strip = lambda t: re.sub(r"[（(](?:征求意见稿|送审稿|草案|修订稿|讨论稿)[）)]|\s", "", t or "")
    return bool(title) and strip(title) == strip(ctx.document.title)


def _stale(ctx, unit, ref) -> Finding | None:
    """The current article N does not fit the sentence; the article the old N became does."""
    c, law = ref.citation, ref.law
    if not law or c.article is None or c.sub:
        return None
    old = _old_text(ctx, law, c.article)
    mapped = _renumbered(ctx, law, c.article)
    if not old and not mapped:
        return None  # no earlier version and no map: nothing to be stale against (cheap exit)
    idx = _law_index(ctx, law)
    if c.article not in idx["texts"]:
        return None
    moved = _moved_to(ctx, law, c.article, idx)
    if not moved or moved == c.article:
        return None
    old = old or idx["texts"].get(moved)
    focus, sentence = _focus(unit, c), _citing_context(unit, c)
    then, now = _fit(idx, focus, old), _fit(idx, focus, no=c.article)
    if then < 0.3 or then < now + 0.2:
        return None
    if _fit(idx, sentence, old) < _fit(idx, sentence, no=c.article):
        return None
    quote = _quote(unit, c)
    label = re.search(ARTICLE_LABEL, quote)
    proposed = quote.replace(label.group(0), article_label(moved), 1) if label else None
    problem = (f"引用的是《{law}》修订前的条号；现行{article_label(c.article)}规定的内容与本句不符，"
               f"本句所指内容现为{article_label(moved)}")
    basis = [Basis(law, moved)]
    return Finding(
        rule="citation-stale-numbering", severity=rule("citation-stale-numbering").severity,
        article=unit.article, sub=unit.sub, quote=quote, basis=basis, message=problem + "。",
        suggestion=suggestion(quote=quote, proposed=proposed, action=f"建议更正“{quote}”的条号",
                              reason=problem, basis=basis),
        address=unit.address, proposed=proposed,
    )
