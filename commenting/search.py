"""Past-comment search: full text over comments and the article text they were made on.

Text is segmented with jieba before it reaches FTS5 (stored as space-joined tokens), because
FTS5's own tokenizers cannot find a two-character word such as 听证 or 时效 inside a run of
Chinese. Each word is indexed together with the dictionary words inside it (追诉时效 → 追诉, 时效),
so a short query finds longer compounds. Queries are segmented the same way and every token is
quoted, so operators, quotes, 《》 and stray punctuation in a query are plain text, never syntax.

Results: all query words required; the newest 300 matches (Store.RANK_WINDOW) are ranked by how
often the words occur in the comment itself (weighted) and in its article, so a word found in tens
of thousands of comments still answers in milliseconds; with filters only, newest first.

The SQL and the index writer live in :mod:`commenting.store` (segmentation in
:mod:`commenting.store.fts`); this module builds the match expression and the hits.
"""
from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass
from typing import Any

from commenting.errors import CommentingError, StoreError
from commenting.model import Basis, Comment
from commenting.numerals import article_label, parse_article_label
from commenting.store import Store
from commenting.store.decisions import FindingDecision
from commenting.store.fts import index_tokens, segmenter

__all__ = ["index_tokens", "match_expression", "search_comments", "reuse_comment", "SearchHit", "found_words",
           "search_rejected"]

# ---------------------------------------------------------------- query


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def match_expression(query: str) -> str | None:
    """An FTS5 expression for ``query``: every word required, each quoted.

    Nothing the user types becomes FTS syntax, so AND/OR/NOT/NEAR, *, quotes, brackets and
    《》 never break the search. A three- or four-character word also matches its parts as a
    phrase (行政处罚 is found in 行政处罚法, which the index holds as 行政 处罚 处罚法 行政处罚法).
    None when the query has no words.
    """
    seg = segmenter()
    words = seg.query_tokens(query or "") or seg.query_tokens(query or "", keep_stop=True)
    terms = []
    for w in words:
        parts = [p for p in dict.fromkeys(seg.index_tokens(w)) if p != w]
        if 3 <= len(w) <= 4 and len(parts) > 1:  # longer words are seldom inside a longer word
            terms.append(f"({_quote(w)} OR {_quote(' '.join(parts))})")  # the parts as a phrase
        else:
            terms.append(_quote(w))
    return " AND ".join(terms) if terms else None  # explicit: FTS5 refuses implicit AND next to ( )


def found_words(query: str) -> list[str]:
    """The words a hit for ``query`` was found by, to be marked in what is shown. A word's parts
    only ever match as an adjacent phrase (see :func:`match_expression`), i.e. as the word itself."""
    seg = segmenter()
    return list(dict.fromkeys(seg.query_tokens(query or "") or seg.query_tokens(query or "", keep_stop=True)))


# ---------------------------------------------------------------- results


@dataclass
class SearchHit:
    """A past comment in its context."""

    comment: Comment
    consultation_id: int
    consultation_title: str
    sender: str = ""
    doc_number: str = ""
    received: str = ""
    draft_round: int | None = None
    article_label: str = ""
    article_text: str = ""
    score: float = 0.0

    def to_json(self) -> dict[str, Any]:
        c = self.comment
        return {
            "comment_id": c.id,
            "version": c.version,
            "consultation_id": self.consultation_id,
            "consultation_title": self.consultation_title,
            "sender": self.sender,
            "doc_number": self.doc_number,
            "received": self.received,
            "draft_round": self.draft_round,
            "article": c.article,
            "sub": c.sub,
            "article_label": self.article_label,
            "article_text": self.article_text,
            "kind": c.kind,
            "quote": c.quote,
            "original": c.original,
            "proposed": c.proposed,
            "reason": c.reason,
            "basis": [asdict(b) for b in c.basis],
            "status": c.status,
            "author": c.author,
            "created_at": c.created_at,
            "score": round(self.score, 4),
        }


#: a word in the comment itself counts this many times more than one in the article it is on
COMMENT_WEIGHT = 4.0


def _ranker(query: str):
    """Score of a match: each query word's occurrences, saturating (tf / (tf + 1)), in the comment
    (weighted) and in its article, with short texts slightly preferred. Texts are counted as
    stored (normalising 300 texts per query would cost more than the search itself)."""
    words = segmenter().query_tokens(query) or segmenter().query_tokens(query, keep_stop=True)

    def rank(body: str, ctx: str) -> float:
        score = 0.0
        for w in words:
            tb, tc = body.count(w), ctx.count(w)
            score += COMMENT_WEIGHT * tb / (tb + 1) + tc / (tc + 1)
        return score / (1 + len(body) / 2000)

    return rank


def _article_no(article: int | str | None) -> int | None:
    if article is None or article == "":
        return None
    if isinstance(article, int):
        return article
    s = str(article).strip()
    if s.isdigit():
        return int(s)
    try:
        return parse_article_label(s if s.startswith("第") else f"第{s}条")[0]
    except (ValueError, KeyError) as err:
        raise CommentingError(f"条号「{article}」无法识别") from err


def _text(value: str | None) -> str:
    """``value`` as text SQLite can take: lone surrogates (undecodable bytes of a command-line
    argument) become "?"."""
    return (value or "").encode("utf-8", "replace").decode("utf-8")


def search_comments(store: Store, query: str, *, sender: str | None = None, law: str | None = None,
                    article: int | str | None = None, date_from: str | None = None, date_to: str | None = None,
                    consultation_id: int | None = None, limit: int = 20,
                    include_withdrawn: bool = False) -> list[SearchHit]:
    """Past comments matching ``query`` (every word required), best first.

    Filters: ``sender`` (来文单位, substring), ``law`` (a cited law, substring, 《》 optional) and
    ``article`` (its article number, or 第三十六条), ``date_from``/``date_to`` (YYYY-MM-DD, on the
    comment's date), ``consultation_id``. An empty query lists the newest comments that pass the
    filters. Withdrawn (撤回) comments are left out unless asked for.
    """
    query, sender, law = _text(query), _text(sender).strip() or None, _text(law).strip().strip("《》") or None
    match = match_expression(query)
    if query.strip() and match is None:
        return []  # only punctuation: nothing to look for
    ids = store.search_ids(
        match, sender=sender, law=law, article=_article_no(article),
        date_from=date_from or None, date_to=date_to or None, consultation_id=consultation_id,
        include_withdrawn=include_withdrawn, limit=limit, rank=_ranker(query) if match else None,
    )
    comments = store.get_comments(i for i, _ in ids)
    contexts = store.hit_contexts(i for i, _ in ids)
    hits = []
    for cid, score in ids:
        ctx = contexts.get(cid) or {}
        hits.append(SearchHit(
            comment=comments[cid], consultation_id=ctx.get("consultation_id"),
            consultation_title=ctx.get("consultation_title") or "", sender=ctx.get("sender") or "",
            doc_number=ctx.get("doc_number") or "", received=ctx.get("received") or "",
            draft_round=ctx.get("draft_round"), article_label=ctx.get("article_label") or "",
            article_text=ctx.get("article_text") or "", score=score,
        ))
    return hits


def reuse_comment(store: Store, hit_or_comment_id: SearchHit | Comment | int, draft_id: int, article: int,
                  author: str, *, sub: int = 0) -> Comment:
    """Copy a past comment into the current draft as a new 草拟 comment on ``article``.

    意见类型, 修改建议, 理由 and 依据 are copied; 原文 becomes the passage in the current article when
    the old passage is still there, else the current article's text.
    """
    if isinstance(hit_or_comment_id, SearchHit):
        src = hit_or_comment_id.comment
    elif isinstance(hit_or_comment_id, Comment):
        src = hit_or_comment_id
    else:
        src = store.get_comment(int(hit_or_comment_id))
    target = store.get_article(draft_id, article, sub)
    if target is None:
        raise StoreError(f"当前草案没有{article_label(article, sub)}")
    quote = src.quote if src.quote and src.quote in target.text else ""
    if src.original and src.original in target.text:
        original = src.original
    else:
        original = quote or target.text
    return store.add_comment(Comment(
        draft_id=draft_id, article=article, sub=sub, address=target.address if not quote else None,
        quote=quote, kind=src.kind, original=original, proposed=src.proposed, reason=src.reason,
        basis=[Basis(**asdict(b)) for b in src.basis], author=author, status="草拟",
    ), note=f"复用自意见 #{src.id}")


def search_rejected(store: Store, query: str, *, consultation_id: int | None = None,
                    limit: int = 20) -> list[FindingDecision]:
    """Review findings marked 不采纳 whose reason, quoted text or message contain every word of
    ``query``, newest first (an empty query: the newest rejections). Kept apart from
    :func:`search_comments`: a rejection is the reviewer's reason for saying nothing, not a
    comment to reuse (see :mod:`commenting.store.decisions`)."""
    query = _text(query)
    match = match_expression(query)
    if query.strip() and match is None:
        return []
    ids = store.search_decision_ids(match, consultation_id=consultation_id, limit=limit)
    found = store.get_decisions(ids)
    return [found[i] for i in ids if i in found]


# ---------------------------------------------------------------- CLI: python -m commenting search …


def add_arguments(parser) -> None:
    parser.add_argument("query", nargs="?", default="", help="检索词（可为空，仅按条件筛选）")
    parser.add_argument("--json", action="store_true", help="输出 JSON")
    parser.add_argument("--sender", default=None, help="来文单位（包含即可）")
    parser.add_argument("--law", default=None, help="引用的法律法规名称（包含即可）")
    parser.add_argument("--article", default=None, help="引用法规的条号，如 36 或 第三十六条")
    parser.add_argument("--from", dest="date_from", default=None, help="起始日期 YYYY-MM-DD")
    parser.add_argument("--to", dest="date_to", default=None, help="截止日期 YYYY-MM-DD")
    parser.add_argument("--consultation", type=int, default=None, help="限定某一征求意见登记编号")
    parser.add_argument("--limit", type=int, default=20, help="最多显示条数（默认 20）")
    parser.add_argument("--db", default=None, help="意见库文件（默认 data/store.db）")


def _short(text: str, n: int = 80) -> str:
    text = (text or "").replace("\n", " ")
    return text if len(text) <= n else text[: n - 1] + "…"


def cli_run(args) -> int:
    with Store(args.db) as store:
        hits = search_comments(
            store, args.query, sender=args.sender, law=args.law, article=args.article,
            date_from=args.date_from, date_to=args.date_to, consultation_id=args.consultation, limit=args.limit,
        )
    if args.json:
        sys.stdout.write(json.dumps([h.to_json() for h in hits], ensure_ascii=False, indent=1) + "\n")
        return 0
    if not hits:
        print("没有找到相符的历史意见。")
        return 0
    print(f"找到 {len(hits)} 条历史意见：")
    for n, h in enumerate(hits, 1):
        c = h.comment
        where = h.article_label or (f"第{c.article}条" if c.article else "总体")
        rnd = f"第{h.draft_round}轮" if h.draft_round else ""
        print(f"\n{n}. 【{h.sender or '—'}】《{h.consultation_title}》{rnd} {where}"
              f"（意见 #{c.id}，{c.kind}，{c.status}，{c.created_at[:10]}）")
        if h.article_text:
            print(f"   条文：{_short(h.article_text)}")
        if c.original:
            print(f"   原文：{_short(c.original)}")
        if c.proposed:
            print(f"   修改建议：{_short(c.proposed)}")
        if c.reason:
            print(f"   理由：{_short(c.reason)}")
        if c.basis:
            print("   依据：" + "；".join(f"《{b.law}》{article_label(b.article) if b.article else ''}" for b in c.basis))
    return 0
