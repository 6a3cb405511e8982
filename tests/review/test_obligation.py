from commenting.review import obligation
from review_fakes import FakeCorpus, make_doc
from review_helpers import run


def test_entry_threshold():
    doc = make_doc("申请办理市场主体登记的，注册资本不得低于一百万元，并应当提交经营场所的产权证明或者租期不少于三年的租赁合同；"
                   "不符合条件的，登记机关不予登记。")
    (f,) = run(obligation, doc)
    assert (f.rule, f.severity) == ("obligation-without-basis", "warning")
    assert {(b.law, b.article) for b in f.basis} >= {("优化营商环境条例", 64)}


def test_extra_papers_before_deregistration():
    doc = make_doc("管理人申请办理注销登记，除提交人民法院的裁定外，还应当提交已缴清全部税款的证明；"
                   "未提交的，登记机关不予办理注销登记。")
    (f,) = run(obligation, doc)
    assert f.quote.startswith("管理人申请办理注销登记")


def test_conditions_grounded_in_law_or_no_conditions_pass():
    doc = make_doc("管理人持人民法院终结破产程序的裁定，向原登记机关办理注销登记。",
                   "申请人应当依照《中华人民共和国市场主体登记管理条例》的规定提交材料；材料不全的，不予登记。",
                   "培训机构应当公示收费项目。")
    assert run(obligation, doc) == []
    assert run(obligation, make_doc("注册资本不得低于一百万元。", level="地方性法规")) == []


def test_settling_something_before_deregistration():
    (f,) = run(obligation, make_doc("企业办理注销登记前，应当先行缴清全部罚款。"))
    assert f.basis[0].law == "优化营商环境条例"


def test_designated_provider_and_local_barriers():
    doc = make_doc("培训机构应当统一使用市教育部门指定的收费管理系统。",
                   "外地企业在本市开展经营活动的，应当在本市设立分支机构。",
                   "执法人员应当使用省局统一制定的执法文书。")
    found = run(obligation, doc)
    assert [f.article for f in found] == [1, 2]
    assert ("中华人民共和国反垄断法", 39) in {(b.law, b.article) for b in found[0].basis}


def test_costs_put_on_the_inspected_business():
    (f,) = run(obligation, make_doc("对产品实施监督抽查的，检验所需费用由被抽查的经营者承担。"))
    assert f.severity == "warning" and [(b.law, b.article) for b in f.basis] == [("优化营商环境条例", 64)]
    fine = make_doc("监督抽查不得向被抽查的经营者收取检验费用。",
                    "听证费用由行政机关承担。",
                    "应当重点审查是否存在由被抽查的经营者承担检验费用的情形。",
                    "复检费用依照《某某法》第五条的规定由申请人承担。")
    assert run(obligation, fine) == []


def test_costs_a_higher_law_forbids_charging_are_a_conflict():
    quality = "中华人民共和国产品质量法"
    corpus = FakeCorpus({quality: {15: "国家对产品质量实行以抽查为主要方式的监督检查制度。\n"
                                        "根据监督抽查的需要，可以对产品进行检验。检验抽取样品的数量不得超过检验的合理需要，"
                                        "并不得向被检查人收取检验费用。监督抽查所需检验费用按照国务院规定列支。"}})
    (f,) = run(obligation, make_doc("对产品质量实施监督抽查检验的，检验所需费用由被抽查的生产者、销售者承担。"), corpus)
    assert f.severity == "error" and (quality, 15) in {(b.law, b.article) for b in f.basis}
    assert "不得向被检查人收取检验费用" in f.message


def test_a_cost_the_higher_law_itself_puts_on_the_party_is_restated():
    law = "某某检验管理条例"
    corpus = FakeCorpus({law: {20: "当事人对检验结论有异议申请复检的，复检结论表明产品不合格的，复检费用由申请复检的生产者承担。"}})
    doc = make_doc("当事人对检验结论有异议申请复检的，复检结论表明产品不合格的，复检费用由申请复检的生产者承担。")
    assert run(obligation, doc, corpus) == []


def test_papers_from_an_intermediary_or_a_designated_provider_demanded_of_applicants():
    for text in ("申请人申请认定的，应当提交申请书、会计师事务所出具的审计报告和资产评估机构出具的评估报告。",
                 "申请备案的企业还应当提供经市场监督管理部门认可的检测单位出具的检测报告。",
                 "办理变更登记的，须提交本市指定的服务机构出具的核查意见。"):
        (f,) = run(obligation, make_doc(text))
        assert f.rule == "obligation-without-basis", text
        assert [(b.law, b.article) for b in f.basis] == [("优化营商环境条例", 64)], text
    for text in ("申请人应当提交申请书、营业执照复印件和产品说明书。",                   # own papers
                 "申请人可以提交检测机构出具的检测报告。",                              # optional
                 "市场监督管理部门可以委托检验检测机构出具检验报告。",                    # the agency's own step
                 "申请人应当依照《中华人民共和国行政许可法》的规定提交评估机构出具的评估报告。",  # grounded
                 "检测机构应当对其出具的检测报告负责。"):
        assert run(obligation, make_doc(text)) == [], text


def test_intermediary_papers_in_a_list_under_its_chapeau():
    doc = make_doc(["企业申请办理备案，应当提交下列材料：\n（一）申请书；\n（二）会计师事务所出具的审计报告；\n（三）承诺书。"])
    (f,) = run(obligation, doc)
    assert f.quote == "（二）会计师事务所出具的审计报告"
    plain = make_doc(["企业申请办理备案，应当提交下列材料：\n（一）申请书；\n（二）营业执照复印件；\n（三）承诺书。"])
    assert run(obligation, plain) == []
    grounded = make_doc(["依照《中华人民共和国行政许可法》的规定，申请人应当提交下列材料：\n（一）申请书；\n"
                         "（二）评估机构出具的评估报告。"])
    assert run(obligation, grounded) == []


def test_conditions_added_beyond_the_law_and_local_presence_and_insurance_are_obligations():
    doc = make_doc(
        "本市企业申请工业产品生产许可证的，除符合前条规定的条件外，还应当取得所在地市场监督管理部门出具的无质量违法记录证明。",
        "网络交易平台经营者应当在本市设立分支机构或者办事机构。",
        "电梯使用单位应当投保电梯安全责任保险。",
        "入网餐饮服务提供者应当安装视频监控设备并接入监管平台；未接入的，第三方平台不得为其提供网络交易平台服务。",
        "经营者应当使用市场监督管理部门统一监制的标价签。",
    )
    assert [f.article for f in run(obligation, doc)] == [1, 2, 3, 4, 5]


def test_what_the_law_asks_or_only_encourages_is_no_added_obligation():
    doc = make_doc(
        "国家鼓励电梯使用单位投保电梯安全责任保险。",
        "用人单位应当依法参加工伤保险。",
        "市场监督管理部门应当在本市设立投诉举报受理机构。",
        "未取得食品经营许可的，不得从事食品销售。",
    )
    assert run(obligation, doc) == []
