"""意见函: the reply letter's fields, a preview of the letter as it will print, and the downloads."""
from __future__ import annotations

import datetime as dt
import re

import streamlit as st

from commenting.errors import CommentingError
from commenting.letters import sending
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


def _record(cid: int, draft_id: int | None, file_name: str, data, versions: list, kind: str,
            keep: dict | None = None) -> None:
    """Keep the downloaded file (its bytes, or the function making them: taken from the export
    cache); for the reply letter also the profile's values it took (its 发文字号 is then taken)
    and, in the register, 已反馈 with the 反馈日期 of the first export."""
    store = common.store()
    with common.user_errors():
        if callable(data):
            data = data()
        store.record_letter(cid, draft_id, file_name, data, versions, kind=kind)
        if kind == "reply":
            if keep:
                store.save_letter_info(cid, common.reviewer(), **keep)
            changes = sending.replied_changes(store.get_consultation(cid), dt.date.today())
            if changes:
                store.update_consultation(cid, common.reviewer(), **changes)
        common.flash(f"已下载并登记：{file_name}")


def _save_replied_on(cid: int) -> None:
    store = common.store()
    with common.user_errors():
        changes = sending.set_replied_on(store.get_consultation(cid), st.session_state[_k(cid, "replied_on")])
        if changes:
            store.update_consultation(cid, common.reviewer(), **changes)


@st.cache_resource(show_spinner=False)
def _exports() -> sending.ExportCache:
    """The exported files of this server process, shared by its sessions."""
    return sending.ExportCache()


def _versions(comments) -> tuple:
    return tuple(sorted((c.id, c.version) for c in comments))


def _memo(key: tuple, make):
    """The file built for these exact inputs (stored comment versions, fields, profile): a rerun
    or another session that changed nothing does not rebuild the .docx."""
    return _exports().get(key, make)


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
    drafts: list = []

    def draft():  # the stored draft, read only when a file must be built (thousands of articles)
        if draft_id and not drafts:
            drafts.append(store.get_draft(draft_id))
        return drafts[0] if drafts else None

    comments = store.list_comments(draft_id=draft_id) if draft_id else store.list_comments(consultation_id=cid)
    saved = store.get_letter_info(cid)
    profile = store.get_profile()
    fields = sending.letter_fields(saved, profile, store.used_doc_numbers(except_consultation=cid))
    info = _info(consultation, fields)

    s = st.session_state
    for key, _, _ in FIELDS:  # show what the store holds (another tab may have changed it)
        s[_k(cid, key)] = getattr(info, key) or ""
    s[_k(cid, "kind")] = info.kind
    s[_k(cid, "date")] = info.date or dt.date.today()
    s[_k(cid, "table")] = bool(saved.get("table"))
    s[_k(cid, "replied_on")] = dt.date.fromisoformat(consultation.replied_on) if consultation.replied_on else None

    from commenting.letters.reply import adopted

    chosen = adopted(comments)
    versions = [(c.id, c.version) for c in chosen]
    table = bool(saved.get("table"))

    form, preview = st.columns([1, 1.6], gap="large")
    with form:
        st.markdown("#### 函件信息")
        for key, label, kind in FIELDS:
            widget = st.text_area if kind == "area" else st.text_input
            widget(label, key=_k(cid, key), on_change=_save, args=(cid, key))
        taken = [LABEL[k] for k in sending.unsaved_defaults(saved, fields)]
        if taken:
            st.caption(f"{'、'.join(taken)}取自「单位设置」，可逐函修改。")
        elif not profile.updated_at:
            st.caption("在「单位设置」中填写单位名称、联系人和发文字号格式后，新的意见函将自动填入。")
        a, b = st.columns(2)
        a.selectbox("文种", KINDS, key=_k(cid, "kind"), on_change=_save, args=(cid, "kind"))
        b.date_input("成文日期", key=_k(cid, "date"), on_change=_save, args=(cid, "date"))
        st.checkbox("具体意见列入附件《修改意见汇总表》", key=_k(cid, "table"), on_change=_save, args=(cid, "table"))
        st.date_input("反馈日期（意见函发出之日；首次下载反馈函时自动记录）", key=_k(cid, "replied_on"),
                      value=None, on_change=_save_replied_on, args=(cid,), format="YYYY-MM-DD")
        st.markdown("#### 下载")
        st.caption(f"采纳的意见 {len(chosen)} 条（状态为「采纳」的意见写入意见函）。")
        try:
            from commenting.letters import reply_letter

            letter, letter_html = _memo(
                ("reply", cid, draft_id, _versions(comments), repr(info), table),
                lambda: _with_preview(reply_letter(info, comments, _document(draft()), table=table)))
        except CommentingError as err:
            common.message(str(err), "error")
            letter = letter_html = None
        if letter is not None:
            name = _safe_name(f"关于《{consultation.title}》的{info.kind}") + ".docx"
            offer = True
            if not info.sender.strip():
                common.message(sending.NO_SENDER_WARNING, "warning")
                offer = st.checkbox("我已知晓，仍要导出没有落款单位的意见函", key=_k(cid, "no_sender_ok"))
            if offer:
                st.download_button("下载反馈意见函（.docx）", letter, file_name=name, type="primary",
                                   mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                   on_click=_record,
                                   args=(cid, draft_id, name, letter, versions, "reply",
                                         sending.unsaved_defaults(saved, fields)),
                                   key="dl_reply")
        if draft_id is not None:
            annotated = _annotated(draft_id, draft, comments, profile)  # built when downloaded
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
        if letter_html is not None:
            _preview(cid, letter_html)


#: the label of each letter field (for notes that name them)
LABEL = {key: label.split("（")[0] for key, label, _ in FIELDS}

#: paragraphs of the preview shown at once (a letter on thousands of articles is paged)
PREVIEW_PAGE = 400


def _with_preview(data: bytes) -> tuple[bytes, list[str]]:
    """The letter and its preview (HTML blocks), made once per letter."""
    return data, h.docx_preview_blocks(data)


def _document(draft):
    return draft.document if draft is not None else None


def _preview(cid: int, blocks: list[str]) -> None:
    pages = max(1, -(-len(blocks) // PREVIEW_PAGE))
    page = 1
    if pages > 1:
        page = st.number_input(f"预览页（共 {pages} 页）", min_value=1, max_value=pages, value=1, step=1,
                               key=_k(cid, "preview_page"))
    part = blocks[(page - 1) * PREVIEW_PAGE: page * PREVIEW_PAGE]
    st.markdown('<div class="cm-letter">' + "".join(part) + "</div>", unsafe_allow_html=True)


def _annotated(draft_id: int, draft, comments, profile):
    """The function making the draft with the adopted comments as Word comments and tracked
    changes (each signed by who wrote or last changed it; a comment without a name by this
    reviewer, else the profile's legal office, else 法规科). Called when the draft is downloaded:
    a long draft takes seconds, which drawing the page does not wait for."""
    from commenting.letters import annotated_draft

    author = common.reviewer() or profile.department or "法规科"
    key = ("annotated", draft_id, _versions(comments), author)

    def make() -> bytes:
        d = draft()
        original = d.file_bytes if d.document.format == "docx" else None
        return annotated_draft(d.document, comments, original_docx=original, author=author)

    return lambda: _memo(key, make)


common.run(main)
