"""End-to-end: the real app (``streamlit run app.py``) in headless Chromium.

Registers a consultation with an eval draft, adopts a suggested comment, adopts and edits another,
fills the letter, downloads the reply letter and reads it back with python-docx. A screenshot of
each page goes to artifacts/screenshots/ (gitignored) for a person to look at.
"""
from __future__ import annotations

import io

import pytest

from .e2e_support import WAIT_MS, idle, register, shot

pytestmark = [pytest.mark.e2e, pytest.mark.shared]


def test_register_review_letter_in_a_browser(server, browser, shared_dir, tmp_path):
    import docx

    from commenting.store import Store

    url, data = server
    draft = shared_dir / "eval" / "cases" / "04-hy-case-review-gbk" / "draft.txt"
    page = browser.new_page(viewport={"width": 1500, "height": 1000}, accept_downloads=True)
    page.set_default_timeout(WAIT_MS)
    # Markdown typed into the register form must stay text: the image it names is never fetched
    injected = f"![x]({url}/injected-image.png)"
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url) if "injected-image" in request.url else None)
    page.goto(url)
    page.get_by_role("heading", name="征求意见台账").wait_for()
    idle(page)
    # Streamlit's English in the uploader is said in Chinese (our CSS must match its markup)
    page.locator('[data-testid="stFileUploaderDropzone"] button p').first.wait_for()
    after = page.evaluate("() => getComputedStyle(document.querySelector("
                          "'[data-testid=\"stFileUploaderDropzone\"] button p'), '::after').content")
    assert after == '"选择文件"'

    # sign as a reviewer (kept in the URL), then register the consultation with its draft
    page.get_by_label("审查人").fill("张三")
    page.get_by_label("审查人").press("Enter")
    idle(page)
    register(page, draft, **{"标题（不填则取草案标题）": f"案件审查办法{injected}", "来文单位": "衡阳市市场监督管理局",
                             "文号": "衡市监函〔2026〕8号", "承办人": "李四"})
    page.get_by_text(f"已登记《案件审查办法{injected}》", exact=False).wait_for()  # shown as typed
    assert page.get_by_label("来文单位").input_value() == ""  # the form starts empty again
    shot(page, "1-register")

    # review: adopt the suggestion on one article
    page.get_by_role("button", name="进入审查 →").click()
    page.get_by_role("heading", name="审查", exact=True).wait_for()
    idle(page)
    page.get_by_text(f"案件审查办法{injected}", exact=False).first.wait_for()
    assert "u=" in page.url, "the reviewer's name stays in the URL across pages"
    flagged = page.get_by_role("button", name="⚠")
    assert flagged.count() >= 2, "the outline shows articles with findings"
    flagged.nth(0).click()
    idle(page)
    page.get_by_role("button", name="采纳建议").first.click()
    page.get_by_text("已采纳：").first.wait_for()
    idle(page)
    assert "a=" in page.url and "c=" in page.url

    # adopt on another article, then edit its proposed wording (saved on blur)
    flagged.nth(1).click()
    idle(page)
    page.get_by_role("button", name="采纳建议").first.click()
    page.get_by_text("已采纳：").first.wait_for()
    idle(page)
    edited = "本条修改为：经审查人员重新拟定的表述。"
    box = page.get_by_label("修改建议").last
    box.fill(edited)
    box.press("Tab")
    idle(page)
    page.locator(".cm-redline ins").last.wait_for()
    shot(page, "2-review")

    with Store(data / "store.db") as store:
        comments = store.list_comments()
    assert len(comments) == 2 and all(c.status == "采纳" and c.author == "张三" for c in comments)
    first, second = comments
    assert second.proposed == edited and second.version == 2

    # a second reviewer in another browser saves first; this tab's later edit is refused, newer text shown
    other = browser.new_context(viewport={"width": 1500, "height": 1000})
    page2 = other.new_page()
    page2.set_default_timeout(WAIT_MS)
    page2.goto(page.url)
    page2.get_by_role("heading", name="审查", exact=True).wait_for()
    idle(page2)
    theirs = "另一位审查人保存的表述。"
    box2 = page2.get_by_label("修改建议").last
    box2.fill(theirs)
    box2.press("Tab")
    idle(page2)
    other.close()
    box.fill("本标签页基于旧版本的修改。")
    box.press("Tab")
    idle(page)
    page.get_by_text("请在最新内容基础上重新编辑").wait_for()
    assert page.get_by_label("修改建议").last.input_value() == theirs
    shot(page, "2b-review-stale-edit")
    with Store(data / "store.db") as store:
        assert store.get_comment(second.id).proposed == theirs
    edited = theirs

    # the letter: fill the signature, preview, download
    page.get_by_role("link", name="意见函").click()
    page.get_by_role("heading", name="意见函", exact=True).wait_for()
    idle(page)
    assert page.get_by_label("审查人").input_value() == "张三" and "u=" in page.url
    sender = page.get_by_label("落款单位", exact=True)
    sender.fill("某市市场监督管理局")
    sender.press("Tab")
    idle(page)
    page.locator(".cm-letter").get_by_text("某市市场监督管理局", exact=True).wait_for()
    shot(page, "3-letter")
    with page.expect_download(timeout=WAIT_MS) as info:
        page.get_by_role("button", name="下载反馈意见函（.docx）").click()
    target = tmp_path / "reply.docx"
    info.value.save_as(target)
    body = "\n".join(p.text for p in docx.Document(io.BytesIO(target.read_bytes())).paragraphs)
    assert first.proposed and first.proposed in body
    assert edited in body
    assert "某市市场监督管理局" in body
    idle(page)
    with Store(data / "store.db") as store:
        assert [x.kind for x in store.list_letters(first.consultation_id)] == ["reply"]

    # the other pages render
    page.get_by_role("link", name="历史意见").click()
    page.get_by_role("heading", name="历史意见", exact=True).wait_for()
    idle(page)
    page.get_by_text("共 2 条").wait_for()
    shot(page, "4-history")
    page.get_by_role("link", name="法规库").click()
    page.get_by_role("heading", name="法规库", exact=True).wait_for()
    idle(page)
    page.get_by_label("检索条文").fill("听证")
    page.get_by_label("检索条文").press("Enter")
    page.get_by_text("《中华人民共和国行政处罚法》第").first.wait_for()
    shot(page, "5-corpus")
    assert fetched == [], f"the browser fetched an image named in user text: {fetched}"

    # a mistyped address: a Chinese note with links, not Streamlit's English "Page not found"
    page.goto(f"{url}/no-such-page")
    page.get_by_role("heading", name="页面不存在", exact=True).wait_for()
    idle(page)
    assert page.get_by_text("Page not found").count() == 0
    shot(page, "6-not-found")
