"""AppTest tests of the review work on the 审查 page: 不采纳 with a reason and its undo, 采纳全部 per
article and for the draft with one undo, a comment's versions and restore, what the normal view
shows (no rule ids or file paths; advice never as inserted text), and the outline in pages."""
from __future__ import annotations

import html

from streamlit.testing.v1 import AppTest

from commenting import paths
from commenting.comments import finding_key
from commenting.model import Article, Consultation, Document, Finding
from commenting.search import search_rejected
from commenting.store import Store

from .test_pages import REVIEW, open_page, registered

ADVICE = Finding(rule="citation-missing-article", severity="error", article=1, address="art-1",
                 quote="《中华人民共和国行政处罚法》", message="所引法律中不存在该条款。", suggestion="建议核对所引条款。")
WORDING = Finding(rule="terminology", severity="warning", article=1, address="art-1", quote="规范",
                  message="用语不规范。", suggestion="建议将“规范”修改为“规范和保障”。")


def with_extra_findings() -> tuple[int, int]:
    """The sample draft, reviewed, plus an advice-only and a worded finding on 第一条."""
    cid, draft_id = registered()
    with Store(paths.store_db()) as store:
        store.save_findings(draft_id, [ADVICE, WORDING, *store.list_findings(draft_id)])
    return cid, draft_id


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.message for e in at.exception]
    return at


def shown(at: AppTest) -> list[str]:
    """Every text the page shows, with duplicates: elements, messages, labels."""
    values = [m.value for m in at.markdown] + [c.value for c in at.caption] + [t.value for t in at.text]
    values += [x.value for kind in ("error", "warning", "success", "info", "subheader") for x in getattr(at, kind)]
    values += [b.label for b in at.button] + [e.label for e in at.expander]
    return [html.unescape(str(v)) for v in values]


def in_details(at: AppTest) -> list[str]:
    """What the 「详细信息」 expanders hold."""
    out = []
    for e in at.expander:
        if e.label == "详细信息":
            out += [html.unescape(t.value) for t in e.text]
    return out


def test_reject_with_a_reason_then_undo(data_env):
    cid, draft_id = registered()
    at = ok(open_page(REVIEW, c=str(cid), a="art-5", u="张三"))
    button(at, "不采纳").click().run()
    ok(at)
    reason_box = next(t for t in at.text_area if t.key.startswith("reject_reason_"))
    button(at, "确认不采纳").click().run()  # no reason: refused, nothing stored
    assert any("请填写不采纳的理由" in e.value for e in at.error)
    with Store(paths.store_db()) as store:
        assert store.rejections(draft_id) == {}

    at.text_area(key=reason_box.key).input("本市地方性法规对此另有规定，罚金系笔误已另行沟通").run()
    button(at, "确认不采纳").click().run()
    ok(at)
    with Store(paths.store_db()) as store:
        [d] = store.rejections(draft_id).values()
        assert (d.rule, d.author, d.reason) == ("penalty-type", "张三", "本市地方性法规对此另有规定，罚金系笔误已另行沟通")
        assert [x.id for x in search_rejected(store, "地方性法规 笔误")] == [d.id]
        assert store.decision_counts(consultation_id=cid) == {"采纳": 0, "不采纳": 1}
    assert any("不采纳：本市地方性法规" in html.unescape(w.value) and "张三" in w.value for w in at.warning)
    assert not [b for b in at.button if b.label == "采纳建议"]

    # the rejection stands on a refresh and after a new review run
    with Store(paths.store_db()) as store:
        store.save_findings(draft_id, store.list_findings(draft_id))
    at = ok(open_page(REVIEW, c=str(cid), a="art-5", u="张三"))
    button(at, "撤销不采纳").click().run()
    ok(at)
    with Store(paths.store_db()) as store:
        assert store.rejections(draft_id) == {}
        [kept] = store.finding_decisions(draft_id, include_undone=True)
        assert kept.undone_by == "张三"
    assert button(at, "采纳建议") and button(at, "不采纳")


def test_adopt_all_of_one_article_counts_first_and_undoes_that_batch(data_env):
    cid, draft_id = with_extra_findings()
    at = ok(open_page(REVIEW, c=str(cid), a="art-1", u="张三"))
    button(at, "采纳本条全部建议").click().run()
    ok(at)
    assert any(i.value == "将采纳 1 条建议（跳过 1 条仅为提示、没有具体修改文字）。" for i in at.info)
    with Store(paths.store_db()) as store:
        assert store.list_comments(draft_id=draft_id) == []  # nothing before confirming
    button(at, "确认采纳 1 条").click().run()
    ok(at)
    with Store(paths.store_db()) as store:
        [c] = store.list_comments(draft_id=draft_id)
    assert (c.finding_rule, c.proposed, c.status) == ("terminology", "规范和保障", "采纳")
    assert any(s.value.startswith("已采纳 1 条建议") for s in at.success)

    button(at, "撤销批量采纳").click().run()
    ok(at)
    with Store(paths.store_db()) as store:
        withdrawn = store.get_comment(c.id)
        assert withdrawn.status == "撤回" and len(store.comment_versions(c.id)) == 2
        assert store.list_batches(draft_id) == []
    assert not [b for b in at.button if b.label == "撤销批量采纳"]


def test_adopt_all_of_the_draft_leaves_earlier_adoptions_on_undo(data_env):
    cid, draft_id = with_extra_findings()
    at = ok(open_page(REVIEW, c=str(cid), a="art-5", u="张三"))
    button(at, "采纳建议").click().run()  # adopted on its own, before the batch
    with Store(paths.store_db()) as store:
        [earlier] = store.list_comments(draft_id=draft_id)
    button(at, "全稿采纳全部建议").click().run()
    ok(at)
    assert any(i.value == "将采纳 3 条建议（跳过 1 条仅为提示、没有具体修改文字，1 条已采纳或已不采纳）。"
               for i in at.info)
    button(at, "确认采纳 3 条").click().run()
    ok(at)
    with Store(paths.store_db()) as store:
        comments = store.list_comments(draft_id=draft_id)
        assert len(comments) == 4
        assert {c.finding_rule for c in comments} == {"terminology", "limitation-period", "penalty-type",
                                                     "validity-period"}
    labels = {b.key: b.label for b in at.button if b.key and b.key.startswith("nav_")}
    assert "✎1/1" in labels["nav_art-3"] and "✎1/1" in labels["nav_art-6"]

    at.button(key="batch_undo_draft").click().run()
    ok(at)
    with Store(paths.store_db()) as store:
        after = {c.id: c.status for c in store.list_comments(draft_id=draft_id)}
        assert after.pop(earlier.id) == "采纳"
        assert set(after.values()) == {"撤回"} and len(after) == 3
        assert store.decision_counts(draft_id=draft_id) == {"采纳": 1, "不采纳": 0}


def test_a_comment_shows_its_versions_and_restores_the_first(data_env):
    cid, draft_id = registered()
    at = ok(open_page(REVIEW, c=str(cid), a="art-5", u="张三"))
    button(at, "采纳建议").click().run()
    with Store(paths.store_db()) as store:
        [c] = store.list_comments(draft_id=draft_id)
    first = c.proposed
    at.text_input(key="reviewer_input").input("李四").run()
    at.text_area(key=f"cm{c.id}_proposed").input("市场监督管理部门可以对当事人处以警告。").run()
    ok(at)
    captions = [html.unescape(x.value) for x in at.caption]
    assert any("最后修改：李四" in x for x in captions)  # the last editor
    assert any(e.label == "修改记录（共 2 版）" for e in at.expander)
    assert any(x.startswith("第 1 版 · 张三 · ") for x in captions)
    assert any(x.startswith("第 2 版 · 李四 · ") and "修改建议" in x and "（当前版本）" in x for x in captions)

    button(at, "恢复第 1 版").click().run()
    ok(at)
    with Store(paths.store_db()) as store:
        now = store.get_comment(c.id)
        assert (now.version, now.proposed, now.updated_by) == (3, first, "李四")
        assert store.get_comment_version(c.id, 2).proposed == "市场监督管理部门可以对当事人处以警告。"
    assert at.text_area(key=f"cm{c.id}_proposed").value == first

    # someone else saves meanwhile: a restore on the older version is refused, their text shown
    with Store(paths.store_db()) as store:
        store.update_comment(c.id, 3, "王五", proposed="王五的表述")
    button(at, "恢复第 2 版").click().run()
    ok(at)
    assert any("王五" in e.value and "请在最新内容基础上重新编辑" in e.value for e in at.error)
    with Store(paths.store_db()) as store:
        assert store.get_comment(c.id).proposed == "王五的表述"
    assert at.text_area(key=f"cm{c.id}_proposed").value == "王五的表述"


def test_rule_ids_and_paths_only_in_details_and_advice_is_no_insertion(data_env):
    cid, draft_id = with_extra_findings()
    at = ok(open_page(REVIEW, c=str(cid), a="art-1"))
    adopt = [b for b in at.button if b.label == "采纳建议"]
    adopt[0].click().run()  # the advice-only finding (it comes first)
    ok(at)
    with Store(paths.store_db()) as store:
        [c] = store.list_comments(draft_id=draft_id)
    assert c.finding_rule == "citation-missing-article" and c.proposed == "建议核对所引条款。"

    everything, details = shown(at), in_details(at)
    normal = list(everything)
    for d in details:
        normal.remove(d)
    store_file = str(paths.store_db())
    assert not [v for v in normal if "citation-missing-article" in v or "terminology" in v or store_file in v]
    assert any("citation-missing-article" in d for d in details) and any(store_file in d for d in details)
    assert any("来自审查发现「引用条款不存在」" in v for v in normal)
    assert any(v == "审查提示：建议核对所引条款。" for v in normal)

    redlines = [m.value for m in at.markdown if "cm-redline" in m.value]
    assert not [r for r in redlines if "建议核对" in r]  # advice is a note, never inserted text
    assert any("修改建议为审查提示" in i.value for i in at.info)
    assert any("<ins>和保障</ins>" in r for r in redlines)  # a wording is shown as a redline

    for v in normal:  # what users read is Chinese: no English words beyond the draft's own text
        words = [w for w in v.replace("<", " ").replace(">", " ").split() if w.isascii() and w.isalpha()]
        assert not [w for w in words if len(w) > 3 and w not in ("class", "div", "del", "ins", "mark")], v


def big_document(n: int) -> Document:
    arts = []
    for no in range(1, n + 1):
        text = f"第{no}项事务由市场监督管理部门依照有关规定办理，当事人应当配合。"
        arts.append(Article(no=no, label=f"第{no}条", text=text, address=f"art-{no}",
                            chapter=f"第{(no - 1) // 100 + 1}章　分则"))
    return Document(title="某市大型管理办法（征求意见稿）", articles=arts, source="big.txt", format="text")


def registered_big(n: int = 3000) -> tuple[int, int]:
    with Store(paths.store_db()) as store:
        c = store.add_consultation(Consultation(title="某市大型管理办法（征求意见稿）"))
        draft_id = store.add_draft(c.id, big_document(n), "big.txt")
        findings = [Finding(rule="terminology", severity="warning", article=no, address=f"art-{no}",
                            quote="有关规定", message="用语不规范。", suggestion="建议将“有关规定”修改为“本办法规定”。")
                    for no in (1, 60, n)]
        store.save_findings(draft_id, findings)
    return c.id, draft_id


def test_a_large_draft_is_shown_in_pages_with_the_place_in_the_url(data_env):
    cid, draft_id = registered_big(3000)
    at = ok(open_page(REVIEW, c=str(cid), a="art-2999"))
    nav = [b.key for b in at.button if b.key and b.key.startswith("nav_")]
    assert len(nav) == 50 and nav[0] == "nav_art-2951" and nav[-1] == "nav_art-3000"
    assert at.selectbox(key="outline_page").value == 59
    assert "⚠1" in at.button(key="nav_art-3000").label

    at.selectbox(key="outline_page").set_value(1).run()  # browse to the second page
    ok(at)
    assert at.query_params["p"] == "2" and at.query_params["a"] == "art-2999"
    nav = [b.key for b in at.button if b.key and b.key.startswith("nav_")]
    assert nav[0] == "nav_art-51" and "⚠1" in at.button(key="nav_art-60").label

    again = ok(open_page(REVIEW, c=str(cid), a="art-2999", p="2"))  # a refresh keeps the page
    assert again.button(key="nav_art-60")
    again.button(key="nav_art-60").click().run()
    ok(again)
    assert again.query_params["a"] == "art-60" and "p" not in again.query_params
    assert again.subheader[0].value == "第60条"

    at = ok(open_page(REVIEW, c=str(cid), a="art-50"))  # the next article on the next page
    button(at, "下一条 →").click().run()
    ok(at)
    nav = [b.key for b in at.button if b.key and b.key.startswith("nav_")]
    assert at.query_params["a"] == "art-51" and nav[0] == "nav_art-51"
    with Store(paths.store_db()) as store:
        assert finding_key(store.list_findings(draft_id)[1]) == ("terminology", 60, 0, "art-60", "有关规定")


def test_the_history_search_finds_a_rejection_by_its_reason(data_env):
    from .test_pages import HISTORY

    cid, draft_id = registered()
    with Store(paths.store_db()) as store:
        f = next(x for x in store.list_findings(draft_id) if x.article == 5)
        store.reject_finding(draft_id, f, "地方性法规另有规定", "张三")
    at = ok(open_page(HISTORY, c=str(cid)))
    at.text_input(key="hs_query").set_value("地方性法规")
    at.form_submit_button[0].click().run()
    ok(at)
    [box] = [e for e in at.expander if e.label.startswith("不采纳的审查发现（1 条")]
    assert any("不采纳理由：地方性法规另有规定" in t.value and "罚金" in t.value for t in box.text)
