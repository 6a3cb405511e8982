"""The Store: every read and write of the user's data, as methods over one SQLite file.

All SQL over the user's data lives in this package, so that moving the store to PostgreSQL stays
one package's work. Writes run in ``BEGIN IMMEDIATE`` transactions: a comment edit checks the
version it was based on and writes in the same transaction (``UPDATE … WHERE id=? AND version=?``),
so two users editing the same comment cannot both win — the later one gets
:class:`~commenting.errors.StaleEditError`.

Failures of the file or the machine never leave as ``sqlite3`` errors: a lock held longer than the
store waits is :class:`~commenting.errors.StoreBusyError`, a full disk
:class:`~commenting.errors.StoreFullError`, others :class:`~commenting.errors.StoreError`, each
with a one-line Chinese message; the transaction they interrupted is rolled back whole.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Protocol

import sqlite_utils

from commenting import paths
from commenting.errors import StaleEditError, StoreError
from commenting.model import (
    CARRY_STATES,
    COMMENT_KINDS,
    COMMENT_STATUSES,
    CONSULTATION_STATUSES,
    Article,
    Basis,
    Comment,
    Consultation,
    Document,
    Finding,
)
from commenting.profile import OfficeProfile
from commenting.profile import problems as profile_problems
from commenting.store import fts, schema
from commenting.store.backup import backup_file, table_counts
from commenting.store.codec import (
    COMMENT_COLUMNS,
    basis_from_json,
    basis_to_json,
    comment_from_json,
    comment_from_row,
    comment_to_json,
    document_from_json,
    document_to_json,
    field_text,
    now,
    paragraph_from_dict,
    paragraphs_to_json,
)
from commenting.store.deadlines import days_left
from commenting.store.decisions import DecisionsMixin
from commenting.store.faults import StoreConnection, with_retry

#: how long (seconds) an operation waits for another writer's lock before StoreBusyError
BUSY_TIMEOUT = 10.0

_EDITABLE = ("kind", "original", "proposed", "reason", "basis", "status", "article", "sub", "address", "quote")
_CONSULTATION_FIELDS = (
    "title", "sender", "doc_number", "received", "deadline", "handler", "status", "notes", "replied_on",
)

#: days a deleted consultation stays in the bin (回收站) before it is purged for good
BIN_DAYS = 30

#: SQL condition of a consultation that is not in the bin
_LIVE = "deleted_at IS NULL"

#: the columns read into a :class:`Consultation`, in the order of its constructor's keywords
_CONSULTATION_COLUMNS = "id, " + ", ".join(_CONSULTATION_FIELDS) + ", created_at, updated_at"


#: consultations in the bin (their comments are left out of search)
_BINNED = "SELECT id FROM consultations WHERE deleted_at IS NOT NULL"


def file_hash(data: bytes) -> str:
    """SHA-256 (hex) of a draft's file bytes: the same file registered twice has the same one."""
    return hashlib.sha256(bytes(data)).hexdigest()


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
    """An exported file (reply letter or marked-up draft) and the comment versions it contained."""

    id: int
    consultation_id: int
    draft_id: int | None
    kind: str
    file_name: str
    comment_versions: list[tuple[int, int]] = field(default_factory=list)
    created_at: str = ""
    file_bytes: bytes | None = None


@dataclass
class BinEntry:
    """A consultation in the bin (回收站): who deleted it, when, and the day it will be purged."""

    consultation: Consultation
    deleted_at: str
    deleted_by: str
    purge_on: str  # YYYY-MM-DD: from this day on it is removed for good


@dataclass
class DuplicateDraft:
    """An earlier registration of the same file (same SHA-256 of its bytes)."""

    consultation_id: int
    title: str
    round: int
    file_name: str
    created_at: str


class CarryRecord(Protocol):
    """What :meth:`Store.record_carry` reads of each outcome (see :mod:`commenting.rounds`)."""

    comment: Comment
    new_article: int | None
    new_sub: int
    state: str
    evidence: str
    similarity: float
    new_text: str
    new_comment_id: int | None


# ---------------------------------------------------------------- the store


class Store(DecisionsMixin):
    """The user's data in one SQLite file (WAL), opened, created or upgraded on construction.

    Args:
        path: the store file (default ``paths.store_db()``: data/store.db or COMMENTING_STORE_DB).
        timeout: seconds to wait for another writer's lock before :class:`StoreBusyError`
            (default :data:`BUSY_TIMEOUT`).

    Raises:
        StoreError: the file cannot be opened, is not a store of this program, or is newer than it.

    Attributes:
        path: the store file.
        timeout: the lock wait, seconds.
        conn: the connection (autocommit; environmental failures raise store errors).
        db: a ``sqlite_utils.Database`` over ``conn``, for queries returning dicts.

    Use as a context manager (``with Store(path) as s: …``) or call :meth:`close`. One Store may be
    shared by threads; its writes are serialised. Decisions on findings (采纳/不采纳, 采纳全部, their
    undo and counts) and comment versions come from :class:`~commenting.store.decisions.DecisionsMixin`.
    """

    def __init__(self, path: str | Path | None = None, *, timeout: float | None = None):
        self.path = Path(path) if path is not None else paths.store_db()
        self.timeout = BUSY_TIMEOUT if timeout is None else float(timeout)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # autocommit mode: transactions are ours (BEGIN IMMEDIATE … COMMIT), never implicit
        conn = sqlite3.connect(str(self.path), timeout=self.timeout, isolation_level=None,
                               check_same_thread=False, factory=StoreConnection)
        conn.store_path = self.path
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute(f"PRAGMA busy_timeout={int(self.timeout * 1000)}")
            self._lock = threading.RLock()
            self._depth = 0
            self.conn = conn
            self.db = sqlite_utils.Database(conn, execute_plugins=False)
            self._migrate()
            self.purge_bin()
        except StoreError:
            conn.close()
            raise
        except sqlite3.DatabaseError as err:  # a migration step failed: the file is left as it was
            conn.close()
            raise StoreError(f"无法打开意见库 {self.path}：{err}") from err

    # -- plumbing

    def close(self) -> None:
        """Close the connection (uncommitted work is rolled back)."""
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; nested calls join the outer one (bulk imports wrap many adds).

        Yields:
            The connection, inside ``BEGIN IMMEDIATE``. Committed when the block ends, rolled back
            whole when it raises.

        Raises:
            StoreBusyError: another writer held the lock for longer than ``timeout`` (the lock is
                tried again with backoff until then).
            StoreFullError: the disk filled up; nothing of the block was written.
        """
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self.conn
                finally:
                    self._depth -= 1
                return
            with_retry(lambda: self.conn.execute("BEGIN IMMEDIATE"), self.timeout)
            self._depth = 1
            try:
                yield self.conn
                self.conn.execute("COMMIT")
            except BaseException:
                # SQLite may already have rolled back (a full disk does); never leave it open
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            finally:
                self._depth = 0

    @property
    def version(self) -> int:
        """The schema version of the file (``PRAGMA user_version``)."""
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        if self.version == schema.LATEST_VERSION:
            return
        with self.transaction() as conn:
            schema.migrate(conn, str(self.path))  # re-reads the version under the lock

    def _one(self, sql: str, params: Iterable = ()) -> tuple | None:
        return self.conn.execute(sql, tuple(params)).fetchone()

    # ------------------------------------------------------------ consultations

    @staticmethod
    def _check_consultation(c: Consultation) -> None:
        if c.status not in CONSULTATION_STATUSES:
            raise StoreError(f"状态「{c.status}」无效，应为：{'、'.join(CONSULTATION_STATUSES)}")
        if not (c.title or "").strip():
            raise StoreError("请填写文件标题")

    @staticmethod
    def _insert_consultation(conn: sqlite3.Connection, c: Consultation, at: str) -> int:
        cur = conn.execute(
            "INSERT INTO consultations (title, sender, doc_number, received, deadline, handler, status, notes,"
            " replied_on, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (c.title.strip(), c.sender, c.doc_number, c.received, c.deadline, c.handler, c.status, c.notes,
             c.replied_on, at, at),
        )
        conn.execute(
            "INSERT INTO consultation_log (consultation_id, at, author, field, before, after) VALUES (?,?,?,?,?,?)",
            (cur.lastrowid, at, c.handler, "status", None, c.status),
        )
        return cur.lastrowid

    def add_consultation(self, c: Consultation) -> Consultation:
        """Register a consultation (征求意见登记); its first status is logged as set by its handler.

        Args:
            c: the consultation; ``id``, ``created_at`` and ``updated_at`` are ignored.

        Returns:
            The consultation as stored, with its new ``id`` and ``days_left``.

        Raises:
            StoreError: empty title or unknown status (and the store errors of :meth:`transaction`).
        """
        self._check_consultation(c)
        with self.transaction() as conn:
            cid = self._insert_consultation(conn, c, now())
        return self.get_consultation(cid)

    def get_consultation(self, consultation_id: int, today: dt.date | None = None) -> Consultation:
        """One consultation.

        Args:
            consultation_id: its id.
            today: the reference day for ``days_left`` (default: today).

        Raises:
            StoreError: no consultation has this id.
        """
        row = self._one(
            f"SELECT {_CONSULTATION_COLUMNS} FROM consultations WHERE id=?",
            (consultation_id,),
        )
        if row is None:
            raise StoreError(f"征求意见登记不存在（编号 {consultation_id}）")
        return self._consultation(row, today)

    @staticmethod
    def _consultation(row: tuple, today: dt.date | None) -> Consultation:
        c = Consultation(**dict(zip(_CONSULTATION_COLUMNS.split(", "), row)))
        c.days_left = days_left(c, today)
        return c

    def list_consultations(self, status: str | None = None, today: dt.date | None = None) -> list[Consultation]:
        """All consultations not in the bin, nearest deadline first (those without one last).

        Args:
            status: only those with this status (default: all).
            today: the reference day for each one's ``days_left``.
        """
        sql = f"SELECT {_CONSULTATION_COLUMNS} FROM consultations WHERE {_LIVE}"
        params: list = []
        if status:
            sql += " AND status=?"
            params.append(status)
        sql += " ORDER BY deadline = '', deadline, id"
        return [self._consultation(r, today) for r in self.conn.execute(sql, params).fetchall()]

    def update_consultation(self, consultation_id: int, author: str = "", **changes: Any) -> Consultation:
        """Change fields of a consultation; each change is logged (who, when, before → after).

        Args:
            consultation_id: its id.
            author: who changes it (kept in the log).
            **changes: any of title, sender, doc_number, received, deadline, handler, status, notes.

        Returns:
            The consultation as stored afterwards (unchanged when no value differs).

        Raises:
            StoreError: unknown consultation, a field that cannot be changed, an unknown status.
        """
        bad = set(changes) - set(_CONSULTATION_FIELDS)
        if bad:
            raise StoreError(f"不能修改登记的字段：{'、'.join(sorted(bad))}")
        if "status" in changes and changes["status"] not in CONSULTATION_STATUSES:
            raise StoreError(f"状态「{changes['status']}」无效，应为：{'、'.join(CONSULTATION_STATUSES)}")
        at = now()
        fts.segmenter()  # loaded (about a second, once) before the write lock is taken
        with self.transaction() as conn:
            cur = self.get_consultation(consultation_id)
            diffs = {k: v for k, v in changes.items() if getattr(cur, k) != v}
            if not diffs:
                return cur
            sets = ", ".join(f"{k}=?" for k in diffs)
            conn.execute(
                f"UPDATE consultations SET {sets}, updated_at=? WHERE id=?",
                (*diffs.values(), at, consultation_id),
            )
            if "sender" in diffs:  # the sender is an index term of each of its comments
                for (cid,) in conn.execute("SELECT id FROM comments WHERE consultation_id=?",
                                           (consultation_id,)).fetchall():
                    fts.index_comment(conn, cid)
            for k, v in diffs.items():
                conn.execute(
                    "INSERT INTO consultation_log (consultation_id, at, author, field, before, after)"
                    " VALUES (?,?,?,?,?,?)",
                    (consultation_id, at, author, k, getattr(cur, k), v),
                )
        return self.get_consultation(consultation_id)

    def consultation_history(self, consultation_id: int) -> list[dict]:
        """The consultation's change log, oldest first: dicts of at, author, field, before, after."""
        return list(self.db.query(
            "SELECT at, author, field, before, after FROM consultation_log WHERE consultation_id=? ORDER BY id",
            [consultation_id],
        ))

    # ------------------------------------------------------------ the bin (回收站)

    def delete_consultation(self, consultation_id: int, author: str = "") -> Consultation:
        """Move a consultation to the bin: hidden from the register, search and the year's figures,
        restorable for :data:`BIN_DAYS` days (:meth:`restore_consultation`), then purged.

        Raises:
            StoreError: unknown consultation, or already in the bin.
        """
        with self.transaction() as conn:
            c = self.get_consultation(consultation_id)
            if self._one("SELECT 1 FROM consultations WHERE id=? AND deleted_at IS NOT NULL", (consultation_id,)):
                raise StoreError(f"《{c.title}》已在回收站中")
            at = now()
            conn.execute("UPDATE consultations SET deleted_at=?, deleted_by=? WHERE id=?", (at, author, consultation_id))
            conn.execute(
                "INSERT INTO consultation_log (consultation_id, at, author, field, before, after) VALUES (?,?,?,?,?,?)",
                (consultation_id, at, author, "deleted", None, "移入回收站"),
            )
        return c

    def restore_consultation(self, consultation_id: int, author: str = "") -> Consultation:
        """Take a consultation out of the bin, as it was.

        Raises:
            StoreError: unknown consultation (or already purged), or not in the bin.
        """
        with self.transaction() as conn:
            c = self.get_consultation(consultation_id)
            if not self._one("SELECT 1 FROM consultations WHERE id=? AND deleted_at IS NOT NULL", (consultation_id,)):
                raise StoreError(f"《{c.title}》不在回收站中")
            conn.execute("UPDATE consultations SET deleted_at=NULL, deleted_by='' WHERE id=?", (consultation_id,))
            conn.execute(
                "INSERT INTO consultation_log (consultation_id, at, author, field, before, after) VALUES (?,?,?,?,?,?)",
                (consultation_id, now(), author, "deleted", "移入回收站", "已恢复"),
            )
        return self.get_consultation(consultation_id)

    def list_bin(self, today: dt.date | None = None) -> list[BinEntry]:
        """The consultations in the bin, most recently deleted first."""
        rows = self.conn.execute(
            f"SELECT {_CONSULTATION_COLUMNS}, deleted_at, deleted_by FROM consultations"
            " WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, id DESC"
        ).fetchall()
        out = []
        for r in rows:
            deleted_at, deleted_by = r[-2], r[-1]
            purge_on = dt.date.fromisoformat(deleted_at[:10]) + dt.timedelta(days=BIN_DAYS)
            out.append(BinEntry(self._consultation(r[:-2], today), deleted_at, deleted_by, purge_on.isoformat()))
        return out

    def purge_bin(self, today: dt.date | None = None) -> int:
        """Remove for good the consultations deleted :data:`BIN_DAYS` or more days before ``today``
        (with their drafts, comments, letters and index rows). Runs when the store is opened.

        Returns:
            How many consultations were purged.
        """
        cutoff = ((today or dt.date.today()) - dt.timedelta(days=BIN_DAYS)).isoformat()
        old = "SELECT id FROM consultations WHERE deleted_at IS NOT NULL AND substr(deleted_at, 1, 10) <= ?"
        if self._one(old, (cutoff,)) is None:  # the usual case: no write lock taken on opening
            return 0
        with self.transaction() as conn:
            ids = [r[0] for r in conn.execute(old, (cutoff,)).fetchall()]
            marks = ",".join("?" * len(ids))
            # the index is a virtual table: no cascade reaches it
            conn.execute(f"DELETE FROM comments_fts WHERE rowid IN (SELECT id FROM comments WHERE consultation_id IN ({marks}))", ids)
            conn.execute(f"DELETE FROM consultations WHERE id IN ({marks})", ids)
        return len(ids)

    # ------------------------------------------------------------ drafts and articles

    @staticmethod
    def _insert_draft(conn: sqlite3.Connection, consultation_id: int, document: Document, file_name: str,
                      file_bytes: bytes | None, at: str, level: str = "", as_of: str = "") -> int:
        rnd = conn.execute(
            "SELECT coalesce(max(round), 0) + 1 FROM drafts WHERE consultation_id=?", (consultation_id,)
        ).fetchone()[0]
        cur = conn.execute(
            "INSERT INTO drafts (consultation_id, round, title, file_name, file_bytes, document, created_at,"
            " file_sha256, level, as_of) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (consultation_id, rnd, document.title, file_name or document.source, file_bytes,
             document_to_json(document), at, file_hash(file_bytes) if file_bytes is not None else "",
             level or "", as_of or ""),
        )
        draft_id = cur.lastrowid
        conn.executemany(
            "INSERT INTO articles (draft_id, seq, no, sub, label, chapter, section, text, paragraphs, address)"
            " VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                (draft_id, i, a.no, a.sub, a.label, a.chapter, a.section, a.text, paragraphs_to_json(a), a.address)
                for i, a in enumerate(document.articles)
            ],
        )
        return draft_id

    def add_draft(self, consultation_id: int, document: Document, file_name: str = "",
                  file_bytes: bytes | None = None, *, level: str = "", as_of: str = "") -> int:
        """Store a new round of a consultation's draft (round number = previous + 1) with its articles.

        Args:
            consultation_id: the consultation it belongs to.
            document: the structured draft.
            file_name: the uploaded file's name (default: ``document.source``).
            file_bytes: the uploaded file itself, kept for the marked-up export.
            level: the draft's level as the reviewer set it ("": guessed from the draft).
            as_of: review against the law in force that day (YYYY-MM-DD; "": today).

        Returns:
            The new draft's id.

        Raises:
            StoreError: unknown consultation.
        """
        with self.transaction() as conn:
            self.get_consultation(consultation_id)
            return self._insert_draft(conn, consultation_id, document, file_name, file_bytes, now(), level, as_of)

    def register_draft(self, consultation: Consultation, document: Document, file_name: str, data: bytes,
                       findings: Iterable[Finding], *, level: str = "", as_of: str = "") -> tuple[Consultation, int]:
        """Register a new consultation with its first draft and that draft's review findings, in ONE
        transaction: after a crash, a full disk or a lock, either all of it is stored or none.

        Args:
            consultation: the consultation to register (``id`` is ignored).
            document: the structured draft.
            file_name: the uploaded file's name.
            data: the uploaded file's bytes.
            findings: the review findings of ``document``.
            level, as_of: the review's options as the reviewer set them (see :meth:`add_draft`).

        Returns:
            ``(consultation as stored with its id, draft id)``.

        Raises:
            StoreError: empty title or unknown status; StoreBusyError / StoreFullError as for
            :meth:`transaction` — in every case nothing was registered.
        """
        self._check_consultation(consultation)
        findings = list(findings)
        at = now()
        with self.transaction() as conn:
            cid = self._insert_consultation(conn, consultation, at)
            draft_id = self._insert_draft(conn, cid, document, file_name, data, at, level, as_of)
            self._insert_findings(conn, draft_id, findings, at)
        return self.get_consultation(cid), draft_id

    def get_draft(self, draft_id: int) -> Draft:
        """One draft round with its document and uploaded bytes.

        Raises:
            StoreError: no draft has this id.
        """
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
        """Rounds of a consultation, oldest first: dicts of id, round, title, file_name, created_at,
        articles (their count)."""
        return list(self.db.query(
            "SELECT d.id, d.round, d.title, d.file_name, d.created_at,"
            " (SELECT count(*) FROM articles a WHERE a.draft_id = d.id) AS articles"
            " FROM drafts d WHERE d.consultation_id=? ORDER BY d.round",
            [consultation_id],
        ))

    def review_options(self, draft_id: int) -> tuple[str | None, str | None]:
        """(level, as_of) the reviewer set for the draft's review; None where the review guesses
        the level from the draft / reviews against today's law.

        Raises:
            StoreError: no draft has this id.
        """
        row = self._one("SELECT level, as_of FROM drafts WHERE id=?", (draft_id,))
        if row is None:
            raise StoreError(f"草案不存在（编号 {draft_id}）")
        return row[0] or None, row[1] or None

    def find_duplicates(self, data: bytes) -> list[DuplicateDraft]:
        """Earlier registrations (not in the bin) of a file with exactly these bytes, oldest first."""
        rows = self.conn.execute(
            "SELECT k.id, k.title, d.round, d.file_name, d.created_at FROM drafts d"
            " JOIN consultations k ON k.id = d.consultation_id"
            " WHERE d.file_sha256=? AND k.deleted_at IS NULL ORDER BY d.id",
            (file_hash(data),),
        ).fetchall()
        return [DuplicateDraft(*r) for r in rows]

    def get_article(self, draft_id: int, no: int, sub: int = 0) -> Article | None:
        """Article ``no`` (``sub``: 之一 = 1 …) of a draft; None when the draft has no such article."""
        row = self._one(
            "SELECT no, sub, label, chapter, section, text, paragraphs, address FROM articles"
            " WHERE draft_id=? AND no=? AND sub=? ORDER BY seq LIMIT 1",
            (draft_id, no, sub),
        )
        if row is None:
            return None
        no, sub, label, chapter, section, text, paragraphs, address = row
        return Article(no=no, sub=sub, label=label, chapter=chapter, section=section, text=text, address=address,
                       paragraphs=[paragraph_from_dict(p) for p in json.loads(paragraphs)])

    def get_draft_info(self, draft_id: int) -> dict:
        """id, consultation_id, round, title, file_name, created_at of a draft — without the document
        and bytes.

        Raises:
            StoreError: no draft has this id.
        """
        rows = list(self.db.query(
            "SELECT id, consultation_id, round, title, file_name, created_at FROM drafts WHERE id=?", [draft_id]
        ))
        if not rows:
            raise StoreError(f"草案不存在（编号 {draft_id}）")
        return rows[0]

    # ------------------------------------------------------------ findings

    @staticmethod
    def _insert_findings(conn: sqlite3.Connection, draft_id: int, findings: list[Finding], at: str) -> None:
        conn.execute("DELETE FROM findings WHERE draft_id=?", (draft_id,))
        conn.executemany(
            "INSERT INTO findings (draft_id, seq, run_at, rule, severity, article, sub, address, quote, message,"
            " suggestion, proposed, basis) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (draft_id, i, at, f.rule, f.severity, f.article, f.sub, f.address, f.quote, f.message,
                 f.suggestion, f.proposed, basis_to_json(f.basis))
                for i, f in enumerate(findings)
            ],
        )

    def save_findings(self, draft_id: int, findings: Iterable[Finding]) -> str:
        """Replace the draft's findings with this review run's.

        Returns:
            The run time (``YYYY-MM-DD HH:MM:SS``), as :meth:`findings_run_at` will answer.

        Raises:
            StoreError: unknown draft.
        """
        findings = list(findings)
        at = now()
        with self.transaction() as conn:
            self.get_draft_info(draft_id)
            self._insert_findings(conn, draft_id, findings, at)
        return at

    def list_findings(self, draft_id: int) -> list[Finding]:
        """The draft's findings from its last review run, in review order."""
        rows = self.conn.execute(
            "SELECT rule, severity, article, sub, address, quote, message, suggestion, proposed, basis"
            " FROM findings WHERE draft_id=? ORDER BY seq",
            (draft_id,),
        ).fetchall()
        return [
            Finding(rule=r[0], severity=r[1], article=r[2], sub=r[3], address=r[4], quote=r[5], message=r[6],
                    suggestion=r[7], proposed=r[8], basis=basis_from_json(r[9]))
            for r in rows
        ]

    def findings_run_at(self, draft_id: int) -> str | None:
        """When the draft was last reviewed; None when it has no findings stored."""
        row = self._one("SELECT max(run_at) FROM findings WHERE draft_id=?", (draft_id,))
        return row[0] if row else None

    # ------------------------------------------------------------ comments

    def _check_comment(self, c: Comment) -> None:
        if c.kind not in COMMENT_KINDS:
            raise StoreError(f"意见类型「{c.kind}」无效，应为：{'、'.join(COMMENT_KINDS)}")
        if c.status not in COMMENT_STATUSES:
            raise StoreError(f"意见状态「{c.status}」无效，应为：{'、'.join(COMMENT_STATUSES)}")

    def add_comment(self, c: Comment, *, note: str = "") -> Comment:
        """Save a new comment as its version 1, with its history entry, snapshot and index row.

        Args:
            c: the comment; it belongs to ``c.draft_id`` (and that draft's consultation) or, for a
                comment on the whole consultation, to ``c.consultation_id``.
            note: kept in the history's 创建 entry (e.g. 「复用自意见 #12」).

        Returns:
            The comment as stored (id, version 1, timestamps).

        Raises:
            StoreError: unknown kind or status, unknown draft or consultation, or neither given.
        """
        self._check_comment(c)
        at = now()
        fts.segmenter()  # loaded (about a second, once) before the write lock is taken
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
                 c.reason, basis_to_json(c.basis), c.author, c.status, c.finding_rule, at, at, c.author),
            )
            cid = cur.lastrowid
            conn.execute(
                "INSERT INTO comment_history (comment_id, version, at, author, action, field, before, after)"
                " VALUES (?,1,?,?,?,NULL,NULL,?)",
                (cid, at, c.author, "创建", note or None),
            )
            saved = self.get_comment(cid)
            self._snapshot(saved, c.author)
            fts.index_comment(conn, cid)
        return saved

    def _snapshot(self, c: Comment, author: str) -> None:
        self.conn.execute(
            "INSERT INTO comment_versions (comment_id, version, at, author, data) VALUES (?,?,?,?,?)",
            (c.id, c.version, c.updated_at, author, comment_to_json(c)),
        )

    def get_comment(self, comment_id: int) -> Comment:
        """The current version of a comment.

        Raises:
            StoreError: no comment has this id.
        """
        row = self._one(f"SELECT {COMMENT_COLUMNS} FROM comments WHERE id=?", (comment_id,))
        if row is None:
            raise StoreError(f"意见不存在（编号 {comment_id}）")
        return comment_from_row(row)

    def get_comments(self, ids: Iterable[int]) -> dict[int, Comment]:
        """Current versions of many comments by id; ids that do not exist are absent from the dict."""
        ids = list(ids)
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(f"SELECT {COMMENT_COLUMNS} FROM comments WHERE id IN ({marks})", ids)
        return {r[0]: comment_from_row(r) for r in rows}

    def get_comment_version(self, comment_id: int, version: int) -> Comment:
        """The comment exactly as it was at ``version`` (what a letter exported then contained).

        Raises:
            StoreError: the comment has no such version.
        """
        row = self._one("SELECT data FROM comment_versions WHERE comment_id=? AND version=?", (comment_id, version))
        if row is None:
            raise StoreError(f"意见 {comment_id} 没有第 {version} 版")
        return comment_from_json(row[0])

    def list_comments(self, draft_id: int | None = None, consultation_id: int | None = None,
                      article: int | None = None, status: str | None = None) -> list[Comment]:
        """Comments passing every filter given (None: any), ordered by draft, article, sub, id."""
        where, params = [], []
        for col, val in (("draft_id", draft_id), ("consultation_id", consultation_id), ("article", article),
                         ("status", status)):
            if val is not None:
                where.append(f"{col}=?")
                params.append(val)
        sql = f"SELECT {COMMENT_COLUMNS} FROM comments"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY draft_id, article, sub, id"
        return [comment_from_row(r) for r in self.conn.execute(sql, params)]

    def update_comment(self, comment_id: int, expected_version: int, author: str, **changes: Any) -> Comment:
        """Apply ``changes`` if the comment is still at ``expected_version``; else raise StaleEditError.

        Every changed field is kept in the history (who, when, before → after) and the whole new
        version is snapshotted; the search index follows in the same transaction.

        Args:
            comment_id: the comment.
            expected_version: the version the edit was based on.
            author: who edits (updated_by, history).
            **changes: any of kind, original, proposed, reason, basis (Basis or dicts), status,
                article, sub, address, quote.

        Returns:
            The comment as stored afterwards (the same version when no value differs).

        Raises:
            StaleEditError: someone saved a newer version meanwhile (``err.current`` is it).
            StoreError: unknown comment, a field that cannot be changed, an invalid kind or status.
        """
        bad = set(changes) - set(_EDITABLE)
        if bad:
            raise StoreError(f"不能修改意见的字段：{'、'.join(sorted(bad))}")
        if "basis" in changes:
            changes["basis"] = [b if isinstance(b, Basis) else Basis(**b) for b in changes["basis"] or []]
        at = now()
        fts.segmenter()  # loaded (about a second, once) before the write lock is taken
        with self.transaction() as conn:
            cur = self.get_comment(comment_id)
            if cur.version != expected_version:
                raise self._stale(cur, expected_version)
            probe = Comment(**{**asdict(cur), **changes, "basis": changes.get("basis", cur.basis)})
            self._check_comment(probe)
            diffs = {k: v for k, v in changes.items() if getattr(cur, k) != v}
            if not diffs:
                return cur
            values = [(basis_to_json(v) if k == "basis" else v) for k, v in diffs.items()]
            sets = ", ".join(f"{k}=?" for k in diffs)
            res = conn.execute(
                f"UPDATE comments SET {sets}, version=version+1, updated_at=?, updated_by=?"
                " WHERE id=? AND version=?",
                (*values, at, author, comment_id, expected_version),
            )
            if res.rowcount != 1:  # cannot happen under BEGIN IMMEDIATE, but never write blind
                raise self._stale(self.get_comment(comment_id), expected_version)
            new_version = expected_version + 1
            conn.executemany(
                "INSERT INTO comment_history (comment_id, version, at, author, action, field, before, after)"
                " VALUES (?,?,?,?,?,?,?,?)",
                [
                    (comment_id, new_version, at, author, "修改", k, field_text(getattr(cur, k)), field_text(v))
                    for k, v in diffs.items()
                ],
            )
            saved = self.get_comment(comment_id)
            self._snapshot(saved, author)
            fts.index_comment(conn, comment_id)
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
        """The comment's history, oldest first: dicts of version, at, author, action (创建/修改),
        field, before, after (the 创建 entry's ``after`` holds its note)."""
        return list(self.db.query(
            "SELECT version, at, author, action, field, before, after FROM comment_history"
            " WHERE comment_id=? ORDER BY id",
            [comment_id],
        ))

    # ------------------------------------------------------------ letters

    def record_letter(self, consultation_id: int, draft_id: int | None, file_name: str,
                      file: bytes | str | Path, comment_versions: Iterable[tuple[int, int]],
                      kind: str = "reply") -> int:
        """Keep an exported file and the exact (comment id, version) pairs it contained.

        Args:
            consultation_id: the consultation the file answers.
            draft_id: the draft round it was made from (None for a letter on the consultation).
            file_name: the file's name as offered for download.
            file: its bytes, or a path to read them from.
            comment_versions: (comment id, version) pairs the file contains.
            kind: ``"reply"`` (反馈函) or another export kind.

        Returns:
            The letter's id.

        Raises:
            StoreError: unknown consultation, or a (comment, version) pair that was never stored.
        """
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
                (consultation_id, draft_id, kind, file_name, bytes(data), json.dumps(pairs), now()),
            )
        return cur.lastrowid

    def get_letter_info(self, consultation_id: int) -> dict[str, str]:
        """The reply letter's own fields for a consultation (主送, 落款, 联系人, 总体意见 …); {} when unset."""
        row = self._one("SELECT data FROM letter_info WHERE consultation_id=?", (consultation_id,))
        return json.loads(row[0]) if row else {}

    def save_letter_info(self, consultation_id: int, author: str = "", **fields: str) -> dict[str, str]:
        """Merge ``fields`` into the consultation's letter fields (each saved as it is typed).

        Returns:
            All letter fields after the merge.

        Raises:
            StoreError: unknown consultation.
        """
        with self.transaction() as conn:
            self.get_consultation(consultation_id)
            data = {**self.get_letter_info(consultation_id), **{k: str(v) for k, v in fields.items()}}
            conn.execute(
                "INSERT INTO letter_info (consultation_id, data, updated_at, updated_by) VALUES (?,?,?,?)"
                " ON CONFLICT(consultation_id) DO UPDATE SET data=excluded.data, updated_at=excluded.updated_at,"
                " updated_by=excluded.updated_by",
                (consultation_id, json.dumps(data, ensure_ascii=False), now(), author),
            )
        return data

    def used_doc_numbers(self, except_consultation: int | None = None) -> list[str]:
        """Our own 发文字号 already given to letters (in their letter fields), of every consultation
        but ``except_consultation``: what the next number must not repeat."""
        rows = self.conn.execute(
            "SELECT json_extract(data, '$.doc_number') FROM letter_info WHERE consultation_id IS NOT ?"
            " AND coalesce(json_extract(data, '$.doc_number'), '') != ''",
            (except_consultation,),
        )
        return [r[0] for r in rows]

    # ------------------------------------------------------------ office profile (单位设置)

    def get_profile(self) -> OfficeProfile:
        """The office profile; every field empty before it was first saved."""
        row = self._one("SELECT data, updated_at, updated_by FROM office_profile WHERE id=1")
        if row is None:
            return OfficeProfile()
        profile = OfficeProfile.from_dict(json.loads(row[0]))
        profile.updated_at, profile.updated_by = row[1], row[2]
        return profile

    def save_profile(self, author: str = "", **fields: str) -> OfficeProfile:
        """Change fields of the office profile; each change is logged (who, when, before → after).

        Args:
            author: who saves it.
            **fields: any of name, department, contact, phone, province, city,
                doc_number_pattern, signature (surrounding spaces are dropped).

        Returns:
            The profile as stored afterwards (unchanged when no value differs).

        Raises:
            StoreError: an unknown field, or values the profile cannot take (a 发文字号 pattern
                without {year} and {n}, a city outside the province …), all named in one message.
        """
        bad = set(fields) - set(OfficeProfile.field_names())
        if bad:
            raise StoreError(f"单位设置没有这些项目：{'、'.join(sorted(bad))}")
        at = now()
        with self.transaction() as conn:
            current = self.get_profile()
            values = {**current.values(), **{k: str(v or "").strip() for k, v in fields.items()}}
            wrong = profile_problems(OfficeProfile(**values))
            if wrong:
                raise StoreError("单位设置未保存：" + "；".join(wrong))
            diffs = {k: v for k, v in values.items() if getattr(current, k) != v}
            if not diffs:
                return current
            conn.execute(
                "INSERT INTO office_profile (id, data, updated_at, updated_by) VALUES (1,?,?,?)"
                " ON CONFLICT(id) DO UPDATE SET data=excluded.data, updated_at=excluded.updated_at,"
                " updated_by=excluded.updated_by",
                (json.dumps(values, ensure_ascii=False), at, author),
            )
            conn.executemany(
                "INSERT INTO office_profile_log (at, author, field, before, after) VALUES (?,?,?,?,?)",
                [(at, author, k, getattr(current, k), v) for k, v in diffs.items()],
            )
        return self.get_profile()

    def profile_history(self) -> list[dict]:
        """The office profile's change log, oldest first: dicts of at, author, field, before, after."""
        return list(self.db.query("SELECT at, author, field, before, after FROM office_profile_log ORDER BY id"))

    @staticmethod
    def _letter(r: tuple) -> Letter:
        lid, cid, did, kind, name, versions, created_at, data = r
        return Letter(id=lid, consultation_id=cid, draft_id=did, kind=kind, file_name=name,
                      comment_versions=[tuple(p) for p in json.loads(versions)], created_at=created_at,
                      file_bytes=data)

    def list_letters(self, consultation_id: int) -> list[Letter]:
        """The consultation's exported files, oldest first, with their bytes."""
        rows = self.conn.execute(
            "SELECT id, consultation_id, draft_id, kind, file_name, comment_versions, created_at, file_bytes"
            " FROM letters WHERE consultation_id=? ORDER BY id",
            (consultation_id,),
        )
        return [self._letter(r) for r in rows]

    def get_letter(self, letter_id: int) -> Letter:
        """One exported file with its bytes.

        Raises:
            StoreError: no letter has this id.
        """
        row = self._one(
            "SELECT id, consultation_id, draft_id, kind, file_name, comment_versions, created_at, file_bytes"
            " FROM letters WHERE id=?",
            (letter_id,),
        )
        if row is None:
            raise StoreError(f"反馈函记录不存在（编号 {letter_id}）")
        return self._letter(row)

    # ------------------------------------------------------------ round carry-over (see rounds.py)

    def record_carry(self, old_draft_id: int, new_draft_id: int, results: Iterable[CarryRecord]) -> None:
        """Record (again) the outcome of carrying ``old_draft_id``'s comments to ``new_draft_id``.

        The matcher's state goes to ``machine_state``; ``state`` follows it unless a reviewer has
        confirmed or corrected it (:meth:`confirm_carry`), which a new run never overrides. A comment
        already carried into the new round keeps its link; comments no longer in ``results`` go.

        Args:
            old_draft_id: the earlier round.
            new_draft_id: the revised round.
            results: one outcome per carried comment (see :func:`commenting.rounds.carry_to_round`).
        """
        at = now()
        results = list(results)
        with self.transaction() as conn:
            ids = [r.comment.id for r in results]
            conn.execute(
                "DELETE FROM comment_carry WHERE old_draft_id=? AND new_draft_id=?"
                f" AND comment_id NOT IN ({','.join('?' * len(ids))})",
                (old_draft_id, new_draft_id, *ids),
            )
            conn.executemany(
                "INSERT INTO comment_carry (comment_id, old_draft_id, new_draft_id, new_article, new_sub, state,"
                " machine_state, evidence, similarity, new_text, new_comment_id, at)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
                " ON CONFLICT(comment_id, new_draft_id) DO UPDATE SET old_draft_id=excluded.old_draft_id,"
                " new_article=excluded.new_article, new_sub=excluded.new_sub,"
                " state=CASE WHEN comment_carry.confirmed_at != '' THEN comment_carry.state ELSE excluded.state END,"
                " machine_state=excluded.machine_state, evidence=excluded.evidence, similarity=excluded.similarity,"
                " new_text=excluded.new_text,"
                " new_comment_id=coalesce(excluded.new_comment_id, comment_carry.new_comment_id), at=excluded.at",
                [
                    (r.comment.id, old_draft_id, new_draft_id, r.new_article, r.new_sub, r.state, r.state,
                     r.evidence, r.similarity, r.new_text, r.new_comment_id, at)
                    for r in results
                ],
            )

    def list_carry(self, new_draft_id: int) -> list[dict]:
        """Recorded carry-over into a round, in recording order: dicts of comment_id, old_draft_id,
        new_article, new_sub, state (the current one: the reviewer's when confirmed), machine_state
        (the matcher's), confirmed_by, confirmed_at ('' until confirmed), evidence, similarity,
        new_text, new_comment_id, at."""
        return list(self.db.query(
            "SELECT comment_id, old_draft_id, new_article, new_sub, state, machine_state, confirmed_by,"
            " confirmed_at, evidence, similarity, new_text, new_comment_id, at FROM comment_carry"
            " WHERE new_draft_id=? ORDER BY id",
            [new_draft_id],
        ))

    def _carry_row(self, comment_id: int, new_draft_id: int) -> dict:
        rows = list(self.db.query(
            "SELECT state, machine_state, new_comment_id FROM comment_carry WHERE comment_id=? AND new_draft_id=?",
            [comment_id, new_draft_id],
        ))
        if not rows:
            raise StoreError(f"意见 {comment_id} 没有承接到该轮草案（编号 {new_draft_id}）的记录，请先比对新稿")
        return rows[0]

    def _log_carry(self, conn: sqlite3.Connection, comment_id: int, new_draft_id: int, at: str, author: str,
                   action: str, before: str | None, after: str | None) -> None:
        conn.execute(
            "INSERT INTO carry_log (comment_id, new_draft_id, at, author, action, before, after)"
            " VALUES (?,?,?,?,?,?,?)",
            (comment_id, new_draft_id, at, author, action, before, after),
        )

    def confirm_carry(self, comment_id: int, new_draft_id: int, state: str, author: str) -> dict:
        """The reviewer confirms (``state`` = the matcher's) or corrects (another state) what became
        of an earlier comment in the round ``new_draft_id``; logged with who and when.

        Returns:
            The carry record afterwards (as in :meth:`list_carry`).

        Raises:
            StoreError: an unknown state, or no such carry record.
        """
        if state not in CARRY_STATES:
            raise StoreError(f"采纳情况「{state}」无效，应为：{'、'.join(CARRY_STATES)}")
        at = now()
        with self.transaction() as conn:
            row = self._carry_row(comment_id, new_draft_id)
            conn.execute(
                "UPDATE comment_carry SET state=?, confirmed_by=?, confirmed_at=? WHERE comment_id=? AND new_draft_id=?",
                (state, author, at, comment_id, new_draft_id),
            )
            action = "确认" if state == row["machine_state"] else "更正"
            self._log_carry(conn, comment_id, new_draft_id, at, author, action, row["state"], state)
        return next(r for r in self.list_carry(new_draft_id) if r["comment_id"] == comment_id)

    def link_carried(self, comment_id: int, new_draft_id: int, new_comment_id: int, author: str) -> None:
        """Note that the earlier comment was carried into the new round as ``new_comment_id``
        (see :func:`commenting.rounds.carry_into_round`, which adds that comment in the same transaction).

        Raises:
            StoreError: no such carry record.
        """
        with self.transaction() as conn:
            self._carry_row(comment_id, new_draft_id)
            conn.execute("UPDATE comment_carry SET new_comment_id=? WHERE comment_id=? AND new_draft_id=?",
                         (new_comment_id, comment_id, new_draft_id))
            self._log_carry(conn, comment_id, new_draft_id, now(), author, "承接", None, str(new_comment_id))

    def carry_log(self, new_draft_id: int) -> list[dict]:
        """Confirmations, corrections and carrying into the round, oldest first: dicts of comment_id,
        at, author, action (确认 / 更正 / 承接), before, after."""
        return list(self.db.query(
            "SELECT comment_id, at, author, action, before, after FROM carry_log WHERE new_draft_id=? ORDER BY id",
            [new_draft_id],
        ))

    # ------------------------------------------------------------ search (the FTS SQL; search.py builds the query)

    def reindex(self) -> int:
        """Re-segment every comment and article (after the term dictionary changed).

        Works in short transactions (about :data:`commenting.store.fts.BATCH_SECONDS` each, with
        a pause between them), so edits made meanwhile wait a moment, not for the whole rebuild
        (bench/bench_store_lock.py); search keeps answering from the old rows until each is
        rewritten.

        Returns:
            The number of comments indexed.
        """
        return fts.reindex(self.conn, self.transaction)

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

        Args:
            match: an FTS5 expression over the words (:func:`commenting.search.match_expression`),
                or None for filters only.
            sender: 来文单位, matched as a substring.
            law: a cited law's title, matched as a substring; ``article`` then narrows to that
                article of it (without ``law``: that article of any cited law).
            date_from, date_to: YYYY-MM-DD, on the comment's creation date.
            consultation_id: only this consultation's comments.
            include_withdrawn: include 撤回 comments.
            limit: at most this many ids.
            rank: scores a match from (comment text, article text); higher is better.

        Returns:
            (comment id, score) pairs, best first (score 0.0 when unranked).

        Raises:
            sqlite3.OperationalError: ``match`` is not a valid FTS5 expression — a bug of the
                caller, which must quote what users type.
        """
        def any_of(terms: list[str]) -> str:  # filter terms live in column meta only
            return "meta : (" + " OR ".join(f'"{t}"' for t in terms) + ")"

        parts = [f"{{body context}} : ({match})"] if match else []
        if consultation_id is not None:
            parts.append(any_of([fts.META_CONSULTATION.format(int(consultation_id))]))
        if sender:
            ids = [r[0] for r in self.conn.execute("SELECT id FROM senders WHERE name LIKE ?", (f"%{sender}%",))]
            if not ids:
                return []
            parts.append(any_of([fts.META_SENDER.format(i) for i in ids]))
        if law:
            lids = [r[0] for r in self.conn.execute("SELECT id FROM cited_laws WHERE law LIKE ?", (f"%{law}%",))]
            if not lids:
                return []
            keys = [f"{i}a{int(article)}" if article is not None else i for i in lids]
            parts.append(any_of([fts.META_LAW.format(k) for k in keys]))
        elif article is not None:
            parts.append(any_of([fts.META_ARTICLE.format(int(article))]))
        rng = self._id_range(date_from, date_to)
        if rng is None:
            return []
        lo, hi = rng
        if not parts:  # no words, no filters: simply the newest
            sql = f"SELECT id, 0.0 FROM comments WHERE id BETWEEN ? AND ? AND consultation_id NOT IN ({_BINNED})"
            if not include_withdrawn:
                sql += " AND status != '撤回'"
            rows = self.conn.execute(sql + " ORDER BY id DESC LIMIT ?", (lo, hi, int(limit)))
            return [(r[0], r[1]) for r in rows]
        expr = " AND ".join(parts)
        # withdrawn comments are left out by a join (cheaper than a NOT inside the match);
        # CROSS JOIN keeps FTS5 the outer loop
        live = "" if include_withdrawn else " AND c.status != '撤回'"
        base = ("FROM comments_fts f CROSS JOIN comments c ON c.id = f.rowid"
                f" WHERE f.comments_fts MATCH ? AND f.rowid BETWEEN ? AND ?{live}"
                f" AND c.consultation_id NOT IN ({_BINNED})")
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

    def hit_contexts(self, ids: Iterable[int]) -> dict[int, dict]:
        """For each comment id: a dict of comment_id, consultation_id, consultation_title, sender,
        doc_number, received, draft_round, article_label, article_text."""
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

    # ------------------------------------------------------------ backup

    def backup(self, dest: str | Path) -> Path:
        """One consistent copy of the whole store in a single file, safe while others write.

        The copy is written to ``dest.part`` and renamed when complete; on any failure the
        ``.part`` file is removed and ``dest`` is left as it was.

        Args:
            dest: the backup file to write (its folder is created).

        Returns:
            ``dest`` as a Path.

        Raises:
            StoreError: ``dest`` is the store itself, or it cannot be written (disk full, no permission).
        """
        return backup_file(self.conn, self.path, Path(dest))

    def counts(self) -> dict[str, int]:
        """Rows of the main tables (consultations, drafts, articles, findings, comments,
        comment_history, letters) in the live store."""
        return table_counts(self.conn)
