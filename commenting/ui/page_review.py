"""审查: one draft article by article — findings, related provisions, and the comment composer.

Every edit is written to the store by its widget's on_change callback, with the version the widget
was showing; a stale edit is refused by the store and the newer text is shown instead. A finding
can be adopted, marked 不采纳 with a reason (and that undone), or adopted with all the others of
its article or of the draft in one batch (count shown first, one undo). Each comment lists its
versions (who, when) and can restore one as a new version.

The outline shows :data:`OUTLINE_PAGE` units at a time (a draft of thousands of articles stays
quick); its page is the one holding the selected article unless the reviewer browses to another
("p" in the URL). Rule ids, addresses and the store's file are shown only under 「详细信息」.
"""
from __future__ import annotations

import hashlib

import streamlit as st

from commenting.comments import finding_key, is_advice, proposed_wording
from commenting.errors import CommentingError, StaleEditError
from commenting.model import COMMENT_KINDS, COMMENT_STATUSES, Article, Basis, Comment, Finding
from commenting.ui import common
from commenting.ui import html as h

#: units of the outline shown per page
OUTLINE_PAGE = 50

TEXT_FIELDS = ("original", "proposed", "reason")
FIELD_LABELS = {"original": "原文", "proposed": "修改建议", "reason": "理由及依据"}
#: the other fields a history entry may name
HISTORY_FIELDS = {"kind": "意见类型", "status": "状态", "basis": "引用依据", "article": "条号", "sub": "条号",
                  "address": "位置", "quote": "引文"}


def _rule_title(rule: str) -> str:
    from commenting.review.catalogue import RULES

    meta = RULES.get(rule)
    return meta.name if meta is not None and meta.name else "审查发现"


basis_label = common.basis_label


# ---------------------------------------------------------------- callbacks (write to the store)


def _k(cid: int, field: str) -> str:
    return f"cm{cid}_{field}"


def _load_into_widgets(c: Comment) -> None:
    """Show a stored version in the comment's widgets (before they are drawn, or in a callback)."""
    s = st.session_state
    for f in TEXT_FIELDS:
        s[_k(c.id, f)] = getattr(c, f) or ""
    s[_k(c.id, "kind")] = c.kind
    s[_k(c.id, "status")] = c.status
    s[_k(c.id, "basis")] = [basis_label(b) for b in c.basis]
    s[_k(c.id, "basis_map")] = {basis_label(b): b for b in c.basis}
    s[_k(c.id, "v")] = c.version


def _save(cid: int, field: str) -> None:
    s = st.session_state
    store = common.store()
    value = s[_k(cid, field)]
    if field == "basis":
        options = s.get(_k(cid, "basis_options"), {})
        value = [options[label] for label in value if label in options]
    try:
        saved = store.update_comment(cid, s[_k(cid, "v")], common.reviewer(), **{field: value})
    except StaleEditError as err:
        current = err.current
        mine = s[_k(cid, field)]
        _load_into_widgets(current)
        s[_k(cid, "stale")] = (str(err), FIELD_LABELS.get(field, field), mine if isinstance(mine, str) else "")
        return
    except CommentingError as err:
        common.flash(str(err), "error")
        return
    s[_k(cid, "v")] = saved.version
    s[_k(cid, "basis_map")] = {basis_label(b): b for b in saved.basis}
    s.pop(_k(cid, "stale"), None)


def _adopt(draft_id: int, finding) -> None:
    with common.user_errors():
        c = common.store().adopt_finding(draft_id, finding, common.reviewer())
        common.flash(f"已采纳：{c.proposed[:30] or c.reason[:30]}")


def _token(finding: Finding) -> str:
    """A short widget-key part naming the finding across runs (its key may hold any text)."""
    return hashlib.sha1(repr(finding_key(finding)).encode("utf-8")).hexdigest()[:12]


def _ask_reject(token: str | None) -> None:
    st.session_state["reject_pending"] = token


def _reject(draft_id: int, finding: Finding, token: str) -> None:
    reason = st.session_state.get(f"reject_reason_{token}", "")
    try:
        common.store().reject_finding(draft_id, finding, reason, common.reviewer())
    except CommentingError as err:
        common.flash(str(err), "error")
        return
    st.session_state.pop("reject_pending", None)
    st.session_state.pop(f"reject_reason_{token}", None)
    common.flash("已标记为不采纳，理由已保存。")


def _undo_reject(decision_id: int) -> None:
    try:
        common.store().undo_rejection(decision_id, common.reviewer())
    except CommentingError as err:
        common.flash(str(err), "error")
        return
    common.flash("已撤销不采纳，该审查发现可重新处理。")


def _ask_batch(scope: str | None) -> None:
    st.session_state["batch_pending"] = scope


def _adopt_all(draft_id: int, scope: str, findings: list[Finding]) -> None:
    st.session_state.pop("batch_pending", None)
    try:
        batch, plan = common.store().adopt_findings(draft_id, findings, common.reviewer(), scope=scope)
    except CommentingError as err:
        common.flash(str(err), "error")
        return
    if batch is None:
        common.flash("没有可采纳的建议。", "info")
        return
    common.flash(plan.summary().replace("将采纳", "已采纳", 1) + "。如需撤回，可点击「撤销批量采纳」。")


def _undo_batch(batch_id: int) -> None:
    try:
        batch = common.store().undo_batch(batch_id, common.reviewer())
    except CommentingError as err:
        common.flash(str(err), "error")
        return
    common.flash(f"已撤销批量采纳：{len(batch.comment_ids)} 条意见已撤回（修改记录保留）。")


def _restore(cid: int, version: int) -> None:
    s = st.session_state
    try:
        saved = common.store().restore_comment_version(cid, version, s[_k(cid, "v")], common.reviewer())
    except StaleEditError as err:
        _load_into_widgets(err.current)
        s[_k(cid, "stale")] = (str(err), "恢复", "")
        return
    except CommentingError as err:
        common.flash(str(err), "error")
        return
    _load_into_widgets(saved)
    s.pop(_k(cid, "stale"), None)
    common.flash(f"已恢复意见 #{cid} 的第 {version} 版内容（保存为第 {saved.version} 版）。")


def _new_comment(draft_id: int, article, kind: str = "修改") -> None:
    with common.user_errors():
        common.store().add_comment(Comment(
            draft_id=draft_id, article=article.no, sub=article.sub, address=article.address,
            kind=kind, original=article.text, proposed="" if kind == "删除" else article.text,
            author=common.reviewer(),
        ))


def _select_article(key: str) -> None:
    common.select("a", key)
    common.select("p", None)  # the outline follows the article again


def _browse_outline(key: str) -> None:
    common.select("p", st.session_state[key] + 1)


# ---------------------------------------------------------------- drawing


def _units(document, findings, comments) -> list:
    """The articles to review, led by the title and other article-0 material when it has findings."""
    units = list(document.articles)
    if any(f.article == 0 for f in findings) or any(c.article == 0 for c in comments):
        text = "\n".join([document.title] + [p.text for p in document.parts if p.kind != "title" and p.text])
        units.insert(0, Article(no=0, label="标题及其他", text=text, address="art-0"))
    return units


def _outline_pages(units: common.Units, current: str) -> tuple[int, int]:
    """(page shown, number of pages): the URL's "p" while browsing, else the current article's."""
    pages = max(1, -(-len(units.list) // OUTLINE_PAGE))
    index = next(i for i, u in enumerate(units.list) if u.address == current)
    wanted = common.selected("p")
    page = wanted - 1 if wanted is not None and 1 <= wanted <= pages else index // OUTLINE_PAGE
    return page, pages


def _outline(document, units: common.Units, findings, comments, current: str) -> None:
    per_article: dict[str | None, int] = {}
    for f in findings:
        key = units.of(f)
        per_article[key] = per_article.get(key, 0) + 1
    commented: dict[str | None, list] = {}
    for c in comments:
        commented.setdefault(units.of(c), []).append(c)
    st.caption(f"{len(document.articles)} 条 · {len(findings)} 个问题 · {len(comments)} 条意见　"
               "（⚠ 问题数，✎ 已采纳/意见数）")
    page, pages = _outline_pages(units, current)
    shown = units.list[page * OUTLINE_PAGE:(page + 1) * OUTLINE_PAGE]
    if pages > 1:
        def span(i: int) -> str:
            part = units.list[i * OUTLINE_PAGE:(i + 1) * OUTLINE_PAGE]
            return f"第 {i + 1}/{pages} 页：{part[0].label}—{part[-1].label}"

        st.session_state["outline_page"] = page
        st.selectbox("目录分页", list(range(pages)), key="outline_page", format_func=span,
                     on_change=_browse_outline, args=("outline_page",))
    with st.container(height=640, border=False):
        chapter = None
        for a in shown:
            if a.chapter and a.chapter != chapter:
                chapter = a.chapter
                common.caption(chapter)
            n = per_article.get(a.address, 0)
            cs = [c for c in commented.get(a.address, []) if c.status != "撤回"]
            adopted = sum(1 for c in cs if c.status == "采纳")
            label = h.plain(a.label)
            if n:
                label += f" ⚠{n}"
            if cs:
                label += f" ✎{adopted}/{len(cs)}"
            st.button(label, key=f"nav_{a.address}", on_click=_select_article, args=(a.address,),
                      type="primary" if a.address == current else "tertiary", width="stretch")


def _article_block(document, article, findings) -> None:
    crumbs = " · ".join(x for x in (article.chapter, article.section) if x)
    st.subheader(h.plain(article.label))
    if crumbs:
        common.caption(crumbs)
    quotes = [(f.quote, h.SEVERITY_CLASS.get(f.severity, "sev-info")) for f in findings]
    st.markdown(h.highlight(article.text, quotes), unsafe_allow_html=True)


def _batch_controls(store, draft_id: int, scope: str, findings: list[Finding], where: str) -> None:
    """「采纳全部」 for ``findings`` (one article: ``scope`` its address; the draft: ""): the count
    first, then the batch; and the undo of the latest batch of this scope."""
    label = "采纳本条全部建议" if scope else "全稿采纳全部建议"
    if st.session_state.get("batch_pending") == scope:
        plan = store.adoption_plan(draft_id, findings)
        with st.container(border=True):
            st.info(plan.summary() + ("。" if plan.adopt else "，没有可采纳的建议。"))
            a, b = st.columns(2)
            if plan.adopt:
                a.button(f"确认采纳 {len(plan.adopt)} 条", key=f"batch_go_{where}", type="primary",
                         on_click=_adopt_all, args=(draft_id, scope, findings))
            b.button("取消", key=f"batch_cancel_{where}", on_click=_ask_batch, args=(None,))
    elif findings:
        st.button(label, key=f"batch_{where}", on_click=_ask_batch, args=(scope,))
    latest = next((b for b in store.list_batches(draft_id) if b.scope == scope or not scope), None)
    if latest is not None:
        what = "本条" if scope else ("全稿" if not latest.scope else "单条")
        common.caption(f"上次批量采纳（{what}）：{latest.at} · {latest.author or '未署名'} · "
                       f"{len(latest.comment_ids)} 条意见")
        st.button("撤销批量采纳", key=f"batch_undo_{where}", on_click=_undo_batch, args=(latest.id,))


def _details(rows: list[tuple[str, str]]) -> None:
    """The technical names (rule ids, addresses, files) for support, out of the normal view."""
    with st.expander("详细信息"):
        st.text("\n".join(f"{k}：{v}" for k, v in rows if v not in (None, "")))


def _finding_details(store, draft_id: int, address: str, findings, comments) -> None:
    if not findings:
        st.caption("本条未发现问题。")
        return
    adopted = store.adopted_keys(draft_id)
    rejected = store.rejections(draft_id)
    _batch_controls(store, draft_id, address, findings, "article")
    pending = st.session_state.get("reject_pending")
    for i, f in enumerate(findings):
        key, token = finding_key(f), _token(f)
        sev = h.SEVERITY_LABEL.get(f.severity, f.severity)
        with st.container(border=True):
            st.markdown(f"**{sev}** · {h.plain(_rule_title(f.rule))}")
            if f.quote:
                st.markdown(f"> {h.esc(f.quote)}", unsafe_allow_html=True)
            if f.message:
                st.text(f.message)
            wording = proposed_wording(f)
            if wording is not None and f.quote:
                st.caption("建议修改（删除线为删去，下划线为增加）")
                st.markdown(h.redline(f.quote, wording), unsafe_allow_html=True)
            elif wording is not None:
                common.caption("建议改为：" + (wording or "（删除）"))
            if f.suggestion and wording is None:
                common.caption("审查提示：" + f.suggestion)
            if f.basis:
                common.caption("依据：" + "；".join(basis_label(b) for b in f.basis))
            if key in adopted:
                st.success("已采纳", icon=":material/check_circle:")
            elif key in rejected:
                d = rejected[key]
                common.message(f"不采纳：{d.reason}（{d.author or '未署名'} · {d.at}）", "warning")
                st.button("撤销不采纳", key=f"unreject_{token}", on_click=_undo_reject, args=(d.id,))
            elif pending == token:
                st.text_area("不采纳理由（必填，将保存并可检索）", key=f"reject_reason_{token}", height=80,
                             placeholder="如：上位法另有规定，本条表述无误")
                a, b = st.columns(2)
                a.button("确认不采纳", key=f"reject_go_{token}", type="primary", on_click=_reject,
                         args=(draft_id, f, token))
                b.button("取消", key=f"reject_cancel_{token}", on_click=_ask_reject, args=(None,))
            else:
                a, b = st.columns(2)
                a.button("采纳建议", key=f"adopt_{address}_{i}_{f.rule}", type="primary",
                         on_click=_adopt, args=(draft_id, f))
                b.button("不采纳", key=f"reject_{token}", on_click=_ask_reject, args=(token,))
            _details([("规则编号", f.rule), ("位置", f.address or ""), ("严重程度", f.severity)])


def _history(store, c: Comment) -> None:
    """Every version of the comment with who saved it and when; an earlier one can be restored
    (as a new version, refused like any edit when someone saved meanwhile)."""
    versions = store.comment_versions(c.id)
    changed: dict[int, list[str]] = {}
    for row in store.comment_history(c.id):
        if row["field"]:
            changed.setdefault(row["version"], []).append(FIELD_LABELS.get(row["field"], HISTORY_FIELDS.get(
                row["field"], row["field"])))
        elif row["action"] == "恢复":
            changed.setdefault(row["version"], []).insert(0, row["after"])
    with st.expander(f"修改记录（共 {len(versions)} 版）"):
        for v in reversed(versions):
            what = "、".join(dict.fromkeys(changed.get(v.version, []))) or ("创建" if v.version == 1 else "")
            line = f"第 {v.version} 版 · {v.updated_by or v.author or '未署名'} · {v.updated_at}"
            common.caption(line + (f" · {what}" if what else "") + ("（当前版本）" if v.version == c.version else ""))
            body = f"修改建议：{v.proposed or ('（删除）' if v.kind == '删除' else '')}\n理由及依据：{v.reason}"
            st.text(f"【{v.kind} · {v.status}】\n{body}")
            if v.version != c.version:
                st.button(f"恢复第 {v.version} 版", key=f"restore_{c.id}_{v.version}", on_click=_restore,
                          args=(c.id, v.version))


def _composer(store, c: Comment, basis_options: dict[str, Basis]) -> None:
    s = st.session_state
    # first sight, someone saved a newer version, or Streamlit dropped the widgets' state because the
    # article was not shown in the last run: show what the store holds
    if s.get(_k(c.id, "v")) != c.version or any(_k(c.id, f) not in s for f in (*TEXT_FIELDS, "kind", "status", "basis")):
        _load_into_widgets(c)
    options = dict(s.get(_k(c.id, "basis_map"), {}))
    options.update(basis_options)
    s[_k(c.id, "basis_options")] = options
    stale = s.get(_k(c.id, "stale"))
    with st.container(border=True):
        head = f"意见 #{c.id} · 第 {c.version} 版 · {c.author or '未署名'}"
        head += f" · 最后修改：{c.updated_by or c.author or '未署名'}（{c.updated_at}）"
        if c.finding_rule:
            head += f" · 来自审查发现「{_rule_title(c.finding_rule)}」"
        common.caption(head)
        if stale:
            message, field, mine = stale
            common.message(message, "error")
            if mine:
                st.caption(f"您未保存的「{field}」：")
                st.code(mine, language=None, wrap_lines=True)
        a, b = st.columns(2)
        a.selectbox("意见类型", COMMENT_KINDS, key=_k(c.id, "kind"), on_change=_save, args=(c.id, "kind"))
        b.selectbox("状态（采纳的意见写入意见函）", COMMENT_STATUSES, key=_k(c.id, "status"),
                    on_change=_save, args=(c.id, "status"))
        st.text_area("原文", key=_k(c.id, "original"), on_change=_save, args=(c.id, "original"), height=90)
        st.text_area("修改建议", key=_k(c.id, "proposed"), on_change=_save, args=(c.id, "proposed"), height=90)
        proposed = s[_k(c.id, "proposed")]
        if is_advice(proposed):
            # advice (建议核对…) is not wording of the draft: never shown as inserted text
            common.message("修改建议为审查提示，不是条文表述，修订对照中不标示；如需修改条文，请写明修改后的表述。",
                           "info")
        else:
            st.caption("修订对照（删除线为删去，下划线为增加）")
            st.markdown(h.redline(s[_k(c.id, "original")], proposed), unsafe_allow_html=True)
        st.text_area("理由及依据", key=_k(c.id, "reason"), on_change=_save, args=(c.id, "reason"), height=90)
        st.multiselect("引用依据（从相关条文中选取）", list(options), key=_k(c.id, "basis"),
                       placeholder="选择相关条文或审查依据",
                       on_change=_save, args=(c.id, "basis"))
        _history(store, c)
        _details([("意见编号", str(c.id)), ("规则编号", c.finding_rule or ""), ("位置", c.address or "")])


def _related(corpus, article) -> dict[str, Basis]:
    """Related provisions, drawn; returns them as citable bases keyed by their label."""
    out: dict[str, Basis] = {}
    if corpus is None:
        st.caption(common.library_unavailable() + "相关条文在法规库构建完成后显示。")
        return out
    try:
        hits = corpus.related(article.text, k=6)
    except CommentingError as err:
        common.caption(str(err))
        return out
    if not hits:
        st.caption("未找到相关条文。")
    for hit in hits:
        b = Basis(law=hit.law, article=hit.article)
        label = basis_label(b)
        out[label] = b
        with st.expander(h.plain(label)):
            st.text(hit.text)
    return out


def _ensure_findings(store, corpus_getter, draft_id: int, document) -> None:
    if store.findings_run_at(draft_id) is not None:
        return
    from commenting.review import error_text, review

    with st.status("正在对照上位法审查……", expanded=True) as status:
        level, as_of = store.review_options(draft_id)  # as set when the draft was registered
        result = review(document, corpus_getter(), level=level, as_of=as_of)
        store.save_findings(draft_id, result.findings)
        status.update(label=f"审查完成：发现 {len(result.findings)} 个问题", state="complete", expanded=False)
    for error in result.errors:
        st.error(f"{error_text(error)}；审查结果不完整。")


def _document(store, draft_id: int):
    """The draft's document, decoded once per session: a stored draft round never changes, and
    decoding thousands of articles costs a large part of a rerun."""
    held = st.session_state.get("_review_document")
    if held is None or held[0] != (str(store.path), draft_id):
        held = ((str(store.path), draft_id), store.get_draft(draft_id).document)
        st.session_state["_review_document"] = held
    return held[1]


def main() -> None:
    store = common.store()
    consultation = common.pick_consultation(store)
    if consultation is None:
        st.title("审查")
        st.info("还没有登记征求意见。请先在「征求意见台账」上传征求意见稿。")
        st.page_link(common.REGISTER, label="去登记", icon=":material/assignment:")
        return
    cid = consultation.id
    drafts = store.list_drafts(cid)
    st.title("审查")
    common.caption(common.consultation_label(consultation) + (f" · 截止 {consultation.deadline}" if consultation.deadline else ""))
    common.show_flash()
    if not drafts:
        st.warning("该征求意见尚未上传草案。")
        return
    if len(drafts) > 1:
        rounds = {d["id"]: d for d in drafts}
        draft_id = st.sidebar.selectbox("草案轮次", list(rounds), index=len(drafts) - 1, key=f"round_{cid}",
                                        format_func=lambda i: f"第 {rounds[i]['round']} 轮 · {rounds[i]['file_name']}")
    else:
        draft_id = drafts[-1]["id"]
    document = _document(store, draft_id)
    if not document.articles:
        st.warning("未能从草案中识别出条文。")
        return
    _ensure_findings(store, common.corpus, draft_id, document)
    findings = store.list_findings(draft_id)
    comments = store.list_comments(draft_id=draft_id)

    units = common.Units(_units(document, findings, comments))
    keys = list(units.by_address)
    current_art = units.resolve(common.selected_unit())
    common.select("a", current_art)
    article = units.by_address[current_art]

    left, middle, right = st.columns([1.15, 2.6, 1.6], gap="medium")
    with left:
        _batch_controls(store, draft_id, "", findings, "draft")
        _outline(document, units, findings, comments, current_art)
    art_findings = [f for f in findings if units.of(f) == current_art]
    art_comments = [c for c in comments if units.of(c) == current_art]
    with right:
        st.markdown("#### 审查发现")
        _finding_details(store, draft_id, current_art, art_findings, art_comments)
        st.markdown("#### 相关条文")
        related = _related(common.corpus_if_ready(), article)
    with middle:
        i = keys.index(current_art)
        p, n, _ = st.columns([1, 1, 3])
        p.button("← 上一条", disabled=i == 0, on_click=_select_article, args=(keys[max(i - 1, 0)],), key="prev")
        n.button("下一条 →", disabled=i == len(keys) - 1, on_click=_select_article,
                 args=(keys[min(i + 1, len(keys) - 1)],), key="next")
        _article_block(document, article, art_findings)
        st.markdown("#### 意见")
        options = dict(related)
        for f in art_findings:
            for b in f.basis:
                options.setdefault(basis_label(b), b)
        for c in art_comments:
            _composer(store, c, options)
        a, b = st.columns(2)
        a.button("＋ 新增修改意见", on_click=_new_comment, args=(draft_id, article), key="new_comment")
        b.button("＋ 新增删除意见", on_click=_new_comment, args=(draft_id, article, "删除"), key="new_delete")
        _details([("意见库文件", str(store.path)), ("草案编号", str(draft_id)),
                  ("审查时间", store.findings_run_at(draft_id) or ""), ("条文位置", current_art)])


common.run(main)
