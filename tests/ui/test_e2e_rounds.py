"""End-to-end, the next round in headless Chromium: register round 1, adopt two findings, upload a
revised round 2 that adopts one of them and not the other, see the states side by side, correct
one, carry the unadopted one, and read the new round's reply letter with python-docx."""
from __future__ import annotations

import io

import pytest

from .e2e_support import WAIT_MS, enter_review, idle, open_app, register, shot, upload, wait_for_outcome
from .conftest import SAMPLE_DRAFT
from .test_page_rounds import ROUND_2

pytestmark = pytest.mark.e2e


def test_next_round_states_correction_and_carried_comment_in_the_letter(server, browser, tmp_path):
    import docx

    from commenting.store import Store

    url, data = server
    round_1, round_2 = tmp_path / "征求意见稿.txt", tmp_path / "第二次征求意见稿.txt"
    round_1.write_text(SAMPLE_DRAFT, encoding="utf-8")
    round_2.write_text(ROUND_2, encoding="utf-8")
    page = open_app(browser, url, downloads=True, reviewer="张三")

    # round 1: register, then adopt the findings on 第三条 (三年) and 第五条 (罚金)
    register(page, round_1, 来文单位="某市司法局")
    enter_review(page)
    for no in (3, 5):
        page.locator(f".st-key-nav_art-{no} button").click()
        idle(page)
        page.get_by_role("button", name="采纳建议").first.click()
        page.get_by_text("已采纳：").first.wait_for()
        idle(page)
    with Store(data / "store.db") as store:
        [consultation] = store.list_consultations()
        by_article = {c.article: c for c in store.list_comments(consultation_id=consultation.id)}
    assert set(by_article) == {3, 5}
    limit, fine = by_article[3], by_article[5]

    # round 2 on the 下一轮 page: 罚金 → 罚款 made, 三年 kept, articles renumbered
    page.get_by_role("link", name="下一轮").click()
    page.get_by_role("heading", name="下一轮", exact=True).wait_for()
    idle(page)
    page.get_by_text("只有第 1 轮草案", exact=False).wait_for()
    upload(page, round_2)
    page.get_by_role("button", name="上传并比对").click()
    wait_for_outcome(page, "已登记第 2 轮草案", timeout=3 * WAIT_MS)
    idle(page)
    with Store(data / "store.db") as store:
        d2 = store.list_drafts(consultation.id)[-1]["id"]
        states = {r["comment_id"]: r["state"] for r in store.list_carry(d2)}
    assert states == {limit.id: "未采纳", fine.id: "已采纳"}
    page.get_by_text("第 1 轮 第三条", exact=True).wait_for()
    page.get_by_text("第 2 轮 第四条", exact=True).wait_for()
    assert page.locator(".cm-article mark.sev-info", has_text="罚款").count() >= 1  # the new text, marked
    shot(page, "rounds-1-compared")

    # correct the adopted one to 部分采纳
    select = page.locator(f".st-key-rs_{d2}_{fine.id}")
    box = select.get_by_role("combobox")
    box.click()
    box.fill("部分采纳")  # the list opens on typing
    page.get_by_role("option", name="部分采纳").click()
    idle(page)
    page.get_by_text(f"已将意见 #{fine.id} 的采纳情况记为「部分采纳」", exact=False).wait_for()
    # carry the unadopted one into the new round's letter
    page.locator(f".st-key-rk_{d2}_{limit.id} button").click()
    idle(page)
    page.get_by_text("已承接到本轮意见函", exact=False).first.wait_for()
    page.get_by_text("已承接为本轮意见 #", exact=False).wait_for()
    shot(page, "rounds-2-corrected-and-carried")
    with Store(data / "store.db") as store:
        rows = {r["comment_id"]: r for r in store.list_carry(d2)}
        [carried] = store.list_comments(draft_id=d2)
    assert (rows[fine.id]["state"], rows[fine.id]["machine_state"], rows[fine.id]["confirmed_by"]) == (
        "部分采纳", "已采纳", "张三")
    assert rows[limit.id]["new_comment_id"] == carried.id and carried.article == 4

    # the new round's letter
    page.get_by_role("button", name="前往意见函 →").click()
    page.get_by_role("heading", name="意见函", exact=True).wait_for()
    idle(page)
    page.locator(".cm-letter").get_by_text("我单位前次提出的意见未被采纳", exact=False).wait_for()
    sender = page.get_by_label("落款单位", exact=True)  # a letter is not exported unsigned without a warning
    sender.fill("某市市场监督管理局")
    sender.press("Tab")
    idle(page)
    shot(page, "rounds-3-letter")
    with page.expect_download(timeout=WAIT_MS) as info:
        page.get_by_role("button", name="下载反馈意见函（.docx）").click()
    target = tmp_path / "reply-round-2.docx"
    info.value.save_as(target)
    body = "\n".join(p.text for p in docx.Document(io.BytesIO(target.read_bytes())).paragraphs)
    assert "我单位前次提出的意见未被采纳，建议修改为：“违法行为在二年内未被发现的，不再给予行政处罚”。" in body
    assert "第四条" in body and "罚金" not in body  # round 2's comments only
