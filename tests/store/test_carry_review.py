"""The reviewer's confirmation of the carry-over (migration 10): state, machine_state, who and when."""
from __future__ import annotations

import sqlite3

import pytest

from commenting.errors import StoreError
from commenting.model import Comment, Consultation
from commenting.rounds import ADOPTED, LOST, NOT_ADOPTED, PARTLY, CarryResult
from commenting.store import LATEST_VERSION, Store

from store_helpers import DRAFT, make_doc, set_back


@pytest.fixture
def rounds(store):
    k = store.add_consultation(Consultation(title="某办法（征求意见稿）", sender="市司法局"))
    d1 = store.add_draft(k.id, make_doc(DRAFT), "第一轮.docx", b"1")
    d2 = store.add_draft(k.id, make_doc(DRAFT), "第二轮.docx", b"2")
    a = store.add_comment(Comment(draft_id=d1, article=1, original="甲", proposed="乙", author="张三"))
    b = store.add_comment(Comment(draft_id=d1, article=2, original="丙", proposed="丁", author="张三"))
    store.record_carry(d1, d2, [CarryResult(a, 1, NOT_ADOPTED, "仍为原文"), CarryResult(b, None, LOST, "找不到")])
    return d1, d2, a, b


def test_record_keeps_the_machine_state_and_confirmation_is_logged(store, rounds):
    d1, d2, a, b = rounds
    rows = {r["comment_id"]: r for r in store.list_carry(d2)}
    assert (rows[a.id]["state"], rows[a.id]["machine_state"], rows[a.id]["confirmed_at"]) == (NOT_ADOPTED, NOT_ADOPTED, "")

    confirmed = store.confirm_carry(a.id, d2, NOT_ADOPTED, "李四")
    assert (confirmed["state"], confirmed["confirmed_by"]) == (NOT_ADOPTED, "李四") and confirmed["confirmed_at"]
    corrected = store.confirm_carry(b.id, d2, PARTLY, "李四")
    assert (corrected["state"], corrected["machine_state"]) == (PARTLY, LOST)  # the guess stays beside it
    log = store.carry_log(d2)
    assert [(x["comment_id"], x["action"], x["before"], x["after"], x["author"]) for x in log] == [
        (a.id, "确认", NOT_ADOPTED, NOT_ADOPTED, "李四"), (b.id, "更正", LOST, PARTLY, "李四")]
    # the annual statistics read the current state straight from the table
    states = dict(store.conn.execute("SELECT comment_id, state FROM comment_carry WHERE new_draft_id=?", (d2,)))
    assert states == {a.id: NOT_ADOPTED, b.id: PARTLY}


def test_a_new_matching_run_does_not_override_the_reviewer(store, rounds):
    d1, d2, a, b = rounds
    store.confirm_carry(b.id, d2, ADOPTED, "李四")
    store.link_carried(a.id, d2, a.id, "李四")  # any existing comment id stands in for the carried one
    store.record_carry(d1, d2, [CarryResult(a, 1, NOT_ADOPTED, "仍为原文"), CarryResult(b, 2, NOT_ADOPTED, "仍为原文")])
    rows = {r["comment_id"]: r for r in store.list_carry(d2)}
    assert (rows[b.id]["state"], rows[b.id]["machine_state"], rows[b.id]["new_article"]) == (ADOPTED, NOT_ADOPTED, 2)
    assert rows[a.id]["new_comment_id"] == a.id
    store.record_carry(d1, d2, [CarryResult(a, 1, NOT_ADOPTED, "仍为原文")])  # b is no longer compared
    assert [r["comment_id"] for r in store.list_carry(d2)] == [a.id]


def test_confirming_refuses_unknown_states_and_records(store, rounds):
    d1, d2, a, b = rounds
    with pytest.raises(StoreError, match="采纳情况「采纳」无效"):
        store.confirm_carry(a.id, d2, "采纳", "李四")
    with pytest.raises(StoreError, match="没有承接到该轮草案"):
        store.confirm_carry(a.id, d1, NOT_ADOPTED, "李四")
    assert store.carry_log(d2) == []


def test_a_version_7_file_gains_the_machine_state_from_its_state(tmp_path):
    path = tmp_path / "v7.db"
    with Store(path) as s:
        k = s.add_consultation(Consultation(title="某办法"))
        d1 = s.add_draft(k.id, make_doc(DRAFT))
        d2 = s.add_draft(k.id, make_doc(DRAFT))
        c = s.add_comment(Comment(draft_id=d1, article=1, original="甲", proposed="乙"))
    conn = sqlite3.connect(path)
    set_back(conn, 7)
    conn.execute("INSERT INTO comment_carry (comment_id, old_draft_id, new_draft_id, state, at) VALUES (?,?,?,?,?)",
                 (c.id, d1, d2, ADOPTED, "2026-01-01 00:00:00"))
    conn.commit()
    conn.close()
    with Store(path) as s:
        assert s.version == LATEST_VERSION
        [row] = s.list_carry(d2)
        assert (row["state"], row["machine_state"], row["confirmed_at"]) == (ADOPTED, ADOPTED, "")
        assert s.carry_log(d2) == []
