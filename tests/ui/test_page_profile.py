"""AppTest tests of 单位设置 and of the letter taking it: defaults, the 落款 warning, 已反馈."""
from __future__ import annotations

import datetime as dt
import html
import io

from commenting import paths
from commenting.store import Store

from .test_pages import LETTER, open_page, registered, texts

PROFILE = "commenting/ui/page_profile.py"
CORPUS = "commenting/ui/page_corpus.py"
YEAR = dt.date.today().year


def fill(at, **values) -> None:
    for field, value in values.items():
        if field == "province":
            at.selectbox(key="pf_province").set_value(value)
        else:
            at.text_input(key=f"pf_{field}").set_value(value)
    at.form_submit_button[0].click().run()
    assert not at.exception, [e.message for e in at.exception]


def save_profile(**fields) -> None:
    with Store(paths.store_db()) as store:
        store.save_profile("张三", **fields)


def adopt_one(draft_id: int) -> None:
    with Store(paths.store_db()) as store:
        f = next(f for f in store.list_findings(draft_id) if f.article == 5)
        store.adopt_finding(draft_id, f, "张三")


def test_the_profile_is_filled_saved_and_shown_with_who_and_when(data_env):
    at = open_page(PROFILE, u="张三")
    assert at.title[0].value == "单位设置" and "尚未填写" in texts(at)
    fill(at, name="衡阳市市场监督管理局", department="法规科", contact="李四", phone="0734-8888888",
         province="湖南省", city="衡阳市", doc_number_pattern="衡市监函〔{year}〕{n}号")
    assert [s.value for s in at.success] == ["已保存"]
    with Store(paths.store_db()) as store:
        p = store.get_profile()
    assert (p.name, p.contact, p.province, p.city, p.updated_by) == ("衡阳市市场监督管理局", "李四", "湖南省", "衡阳市", "张三")
    page = texts(at)
    assert f"最近由 张三 于 {p.updated_at} 保存" in html.unescape(page)
    assert f"衡市监函〔{YEAR}〕1号" in page
    # a new session shows what the store holds
    again = open_page(PROFILE)
    assert again.text_input(key="pf_contact").value == "李四" and again.selectbox(key="pf_province").value == "湖南省"


def test_a_refused_profile_says_why_and_keeps_what_was_typed(data_env):
    at = open_page(PROFILE)
    fill(at, name="衡阳市市场监督管理局", province="湖南省", city="广州市", doc_number_pattern="衡市监函{year}")
    errors = " ".join(e.value for e in at.error)
    assert "单位设置未保存" in errors and "广州市属于广东省" in errors and "缺少顺序号" in errors
    assert at.text_input(key="pf_city").value == "广州市" and at.text_input(key="pf_name").value == "衡阳市市场监督管理局"
    with Store(paths.store_db()) as store:
        assert store.get_profile().updated_at == ""


def test_saving_another_province_switches_the_library_at_once(data_env, monkeypatch):
    monkeypatch.delenv("COMMENTING_PROVINCE", raising=False)
    monkeypatch.delenv("COMMENTING_CITY", raising=False)
    at = open_page(CORPUS)
    assert "本单位所在地：湖南省衡阳市" in texts(at)
    at.switch_page(PROFILE)
    at.run()
    fill(at, province="广东省", city="广州市")
    assert "广东省广州市的地方性文件" in texts(at)
    at.switch_page(CORPUS)
    at.run()
    assert "本单位所在地：广东省广州市" in texts(at)


def test_the_environment_wins_and_the_page_says_so(data_env, monkeypatch):
    monkeypatch.setenv("COMMENTING_PROVINCE", "湖北省")
    monkeypatch.delenv("COMMENTING_CITY", raising=False)
    at = open_page(PROFILE)
    fill(at, province="广东省")
    assert any("COMMENTING_PROVINCE" in html.unescape(w.value) and "湖北省" in w.value for w in at.warning)


def test_the_letter_takes_the_profile_and_its_export_records_the_reply(data_env):
    import docx

    save_profile(name="衡阳市市场监督管理局", contact="李四", phone="0734-8888888",
                 doc_number_pattern="衡市监函〔{year}〕{n}号")
    with Store(paths.store_db()) as store:  # a number already given this year
        from commenting.model import Consultation

        old = store.add_consultation(Consultation(title="旧办法"))
        store.save_letter_info(old.id, "张三", doc_number=f"衡市监函〔{YEAR}〕6号")
    cid, draft_id = registered(sender="某市司法局")
    adopt_one(draft_id)
    at = open_page(LETTER, c=str(cid), u="王五")
    assert at.text_input(key=f"lt{cid}_sender").value == "衡阳市市场监督管理局"
    assert at.text_input(key=f"lt{cid}_contact").value == "李四"
    assert at.text_input(key=f"lt{cid}_phone").value == "0734-8888888"
    assert at.text_input(key=f"lt{cid}_doc_number").value == f"衡市监函〔{YEAR}〕7号"
    assert "取自「单位设置」" in texts(at) and not at.warning
    assert at.date_input(key=f"lt{cid}_replied_on").value is None
    # edited per letter: this letter's own contact, the profile keeps its own
    at.text_input(key=f"lt{cid}_contact").input("王五").run()

    at.get("download_button")[0].click().run()
    assert not at.exception, [e.message for e in at.exception]
    with Store(paths.store_db()) as store:
        c = store.get_consultation(cid)
        info = store.get_letter_info(cid)
        [letter] = store.list_letters(cid)
        log = store.consultation_history(cid)
        assert store.get_profile().contact == "李四"
    assert (c.status, c.replied_on) == ("已反馈", dt.date.today().isoformat())
    assert any(r["field"] == "replied_on" and r["author"] == "王五" for r in log)
    assert info["doc_number"] == f"衡市监函〔{YEAR}〕7号" and info["contact"] == "王五"  # kept with the letter
    body = "\n".join(p.text for p in docx.Document(io.BytesIO(letter.file_bytes)).paragraphs)
    assert "衡阳市市场监督管理局" in body and f"衡市监函〔{YEAR}〕7号" in body and "王五" in body
    assert at.date_input(key=f"lt{cid}_replied_on").value == dt.date.today()

    # the next consultation's letter proposes the next number
    cid2, draft2 = registered(sender="某市司法局", title="另一办法（征求意见稿）")
    other = open_page(LETTER, c=str(cid2))
    assert other.text_input(key=f"lt{cid2}_doc_number").value == f"衡市监函〔{YEAR}〕8号"


def test_a_later_export_keeps_the_first_reply_day_unless_changed_by_hand(data_env):
    save_profile(name="衡阳市市场监督管理局")
    cid, draft_id = registered(sender="某市司法局")
    adopt_one(draft_id)
    at = open_page(LETTER, c=str(cid))
    earlier = dt.date.today() - dt.timedelta(days=3)
    at.date_input(key=f"lt{cid}_replied_on").set_value(earlier).run()
    with Store(paths.store_db()) as store:
        c = store.get_consultation(cid)
    assert (c.status, c.replied_on) == ("已反馈", earlier.isoformat())
    at.get("download_button")[0].click().run()
    with Store(paths.store_db()) as store:
        assert store.get_consultation(cid).replied_on == earlier.isoformat()
        assert len(store.list_letters(cid)) == 1


def test_a_letter_without_sender_warns_and_asks_before_the_download(data_env):
    cid, draft_id = registered(sender="某市司法局")
    adopt_one(draft_id)
    at = open_page(LETTER, c=str(cid))
    assert at.text_input(key=f"lt{cid}_sender").value == ""
    assert any("没有落款单位" in w.value for w in at.warning)
    labels = [b.label for b in at.get("download_button")]
    assert not any(label.startswith("下载反馈意见函") for label in labels)
    assert any(label.startswith("下载带批注") for label in labels)  # the draft has no 落款
    at.checkbox(key=f"lt{cid}_no_sender_ok").check().run()
    button = next(b for b in at.get("download_button") if b.label.startswith("下载反馈意见函"))
    button.click().run()
    with Store(paths.store_db()) as store:
        assert [x.kind for x in store.list_letters(cid)] == ["reply"]
        assert store.get_consultation(cid).status == "已反馈"
    # once a 落款单位 is written, no warning
    at.text_input(key=f"lt{cid}_sender").input("衡阳市市场监督管理局").run()
    assert not any("没有落款单位" in w.value for w in at.warning)
