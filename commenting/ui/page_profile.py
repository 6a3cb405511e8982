"""单位设置: the office profile — its name, contact, place (the library's jurisdiction), how its
letters are numbered and signed. Saved in the store (``Store.save_profile``), which checks it."""
from __future__ import annotations

import datetime as dt

import streamlit as st

from commenting import profile as office
from commenting.settings import jurisdiction_from_environment
from commenting.ui import common

HELP = {
    "name": "本单位全称，如：衡阳市市场监督管理局",
    "department": "承办征求意见的内设机构，如：法规科；批注稿中无署名的批注以此署名",
    "signature": "意见函落款（发文机关署名）；不填则使用单位名称",
    "doc_number_pattern": "{year} 代表年份，{n} 代表顺序号，如：衡市监函〔{year}〕{n}号",
}


def _key(field: str) -> str:
    return f"pf_{field}"


def _save() -> None:
    store = common.store()
    values = {k: st.session_state.get(_key(k)) or "" for k in office.LABELS}
    before = office.jurisdiction_of(store.get_profile())
    with common.user_errors():
        saved = store.save_profile(common.reviewer(), **values)
        if office.jurisdiction_of(saved) != before:
            common.reopen_corpus()  # lookups, search and review use the new place at once
        common.flash("已保存")


def main() -> None:
    store = common.store()
    st.title("单位设置")
    common.show_flash()
    profile = store.get_profile()
    place = common.jurisdiction()
    if profile.updated_at:
        common.caption(f"最近由 {profile.updated_by or '（未署名）'} 于 {profile.updated_at} 保存。")
    else:
        st.caption("尚未填写。意见函的落款、联系人、联系电话和发文字号默认取自本页；所在省市决定审查使用哪些地方性法规。")

    s = st.session_state
    if s.get("pf__synced") != (profile.updated_at, profile.updated_by):
        # show what the store holds (saved here or elsewhere); a refused save keeps what was typed
        for k, v in profile.values().items():
            s[_key(k)] = v
        s["pf__synced"] = (profile.updated_at, profile.updated_by)
    provinces = office.provinces()
    with st.form("profile"):
        a, b = st.columns(2)
        a.text_input(office.LABELS["name"], key=_key("name"), help=HELP["name"])
        b.text_input(office.LABELS["department"], key=_key("department"),
                     help=HELP["department"])
        a, b = st.columns(2)
        a.text_input(office.LABELS["contact"], key=_key("contact"))
        b.text_input(office.LABELS["phone"], key=_key("phone"))
        a, b = st.columns(2)
        options = ["", *provinces]
        if s.get(_key("province")) not in options:
            s[_key("province")] = ""
        a.selectbox(office.LABELS["province"], options, key=_key("province"), format_func=lambda x: x or "（未选择）")
        b.text_input(office.LABELS["city"], key=_key("city"),
                     placeholder="如：衡阳市（省级单位留空）")
        a, b = st.columns(2)
        a.text_input(office.LABELS["doc_number_pattern"],
                     key=_key("doc_number_pattern"), help=HELP["doc_number_pattern"],
                     placeholder="衡市监函〔{year}〕{n}号")
        b.text_input(office.LABELS["signature"], key=_key("signature"),
                     help=HELP["signature"])
        st.form_submit_button("保存", type="primary", on_click=_save)

    st.markdown("#### 当前效果")
    if jurisdiction_from_environment():
        common.message(f"法规库所在地由服务器环境变量 COMMENTING_PROVINCE / COMMENTING_CITY 指定为{place.label()}，"
                       "本页的所在省市暂不生效（请系统管理员取消该设置后生效）。", "warning")
    else:
        st.caption(f"审查使用全国性文件和{place.label()}的地方性文件。")
    if profile.doc_number_pattern:
        proposed = office.next_doc_number(profile.doc_number_pattern, store.used_doc_numbers(), dt.date.today())
        common.caption(f"下一份意见函的发文字号将为：{proposed}")
    history = store.profile_history()
    if history:
        with st.expander(f"修改记录（{len(history)} 项）"):
            st.dataframe(
                [{"时间": r["at"], "修改人": r["author"], "项目": office.LABELS.get(r["field"], r["field"]),
                  "原值": r["before"], "新值": r["after"]} for r in reversed(history)],
                hide_index=True, width="stretch",
            )


common.run(main)
