"""The bin (回收站), the file hash that notices a draft registered twice, and the review options
(level, as-of day) kept with a draft."""
from __future__ import annotations

import datetime as dt

import pytest

from commenting.errors import StoreError
from commenting.model import Basis, Comment, Consultation
from commenting.search import search_comments
from commenting.store import BIN_DAYS, Store

from store_helpers import DRAFT, make_doc

FILE = b"PK\x03\x04 the uploaded draft"


def _registered(store: Store, title: str, data: bytes = FILE, **options) -> tuple[int, int]:
    c, draft_id = store.register_draft(Consultation(title=title, sender="市司法局"), make_doc(DRAFT, title),
                                       "draft.docx", data, [], **options)
    store.add_comment(Comment(article=2, draft_id=draft_id, proposed="告知书送达之日起五日内", reason="听证期限",
                              basis=[Basis("中华人民共和国行政处罚法", 64)]))
    return c.id, draft_id


def test_deleted_consultation_is_hidden_and_restored_as_it_was(store):
    keep, _ = _registered(store, "甲办法", b"one")
    gone, gone_draft = _registered(store, "乙办法", b"two")
    assert len(search_comments(store, "听证")) == 2

    store.delete_consultation(gone, author="张三")
    assert [c.id for c in store.list_consultations()] == [keep]
    [entry] = store.list_bin()
    assert (entry.consultation.id, entry.consultation.title, entry.deleted_by) == (gone, "乙办法", "张三")
    today = dt.date.fromisoformat(entry.deleted_at[:10])
    assert entry.purge_on == (today + dt.timedelta(days=BIN_DAYS)).isoformat()
    # its comments are out of search, with words, with filters only, and without either
    assert [h.consultation_id for h in search_comments(store, "听证")] == [keep]
    assert [h.consultation_id for h in search_comments(store, "", sender="司法局")] == [keep]
    assert [h.consultation_id for h in search_comments(store, "")] == [keep]
    assert store.find_duplicates(b"two") == []  # a binned registration is no earlier registration
    with pytest.raises(StoreError, match="已在回收站"):
        store.delete_consultation(gone)

    restored = store.restore_consultation(gone, author="李四")
    assert restored.title == "乙办法" and store.list_bin() == []
    assert sorted(c.id for c in store.list_consultations()) == [keep, gone]
    assert len(store.list_comments(draft_id=gone_draft)) == 1
    assert len(search_comments(store, "听证")) == 2
    assert [e["after"] for e in store.consultation_history(gone) if e["field"] == "deleted"] == ["移入回收站", "已恢复"]
    with pytest.raises(StoreError, match="不在回收站"):
        store.restore_consultation(gone)


def test_bin_is_purged_after_thirty_days(tmp_path):
    path = tmp_path / "store.db"
    with Store(path) as s:
        keep, _ = _registered(s, "甲办法", b"one")
        gone, gone_draft = _registered(s, "乙办法", b"two")
        s.delete_consultation(gone)
        deleted_on = dt.date.fromisoformat(s.list_bin()[0].deleted_at[:10])
        assert s.purge_bin(today=deleted_on + dt.timedelta(days=BIN_DAYS - 1)) == 0
        assert len(s.list_bin()) == 1
        assert s.purge_bin(today=deleted_on + dt.timedelta(days=BIN_DAYS)) == 1
        assert s.list_bin() == []
        with pytest.raises(StoreError, match="不存在"):
            s.get_consultation(gone)
        assert s.list_comments(draft_id=gone_draft) == []
        assert s.conn.execute("SELECT count(*) FROM comments_fts").fetchone()[0] == 1
        assert [c.id for c in s.list_consultations()] == [keep]


def test_opening_the_store_purges_old_deletions(tmp_path):
    path = tmp_path / "store.db"
    with Store(path) as s:
        gone, _ = _registered(s, "乙办法")
        s.delete_consultation(gone)
        recent, _ = _registered(s, "丙办法", b"three")
        s.delete_consultation(recent)
        old = (dt.date.today() - dt.timedelta(days=BIN_DAYS + 1)).isoformat() + " 09:00:00"
        s.conn.execute("UPDATE consultations SET deleted_at=? WHERE id=?", (old, gone))
    with Store(path) as s:
        assert [e.consultation.id for e in s.list_bin()] == [recent]


def test_the_same_file_registered_again_is_found(store):
    first, _ = _registered(store, "甲办法", FILE)
    assert store.find_duplicates(b"other bytes") == []
    [dup] = store.find_duplicates(FILE)
    assert (dup.consultation_id, dup.title, dup.round, dup.file_name) == (first, "甲办法", 1, "draft.docx")
    second, _ = _registered(store, "甲办法（重复）", FILE)
    assert [d.consultation_id for d in store.find_duplicates(FILE)] == [first, second]


def test_review_options_are_kept_with_the_draft(store):
    _, set_draft = _registered(store, "甲办法", b"one", level="地方政府规章", as_of="2020-06-30")
    _, plain_draft = _registered(store, "乙办法", b"two")
    assert store.review_options(set_draft) == ("地方政府规章", "2020-06-30")
    assert store.review_options(plain_draft) == (None, None)
    c = store.add_consultation(Consultation(title="丙办法"))
    later = store.add_draft(c.id, make_doc(DRAFT), "r2.docx", b"three", level="部门规章", as_of="2026-01-01")
    assert store.review_options(later) == ("部门规章", "2026-01-01")
    with pytest.raises(StoreError, match="草案不存在"):
        store.review_options(9999)
