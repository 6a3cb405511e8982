"""历史意见: search past comments with filters and reuse one on the article being reviewed."""
from __future__ import annotations

import datetime as dt

import streamlit as st

from commenting.errors import CommentingError
from commenting.search import found_words, reuse_comment, search_comments, search_rejected
from commenting.ui import common
from commenting.ui import html as h

#: characters of the article text shown on each side of the first word found in it
SNIPPET = 40


def _current_target(store):
    """(draft id, article) of the article open on the review page, or None."""
    cid = common.selected("c")
    raw = common.selected_unit()
    if cid is None or not raw:
        return None
    draft_id = common.latest_draft_id(store, cid)
    if draft_id is None:
        return None
    articles = store.get_draft(draft_id).document.articles
    if not articles:
        return None
    units = common.Units(articles)
    return draft_id, units.by_address[units.resolve(raw)]


def _snippet(text: str, words: list[str]) -> str:
    """The part of an article around the first searched word it holds ("" when it holds none)."""
    at = min((i for i in (text.find(w) for w in words) if i >= 0), default=-1)
    if at < 0:
        return ""
    start, end = max(0, at - SNIPPET), min(len(text), at + SNIPPET)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def _reuse(hit, draft_id: int, article) -> None:
    with common.user_errors():
        c = reuse_comment(common.store(), hit, draft_id, article.no, common.reviewer(), sub=article.sub)
        common.flash(f"已将意见 #{hit.comment.id} 复用到{article.label}（新意见 #{c.id}，状态「草拟」）。")


def _rejected(decisions) -> None:
    """Review findings marked 不采纳 whose reason (or quoted text) holds the query words."""
    if not decisions:
        return
    with st.expander(f"不采纳的审查发现（{len(decisions)} 条，按不采纳理由检索）"):
        for d in decisions:
            common.caption(f"{d.at[:10]} · {d.author or '未署名'}")
            st.text(f"原文：{d.quote}\n审查发现：{d.message}\n不采纳理由：{d.reason}")


def main() -> None:
    store = common.store()
    common.keep_selection("c", "a")
    st.title("历史意见")
    common.show_flash()
    target = _current_target(store)
    if target:
        common.caption(f"复用目标：{target[1].label}（审查页当前条文）")
    else:
        st.caption("在「审查」页打开一条条文后，可将检索到的意见复用到该条。")

    with st.form("history_search"):
        query = st.text_input("检索词", key="hs_query", placeholder="如：听证 时效 没收违法所得")
        a, b, c = st.columns(3)
        sender = a.text_input("来文单位", key="hs_sender", placeholder="如：司法局")
        law = b.text_input("引用法规", key="hs_law", placeholder="如：行政处罚法")
        article = c.text_input("法规条号", key="hs_article", placeholder="如：36 或 第三十六条")
        d, e, f = st.columns(3)
        date_from = d.date_input("起始日期", value=None, key="hs_from", help="不填则不限")
        date_to = e.date_input("截止日期", value=None, key="hs_to", help="不填则不限")
        withdrawn = f.checkbox("包括已撤回的意见", key="hs_withdrawn")
        st.form_submit_button("检索", type="primary")

    if query:
        _rejected(search_rejected(store, query, limit=20))
    try:
        hits = search_comments(
            store, query or "", sender=sender or None, law=law or None, article=article or None,
            date_from=date_from.isoformat() if isinstance(date_from, dt.date) else None,
            date_to=date_to.isoformat() if isinstance(date_to, dt.date) else None,
            limit=50, include_withdrawn=withdrawn,
        )
    except CommentingError as err:
        common.message(str(err), "error")
        return
    if not hits:
        st.info("没有找到符合条件的意见。" if (query or sender or law or article) else "意见库中还没有意见。")
        return
    st.markdown(f"共 {len(hits)} 条" + ("（按相关度排序）" if query else "（最新在前）"))
    words = found_words(query or "")
    for i, hit in enumerate(hits):
        cm = hit.comment
        with st.container(border=True):
            label = hit.article_label or (f"第{cm.article}条" if cm.article else "总体意见")
            head = [hit.consultation_title, label, cm.kind, cm.status, (cm.created_at or "")[:10], hit.sender]
            st.markdown("**" + h.found_words(" · ".join(x for x in head if x), words) + "**", unsafe_allow_html=True)
            if cm.original:
                st.markdown("原文：" + h.found_words(cm.original, words), unsafe_allow_html=True)
            if cm.proposed or cm.kind == "删除":
                st.markdown("修改建议：" + h.found_words(cm.proposed or "删除", words), unsafe_allow_html=True)
            if cm.reason:
                st.markdown("理由及依据：" + h.found_words(cm.reason, words), unsafe_allow_html=True)
            if cm.basis:
                common.caption("依据：" + "；".join(common.basis_label(b) for b in cm.basis))
            around = _snippet(hit.article_text, words)
            if around:
                st.markdown("所在条文：" + h.found_words(around, words), unsafe_allow_html=True)
            link, reuse = st.columns([1, 1])
            # the consultation and the article the comment was made on, open on the review page
            link.page_link(
                "commenting/ui/page_review.py", label=f"查看：{h.plain(label)}", icon=":material/open_in_new:",
                query_params={k: v for k, v in (("c", str(hit.consultation_id)),
                                                ("a", cm.address or (str(cm.article) if cm.article else "")),
                                                ("u", common.reviewer())) if v},
            )
            if target:
                reuse.button(f"复用到{h.plain(target[1].label)}", key=f"reuse_{cm.id}_{i}", on_click=_reuse,
                             args=(hit, target[0], target[1]))


common.run(main)
