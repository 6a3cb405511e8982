"""Backup to one file and restore from it, through the CLI."""
from __future__ import annotations

import sqlite3

from commenting.cli import main
from commenting.model import Comment
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
