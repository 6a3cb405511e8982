"""Streamlit entry point: ``streamlit run app.py``. Sets up the navigation, nothing else."""
from __future__ import annotations

import streamlit as st

from commenting import paths
from commenting.ui import common

st.set_page_config(page_title="征求意见审查助手", layout="wide")

PAGES = [
    st.Page("commenting/ui/page_register.py", title="征求意见台账", icon=":material/assignment:", url_path="register", default=True),
    st.Page("commenting/ui/page_review.py", title="审查", icon=":material/rate_review:", url_path="review"),
    st.Page("commenting/ui/page_rounds.py", title="下一轮", icon=":material/compare_arrows:", url_path="rounds"),
    st.Page("commenting/ui/page_letter.py", title="意见函", icon=":material/mail:", url_path="letter"),
    st.Page("commenting/ui/page_history.py", title="历史意见", icon=":material/history:", url_path="history"),
    st.Page("commenting/ui/page_corpus.py", title="法规库", icon=":material/menu_book:", url_path="corpus"),
    st.Page("commenting/ui/page_profile.py", title="单位设置", icon=":material/badge:", url_path="profile"),
    st.Page("commenting/ui/page_stats.py", title="年度统计", icon=":material/bar_chart:", url_path="stats"),
]

page = st.navigation(PAGES + common.not_found_pages(PAGES))
common.style()
common.sidebar()
common.library_status()  # the law library builds in the background; its progress shows here
page.run()
common.warm_up(str(paths.corpus_db()))
