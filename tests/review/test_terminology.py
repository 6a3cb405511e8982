from commenting.model import Part
from commenting.review import terminology
from review_fakes import FakeCorpus, FakeObsolete, make_doc
from review_helpers import run

CORPUS = FakeCorpus(obsolete=[
    FakeObsolete("工商行政管理部门", "市场监督管理部门", "2018年国务院机构改革方案", since="2018-03-17"),
    FakeObsolete("工商行政管理", "市场监督管理", "2018年国务院机构改革方案", since="2018-03-17"),
    FakeObsolete("食品药品监督管理部门", "市场监督管理部门（药品监管为药品监督管理部门）", "2018年国务院机构改革方案"),
    FakeObsolete("行政处分", "处分（政务处分）",
                 "《中华人民共和国公职人员政务处分法》第七条；《中华人民共和国行政处罚法》第七十六条", kind="term"),
    FakeObsolete("没收非法所得", "没收违法所得", "《中华人民共和国行政处罚法》第九条", kind="term"),
])


def test_obsolete_agency_name_with_successor_as_proposed_wording():
    doc = make_doc("县级以上食品药品监督管理部门应当加强监督检查。")
    (f,) = run(terminology, doc, CORPUS)
    assert (f.rule, f.article, f.quote, f.proposed) == ("terminology", 1, "食品药品监督管理部门", "市场监督管理部门")
    assert f.suggestion.startswith("建议将“食品药品监督管理部门”修改为“市场监督管理部门”。理由：")


def test_a_name_is_obsolete_only_from_the_day_it_was_replaced():
    doc = make_doc("工商行政管理部门应当加强监督检查。")
    assert [f.quote for f in run(terminology, doc, CORPUS, as_of="2018-06-01")] == ["工商行政管理部门"]
    assert run(terminology, doc, CORPUS, as_of="2010-12-04") == []  # right when the rule was made


def test_a_decree_of_the_old_agency_is_history():
    doc = make_doc("本办法经国家工商行政管理总局令第61号公布。", "工商行政管理部门应当依法监督。")
    corpus = FakeCorpus(obsolete=[FakeObsolete("国家工商行政管理总局", "国家市场监督管理总局", "2018年国务院机构改革方案"),
                                  FakeObsolete("工商行政管理部门", "市场监督管理部门", "2018年国务院机构改革方案")])
    assert [f.article for f in run(terminology, doc, corpus)] == [2]


def test_a_name_used_throughout_is_one_comment_at_its_first_article():
    doc = make_doc("县级以上工商行政管理部门负责本办法的实施。", "工商行政管理部门应当建立档案。",
                   "工商行政管理部门可以委托有关机构。")
    (f,) = run(terminology, doc, CORPUS)
    assert f.article == 1 and "全文共3处" in f.message


def test_longest_name_wins_and_is_reported_once():
    doc = make_doc("工商行政管理部门建立档案，工商行政管理部门定期检查。")
    findings = run(terminology, doc, CORPUS)
    assert [f.quote for f in findings] == ["工商行政管理部门"]


def test_wrong_legal_term_cites_its_basis():
    doc = make_doc("工作人员玩忽职守的，依法给予行政处分；构成犯罪的，依法追究刑事责任。")
    (f,) = run(terminology, doc, CORPUS)
    assert f.quote == "行政处分" and f.proposed == "处分"
    assert ("中华人民共和国行政处罚法", 76) in {(b.law, b.article) for b in f.basis}


def test_names_inside_titles_and_historical_mentions_are_left_alone():
    doc = make_doc("依照《工商行政管理行政处罚信息公示暂行规定》公示。",
                   "原工商行政管理部门的档案由市场监督管理部门接收。",
                   "没收非法所得的，依法处理。")  # a sanction name: penalty-type's business
    assert run(terminology, doc, CORPUS) == []


def test_article_zero_material_is_info_only():
    doc = make_doc("为了规范管理，制定本办法。", parts=[Part("explanation", "原由工商行政管理部门起草，现由工商行政管理部门负责。")])
    findings = run(terminology, doc, CORPUS)
    assert findings and all(f.article == 0 and f.severity == "info" for f in findings)
