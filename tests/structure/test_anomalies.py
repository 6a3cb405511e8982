"""Numbering anomalies are recorded, never fixed: the numbers stay as drafted."""
from commenting.structure import parse

from structure_helpers import B

T = "某市某某办法"


def kinds(doc):
    return [(x.kind, x.article, x.address) for x in doc.anomalies]


def test_article_gap_keeps_drafted_numbers():
    doc = parse(B(T, "第一条　甲。", "第二条　乙。", "第三条　丙。", "第五条　跳。"))
    assert [a.no for a in doc.articles] == [1, 2, 3, 5]
    assert doc.article(4) is None
    assert kinds(doc) == [("gap", 5, "art-5")]
    assert "缺少第四条" in doc.anomalies[0].message
    assert doc.anomalies[0].quote.startswith("第五条")


def test_duplicate_and_disorder():
    doc = parse(B(T, "第一条　甲。", "第二条　乙。", "第二条　丙。", "第三条　丁。", "第五条　戊。", "第四条　己。"))
    assert [a.no for a in doc.articles] == [1, 2, 2, 3, 5, 4]
    assert kinds(doc) == [("duplicate", 2, "art-2~2"), ("gap", 5, "art-5"), ("disorder", 4, "art-4")]


def test_chapter_gap():
    doc = parse(B(T, "第一章 总则", "第一条　甲。", "第三章 附则", "第二条　乙。"))
    assert [(x.kind, x.article, x.address) for x in doc.anomalies] == [("chapter-gap", 2, "art-2")]
    assert "第三章" in doc.anomalies[0].message


def test_item_gap_inside_a_paragraph():
    doc = parse(B(T, "第一条　审核下列内容：", "（一）甲；", "（二）乙；", "（四）丁；", "（五）戊。"))
    items = doc.article(1).paragraphs[0].items
    assert [i.no for i in items] == [1, 2, 4, 5]
    assert kinds(doc) == [("item-gap", 1, "art-1.p-1.i-4")]
    assert "（二）直接跳至（四）" in doc.anomalies[0].message


def test_item_duplicate():
    doc = parse(B(T, "第一条　下列：", "（一）甲；", "（二）乙；", "（二）丙。"))
    assert kinds(doc) == [("item-duplicate", 1, "art-1.p-1.i-2~2")]


def test_items_restart_in_a_new_paragraph():
    doc = parse(B(T, "第一条　下列：", "（一）甲；", "（二）乙。", "前款以外：", "（一）丙；", "（二）丁。"))
    assert not doc.anomalies


def test_items_continue_after_an_explanatory_line():
    doc = parse(B(T, "第一条　文件有：", "（一）规程", "规程包括：名称。", "（二）记录", "记录包括：日期。"))
    assert not doc.anomalies


def test_halfwidth_brackets_reported_once_per_paragraph():
    doc = parse(B(T, "第一条　下列：", "(一)甲；", "(二)乙。"))
    items = doc.article(1).paragraphs[0].items
    assert [(i.no, i.label) for i in items] == [(1, "(一)"), (2, "(二)")]
    assert kinds(doc) == [("halfwidth-brackets", 1, "art-1.p-1.i-1")]


def test_subitem_gap():
    doc = parse(B(T, "第一条　下列：", "（一）甲，包括：", "1.子一；", "3.子三。"))
    assert kinds(doc) == [("subitem-gap", 1, "art-1.p-1.i-1.s-3")]


def test_inserted_article_in_place_is_no_anomaly():
    doc = parse(B(T, "第一条　甲。", "第一条之一　插。", "第二条　乙。"))
    assert not doc.anomalies


def test_inserted_article_out_of_place():
    doc = parse(B(T, "第一条　甲。", "第二条　乙。", "第一条之一　错位。"))
    assert kinds(doc) == [("disorder", 1, "art-1-1")]
