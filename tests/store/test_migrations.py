"""Schema versions: an old store is upgraded in place; a newer or foreign file is refused."""
from __future__ import annotations

import sqlite3

import pytest

from commenting.errors import CommentingError
from commenting.search import search_comments
from commenting.store import APPLICATION_ID, LATEST_VERSION, MIGRATIONS, Store

from store_helpers import set_back


def _version_1_store(path):
    """A store file as version 1 of the program left it (before search and round carry existed)."""
    conn = sqlite3.connect(path)
    version, script = MIGRATIONS[0]
    assert version == 1 and isinstance(script, str)
    conn.executescript(script)
    conn.executescript(f"""
        INSERT INTO consultations (id, title, sender, status, created_at, updated_at)
          VALUES (1, '某市食品摊贩管理办法（征求意见稿）', '市政府办公室', '审查中', '2025-01-02 09:00:00', '2025-01-02 09:00:00');
        INSERT INTO drafts (id, consultation_id, round, title, document, created_at)
          VALUES (1, 1, 1, '某市食品摊贩管理办法', '{{"title": "某市食品摊贩管理办法", "articles": []}}', '2025-01-02 09:00:00');
        INSERT INTO articles (draft_id, seq, no, label, text, address)
          VALUES (1, 0, 8, '第八条', '食品摊贩应当在规定时间内申请听证。', 'art-8');
        INSERT INTO comments (id, consultation_id, draft_id, article, kind, original, proposed, reason, author,
                              created_at, updated_at)
          VALUES (1, 1, 1, 8, '修改', '规定时间内', '收到告知书之日起五日内', '期限应当明确', '张三',
                  '2025-01-03 10:00:00', '2025-01-03 10:00:00');
        PRAGMA user_version = 1;
        PRAGMA application_id = {APPLICATION_ID};
    """)
    conn.close()


def test_old_store_is_upgraded_and_indexed(tmp_path):
    path = tmp_path / "old.db"
    _version_1_store(path)
    with Store(path) as s:
        assert s.version == LATEST_VERSION
        c = s.get_comment(1)
        assert (c.proposed, c.author) == ("收到告知书之日起五日内", "张三")
        # comments written before the search index existed are found, also by their article text
        assert [h.comment.id for h in search_comments(s, "期限")] == [1]
        assert [h.comment.id for h in search_comments(s, "听证")] == [1]
        assert s.list_carry(1) == []  # round-carry table exists
    with Store(path) as again:  # opening an up-to-date store changes nothing
        assert again.version == LATEST_VERSION and again.get_comment(1).version == 1


def test_newer_store_is_refused(tmp_path):
    path = tmp_path / "new.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()
    with pytest.raises(CommentingError, match="高于本程序支持的版本"):
        Store(path)


def test_foreign_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(CommentingError, match="不是本程序的意见库"):
        Store(path)
    not_db = tmp_path / "x.db"
    not_db.write_bytes(b"hello, this is not a database" * 100)
    with pytest.raises(CommentingError, match="不是数据库文件"):
        Store(not_db)


def test_failed_migration_leaves_store_untouched(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    _version_1_store(path)

    def broken(conn):
        conn.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("disk on fire")

    monkeypatch.setattr("commenting.store.schema.MIGRATIONS", [MIGRATIONS[0], (2, broken)])
    monkeypatch.setattr("commenting.store.schema.LATEST_VERSION", 2)
    with pytest.raises(CommentingError):
        Store(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name='half_done'").fetchone()[0] == 0
    conn.close()


def test_a_version_7_file_gains_the_bin_and_file_hashes(tmp_path):
    """Migration 11: nothing is in the bin, existing drafts get the SHA-256 of their bytes (so a
    file registered before the upgrade is recognised when registered again), no review options."""
    import hashlib

    from commenting.model import Consultation, Document

    path = tmp_path / "v7.db"
    with Store(path) as s:
        k = s.add_consultation(Consultation(title="某办法"))
        draft_id = s.add_draft(k.id, Document(title="某办法"), "a.txt", "第一条　某某。".encode())
    conn = sqlite3.connect(path)
    set_back(conn, 7)
    conn.close()
    with Store(path) as s:
        assert s.version == LATEST_VERSION
        assert [c.id for c in s.list_consultations()] == [k.id] and s.list_bin() == []
        (sha,) = s.conn.execute("SELECT file_sha256 FROM drafts WHERE id=?", (draft_id,)).fetchone()
        assert sha == hashlib.sha256("第一条　某某。".encode()).hexdigest()
        assert [d.consultation_id for d in s.find_duplicates("第一条　某某。".encode())] == [k.id]
        assert s.review_options(draft_id) == (None, None)


def test_sender_terms_are_added_in_place(tmp_path, monkeypatch):
    """Migration 6 adds the sender term to indexed rows without re-segmenting them."""
    from commenting.store import fts
    from commenting.model import Comment, Consultation

    path = tmp_path / "v5.db"
    with Store(path) as s:
        k = s.add_consultation(Consultation(title="某办法", sender="市司法局"))
        cid = s.add_comment(Comment(consultation_id=k.id, article=0, kind="总体意见", proposed="建议明确听证期限")).id
    conn = sqlite3.connect(path)  # as version 5 left it: no senders, no sender terms
    set_back(conn, 5, """
        DROP TABLE senders;
        UPDATE comments_fts SET meta = rtrim(substr(meta, 1, instr(meta, ' cmts') - 1) || substr(meta, instr(meta, ' cmts') + 6));
    """)
    assert "cmts" not in conn.execute("SELECT meta FROM comments_fts").fetchone()[0]
    conn.close()
    calls = []
    monkeypatch.setattr(fts, "index_tokens", lambda text: calls.append(text) or "")
    with Store(path) as s:
        assert s.version == LATEST_VERSION and calls == []  # nothing was segmented again
        assert [h.comment.id for h in search_comments(s, "", sender="司法局")] == [cid]
        assert [h.comment.id for h in search_comments(s, "听证", sender="司法局")] == [cid]


def test_older_backup_is_checked_against_its_own_version_and_upgraded(tmp_path):
    from commenting.store import check_backup, restore

    old = tmp_path / "v1.db"
    _version_1_store(old)
    assert check_backup(old) == 1  # the tables of later versions are not required of it
    live = tmp_path / "store.db"
    Store(live).close()
    restore(old, live)
    with Store(live) as s:
        assert s.version == LATEST_VERSION
        assert [h.comment.id for h in search_comments(s, "期限")] == [1]


def test_a_version_6_file_gains_the_reply_day_empty(tmp_path):
    """Migration 7 adds 反馈日期; consultations registered before it have none."""
    from commenting.model import Consultation

    path = tmp_path / "v6.db"
    with Store(path) as s:
        k = s.add_consultation(Consultation(title="某办法", status="已反馈"))
    conn = sqlite3.connect(path)
    set_back(conn, 6)
    conn.close()
    with Store(path) as s:
        assert s.version == LATEST_VERSION
        assert s.get_consultation(k.id).replied_on == ""
        assert s.update_consultation(k.id, replied_on="2026-12-01").replied_on == "2026-12-01"


def test_a_version_7_file_gains_an_empty_office_profile(tmp_path):
    """Migration 8 adds 单位设置; a store from before it has an empty profile that can be saved."""
    from commenting.model import Consultation

    path = tmp_path / "v7.db"
    with Store(path) as s:
        k = s.add_consultation(Consultation(title="某办法"))
    conn = sqlite3.connect(path)
    set_back(conn, 7)
    conn.close()
    with Store(path) as s:
        assert s.version == LATEST_VERSION
        assert s.get_profile().name == "" and s.get_consultation(k.id).title == "某办法"
        assert s.save_profile("张三", name="某市市场监督管理局").name == "某市市场监督管理局"
