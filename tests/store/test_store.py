"""Consultations, drafts, findings, comments with history and stale-edit refusal, letters."""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict

import pytest

from commenting.errors import CommentingError, StaleEditError
from commenting.model import Basis, Comment, Consultation, Finding
from commenting.store import Store, deadline_state, days_left

from store_helpers import DRAFT, make_doc

PUNISH = Basis("中华人民共和国行政处罚法", 36)


# ---------------------------------------------------------------- consultations


def test_consultation_register_and_deadlines(store):
    a = store.add_consultation(Consultation(title="甲办法", sender="市司法局", deadline="2026-03-10", handler="王五"))
    b = store.add_consultation(Consultation(title="乙办法", deadline="2026-03-01"))
    store.add_consultation(Consultation(title="丙办法"))
    today = dt.date(2026, 3, 8)
    listed = store.list_consultations(today=today)
    assert [c.title for c in listed] == ["乙办法", "甲办法", "丙办法"]  # nearest deadline first, none last
    assert [c.days_left for c in listed] == [-7, 2, None]
    assert [deadline_state(c, today) for c in listed] == ["overdue", "soon", "ok"]
    assert deadline_state(a, dt.date(2026, 3, 1)) == "ok"  # 9 days left
    assert days_left(a, dt.date(2026, 3, 10)) == 0

    store.update_consultation(b.id, author="王五", status="已反馈")
    assert deadline_state(store.get_consultation(b.id), today) == "ok"  # answered: never overdue
    assert [c.title for c in store.list_consultations(status="已反馈")] == ["乙办法"]
    log = store.consultation_history(b.id)
    assert (log[-1]["field"], log[-1]["before"], log[-1]["after"], log[-1]["author"]) == ("status", "待审查", "已反馈", "王五")


def test_consultation_bad_values_are_refused_in_chinese(store):
    with pytest.raises(CommentingError, match="状态"):
        store.add_consultation(Consultation(title="甲", status="完成"))
    c = store.add_consultation(Consultation(title="甲"))
    with pytest.raises(CommentingError, match="不能修改"):
        store.update_consultation(c.id, id=5)
    with pytest.raises(CommentingError, match="不存在"):
        store.get_consultation(999)


# ---------------------------------------------------------------- drafts


def test_draft_rounds_keep_document_and_bytes(store, draft):
    info = store.get_draft_info(draft)
    doc, data = store.get_draft(draft)
    assert asdict(doc) == asdict(make_doc(DRAFT))  # lossless
    assert data == b"PK\x03\x04 original bytes"
    second = store.add_draft(info["consultation_id"], make_doc(DRAFT[:2], title="第二轮"), "v2.docx", b"v2")
    rounds = store.list_drafts(info["consultation_id"])
    assert [(d["round"], d["file_name"], d["articles"]) for d in rounds] == [(1, "draft.docx", 3), (2, "v2.docx", 2)]
    assert store.get_draft(second).round == 2
    art = store.get_article(draft, 3)
    assert art.label == "第三条" and [p.text for p in art.paragraphs] == DRAFT[2].split("\n")
    assert store.get_article(draft, 9) is None


def test_findings_replace_previous_run(store, draft):
    f1 = Finding(rule="time-limit", severity="error", article=3, quote="三年", basis=[PUNISH], message="时效不符")
    store.save_findings(draft, [f1, Finding(rule="x", severity="info", article=1, quote="")])
    assert len(store.list_findings(draft)) == 2
    run = store.save_findings(draft, [f1])
    got = store.list_findings(draft)
    assert got == [f1] and store.findings_run_at(draft) == run


# ---------------------------------------------------------------- comments


def _comment(draft, **kw):
    base = dict(draft_id=draft, article=3, quote="三年", original="三年", proposed="二年",
                reason="与追诉时效规定不一致", basis=[PUNISH], author="张三")
    base.update(kw)
    return Comment(**base)


def test_comment_edits_are_versioned_with_field_history(store, draft):
    c = store.add_comment(_comment(draft))
    assert (c.version, c.status, c.consultation_id) == (1, "草拟", store.get_draft_info(draft)["consultation_id"])
    c2 = store.update_comment(c.id, 1, "李四", proposed="二年内", basis=[PUNISH, Basis("市场监督管理行政处罚程序规定", 5)])
    assert c2.version == 2 and c2.updated_by == "李四" and c2.author == "张三"
    c3 = store.update_comment(c.id, 2, "张三", status="采纳")
    assert c3.version == 3
    same = store.update_comment(c.id, 3, "张三", status="采纳")  # nothing changed: no new version
    assert same.version == 3
    hist = store.comment_history(c.id)
    assert [(h["version"], h["action"], h["field"], h["author"]) for h in hist] == [
        (1, "创建", None, "张三"),
        (2, "修改", "proposed", "李四"),
        (2, "修改", "basis", "李四"),
        (3, "修改", "status", "张三"),
    ]
    assert (hist[1]["before"], hist[1]["after"]) == ("二年", "二年内")
    assert "市场监督管理行政处罚程序规定" in hist[2]["after"] and "程序规定" not in hist[2]["before"]
    # each version is kept whole
    assert store.get_comment_version(c.id, 1).proposed == "二年"
    assert store.get_comment_version(c.id, 2).basis[1].article == 5


def test_stale_edit_from_another_user_is_refused(tmp_path, draft, store):
    c = store.add_comment(_comment(draft))
    path = store.path
    alice, bob = Store(path), Store(path)  # two users, two connections, one file
    try:
        seen_by_bob = bob.get_comment(c.id)
        alice.update_comment(c.id, 1, "王五", proposed="二年（王五）")
        with pytest.raises(StaleEditError) as err:
            bob.update_comment(c.id, seen_by_bob.version, "赵六", proposed="二年（赵六）")
        msg = str(err.value)
        assert "王五" in msg and "请在最新内容基础上重新编辑" in msg
        assert err.value.current.version == 2 and err.value.current.proposed == "二年（王五）"
        assert store.get_comment(c.id).proposed == "二年（王五）"
        assert all(h["author"] != "赵六" for h in store.comment_history(c.id))
        # Bob re-edits on top of the current version: accepted
        assert bob.update_comment(c.id, 2, "赵六", reason="补充理由").version == 3
    finally:
        alice.close()
        bob.close()


def test_comment_values_are_checked(store, draft):
    with pytest.raises(CommentingError, match="意见类型"):
        store.add_comment(_comment(draft, kind="建议"))
    c = store.add_comment(_comment(draft))
    with pytest.raises(CommentingError, match="意见状态"):
        store.update_comment(c.id, 1, "张三", status="通过")
    with pytest.raises(CommentingError, match="不能修改"):
        store.update_comment(c.id, 1, "张三", version=9)
    assert store.get_comment(c.id).version == 1
    with pytest.raises(CommentingError, match="必须属于"):
        store.add_comment(Comment(article=1, original="x"))


def test_list_comments_filters(store, draft):
    a = store.add_comment(_comment(draft))
    b = store.add_comment(_comment(draft, article=2, quote="三日", original="三日", proposed="五日"))
    store.update_comment(b.id, 1, "张三", status="撤回")
    assert [c.id for c in store.list_comments(draft_id=draft)] == [b.id, a.id]  # by article
    assert [c.id for c in store.list_comments(draft_id=draft, article=3)] == [a.id]
    assert [c.id for c in store.list_comments(consultation_id=a.consultation_id, status="撤回")] == [b.id]


def test_adopt_finding(store, draft):
    f = Finding(rule="time-limit", severity="error", article=3, quote="三年", basis=[PUNISH],
                message="追诉时效应为二年", suggestion="建议将三年修改为二年", proposed="二年")
    c = store.adopt_finding(draft, f, "张三")
    assert (c.status, c.kind, c.original, c.proposed, c.reason, c.finding_rule) == (
        "采纳", "修改", "三年", "二年", "追诉时效应为二年", "time-limit")
    assert c.basis == [PUNISH]
    # no quote: the 款 the finding points at; no proposed wording: the suggestion
    g = Finding(rule="exception", severity="warning", article=3, quote="", address="art-3.p-2",
                message="兜底条款不明确", suggestion="建议明确除外情形")
    d = store.adopt_finding(draft, g, "张三")
    assert (d.original, d.proposed, d.kind) == ("法律另有规定的除外。", "建议明确除外情形", "修改")
    h = Finding(rule="delete", severity="warning", article=2, quote="", message="与上位法重复", proposed="")
    e = store.adopt_finding(draft, h, "张三")
    assert (e.kind, e.original) == ("删除", DRAFT[1])
    assert store.comment_history(c.id)[0]["after"] == "采纳审查发现 time-limit"


# ---------------------------------------------------------------- letters


def test_letters_keep_file_and_exact_versions(store, draft, tmp_path):
    c = store.add_comment(_comment(draft))
    cid = c.consultation_id
    first = store.record_letter(cid, draft, "反馈函.docx", b"letter-1", [(c.id, 1)], kind="reply")
    store.update_comment(c.id, 1, "李四", proposed="二年内")
    f = tmp_path / "批注稿.docx"
    f.write_bytes(b"annotated")
    second = store.record_letter(cid, draft, f.name, f, [(c.id, 2)], kind="annotated")
    letters = store.list_letters(cid)
    assert [(l.id, l.kind, l.file_bytes) for l in letters] == [(first, "reply", b"letter-1"), (second, "annotated", b"annotated")]
    got = store.get_letter(first)
    assert got.comment_versions == [(c.id, 1)]
    # what the first letter said, even after the edit
    assert store.get_comment_version(*got.comment_versions[0]).proposed == "二年"
    with pytest.raises(CommentingError, match="没有第 7 版"):
        store.record_letter(cid, draft, "x.docx", b"x", [(c.id, 7)])
    assert len(store.list_letters(cid)) == 2


def test_simultaneous_edits_only_one_wins(draft, store):
    import threading

    c = store.add_comment(_comment(draft))
    users = {name: Store(store.path) for name in ("王五", "赵六")}
    barrier = threading.Barrier(2)
    outcome: dict[str, str] = {}

    def edit(name: str) -> None:
        barrier.wait()
        try:
            users[name].update_comment(c.id, 1, name, proposed=f"二年（{name}）")
            outcome[name] = "saved"
        except StaleEditError:
            outcome[name] = "stale"

    threads = [threading.Thread(target=edit, args=(n,)) for n in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for s in users.values():
        s.close()
    assert sorted(outcome.values()) == ["saved", "stale"]
    winner = next(n for n, o in outcome.items() if o == "saved")
    now = store.get_comment(c.id)
    assert (now.version, now.proposed, now.updated_by) == (2, f"二年（{winner}）", winner)
    assert [h["author"] for h in store.comment_history(c.id)] == ["张三", winner]
