"""The office profile in the store: one record, checked before it is saved, every change logged."""
from __future__ import annotations

import pytest

from commenting.errors import StoreError
from commenting.model import Consultation

HENGYANG = dict(name="衡阳市市场监督管理局", department="法规科", contact="李四", phone="0734-8888888",
                province="湖南省", city="衡阳市", doc_number_pattern="衡市监函〔{year}〕{n}号", signature="")


def test_an_unsaved_profile_is_empty(store):
    p = store.get_profile()
    assert p.values() == {k: "" for k in HENGYANG} and p.updated_at == "" and p.sender == ""


def test_saved_fields_come_back_with_who_and_when(store):
    saved = store.save_profile("张三", **HENGYANG)
    again = store.get_profile()
    assert again == saved and again.values() == HENGYANG
    assert again.updated_by == "张三" and again.updated_at[:2] == "20"
    assert again.sender == "衡阳市市场监督管理局"  # no default signature: the office's name
    store.save_profile("王五", signature="衡阳市市场监督管理局法规科")
    assert store.get_profile().sender == "衡阳市市场监督管理局法规科"
    assert store.get_profile().contact == "李四"  # fields not given are kept


def test_each_change_is_logged(store):
    store.save_profile("张三", name="甲局", contact="李四")
    store.save_profile("王五", name="乙局", contact="李四")  # contact unchanged: not logged again
    log = store.profile_history()
    assert [(r["author"], r["field"], r["before"], r["after"]) for r in log] == [
        ("张三", "name", "", "甲局"), ("张三", "contact", "", "李四"), ("王五", "name", "甲局", "乙局")]
    unchanged = store.save_profile("赵六", name="乙局")
    assert unchanged.updated_by == "王五" and len(store.profile_history()) == 3


def test_spaces_around_values_are_dropped(store):
    assert store.save_profile("张三", name="  甲局 ").name == "甲局"


@pytest.mark.parametrize("fields, message", [
    ({"doc_number_pattern": "衡市监函〔{year}〕号"}, "缺少顺序号 {n}"),
    ({"doc_number_pattern": "衡市监函{n}号"}, "缺少年份 {year}"),
    ({"doc_number_pattern": "衡市监函〔{year}〕{no}号"}, "无法识别的占位符 {no}"),
    ({"doc_number_pattern": "衡市监函〔{year}〕{n号"}, "花括号不成对"),
    ({"province": "湖南"}, "不是省级行政区的名称"),
    ({"province": "湖南省", "city": "广州市"}, "广州市属于广东省，不属于湖南省"),
    ({"province": "", "city": "衡阳市"}, "请同时选择所在省份"),
    ({"province": "湖南省", "city": "衡阳"}, "不是设区的市的名称"),
    ({"phone": "办公室"}, "没有号码"),
    ({"name": "局" * 101}, "单位名称过长"),
    ({"contact": "李四\n王五"}, "联系人不能分行"),
])
def test_a_profile_that_cannot_be_used_is_refused_and_nothing_saved(store, fields, message):
    store.save_profile("张三", **HENGYANG)
    with pytest.raises(StoreError, match="单位设置未保存") as err:
        store.save_profile("王五", **{**HENGYANG, **fields})
    assert message in str(err.value)
    assert store.get_profile().values() == HENGYANG and store.get_profile().updated_by == "张三"


def test_unknown_fields_are_refused(store):
    with pytest.raises(StoreError, match="单位设置没有这些项目：mayor"):
        store.save_profile("张三", mayor="某某")


def test_all_problems_are_named_at_once(store):
    with pytest.raises(StoreError) as err:
        store.save_profile("张三", province="湖南省", city="广州市", doc_number_pattern="函{year}")
    assert "广州市属于广东省" in str(err.value) and "缺少顺序号" in str(err.value)


def test_used_doc_numbers_are_those_of_other_letters(store):
    a = store.add_consultation(Consultation(title="甲办法"))
    b = store.add_consultation(Consultation(title="乙办法"))
    c = store.add_consultation(Consultation(title="丙办法"))
    store.save_letter_info(a.id, "张三", doc_number="衡市监函〔2026〕3号")
    store.save_letter_info(b.id, "张三", doc_number="衡市监函〔2026〕4号", sender="甲局")
    store.save_letter_info(c.id, "张三", sender="甲局")  # no number
    assert sorted(store.used_doc_numbers()) == ["衡市监函〔2026〕3号", "衡市监函〔2026〕4号"]
    assert store.used_doc_numbers(except_consultation=b.id) == ["衡市监函〔2026〕3号"]
