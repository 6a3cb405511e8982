"""AppTest tests of the register's bin, duplicate warning, review options and .xlsx export, the
deadline list in the sidebar, and the 年度统计 page."""
from __future__ import annotations

import datetime as dt
import io
from pathlib import PurePosixPath

import docx
import openpyxl
import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from commenting import paths
from commenting.annual import paragraph, year_figures
from commenting.store import Store

from year_fixtures import build_year_store

from .conftest import SAMPLE_DRAFT
from .test_pages import REGISTER, REVIEW, open_page, registered, texts

STATS = "commenting/ui/page_stats.py"


@pytest.fixture
def downloads(monkeypatch) -> dict[str, bytes]:
    """The bytes behind each download button, by the file id in its URL."""
    saved: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def keep(self, path_or_data, mimetype, kind, filename=None):
        file_id = original(self, path_or_data, mimetype, kind, filename)
        saved[file_id] = path_or_data
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", keep)
    return saved


def downloaded(at, key: str, downloads: dict[str, bytes]) -> bytes:
    [button] = [b for b in at.get("download_button") if b.key == key]
    return downloads[PurePosixPath(button.proto.url).stem]


def upload(at, data: bytes, name: str = "草案.txt", **fields) -> None:
    at.file_uploader[0].set_value((name, data, "text/plain"))
    for key, value in fields.items():
        widget = at.selectbox(key=key) if key == "reg_level" else at.date_input(key=key) if key == "reg_as_of" \
            else at.text_input(key=key)
        widget.set_value(value)
    at.form_submit_button[0].click().run()
    assert not at.exception, [e.message for e in at.exception]


def button(at, key: str):
    return next(b for b in at.button if b.key == key)


# ---------------------------------------------------------------- the bin


def test_delete_asks_first_then_bins_and_restores(data_env):
    keep, _ = registered(title="保留的征求意见")
    gone, _ = registered(title="登记错了的征求意见", sender="某市司法局")
    at = open_page(REGISTER)
    at.selectbox(key="reg_pick").set_value(gone).run()
    button(at, f"delete_{gone}").click().run()
    assert any("确定删除《登记错了的征求意见》" in w.value and "30 天内可以恢复" in w.value for w in at.warning)
    with Store(paths.store_db()) as store:  # asking deletes nothing
        assert len(store.list_consultations()) == 2

    button(at, f"delete_cancel_{gone}").click().run()
    assert not any("确定删除" in w.value for w in at.warning)
    button(at, f"delete_{gone}").click().run()
    button(at, f"delete_confirm_{gone}").click().run()
    assert not at.exception
    with Store(paths.store_db()) as store:
        assert [c.id for c in store.list_consultations()] == [keep]
        assert [e.consultation.id for e in store.list_bin()] == [gone]
    assert any("已将《登记错了的征求意见》移入回收站" in s.value for s in at.success)
    frame = at.dataframe[0].value
    assert list(getattr(frame, "data", frame)["标题"]) == ["保留的征求意见"]
    assert any("回收站（1 件）" in e.label for e in at.expander)
    assert "登记错了的征求意见" in texts(at)

    button(at, f"restore_{gone}").click().run()
    assert not at.exception
    with Store(paths.store_db()) as store:
        assert sorted(c.id for c in store.list_consultations()) == sorted([keep, gone])
        assert store.list_bin() == []
    assert any("已恢复《登记错了的征求意见》" in s.value for s in at.success)
    assert at.query_params.get("c") == str(gone)


# ---------------------------------------------------------------- the same file twice


def test_same_file_again_warns_and_needs_confirmation(data_env):
    data = SAMPLE_DRAFT.encode("utf-8")
    at = open_page(REGISTER)
    upload(at, data, reg_title="第一次登记")
    with Store(paths.store_db()) as store:
        [first] = store.list_consultations()

    upload(at, data, reg_title="第二次登记")
    [warning] = [w.value for w in at.warning if "已经登记过" in w.value]
    assert f"《第一次登记》（编号 {first.id}，第 1 轮" in warning
    with Store(paths.store_db()) as store:
        assert len(store.list_consultations()) == 1  # nothing registered before the answer

    button(at, "reg_dup_cancel").click().run()
    assert not any("已经登记过" in w.value for w in at.warning)
    with Store(paths.store_db()) as store:
        assert len(store.list_consultations()) == 1

    at.form_submit_button[0].click().run()  # the same upload, sent again
    assert any("已经登记过" in w.value for w in at.warning)
    button(at, "reg_dup_confirm").click().run()
    assert not at.exception, [e.message for e in at.exception]
    with Store(paths.store_db()) as store:
        titles = sorted(c.title for c in store.list_consultations())
    assert titles == ["第一次登记", "第二次登记"]

    upload(at, SAMPLE_DRAFT.replace("第六条", "第六条　本办法有效期五年。\n第七条").encode("utf-8"), reg_title="改过的")
    assert not any("已经登记过" in w.value for w in at.warning)  # another file: no question
    with Store(paths.store_db()) as store:
        assert len(store.list_consultations()) == 3


# ---------------------------------------------------------------- level and as-of on the form


def test_level_set_on_the_form_changes_the_review_and_is_kept(data_env):
    data = SAMPLE_DRAFT.encode("utf-8")
    at = open_page(REGISTER)
    assert at.selectbox(key="reg_level").value == "自动识别"
    assert at.date_input(key="reg_as_of").value == dt.date.today()
    assert "地方政府规章" in at.selectbox(key="reg_level").options
    upload(at, data, reg_title="自动识别层级")
    upload(at, data.replace("制定本办法".encode(), "制定本规章".encode()), reg_title="政府规章",
           reg_level="地方政府规章", reg_as_of=dt.date(2024, 6, 30))
    with Store(paths.store_db()) as store:
        by_title = {c.title: c.id for c in store.list_consultations()}
        auto = store.list_drafts(by_title["自动识别层级"])[0]["id"]
        rule = store.list_drafts(by_title["政府规章"])[0]["id"]
        auto_rules = {f.rule for f in store.list_findings(auto)}
        rule_rules = {f.rule for f in store.list_findings(rule)}
        assert store.review_options(auto) == (None, dt.date.today().isoformat())
        assert store.review_options(rule) == ("地方政府规章", "2024-06-30")
    # a 规范性文件 (the guess) must state its period of validity; a 规章 need not
    assert "validity-period" in auto_rules and "validity-period" not in rule_rules
    assert {"limitation-period", "penalty-type"} <= rule_rules

    # a re-run of the review (findings cleared) uses the options kept with the draft
    with Store(paths.store_db()) as store:
        store.save_findings(rule, [])
        store.conn.execute("DELETE FROM findings WHERE draft_id=?", (rule,))
    review = open_page(REVIEW, c=str(by_title["政府规章"]))
    assert not review.exception
    with Store(paths.store_db()) as store:
        assert {f.rule for f in store.list_findings(rule)} == rule_rules


def test_registration_shows_progress(data_env, monkeypatch):
    from streamlit.delta_generator import DeltaGenerator

    steps: list[tuple[float, str]] = []
    original = DeltaGenerator.progress

    def record(self, value, text=None):
        steps.append((value, text or ""))
        return original(self, value, text)

    monkeypatch.setattr(DeltaGenerator, "progress", record)
    at = open_page(REGISTER)
    upload(at, SAMPLE_DRAFT.encode("utf-8"))
    values = [v for v, _ in steps]
    assert values == sorted(values) and values[-1] == 1.0  # forward only, to the end
    said = "\n".join(t for _, t in steps)
    for step in ("已拆分为 6 条", "审查中：已完成", "正在保存", "已保存"):
        assert step in said


# ---------------------------------------------------------------- export and deadlines


def test_register_exports_xlsx(data_env, downloads):
    with Store(paths.store_db()) as store:
        build_year_store(store)
    at = open_page(REGISTER)
    at.selectbox(key="reg_export_year").set_value(2026).run()
    ws = openpyxl.load_workbook(io.BytesIO(downloaded(at, "reg_export", downloads))).active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0][:3] == ["来文单位", "文号", "标题"] and ws["A1"].font.bold
    assert [r[2] for r in rows[1:]] == ["甲办法", "乙办法", "丙办法"]
    assert rows[1][7:] == [2, "已采纳2条"]
    at.selectbox(key="reg_export_year").set_value("全部").run()
    ws = openpyxl.load_workbook(io.BytesIO(downloaded(at, "reg_export", downloads))).active
    assert ws.max_row == 5  # 丁 (2025) too; 戊 is in the bin


@pytest.mark.parametrize("page", [REGISTER, REVIEW, STATS])
def test_sidebar_lists_overdue_and_due_soon_on_every_page(data_env, page):
    today = dt.date.today()
    late, _ = registered(title="逾期的征求意见", deadline=(today - dt.timedelta(days=2)).isoformat())
    registered(title="三天内到期的", deadline=(today + dt.timedelta(days=3)).isoformat())
    registered(title="不急的", deadline=(today + dt.timedelta(days=10)).isoformat())
    registered(title="已反馈的", deadline=(today - dt.timedelta(days=5)).isoformat(), status="已反馈")
    binned, _ = registered(title="删掉的", deadline=(today - dt.timedelta(days=5)).isoformat())
    with Store(paths.store_db()) as store:
        store.delete_consultation(binned)
    at = open_page(page, c=str(late))
    side_errors = [e.value for e in at.sidebar.error]
    side_warnings = [w.value for w in at.sidebar.warning]
    assert any("逾期的征求意见" in e and "已逾期 2 天" in e for e in side_errors)
    assert any("三天内到期的" in w and "3 天内到期" in w for w in side_warnings)
    sidebar = "\n".join(side_errors + side_warnings)
    assert "不急的" not in sidebar and "已反馈的" not in sidebar and "删掉的" not in sidebar


# ---------------------------------------------------------------- 年度统计


def test_stats_page_shows_the_year(data_env, downloads):
    with Store(paths.store_db()) as store:
        build_year_store(store)
        expected = year_figures(store, 2026)
    at = open_page(STATS)
    assert at.title[0].value == "年度统计"
    at.selectbox(key="stats_year").set_value(2026).run()
    assert not at.exception, [e.message for e in at.exception]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"收到征求意见稿": "3 件", "提出修改意见": "5 条", "采纳率": "75%", "按期反馈率": "50%"}
    assert paragraph(expected) in "\n".join(m.value for m in at.markdown)
    assert len(at.get("vega_lite_chart")) == 5
    d = docx.Document(io.BytesIO(downloaded(at, "stats_docx", downloads)))
    assert d.paragraphs[1].text == paragraph(expected)

    at.selectbox(key="stats_year").set_value(2025).run()
    assert {m.label: m.value for m in at.metric}["收到征求意见稿"] == "1 件"


def test_stats_page_on_an_empty_store(data_env):
    at = open_page(STATS)
    assert not at.exception
    assert f"{dt.date.today().year}年度未收到征求意见稿。" in "\n".join(m.value for m in at.markdown)
    assert {m.label: m.value for m in at.metric}["采纳率"] == "—"
