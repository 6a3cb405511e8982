"""征求意见台账: the register of consultations, their deadlines and status; register a new one
(with the review's level and as-of day, a warning when the same file was registered before, and
progress while a long draft is read and reviewed), delete one into the bin and restore it, export
the register as .xlsx."""
from __future__ import annotations

import datetime as dt

import streamlit as st

from commenting.errors import CommentingError, ReadError
from commenting.model import CONSULTATION_STATUSES, Consultation
from commenting.register_export import register_xlsx
from commenting.structure.levels import draft_levels
from commenting.ui import common
from commenting.ui import html as h

#: the register form's fields and what they start with (set through session state, so that a failed
#: upload keeps what was typed and a successful one starts the next form empty)
FORM_FIELDS = ("reg_title", "reg_sender", "reg_number", "reg_received", "reg_deadline", "reg_handler",
               "reg_level", "reg_as_of")

#: the level choice that lets the review guess the level from the draft
AUTO_LEVEL = "自动识别"

#: share of the registration's progress bar reached when reading, then reviewing, is done
READ_SHARE, REVIEW_SHARE = 0.3, 0.95


def _reminder(c: Consultation, today: dt.date) -> str:
    """The deadline note of the register's 提醒 column."""
    return common.deadline_note(c, today)


def _register(store, corpus_getter) -> str | None:
    """Read the uploaded draft, register the consultation and review the draft, showing progress.
    Returns why it could not (one Chinese line), or None when registered."""
    s = st.session_state
    upload = s.get(_upload_key())
    if upload is None:
        return "请上传征求意见稿文件（.docx / .pdf / .txt）。"
    from commenting.review import error_text, review
    from commenting.structure import read_document_bytes

    level = "" if s.get("reg_level", AUTO_LEVEL) == AUTO_LEVEL else s["reg_level"]
    as_of = _iso(s.get("reg_as_of"))
    with st.status(f"正在读取《{h.plain(upload.name)}》……", expanded=True) as status:
        try:
            st.write("读取文件并拆分章节条款……")
            bar = st.progress(0.0, text="正在读取文件……")

            def pages_read(done: int, total: int) -> None:  # PDFs report page by page
                if total > 1:
                    bar.progress(min(done / total, 1.0) * READ_SHARE, text=f"已读取 {done}/{total} 页")

            try:
                document = read_document_bytes(upload.getvalue(), upload.name, progress=pages_read)
            except CommentingError:
                raise
            except Exception as err:  # a reader's bug on an odd file is still the user's bad upload
                raise ReadError(f"无法读取《{upload.name}》：文件内容无法识别或已损坏（{type(err).__name__}）") from err
            bar.progress(READ_SHARE, text=f"已拆分为 {len(document.articles)} 条")
            st.write(f"共 {len(document.articles)} 条。对照{h.plain(as_of or '现行')}施行的上位法审查"
                     f"（层级：{h.plain(level or document.level)}）……")

            def checked(done: int, total: int) -> None:
                share = READ_SHARE + (REVIEW_SHARE - READ_SHARE) * done / max(total, 1)
                bar.progress(share, text=f"审查中：已完成 {done}/{total} 项检查")

            result = review(document, corpus_getter(), level=level or None, as_of=as_of or None, progress=checked)
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
            bar.progress(REVIEW_SHARE, text=f"审查完成，发现 {len(findings)} 个问题；正在保存……")
            consultation, _ = store.register_draft(consultation, document, upload.name, upload.getvalue(), findings,
                                                   level=level, as_of=as_of)
            bar.progress(1.0, text="已保存")
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
    s.pop("_reg_dup", None)
    return None


def _duplicates(store) -> list:
    """Earlier registrations of the uploaded file (empty without an upload)."""
    upload = st.session_state.get(_upload_key())
    return store.find_duplicates(upload.getvalue()) if upload is not None else []


def _submit(store) -> None:
    """The form was sent: register, or first ask whether the same file should be registered again."""
    dups = _duplicates(store)
    if dups:
        st.session_state["_reg_dup"] = True  # ask below the form; nothing is registered yet
        return
    _finish(store)


def _finish(store) -> None:
    failure = _register(store, common.corpus)
    if failure is None:
        st.rerun()
    common.message(f"无法登记：{failure}", "error")


def _duplicate_question(store) -> None:
    """The warning that the uploaded file was registered before, with 仍然登记 / 取消."""
    dups = _duplicates(store)
    if not dups:  # the upload changed meanwhile
        st.session_state.pop("_reg_dup", None)
        return
    earlier = "；".join(f"《{d.title}》（编号 {d.consultation_id}，第 {d.round} 轮，{d.created_at[:10]} 登记）"
                       for d in dups)
    common.message(f"该文件已经登记过：{earlier}。同一文件再次登记将产生重复的台账记录，确定仍要登记吗？",
                   "warning")
    a, b, _ = st.columns([1, 1, 3])
    if a.button("仍然登记", key="reg_dup_confirm", type="primary"):
        st.session_state.pop("_reg_dup", None)
        _finish(store)
    if b.button("取消", key="reg_dup_cancel"):
        st.session_state.pop("_reg_dup", None)
        st.rerun()


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
                "reg_deadline": today + dt.timedelta(days=7), "reg_handler": common.reviewer(),
                "reg_level": AUTO_LEVEL, "reg_as_of": today}
    for key, value in defaults.items():
        s.setdefault(key, value)


def _iso(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) else ""


def _on_status(store, cid: int) -> None:
    new = st.session_state[f"status_{cid}"]
    with common.user_errors():
        store.update_consultation(cid, common.reviewer(), status=new)
        common.flash(f"状态已改为「{new}」。")


def _delete_question(store, c: Consultation) -> None:
    """删除登记 asks first; confirmed, the consultation goes to the bin (restorable for 30 days)."""
    from commenting.store import BIN_DAYS

    s = st.session_state
    if s.get("_reg_delete") != c.id:
        if st.button("删除登记", key=f"delete_{c.id}", icon=":material/delete:"):
            s["_reg_delete"] = c.id
            st.rerun()
        return
    common.message(f"确定删除《{c.title}》吗？删除后移入回收站，{BIN_DAYS} 天内可以恢复，之后将彻底删除。", "warning")
    a, b, _ = st.columns([1, 1, 3])
    if a.button("确认删除", key=f"delete_confirm_{c.id}", type="primary"):
        s.pop("_reg_delete", None)
        with common.user_errors():
            store.delete_consultation(c.id, common.reviewer())
            common.select("c", None)
            common.flash(f"已将《{c.title}》移入回收站，{BIN_DAYS} 天内可在下方「回收站」恢复。")
            st.rerun()
    if b.button("取消", key=f"delete_cancel_{c.id}"):
        s.pop("_reg_delete", None)
        st.rerun()


def _bin(store, today: dt.date) -> None:
    """回收站: deleted consultations with the day each will be purged, and 恢复."""
    entries = store.list_bin(today=today)
    if not entries:
        return
    with st.expander(f"回收站（{len(entries)} 件）", icon=":material/delete:"):
        for e in entries:
            text, button = st.columns([4, 1])
            text.markdown(f"**{h.plain(e.consultation.title)}**  \n"
                          f"{h.plain(e.deleted_by or '（未署名）')} 于 {e.deleted_at[:16]} 删除，"
                          f"{e.purge_on} 起将彻底删除")
            if button.button("恢复", key=f"restore_{e.consultation.id}"):
                with common.user_errors():
                    c = store.restore_consultation(e.consultation.id, common.reviewer())
                    common.select("c", c.id)
                    common.flash(f"已恢复《{c.title}》。")
                    st.rerun()


def _export(store, consultations: list[Consultation]) -> None:
    """导出台账: the register (all, or one year's) as .xlsx."""
    from commenting.annual import year_of

    years = sorted({y for c in consultations if (y := year_of(c)) is not None}, reverse=True)
    a, b = st.columns([1, 2])
    choice = a.selectbox("导出范围", ["全部", *years], key="reg_export_year",
                         format_func=lambda y: y if y == "全部" else f"{y} 年收到的")
    year = None if choice == "全部" else int(choice)
    name = f"{year}年征求意见台账.xlsx" if year else "征求意见台账.xlsx"
    b.write("")
    b.download_button("导出台账（.xlsx）", data=register_xlsx(store, year), file_name=name, key="reg_export",
                      mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                      icon=":material/download:")


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
        _delete_question(store, c)
        st.subheader("导出")
        _export(store, consultations)
    else:
        st.info("尚未登记征求意见。请在下方上传征求意见稿并填写来文信息。")
    _bin(store, today)

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
        b.selectbox("草案层级", [AUTO_LEVEL, *draft_levels()], key="reg_level",
                    help="层级决定适用哪些设定权限规定；自动识别即按草案标题、制定机关等判断")
        a.date_input("对照法律的日期", key="reg_as_of",
                     help="对照该日施行的法律版本审查（默认今天，即现行有效的版本）")
        submitted = st.form_submit_button("登记并审查", type="primary")
    if submitted:
        _submit(store)
    if st.session_state.get("_reg_dup"):
        _duplicate_question(store)


common.run(main)
