"""End-to-end in headless Chromium: register two drafts, the same file again (a warning), delete one
and restore it from the bin, download the register as .xlsx and read it with openpyxl, and open
年度统计 and compare its numbers with the store. Screenshots: artifacts/screenshots/year-*.png."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from commenting.annual import paragraph, percent, year_figures
from commenting.store import Store

from .conftest import SAMPLE_DRAFT
from .e2e_support import WAIT_MS, idle, shot, upload, wait_for_outcome

pytestmark = pytest.mark.e2e


def _register(page, path, title: str, sender: str) -> None:
    upload(page, path)
    page.get_by_label("标题（不填则取草案标题）").fill(title)
    page.get_by_label("来文单位").fill(sender)
    page.get_by_role("button", name="登记并审查").click()
    idle(page)


def test_register_bin_export_and_year_in_a_browser(server, browser, tmp_path):
    url, data = server
    first = tmp_path / "甲办法.txt"
    first.write_text(SAMPLE_DRAFT, encoding="utf-8")
    second = tmp_path / "乙办法.txt"
    second.write_text(SAMPLE_DRAFT.replace("轻微违法行为处理办法", "广告监测办法"), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1500, "height": 1000}, accept_downloads=True)
    page.set_default_timeout(WAIT_MS)
    page.goto(url)
    page.get_by_role("heading", name="征求意见台账").wait_for()
    idle(page)

    # two drafts; the first review in a fresh server loads the law index: give it longer
    upload(page, first)
    page.get_by_label("标题（不填则取草案标题）").fill("甲办法（征求意见稿）")
    page.get_by_label("来文单位").fill("市司法局")
    page.get_by_role("button", name="登记并审查").click()
    wait_for_outcome(page, "已登记《甲办法（征求意见稿）》", timeout=3 * WAIT_MS)
    idle(page)
    _register(page, second, "乙办法（征求意见稿）", "省市场监管局")
    page.get_by_text("已登记《乙办法（征求意见稿）》", exact=False).first.wait_for()
    shot(page, "year-1-registered")

    # the same file again: a warning naming the earlier registration, nothing registered until confirmed
    _register(page, first, "甲办法（重复）", "市司法局")
    page.get_by_text("该文件已经登记过：《甲办法（征求意见稿）》", exact=False).wait_for()
    shot(page, "year-2-duplicate")
    with Store(data / "store.db") as store:
        assert sorted(c.title for c in store.list_consultations()) == ["乙办法（征求意见稿）", "甲办法（征求意见稿）"]
    page.get_by_role("button", name="取消").click()
    idle(page)
    assert page.get_by_text("该文件已经登记过", exact=False).count() == 0

    # delete the selected one (乙, just registered): asked first, then in the bin
    page.get_by_role("button", name="删除登记").click()
    page.get_by_text("确定删除《乙办法（征求意见稿）》吗", exact=False).wait_for()
    page.get_by_role("button", name="确认删除").click()
    page.get_by_text("已将《乙办法（征求意见稿）》移入回收站", exact=False).wait_for()
    idle(page)
    with Store(data / "store.db") as store:
        assert [c.title for c in store.list_consultations()] == ["甲办法（征求意见稿）"]
        [binned] = store.list_bin()
    page.get_by_text("回收站（1 件）").click()
    idle(page)
    shot(page, "year-3-deleted")
    page.get_by_role("button", name="恢复").click()
    page.get_by_text("已恢复《乙办法（征求意见稿）》", exact=False).wait_for()
    idle(page)
    with Store(data / "store.db") as store:
        assert len(store.list_consultations()) == 2 and store.list_bin() == []
    shot(page, "year-4-restored")

    # the register as .xlsx
    with page.expect_download(timeout=WAIT_MS) as info:
        page.get_by_role("button", name="导出台账（.xlsx）").click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.name == "征求意见台账.xlsx"
    ws = openpyxl.load_workbook(saved).active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0] == ["来文单位", "文号", "标题", "收到日期", "截止日期", "反馈日期", "状态", "意见条数", "采纳情况"]
    assert sorted((r[0], r[2]) for r in rows[1:]) == [("市司法局", "甲办法（征求意见稿）"),
                                                      ("省市场监管局", "乙办法（征求意见稿）")]
    assert all(r[3] == dt.datetime.combine(dt.date.today(), dt.time()) and r[8] == "—" for r in rows[1:])

    # 年度统计: the numbers the store gives
    page.get_by_role("link", name="年度统计").click()
    page.get_by_role("heading", name="年度统计").wait_for()
    idle(page)
    with Store(data / "store.db") as store:
        figures = year_figures(store, dt.date.today().year)
    assert figures.consultations == 2
    metrics = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert metrics == [f"{figures.consultations} 件", f"{figures.comments} 条",
                       "—" if figures.adoption_rate is None else percent(figures.adoption_rate),
                       "—" if figures.on_time_rate is None else percent(figures.on_time_rate)]
    page.get_by_text(paragraph(figures)).wait_for()
    shot(page, "year-5-stats")
