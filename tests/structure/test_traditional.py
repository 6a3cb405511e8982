"""Traditional-script drafts parse like simplified ones; stored text stays traditional."""
from commenting.structure import parse

from structure_helpers import B


def test_traditional_articles_chapters_sections():
    doc = parse(B(
        "某市某某管理辦法", "（徵求意見稿）",
        "第一章　總則", "第一條　為了規範管理，制定本辦法。", "第一節　一般規定",
        "第二條　本辦法適用於本市。", "（一）甲；", "（二）乙。", "第二條之一　插入條文。", "第三條　本辦法自印發之日起施行。",
    ))
    assert doc.title == "某市某某管理辦法（徵求意見稿）"
    assert doc.marker == "征求意见稿"
    assert [(a.no, a.sub, a.label) for a in doc.articles] == [
        (1, 0, "第一條"), (2, 0, "第二條"), (2, 1, "第二條之一"), (3, 0, "第三條")]
    assert doc.article(1).text == "為了規範管理，制定本辦法。"
    assert doc.article(1).chapter == "第一章 總則"
    assert doc.article(2).section == "第一節 一般規定"
    assert [h.kind for h in doc.headings] == ["章", "节"]
    assert [i.no for i in doc.article(2).paragraphs[0].items] == [1, 2]
    assert doc.article(2, 1).address == "art-2-1"
    assert not doc.anomalies


def test_traditional_numerals_in_labels():
    doc = parse(B("某某規定", "第壹條　甲。", "第貳條　乙。"))
    assert [a.no for a in doc.articles] == [1, 2]
