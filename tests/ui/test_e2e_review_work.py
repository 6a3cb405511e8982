"""End-to-end review work in headless Chromium on the real app: register the sample draft, mark a
finding 不采纳 with a reason and undo it, 采纳全部 for the draft and undo it, edit a comment and
restore its first version; the store is checked after each step and each is photographed."""
from __future__ import annotations

import pytest

from .conftest import SAMPLE_DRAFT
from .e2e_support import enter_review, idle, open_app, register, shot

pytestmark = [pytest.mark.e2e]


def click_key(page, key: str) -> None:
    """Click the button Streamlit drew for widget ``key`` (its container has class st-key-<key>)."""
    page.locator(f".st-key-{key} button").first.click()
    idle(page)


def test_reject_adopt_all_and_restore_in_a_browser(server, browser, tmp_path):
    from commenting.store import Store

    url, data = server
    draft = tmp_path / "草案.txt"
    draft.write_text(SAMPLE_DRAFT, encoding="utf-8")
    page = open_app(browser, url, reviewer="张三")
    register(page, draft)
    enter_review(page)
    with Store(data / "store.db") as store:
        [c] = store.list_consultations()
        draft_id = store.list_drafts(c.id)[0]["id"]

    # 不采纳 with a reason, then undo
    click_key(page, "nav_art-5")
    page.get_by_role("button", name="不采纳", exact=True).click()
    idle(page)
    box = page.get_by_label("不采纳理由（必填，将保存并可检索）")
    box.fill("罚金系起草笔误，已电话告知起草单位")
    box.press("Tab")
    idle(page)
    page.get_by_role("button", name="确认不采纳").click()
    idle(page)
    page.get_by_text("不采纳：罚金系起草笔误", exact=False).wait_for()
    with Store(data / "store.db") as store:
        [d] = store.rejections(draft_id).values()
        assert (d.rule, d.author, d.reason) == ("penalty-type", "张三", "罚金系起草笔误，已电话告知起草单位")
    shot(page, "review-work-1-rejected")
    page.get_by_role("button", name="撤销不采纳").click()
    idle(page)
    page.get_by_role("button", name="采纳建议").first.wait_for()
    with Store(data / "store.db") as store:
        assert store.rejections(draft_id) == {}
        assert store.finding_decisions(draft_id, include_undone=True)[0].undone_by == "张三"

    # 采纳全部 for the whole draft: the count first, then one batch, then its undo
    click_key(page, "batch_draft")
    page.get_by_text("将采纳 3 条建议", exact=False).wait_for()
    shot(page, "review-work-2-adopt-all-count")
    with Store(data / "store.db") as store:
        assert store.list_comments(draft_id=draft_id) == []
    page.get_by_role("button", name="确认采纳 3 条").click()
    idle(page)
    page.get_by_text("已采纳 3 条建议", exact=False).wait_for()
    with Store(data / "store.db") as store:
        comments = store.list_comments(draft_id=draft_id)
        assert len(comments) == 3 and {x.status for x in comments} == {"采纳"}
    shot(page, "review-work-3-adopted-all")
    click_key(page, "batch_undo_draft")
    page.get_by_text("已撤销批量采纳", exact=False).wait_for()
    with Store(data / "store.db") as store:
        assert {x.status for x in store.list_comments(draft_id=draft_id)} == {"撤回"}
        assert store.decision_counts(draft_id=draft_id) == {"采纳": 0, "不采纳": 0}

    # adopt one, edit it, restore its first version (a new version)
    page.get_by_role("button", name="采纳建议").first.click()
    idle(page)
    with Store(data / "store.db") as store:
        adopted = next(x for x in store.list_comments(draft_id=draft_id) if x.status == "采纳")
    assert adopted.article == 5
    proposed = page.locator(f".st-key-cm{adopted.id}_proposed textarea")
    proposed.fill("市场监督管理部门可以对当事人处以警告。")
    proposed.press("Tab")
    idle(page)
    with Store(data / "store.db") as store:
        assert store.get_comment(adopted.id).version == 2
    page.get_by_text("修改记录（共 2 版）").last.click()
    idle(page)
    shot(page, "review-work-4-history")
    click_key(page, f"restore_{adopted.id}_1")
    page.get_by_text(f"已恢复意见 #{adopted.id} 的第 1 版", exact=False).wait_for()
    with Store(data / "store.db") as store:
        now = store.get_comment(adopted.id)
        assert (now.version, now.proposed, now.updated_by) == (3, adopted.proposed, "张三")
        assert store.get_comment_version(adopted.id, 2).proposed == "市场监督管理部门可以对当事人处以警告。"
    assert proposed.input_value() == adopted.proposed
    assert page.locator("text=penalty-type").count() == 0 or not page.locator("text=penalty-type").first.is_visible()
    shot(page, "review-work-5-restored")
