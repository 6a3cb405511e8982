"""End-to-end: 单位设置 filled in the browser, then a letter that takes it and records 已反馈.

Fills the office profile, registers the sample draft, adopts a finding on the 审查 page, opens
意见函 (the profile's 落款单位, 联系人, 联系电话 and the next 发文字号 are there), downloads the reply
letter, reads it with python-docx and checks the register: 已反馈 with today's 反馈日期.
"""
from __future__ import annotations

import datetime as dt
import io

import pytest

from .conftest import SAMPLE_DRAFT
from .e2e_support import WAIT_MS, enter_review, idle, register, shot

pytestmark = pytest.mark.e2e


def test_profile_then_letter_in_a_browser(server, browser, tmp_path):
    import docx

    from commenting.store import Store

    url, data = server
    year = dt.date.today().year
    page = browser.new_page(viewport={"width": 1500, "height": 1000}, accept_downloads=True)
    page.set_default_timeout(WAIT_MS)
    page.goto(f"{url}/profile")
    page.get_by_role("heading", name="单位设置", exact=True).wait_for()
    idle(page)
    page.get_by_label("审查人").fill("张三")
    page.get_by_label("审查人").press("Enter")
    idle(page)

    # the profile
    page.get_by_role("textbox", name="单位名称", exact=True).fill("衡阳市市场监督管理局")
    page.get_by_role("textbox", name="法规科（内设机构）名称", exact=True).fill("法规科")
    page.get_by_role("textbox", name="联系人", exact=True).fill("李四")
    page.get_by_role("textbox", name="联系电话", exact=True).fill("0734-8888888")
    province = page.locator('[data-testid="stSelectbox"]').filter(has_text="所在省份").locator("input")
    province.click()
    province.fill("湖南省")
    page.get_by_role("option", name="湖南省", exact=True).click()
    page.get_by_role("textbox", name="所在设区的市", exact=True).fill("衡阳市")
    page.get_by_role("textbox", name="发文字号格式", exact=True).fill("衡市监函〔{year}〕{n}号")
    page.get_by_role("button", name="保存").click()
    page.get_by_text("已保存", exact=True).wait_for()
    idle(page)
    page.get_by_text(f"衡市监函〔{year}〕1号", exact=False).wait_for()
    shot(page, "profile-1-settings")
    with Store(data / "store.db") as store:
        p = store.get_profile()
    assert (p.name, p.contact, p.province, p.city, p.updated_by) == ("衡阳市市场监督管理局", "李四", "湖南省", "衡阳市", "张三")

    # register the sample draft
    page.get_by_role("link", name="征求意见台账").click()
    page.get_by_role("heading", name="征求意见台账").wait_for()
    idle(page)
    draft = tmp_path / "draft.txt"
    draft.write_text(SAMPLE_DRAFT, encoding="utf-8")
    register(page, draft, 来文单位="衡阳市司法局")

    # adopt a finding
    enter_review(page)
    page.get_by_role("button", name="⚠").first.click()
    idle(page)
    page.get_by_role("button", name="采纳建议").first.click()
    page.get_by_text("已采纳：").first.wait_for()
    idle(page)

    # the letter takes the profile
    page.get_by_role("link", name="意见函").click()
    page.get_by_role("heading", name="意见函", exact=True).wait_for()
    idle(page)
    assert page.get_by_role("textbox", name="落款单位", exact=True).input_value() == "衡阳市市场监督管理局"
    assert page.get_by_role("textbox", name="联系人", exact=True).input_value() == "李四"
    assert page.get_by_role("textbox", name="联系电话", exact=True).input_value() == "0734-8888888"
    assert page.get_by_role("textbox", name="我方文号（可不填）", exact=True).input_value() == f"衡市监函〔{year}〕1号"
    page.get_by_text("取自「单位设置」", exact=False).wait_for()
    page.locator(".cm-letter").get_by_text("衡阳市市场监督管理局", exact=True).first.wait_for()
    assert page.get_by_text("没有落款单位", exact=False).count() == 0
    shot(page, "profile-2-letter")
    with page.expect_download(timeout=WAIT_MS) as info:
        page.get_by_role("button", name="下载反馈意见函（.docx）").click()
    target = tmp_path / "reply.docx"
    info.value.save_as(target)
    idle(page)
    body = "\n".join(p.text for p in docx.Document(io.BytesIO(target.read_bytes())).paragraphs)
    assert "衡阳市市场监督管理局" in body and f"衡市监函〔{year}〕1号" in body and "李四" in body
    page.get_by_text("已下载并登记", exact=False).wait_for()
    shot(page, "profile-3-letter-exported")
    with Store(data / "store.db") as store:
        [c] = store.list_consultations()
        assert [x.kind for x in store.list_letters(c.id)] == ["reply"]
        assert store.get_letter_info(c.id)["doc_number"] == f"衡市监函〔{year}〕1号"
    assert (c.status, c.replied_on) == ("已反馈", dt.date.today().isoformat())
