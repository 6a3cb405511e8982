"""Documents without 条, outlined 一、（一）1., are structured by their own outline."""
from commenting.structure import count_articles, parse

from structure_helpers import B


def outline_doc():
    return parse(B(
        "关于加强某某工作的意见",
        "各县市区人民政府，市直有关单位：",
        "为了加强某某工作，现提出如下意见。",
        "一、总体要求",
        "以某某为指导，坚持问题导向。",
        "二、重点任务",
        "（一）建设平台。",
        "各地要建设统一平台。",
        "1.制定计划；",
        "2.公示结果。",
        "（二）清单管理。",
        "三、保障措施",
        "（三）加强领导。",
        "某市人民政府",
        "2021年5月1日",
    ))


def test_outline_units_become_articles():
    doc = outline_doc()
    assert doc.outline == "outline"
    assert count_articles(doc) == 0
    assert [(a.no, a.label, a.address) for a in doc.articles] == [
        (1, "一、", "art-1"), (2, "二、", "art-2"), (3, "三、", "art-3")]
    assert doc.article(1).paragraphs[0].text == "总体要求"
    assert doc.article(1).paragraphs[1].text == "以某某为指导，坚持问题导向。"


def test_outline_subunits_are_paragraphs_with_items():
    a = outline_doc().article(2)
    assert [p.text.splitlines()[0] for p in a.paragraphs] == ["重点任务", "（一）建设平台。", "（二）清单管理。"]
    p = a.paragraphs[1]
    assert p.address == "art-2.p-2"
    assert "各地要建设统一平台。" in p.text
    assert [(i.no, i.label, i.address) for i in p.items] == [(1, "1.", "art-2.p-2.i-1"), (2, "2.", "art-2.p-2.i-2")]


def test_outline_front_and_closing_are_article_zero():
    doc = outline_doc()
    assert doc.title == "关于加强某某工作的意见"
    assert [p.kind for p in doc.parts] == ["title", "preamble", "preamble", "closing", "closing"]
    assert doc.issuer == "某市人民政府"


def test_subunits_numbered_through_the_document_are_no_anomaly():
    assert not outline_doc().anomalies


def test_outline_gap():
    doc = parse(B("某某意见", "一、甲", "正文。", "三、丙", "正文。"))
    assert [(x.kind, x.article) for x in doc.anomalies] == [("gap", 3)]
