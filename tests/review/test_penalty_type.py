from commenting.review import penalty_type
from review_fakes import make_doc
from review_helpers import run


def test_misnamed_confiscation():
    (f,) = run(penalty_type, make_doc("拟作出罚款、没收非法所得合计金额在五十万元以上的，应当集体讨论。"))
    assert (f.rule, f.quote, f.proposed, f.severity) == ("penalty-type", "没收非法所得", "没收违法所得", "error")
    assert [(b.law, b.article) for b in f.basis] == [("中华人民共和国行政处罚法", 9)]
    assert "修改为“没收违法所得”" in f.suggestion


def test_fine_in_criminal_sense_is_not_flagged_but_administrative_is():
    assert run(penalty_type, make_doc("构成犯罪的，由人民法院依法判处罚金。")) == []
    (f,) = run(penalty_type, make_doc("违反本办法规定的，由市场监督管理部门处以五千元罚金。"))
    assert f.quote == "罚金" and f.proposed == "罚款"
    assert run(penalty_type, make_doc("应当载明处罚金额。")) == []


def test_cancelling_business_qualification_is_not_a_lawful_kind():
    (f,) = run(penalty_type, make_doc("情节严重的，由市场监督管理部门取消其经营资格，并向社会公布。"))
    assert f.quote == "取消其经营资格" and f.proposed is None


def test_detention_only_by_police():
    assert run(penalty_type, make_doc("由公安机关依法予以行政拘留。")) == []
    (f,) = run(penalty_type, make_doc("拒不改正的，由市场监督管理部门移送并予以行政拘留。"))
    assert ("中华人民共和国行政处罚法", 18) in {(b.law, b.article) for b in f.basis}


def test_lawful_kinds_pass():
    assert run(penalty_type, make_doc("由市场监督管理部门责令改正，没收违法所得，并处五千元以下罚款。")) == []
    assert run(penalty_type, make_doc("依照《没收非法所得处理办法》执行。")) == []


def test_fine_followed_by_criminal_liability_clause_is_still_flagged():
    (f,) = run(penalty_type, make_doc("出具虚假报告的，由市场监督管理部门依照有关规定处以罚金、没收违法所得；构成犯罪的，依法追究刑事责任。"))
    assert f.quote == "罚金" and f.proposed == "罚款"
    (g,) = run(penalty_type, make_doc("拒不改正的，责令停产停业，并处罚金；构成犯罪的，依法追究刑事责任。"))
    assert g.quote == "罚金"
    assert run(penalty_type, make_doc("违反本办法的，依法给予行政处罚；构成犯罪的，依法追究刑事责任，并处罚金。")) == []


def test_a_law_or_administrative_regulation_may_set_a_sanction_of_another_kind():
    text = "旅行社违反本办法规定的，由旅游行政部门责令改正；情节严重的，取消其出国旅游业务经营资格。"
    assert [f.quote for f in run(penalty_type, make_doc(text))] == ["取消其出国旅游业务经营资格"]
    assert run(penalty_type, make_doc(text, level="行政法规")) == []
