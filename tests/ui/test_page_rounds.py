"""AppTest of the 下一轮 page: upload the next round, see each earlier comment's state side by side,
confirm or correct it, carry an unadopted one into the new round's letter."""
from __future__ import annotations

import html

from commenting import paths
from commenting.store import Store

from .conftest import SAMPLE_DRAFT
from .test_pages import LETTER, open_page, registered, texts

ROUNDS = "commenting/ui/page_rounds.py"

#: the next round: 第三条 (三年) kept, 第五条 (罚金) changed as proposed, a new 第二条 moves the rest down
ROUND_2 = (SAMPLE_DRAFT.replace("（征求意见稿）", "（第二次征求意见稿）")
           .replace("第二条　本办法适用于", "第二条　本办法所称轻微违法行为，是指情节轻微并及时改正的违法行为。\n第三条　本办法适用于")
           .replace("第三条　违法行为", "第四条　违法行为")
           .replace("第四条　当事人", "第五条　当事人")
           .replace("第五条　市场监督管理部门可以对当事人处以罚金。", "第六条　市场监督管理部门可以对当事人处以罚款。")
           .replace("第六条　本办法自", "第七条　本办法自"))


def adopted_two(draft_id: int) -> dict[int, object]:
    """Adopt the findings on 第三条 (三年 → 二年) and 第五条 (罚金 → 罚款), as the review page does."""
    with Store(paths.store_db()) as store:
        findings = store.list_findings(draft_id)
        out = {}
        for no, proposed in ((3, "二年"), (5, "罚款")):
            f = next(f for f in findings if f.article == no)
            c = store.adopt_finding(draft_id, f, "张三")
            out[no] = store.update_comment(c.id, c.version, "张三", quote={3: "三年", 5: "罚金"}[no],
                                           original={3: "三年", 5: "罚金"}[no], proposed=proposed, kind="修改")
    return out


def upload_round_2(at):
    at.file_uploader[0].set_value(("第二次征求意见稿.txt", ROUND_2.encode("utf-8"), "text/plain"))
    at.form_submit_button[0].click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_first_round_only_says_what_to_do(data_env):
    cid, _ = registered()
    at = open_page(ROUNDS, c=str(cid))
    assert at.title[0].value == "下一轮"
    assert any("只有第 1 轮草案" in i.value for i in at.info)


def test_upload_compare_correct_confirm_and_carry(data_env):
    cid, d1 = registered(sender="某市司法局")
    comments = adopted_two(d1)
    at = open_page(ROUNDS, c=str(cid), u="李四")
    upload_round_2(at)
    with Store(paths.store_db()) as store:
        drafts = store.list_drafts(cid)
        assert [d["round"] for d in drafts] == [1, 2]
        d2 = drafts[1]["id"]
        assert store.list_findings(d2), "the new round is reviewed too"
        rows = {r["comment_id"]: r for r in store.list_carry(d2)}
    limit, fine = comments[3], comments[5]
    assert (rows[limit.id]["state"], rows[limit.id]["new_article"]) == ("未采纳", 4)
    assert (rows[fine.id]["state"], rows[fine.id]["new_article"]) == ("已采纳", 6)
    page = texts(at)
    assert "已登记第 2 轮草案" in page and "已比对前轮意见 2 条" in page
    assert {m.label: m.value for m in at.metric}["未采纳"] == "1"
    # old and new text side by side, the passage marked in each
    marked = "\n".join(m.value for m in at.markdown)
    assert '<mark class="sev-warning">三年</mark>' in marked and '<mark class="sev-info">三年</mark>' in marked
    assert "第 1 轮 第三条" in marked and "第 2 轮 第四条" in marked
    assert at.selectbox(key=f"rs_{d2}_{limit.id}").value == "未采纳"

    # correct one, confirm the other
    at.selectbox(key=f"rs_{d2}_{fine.id}").set_value("部分采纳").run()
    at.button(key=f"rc_{d2}_{limit.id}").click().run()
    assert not at.exception
    with Store(paths.store_db()) as store:
        rows = {r["comment_id"]: r for r in store.list_carry(d2)}
        log = store.carry_log(d2)
    assert (rows[fine.id]["state"], rows[fine.id]["machine_state"], rows[fine.id]["confirmed_by"]) == (
        "部分采纳", "已采纳", "李四")
    assert rows[limit.id]["confirmed_by"] == "李四"
    assert [(x["action"], x["after"]) for x in log] == [("更正", "部分采纳"), ("确认", "未采纳")]
    assert at.selectbox(key=f"rs_{d2}_{fine.id}").value == "部分采纳"

    # carry the unadopted one: a 采纳 comment of round 2 on 第四条, then in the new round's letter
    at.button(key=f"rk_{d2}_{limit.id}").click().run()
    assert not at.exception
    with Store(paths.store_db()) as store:
        [carried] = store.list_comments(draft_id=d2)
    assert (carried.article, carried.status, carried.author) == (4, "采纳", "李四")
    assert carried.proposed == "我单位前次提出的意见未被采纳，建议将“三年”修改为“二年”。"
    assert any(f"已承接为本轮意见 #{carried.id}" in c.value for c in at.caption)
    assert not [b for b in at.button if b.key == f"rk_{d2}_{limit.id}"]
    letter = open_page(LETTER, c=str(cid))
    preview = next(m.value for m in letter.markdown if "cm-letter" in m.value and "<div" in m.value)
    assert "我单位前次提出的意见未被采纳，建议将" in html.unescape(preview)


def test_a_bad_next_round_file_is_refused_in_chinese(data_env):
    cid, _ = registered()
    at = open_page(ROUNDS, c=str(cid))
    at.file_uploader[0].set_value(("坏文件.docx", b"PK\x03\x04 not really a zip", "application/octet-stream"))
    at.form_submit_button[0].click().run()
    assert not at.exception
    assert at.error and at.error[0].value.startswith("无法登记下一轮草案")
    with Store(paths.store_db()) as store:
        assert len(store.list_drafts(cid)) == 1


def test_no_consultation_says_what_to_do(data_env):
    at = open_page(ROUNDS)
    assert any("还没有登记征求意见" in i.value for i in at.info)
