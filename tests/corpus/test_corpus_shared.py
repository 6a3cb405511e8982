"""Against the shared law texts (../shared/corpus): versions, renumbering, renamed rules, terms."""
from __future__ import annotations

import re

from commenting.corpus import facts
from commenting.corpus.renumber import align
from commenting.numerals import parse_article_label


def test_two_versions_of_the_penalty_law(shared_corpus):
    vs = shared_corpus.versions("行政处罚法")
    assert [v.version_date for v in vs] == ["2017-09-01", "2021-01-22"]
    assert len({v.work for v in vs}) == 1
    assert shared_corpus.law("行政处罚法", "2020-01-01").version_date == "2017-09-01"
    assert shared_corpus.article("行政处罚法", 29, date="2020-01-01").text.startswith("违法行为在二年内未被发现的")


def test_renumbered_2017_to_2021(shared_corpus):
    assert shared_corpus.renumbered("行政处罚法", 27) == 32
    assert shared_corpus.renumbered("中华人民共和国行政处罚法", 38, "2017-09-01") == 57
    assert shared_corpus.renumbered("行政处罚法", 29) == 36
    assert set(shared_corpus.renumbered_all("行政处罚法", 42)) == {63, 64}
    assert shared_corpus.renumbered("行政处罚法", 63) is None  # deleted in 2021
    assert shared_corpus.renumbered("示例市场监管办法", 4) is None  # no stored map


def test_alignment_tool_finds_the_anchors(shared_corpus):
    old, new = shared_corpus.versions("行政处罚法")
    pairs = {(p.old, p.new) for p in align(shared_corpus.articles(old), shared_corpus.articles(new))}
    assert {(27, 32), (38, 57), (29, 36), (42, 63), (42, 64)} <= pairs


def test_alignment_on_fixture_versions(small_corpus):
    old, new = small_corpus.versions("示例市场监管办法")
    pairs = {(p.old, p.new) for p in align(small_corpus.articles(old), small_corpus.articles(new))}
    assert {(1, 1), (2, 3), (3, 4), (4, 5), (5, 6)} <= pairs


def test_procedure_rules_article(shared_corpus):
    a = shared_corpus.article("市场监督管理行政处罚程序规定", 18)
    assert a.version_date == "2022-09-29" and a.level == "部门规章"
    assert "十五个工作日内予以核查" in a.paragraphs[0]
    assert a.paragraphs[1] == "检测、检验、检疫、鉴定以及权利人辨认或者鉴别等所需时间，不计入前款规定期限。"
    assert shared_corpus.article("程序规定", 18).text == a.text  # alias


def test_renamed_rule_is_one_work(shared_corpus):
    vs = shared_corpus.versions("市场监督管理行政处罚程序暂行规定")
    assert [v.title for v in vs] == ["市场监督管理行政处罚程序暂行规定", "市场监督管理行政处罚程序规定"]
    tr = shared_corpus.resolve_title("《市场监督管理行政处罚程序暂行规定》")
    assert tr.kind == "renamed" and tr.successor == "市场监督管理行政处罚程序规定"
    assert shared_corpus.resolve_title("市场监督管理行政处罚程序规定").kind == "current"
    hearing = shared_corpus.resolve_title("市场监督管理行政处罚听证暂行办法")
    assert hearing.kind == "renamed" and hearing.successor == "市场监督管理行政处罚听证办法"


def test_near_miss_title_is_not_fuzzy_matched(shared_corpus):
    tr = shared_corpus.resolve_title("中华人民共和国药品管理实施条例")
    assert tr.kind == "no-such-document"
    assert tr.suggestion == "中华人民共和国药品管理法实施条例"


def test_term_sources_contain_the_term(shared_corpus):
    for term, source in ((r["term"], r["source"]) for r in facts._rows("terms.csv")):
        if source.startswith("实务用语："):  # a term of practice: no statute uses it verbatim
            continue
        law, label = source.split(" ")
        no, sub = parse_article_label(label)
        art = shared_corpus.article(law, no, sub)
        assert art is not None, source
        assert term in re.sub(r"\s", "", art.text), (term, source)


def test_repealing_provisions_exist(shared_corpus):
    for c in facts.title_history():
        if c.basis_law and c.basis_article and shared_corpus.law(c.basis_law):
            art = shared_corpus.article(c.basis_law, c.basis_article)
            if art is not None:
                assert c.old_title in art.text, c


def test_expired_administrative_regulation_with_its_successor(shared_corpus):
    """化妆品卫生监督条例 (已失效) was replaced by 化妆品监督管理条例 第八十条 from 2021-01-01."""
    h = shared_corpus.history("化妆品卫生监督条例", "2024-01-01")
    assert h.versions and h.versions[-1].status == "已失效"
    assert h.in_force is None and h.applicable.title == "化妆品卫生监督条例"
    assert (h.successor, h.successor_article, h.ended) == ("化妆品监督管理条例", 80, "2021-01-01")
    assert shared_corpus.law(h.successor).status == "现行有效"
    assert shared_corpus.history("化妆品卫生监督条例", "2020-06-01").in_force is not None  # still in force then
    tr = shared_corpus.resolve_title("《化妆品卫生监督条例》")
    assert tr.kind == "repealed" and tr.successor == "化妆品监督管理条例" and "已失效" in tr.note


def test_expired_version_replaced_by_a_newer_version(shared_corpus):
    vs = shared_corpus.versions("农药管理条例")
    assert [v.status for v in vs] == ["已失效", "现行有效"]
    assert shared_corpus.history("农药管理条例", "2020-01-01").in_force.version_date == "2017-03-16"
    assert shared_corpus.history("农药管理条例").in_force.version_date == "2022-03-29"
    assert shared_corpus.resolve_title("农药管理条例").kind == "current"


def test_cli_show_on_a_date_says_what_replaced_the_text(shared_corpus, capsys):
    from commenting.cli import main

    assert main(["corpus", "show", "化妆品卫生监督条例", "1", "--date", "2024-01-01", "--db", str(shared_corpus.path)]) == 0
    out = capsys.readouterr().out
    assert "《化妆品卫生监督条例》（2019-03-02，已失效）第一条" in out
    assert "2024-01-01 时已不施行" in out and "由《化妆品监督管理条例》第八十条取代" in out
    assert main(["corpus", "show", "化妆品卫生监督条例", "1", "--date", "2020-01-01", "--db", str(shared_corpus.path)]) == 0
    assert "已不施行" not in capsys.readouterr().out


def test_short_titles_resolve_through_the_registry(shared_corpus):
    tr = shared_corpus.resolve_title("《食品安全法实施条例》")
    assert tr.kind == "current" and tr.law.title == "中华人民共和国食品安全法实施条例"
    assert shared_corpus.resolve_title("程序规定").law.title == "市场监督管理行政处罚程序规定"
    amb = shared_corpus.resolve_title("登记管理条例")
    assert amb.kind == "ambiguous" and len(amb.candidates) > 1


def test_a_repealed_law_was_in_force_before_its_successor(shared_corpus):
    """As of a day before its successor took effect, a since-repealed law is not "repealed": the
    library merely lacks the text of that day (kind not-yet), so a 2000 regulation citing it is right."""
    then = shared_corpus.resolve_title("中华人民共和国执业医师法", "2000-09-14")
    assert then.kind == "not-yet" and then.successor == "中华人民共和国医师法"
    now = shared_corpus.resolve_title("中华人民共和国执业医师法")
    assert now.kind == "repealed" and now.successor == "中华人民共和国医师法"
    old_rule = shared_corpus.resolve_title("工商行政管理机关行政处罚程序规定", "2017-01-01")
    assert old_rule.kind == "not-yet"
