"""ReviewContext: built once per document, shared by the checks, no work done twice."""
from commenting.model import Part
from commenting.review.context import ReviewContext
from review_fakes import FakeCorpus, make_doc

LAW = "中华人民共和国行政处罚法"
CORPUS = {LAW: {36: "违法行为在二年内未被发现的，不再给予行政处罚。", 86: "本法自2021年7月15日起施行。"}}


def test_units_cover_articles_and_article_zero_parts():
    doc = make_doc("第一条正文。", ["第二条第一款。", "第二条第二款。"], parts=[Part("cover", "征求意见函正文。")])
    ctx = ReviewContext.build(doc, FakeCorpus(CORPUS))
    assert [(u.article, u.is_article) for u in ctx.units] == [(1, True), (2, True), (0, False)]
    unit = ctx.units[1]
    assert unit.paragraph_index(unit.text.index("第二款")) == 2
    assert ctx.last_article == 2 and ctx.is_normative


def test_related_is_cached_per_article():
    corpus = FakeCorpus(CORPUS)
    doc = make_doc("违法行为在三年内未被发现的，不再给予行政处罚。")
    ctx = ReviewContext.build(doc, corpus)
    first = ctx.related(doc.articles[0])
    assert ctx.related(doc.articles[0]) is first and corpus.related_calls == 1
    assert first[0].law == LAW and first[0].article == 36


def test_citations_resolved_once_with_abbreviations():
    doc = make_doc("根据《中华人民共和国行政处罚法》（以下简称《处罚法》），制定本办法。",
                   "依照《处罚法》第三十六条和本办法第一条执行。")
    ctx = ReviewContext.build(doc, FakeCorpus(CORPUS))
    assert ctx.abbreviations.get("处罚法") == LAW
    refs = ctx.citations(doc.articles[1])
    assert ctx.citations(doc.articles[1]) is refs
    external = [r for r in refs if not r.internal]
    assert [(r.status, r.law, r.article) for r in external] == [("ok", LAW, 36)]
    assert any(r.internal and r.citation.article == 1 for r in refs)
    assert ctx.cited_laws() == [LAW]
