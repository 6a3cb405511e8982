"""下一轮: upload the next draft of a consultation (第二次征求意见稿, 送审稿 …), see what became of each
earlier comment, confirm or correct it, and carry an unadopted one into the new round's letter."""
from __future__ import annotations

import streamlit as st

from commenting.errors import CommentingError, ReadError
from commenting.rounds import STATES, CarryItem, add_round, carry_into_round, carry_items
from commenting.ui import common
from commenting.ui import html as h

STATE_CLASS = {"已采纳": "sev-info", "部分采纳": "sev-warning", "未采纳": "sev-error", "无法定位": "sev-warning"}


def _upload_key(cid: int) -> str:
    """A new uploader after each upload empties it (Streamlit cannot clear one through session state)."""
    return f"rounds_file_{cid}_{st.session_state.get(f'_rounds_forms_{cid}', 0)}"


def _upload(store, cid: int) -> str | None:
    """Read, review and store the uploaded next round, compared with the previous one; why not, or None."""
    upload = st.session_state.get(_upload_key(cid))
    if upload is None:
        return "请选择下一轮草案文件（.docx / .pdf / .txt）。"
    from commenting.review import error_text, review
    from commenting.structure import read_document_bytes

    with st.status(f"正在读取《{h.plain(upload.name)}》……", expanded=True) as status:
        try:
            st.write("读取文件并拆分章节条款……")
            try:
                document = read_document_bytes(upload.getvalue(), upload.name)
            except CommentingError:
                raise
            except Exception as err:  # a reader's bug on an odd file is still the user's bad upload
                raise ReadError(f"无法读取《{upload.name}》：文件内容无法识别或已损坏（{type(err).__name__}）") from err
            st.write(f"共 {len(document.articles)} 条。对照上位法审查……")
            result = review(document, common.corpus())
            for error in result.errors:
                common.flash(f"{error_text(error)}；审查结果不完整。", "error")
            st.write("比对前轮意见的采纳情况……")
            draft_id, results = add_round(store, cid, document, upload.name, upload.getvalue(), result.findings)
        except CommentingError as err:
            status.update(label="无法登记下一轮草案", state="error", expanded=False)
            return str(err)
        status.update(label="已登记下一轮草案", state="complete", expanded=False)
    rnd = store.get_draft_info(draft_id)["round"]
    common.flash(f"已登记第 {rnd} 轮草案《{upload.name}》（{len(document.articles)} 条，发现 "
                 f"{len(result.findings)} 个问题），已比对前轮意见 {len(results)} 条。")
    st.session_state[f"_rounds_forms_{cid}"] = st.session_state.get(f"_rounds_forms_{cid}", 0) + 1
    st.session_state[f"rounds_view_{cid}"] = draft_id
    return None


def _key(draft_id: int, comment_id: int) -> str:
    return f"rs_{draft_id}_{comment_id}"


def _on_state(store, draft_id: int, comment_id: int) -> None:
    state = st.session_state[_key(draft_id, comment_id)]
    with common.user_errors():
        store.confirm_carry(comment_id, draft_id, state, common.reviewer())
        common.flash(f"已将意见 #{comment_id} 的采纳情况记为「{state}」。")


def _on_confirm(store, draft_id: int, comment_id: int, state: str) -> None:
    with common.user_errors():
        store.confirm_carry(comment_id, draft_id, state, common.reviewer())
        common.flash(f"已确认意见 #{comment_id}：{state}。")


def _on_carry(store, draft_id: int, comment_id: int) -> None:
    with common.user_errors():
        carried = carry_into_round(store, comment_id, draft_id, common.reviewer())
        common.flash(f"已承接到本轮意见函：{carried.proposed}")


def _item(store, item: CarryItem, draft_id: int, old_round: int, new_round: int) -> None:
    c, r = item.comment, item.record
    with st.container(border=True):
        head = f"{item.old_label} → 本轮{item.new_label}"
        st.markdown(f'<div class="cm-article"><b>{h.esc(head)}</b>　'
                    f'<mark class="{STATE_CLASS[item.state]}">{h.esc(item.state)}</mark></div>',
                    unsafe_allow_html=True)
        proposal = c.proposed or ("删除" if c.kind == "删除" else "")
        common.caption(f"前轮意见 #{c.id}（{c.kind}）：原文「{c.original or c.quote}」；修改建议：{proposal}"
                       + (f"；理由：{c.reason}" if c.reason else ""))
        judged = f"系统判断：{r['machine_state']}。{r['evidence']}"
        if item.confirmed:
            judged += f"（{r['confirmed_by'] or '审查人'}于 {r['confirmed_at']} 确认为「{item.state}」）"
        common.caption(judged)
        left, right = st.columns(2)
        with left:
            st.markdown(f"**第 {old_round} 轮 {h.plain(item.old_label)}**")
            st.markdown(h.highlight(item.old_text, [(c.original or c.quote, "sev-warning")]), unsafe_allow_html=True)
        with right:
            st.markdown(f"**第 {new_round} 轮 {h.plain(item.new_label)}**")
            if item.new_text:
                st.markdown(h.highlight(item.new_text, [(r["new_text"], "sev-info")]), unsafe_allow_html=True)
            else:
                st.markdown('<div class="cm-article">（新稿中未找到对应内容）</div>', unsafe_allow_html=True)
        if r["new_text"] and (c.original or c.quote) and r["new_text"] != (c.original or c.quote):
            st.caption("前后对照（删除线为前轮文字，下划线为本轮文字）")
            st.markdown(h.redline(c.original or c.quote, r["new_text"]), unsafe_allow_html=True)
        a, b, d = st.columns([1.2, 0.8, 1.6])
        key = _key(draft_id, c.id)
        st.session_state[key] = item.state  # what the store holds (another tab may have changed it)
        a.selectbox("采纳情况（可更正）", STATES, key=key, on_change=_on_state, args=(store, draft_id, c.id))
        with b:
            st.write("")
            if not item.confirmed:
                st.button("确认", key=f"rc_{draft_id}_{c.id}", on_click=_on_confirm,
                          args=(store, draft_id, c.id, item.state))
        with d:
            st.write("")
            if item.carriable:
                st.button("承接到本轮意见函", key=f"rk_{draft_id}_{c.id}", type="primary", on_click=_on_carry,
                          args=(store, draft_id, c.id))
            elif r["new_comment_id"] is not None:
                st.caption(f"已承接为本轮意见 #{r['new_comment_id']}")


def main() -> None:
    store = common.store()
    consultation = common.pick_consultation(store)
    st.title("下一轮")
    if consultation is None:
        st.info("还没有登记征求意见。请先在「征求意见台账」上传第一轮征求意见稿。")
        return
    cid = consultation.id
    common.caption(common.consultation_label(consultation))
    common.show_flash()

    with st.form(f"next_round_{cid}"):
        st.file_uploader("下一轮草案（第二次征求意见稿、送审稿等）", type=["docx", "pdf", "txt", "md"],
                         key=_upload_key(cid), help="上传后将审查新稿，并逐条比对前轮意见的采纳情况")
        submitted = st.form_submit_button("上传并比对", type="primary")
    if submitted:
        failure = _upload(store, cid)
        if failure is None:
            st.rerun()
        common.message(f"无法登记下一轮草案：{failure}", "error")

    drafts = store.list_drafts(cid)
    later = [d for d in drafts if d["round"] > 1]
    if not later:
        st.info("本征求意见目前只有第 1 轮草案。收到下一轮草案后请在上方上传，将逐条比对前轮意见是否被采纳。")
        return
    by_id = {d["id"]: d for d in later}
    view_key = f"rounds_view_{cid}"
    if st.session_state.get(view_key) not in by_id:
        st.session_state[view_key] = later[-1]["id"]
    st.selectbox("查看轮次", list(by_id), key=view_key,
                 format_func=lambda i: f"第 {by_id[i]['round']} 轮：{by_id[i]['file_name']}（{by_id[i]['created_at'][:10]}）")
    draft_id = st.session_state[view_key]
    new_round = by_id[draft_id]["round"]
    items = carry_items(store, draft_id)
    if not items:
        st.info(f"第 {new_round - 1} 轮没有需要比对的意见。")
        return
    columns = st.columns(len(STATES) + 1)
    for col, state in zip(columns, STATES):
        col.metric(state, sum(1 for i in items if i.state == state))
    columns[-1].metric("已确认", f"{sum(i.confirmed for i in items)}/{len(items)}")
    st.caption("系统按文字比对给出采纳情况，请逐条确认或更正；未采纳、部分采纳的意见可承接到本轮意见函"
               "（「意见函」页面导出最新一轮的意见）。")
    old_round = new_round - 1
    for item in items:
        _item(store, item, draft_id, old_round, new_round)
    if any(i.record["new_comment_id"] is not None for i in items):
        if st.button("前往意见函 →"):
            common.switch_page(common.LETTER)


common.run(main)
