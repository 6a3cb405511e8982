"""The store: one SQLite file (WAL) with the user's data — consultations, draft rounds and their
articles, review findings, comments with their full history, exported letters, round carry-over.

All SQL over the user's data lives in this module, so that moving the store to PostgreSQL stays
one module's work. The schema is created and upgraded by the explicit, numbered ``MIGRATIONS``;
the version reached is ``PRAGMA user_version``.

Writes run in ``BEGIN IMMEDIATE`` transactions: a comment edit checks the version it was based on
and writes in the same transaction (``UPDATE … WHERE id=? AND version=?``), so two users editing
the same comment cannot both win — the later one gets :class:`~commenting.errors.StaleEditError`.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import sqlite_utils

from commenting import paths
from commenting.errors import CommentingError, StaleEditError
from commenting.model import (
    COMMENT_KINDS,
    COMMENT_STATUSES,
    CONSULTATION_STATUSES,
    Anomaly,
    Article,
    Basis,
    Comment,
    Consultation,
    Document,
    Finding,
    Heading,
    Item,
    Paragraph,
    Part,
)

#: PRAGMA application_id of our files ("CMNT"), so restore can tell our DB from any SQLite file.
APPLICATION_ID = 0x434D4E54


class StoreError(CommentingError):
    """Something the user asked of the store cannot be done (missing row, bad value, bad file)."""


# ---------------------------------------------------------------- schema

_V1_CORE = """
CREATE TABLE consultations (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    sender TEXT NOT NULL DEFAULT '',
    doc_number TEXT NOT NULL DEFAULT '',
    received TEXT NOT NULL DEFAULT '',
    deadline TEXT NOT NULL DEFAULT '',
    handler TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT '待审查',
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE consultation_log (
    id INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    field TEXT NOT NULL,
    before TEXT,
    after TEXT
);
CREATE INDEX consultation_log_c ON consultation_log(consultation_id);
CREATE TABLE drafts (
    id INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
    round INTEGER NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    file_name TEXT NOT NULL DEFAULT '',
    file_bytes BLOB,
    document TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (consultation_id, round)
);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    no INTEGER NOT NULL,
    sub INTEGER NOT NULL DEFAULT 0,
    label TEXT NOT NULL DEFAULT '',
    chapter TEXT,
    section TEXT,
    text TEXT NOT NULL DEFAULT '',
    paragraphs TEXT NOT NULL DEFAULT '[]',
    address TEXT NOT NULL DEFAULT ''
);
CREATE INDEX articles_draft ON articles(draft_id, no, sub);
CREATE TABLE findings (
    id INTEGER PRIMARY KEY,
    draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    run_at TEXT NOT NULL,
    rule TEXT NOT NULL,
    severity TEXT NOT NULL,
    article INTEGER NOT NULL,
    sub INTEGER NOT NULL DEFAULT 0,
    address TEXT,
    quote TEXT NOT NULL DEFAULT '',
    message TEXT NOT NULL DEFAULT '',
    suggestion TEXT NOT NULL DEFAULT '',
    proposed TEXT,
    basis TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX findings_draft ON findings(draft_id);
CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
    draft_id INTEGER REFERENCES drafts(id) ON DELETE CASCADE,
    article INTEGER NOT NULL DEFAULT 0,
    sub INTEGER NOT NULL DEFAULT 0,
    address TEXT,
    quote TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT '修改',
    original TEXT NOT NULL DEFAULT '',
    proposed TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    basis TEXT NOT NULL DEFAULT '[]',
    author TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT '草拟',
    finding_rule TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX comments_draft ON comments(draft_id, article, sub);
CREATE INDEX comments_consultation ON comments(consultation_id);
CREATE TABLE comment_history (
    id INTEGER PRIMARY KEY,
    comment_id INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    at TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL,
    field TEXT,
    before TEXT,
    after TEXT
);
CREATE INDEX comment_history_c ON comment_history(comment_id);
CREATE TABLE comment_versions (
    comment_id INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    at TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    data TEXT NOT NULL,
    PRIMARY KEY (comment_id, version)
);
CREATE TABLE letters (
    id INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
    draft_id INTEGER REFERENCES drafts(id) ON DELETE SET NULL,
    kind TEXT NOT NULL DEFAULT 'reply',
    file_name TEXT NOT NULL DEFAULT '',
    file_bytes BLOB,
    comment_versions TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL
);
CREATE INDEX letters_c ON letters(consultation_id);
"""

_V3_ROUNDS = """
CREATE TABLE comment_carry (
    id INTEGER PRIMARY KEY,
    comment_id INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
    old_draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    new_draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    new_article INTEGER,
    new_sub INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL,
    evidence TEXT NOT NULL DEFAULT '',
    similarity REAL NOT NULL DEFAULT 0,
    new_text TEXT NOT NULL DEFAULT '',
    new_comment_id INTEGER REFERENCES comments(id) ON DELETE SET NULL,
    at TEXT NOT NULL,
    UNIQUE (comment_id, new_draft_id)
);
CREATE INDEX comment_carry_new ON comment_carry(new_draft_id);
"""


# v2: the first search index (comment text + article text, jieba tokens space-joined): FTS5's own
# tokenizers cannot find a two-character word such as 听证 inside a run of Chinese, so text is
# segmented in Python and unicode61 only splits on the spaces. Replaced by v5; kept so that the
# numbered history stays what older files went through.
_V2_SEARCH = """
ALTER TABLE articles ADD COLUMN tokens TEXT;
CREATE VIRTUAL TABLE comments_fts USING fts5(body, context, tokenize = 'unicode61 remove_diacritics 0');
"""

_V4_LETTER_INFO = """
CREATE TABLE letter_info (
    consultation_id INTEGER PRIMARY KEY REFERENCES consultations(id) ON DELETE CASCADE,
    data TEXT NOT NULL DEFAULT '{}',
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT ''
);
"""

# v5: the filters become index terms (column ``meta``: consultation, cited law and article,
# withdrawn) so that FTS5 intersects them itself instead of SQL checking every match; the corpus
# segmenter (legal-term dictionary) replaces plain jieba, so article tokens are recomputed.
_V5_SEARCH_FILTERS = """
DROP TABLE IF EXISTS comments_fts;
DROP TABLE IF EXISTS comment_basis;
DROP TABLE IF EXISTS cited_laws;
CREATE VIRTUAL TABLE comments_fts USING fts5(body, context, meta, tokenize = 'unicode61 remove_diacritics 0');
CREATE TABLE cited_laws (id INTEGER PRIMARY KEY, law TEXT NOT NULL UNIQUE);
CREATE INDEX IF NOT EXISTS comments_created ON comments(created_at);
UPDATE articles SET tokens = NULL;
"""

# v6: 来文单位 as one index term per distinct sender (a sender with hundreds of consultations made
# the sender filter an OR of hundreds of terms). Added to the indexed rows in place (META_SENDER),
# without segmenting the text again.
_V6_SENDERS = """
CREATE TABLE senders (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
INSERT OR IGNORE INTO senders (name) SELECT DISTINCT sender FROM consultations WHERE sender != '';
UPDATE comments_fts SET meta = meta || ' cmts' || (
    SELECT s.id FROM comments c JOIN consultations k ON k.id = c.consultation_id JOIN senders s ON s.name = k.sender
    WHERE c.id = comments_fts.rowid)
WHERE rowid IN (SELECT c.id FROM comments c JOIN consultations k ON k.id = c.consultation_id WHERE k.sender != '');
"""

#: (version, SQL script or function of the connection), applied in order inside one transaction.
MIGRATIONS: list[tuple[int, str | Callable[[sqlite3.Connection], None]]] = [
    (1, _V1_CORE),
    (2, _V2_SEARCH),
    (3, _V3_ROUNDS),
    (4, _V4_LETTER_INFO),
    (5, _V5_SEARCH_FILTERS),
    (6, _V6_SENDERS),
]
#: versions after which the search index is rebuilt (once, at the end, with the current code —
#: so a later change of the index must come with its own entry here)
REINDEX_AFTER = {2, 5}
LATEST_VERSION = MIGRATIONS[-1][0]


def _statements(script: str) -> Iterator[str]:
    """Split a script into statements (executescript would commit our transaction)."""
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                yield buf
            buf = ""
    if buf.strip():
        yield buf


# ---------------------------------------------------------------- small helpers


def _now() -> str:
    return dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")


def _basis_to_json(basis: Iterable[Basis | dict]) -> str:
    out = []
    for b in basis or []:
        d = asdict(b) if isinstance(b, Basis) else dict(b)
        out.append({k: d.get(k) for k in ("law", "article", "paragraph", "item")})
    return json.dumps(out, ensure_ascii=False)


def _basis_from_json(text: str | None) -> list[Basis]:
    return [_build(Basis, d) for d in json.loads(text or "[]")]


def _parse_date(s: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(s.strip()[:10]) if s and s.strip() else None
    except ValueError:
        return None


def days_left(c: Consultation, today: dt.date | None = None) -> int | None:
    """Days from ``today`` to the feedback deadline (negative when past); None without a deadline."""
    d = _parse_date(c.deadline)
    if d is None:
        return None
    return (d - (today or dt.date.today())).days


#: a deadline this close (days) is flagged as due soon
SOON_DAYS = 3


def deadline_state(c: Consultation, today: dt.date | None = None) -> str:
    """"overdue" | "soon" (within 3 days) | "ok". Answered consultations are never overdue."""
    if c.status in ("已反馈", "无意见"):
        return "ok"
    n = days_left(c, today)
    if n is None:
        return "ok"
    if n < 0:
        return "overdue"
    if n <= SOON_DAYS:
        return "soon"
    return "ok"


# -- Document ⇄ JSON (lossless: dataclasses.asdict out, nested constructors in)


def document_to_json(doc: Document) -> str:
    return json.dumps(asdict(doc), ensure_ascii=False)


def _build(cls, d: dict, **nested):
    """``cls(**d)`` ignoring keys the class no longer has (JSON written by an older or newer model)."""
    known = {f.name for f in fields(cls)}
    return cls(**{**{k: v for k, v in d.items() if k in known}, **nested})


def _item(d: dict) -> Item:
    return _build(Item, d, children=[_item(c) for c in d.get("children") or []])


def _paragraph(d: dict) -> Paragraph:
    return _build(Paragraph, d, items=[_item(i) for i in d.get("items") or []])


def _article(d: dict) -> Article:
    return _build(Article, d, paragraphs=[_paragraph(p) for p in d.get("paragraphs") or []])


def document_from_json(text: str) -> Document:
    d = json.loads(text)
    return _build(
        Document, d,
        articles=[_article(a) for a in d.get("articles") or []],
        headings=[_build(Heading, h) for h in d.get("headings") or []],
        parts=[_build(Part, p) for p in d.get("parts") or []],
        anomalies=[_build(Anomaly, a) for a in d.get("anomalies") or []],
    )


# ---------------------------------------------------------------- records the store hands out


@dataclass
class Draft:
    """One round of a consultation's draft. Unpacks as ``document, file_bytes = store.get_draft(i)``."""

    id: int
    consultation_id: int
    round: int
    file_name: str
    document: Document
    file_bytes: bytes | None = None
    created_at: str = ""

    def __iter__(self):
        return iter((self.document, self.file_bytes))


@dataclass
class Letter:
    id: int
    consultation_id: int
    draft_id: int | None
    kind: str
    file_name: str
    comment_versions: list[tuple[int, int]] = field(default_factory=list)
    created_at: str = ""
    file_bytes: bytes | None = None


# ---------------------------------------------------------------- FTS maintenance

_COMMENT_INDEXED = ("quote", "original", "proposed", "reason")


def _tokens(text: str) -> str:
    # search owns segmentation; imported late because search imports this module's records
    from commenting.search import index_tokens

    return index_tokens(text)


def _article_tokens(conn: sqlite3.Connection, draft_id: int | None, no: int, sub: int) -> str:
    if draft_id is None:
        return ""
    row = conn.execute(
        "SELECT id, label, text, tokens FROM articles WHERE draft_id=? AND no=? AND sub=? ORDER BY seq LIMIT 1",
        (draft_id, no, sub),
    ).fetchone()
    if row is None:
        return ""
    aid, label, text, tokens = row
    if tokens is None:  # segmented once per article, on its first comment
        tokens = _tokens(f"{label} {text}")
        conn.execute("UPDATE articles SET tokens=? WHERE id=?", (tokens, aid))
    return tokens


#: index terms of the filters (ASCII words no Chinese text segments into)
META_CONSULTATION, META_SENDER, META_LAW, META_ARTICLE = "cmtk{}", "cmts{}", "cmtl{}", "cmta{}"
# (indexes written before migration 6 also hold a term "cmtwithdrawn"; it is no longer used)


def _sender_id(conn: sqlite3.Connection, name: str) -> int:
    conn.execute("INSERT OR IGNORE INTO senders (name) VALUES (?)", (name,))
    return conn.execute("SELECT id FROM senders WHERE name=?", (name,)).fetchone()[0]


def _law_id(conn: sqlite3.Connection, law: str) -> int:
    conn.execute("INSERT OR IGNORE INTO cited_laws (law) VALUES (?)", (law,))
    return conn.execute("SELECT id FROM cited_laws WHERE law=?", (law,)).fetchone()[0]


def _index_comment(conn: sqlite3.Connection, comment_id: int) -> None:
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
    from commenting.numerals import article_label

    cited = _basis_from_json(basis)
    laws = " ".join(f"{b.law}{article_label(b.article)}" if b.article else b.law for b in cited)
    parts = [quote if quote not in original else "", original, proposed, reason, laws, kind]
    body = _tokens("\n".join(p for p in parts if p))
    context = _article_tokens(conn, draft_id, article, sub)
    meta = [META_CONSULTATION.format(consultation_id)]
    sender = conn.execute("SELECT sender FROM consultations WHERE id=?", (consultation_id,)).fetchone()
    if sender and sender[0]:
        meta.append(META_SENDER.format(_sender_id(conn, sender[0])))
    for b in cited:
        if b.law:
            lid = _law_id(conn, b.law)
            meta.append(META_LAW.format(lid))
            if b.article:
                meta.append(META_LAW.format(f"{lid}a{b.article}"))
        if b.article:
            meta.append(META_ARTICLE.format(b.article))
    conn.execute("INSERT INTO comments_fts(rowid, body, context, meta) VALUES (?, ?, ?, ?)",
                 (comment_id, body, context, " ".join(meta)))


# ---------------------------------------------------------------- the store

_COMMENT_COLUMNS = (
    "id, consultation_id, draft_id, article, sub, address, quote, kind, original, proposed, reason, "
    "basis, author, status, finding_rule, version, created_at, updated_at, updated_by"
)
_EDITABLE = ("kind", "original", "proposed", "reason", "basis", "status", "article", "sub", "address", "quote")
_CONSULTATION_FIELDS = ("title", "sender", "doc_number", "received", "deadline", "handler", "status", "notes")


def _comment_from_row(r: sqlite3.Row | tuple) -> Comment:
    (cid, consultation_id, draft_id, article, sub, address, quote, kind, original, proposed, reason, basis,
     author, status, finding_rule, version, created_at, updated_at, updated_by) = r
    return Comment(
        id=cid, consultation_id=consultation_id, draft_id=draft_id, article=article, sub=sub, address=address,
        quote=quote, kind=kind, original=original, proposed=proposed, reason=reason,
        basis=_basis_from_json(basis), author=author, status=status, finding_rule=finding_rule,
        version=version, created_at=created_at, updated_at=updated_at, updated_by=updated_by,
    )


def _field_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return _basis_to_json(value)
    return str(value)


class Store:
    """The user's data in one SQLite file. ``Store()`` opens (creating or upgrading) ``paths.store_db()``."""

    def __init__(self, path: str | Path | None = None, *, timeout: float = 10.0):
        self.path = Path(path) if path is not None else paths.store_db()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # autocommit mode: transactions are ours (BEGIN IMMEDIATE … COMMIT), never implicit
        conn = sqlite3.connect(str(self.path), timeout=timeout, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
            self._lock = threading.RLock()
            self._depth = 0
            self.conn = conn
            self.db = sqlite_utils.Database(conn, execute_plugins=False)
            self._migrate()
        except sqlite3.DatabaseError as err:
            conn.close()
            raise StoreError(f"无法打开意见库 {self.path}：{err}") from err

    # -- plumbing

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; nested calls join the outer one (bulk imports wrap many adds)."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self.conn
                finally:
                    self._depth -= 1
                return
            self.conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self.conn
            except BaseException:
                self._depth = 0
                self.conn.execute("ROLLBACK")
                raise
            self._depth = 0
            self.conn.execute("COMMIT")

    @property
    def version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        if self.version == LATEST_VERSION:
            return
        with self.transaction() as conn:
            current = conn.execute("PRAGMA user_version").fetchone()[0]  # re-read under the lock
            if current > LATEST_VERSION:
                raise StoreError(
                    f"意见库 {self.path} 的版本（{current}）高于本程序支持的版本（{LATEST_VERSION}），请升级程序"
                )
            if current == 0:
                has_tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
                if has_tables:
                    raise StoreError(f"{self.path} 不是本程序的意见库（没有版本信息）")
            reindex = False
            for version, step in MIGRATIONS:
                if version <= current:
                    continue
                if callable(step):
                    step(conn)
                else:
                    for stmt in _statements(step):
                        conn.execute(stmt)
                conn.execute(f"PRAGMA user_version = {int(version)}")
                reindex |= version in REINDEX_AFTER
            if reindex:
                for (cid,) in conn.execute("SELECT id FROM comments").fetchall():
                    _index_comment(conn, cid)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    def _one(self, sql: str, params: Iterable = ()) -> tuple | None:
        return self.conn.execute(sql, tuple(params)).fetchone()

    # ------------------------------------------------------------ consultations

    def add_consultation(self, c: Consultation) -> Consultation:
        if c.status not in CONSULTATION_STATUSES:
            raise StoreError(f"状态「{c.status}」无效，应为：{'、'.join(CONSULTATION_STATUSES)}")
        if not (c.title or "").strip():
            raise StoreError("请填写文件标题")
        now = _now()
        with self.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO consultations (title, sender, doc_number, received, deadline, handler, status, notes,"
                " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (c.title.strip(), c.sender, c.doc_number, c.received, c.deadline, c.handler, c.status, c.notes,
                 now, now),
            )
            cid = cur.lastrowid
            conn.execute(
                "INSERT INTO consultation_log (consultation_id, at, author, field, before, after) VALUES (?,?,?,?,?,?)",
                (cid, now, c.handler, "status", None, c.status),
            )
        return self.get_consultation(cid)

    def get_consultation(self, consultation_id: int, today: dt.date | None = None) -> Consultation:
        row = self._one(
            "SELECT id, title, sender, doc_number, received, deadline, handler, status, notes, created_at, updated_at"
            " FROM consultations WHERE id=?",
            (consultation_id,),
        )
        if row is None:
            raise StoreError(f"征求意见登记不存在（编号 {consultation_id}）")
        return self._consultation(row, today)

    @staticmethod
    def _consultation(row: tuple, today: dt.date | None) -> Consultation:
        cid, title, sender, doc_number, received, deadline, handler, status, notes, created_at, updated_at = row
        c = Consultation(
            id=cid, title=title, sender=sender, doc_number=doc_number, received=received, deadline=deadline,
            handler=handler, status=status, notes=notes, created_at=created_at, updated_at=updated_at,
        )
        c.days_left = days_left(c, today)
        return c

    def list_consultations(self, status: str | None = None, today: dt.date | None = None) -> list[Consultation]:
        """Nearest deadline first (those without one last); each carries ``days_left``."""
        sql = (
            "SELECT id, title, sender, doc_number, received, deadline, handler, status, notes, created_at,"
            " updated_at FROM consultations"
        )
        params: list = []
        if status:
            sql += " WHERE status=?"
            params.append(status)
        sql += " ORDER BY deadline = '', deadline, id"
        return [self._consultation(r, today) for r in self.conn.execute(sql, params)]

    def update_consultation(self, consultation_id: int, author: str = "", **changes: Any) -> Consultation:
        bad = set(changes) - set(_CONSULTATION_FIELDS)
        if bad:
            raise StoreError(f"不能修改登记的字段：{'、'.join(sorted(bad))}")
        if "status" in changes and changes["status"] not in CONSULTATION_STATUSES:
            raise StoreError(f"状态「{changes['status']}」无效，应为：{'、'.join(CONSULTATION_STATUSES)}")
        now = _now()
        with self.transaction() as conn:
            cur = self.get_consultation(consultation_id)
            diffs = {k: v for k, v in changes.items() if getattr(cur, k) != v}
            if not diffs:
                return cur
            sets = ", ".join(f"{k}=?" for k in diffs)
            conn.execute(
                f"UPDATE consultations SET {sets}, updated_at=? WHERE id=?",
                (*diffs.values(), now, consultation_id),
            )
            if "sender" in diffs:  # the sender is an index term of each of its comments
                for (cid,) in conn.execute("SELECT id FROM comments WHERE consultation_id=?",
                                           (consultation_id,)).fetchall():
                    _index_comment(conn, cid)
            for k, v in diffs.items():
                conn.execute(
                    "INSERT INTO consultation_log (consultation_id, at, author, field, before, after)"
                    " VALUES (?,?,?,?,?,?)",
                    (consultation_id, now, author, k, getattr(cur, k), v),
                )
        return self.get_consultation(consultation_id)

    def consultation_history(self, consultation_id: int) -> list[dict]:
        return list(self.db.query(
            "SELECT at, author, field, before, after FROM consultation_log WHERE consultation_id=? ORDER BY id",
            [consultation_id],
        ))

    # ------------------------------------------------------------ drafts and articles

    def add_draft(self, consultation_id: int, document: Document, file_name: str = "",
                  file_bytes: bytes | None = None) -> int:
        """Store a draft round (round number = previous + 1) with its articles; returns the draft id."""
        now = _now()
        with self.transaction() as conn:
            self.get_consultation(consultation_id)
            rnd = conn.execute(
                "SELECT coalesce(max(round), 0) + 1 FROM drafts WHERE consultation_id=?", (consultation_id,)
            ).fetchone()[0]
            cur = conn.execute(
                "INSERT INTO drafts (consultation_id, round, title, file_name, file_bytes, document, created_at)"
                " VALUES (?,?,?,?,?,?,?)",
                (consultation_id, rnd, document.title, file_name or document.source, file_bytes,
                 document_to_json(document), now),
            )
            draft_id = cur.lastrowid
            conn.executemany(
                "INSERT INTO articles (draft_id, seq, no, sub, label, chapter, section, text, paragraphs, address)"
                " VALUES (?,?,?,?,?,?,?,?,?,?)",
                [
                    (draft_id, i, a.no, a.sub, a.label, a.chapter, a.section, a.text,
                     json.dumps([asdict(p) for p in a.paragraphs], ensure_ascii=False), a.address)
                    for i, a in enumerate(document.articles)
                ],
            )
        return draft_id

    def get_draft(self, draft_id: int) -> Draft:
        row = self._one(
            "SELECT id, consultation_id, round, file_name, document, file_bytes, created_at FROM drafts WHERE id=?",
            (draft_id,),
        )
        if row is None:
            raise StoreError(f"草案不存在（编号 {draft_id}）")
        did, cid, rnd, file_name, doc_json, file_bytes, created_at = row
        return Draft(id=did, consultation_id=cid, round=rnd, file_name=file_name,
                     document=document_from_json(doc_json), file_bytes=file_bytes, created_at=created_at)

    def list_drafts(self, consultation_id: int) -> list[dict]:
        """Rounds of a consultation, oldest first: id, round, title, file_name, created_at, articles."""
        return list(self.db.query(
            "SELECT d.id, d.round, d.title, d.file_name, d.created_at,"
            " (SELECT count(*) FROM articles a WHERE a.draft_id = d.id) AS articles"
            " FROM drafts d WHERE d.consultation_id=? ORDER BY d.round",
            [consultation_id],
        ))

    def get_article(self, draft_id: int, no: int, sub: int = 0) -> Article | None:
        row = self._one(
            "SELECT no, sub, label, chapter, section, text, paragraphs, address FROM articles"
            " WHERE draft_id=? AND no=? AND sub=? ORDER BY seq LIMIT 1",
            (draft_id, no, sub),
        )
        if row is None:
            return None
        no, sub, label, chapter, section, text, paragraphs, address = row
        return Article(no=no, sub=sub, label=label, chapter=chapter, section=section, text=text, address=address,
                       paragraphs=[_paragraph(p) for p in json.loads(paragraphs)])

    # ------------------------------------------------------------ findings

    def save_findings(self, draft_id: int, findings: Iterable[Finding]) -> str:
        """Replace the draft's findings with this review run's; returns the run time."""
        now = _now()
        with self.transaction() as conn:
            self.get_draft_info(draft_id)
            conn.execute("DELETE FROM findings WHERE draft_id=?", (draft_id,))
            conn.executemany(
                "INSERT INTO findings (draft_id, seq, run_at, rule, severity, article, sub, address, quote, message,"
                " suggestion, proposed, basis) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (draft_id, i, now, f.rule, f.severity, f.article, f.sub, f.address, f.quote, f.message,
                     f.suggestion, f.proposed, _basis_to_json(f.basis))
                    for i, f in enumerate(findings)
                ],
            )
        return now

    def list_findings(self, draft_id: int) -> list[Finding]:
        rows = self.conn.execute(
            "SELECT rule, severity, article, sub, address, quote, message, suggestion, proposed, basis"
            " FROM findings WHERE draft_id=? ORDER BY seq",
            (draft_id,),
        )
        return [
            Finding(rule=r[0], severity=r[1], article=r[2], sub=r[3], address=r[4], quote=r[5], message=r[6],
                    suggestion=r[7], proposed=r[8], basis=_basis_from_json(r[9]))
            for r in rows
        ]

    def findings_run_at(self, draft_id: int) -> str | None:
        row = self._one("SELECT max(run_at) FROM findings WHERE draft_id=?", (draft_id,))
        return row[0] if row else None

    def get_draft_info(self, draft_id: int) -> dict:
        """id, consultation_id, round, title, file_name, created_at — without the document and bytes."""
        rows = list(self.db.query(
            "SELECT id, consultation_id, round, title, file_name, created_at FROM drafts WHERE id=?", [draft_id]
        ))
        if not rows:
            raise StoreError(f"草案不存在（编号 {draft_id}）")
        return rows[0]

    # ------------------------------------------------------------ comments

    def _check_comment(self, c: Comment) -> None:
        if c.kind not in COMMENT_KINDS:
            raise StoreError(f"意见类型「{c.kind}」无效，应为：{'、'.join(COMMENT_KINDS)}")
        if c.status not in COMMENT_STATUSES:
            raise StoreError(f"意见状态「{c.status}」无效，应为：{'、'.join(COMMENT_STATUSES)}")

    def add_comment(self, c: Comment, *, note: str = "") -> Comment:
        """Save a new comment (version 1). ``note`` is kept in its history (e.g. 「复用自意见 #12」)."""
        self._check_comment(c)
        now = _now()
        with self.transaction() as conn:
            consultation_id = c.consultation_id
            if c.draft_id is not None:
                consultation_id = self.get_draft_info(c.draft_id)["consultation_id"]
            if consultation_id is None:
                raise StoreError("意见必须属于某一征求意见登记或草案")
            self.get_consultation(consultation_id)
            cur = conn.execute(
                "INSERT INTO comments (consultation_id, draft_id, article, sub, address, quote, kind, original,"
                " proposed, reason, basis, author, status, finding_rule, version, created_at, updated_at, updated_by)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,?,?)",
                (consultation_id, c.draft_id, c.article, c.sub, c.address, c.quote, c.kind, c.original, c.proposed,
                 c.reason, _basis_to_json(c.basis), c.author, c.status, c.finding_rule, now, now, c.author),
            )
            cid = cur.lastrowid
            conn.execute(
                "INSERT INTO comment_history (comment_id, version, at, author, action, field, before, after)"
                " VALUES (?,1,?,?,?,NULL,NULL,?)",
                (cid, now, c.author, "创建", note or None),
            )
            saved = self.get_comment(cid)
            self._snapshot(saved, c.author)
            _index_comment(conn, cid)
        return saved

    def _snapshot(self, c: Comment, author: str) -> None:
        self.conn.execute(
            "INSERT INTO comment_versions (comment_id, version, at, author, data) VALUES (?,?,?,?,?)",
            (c.id, c.version, c.updated_at, author, json.dumps(asdict(c), ensure_ascii=False)),
        )

    def get_comment(self, comment_id: int) -> Comment:
        row = self._one(f"SELECT {_COMMENT_COLUMNS} FROM comments WHERE id=?", (comment_id,))
        if row is None:
            raise StoreError(f"意见不存在（编号 {comment_id}）")
        return _comment_from_row(row)

    def get_comments(self, ids: Iterable[int]) -> dict[int, Comment]:
        ids = list(ids)
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(f"SELECT {_COMMENT_COLUMNS} FROM comments WHERE id IN ({marks})", ids)
        return {r[0]: _comment_from_row(r) for r in rows}

    def get_comment_version(self, comment_id: int, version: int) -> Comment:
        """The comment exactly as it was at ``version`` (what a letter exported then contained)."""
        row = self._one("SELECT data FROM comment_versions WHERE comment_id=? AND version=?", (comment_id, version))
        if row is None:
            raise StoreError(f"意见 {comment_id} 没有第 {version} 版")
        d = json.loads(row[0])
        return _build(Comment, d, basis=[_build(Basis, b) for b in d.get("basis") or []])

    def list_comments(self, draft_id: int | None = None, consultation_id: int | None = None,
                      article: int | None = None, status: str | None = None) -> list[Comment]:
        where, params = [], []
        for col, val in (("draft_id", draft_id), ("consultation_id", consultation_id), ("article", article),
                         ("status", status)):
            if val is not None:
                where.append(f"{col}=?")
                params.append(val)
        sql = f"SELECT {_COMMENT_COLUMNS} FROM comments"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY draft_id, article, sub, id"
        return [_comment_from_row(r) for r in self.conn.execute(sql, params)]

    def update_comment(self, comment_id: int, expected_version: int, author: str, **changes: Any) -> Comment:
        """Apply ``changes`` if the comment is still at ``expected_version``; else raise StaleEditError.

        Every changed field is kept in the history (who, when, before → after) and the whole new
        version is snapshotted; the search index follows in the same transaction.
        """
        bad = set(changes) - set(_EDITABLE)
        if bad:
            raise StoreError(f"不能修改意见的字段：{'、'.join(sorted(bad))}")
        if "basis" in changes:
            changes["basis"] = [b if isinstance(b, Basis) else Basis(**b) for b in changes["basis"] or []]
        now = _now()
        with self.transaction() as conn:
            cur = self.get_comment(comment_id)
            if cur.version != expected_version:
                raise self._stale(cur, expected_version)
            probe = Comment(**{**asdict(cur), **changes, "basis": changes.get("basis", cur.basis)})
            self._check_comment(probe)
            diffs = {k: v for k, v in changes.items() if getattr(cur, k) != v}
            if not diffs:
                return cur
            values = [(_basis_to_json(v) if k == "basis" else v) for k, v in diffs.items()]
            sets = ", ".join(f"{k}=?" for k in diffs)
            res = conn.execute(
                f"UPDATE comments SET {sets}, version=version+1, updated_at=?, updated_by=?"
                " WHERE id=? AND version=?",
                (*values, now, author, comment_id, expected_version),
            )
            if res.rowcount != 1:  # cannot happen under BEGIN IMMEDIATE, but never write blind
                raise self._stale(self.get_comment(comment_id), expected_version)
            new_version = expected_version + 1
            conn.executemany(
                "INSERT INTO comment_history (comment_id, version, at, author, action, field, before, after)"
                " VALUES (?,?,?,?,?,?,?,?)",
                [
                    (comment_id, new_version, now, author, "修改", k, _field_text(getattr(cur, k)), _field_text(v))
                    for k, v in diffs.items()
                ],
            )
            saved = self.get_comment(comment_id)
            self._snapshot(saved, author)
            _index_comment(conn, comment_id)
        return saved

    def _stale(self, current: Comment, expected: int) -> StaleEditError:
        who = current.updated_by or current.author or "其他用户"
        err = StaleEditError(
            f"该意见已被 {who} 于 {current.updated_at} 修改（当前为第 {current.version} 版，"
            f"您编辑的是第 {expected} 版），请在最新内容基础上重新编辑"
        )
        err.current = current
        return err

    def comment_history(self, comment_id: int) -> list[dict]:
        """Oldest first: version, at, author, action (创建/修改), field, before, after."""
        return list(self.db.query(
            "SELECT version, at, author, action, field, before, after FROM comment_history"
            " WHERE comment_id=? ORDER BY id",
            [comment_id],
        ))

    def adopt_finding(self, draft_id: int, finding: Finding, author: str) -> Comment:
        """Turn a review finding into a 采纳 comment on the same article
        (the conversion itself is :func:`commenting.comments.comment_from_finding`)."""
        from commenting.comments import comment_from_finding

        comment = comment_from_finding(finding, self.get_draft(draft_id).document, author)
        comment.draft_id = draft_id
        return self.add_comment(comment, note=f"采纳审查发现 {finding.rule}")

    # ------------------------------------------------------------ letters

    def record_letter(self, consultation_id: int, draft_id: int | None, file_name: str,
                      file: bytes | str | Path, comment_versions: Iterable[tuple[int, int]],
                      kind: str = "reply") -> int:
        """Keep an exported file and the exact (comment id, version) pairs it contained."""
        data = file if isinstance(file, (bytes, bytearray)) else Path(file).read_bytes()
        pairs = [[int(c), int(v)] for c, v in comment_versions]
        with self.transaction() as conn:
            self.get_consultation(consultation_id)
            for cid, ver in pairs:
                if self._one("SELECT 1 FROM comment_versions WHERE comment_id=? AND version=?", (cid, ver)) is None:
                    raise StoreError(f"意见 {cid} 没有第 {ver} 版，无法登记该文件")
            cur = conn.execute(
                "INSERT INTO letters (consultation_id, draft_id, kind, file_name, file_bytes, comment_versions,"
                " created_at) VALUES (?,?,?,?,?,?,?)",
                (consultation_id, draft_id, kind, file_name, bytes(data), json.dumps(pairs), _now()),
            )
        return cur.lastrowid

    def get_letter_info(self, consultation_id: int) -> dict[str, str]:
        """The reply letter's own fields for a consultation (主送, 落款, 联系人, 总体意见 …); {} when unset."""
        row = self._one("SELECT data FROM letter_info WHERE consultation_id=?", (consultation_id,))
        return json.loads(row[0]) if row else {}

    def save_letter_info(self, consultation_id: int, author: str = "", **fields: str) -> dict[str, str]:
        """Merge ``fields`` into the consultation's letter fields (each saved as it is typed)."""
        with self.transaction() as conn:
            self.get_consultation(consultation_id)
            data = {**self.get_letter_info(consultation_id), **{k: str(v) for k, v in fields.items()}}
            conn.execute(
                "INSERT INTO letter_info (consultation_id, data, updated_at, updated_by) VALUES (?,?,?,?)"
                " ON CONFLICT(consultation_id) DO UPDATE SET data=excluded.data, updated_at=excluded.updated_at,"
                " updated_by=excluded.updated_by",
                (consultation_id, json.dumps(data, ensure_ascii=False), _now(), author),
            )
        return data

    @staticmethod
    def _letter(r: tuple) -> Letter:
        lid, cid, did, kind, name, versions, created_at, data = r
        return Letter(id=lid, consultation_id=cid, draft_id=did, kind=kind, file_name=name,
                      comment_versions=[tuple(p) for p in json.loads(versions)], created_at=created_at,
                      file_bytes=data)

    def list_letters(self, consultation_id: int) -> list[Letter]:
        rows = self.conn.execute(
            "SELECT id, consultation_id, draft_id, kind, file_name, comment_versions, created_at, file_bytes"
            " FROM letters WHERE consultation_id=? ORDER BY id",
            (consultation_id,),
        )
        return [self._letter(r) for r in rows]

    def get_letter(self, letter_id: int) -> Letter:
        row = self._one(
            "SELECT id, consultation_id, draft_id, kind, file_name, comment_versions, created_at, file_bytes"
            " FROM letters WHERE id=?",
            (letter_id,),
        )
        if row is None:
            raise StoreError(f"反馈函记录不存在（编号 {letter_id}）")
        return self._letter(row)

    # ------------------------------------------------------------ round carry-over (see rounds.py)

    def carry_to_round(self, old_draft_id: int, new_draft_id: int, **kw: Any):
        from commenting.rounds import carry_to_round

        return carry_to_round(self, old_draft_id, new_draft_id, **kw)

    def record_carry(self, old_draft_id: int, new_draft_id: int, results: Iterable[Any]) -> None:
        """Replace the recorded outcome of carrying ``old_draft_id``'s comments to ``new_draft_id``."""
        now = _now()
        with self.transaction() as conn:
            conn.execute("DELETE FROM comment_carry WHERE old_draft_id=? AND new_draft_id=?",
                         (old_draft_id, new_draft_id))
            conn.executemany(
                "INSERT INTO comment_carry (comment_id, old_draft_id, new_draft_id, new_article, new_sub, state,"
                " evidence, similarity, new_text, new_comment_id, at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (r.comment.id, old_draft_id, new_draft_id, r.new_article, r.new_sub, r.state, r.evidence,
                     r.similarity, r.new_text, getattr(r, "new_comment_id", None), now)
                    for r in results
                ],
            )

    def list_carry(self, new_draft_id: int) -> list[dict]:
        """Recorded carry-over into a round: comment_id, old_draft_id, new_article, new_sub, state, evidence, …"""
        return list(self.db.query(
            "SELECT comment_id, old_draft_id, new_article, new_sub, state, evidence, similarity, new_text,"
            " new_comment_id, at FROM comment_carry WHERE new_draft_id=? ORDER BY id",
            [new_draft_id],
        ))

    # ------------------------------------------------------------ search (the FTS SQL; search.py builds the query)

    def reindex(self) -> int:
        """Re-segment every comment and article (after the term dictionary changed); returns the count."""
        with self.transaction() as conn:
            conn.execute("UPDATE articles SET tokens=NULL")
            conn.execute("DELETE FROM comments_fts")
            ids = [r[0] for r in conn.execute("SELECT id FROM comments")]
            for cid in ids:
                _index_comment(conn, cid)
        return len(ids)

    #: relevance ranking looks at most at this many of the newest matches, so that a word found
    #: in tens of thousands of comments still answers in milliseconds
    RANK_WINDOW = 300

    def _id_range(self, date_from: str | None, date_to: str | None) -> tuple[int, int] | None:
        """Comment ids created within the dates (ids grow with created_at, which is set once on
        insert); None when no comment falls in them."""
        lo, hi = 0, 1 << 62
        if date_from:
            row = self._one("SELECT min(id) FROM comments WHERE created_at >= ?", (date_from[:10],))
            if row[0] is None:
                return None
            lo = row[0]
        if date_to:
            row = self._one("SELECT max(id) FROM comments WHERE created_at < date(?, '+1 day')", (date_to[:10],))
            if row[0] is None:
                return None
            hi = row[0]
        return (lo, hi) if lo <= hi else None

    def search_ids(self, match: str | None, *, sender: str | None = None, law: str | None = None,
                   article: int | None = None, date_from: str | None = None, date_to: str | None = None,
                   consultation_id: int | None = None, include_withdrawn: bool = False,
                   limit: int = 20, rank: Callable[[str, str], float] | None = None) -> list[tuple[int, float]]:
        """(comment id, score) best first. ``match`` is an FTS5 expression of the query words
        (search.py builds it safely); the filters are added here as index terms. ``rank(comment
        text, article text)`` scores the newest RANK_WINDOW matches (higher is better; without it,
        newest first). Without words, the newest comments that pass the filters.

        ``sender`` and ``law`` match as substrings (of 来文单位 / the cited law's title),
        ``date_from``/``date_to`` are YYYY-MM-DD on the comment's creation date.
        """
        def any_of(terms: list[str]) -> str:  # filter terms live in column meta only
            return "meta : (" + " OR ".join(f'"{t}"' for t in terms) + ")"

        parts = [f"{{body context}} : ({match})"] if match else []
        if consultation_id is not None:
            parts.append(any_of([META_CONSULTATION.format(int(consultation_id))]))
        if sender:
            ids = [r[0] for r in self.conn.execute("SELECT id FROM senders WHERE name LIKE ?", (f"%{sender}%",))]
            if not ids:
                return []
            parts.append(any_of([META_SENDER.format(i) for i in ids]))
        if law:
            lids = [r[0] for r in self.conn.execute("SELECT id FROM cited_laws WHERE law LIKE ?", (f"%{law}%",))]
            if not lids:
                return []
            keys = [f"{i}a{int(article)}" if article is not None else i for i in lids]
            parts.append(any_of([META_LAW.format(k) for k in keys]))
        elif article is not None:
            parts.append(any_of([META_ARTICLE.format(int(article))]))
        rng = self._id_range(date_from, date_to)
        if rng is None:
            return []
        lo, hi = rng
        try:
            if not parts:  # no words, no filters: simply the newest
                sql = "SELECT id, 0.0 FROM comments WHERE id BETWEEN ? AND ?"
                if not include_withdrawn:
                    sql += " AND status != '撤回'"
                rows = self.conn.execute(sql + " ORDER BY id DESC LIMIT ?", (lo, hi, int(limit)))
                return [(r[0], r[1]) for r in rows]
            expr = " AND ".join(parts)
            # withdrawn comments are left out by a join (cheaper than a NOT inside the match);
            # CROSS JOIN keeps FTS5 the outer loop
            live = "" if include_withdrawn else " AND c.status != '撤回'"
            base = ("FROM comments_fts f CROSS JOIN comments c ON c.id = f.rowid"
                    f" WHERE f.comments_fts MATCH ? AND f.rowid BETWEEN ? AND ?{live}")
            if not match:  # filters only: newest first
                rows = self.conn.execute(f"SELECT f.rowid, 0.0 {base} ORDER BY f.rowid DESC LIMIT ?",
                                         (expr, lo, hi, int(limit)))
                return [(r[0], r[1]) for r in rows]
            # rank the newest RANK_WINDOW matches: find the rowid where that window starts (FTS5
            # walks rowids in order and stops there), then score the window's texts with ``rank``.
            # Not bm25(): it counts every match of every phrase for its IDF, which costs tens of
            # milliseconds for a common word at 100,000 comments.
            edge = self._one(
                "SELECT rowid FROM comments_fts WHERE comments_fts MATCH ? AND rowid BETWEEN ? AND ?"
                " ORDER BY rowid DESC LIMIT 1 OFFSET ?",
                (expr, lo, hi, self.RANK_WINDOW - 1),
            )
            start = max(lo, edge[0]) if edge else lo
            if rank is None:
                rows = self.conn.execute(f"SELECT f.rowid, 0.0 {base} ORDER BY f.rowid DESC LIMIT ?",
                                         (expr, start, hi, int(limit)))
                return [(r[0], r[1]) for r in rows]
            rows = self.conn.execute(
                "SELECT f.rowid, c.quote, c.original, c.proposed, c.reason, c.basis,"
                " (SELECT a.label || ' ' || a.text FROM articles a WHERE a.draft_id = c.draft_id AND a.no = c.article"
                "  AND a.sub = c.sub ORDER BY a.seq LIMIT 1)"
                f" {base} ORDER BY f.rowid DESC",
                (expr, start, hi),
            ).fetchall()
            # the basis JSON as is: its law titles are plain text in it (ensure_ascii=False)
            scored = [(r[0], rank("\n".join(r[1:6]), r[6] or "")) for r in rows]
            scored.sort(key=lambda x: (-x[1], -x[0]))
            return scored[: int(limit)]
        except sqlite3.OperationalError as err:  # a malformed MATCH must never reach the user as a crash
            raise StoreError(f"检索式无法执行：{err}") from err

    def hit_contexts(self, ids: Iterable[int]) -> dict[int, dict]:
        """For each comment id: consultation title/sender/received, draft round, article label and text."""
        ids = list(ids)
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self.db.query(
            "SELECT c.id AS comment_id, k.id AS consultation_id, k.title AS consultation_title, k.sender,"
            " k.doc_number, k.received, d.round AS draft_round,"
            " (SELECT a.label FROM articles a WHERE a.draft_id = c.draft_id AND a.no = c.article AND a.sub = c.sub"
            "  ORDER BY a.seq LIMIT 1) AS article_label,"
            " (SELECT a.text FROM articles a WHERE a.draft_id = c.draft_id AND a.no = c.article AND a.sub = c.sub"
            "  ORDER BY a.seq LIMIT 1) AS article_text"
            f" FROM comments c JOIN consultations k ON k.id = c.consultation_id"
            f" LEFT JOIN drafts d ON d.id = c.draft_id WHERE c.id IN ({marks})",
            ids,
        )
        return {r["comment_id"]: r for r in rows}

    # ------------------------------------------------------------ backup / restore

    def backup(self, dest: str | Path) -> Path:
        """One consistent copy of the whole store (SQLite online backup), safe while others write."""
        dest = Path(dest)
        dest.parent.mkdir(parents=True, exist_ok=True)
        if dest.resolve() == self.path.resolve():
            raise StoreError("备份文件不能是意见库本身")
        tmp = dest.with_name(dest.name + ".part")
        tmp.unlink(missing_ok=True)
        out = sqlite3.connect(str(tmp))
        try:
            self.conn.backup(out)
            out.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
        finally:
            out.close()
        tmp.replace(dest)
        return dest

    def counts(self) -> dict[str, int]:
        names = ("consultations", "drafts", "articles", "findings", "comments", "comment_history", "letters")
        return {n: self.conn.execute(f"SELECT count(*) FROM {n}").fetchone()[0] for n in names}


def check_backup(path: str | Path) -> int:
    """Validate that ``path`` is a store file this program can open; returns its schema version."""
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"找不到备份文件：{path}")
    with path.open("rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise StoreError(f"{path.name} 不是意见库备份文件（不是 SQLite 数据库）")
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise StoreError(f"{path.name} 不是本程序的意见库备份")
        if version > LATEST_VERSION:
            raise StoreError(f"备份文件的版本（{version}）高于本程序支持的版本（{LATEST_VERSION}），请升级程序")
        if version < 1:
            raise StoreError(f"{path.name} 的版本信息无效")
        ok = conn.execute("PRAGMA quick_check").fetchone()[0]
        if ok != "ok":
            raise StoreError(f"备份文件已损坏：{ok}")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        missing = {"consultations", "drafts", "comments", "comment_history"} - tables
        if missing:
            raise StoreError(f"{path.name} 缺少数据表：{'、'.join(sorted(missing))}")
    except sqlite3.DatabaseError as err:
        raise StoreError(f"{path.name} 无法读取：{err}") from err
    finally:
        conn.close()
    return version


def restore(src: str | Path, db_path: str | Path | None = None) -> Path | None:
    """Replace the store with the backup ``src`` after validating it; returns where the replaced
    store was saved (None when there was none). The restored file is upgraded to the current schema."""
    check_backup(src)
    target = Path(db_path) if db_path is not None else paths.store_db()
    saved = None
    if target.exists():
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        saved = target.with_name(f"{target.stem}.replaced-{stamp}{target.suffix}")
        n = 1
        while saved.exists():
            n += 1
            saved = target.with_name(f"{target.stem}.replaced-{stamp}-{n}{target.suffix}")
        with Store(target) as cur:
            cur.backup(saved)
    source = sqlite3.connect(f"file:{Path(src)}?mode=ro", uri=True)
    dest = sqlite3.connect(str(target), timeout=30)
    try:
        source.backup(dest)  # page-level copy, coordinated with any open connection's locks
    finally:
        source.close()
        dest.close()
    Store(target).close()  # applies newer migrations to an older backup
    return saved


# ---------------------------------------------------------------- CLI: python -m commenting store …


def add_arguments(parser) -> None:
    parser.add_argument("--db", default=None, help="意见库文件（默认 data/store.db 或 COMMENTING_STORE_DB）")
    sub = parser.add_subparsers(dest="store_command", metavar="操作")
    sp = sub.add_parser("backup", help="把整个意见库备份为一个文件")
    sp.add_argument("file", help="备份文件路径")
    sp = sub.add_parser("restore", help="用备份文件替换意见库（原库另存一份）")
    sp.add_argument("file", help="备份文件路径")
    sub.add_parser("info", help="显示意见库位置、版本和各类记录数")
    sub.add_parser("reindex", help="重建历史意见检索索引（词典更新后使用）")


def cli_run(args) -> int:
    db = Path(args.db) if getattr(args, "db", None) else None
    cmd = getattr(args, "store_command", None)
    if cmd == "backup":
        with Store(db) as s:
            dest = s.backup(args.file)
            n = s.counts()
        print(f"已备份意见库到 {dest}（{n['consultations']} 件登记，{n['comments']} 条意见）")
        return 0
    if cmd == "restore":
        version = check_backup(args.file)
        saved = restore(args.file, db)
        if saved:
            print(f"原意见库已另存为 {saved}")
        with Store(db) as s:
            n = s.counts()
        print(f"已从 {args.file} 恢复意见库（备份版本 {version}，{n['consultations']} 件登记，{n['comments']} 条意见）")
        return 0
    if cmd == "reindex":
        with Store(db) as s:
            n = s.reindex()
        print(f"已重建检索索引：{n} 条意见")
        return 0
    if cmd == "info" or cmd is None:
        with Store(db) as s:
            n = s.counts()
            print(f"意见库：{s.path}（版本 {s.version}）")
        labels = {"consultations": "征求意见登记", "drafts": "草案（各轮）", "articles": "条文", "findings": "审查发现",
                  "comments": "意见", "comment_history": "意见修改记录", "letters": "导出文件"}
        for k, v in n.items():
            print(f"  {labels[k]}：{v}")
        return 0
    raise StoreError(f"未知操作：{cmd}")
