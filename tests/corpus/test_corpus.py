"""The corpus: versions, articles, titles, search, related provisions, obsolete names."""
from __future__ import annotations

import pytest

from commenting.corpus import facts


def test_penalty_law_2021_has_86_articles(small_corpus):
    law = small_corpus.law("行政处罚法")
    assert law.title == "中华人民共和国行政处罚法"
    assert law.version_date == "2021-01-22"
    assert law.articles == 86
    assert small_corpus.article_count(law) == 86
    assert small_corpus.article("行政处罚法", 87) is None


def test_article_36_text_and_paragraphs(small_corpus):
    a = small_corpus.article("《中华人民共和国行政处罚法》", 36)
    assert a.text.startswith("违法行为在二年内未被发现的，不再给予行政处罚；涉及公民生命健康安全、金融安全且有危害后果的，上述期限延长至五年。")
    assert len(a.paragraphs) == 2
    assert a.paragraphs[1].startswith("前款规定的期限，从违法行为发生之日起计算")
    assert a.status == "现行有效" and a.level == "法律"


def test_items_belong_to_their_paragraph(small_corpus):
    a = small_corpus.article("行政处罚法", 63)
    assert len(a.paragraphs) == 2
    assert len(a.items[0]) == 6 and a.items[1] == []
    assert a.items[0][3] == "（四）责令停产停业、责令关闭、限制从业；"
    assert a.paragraphs[1] == "当事人不承担行政机关组织听证的费用。"


def test_markdown_versions_and_dates(small_corpus):
    vs = small_corpus.versions("示例市场监管办法")
    assert [v.version_date for v in vs] == ["2019-03-01", "2023-06-01"]
    assert vs[0].status == "已修改" and vs[1].status == "现行有效"
    assert vs[1].doc_number == "示例局令第9号" and vs[1].issuer == "示例局"
    assert small_corpus.law("示例市场监管办法").version_date == "2023-06-01"
    # the 2023 text applies from its effective date, 2023-07-01
    assert small_corpus.law("示例市场监管办法", "2023-06-15").version_date == "2019-03-01"
    assert small_corpus.law("示例市场监管办法", "2023-07-01").version_date == "2023-06-01"
    assert small_corpus.law("示例市场监管办法", "2018-01-01") is None
    old = small_corpus.article("示例市场监管办法", 4, date="2020-01-01")
    new = small_corpus.article("示例市场监管办法", 4)
    assert old.text.startswith("经营者应当明码标价") and new.text.startswith("监督检查应当由两名以上")
    art5 = small_corpus.article("示例市场监管办法", 5)
    assert len(art5.paragraphs) == 2 and len(art5.items[1]) == 3


def test_metadata_derived_without_manifest(small_corpus):
    v = small_corpus.law("示例听证工作指引")
    assert v.level == "规范性文件"
    assert v.version_date == "2021-05-01"
    assert v.status == "现行有效"
    assert small_corpus.article("示例听证工作指引", 2).text == "当事人要求听证的，应当在告知后五日内提出。"


def test_titles_short_alias_and_traditional(small_corpus):
    full = small_corpus.law("中华人民共和国食品安全法")
    assert small_corpus.law("食品安全法") == full
    assert small_corpus.law("食安法") == full  # corpus/aliases.csv
    assert small_corpus.law("《中華人民共和國行政處罰法》").title == "中华人民共和国行政处罚法"
    assert small_corpus.law("中华人民共和国行政处罚法（2021年修订）").title == "中华人民共和国行政处罚法"


def test_repealed_title_resolves_to_successor(small_corpus):
    tr = small_corpus.resolve_title("《中华人民共和国食品卫生法》")
    assert tr.kind == "repealed"
    assert tr.successor == "中华人民共和国食品安全法"
    assert "第一百零四条" in tr.source
    tr = small_corpus.resolve_title("工商行政管理行政处罚信息公示暂行规定")
    assert tr.kind == "repealed"
    assert tr.successor == "市场监督管理行政处罚信息公示规定" and tr.successor_article == 19


def test_near_miss_title_is_unknown_with_suggestion(small_corpus):
    tr = small_corpus.resolve_title("中华人民共和国行政处罚实施法")
    assert tr.kind == "no-such-document" and tr.law is None
    assert tr.suggestion == "中华人民共和国行政处罚法"
    assert small_corpus.law("中华人民共和国行政处罚实施法") is None
    assert small_corpus.resolve_title("完全不存在的文件名称").suggestion is None


def test_old_version_on_date(small_corpus):
    tr = small_corpus.resolve_title("示例市场监管办法", date="2020-01-01")
    assert tr.kind == "old-version" and tr.law.version_date == "2019-03-01"
    assert small_corpus.resolve_title("示例市场监管办法").kind == "current"


def test_search_hearing_threshold(small_corpus):
    hits = small_corpus.search("听证 较大数额罚款")
    assert ("中华人民共和国行政处罚法", 63) in [(h.law, h.article) for h in hits[:3]]
    h = hits[0]
    assert h.snippet and h.score > 0 and h.version_date


def test_search_filters(small_corpus):
    hits = small_corpus.search("明码标价", law="示例市场监管办法")
    assert hits and all(h.law == "示例市场监管办法" and h.version_date == "2023-06-01" for h in hits)
    old = small_corpus.search("明码标价", law="示例市场监管办法", status="已修改")
    assert old and all(h.version_date == "2019-03-01" for h in old)
    assert all(h.level == "法律" for h in small_corpus.search("罚款", level="法律"))
    assert small_corpus.search("罚款", law="没有这部法") == []


@pytest.mark.parametrize("q", ['"', "AND", "*", "《》", "", "OR (", "NEAR(听证", "'", "听证 AND OR NOT", "第三十六条*", "\\", "   "])
def test_odd_queries_do_not_crash(small_corpus, q):
    assert isinstance(small_corpus.search(q), list)


def test_related_finds_restated_provision(small_corpus):
    draft = "违法行为在三年内未被发现的，不再给予行政处罚；涉及公民生命健康安全的，上述期限延长至五年。"
    hits = small_corpus.related(draft, 5)
    assert ("中华人民共和国行政处罚法", 36) in [(h.law, h.article) for h in hits]


def test_related_uses_renumbering_free_citations(small_corpus):
    hits = small_corpus.related("依照《中华人民共和国行政强制法》第十条的规定，本通知不设定行政强制措施。", 5)
    assert ("中华人民共和国行政强制法", 10) in [(h.law, h.article) for h in hits]


def test_obsolete_names_have_successor_and_source(small_corpus):
    names = small_corpus.obsolete_names()
    by_name = {n.name: n for n in names}
    assert by_name["工商行政管理部门"].successor == "市场监督管理部门"
    assert "食品药品监督管理部门" in by_name and "物价部门" in by_name
    assert all(n.source and n.successor for n in names)


def test_every_fact_row_has_a_source():
    assert all(c.source for c in facts.title_history())
    assert all(src for _, _, src in facts.aliases())
    assert facts.terms() and "较大数额罚款" in facts.terms()


def test_law_named_in_query_filters(small_corpus):
    hits = small_corpus.search("行政许可法 听证", 5)
    assert hits and all(h.law == "中华人民共和国行政许可法" for h in hits)
    hits = small_corpus.search("《行政处罚法》听证", 5)
    assert hits and all(h.law == "中华人民共和国行政处罚法" for h in hits)
