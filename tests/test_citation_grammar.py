"""Citation grammar (find_citations, find_abbreviations) and resolution against the corpus."""
from __future__ import annotations

import pytest

from commenting.citations import find_abbreviations, find_citations, resolve
from commenting.corpus.testing import small_corpus as _small


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory, fixtures_dir):
    return _small(tmp_path_factory.getbasetemp() / "corpus-small", [fixtures_dir / "corpus"])


@pytest.fixture(scope="session")
def shared_corpus(tmp_path_factory, fixtures_dir, shared_dir):
    return _small(tmp_path_factory.getbasetemp() / "corpus-shared", [fixtures_dir / "corpus", shared_dir / "corpus"])


def _refs(text):
    return [(c.law, c.article, c.sub, c.paragraph, c.item, c.internal, c.relative) for c in find_citations(text)]


def test_full_title_article_paragraph():
    cs = find_citations("依照《中华人民共和国行政处罚法》第三十六条第一款的规定")
    assert len(cs) == 1
    c = cs[0]
    assert (c.law, c.article, c.paragraph, c.item, c.internal) == ("中华人民共和国行政处罚法", 36, 1, None, False)
    assert c.text == "《中华人民共和国行政处罚法》第三十六条第一款"
    assert "依照《中华人民共和国行政处罚法》第三十六条第一款的规定"[c.start : c.end] == c.text


def test_short_title_and_bare_title_with_item():
    assert _refs("《行政处罚法》第五十一条") == [("行政处罚法", 51, 0, None, None, False, None)]
    cs = find_citations("根据行政处罚法第六十三条第一款第（一）项的规定")
    assert [(c.law, c.article, c.paragraph, c.item) for c in cs] == [("行政处罚法", 63, 1, 1)]
    assert cs[0].text == "行政处罚法第六十三条第一款第（一）项"
    # the verb in front is not part of the title
    assert find_citations("当事人违反中华人民共和国产品质量法第十条")[0].law == "中华人民共和国产品质量法"


def test_rule_title():
    assert _refs("按照《市场监督管理行政处罚程序规定》第十八条办理")[0][:2] == ("市场监督管理行政处罚程序规定", 18)


def test_lists_and_ranges():
    assert [c.article for c in find_citations("《行政处罚法》第二十七条、第三十二条和第三十三条")] == [27, 32, 33]
    assert all(c.law == "行政处罚法" for c in find_citations("《行政处罚法》第二十七条、第三十二条"))
    assert [c.article for c in find_citations("《行政处罚法》第三十条至第三十三条")] == [30, 31, 32, 33]
    cs = find_citations("《中华人民共和国行政处罚法》第三十二条第一款第（二）项、第（三）项")
    assert [(c.article, c.paragraph, c.item) for c in cs] == [(32, 1, 2), (32, 1, 3)]


def test_inserted_article():
    assert _refs("第二十条之一") == [(None, 20, 1, None, None, True, None)]
    assert _refs("《刑法》第一百二十条之一")[0][:3] == ("刑法", 120, 1)


def test_internal_references():
    assert _refs("依照本办法第三十条处理") == [(None, 30, 0, None, None, True, None)]
    assert _refs("本规定第四条第二款") == [(None, 4, 0, 2, None, True, None)]
    assert _refs("本细则第三条")[0][1] == 3 and _refs("本条例第三条")[0][5]
    assert _refs("前款第（五）项") == [(None, None, 0, None, 5, True, "前款")]
    assert _refs("本条第二款") == [(None, None, 0, 2, None, True, "本条")]
    assert _refs("依照第十二条第二款执行") == [(None, 12, 0, 2, None, True, None)]
    assert _refs("适用前条规定") == [(None, None, 0, None, None, True, "前条")]
    assert _refs("本章所称") == [(None, None, 0, None, None, True, "本章")]
    assert _refs("有前款所列情形的")[0][6] == "前款"


def test_bare_titles_and_non_laws():
    cs = find_citations("参照《工商行政管理机关行政处罚程序规定》执行")
    assert [(c.law, c.article) for c in cs] == [("工商行政管理机关行政处罚程序规定", None)]
    assert find_citations("制作《行政处罚决定书》并送达") == []
    assert find_citations("第一次会议") == [] and find_citations("") == []


def test_abbreviations():
    text = "根据《市场监督管理行政处罚程序规定》（以下简称《程序规定》）和《中华人民共和国行政处罚法》（以下简称“处罚法”）"
    assert find_abbreviations(text) == {"程序规定": "市场监督管理行政处罚程序规定", "处罚法": "中华人民共和国行政处罚法"}


def _one(text):
    cs = find_citations(text)
    assert len(cs) == 1, cs
    return cs[0]


def test_resolve_ok_with_text(small_corpus):
    r = resolve(_one("《中华人民共和国行政处罚法》第三十六条第一款"), small_corpus)
    assert r.status == "ok" and r.law.version_date == "2021-01-22"
    assert r.text.startswith("违法行为在二年内未被发现的")
    r = resolve(_one("行政处罚法第六十三条第一款第（四）项"), small_corpus)
    assert r.status == "ok" and r.text == "（四）责令停产停业、责令关闭、限制从业；"


@pytest.mark.parametrize(
    "text,status",
    [
        ("《行政处罚法》第八十七条", "no-such-article"),
        ("《行政处罚法》第三十六条第三款", "no-such-paragraph"),
        ("《行政处罚法》第六十三条第一款第（七）项", "no-such-item"),
        ("《行政处罚法》第六十三条第（七）项", "no-such-item"),
        ("《中华人民共和国食品卫生法》第九条", "repealed"),
        ("《中华人民共和国行政处罚实施法》第九条", "unknown-title"),
        ("本办法第九条", "internal"),
    ],
)
def test_resolve_statuses(small_corpus, text, status):
    assert resolve(_one(text), small_corpus).status == status


def test_resolve_repealed_gives_successor(small_corpus):
    r = resolve(_one("依据《工商行政管理行政处罚信息公示暂行规定》第五条"), small_corpus)
    assert r.status == "repealed"
    assert r.successor == "市场监督管理行政处罚信息公示规定" and r.successor_article == 19
    r = resolve(_one("《工商行政管理机关行政处罚程序规定》"), small_corpus)
    assert r.status == "repealed" and r.successor == "市场监督管理行政处罚程序规定"


def test_resolve_unknown_title_suggests(small_corpus):
    r = resolve(_one("《中华人民共和国行政处罚实施法》第九条"), small_corpus)
    assert r.suggestion == "中华人民共和国行政处罚法" and "是否指" in r.message


def test_alias_defined_in_draft_resolves(small_corpus):
    text = "依据《中华人民共和国行政处罚法》（以下简称《处罚法》）制定。违反《处罚法》第三十六条的，……"
    abbr = find_abbreviations(text)
    cite = [c for c in find_citations(text) if c.law == "处罚法"][0]
    assert resolve(cite, small_corpus).status == "unknown-title"
    r = resolve(cite, small_corpus, abbreviations=abbr)
    assert r.status == "ok" and r.law.title == "中华人民共和国行政处罚法" and r.article.no == 36


def test_resolve_on_date_uses_the_version_in_force(small_corpus):
    c = _one("《示例市场监管办法》第七条")
    assert resolve(c, small_corpus).status == "ok"
    assert resolve(c, small_corpus, date="2020-01-01").status == "no-such-article"


def test_resolve_renamed_rule(shared_corpus):
    r = resolve(_one("《市场监督管理行政处罚程序暂行规定》第十八条"), shared_corpus)
    assert r.status == "superseded-version"
    assert r.successor == "市场监督管理行政处罚程序规定"
    assert r.law.version_date == "2018-12-21"
    r = resolve(_one("《市场监督管理行政处罚听证暂行办法》"), shared_corpus)
    assert r.status == "superseded-version" and r.successor == "市场监督管理行政处罚听证办法"


def test_a_paragraph_set_off_from_its_article_by_a_space_belongs_to_it():
    (c,) = find_citations("销售者违反本办法第八条 第一款规定的")
    assert (c.text, c.article, c.paragraph, c.internal) == ("本办法第八条 第一款", 8, 1, True)
