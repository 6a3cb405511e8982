"""AppTest tests of each page: real uploads, real store writes, real content on the page."""
from __future__ import annotations

import datetime as dt
import html
import io

import pytest
from streamlit.testing.v1 import AppTest

from commenting import paths
from commenting.model import Comment, Consultation
from commenting.store import Store
from commenting.ui import html as h

from .conftest import APP, SAMPLE_DRAFT

REGISTER = "commenting/ui/page_register.py"
REVIEW = "commenting/ui/page_review.py"
LETTER = "commenting/ui/page_letter.py"
HISTORY = "commenting/ui/page_history.py"
CORPUS = "commenting/ui/page_corpus.py"
ROUNDS = "commenting/ui/page_rounds.py"
STATS = "commenting/ui/page_stats.py"
PROFILE = "commenting/ui/page_profile.py"


def app() -> AppTest:
    return AppTest.from_file(str(APP), default_timeout=60)


def open_page(page: str, **params: str) -> AppTest:
    at = app()
    at.query_params.update(params)
    at.run()
    if page != REGISTER:
        at.switch_page(page)
        at.query_params.update(params)
        at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def registered(draft: bytes = SAMPLE_DRAFT.encode("utf-8"), name: str = "draft.txt", **fields) -> tuple[int, int]:
    """A consultation registered through the library (what the register page does), reviewed."""
    from commenting.corpus import open_corpus
    from commenting.review import review
    from commenting.structure import read_document_bytes

    document = read_document_bytes(draft, name)
    store = Store(paths.store_db())
    c = store.add_consultation(Consultation(title=fields.pop("title", document.title), **fields))
    draft_id = store.add_draft(c.id, document, name, draft)
    result = review(document, open_corpus(paths.corpus_db()))
    assert result.errors == []
    store.save_findings(draft_id, result.findings)
    store.close()
    return c.id, draft_id


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [t.value for t in at.text] + [c.value for c in at.caption]
    parts += [e.value for e in at.error] + [w.value for w in at.warning] + [s.value for s in at.success]
    parts += [s.value for s in at.subheader] + [i.value for i in at.info]
    return "\n".join(str(p) for p in parts)


# ---------------------------------------------------------------- 征求意见台账


def test_register_uploads_reviews_and_lists(data_env):
    at = open_page(REGISTER)
    assert at.title[0].value == "征求意见台账"
    assert any("尚未登记" in i.value for i in at.info)
    at.file_uploader[0].set_value(("草案.txt", SAMPLE_DRAFT.encode("gbk"), "text/plain"))
    at.text_input(key="reg_sender").set_value("某市司法局")
    at.text_input(key="reg_number").set_value("某司函〔2026〕12号")
    at.text_input(key="reg_handler").set_value("张三")
    at.form_submit_button[0].click().run()
    assert not at.exception, [e.message for e in at.exception]

    with Store(paths.store_db()) as store:
        [c] = store.list_consultations()
        assert c.title == "某市市场监督管理局轻微违法行为处理办法（征求意见稿）"
        assert (c.sender, c.doc_number, c.handler) == ("某市司法局", "某司函〔2026〕12号", "张三")
        [d] = store.list_drafts(c.id)
        assert d["articles"] == 6
        findings = store.list_findings(d["id"])
    assert {f.article for f in findings} >= {3, 5}  # 三年 limitation period, 罚金
    frame = at.dataframe[0].value
    frame = getattr(frame, "data", frame)
    assert list(frame["标题"]) == [c.title]
    assert list(frame["来文单位"]) == ["某市司法局"]
    assert any(f"发现 {len(findings)} 个问题" in s.value for s in at.success)
    assert at.query_params.get("c") == str(c.id)


@pytest.mark.parametrize("name, data", [
    ("坏文件.docx", b"PK\x03\x04 not really a zip"),
    ("坏文件.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 8),
    ("图片.txt", bytes(range(256)) * 16),
])
def test_register_refuses_a_bad_file_in_chinese(data_env, name, data):
    at = open_page(REGISTER)
    at.file_uploader[0].set_value((name, data, "application/octet-stream"))
    at.form_submit_button[0].click().run()
    assert not at.exception
    assert at.error, "a bad upload must be reported"
    message = at.error[0].value
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message) and "Traceback" not in message
    with Store(paths.store_db()) as store:
        assert store.list_consultations() == []


def test_register_marks_deadlines_and_changes_status(data_env):
    today = dt.date.today()
    late, _ = registered(title="逾期的征求意见", deadline=(today - dt.timedelta(days=2)).isoformat())
    soon, _ = registered(title="快到期的征求意见", deadline=(today + dt.timedelta(days=1)).isoformat())
    registered(title="不急的征求意见", deadline=(today + dt.timedelta(days=20)).isoformat())
    at = open_page(REGISTER)
    assert any("逾期的征求意见" in e.value for e in at.error)
    assert any("快到期的征求意见" in w.value for w in at.warning)
    frame = at.dataframe[0].value
    frame = getattr(frame, "data", frame)
    notes = dict(zip(frame["标题"], frame["提醒"]))
    assert notes == {"逾期的征求意见": "已逾期 2 天", "快到期的征求意见": "1 天内到期", "不急的征求意见": ""}

    at.selectbox(key="reg_pick").set_value(late).run()
    at.selectbox(key=f"status_{late}").set_value("已反馈").run()
    assert not at.exception
    with Store(paths.store_db()) as store:
        assert store.get_consultation(late).status == "已反馈"
    assert not any("逾期的征求意见" in e.value for e in at.error)  # answered: no longer overdue


# ---------------------------------------------------------------- 审查


def test_review_outline_counts_highlights_and_escapes(data_env):
    evil = SAMPLE_DRAFT.replace("第二条　本办法适用于", "第二条　<script>alert(1)</script>本办法适用于")
    cid, draft_id = registered(evil.encode("utf-8"))
    with Store(paths.store_db()) as store:
        findings = store.list_findings(draft_id)
    at = open_page(REVIEW, c=str(cid), a="2")
    per_article = {}
    for f in findings:
        per_article[f.article] = per_article.get(f.article, 0) + 1
    labels = {b.key: b.label for b in at.button if b.key and b.key.startswith("nav_")}
    for no, n in per_article.items():
        assert f"⚠{n}" in labels[f"nav_art-{no}"]
    assert "⚠" not in labels["nav_art-2"]
    html = "\n".join(m.value for m in at.markdown)
    assert "&#60;script&#62;alert&#40;1&#41;&#60;/script&#62;" in html and "<script>" not in html
    assert at.subheader[0].value == "第二条"
    assert at.query_params["a"] == "art-2"  # an article number from an older link: the unit's address

    at.button(key="nav_art-3").click().run()
    assert at.query_params["a"] == "art-3"
    html = "\n".join(m.value for m in at.markdown)
    quote = next(f.quote for f in findings if f.article == 3)
    assert '<mark class="sev-' in html and h.esc(quote) in html


def test_review_adopt_edit_and_refresh_keep_everything(data_env):
    cid, draft_id = registered()
    at = open_page(REVIEW, c=str(cid), a="5")
    at.button[[b.label for b in at.button].index("采纳建议")].click().run()
    assert not at.exception
    with Store(paths.store_db()) as store:
        [c] = store.list_comments(draft_id=draft_id)
    assert (c.article, c.status, c.finding_rule) == (5, "采纳", "penalty-type")
    assert any("已采纳" in s.value for s in at.success)

    at.text_area(key=f"cm{c.id}_proposed").input("市场监督管理部门可以依法对当事人处以罚款。").run()
    at.text_area(key=f"cm{c.id}_reason").input("行政处罚法第九条规定的处罚种类为罚款。").run()
    with Store(paths.store_db()) as store:
        saved = store.get_comment(c.id)
        history = store.comment_history(c.id)
    assert saved.proposed == "市场监督管理部门可以依法对当事人处以罚款。"
    assert saved.reason == "行政处罚法第九条规定的处罚种类为罚款。"
    assert saved.version == 3 and len(history) == 3
    redline = next(m.value for m in at.markdown if "cm-redline" in m.value and "<del>" in m.value)
    assert "<del>罚金</del>" in redline and "<ins>" in redline

    # to another article and back: the composer shows the stored text again
    at.button(key="nav_art-3").click().run()
    at.button(key="nav_art-5").click().run()
    assert at.text_area(key=f"cm{c.id}_proposed").value == saved.proposed
    assert at.text_area(key=f"cm{c.id}_reason").value == saved.reason

    # a refresh (new session, same URL) returns to the article with the saved text
    again = open_page(REVIEW, c=str(cid), a="5")
    assert again.subheader[0].value == "第五条"
    assert again.text_area(key=f"cm{c.id}_proposed").value == saved.proposed


def test_review_cites_a_provision_and_adds_a_comment(data_env):
    cid, draft_id = registered()
    at = open_page(REVIEW, c=str(cid), a="3")
    at.button(key="new_comment").click().run()
    with Store(paths.store_db()) as store:
        [c] = store.list_comments(draft_id=draft_id)
    assert c.article == 3 and c.original.startswith("违法行为在三年内")
    picker = at.multiselect(key=f"cm{c.id}_basis")
    assert picker.options, "the related provisions / finding bases are offered for citing"
    picker.select(picker.options[0]).run()
    with Store(paths.store_db()) as store:
        cited = store.get_comment(c.id).basis
    assert len(cited) == 1 and cited[0].law == "中华人民共和国行政处罚法"


def test_review_refuses_a_stale_edit_and_shows_the_newer_text(data_env):
    cid, draft_id = registered()
    at = open_page(REVIEW, c=str(cid), a="5")
    at.button[[b.label for b in at.button].index("采纳建议")].click().run()
    with Store(paths.store_db()) as store:
        [c] = store.list_comments(draft_id=draft_id)
        # a second reviewer saves first
        store.update_comment(c.id, c.version, "李四", proposed="李四的修改建议")
    at.text_area(key=f"cm{c.id}_proposed").input("张三的修改建议").run()
    assert not at.exception
    assert any("李四" in e.value and "版" in e.value for e in at.error)
    assert at.text_area(key=f"cm{c.id}_proposed").value == "李四的修改建议"
    assert any("张三的修改建议" in code.value for code in at.code)  # the refused text is not lost
    with Store(paths.store_db()) as store:
        assert store.get_comment(c.id).proposed == "李四的修改建议"
    # editing again, now on the newer version, is accepted
    at.text_area(key=f"cm{c.id}_proposed").input("张三在李四基础上的修改").run()
    with Store(paths.store_db()) as store:
        assert store.get_comment(c.id).proposed == "张三在李四基础上的修改"


# ---------------------------------------------------------------- 意见函


def test_letter_fields_preview_and_recorded_download(data_env):
    import docx

    cid, draft_id = registered(sender="某市司法局")
    with Store(paths.store_db()) as store:
        f = next(f for f in store.list_findings(draft_id) if f.article == 5)
        adopted = store.adopt_finding(draft_id, f, "张三")
        store.update_comment(adopted.id, adopted.version, "张三", proposed="可以处以罚款")
    at = open_page(LETTER, c=str(cid))
    assert at.text_input(key=f"lt{cid}_recipient").value == "某市司法局"  # defaults from the register
    at.text_input(key=f"lt{cid}_sender").input("某市市场监督管理局").run()
    at.text_area(key=f"lt{cid}_overall").input("原则同意该办法。").run()
    with Store(paths.store_db()) as store:
        info = store.get_letter_info(cid)
    assert info["sender"] == "某市市场监督管理局" and info["overall"] == "原则同意该办法。"

    preview = next(m.value for m in at.markdown if "cm-letter" in m.value and "<div" in m.value)
    assert "可以处以罚款" in preview and "原则同意该办法。" in preview and "某市市场监督管理局" in preview

    button = at.get("download_button")[0]
    assert button.label.startswith("下载反馈意见函")
    button.click().run()
    assert not at.exception
    with Store(paths.store_db()) as store:
        [letter] = store.list_letters(cid)
        current = store.get_comment(adopted.id)
    assert letter.kind == "reply" and letter.comment_versions == [(adopted.id, current.version)]
    body = "\n".join(p.text for p in docx.Document(io.BytesIO(letter.file_bytes)).paragraphs)
    assert "可以处以罚款" in body and "原则同意该办法。" in body


# ---------------------------------------------------------------- 历史意见


def test_history_finds_and_reuses_a_past_comment(data_env):
    old_cid, old_draft = registered(sender="甲市司法局", title="旧办法（征求意见稿）")
    with Store(paths.store_db()) as store:
        store.add_comment(Comment(draft_id=old_draft, article=3, kind="修改", original="三年",
                                  proposed="二年", reason="违法行为的追责时效为二年", author="王五", status="采纳"))
    new_cid, new_draft = registered(sender="乙市司法局", title="新办法（征求意见稿）")
    at = open_page(HISTORY, c=str(new_cid), a="3")
    at.text_input(key="hs_query").set_value("时效")
    at.form_submit_button[0].click().run()
    assert not at.exception
    page = texts(at)
    assert "共 1 条" in page and "旧办法（征求意见稿）" in page
    # the words found are marked, in the comment and in the article it was made on
    assert '违法行为的追责<mark class="cm-hit">时效</mark>为二年' in page
    assert '所在条文：违法行为在三年内' not in page  # the article holds no 时效: no snippet of it
    [link] = at.get("page_link")
    assert link.proto.label == "查看：第三条" and link.proto.page.endswith("review")
    assert f"c={old_cid}" in link.proto.query_string and "a=3" in link.proto.query_string
    reuse = [b for b in at.button if b.label.startswith("复用到")]
    assert reuse and reuse[0].label == "复用到第三条"
    reuse[0].click().run()
    with Store(paths.store_db()) as store:
        [copied] = store.list_comments(draft_id=new_draft)
    assert (copied.article, copied.proposed, copied.status) == (3, "二年", "草拟")

    # a word only the article holds: the part of the article around it is shown, marked
    at.text_input(key="hs_query").set_value("未被发现")
    at.form_submit_button[0].click().run()
    assert '所在条文：违法行为在三年内<mark class="cm-hit">未被发现</mark>的' in texts(at)

    at.text_input(key="hs_sender").set_value("丙市")
    at.form_submit_button[0].click().run()
    assert any("没有找到" in i.value for i in at.info)


# ---------------------------------------------------------------- 法规库


def test_corpus_search_browse_and_state(data_env):
    at = open_page(CORPUS)
    assert at.title[0].value == "法规库"
    at.text_input(key="lib_query").set_value("听证").run()
    labels = [e.label for e in at.expander]
    assert any(lbl.startswith("《中华人民共和国行政处罚法》第") for lbl in labels)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["文件版本"] == "1" and metrics["条文"] == "86"
    assert at.selectbox(key="lib_work").value == "中华人民共和国行政处罚法"
    assert any("《中华人民共和国行政处罚法》第一条" in m.value for m in at.markdown)
    assert any(t.value.startswith("为了规范行政处罚的设定和实施") for t in at.text)


def test_corpus_compares_versions_of_an_article_by_content(data_env):
    from commenting.corpus.build import build

    fixtures = APP.parent / "tests" / "fixtures" / "corpus"
    (data_env / "corpus.db").unlink()
    build(data_env / "corpus.db", [fixtures], mcp=False)
    at = open_page(CORPUS)
    at.selectbox(key="lib_work").set_value("示例市场监管办法").run()  # the 2023 version is shown first
    [article] = [s for s in at.selectbox if s.key.startswith("lib_article_")]
    article.set_value("5-0").run()  # 2023 第五条: 明码标价, with a list added
    assert not at.exception
    [other] = [e for e in at.expander if "2019" in e.label]
    assert other.label.endswith("：第四条"), other.label  # its content is 2019 第四条, not 第五条
    shown = "\n".join(m.value for m in other.markdown) + "\n".join(c.value for c in other.caption)
    assert "第四条（内容相似度" in shown and "<ins" in shown and "虚构原价" in shown  # what 2023 added is marked
    article.set_value("2-0").run()  # the definition is new in 2023
    [other] = [e for e in at.expander if "2019" in e.label]
    assert "该版本没有内容对应的条文。" in [c.value for c in other.caption]


@pytest.mark.parametrize("page", [REVIEW, LETTER, HISTORY])
def test_pages_without_consultations_say_what_to_do(data_env, page):
    at = open_page(page)
    assert at.info, f"{page} should explain the empty state"


def test_review_shows_findings_on_the_title(data_env):
    from commenting.model import Finding

    cid, draft_id = registered()
    with Store(paths.store_db()) as store:
        findings = store.list_findings(draft_id)
        title = Finding(rule="validity-period", severity="warning", article=0, quote="处理办法",
                        message="规范性文件应当规定有效期。", suggestion="建议增加有效期。")
        store.save_findings(draft_id, [title, *findings])
    at = open_page(REVIEW, c=str(cid), a="art-0")
    assert at.button(key="nav_art-0").label == "标题及其他 ⚠1"
    assert at.subheader[0].value == "标题及其他"
    html = "\n".join(m.value for m in at.markdown)
    assert '<mark class="sev-warning">处理办法</mark>' in html
    at.button[[b.label for b in at.button].index("采纳建议")].click().run()
    with Store(paths.store_db()) as store:
        [c] = store.list_comments(draft_id=draft_id)
    assert (c.article, c.finding_rule, c.status) == (0, "validity-period", "采纳")


# ---------------------------------------------------------------- issue 11: defects, issue 12: plain text and errors

INJECTED = "![x](http://127.0.0.1:9/x.png)"


def rendered_as_markdown(at: AppTest) -> list[str]:
    """The source of everything Streamlit renders as Markdown: text elements, messages, captions,
    and the labels of buttons, expanders and status boxes (selectbox options and tables are plain)."""
    values = [m.value for m in at.markdown] + [c.value for c in at.caption] + [s.value for s in at.subheader]
    values += [x.value for kind in ("error", "warning", "success", "info") for x in getattr(at, kind)]
    values += [b.label for b in at.button] + [e.label for e in at.expander] + [s.label for s in at.status]
    return values


def assert_shown_literally(at: AppTest, text: str) -> None:
    """``text`` appears on the page as typed (after character references are resolved) and never as
    Markdown source a renderer would turn into markup."""
    sources = rendered_as_markdown(at)
    assert not [v for v in sources if "](" in v], "Markdown link/image syntax reached the page unescaped"
    assert any(text in html.unescape(v) for v in sources), f"{text!r} is not shown on the page"


def test_markdown_in_user_text_is_shown_as_typed(data_env):
    draft = SAMPLE_DRAFT.replace("第二条　本办法适用于", f"第二条　{INJECTED}本办法适用于")
    overdue = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    cid, draft_id = registered(draft.encode("utf-8"), title=f"标题{INJECTED}", sender=f"来文{INJECTED}",
                               deadline=overdue)
    with Store(paths.store_db()) as store:
        store.add_comment(Comment(draft_id=draft_id, article=3, kind="修改", original="三年", proposed="二年",
                                  reason=f"理由{INJECTED}", author=f"审查人{INJECTED}", status="采纳"))

    at = open_page(REGISTER)
    assert any(f"标题{INJECTED}" in html.unescape(e.value) for e in at.error)  # the overdue note
    assert_shown_literally(at, f"标题{INJECTED}")
    at = open_page(REVIEW, c=str(cid), a="art-2")
    assert_shown_literally(at, f"来文{INJECTED}")
    assert any(INJECTED in html.unescape(m.value) for m in at.markdown)  # the article text
    at.button(key="nav_art-3").click().run()
    assert_shown_literally(at, f"审查人{INJECTED}")  # the composer's head names the author
    at = open_page(LETTER, c=str(cid))
    assert_shown_literally(at, f"标题{INJECTED}")
    at = open_page(HISTORY, c=str(cid))
    assert_shown_literally(at, f"理由{INJECTED}")


@pytest.mark.parametrize("page", [REGISTER, REVIEW, LETTER, HISTORY])
def test_a_store_error_is_a_message_not_a_traceback(data_env, page):
    (data_env / "store.db").write_bytes(b"this is not an SQLite database" * 100)
    at = open_page(page)  # asserts no exception reached the page
    [error] = at.error
    assert error.value.startswith("意见库") and "已损坏" in error.value  # the store's own message


DUPLICATE_NUMBERS = """某市市场监督管理局轻微违法行为处理办法（征求意见稿）

第一章　总则
第一条　为了规范轻微违法行为的处理，根据《中华人民共和国行政处罚法》，制定本办法。
第二条　本办法适用于本市市场监督管理部门查处的轻微违法行为。
第二条　违法行为在三年内未被发现的，不再给予行政处罚。法律另有规定的除外。
第二章　处理
第四条　当事人有违法所得的，除依法应当退赔的外，应当予以没收。
第六条　市场监督管理部门可以对当事人处以罚金。
第五条　本办法自发布之日起施行。
"""


def signers(docx_bytes: bytes, part: str | None = None) -> set[str]:
    """Every w:author of an annotated draft's tracked changes ("document") and comments ("comments")."""
    import zipfile

    from lxml import etree

    author = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}author"
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as z:
        parts = [z.read(f"word/{name}.xml") for name in ([part] if part else ["document", "comments"])]
    return {el.get(author) for xml in parts for el in etree.fromstring(xml).iter() if el.get(author)}


def test_a_draft_with_a_repeated_skipped_and_disordered_number_goes_through_every_page(data_env):
    at = open_page(REGISTER)
    at.text_input(key="reviewer_input").input("张三").run()
    at.file_uploader[0].set_value(("编号有误.txt", DUPLICATE_NUMBERS.encode("utf-8"), "text/plain"))
    at.form_submit_button[0].click().run()
    assert not at.exception, [e.message for e in at.exception]
    with Store(paths.store_db()) as store:
        [c] = store.list_consultations()
        draft_id = store.list_drafts(c.id)[0]["id"]
        findings = store.list_findings(draft_id)
    assert {f.address for f in findings if f.rule == "numbering"} >= {"art-2~2", "art-4", "art-5", "art-6"}

    at.button[[b.label for b in at.button].index("进入审查 →")].click().run()
    assert not at.exception, [e.message for e in at.exception]
    nav = [b.key for b in at.button if b.key and b.key.startswith("nav_")]
    assert nav == ["nav_art-1", "nav_art-2", "nav_art-2~2", "nav_art-4", "nav_art-6", "nav_art-5"]
    for key in nav:  # every article, the repeated one twice
        at.button(key=key).click().run()
        assert not at.exception, [e.message for e in at.exception]
        assert at.query_params["a"] == key.removeprefix("nav_")
    at.button(key="nav_art-2~2").click().run()
    assert any("违法行为在三年内" in m.value for m in at.markdown)  # the second 第二条's own text
    adopt = [b for b in at.button if b.label == "采纳建议"]
    assert adopt, "the second 第二条 has its own findings"
    adopt[0].click().run()
    with Store(paths.store_db()) as store:
        [comment] = store.list_comments(draft_id=draft_id)
    assert comment.address.startswith("art-2~2") and comment.author == "张三"
    at.button(key="nav_art-2").click().run()
    assert not any(ta.key and ta.key.startswith(f"cm{comment.id}_") for ta in at.text_area)  # not on the first
    at.button(key="nav_art-2~2").click().run()
    assert at.text_area(key=f"cm{comment.id}_proposed") is not None

    at.switch_page(LETTER)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    annotated = next(b for b in at.get("download_button") if b.label.startswith("下载带批注"))
    annotated.click().run()
    with Store(paths.store_db()) as store:
        [letter] = store.list_letters(c.id)
    assert signers(letter.file_bytes) == {"张三"}

    at.switch_page(HISTORY)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("复用目标：第二条" in c.value for c in at.caption)
    for page, title in ((CORPUS, "法规库"), (ROUNDS, "下一轮"), (STATS, "年度统计"), (PROFILE, "单位设置")):
        at.switch_page(page)
        at.run()
        assert not at.exception, (page, [e.message for e in at.exception])
        assert at.title[0].value == title


def test_enter_review_after_registering_opens_the_new_consultation(data_env):
    # another file than the one uploaded below (the same file again would first ask whether to go on)
    first, _ = registered((SAMPLE_DRAFT + "\n").encode("utf-8"), title="先登记的征求意见")
    at = open_page(REGISTER)
    at.selectbox(key="reg_pick").set_value(first).run()  # the box now holds the first one
    at.file_uploader[0].set_value(("新草案.txt", SAMPLE_DRAFT.encode("utf-8"), "text/plain"))
    at.text_input(key="reg_title").set_value("新登记的征求意见")
    at.text_input(key="reg_sender").set_value("某市司法局")
    at.form_submit_button[0].click().run()
    assert not at.exception, [e.message for e in at.exception]
    with Store(paths.store_db()) as store:
        new = next(c for c in store.list_consultations() if c.title == "新登记的征求意见")
    assert at.selectbox(key="reg_pick").value == new.id
    assert at.text_input(key="reg_title").value == "" and at.text_input(key="reg_sender").value == ""  # a fresh form

    at.button[[b.label for b in at.button].index("进入审查 →")].click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == "审查"
    assert at.query_params["c"] == str(new.id)
    assert at.caption[0].value.startswith("新登记的征求意见")


def test_a_failed_upload_shows_why_and_keeps_what_was_typed(data_env):
    at = open_page(REGISTER)
    at.file_uploader[0].set_value(("坏文件.docx", b"PK\x03\x04 not really a zip", "application/octet-stream"))
    at.text_input(key="reg_title").set_value("某办法（征求意见稿）")
    at.text_input(key="reg_sender").set_value("某市司法局")
    at.text_input(key="reg_number").set_value("某司函〔2026〕12号")
    at.form_submit_button[0].click().run()
    assert not at.exception
    [error] = at.error
    assert error.value.startswith("无法登记：无法识别文件格式")
    assert [s.label for s in at.status] == ["无法登记"]
    assert at.text_input(key="reg_title").value == "某办法（征求意见稿）"
    assert at.text_input(key="reg_sender").value == "某市司法局"
    assert at.text_input(key="reg_number").value == "某司函〔2026〕12号"
    assert at.file_uploader[0].value is not None  # the file too: the reviewer sees which one failed
    with Store(paths.store_db()) as store:
        assert store.list_consultations() == []


def test_the_reviewer_name_stays_across_pages_and_signs_the_comments(data_env):
    cid, draft_id = registered()
    at = open_page(REGISTER)
    at.text_input(key="reviewer_input").input("王五").run()
    assert at.query_params["u"] == "王五"
    at.switch_page(REVIEW)
    at.run()
    assert at.query_params["u"] == "王五" and at.text_input(key="reviewer_input").value == "王五"
    at.button(key="nav_art-5").click().run()
    at.button[[b.label for b in at.button].index("采纳建议")].click().run()
    with Store(paths.store_db()) as store:
        [c] = store.list_comments(draft_id=draft_id)
    assert c.author == "王五"
    # a new session opened from the URL (a refresh, a shared link) signs with the same name
    again = open_page(REVIEW, c=str(cid), a="art-3", u="王五")
    assert again.text_input(key="reviewer_input").value == "王五"
    again.button(key="new_comment").click().run()
    with Store(paths.store_db()) as store:
        assert {x.author for x in store.list_comments(draft_id=draft_id)} == {"王五"}
        store.update_comment(c.id, store.get_comment(c.id).version, "李四", proposed="市场监督管理部门可以处以罚款。")

    # the annotated draft: each comment signed by its author, each tracked change by who last worded it
    letter = open_page(LETTER, c=str(cid), u="赵六")
    next(b for b in letter.get("download_button") if b.label.startswith("下载带批注")).click().run()
    with Store(paths.store_db()) as store:
        [annotated] = store.list_letters(cid)
    assert signers(annotated.file_bytes, "comments") == {"王五"}
    assert signers(annotated.file_bytes, "document") == {"李四"}


# ---------------------------------------------------------------- issue 10: the app on first start


@pytest.fixture
def library_building(data_env):
    """The law library not built yet and its build held back (the build lock taken, as another
    process building it would hold it); ``release()`` puts the built DB in place and lets it go."""
    import fcntl
    import shutil

    db = data_env / "corpus.db"
    built = data_env / "corpus.built"
    shutil.move(db, built)
    lock = (data_env / "corpus.db.lock").open("w")
    fcntl.flock(lock, fcntl.LOCK_EX)

    def release() -> None:
        if not lock.closed:
            shutil.move(built, db)
            fcntl.flock(lock, fcntl.LOCK_UN)
            lock.close()

    yield release
    release()


def test_pages_answer_while_the_library_builds_and_review_waits_for_it(data_env, library_building):
    import threading

    from commenting.ui import library

    at = open_page(REGISTER)  # the first page is drawn although the library is not there yet
    assert at.title[0].value == "征求意见台账"
    assert any("法规库正在首次构建" in c.value for c in at.caption)  # the sidebar's progress
    assert not library.library_build(paths.corpus_db()).finished

    corpus_page = open_page(CORPUS)
    assert any("法规库正在首次构建" in i.value for i in corpus_page.info)

    # registering reviews the draft: it waits for the library (here until it is released) and goes on
    at.file_uploader[0].set_value(("草案.txt", SAMPLE_DRAFT.encode("utf-8"), "text/plain"))
    timer = threading.Timer(1.5, library_building)
    timer.start()
    at.form_submit_button[0].click().run()
    timer.join()
    assert not at.exception, [e.message for e in at.exception]
    with Store(paths.store_db()) as store:
        [c] = store.list_consultations()
        findings = store.list_findings(store.list_drafts(c.id)[0]["id"])
    assert {f.article for f in findings} >= {3, 5}
    assert library.library_build(paths.corpus_db()).ready
    at.run()
    assert not any("法规库正在首次构建" in cap.value for cap in at.caption)  # progress gone when built


def test_the_review_page_does_not_wait_for_the_library(data_env):
    import fcntl
    import shutil

    cid, _ = registered()  # reviewed while the library was there
    db = data_env / "corpus.db"
    shutil.move(db, data_env / "corpus.built")
    with (data_env / "corpus.db.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # a build in progress elsewhere
        at = open_page(REVIEW, c=str(cid), a="art-3")
        assert at.subheader[0].value == "第三条" and at.button(key="adopt_art-3_0_limitation-period")
        assert any("相关条文在法规库构建完成后显示" in cap.value for cap in at.caption)
        shutil.move(data_env / "corpus.built", db)
    from commenting.ui import library

    assert library.library_build(paths.corpus_db()).wait(30)
    at.run()
    assert any(e.label.startswith("《中华人民共和国行政处罚法》") for e in at.expander)  # related provisions
