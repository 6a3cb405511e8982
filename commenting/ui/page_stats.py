"""年度统计: the year's figures for the 法治政府建设 report — charts, the ready paragraph, a .docx."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from commenting.annual import annual_docx, paragraph, percent, year_figures, years
from commenting.ui import common
from commenting.ui import html as h


def _chart(title: str, counts: dict[str, int], unit: str) -> None:
    st.markdown(f"**{title}**")
    if not counts:
        st.caption("暂无数据。")
        return
    frame = pd.DataFrame({"项目": list(counts), unit: list(counts.values())})
    st.bar_chart(frame, x="项目", y=unit, x_label="", y_label=unit, horizontal=True, sort=False,
                 height=60 + 34 * len(counts))


def main() -> None:
    st.title("年度统计")
    common.show_flash()
    store = common.store()
    this_year = dt.date.today().year
    choices = sorted({this_year, *years(store)}, reverse=True)
    year = st.selectbox("统计年度", choices, key="stats_year", format_func=lambda y: f"{y} 年")
    figures = year_figures(store, year)
    st.caption("按收到日期计入年度；回收站中的登记不计。采纳情况以收到修改稿后的比对结果为准。")

    a, b, c, d = st.columns(4)
    a.metric("收到征求意见稿", f"{figures.consultations} 件")
    b.metric("提出修改意见", f"{figures.comments} 条")
    c.metric("采纳率", percent(figures.adoption_rate) if figures.adoption_rate is not None else "—",
             help=f"已采纳 {figures.adopted} 条、部分采纳 {figures.partly_adopted} 条，"
                  f"共 {figures.assessed} 条意见已有修改稿比对结果")
    d.metric("按期反馈率", percent(figures.on_time_rate) if figures.on_time_rate is not None else "—",
             help=f"已反馈且有截止日期的 {figures.answered} 件中按期 {figures.on_time} 件")

    st.subheader("报告段落")
    st.markdown(f'<div class="year-paragraph">{h.esc(paragraph(figures))}</div>', unsafe_allow_html=True)
    st.download_button("导出年度统计（.docx）", data=annual_docx(figures), file_name=f"{year}年度征求意见办理情况.docx",
                       mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                       key="stats_docx", icon=":material/download:")

    st.subheader("分项统计")
    left, right = st.columns(2)
    with left:
        _chart("按来文单位", figures.by_sender, "件数")
        _chart("按审查规则", figures.by_rule, "意见条数")
        _chart("修改稿采纳情况", figures.outcomes, "意见条数")
    with right:
        _chart("按文件层级", figures.by_level, "件数")
        _chart("按引用依据", figures.by_law, "意见条数")


common.run(main)
