"""The store under faults: a lock held by another writer, a full disk — store errors with a message,
never a raw sqlite3 error; the CLI answers with one line and a non-zero exit."""
from __future__ import annotations

import os
import resource
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from commenting.cli import main
from commenting.errors import StoreBusyError, StoreError, StoreFullError
from commenting.model import Comment
from commenting.search import search_comments
from commenting.store import Store, fts

from store_helpers import DRAFT, make_doc

REPO = Path(__file__).resolve().parents[2]


def hold_write_lock(path) -> sqlite3.Connection:
    """Another connection in the middle of a write transaction."""
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    return other


def test_lock_held_by_another_writer_is_a_store_error(tmp_path, draft, store):
    s = Store(store.path, timeout=0.3)
    other = hold_write_lock(store.path)
    try:
        with pytest.raises(StoreBusyError, match="正被其他操作占用") as err:
            s.add_comment(Comment(draft_id=draft, article=1, original="x", author="张三"))
        assert isinstance(err.value, StoreError) and not isinstance(err.value, sqlite3.Error)
        assert "\n" not in str(err.value)
        assert s.list_comments() == []  # reading goes on while the other writes (WAL)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert s.add_comment(Comment(draft_id=draft, article=1, original="x", author="张三")).version == 1
    s.close()


def test_write_waits_for_a_short_lock_and_succeeds(draft, store):
    other = hold_write_lock(store.path)
    threading.Timer(0.3, lambda: (other.execute("ROLLBACK"), other.close())).start()
    c = store.add_comment(Comment(draft_id=draft, article=2, original="三日", proposed="五日", author="张三"))
    assert store.get_comment(c.id).proposed == "五日"


def test_full_disk_is_a_store_error_and_rolls_back(store, draft):
    before = store.counts()
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages + 1}")
    big = os.urandom(100_000)
    with pytest.raises(StoreFullError, match="磁盘空间不足") as err:
        store.add_draft(store.get_draft_info(draft)["consultation_id"], make_doc(DRAFT), "big.docx", big)
    assert isinstance(err.value.__cause__, sqlite3.OperationalError)
    assert not store.conn.in_transaction and store.counts() == before
    with pytest.raises(StoreFullError):
        store.save_letter_info(store.get_draft_info(draft)["consultation_id"], "张三", opinion="很长" * 50_000)
    store.conn.execute("PRAGMA max_page_count = 1073741823")  # space again: the store works on
    assert store.add_comment(Comment(draft_id=draft, article=1, original="x", author="张三")).id


def test_cli_under_a_lock_prints_one_line(store, draft, monkeypatch, capsys):
    monkeypatch.setattr("commenting.store.api.BUSY_TIMEOUT", 0.3)
    store.add_comment(Comment(draft_id=draft, article=2, original="三日", proposed="五日", author="张三"))
    other = hold_write_lock(store.path)
    try:
        assert main(["store", "--db", str(store.path), "reindex"]) == 1
    finally:
        other.execute("ROLLBACK")
        other.close()
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith("错误：意见库 store.db 正被其他操作占用")


def _limit_file_size(limit: int):
    def apply():  # runs in the child: writes past ``limit`` fail as on a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_cli_backup_on_a_full_disk_prints_one_line_and_leaves_no_part(tmp_path, store, draft):
    for i in range(30):  # each comment is kept three times (row, version snapshot, index)
        store.add_comment(Comment(draft_id=draft, article=1, original="x" * 2000, reason=f"理由{i}", author="张三"))
    dest = tmp_path / "backup" / "b.db"
    dest.parent.mkdir()
    run = subprocess.run(
        [sys.executable, "-m", "commenting", "store", "--db", str(store.path), "backup", str(dest)],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)},
        preexec_fn=_limit_file_size(50_000)  # the store holds > 200 kB, timeout=120,
    )
    assert run.returncode == 1, run.stderr
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert "磁盘空间不足" in run.stderr or "磁盘错误" in run.stderr
    assert list(dest.parent.iterdir()) == []  # neither the backup nor a .part


def test_reindex_in_batches_rebuilds_the_whole_index(store, draft, monkeypatch):
    monkeypatch.setattr(fts, "BATCH_SECONDS", 0.0)  # one comment per transaction
    monkeypatch.setattr(fts, "PAUSE_SECONDS", 0.0)
    monkeypatch.setattr(fts, "ARTICLE_BATCH", 2)
    ids = [store.add_comment(Comment(draft_id=draft, article=3, quote="三年", original="三年", proposed="二年",
                                     reason=f"与追诉时效规定不一致（{i}）", author="张三")).id for i in range(5)]
    store.conn.execute("INSERT INTO comments_fts(rowid, body, context, meta) VALUES (999, '时效', '', '')")
    store.conn.execute("DELETE FROM comments_fts WHERE rowid = ?", (ids[0],))
    store.conn.execute("UPDATE articles SET tokens = 'stale'")
    commits = []
    begin = store.transaction

    def counted():
        commits.append(1)
        return begin()

    monkeypatch.setattr(store, "transaction", counted)
    assert store.reindex() == 5
    assert len(commits) >= 5 + 2 + 1  # articles in pairs, comments one by one, then the orphans
    assert sorted(h.comment.id for h in search_comments(store, "时效")) == ids  # the orphan row 999 is gone
    assert store.conn.execute("SELECT count(*) FROM articles WHERE tokens = 'stale'").fetchone()[0] == 0


def test_store_that_is_no_longer_a_database_is_refused_with_a_message(tmp_path):
    path = tmp_path / "store.db"
    Store(path).close()
    path.write_bytes(os.urandom(8192))
    with pytest.raises(StoreError, match="已损坏或不是数据库文件"):
        Store(path)
    assert main(["store", "--db", str(path), "info"]) == 1
