"""征求意见台账: the register of consultations, their deadlines and status; register a new one."""
from __future__ import annotations

import datetime as dt

import streamlit as st

from commenting.errors import CommentingError, ReadError
from commenting.model import CONSULTATION_STATUSES, Consultation
from commenting.store import days_left, deadline_state
from commenting.ui import common
from commenting.ui import html as h

#: the register form's fields and what they start with (set through session state, so that a failed
#: upload keeps what was typed and a successful one starts the next form empty)
FORM_FIELDS = ("reg_title", "reg_sender", "reg_number", "reg_received", "reg_deadline", "reg_handler")


def _reminder(c: Consultation, today: dt.date) -> str:
    """The deadline note of the register's 提醒 column (the rule is store.deadline_state)."""
    state = deadline_state(c, today)
    left = days_left(c, today)
    if state == "overdue":
        return f"已逾期 {-left} 天"
    if state == "soon":
        return "今天到期" if left == 0 else f"{left} 天内到期"
    return ""


def _register(store, corpus_getter) -> str | None:
    """Read the uploaded draft, register the consultation and review the draft, showing progress.
    Returns why it could not (one Chinese line), or None when registered."""
    s = st.session_state
    upload = s.get(_upload_key())
    if upload is None:
        return "请上传征求意见稿文件（.docx / .pdf / .txt）。"
    from commenting.review import error_text, review
    from commenting.structure import read_document_bytes

    with st.status(f"正在读取《{h.plain(upload.name)}》……", expanded=True) as status:
        try:
            st.write("读取文件并拆分章节条款……")
            bar = st.empty()

            def pages_read(done: int, total: int) -> None:  # PDFs report page by page
                if total > 1:
                    bar.progress(min(done / total, 1.0), text=f"已读取 {done}/{total} 页")

            try:
                document = read_document_bytes(upload.getvalue(), upload.name, progress=pages_read)
            except CommentingError:
                raise
            except Exception as err:  # a reader's bug on an odd file is still the user's bad upload
                raise ReadError(f"无法读取《{upload.name}》：文件内容无法识别或已损坏（{type(err).__name__}）") from err
            st.write(f"共 {len(document.articles)} 条。对照上位法审查……")
            result = review(document, corpus_getter())
            findings = result.findings
            for error in result.errors:  # shown now and, as a flash, on the page shown next
                st.error(f"{error_text(error)}；审查结果不完整。")
                common.flash(f"{error_text(error)}；审查结果不完整。", "error")
            consultation = Consultation(
                title=(s.get("reg_title") or "").strip() or document.title,
                sender=s.get("reg_sender", "").strip(),
                doc_number=s.get("reg_number", "").strip(),
                received=_iso(s.get("reg_received")),
                deadline=_iso(s.get("reg_deadline")),
                handler=s.get("reg_handler", "").strip() or common.reviewer(),
            )
            consultation, _ = store.register_draft(consultation, document, upload.name, upload.getvalue(), findings)
            cid = consultation.id
        except CommentingError as err:
            status.update(label="无法登记", state="error", expanded=False)
            return str(err)  # shown at once under the form, which keeps what was typed
        status.update(label=f"已登记：{h.plain(consultation.title)}（{len(document.articles)} 条，"
                            f"发现 {len(findings)} 个问题）", state="complete", expanded=False)
    common.select("c", cid)
    common.select("a", None)
    common.flash(f"已登记《{consultation.title}》，发现 {len(findings)} 个问题。")
    s["_reg_done"] = True  # the next run starts an empty form
    return None


def _upload_key() -> str:
    """The file uploader's key; a new one after each registration empties it (Streamlit cannot
    clear an uploader through session state)."""
    return f"reg_file_{st.session_state.get('_reg_forms', 0)}"


def _prepare_form(today: dt.date) -> None:
    """Start values of the form's fields; after a registration, a fresh form."""
    s = st.session_state
    if s.pop("_reg_done", False):
        s["_reg_forms"] = s.get("_reg_forms", 0) + 1
        for key in FORM_FIELDS:
            s.pop(key, None)
    defaults = {"reg_title": "", "reg_sender": "", "reg_number": "", "reg_received": today,
                "reg_deadline": today + dt.timedelta(days=7), "reg_handler": common.reviewer()}
    for key, value in defaults.items():
        s.setdefault(key, value)


def _iso(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) else ""


def _on_status(store, cid: int) -> None:
    new = st.session_state[f"status_{cid}"]
    with common.user_errors():
        store.update_consultation(cid, common.reviewer(), status=new)
        common.flash(f"状态已改为「{new}」。")


def main() -> None:
    st.title("征求意见台账")
    common.show_flash()
    store = common.store()
    today = dt.date.today()

    consultations = store.list_consultations(today=today)
    overdue = [c for c in consultations if _reminder(c, today).startswith("已逾期")]
    soon = [c for c in consultations if _reminder(c, today) and c not in overdue]
    for c in overdue:
        common.message(f"已逾期：{c.title}（截止 {c.deadline}）", "error")
    for c in soon:
        common.message(f"即将到期：{c.title}（截止 {c.deadline}，{_reminder(c, today)}）", "warning")

    if consultations:
        rows = [
            {
                "编号": c.id,
                "标题": c.title,
                "来文单位": c.sender,
                "文号": c.doc_number,
                "收到日期": c.received,
                "截止日期": c.deadline,
                "提醒": _reminder(c, today),
                "承办人": c.handler,
                "状态": c.status,
            }
            for c in consultations
        ]

        def _row_style(row):
            note = row["提醒"]
            color = "#ffd6d6" if note.startswith("已逾期") else "#fff1c2" if note else ""
            return [f"background-color: {color}" if color else "" for _ in row]

        import pandas as pd

        frame = pd.DataFrame(rows)
        small = st.column_config.TextColumn(width="small")
        st.dataframe(frame.style.apply(_row_style, axis=1), hide_index=True, width="stretch",
                     column_config={"编号": st.column_config.NumberColumn(width="small"),
                                    "标题": st.column_config.TextColumn(width="large"),
                                    **{k: small for k in ("收到日期", "截止日期", "承办人", "状态")}})

        st.subheader("办理")
        c = common.choose_consultation(consultations, label="选择征求意见", key="reg_pick")
        cid = c.id
        left, right = st.columns([1, 2])
        with left:
            st.session_state[f"status_{cid}"] = c.status
            st.selectbox("状态", CONSULTATION_STATUSES, key=f"status_{cid}", on_change=_on_status,
                         args=(store, cid))
        with right:
            st.write("")
            if st.button("进入审查 →", type="primary"):
                common.switch_page(common.REVIEW)
    else:
        st.info("尚未登记征求意见。请在下方上传征求意见稿并填写来文信息。")

    st.subheader("登记征求意见")
    _prepare_form(today)
    with st.form("register"):
        st.file_uploader("征求意见稿", type=["docx", "pdf", "txt", "md"], key=_upload_key(),
                         help="支持 Word（.docx）、PDF、纯文本（GBK 或 UTF-8）和 Markdown（.md）")
        st.text_input("标题（不填则取草案标题）", key="reg_title", placeholder="如：某市市场监督管理局……办法（征求意见稿）")
        a, b = st.columns(2)
        a.text_input("来文单位", key="reg_sender", placeholder="如：某市司法局")
        b.text_input("文号", key="reg_number", placeholder="如：某司函〔2026〕12号")
        a.date_input("收到日期", key="reg_received")
        b.date_input("截止日期", key="reg_deadline")
        a.text_input("承办人", key="reg_handler", placeholder="不填则为审查人")
        submitted = st.form_submit_button("登记并审查", type="primary")
    if submitted:
        failure = _register(store, common.corpus)
        if failure is None:
            st.rerun()
        common.message(f"无法登记：{failure}", "error")


common.run(main)
