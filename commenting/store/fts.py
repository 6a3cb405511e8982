"""The full-text index of comments (``comments_fts``): segmentation and the writer.

Text is segmented in Python before it reaches FTS5 (stored as space-joined tokens), because
FTS5's own tokenizers cannot find a two-character word such as 听证 inside a run of Chinese. The
segmenter is the corpus's (jieba with the legal-term dictionary), so comments and laws are cut
the same way; :mod:`commenting.search` builds its queries with the same segmenter.

A comment's row is rewritten in the transaction that changed the comment. Its columns: ``body``
(the comment's own text and cited laws), ``context`` (the article it is on) and ``meta`` (the
filters as index terms, so FTS5 intersects them itself).
"""
from __future__ import annotations

import sqlite3
import time
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, ContextManager

from commenting.numerals import article_label
from commenting.store.codec import basis_from_json

if TYPE_CHECKING:
    from commenting.corpus.segment import Segmenter


@lru_cache(maxsize=1)
def segmenter() -> "Segmenter":
    """The corpus's segmenter: jieba (HMM off) with the legal-term dictionary of corpus/terms.csv.

    Imported on first use: loading jieba and the corpus package takes about a second, which
    opening the store or listing consultations should not pay.
    """
    from commenting.corpus import facts
    from commenting.corpus.segment import Segmenter

    return Segmenter(facts.terms())


def index_tokens(text: str) -> str:
    """What the FTS index stores for ``text``: its words plus their dictionary sub-words
    (追诉时效 → 追诉 时效 追诉时效), space-joined."""
    return segmenter().index_text(text or "")


#: index terms of the filters (ASCII words no Chinese text segments into)
META_CONSULTATION, META_SENDER, META_LAW, META_ARTICLE = "cmtk{}", "cmts{}", "cmtl{}", "cmta{}"
# (indexes written before migration 6 also hold a term "cmtwithdrawn"; it is no longer used)


def article_tokens(conn: sqlite3.Connection, draft_id: int | None, no: int, sub: int) -> str:
    """The article's index tokens, segmented once per article (on its first comment) and kept."""
    if draft_id is None:
        return ""
    row = conn.execute(
        "SELECT id, label, text, tokens FROM articles WHERE draft_id=? AND no=? AND sub=? ORDER BY seq LIMIT 1",
        (draft_id, no, sub),
    ).fetchone()
    if row is None:
        return ""
    aid, label, text, tokens = row
    if tokens is None:
        tokens = index_tokens(f"{label} {text}")
        conn.execute("UPDATE articles SET tokens=? WHERE id=?", (tokens, aid))
    return tokens


def sender_id(conn: sqlite3.Connection, name: str) -> int:
    """The id of 来文单位 ``name`` (added when new): its index term is ``cmts<id>``."""
    conn.execute("INSERT OR IGNORE INTO senders (name) VALUES (?)", (name,))
    return conn.execute("SELECT id FROM senders WHERE name=?", (name,)).fetchone()[0]


def law_id(conn: sqlite3.Connection, law: str) -> int:
    """The id of the cited law ``law`` (added when new): its index terms are ``cmtl<id>[a<article>]``."""
    conn.execute("INSERT OR IGNORE INTO cited_laws (law) VALUES (?)", (law,))
    return conn.execute("SELECT id FROM cited_laws WHERE law=?", (law,)).fetchone()[0]


def index_comment(conn: sqlite3.Connection, comment_id: int) -> None:
    """(Re)write the comment's row in the full-text index; called in the transaction that changed it."""
    row = conn.execute(
        "SELECT draft_id, article, sub, quote, original, proposed, reason, basis, kind, consultation_id, status"
        " FROM comments WHERE id=?",
        (comment_id,),
    ).fetchone()
    conn.execute("DELETE FROM comments_fts WHERE rowid=?", (comment_id,))
    if row is None:
        return
    draft_id, article, sub, quote, original, proposed, reason, basis, kind, consultation_id, status = row
    cited = basis_from_json(basis)
    laws = " ".join(f"{b.law}{article_label(b.article)}" if b.article else b.law for b in cited)
    parts = [quote if quote not in original else "", original, proposed, reason, laws, kind]
    body = index_tokens("\n".join(p for p in parts if p))
    context = article_tokens(conn, draft_id, article, sub)
    meta = [META_CONSULTATION.format(consultation_id)]
    sender = conn.execute("SELECT sender FROM consultations WHERE id=?", (consultation_id,)).fetchone()
    if sender and sender[0]:
        meta.append(META_SENDER.format(sender_id(conn, sender[0])))
    for b in cited:
        if b.law:
            lid = law_id(conn, b.law)
            meta.append(META_LAW.format(lid))
            if b.article:
                meta.append(META_LAW.format(f"{lid}a{b.article}"))
        if b.article:
            meta.append(META_ARTICLE.format(b.article))
    conn.execute("INSERT INTO comments_fts(rowid, body, context, meta) VALUES (?, ?, ?, ?)",
                 (comment_id, body, context, " ".join(meta)))


def index_decision(conn: sqlite3.Connection, decision_id: int) -> None:
    """(Re)write a finding decision's row in ``decisions_fts``: a standing 不采纳 is found by the
    words of its reason, the quoted draft text and the finding's message; an undone one, or an
    adoption, has no row (its reason is history, not an answer)."""
    conn.execute("DELETE FROM decisions_fts WHERE rowid=?", (decision_id,))
    row = conn.execute(
        "SELECT reason, quote, message FROM finding_decisions WHERE id=? AND decision='不采纳' AND undone_at IS NULL",
        (decision_id,),
    ).fetchone()
    if row is not None:
        conn.execute("INSERT INTO decisions_fts(rowid, body) VALUES (?, ?)",
                     (decision_id, index_tokens("\n".join(p for p in row if p))))


#: a reindex batch commits after this long (seconds), so that edits waiting for the write lock
#: wait about this long, not for the whole reindex
BATCH_SECONDS = 0.2
#: pause between batches (seconds): a waiting writer polls the lock every 100 ms at most (SQLite's
#: busy handler), so without a pause longer than that the next batch takes the lock again first
#: and the edit starves (measured: 10 s waits with back-to-back batches)
PAUSE_SECONDS = 0.11
#: article rows whose tokens are reset per statement
ARTICLE_BATCH = 2000


def reindex(conn: sqlite3.Connection, transaction: Callable[[], ContextManager[sqlite3.Connection]]) -> int:
    """Re-segment every comment and article in short transactions; returns the comments indexed.

    The old index rows stay searchable until each is rewritten. Articles lose their tokens first
    (recomputed when their comments are indexed, or on their first comment); then comments are
    indexed in batches of about :data:`BATCH_SECONDS` with a pause between them; last, rows of comments that no longer exist
    are dropped. A comment edited meanwhile is indexed by its edit, with the same segmenter.
    """
    segmenter()  # loaded before the first batch takes the write lock
    (top,) = conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()
    for lo in range(0, top + 1, ARTICLE_BATCH):
        with transaction() as tx:
            tx.execute("UPDATE articles SET tokens=NULL WHERE id BETWEEN ? AND ?", (lo, lo + ARTICLE_BATCH - 1))
    done, last, finished = 0, 0, False
    while not finished:
        with transaction() as tx:
            started, first = time.monotonic(), True
            while first or time.monotonic() - started < BATCH_SECONDS:  # at least one per batch
                first = False
                (next_id,) = tx.execute("SELECT min(id) FROM comments WHERE id > ?", (last,)).fetchone()
                if next_id is None:
                    finished = True
                    break
                index_comment(tx, next_id)
                last = next_id
                done += 1
        if not finished:
            time.sleep(PAUSE_SECONDS)
    with transaction() as tx:
        tx.execute("DELETE FROM comments_fts WHERE rowid NOT IN (SELECT id FROM comments)")
    with transaction() as tx:  # decisions are few (a handful per draft): one transaction
        tx.execute("DELETE FROM decisions_fts")
        for (did,) in tx.execute("SELECT id FROM finding_decisions WHERE decision='不采纳' AND undone_at IS NULL"
                                 ).fetchall():
            index_decision(tx, did)
    return done
