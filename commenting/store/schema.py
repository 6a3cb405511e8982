"""The store's schema: numbered migrations from an empty file to the current version.

The version reached is ``PRAGMA user_version``; ``PRAGMA application_id`` marks our files so that
opening or restoring can tell them from any other SQLite file. Migrations run in one transaction:
a failure leaves the file as it was.
"""
from __future__ import annotations

import hashlib
import sqlite3
from typing import Callable, Iterator

from commenting.errors import StoreError
from commenting.store import fts

#: PRAGMA application_id of our files ("CMNT"), so restore can tell our DB from any SQLite file.
APPLICATION_ID = 0x434D4E54

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

# v7: 反馈日期, the day the reply letter went out (the register and the on-time rate need it).
_V7_REPLIED_ON = """
ALTER TABLE consultations ADD COLUMN replied_on TEXT NOT NULL DEFAULT '';
"""

# v8: 单位设置, one row (id 1) of JSON fields, and its change log (who changed which field when).
_V8_OFFICE_PROFILE = """
CREATE TABLE office_profile (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    data TEXT NOT NULL DEFAULT '{}',
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT ''
);
CREATE TABLE office_profile_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    field TEXT NOT NULL,
    before TEXT,
    after TEXT
);
"""

# v9: decisions on review findings (不采纳 with a reason, 采纳 with the comment it made) and the
# batches of 「采纳全部」. A finding is named by its key (rule, article, sub, address, quote), as
# findings are replaced on every review run; undoing sets undone_at/undone_by, no row is deleted.
# decisions_fts: the words of each standing 不采纳 (reason, quote, message), rowid = decision id.
# Adoptions made before v9 (comments from findings, not carried from an earlier round) are recorded.
_V9_FINDING_DECISIONS = """
CREATE TABLE finding_batches (
    id INTEGER PRIMARY KEY,
    draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    scope TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL,
    skipped INTEGER NOT NULL DEFAULT 0,
    undone_at TEXT,
    undone_by TEXT
);
CREATE INDEX finding_batches_draft ON finding_batches(draft_id);
CREATE TABLE finding_decisions (
    id INTEGER PRIMARY KEY,
    draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    rule TEXT NOT NULL,
    article INTEGER NOT NULL,
    sub INTEGER NOT NULL DEFAULT 0,
    address TEXT NOT NULL DEFAULT '',
    quote TEXT NOT NULL DEFAULT '',
    message TEXT NOT NULL DEFAULT '',
    suggestion TEXT NOT NULL DEFAULT '',
    decision TEXT NOT NULL CHECK (decision IN ('采纳', '不采纳')),
    reason TEXT NOT NULL DEFAULT '',
    comment_id INTEGER REFERENCES comments(id) ON DELETE SET NULL,
    batch_id INTEGER REFERENCES finding_batches(id) ON DELETE SET NULL,
    author TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL,
    undone_at TEXT,
    undone_by TEXT
);
CREATE INDEX finding_decisions_draft ON finding_decisions(draft_id, rule, article, sub);
CREATE INDEX finding_decisions_batch ON finding_decisions(batch_id);
CREATE VIRTUAL TABLE decisions_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 0');
INSERT INTO finding_decisions (draft_id, rule, article, sub, address, quote, decision, comment_id, author, at)
    SELECT draft_id, finding_rule, article, sub, coalesce(address, ''), quote, '采纳', id, author, created_at
    FROM comments WHERE finding_rule IS NOT NULL AND draft_id IS NOT NULL
      AND id NOT IN (SELECT new_comment_id FROM comment_carry WHERE new_comment_id IS NOT NULL)
    ORDER BY id;
"""


# v10: the reviewer confirms or corrects what the matcher said of each carried comment. ``state``
# stays the current status (the annual statistics read the adoption rate from it); the matcher's
# own guess moves to ``machine_state``; who confirmed and when, and every change, in carry_log.
# Written to be re-run safely: a file set back to an older version by hand (tests do) keeps its columns.
_V10_CARRY_LOG = """
CREATE TABLE IF NOT EXISTS carry_log (
    id INTEGER PRIMARY KEY,
    comment_id INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
    new_draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL,
    before TEXT,
    after TEXT
);
CREATE INDEX IF NOT EXISTS carry_log_draft ON carry_log(new_draft_id, comment_id);
"""


def _v10_carry_review(conn: sqlite3.Connection) -> None:
    columns = {r[1] for r in conn.execute("PRAGMA table_info(comment_carry)")}
    if "machine_state" not in columns:
        conn.execute("ALTER TABLE comment_carry ADD COLUMN machine_state TEXT NOT NULL DEFAULT ''")
        conn.execute("UPDATE comment_carry SET machine_state = state")
    for name in ("confirmed_by", "confirmed_at"):
        if name not in columns:
            conn.execute(f"ALTER TABLE comment_carry ADD COLUMN {name} TEXT NOT NULL DEFAULT ''")
    for stmt in statements(_V10_CARRY_LOG):
        conn.execute(stmt)


def _v11_bin_hash_review_options(conn: sqlite3.Connection) -> None:
    """v11: the bin (a deleted consultation is kept 30 days: deleted_at, deleted_by), each draft's
    file SHA-256 (a file registered twice is noticed; existing rows backfilled), and the level and
    as-of day the reviewer set on the register form (re-runs of the review use them; '' = guessed
    from the draft / today)."""
    for stmt in (
        "ALTER TABLE consultations ADD COLUMN deleted_at TEXT",
        "ALTER TABLE consultations ADD COLUMN deleted_by TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE drafts ADD COLUMN file_sha256 TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE drafts ADD COLUMN level TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE drafts ADD COLUMN as_of TEXT NOT NULL DEFAULT ''",
        "CREATE INDEX drafts_sha256 ON drafts(file_sha256)",
    ):
        conn.execute(stmt)
    rows = conn.execute("SELECT id, file_bytes FROM drafts WHERE file_bytes IS NOT NULL").fetchall()
    conn.executemany("UPDATE drafts SET file_sha256=? WHERE id=?",
                     [(hashlib.sha256(data).hexdigest(), did) for did, data in rows])


#: (version, SQL script or function of the connection), applied in order inside one transaction.
MIGRATIONS: list[tuple[int, str | Callable[[sqlite3.Connection], None]]] = [
    (1, _V1_CORE),
    (2, _V2_SEARCH),
    (3, _V3_ROUNDS),
    (4, _V4_LETTER_INFO),
    (5, _V5_SEARCH_FILTERS),
    (6, _V6_SENDERS),
    (7, _V7_REPLIED_ON),
    (8, _V8_OFFICE_PROFILE),
    (9, _V9_FINDING_DECISIONS),
    (10, _v10_carry_review),
    (11, _v11_bin_hash_review_options),
]
#: versions after which the search index is rebuilt (once, at the end, with the current code —
#: so a later change of the index must come with its own entry here)
REINDEX_AFTER = {2, 5}
LATEST_VERSION = MIGRATIONS[-1][0]


def statements(script: str) -> Iterator[str]:
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


#: every table of the current schema (a backup missing one is refused)
TABLES = (
    "consultations", "consultation_log", "drafts", "articles", "findings", "comments", "comment_history",
    "comment_versions", "letters", "comment_carry", "letter_info", "comments_fts", "cited_laws", "senders",
    "office_profile", "office_profile_log",
    "finding_batches", "finding_decisions", "decisions_fts",
    "carry_log",
)


def migrate(conn: sqlite3.Connection, name: str) -> None:
    """Bring the open file to :data:`LATEST_VERSION`; the caller holds the write transaction.

    Raises:
        StoreError: the file is newer than this program, or an SQLite file that is not ours.
    """
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    if current > LATEST_VERSION:
        raise StoreError(f"意见库 {name} 的版本（{current}）高于本程序支持的版本（{LATEST_VERSION}），请升级程序")
    if current == 0:
        has_tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
        if has_tables:
            raise StoreError(f"{name} 不是本程序的意见库（没有版本信息）")
    reindex = False
    for version, step in MIGRATIONS:
        if version <= current:
            continue
        if callable(step):
            step(conn)
        else:
            for stmt in statements(step):
                conn.execute(stmt)
        conn.execute(f"PRAGMA user_version = {int(version)}")
        reindex |= version in REINDEX_AFTER
    if reindex:
        for (cid,) in conn.execute("SELECT id FROM comments").fetchall():
            fts.index_comment(conn, cid)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
