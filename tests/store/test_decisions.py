"""Review work in the store: 不采纳 with a reason and its undo, 采纳全部 as one batch and its undo,
the counts the annual statistics read, the search of rejections, and restoring a comment version."""
from __future__ import annotations

import sqlite3

import pytest

from commenting.comments import finding_key
from commenting.errors import StaleEditError, StoreError
from commenting.model import Basis, Consultation, Finding
from commenting.search import search_comments, search_rejected
from commenting.store import Store

HEARING = Finding(rule="hearing-rights", severity="error", article=2, address="art-2", quote="三日内",
                  message="听证申请期限短于法定的五日。", suggestion="建议将“三日内”修改为“五日内”。理由：行政处罚法第六十四条。",
                  basis=[Basis(law="中华人民共和国行政处罚法", article=64)])
LIMITATION = Finding(rule="limitation-period", severity="error", article=3, address="art-3.p-1", quote="三年",
                     message="追责时效与行政处罚法不一致。", proposed="二年")
ADVICE = Finding(rule="citation-missing-article", severity="error", article=1, address="art-1",
                 quote="《中华人民共和国行政处罚法》", message="引用条款不存在。", suggestion="建议核对所引条款。")
DELETE = Finding(rule="terminology", severity="warning", article=3, address="art-3.p-2", quote="法律另有规定的除外。",
                 message="多余的表述。", suggestion="建议删除“法律另有规定的除外。”。")
FINDINGS = [ADVICE, HEARING, LIMITATION, DELETE]


@pytest.fixture
def reviewed(store, draft):
    store.save_findings(draft, FINDINGS)
    return draft


def test_a_rejection_is_kept_with_its_reason_and_survives_a_new_review_run(store, reviewed):
    d = store.reject_finding(reviewed, HEARING, "  本市听证规则另有五日规定，此处仅为提示  ", "张三")
    assert (d.decision, d.reason, d.author, d.undone_at) == ("不采纳", "本市听证规则另有五日规定，此处仅为提示", "张三", None)
    assert d.at and d.message == HEARING.message
    store.save_findings(reviewed, list(reversed(FINDINGS)))  # a re-run: new rows, other order
    [again] = store.list_findings(reviewed)[2:3]
    assert again == HEARING and finding_key(again) in store.rejections(reviewed)
    with pytest.raises(StoreError, match="已标记为不采纳"):
        store.adopt_finding(reviewed, again, "李四")
    with pytest.raises(StoreError, match="已标记为不采纳"):
        store.reject_finding(reviewed, again, "再说一次", "李四")


def test_a_rejection_needs_a_reason_and_an_adopted_finding_cannot_be_rejected(store, reviewed):
    with pytest.raises(StoreError, match="请填写不采纳的理由"):
        store.reject_finding(reviewed, HEARING, "   ", "张三")
    store.adopt_finding(reviewed, LIMITATION, "张三")
    with pytest.raises(StoreError, match="已采纳"):
        store.reject_finding(reviewed, LIMITATION, "不同意", "张三")
    assert store.rejections(reviewed) == {}


def test_undoing_a_rejection_keeps_the_row_and_reopens_the_finding(store, reviewed):
    d = store.reject_finding(reviewed, HEARING, "已与起草单位沟通", "张三")
    undone = store.undo_rejection(d.id, "李四")
    assert undone.undone_by == "李四" and undone.undone_at
    assert store.rejections(reviewed) == {}
    [kept] = store.finding_decisions(reviewed, include_undone=True)
    assert kept.reason == "已与起草单位沟通"  # history: nothing deleted
    with pytest.raises(StoreError, match="已于"):
        store.undo_rejection(d.id, "李四")
    store.adopt_finding(reviewed, HEARING, "李四")  # open again: can be adopted now


def test_adopt_all_of_an_article_skips_advice_and_decided_and_undo_reverts_exactly_that_batch(store, reviewed):
    earlier = store.adopt_finding(reviewed, LIMITATION, "张三")  # adopted before the batch
    plan = store.adoption_plan(reviewed, [LIMITATION, DELETE])
    assert (len(plan.adopt), len(plan.decided)) == (1, 1)
    assert plan.summary() == "将采纳 1 条建议（跳过 1 条已采纳或已不采纳）"

    batch, done = store.adopt_findings(reviewed, [LIMITATION, DELETE], "李四", scope="art-3")
    assert [f.rule for f in done.adopt] == ["terminology"] and batch.scope == "art-3"
    [made] = batch.comment_ids
    c = store.get_comment(made)
    assert (c.kind, c.proposed, c.status, c.author) == ("删除", "", "采纳", "李四")

    undone = store.undo_batch(batch.id, "李四")
    assert undone.undone_at and undone.undone_by == "李四"
    withdrawn = store.get_comment(made)
    assert withdrawn.status == "撤回" and withdrawn.version == 2
    assert [h["action"] for h in store.comment_history(made)] == ["创建", "修改"]  # kept, with history
    assert store.get_comment(earlier.id).status == "采纳" and store.get_comment(earlier.id).version == 1
    assert store.list_batches(reviewed) == []
    with pytest.raises(StoreError, match="已于"):
        store.undo_batch(batch.id, "李四")
    assert finding_key(DELETE) not in store.adopted_keys(reviewed)  # open again


def test_adopt_all_of_the_draft_is_one_transaction(store, reviewed, monkeypatch):
    store.reject_finding(reviewed, HEARING, "上位法另有规定", "张三")
    plan = store.adoption_plan(reviewed, FINDINGS)
    assert plan.summary() == "将采纳 2 条建议（跳过 1 条仅为提示、没有具体修改文字，1 条已采纳或已不采纳）"

    calls = []
    real = store.add_comment

    def fail_on_second(c, **kw):
        calls.append(c)
        if len(calls) == 2:
            raise sqlite3.OperationalError("disk I/O error")
        return real(c, **kw)

    monkeypatch.setattr(store, "add_comment", fail_on_second)
    with pytest.raises(sqlite3.OperationalError):
        store.adopt_findings(reviewed, FINDINGS, "张三")
    monkeypatch.undo()
    assert store.list_comments(draft_id=reviewed) == [] and store.list_batches(reviewed) == []

    batch, _ = store.adopt_findings(reviewed, FINDINGS, "张三")
    assert len(batch.comment_ids) == 2 and batch.skipped == 2
    again, plan = store.adopt_findings(reviewed, FINDINGS, "张三")  # nothing left to adopt
    assert again is None and plan.adopt == []


def test_decision_counts_per_draft_consultation_and_year(store, reviewed):
    assert store.decision_counts() == {"采纳": 0, "不采纳": 0}
    store.reject_finding(reviewed, HEARING, "不同意", "张三")
    adopted = store.adopt_finding(reviewed, LIMITATION, "张三")
    batch, _ = store.adopt_findings(reviewed, [DELETE], "张三")
    cid = store.get_draft_info(reviewed)["consultation_id"]
    year = int(adopted.created_at[:4])
    assert store.decision_counts(consultation_id=cid) == {"采纳": 2, "不采纳": 1}
    assert store.decision_counts(draft_id=reviewed, year=year) == {"采纳": 2, "不采纳": 1}
    assert store.decision_counts(year=year - 1) == {"采纳": 0, "不采纳": 0}

    store.undo_batch(batch.id, "张三")
    store.update_comment(adopted.id, adopted.version, "张三", status="撤回")  # withdrawn by hand
    assert store.decision_counts(consultation_id=cid) == {"采纳": 0, "不采纳": 1}

    other = store.add_consultation(Consultation(title="另一件"))
    assert store.decision_counts(consultation_id=other.id) == {"采纳": 0, "不采纳": 0}


def test_rejections_are_found_by_their_reason_words_and_not_as_comments(store, reviewed):
    d = store.reject_finding(reviewed, HEARING, "本省听证程序规定已明确五日期限", "张三")
    store.reject_finding(reviewed, ADVICE, "引用无误", "张三")
    assert [x.id for x in search_rejected(store, "听证程序")] == [d.id]
    assert [x.id for x in search_rejected(store, "期限 本省")] == [d.id]
    assert search_rejected(store, "罚款") == []
    assert len(search_rejected(store, "")) == 2
    cid = store.get_draft_info(reviewed)["consultation_id"]
    assert [x.id for x in search_rejected(store, "听证", consultation_id=cid)] == [d.id]
    assert search_comments(store, "听证程序") == []  # comments search is for comments
    store.undo_rejection(d.id, "张三")
    assert search_rejected(store, "听证程序") == []
    store.reindex()  # a rebuilt index holds the standing ones again, and only those
    assert [x.reason for x in search_rejected(store, "")] == ["引用无误"]


def test_restoring_an_earlier_version_is_a_new_version_and_refuses_a_stale_base(store, reviewed):
    c = store.adopt_finding(reviewed, LIMITATION, "张三")
    v2 = store.update_comment(c.id, 1, "李四", proposed="二年内", reason="时效为二年")
    versions = store.comment_versions(c.id)
    assert [(v.version, v.updated_by, v.proposed) for v in versions] == [(1, "张三", "二年"), (2, "李四", "二年内")]
    assert all(v.updated_at for v in versions)

    with pytest.raises(StaleEditError):
        store.restore_comment_version(c.id, 1, expected_version=1, author="王五")
    restored = store.restore_comment_version(c.id, 1, expected_version=v2.version, author="王五")
    assert (restored.version, restored.proposed, restored.updated_by) == (3, "二年", "王五")
    assert restored.reason == c.reason and restored.status == "采纳"
    assert [v.version for v in store.comment_versions(c.id)] == [1, 2, 3]
    assert store.get_comment_version(c.id, 2).proposed == "二年内"  # nothing overwritten
    assert store.comment_history(c.id)[-1]["after"] == "恢复第 1 版"
    with pytest.raises(StoreError, match="没有第 9 版"):
        store.restore_comment_version(c.id, 9, expected_version=3, author="王五")


def test_an_older_store_records_its_earlier_adoptions(tmp_path):
    """Migration 9 records the adoptions a store made before decisions existed (counted, undecidable twice)."""
    from commenting.store import schema

    path = tmp_path / "v7.db"
    conn = sqlite3.connect(path)
    for version, step in schema.MIGRATIONS:
        if version > 7:
            break
        for stmt in schema.statements(step):
            conn.execute(stmt)
    conn.executescript(f"""
        INSERT INTO consultations (id, title, created_at, updated_at) VALUES (1, '旧办法', '2025-03-01', '2025-03-01');
        INSERT INTO drafts (id, consultation_id, round, document, created_at) VALUES (1, 1, 1, '{{"title": "旧办法"}}', '2025-03-01');
        INSERT INTO comments (id, consultation_id, draft_id, article, address, quote, kind, proposed, status, finding_rule,
                              created_at, updated_at)
          VALUES (1, 1, 1, 3, 'art-3.p-1', '三年', '修改', '二年', '采纳', 'limitation-period', '2025-03-02', '2025-03-02'),
                 (2, 1, 1, 2, 'art-2', '', '修改', '手写意见', '草拟', NULL, '2025-03-02', '2025-03-02');
        PRAGMA user_version = 7;
        PRAGMA application_id = {schema.APPLICATION_ID};
    """)
    conn.close()
    with Store(path) as s:
        assert s.decision_counts(consultation_id=1) == {"采纳": 1, "不采纳": 0}
        assert s.decision_counts(year=2025) == {"采纳": 1, "不采纳": 0}
        assert s.adopted_keys(1) == {finding_key(LIMITATION)}


def test_a_fresh_store_has_every_listed_table(tmp_path):
    from commenting.store import schema

    with Store(tmp_path / "s.db") as s:
        names = {r[0] for r in s.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert set(schema.TABLES) <= names

