"""Backup to one file and restore from it, through the CLI; a backup is checked in full first."""
from __future__ import annotations

import os
import sqlite3

import pytest

from commenting.cli import main
from commenting.errors import StoreError
from commenting.model import Comment, Consultation
from commenting.search import search_comments
from commenting.store import Store


def test_backup_restore_round_trip(tmp_path, store, draft, capsys):
    c = store.add_comment(Comment(draft_id=draft, article=2, quote="三日", original="三日", proposed="五日",
                                  reason="期限过短", author="张三"))
    db = str(store.path)
    backup = tmp_path / "backup" / "意见库备份.db"
    assert main(["store", "--db", db, "backup", str(backup)]) == 0
    assert "已备份" in capsys.readouterr().out
    assert backup.is_file() and not (backup.parent / (backup.name + "-wal")).exists()

    # work goes on after the backup …
    store.update_comment(c.id, 1, "李四", proposed="七日")
    store.add_comment(Comment(draft_id=draft, article=1, original="x", author="李四"))

    # … and is rolled back by the restore, with the replaced store kept aside
    assert main(["store", "--db", db, "restore", str(backup)]) == 0
    out = capsys.readouterr().out
    assert "已从" in out and "原意见库已另存为" in out
    kept = list(tmp_path.glob("store.replaced-*.db"))
    assert len(kept) == 1
    with Store(kept[0]) as old:
        assert old.get_comment(c.id).proposed == "七日" and len(old.list_comments()) == 2
    with Store(db) as restored:
        assert restored.get_comment(c.id).proposed == "五日"
        assert len(restored.list_comments()) == 1
        assert [h["field"] for h in restored.comment_history(c.id)] == [None]
    # the store object opened before the restore reads the restored data too (same file)
    assert store.get_comment(c.id).version == 1


def test_restore_refuses_files_that_are_not_our_store(tmp_path, store, capsys):
    db = str(store.path)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not sqlite at all")
    assert main(["store", "--db", db, "restore", str(junk)]) == 1
    assert "不是意见库备份文件" in capsys.readouterr().err
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE comments (x)")
    conn.commit()
    conn.close()
    assert main(["store", "--db", db, "restore", str(other)]) == 1
    assert "不是本程序的意见库备份" in capsys.readouterr().err
    assert main(["store", "--db", db, "restore", str(tmp_path / "missing.db")]) == 1
    assert "找不到备份文件" in capsys.readouterr().err
    assert list(tmp_path.glob("*.replaced-*")) == []  # nothing was replaced


def test_info(tmp_path, store, draft, capsys):
    assert main(["store", "--db", str(store.path), "info"]) == 0
    out = capsys.readouterr().out
    assert "征求意见登记：1" in out and "条文：3" in out


def test_reindex_rebuilds_search(store, draft, capsys):
    from commenting.search import search_comments

    c = store.add_comment(Comment(draft_id=draft, article=3, quote="三年", original="三年", proposed="二年",
                                  reason="与追诉时效规定不一致", author="张三"))
    store.conn.execute("DELETE FROM comments_fts")  # a lost index …
    assert search_comments(store, "时效") == []
    assert main(["store", "--db", str(store.path), "reindex"]) == 0  # … is rebuilt from the comments
    assert "1 条意见" in capsys.readouterr().out
    assert [h.comment.id for h in search_comments(store, "时效")] == [c.id]


def _backup(store, tmp_path, name="b.db"):
    dest = tmp_path / name
    store.backup(dest)
    return dest


def _restore_is_refused(store, backup, capsys, message):
    before = store.counts()
    assert main(["store", "--db", str(store.path), "restore", str(backup)]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert store.counts() == before  # nothing was replaced …
    assert list(store.path.parent.glob("*.replaced-*")) == []  # … nor set aside


def test_backup_counts_are_those_of_the_backup_file(tmp_path, store, draft, monkeypatch, capsys):
    original = Store.backup

    def backup_then_someone_writes(self, dest):
        out = original(self, dest)
        with Store(self.path) as other:  # a user registers a consultation right after the copy
            other.add_consultation(Consultation(title="备份之后登记的"))
        return out

    monkeypatch.setattr(Store, "backup", backup_then_someone_writes)
    assert main(["store", "--db", str(store.path), "backup", str(tmp_path / "b.db")]) == 0
    assert "（1 件登记，0 条意见）" in capsys.readouterr().out
    assert len(store.list_consultations()) == 2


def test_restore_refuses_a_backup_missing_a_table(tmp_path, store, draft, capsys):
    backup = _backup(store, tmp_path)
    conn = sqlite3.connect(backup)
    conn.execute("DROP TABLE letter_info")
    conn.commit()
    conn.close()
    _restore_is_refused(store, backup, capsys, "缺少数据表 letter_info")


def test_restore_refuses_a_backup_missing_the_search_index(tmp_path, store, draft, capsys):
    backup = _backup(store, tmp_path)
    conn = sqlite3.connect(backup)
    conn.execute("DROP TABLE comments_fts")
    conn.commit()
    conn.close()
    _restore_is_refused(store, backup, capsys, "缺少数据表 comments_fts")


def test_restore_refuses_a_backup_with_a_dangling_record(tmp_path, store, draft, capsys):
    backup = _backup(store, tmp_path)
    conn = sqlite3.connect(backup)  # foreign keys are off by default: the bad row goes in
    conn.execute("INSERT INTO findings (draft_id, seq, run_at, rule, severity, article)"
                 " VALUES (999, 0, '2026-01-01', 'r', 'info', 1)")
    conn.commit()
    conn.close()
    _restore_is_refused(store, backup, capsys, "记录不一致：findings")


def test_restore_refuses_a_backup_with_a_corrupt_record(tmp_path, store, draft, capsys):
    for i in range(20):
        store.add_comment(Comment(draft_id=draft, article=2, original="三日" * 50, reason=f"理由{i}", author="张三"))
    backup = _backup(store, tmp_path)
    conn = sqlite3.connect(backup)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='articles'").fetchone()
    conn.close()
    data = bytearray(backup.read_bytes())
    start = (root - 1) * page_size
    assert data[start] == 0x0D  # a leaf page of the articles table
    cell = int.from_bytes(data[start + 8:start + 10], "big")  # the first cell's offset
    data[start + cell + 2:start + cell + 12] = b"\xff" * 10  # its record header is garbage now
    backup.write_bytes(bytes(data))
    _restore_is_refused(store, backup, capsys, "已损坏")


def test_restore_replaces_a_live_file_that_is_no_longer_sqlite(tmp_path, capsys):
    live = tmp_path / "store.db"
    with Store(live) as s:
        c = s.add_consultation(Consultation(title="某市办法（征求意见稿）"))
        s.add_comment(Comment(consultation_id=c.id, article=0, kind="总体意见", proposed="建议明确听证期限", author="张三"))
        s.backup(tmp_path / "b.db")
    garbage = os.urandom(3 * 4096)
    live.write_bytes(garbage)  # the disk mangled the store
    live.with_name("store.db-wal").write_bytes(os.urandom(5000))  # and left a journal that is not its own
    assert main(["store", "--db", str(live), "restore", str(tmp_path / "b.db")]) == 0
    out = capsys.readouterr().out
    assert "原意见库已另存为" in out and "1 件登记，1 条意见）" in out
    (kept,) = tmp_path.glob("store.replaced-*.db")
    assert kept.read_bytes() == garbage  # the damaged file is kept as it was
    with Store(live) as s:
        assert [k.title for k in s.list_consultations()] == ["某市办法（征求意见稿）"]
        assert [h.comment.proposed for h in search_comments(s, "听证")] == ["建议明确听证期限"]
    assert list(tmp_path.glob("*.part")) == []


def test_backup_that_cannot_be_written_is_a_message_and_leaves_nothing(tmp_path, store, draft):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="无法写入备份文件"):
        store.backup(blocker / "b.db")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-folder", "store.db", "store.db-shm", "store.db-wal"]
