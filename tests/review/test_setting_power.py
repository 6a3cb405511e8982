from commenting.review import setting_power
from review_fakes import FakeCorpus, make_doc
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



def test_a_time_limit_in_another_part_does_not_hide_the_measure():
    doc = make_doc("拒绝、阻挠监督检查的，市场监督管理部门可以查封其生产经营场所，扣押相关物品，查封、扣押期限不超过三十日。",
                   level="地方政府规章")
    (f,) = run(setting_power, doc)
    assert f.rule == "setting-power" and f.basis[0].law == "中华人民共和国行政强制法"
    assert run(setting_power, make_doc("查封、扣押的期限不得超过三十日。", level="地方政府规章")) == []
    assert run(setting_power, make_doc("市场监督管理部门应当及时解除查封、扣押。", level="地方政府规章")) == []

QUALITY = "中华人民共和国产品质量法"
QUALITY_LAW = {
    18: "县级以上市场监督管理部门根据已经取得的违法嫌疑证据或者举报，对涉嫌违反本法规定的行为进行查处时，可以行使下列职权：\n"
        "（一）对当事人涉嫌从事违反本法的生产、销售活动的场所实施现场检查；\n"
        "（二）查阅、复制当事人有关的合同、发票、帐簿以及其他有关资料；\n"
        "（三）对有根据认为不符合保障人体健康和人身、财产安全的国家标准、行业标准的产品或者有其他严重质量问题的产品，"
        "以及直接用于生产、销售该项产品的原辅材料、包装物、生产工具，予以查封或者扣押。",
    49: "生产、销售不符合保障人体健康和人身、财产安全的国家标准、行业标准的产品的，责令停止生产、销售，没收违法生产、销售的产品，"
        "并处违法生产、销售产品货值金额等值以上三倍以下的罚款；有违法所得的，并处没收违法所得；情节严重的，吊销营业执照。",
}


def test_a_list_of_powers_restating_the_law_sets_nothing():
    corpus = FakeCorpus({QUALITY: QUALITY_LAW})
    doc = make_doc(["县级以上市场监督管理部门对涉嫌违反《中华人民共和国产品质量法》规定的行为进行查处时，可以行使下列职权：\n"
                    "（一）对当事人涉嫌从事违法生产、销售活动的场所实施现场检查；\n"
                    "（二）对有根据认为不符合保障人体健康和人身、财产安全的国家标准、行业标准的产品或者有其他严重质量问题的产品，"
                    "以及直接用于生产、销售该项产品的原辅材料、包装物、生产工具，予以查封或者扣押。"])
    assert run(setting_power, doc, corpus) == []
    # the same power over something the law does not name is created by the draft
    own = make_doc(["市场监督管理部门开展电动自行车专项检查时，可以行使下列职权：\n"
                    "（一）对存放电动自行车蓄电池的居民住宅、车棚和充电场所，予以查封或者扣押。"])
    (f,) = run(setting_power, own, corpus)
    assert f.basis[0].law == "中华人民共和国行政强制法"


def test_a_restated_penalty_must_keep_the_amounts():
    corpus = FakeCorpus({QUALITY: QUALITY_LAW})
    same = "生产、销售不符合保障人体健康和人身、财产安全的国家标准、行业标准的产品的，责令停止生产、销售，没收违法生产、销售的产品，并处违法生产、销售产品货值金额等值以上三倍以下的罚款。"
    assert run(setting_power, make_doc(same), corpus) == []
    (f,) = run(setting_power, make_doc(same.replace("三倍", "五倍")), corpus)
    assert "五倍" in f.quote


def test_a_named_law_in_an_earlier_clause_or_the_chapeau_grounds_later_sanctions():
    doc = make_doc("生产不合格电动自行车的，依照《中华人民共和国产品质量法》第四十九条的规定，责令停止生产、销售，没收违法生产、销售的产品；"
                   "有违法所得的，并处没收违法所得；情节严重的，吊销营业执照。",
                   ["经营者有下列行为之一的，依照《中华人民共和国价格法》第四十二条的规定处罚：\n"
                    "（一）不标明价格的，没收违法所得，并处五千元以下罚款；\n（二）不按规定内容标价的。"])
    assert run(setting_power, doc) == []
    # 法律另有规定 is an escape clause, not a basis for what follows it; nor does a penalty's
    # basis cover a compulsory measure in the next clause (see test_compulsory_measure_in_its_own_clause)
    own = make_doc("发布违法广告的，依照《中华人民共和国广告法》第五十八条的规定处罚；违反本办法第五条规定的，处一千元以上五千元以下罚款。")
    assert [f.quote for f in run(setting_power, own)] == ["处一千元以上五千元以下罚款"]
    escape = make_doc("法律、法规另有规定的，从其规定；没有规定的，违反本办法规定的，处一千元以上五千元以下罚款。")
    assert [f.rule for f in run(setting_power, escape)] == ["setting-power"]


def test_review_criteria_asking_whether_set_nothing():
    doc = make_doc("评查查封、扣押，应当重点审查是否经负责人批准，是否由两名以上执法人员予以查封、扣押。",
                   "应当审查是否存在违反本办法规定的情形，是否处以警告。")
    assert run(setting_power, doc) == []


def test_a_filing_that_works_as_prior_approval_is_a_disguised_licence():
    doc = make_doc("经营者应当在销售前办理销售备案，取得备案证明后方可销售；未取得备案证明的，不得销售。")
    (f,) = run(setting_power, doc)
    assert f.rule == "setting-power"
    assert [(b.law, b.article) for b in f.basis] == [("中华人民共和国行政许可法", 17), ("优化营商环境条例", 64)]
    assert run(setting_power, make_doc("经营者应当自开业之日起三十日内向市场监督管理部门备案。")) == []
    assert run(setting_power, make_doc("未按规定办理备案的，由市场监督管理部门责令改正。")) == []
    assert run(setting_power, make_doc("裁量基准报上级部门备案后方可施行。")) == []


def test_an_approval_named_review_or_registration_that_a_business_act_waits_for_is_a_licence():
    for text in ("生产企业在产品投放市场前应当办理产品登记，经市场监督管理部门审核同意后方可销售。",
                 "经营单位取得主管部门确认后，方可开展经营活动。",
                 "未经登记确认的，不得进场销售。"):
        (f,) = run(setting_power, make_doc(text))
        assert [(b.law, b.article) for b in f.basis] == [("中华人民共和国行政许可法", 17)], text
    for text in ("经局负责人审核同意后方可立案。",            # internal approval
                 "案件经法制审核后，方可作出决定。",           # internal review, no business act
                 "经营者依法办理市场主体登记后方可从事经营活动。",  # the law's own registration
                 "经营者已经登记的，可以开展经营活动。",
                 "经营者应当在销售前向市场监督管理部门登记有关信息。"):
        assert run(setting_power, make_doc(text)) == [], text


def test_a_local_regulation_may_set_fines_and_seizure_but_not_revocation_detention_or_freezing():
    level = "地方性法规"
    may = make_doc("违反本条例规定的，由市场监督管理部门处一万元以上五万元以下罚款；情节严重的，责令停业整顿。",
                   "对有证据表明不合格的计量器具，市场监督管理部门可以予以查封、扣押。", level=level)
    assert run(setting_power, may) == []
    (f,) = run(setting_power, make_doc("违反本条例规定的，处三万元以下罚款；情节严重的，吊销营业执照。", level=level))
    assert f.quote == "情节严重的，吊销营业执照" and (f.basis[0].law, f.basis[0].article) == ("中华人民共和国行政处罚法", 12)
    (f,) = run(setting_power, make_doc("必要时，经市场监督管理部门主要负责人批准，可以冻结当事人的银行存款。", level=level))
    assert (f.basis[0].law, f.basis[0].article) == ("中华人民共和国行政强制法", 10)
    assert run(setting_power, make_doc("冻结存款的期限不得超过三十日。", level=level)) == []


def test_a_permit_a_business_must_obtain_before_it_acts_is_a_licence():
    doc = make_doc("从事单用途商业预付卡发行经营的，应当向本局申请办理预付卡发行经营许可；未取得许可的，不得发行预付卡。")
    (f,) = run(setting_power, doc)
    assert (f.basis[0].law, f.basis[0].article) == ("中华人民共和国行政许可法", 17)
    (f,) = run(setting_power, make_doc("从事食用农产品销售的，应当申领《食用农产品入市经营证》。", level="地方政府规章"))
    assert f.severity == "warning"  # a provincial rule may set a temporary licence: a city's may not
    # a licence the law requires, restated with 依法: nothing is set
    assert run(setting_power, make_doc("从事食品经营的，应当依法取得食品经营许可。")) == []


def test_a_filing_granted_only_after_an_inspection_is_a_licence_at_any_level_below_regulation():
    doc = make_doc("经营企业应当向市市场监督管理局备案。市市场监督管理局收到备案资料后，应当组织现场核查，核查合格的，方予备案。")
    (f,) = run(setting_power, doc)
    assert "备案" in f.message
    rule = make_doc("社会团体制定的团体标准，应当在发布前报省人民政府标准化行政主管部门审查备案；未经审查备案的团体标准，不得实施。",
                    level="地方政府规章")
    (f,) = run(setting_power, rule)
    assert f.severity == "error" and (f.basis[0].law, f.basis[0].article) == ("中华人民共和国行政许可法", 17)
    assert run(setting_power, make_doc("经营企业应当向市市场监督管理局备案，并提交相关资料。")) == []


ADS = "中华人民共和国广告法"
ADS_LAW = {46: "发布医疗、药品、医疗器械、农药、兽药和保健食品广告，以及法律、行政法规规定应当进行审查的其他广告，"
               "应当在发布前由有关部门（以下称广告审查机关）对广告内容进行审查；未经审查，不得发布。"}


def test_a_short_prohibition_restated_with_the_duty_before_it_sets_nothing():
    # 广告法 第四十六条: the draft adds its own examples to the first clause, so the sentence as a whole
    # is no longer the law's; the prohibition and the duty just before it still are
    doc = make_doc("发布医疗、药品、医疗器械、农药、兽药、保健食品、特殊医学用途配方食品广告等法律、行政法规规定应当进行审查的广告，"
                   "应当在发布前由广告审查机关对广告内容进行审查；未经审查，不得发布。")
    assert run(setting_power, doc, FakeCorpus({ADS: ADS_LAW})) == []
    # the same words about something the law does not subject to review are the draft's own licence
    own = make_doc("经营者举办促销活动，应当在活动前由市场监督管理部门对活动方案进行审查；未经审查，不得举办。")
    (f,) = run(setting_power, own, FakeCorpus({ADS: ADS_LAW}))
    assert f.rule == "setting-power"
