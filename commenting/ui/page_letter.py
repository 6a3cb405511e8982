"""意见函: the reply letter's fields, a preview of the letter as it will print, and the downloads."""
from __future__ import annotations

import datetime as dt
import re

import streamlit as st

from commenting.errors import CommentingError
from commenting.ui import common
from commenting.ui import html as h

# (store key, label, widget) — LetterInfo field names, saved per consultation as they are typed
FIELDS = (
    ("recipient", "主送机关", "text"),
    ("sender", "落款单位", "text"),
    ("contact", "联系人", "text"),
    ("phone", "联系电话", "text"),
    ("doc_number", "我方文号（可不填）", "text"),
    ("overall", "总体意见", "area"),
)
KINDS = ("反馈意见", "修改意见")


def _k(cid: int, field: str) -> str:
    return f"lt{cid}_{field}"


def _save(cid: int, field: str) -> None:
    value = st.session_state[_k(cid, field)]
    if isinstance(value, dt.date):
        value = value.isoformat()
    elif isinstance(value, bool):
        value = "1" if value else ""
    with common.user_errors():
        common.store().save_letter_info(cid, common.reviewer(), **{field: value})


def _record(cid: int, draft_id: int | None, file_name: str, data: bytes, versions: list, kind: str) -> None:
    with common.user_errors():
        common.store().record_letter(cid, draft_id, file_name, data, versions, kind=kind)
        common.flash(f"已下载并登记：{file_name}")


def _versions(comments) -> tuple:
    return tuple(sorted((c.id, c.version) for c in comments))


def _memo(key: tuple, make):
    """The last file built for these exact inputs (stored comment versions, fields) in this session:
    a rerun that changed nothing does not rebuild the .docx."""
    memo = st.session_state.setdefault("_letter_files", {})
    if key not in memo:
        if len(memo) > 8:
            memo.clear()
        memo[key] = make()
    return memo[key]


def _safe_name(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|\r\n]+', "", text).strip()[:80] or "意见函"


def _info(consultation, saved: dict):
    from commenting.letters import LetterInfo

    kw = {k: saved[k] for k, _, _ in FIELDS if saved.get(k)}
    if saved.get("kind") in KINDS:
        kw["kind"] = saved["kind"]
    if saved.get("date"):
        try:
            kw["date"] = dt.date.fromisoformat(saved["date"])
        except ValueError:
            pass
    return LetterInfo.from_consultation(consultation, **kw)


def main() -> None:
    store = common.store()
    consultation = common.pick_consultation(store)
    st.title("意见函")
    if consultation is None:
        st.info("还没有登记征求意见。请先在「征求意见台账」上传征求意见稿。")
        return
    cid = consultation.id
    common.caption(common.consultation_label(consultation))
    common.show_flash()
    draft_id = common.latest_draft_id(store, cid)
    document = store.get_draft(draft_id).document if draft_id else None
    draft = store.get_draft(draft_id) if draft_id else None
    comments = store.list_comments(draft_id=draft_id) if draft_id else store.list_comments(consultation_id=cid)
    saved = store.get_letter_info(cid)
    info = _info(consultation, saved)

    s = st.session_state
    for key, _, _ in FIELDS:  # show what the store holds (another tab may have changed it)
        s[_k(cid, key)] = getattr(info, key) or ""
    s[_k(cid, "kind")] = info.kind
    s[_k(cid, "date")] = info.date or dt.date.today()
    s[_k(cid, "table")] = bool(saved.get("table"))

    from commenting.letters.reply import adopted

    chosen = adopted(comments)
    versions = [(c.id, c.version) for c in chosen]

    form, preview = st.columns([1, 1.6], gap="large")
    with form:
        st.markdown("#### 函件信息")
        for key, label, kind in FIELDS:
            widget = st.text_area if kind == "area" else st.text_input
            widget(label, key=_k(cid, key), on_change=_save, args=(cid, key))
        a, b = st.columns(2)
        a.selectbox("文种", KINDS, key=_k(cid, "kind"), on_change=_save, args=(cid, "kind"))
        b.date_input("成文日期", key=_k(cid, "date"), on_change=_save, args=(cid, "date"))
        st.checkbox("具体意见列入附件《修改意见汇总表》", key=_k(cid, "table"), on_change=_save, args=(cid, "table"))
        st.markdown("#### 下载")
        st.caption(f"采纳的意见 {len(chosen)} 条（状态为「采纳」的意见写入意见函）。")
        try:
            from commenting.letters import reply_letter

            letter = _memo(("reply", cid, draft_id, _versions(comments), repr(info), bool(saved.get("table"))),
                           lambda: reply_letter(info, comments, document, table=bool(saved.get("table"))))
        except CommentingError as err:
            common.message(str(err), "error")
            letter = None
        if letter is not None:
            name = _safe_name(f"关于《{consultation.title}》的{info.kind}") + ".docx"
            st.download_button("下载反馈意见函（.docx）", letter, file_name=name, type="primary",
                               mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                               on_click=_record, args=(cid, draft_id, name, letter, versions, "reply"),
                               key="dl_reply")
        if document is not None:
            annotated = _annotated(document, comments, draft)
            if annotated is not None:
                name = _safe_name(f"{consultation.title}（修改意见稿）") + ".docx"
                st.download_button("下载带批注和修订的草案（.docx）", annotated, file_name=name,
                                   mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                   on_click=_record, args=(cid, draft_id, name, annotated, versions, "annotated"),
                                   key="dl_annotated")
        letters = store.list_letters(cid)
        if letters:
            st.markdown("#### 已导出")
            st.dataframe(
                [{"时间": x.created_at, "类型": "反馈函" if x.kind == "reply" else "批注草案",
                  "文件": x.file_name, "意见数": len(x.comment_versions)} for x in letters],
                hide_index=True, width="stretch",
            )
    with preview:
        st.markdown("#### 预览")
        if letter is not None:
            st.markdown(h.docx_preview(letter), unsafe_allow_html=True)


def _annotated(document, comments, draft) -> bytes | None:
    """The draft with the adopted comments as Word comments and tracked changes, each signed by
    who wrote or last changed it (a comment without a name: by this reviewer, else 法规科)."""
    from commenting.letters import annotated_draft

    original = draft.file_bytes if draft is not None and document.format == "docx" else None
    author = common.reviewer() or "法规科"
    try:
        return _memo(("annotated", draft.id if draft else None, _versions(comments), author),
                     lambda: annotated_draft(document, comments, original_docx=original, author=author))
    except CommentingError as err:
        common.message(str(err), "error")
        return None


common.run(main)
