from commenting.review import setting_power
from review_fakes import make_doc
from review_helpers import run


def rules(findings):
    return [(f.article, f.rule) for f in findings]


def test_normative_document_setting_a_fine():
    doc = make_doc("违反本办法第五条规定，不按照规定明码标价的，由市场监督管理部门责令改正，并处五千元以上二万元以下的罚款。")
    (f,) = run(setting_power, doc)
    assert f.rule == "setting-power" and f.severity == "error"
    assert f.quote == "并处五千元以上二万元以下的罚款"
    doc = make_doc("违反本办法规定的，由市场监督管理部门责令改正，没收违法所得，并处五千元以下的罚款。")
    (f,) = run(setting_power, doc)
    assert f.quote == "没收违法所得，并处五千元以下的罚款"
    assert [(b.law, b.article) for b in f.basis] == [("中华人民共和国行政处罚法", 16)]


def test_warning_and_fine_after_a_condition_without_actor():
    doc = make_doc(["零售企业有下列情形之一的，责令限期改正，给予警告；逾期不改正的，处一千元以上一万元以下罚款：\n"
                    "（一）未按规定悬挂许可证的；\n（二）未设置专区的。"])
    assert rules(run(setting_power, doc)) == [(1, "setting-power")]


def test_penalty_with_a_higher_law_basis_is_not_setting():
    doc = make_doc("发布违法广告的，由市场监督管理部门依照《中华人民共和国广告法》第五十八条等规定予以处罚。",
                   "违反本办法规定，法律、法规已有处罚规定的，由市场监督管理部门依照其规定给予警告。",
                   "拒不移交的，由人民法院依照《中华人民共和国企业破产法》第一百二十七条的规定处以罚款。")
    assert run(setting_power, doc) == []


def test_a_cited_penalty_provision_is_a_basis():
    doc = make_doc("经营者不按照规定明码标价的，责令改正，没收违法所得，可以并处五千元以下的罚款（《中华人民共和国价格法》第四十二条）。")
    assert run(setting_power, doc) == []


def test_penalties_named_in_a_condition_are_not_set():
    doc = make_doc(["有下列情形之一的，应当进行法制审核：\n（一）拟作出吊销许可证件、责令停产停业、责令关闭处罚的；\n（二）其他情形。"],
                   "违法事实确凿并有法定依据，对公民处以二百元以下罚款或者警告的行政处罚的，可以当场作出行政处罚决定。",
                   "工作人员玩忽职守的，依法给予处分。")
    assert run(setting_power, doc) == []


def test_compulsory_measure_in_its_own_clause():
    doc = make_doc("拒不移交的，由人民法院依照《中华人民共和国企业破产法》第一百二十七条的规定处以罚款；"
                   "市场监督管理部门可以对其经营场所、财物先行予以查封、扣押。")
    (f,) = run(setting_power, doc)
    assert f.quote.startswith("市场监督管理部门可以对其经营场所") and f.basis[0].law == "中华人民共和国行政强制法"
    assert run(setting_power, make_doc("当事人擅自动用查封、扣押物品的，从重处罚。")) == []


def test_prior_approval_is_a_licence_but_internal_review_is_not():
    doc = make_doc("培训机构发布招生广告，应当在发布前将广告内容报所在地市场监督管理部门审查；未经审查的，不得发布。")
    (f,) = run(setting_power, doc)
    assert [(b.law, b.article) for b in f.basis] == [("中华人民共和国行政许可法", 17)]
    internal = make_doc("未经法制审核或者审核未通过的，不得作出决定。")
    assert run(setting_power, internal) == []


def test_levels_that_may_set():
    text = "违反本办法规定的，由市场监督管理部门处一千元以上一万元以下罚款。"
    assert run(setting_power, make_doc(text, level="部门规章")) == []
    assert run(setting_power, make_doc(text, level="地方政府规章")) == []
    (f,) = run(setting_power, make_doc("违反本办法规定的，由市场监督管理部门吊销其营业执照。", level="地方政府规章"))
    assert f.basis[0].article == 14


def test_other_ways_of_writing_a_sanction():
    doc = make_doc("对违反本办法第二条规定的经营者，市场监督管理部门可以处五百元以上五千元以下罚款。",
                   "未按规定公示的，处以警告。",
                   "经营者拒不改正的，没收其违法所得。")
    assert [f.article for f in run(setting_power, doc)] == [1, 2, 3]


def test_fees_set_by_the_administration():
    (f,) = run(setting_power, make_doc("申请人办理登记时，应当向县市场监督管理局缴纳审查费二百元。"))
    assert [(b.law, b.article) for b in f.basis] == [("中华人民共和国行政许可法", 58)]
    assert run(setting_power, make_doc("培训机构不得收取未予标明的费用。", "行政机关实施检查不得收取任何费用。")) == []


def test_regional_rules_may_not_set_compulsory_measures():
    doc = make_doc("对涉嫌违法的产品，市场监督管理部门可以先行查封。", level="地方政府规章")
    (f,) = run(setting_power, doc)
    assert f.basis[0].law == "中华人民共和国行政强制法"
    assert run(setting_power, make_doc("对涉嫌违法的产品，市场监督管理部门可以依法查封。", level="地方政府规章")) == []
