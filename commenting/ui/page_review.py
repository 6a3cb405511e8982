"""审查: one draft article by article — findings, related provisions, and the comment composer.

Every edit is written to the store by its widget's on_change callback, with the version the widget
was showing; a stale edit is refused by the store and the newer text is shown instead.
"""
from __future__ import annotations

import streamlit as st

from commenting.errors import CommentingError, StaleEditError
from commenting.model import COMMENT_KINDS, COMMENT_STATUSES, Article, Basis, Comment
from commenting.ui import common
from commenting.ui import html as h

TEXT_FIELDS = ("original", "proposed", "reason")
FIELD_LABELS = {"original": "原文", "proposed": "修改建议", "reason": "理由及依据"}


def _rule_title(rule: str) -> str:
    from commenting.review.catalogue import RULES

    meta = RULES.get(rule)
    return meta.name if meta is not None and meta.name else rule


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


def _new_comment(draft_id: int, article, kind: str = "修改") -> None:
    with common.user_errors():
        common.store().add_comment(Comment(
            draft_id=draft_id, article=article.no, sub=article.sub, address=article.address,
            kind=kind, original=article.text, proposed="" if kind == "删除" else article.text,
            author=common.reviewer(),
        ))


def _select_article(key: str) -> None:
    common.select("a", key)


# ---------------------------------------------------------------- drawing


def _units(document, findings, comments) -> list:
    """The articles to review, led by the title and other article-0 material when it has findings."""
    units = list(document.articles)
    if any(f.article == 0 for f in findings) or any(c.article == 0 for c in comments):
        text = "\n".join([document.title] + [p.text for p in document.parts if p.kind != "title" and p.text])
        units.insert(0, Article(no=0, label="标题及其他", text=text, address="art-0"))
    return units


def _outline(document, units: common.Units, findings, comments, current: str) -> None:
    per_article: dict[str | None, list] = {}
    for f in findings:
        per_article.setdefault(units.of(f), []).append(f)
    commented: dict[str | None, list] = {}
    for c in comments:
        commented.setdefault(units.of(c), []).append(c)
    st.caption(f"{len(document.articles)} 条 · {len(findings)} 个问题 · {len(comments)} 条意见　"
               "（⚠ 问题数，✎ 已采纳/意见数）")
    with st.container(height=640, border=False):
        chapter = None
        for a in units.list:
            if a.chapter and a.chapter != chapter:
                chapter = a.chapter
                common.caption(chapter)
            n = len(per_article.get(a.address, []))
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


def _finding_details(draft_id: int, address: str, findings, comments) -> None:
    if not findings:
        st.caption("本条未发现问题。")
        return
    for i, f in enumerate(findings):
        done = any(c.finding_rule == f.rule and c.quote == f.quote and c.status != "撤回" for c in comments)
        sev = h.SEVERITY_LABEL.get(f.severity, f.severity)
        with st.container(border=True):
            st.markdown(f"**{sev}** · {_rule_title(f.rule)}")
            if f.quote:
                st.markdown(f"> {h.esc(f.quote)}", unsafe_allow_html=True)
            if f.message:
                st.text(f.message)
            if f.suggestion:
                common.caption("建议：" + f.suggestion)
            if f.proposed is not None:
                common.caption("建议改为：" + (f.proposed or "（删除）"))
            if f.basis:
                common.caption("依据：" + "；".join(basis_label(b) for b in f.basis))
            if done:
                st.success("已采纳", icon=":material/check_circle:")
            else:
                st.button("采纳建议", key=f"adopt_{address}_{i}_{f.rule}", type="primary",
                          on_click=_adopt, args=(draft_id, f))


def _composer(c: Comment, basis_options: dict[str, Basis]) -> None:
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
        if c.updated_by and c.updated_by != c.author:
            head += f" · 最后修改：{c.updated_by}"
        if c.finding_rule:
            head += f" · 来自审查发现 {c.finding_rule}"
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
        st.caption("修订对照（删除线为删去，下划线为增加）")
        st.markdown(h.redline(s[_k(c.id, "original")], s[_k(c.id, "proposed")]), unsafe_allow_html=True)
        st.text_area("理由及依据", key=_k(c.id, "reason"), on_change=_save, args=(c.id, "reason"), height=90)
        st.multiselect("引用依据（从相关条文中选取）", list(options), key=_k(c.id, "basis"),
                       placeholder="选择相关条文或审查依据",
                       on_change=_save, args=(c.id, "basis"))


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
    document = store.get_draft(draft_id).document
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
        _outline(document, units, findings, comments, current_art)
    art_findings = [f for f in findings if units.of(f) == current_art]
    art_comments = [c for c in comments if units.of(c) == current_art]
    with right:
        st.markdown("#### 审查发现")
        _finding_details(draft_id, current_art, art_findings, art_comments)
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
            _composer(c, options)
        a, b = st.columns(2)
        a.button("＋ 新增修改意见", on_click=_new_comment, args=(draft_id, article), key="new_comment")
        b.button("＋ 新增删除意见", on_click=_new_comment, args=(draft_id, article, "删除"), key="new_delete")


common.run(main)
