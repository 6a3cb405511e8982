"""Restated higher-law provisions: a changed number, modal, negation, alternative or condition is
reported (as the provision's own rule when it has one, else ``divergence``); a faithful restatement,
or one that only swaps harmless words (本法→本办法, 行政机关→市场监督管理部门), is not."""
from __future__ import annotations

import pytest

from commenting.model import Part
from commenting.review import divergence, provisions
from commenting.review.context import ReviewContext
from prov_laws import LAWS
from review_fakes import FakeCorpus, make_doc

PUNISH = "中华人民共和国行政处罚法"
PROC = "市场监督管理行政处罚程序规定"
HEAR = "市场监督管理行政处罚听证办法"


def findings(*articles, parts=None, corpus=None, title=None):
    doc = make_doc(*articles, parts=parts, **({"title": title} if title else {}))
    ctx = ReviewContext.build(doc, corpus or FakeCorpus(LAWS))
    out = list(provisions.check_divergence(ctx)) + list(provisions.check(ctx))
    for f in out:  # the contract: the quote is an exact span of the article (or part) text
        if f.article:
            assert f.quote in doc.article(f.article, f.sub).text
        else:
            assert any(f.quote in p.text for p in doc.parts)
    return out


def rules(fs):
    return sorted({(f.article, f.rule) for f in fs})


def test_faithful_restatement_yields_nothing():
    assert findings(
        "违法行为在二年内未被发现的，不再给予行政处罚；涉及公民生命健康安全、金融安全且有危害后果的，上述期限延长至五年。法律另有规定的除外。",
        "当事人有下列情形之一，应当从轻或者减轻行政处罚：\n（一）主动消除或者减轻违法行为危害后果的；\n"
        "（二）受他人胁迫或者诱骗实施违法行为的；\n（三）主动供述行政机关尚未掌握的违法行为的；\n"
        "（四）配合行政机关查处违法行为有立功表现的；\n（五）法律、法规、规章规定其他应当从轻或者减轻行政处罚的。",
    ) == []


def test_harmless_wording_yields_nothing():
    # 本法→本办法, 行政机关→市场监督管理部门, 执法人员→办案人员, 公民→自然人, punctuation, 的;
    # leaving out 法律另有规定的，从其规定 (the law prevails anyway) is at most a hint
    assert [f for f in findings(
        "市场监督管理部门拟作出下列行政处罚决定，应当告知当事人有要求听证的权利，当事人要求听证的，"
        "市场监督管理部门应当组织听证：\n（一）较大数额罚款；\n（二）没收较大数额违法所得、没收较大价值非法财物；\n"
        "（三）降低资质等级、吊销许可证件；\n（四）责令停产停业、责令关闭、限制从业；\n（五）其他较重的行政处罚；\n"
        "（六）法律、法规、规章规定的其他情形。",
        "违法事实确凿并有法定依据，对自然人处以二百元以下、对法人或者其他组织处以三千元以下罚款或者警告的行政处罚的，"
        "可以当场作出行政处罚决定。",
        "办案人员与案件有直接利害关系或者有其他关系可能影响公正执法的，应当回避。当事人提出回避申请的，市场监督管理部门"
        "应当依法审查，由市场监督管理部门负责人决定。决定作出之前，不停止调查。",
    ) if f.severity != "info"] == []


def test_a_dropped_exception_of_substance_is_reported_and_a_dropped_deference_is_a_hint():
    # 行政处罚法 第三十七条: 但是……新的规定处罚较轻或者不认为是违法的，适用新的规定 (从旧兼从轻)
    (f,) = findings("实施行政处罚，适用违法行为发生时的法律、法规、规章的规定。")
    assert (f.rule, f.severity) == ("divergence", "warning") and "从旧" not in f.message
    assert "但是，作出行政处罚决定时" in f.suggestion and f.suggestion.startswith("建议在“")
    (hint,) = findings("违法事实确凿并有法定依据，对自然人处以二百元以下、对法人或者其他组织处以三千元以下罚款或者警告的"
                       "行政处罚的，可以当场作出行政处罚决定。")
    assert (hint.rule, hint.severity) == ("divergence", "info") and "法律另有规定的，从其规定" in hint.message


def test_modal_made_discretionary_is_the_provisions_own_rule():
    (f,) = findings("违法行为轻微并及时改正，没有造成危害后果的，可以不予行政处罚。")
    assert (f.rule, f.severity, f.article) == ("no-penalty-conditions", "error", 1)
    assert f.quote == "违法行为轻微并及时改正，没有造成危害后果的，可以不予行政处罚"
    assert (PUNISH, 33) in {(b.law, b.article) for b in f.basis}
    assert "〔增：可以〕" in f.message  # the redline
    assert f.proposed == "违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚"
    assert f.suggestion.startswith("建议将“违法行为轻微并及时改正") and "依据：《中华人民共和国行政处罚法》第三十三条" in f.suggestion


def test_should_become_may_in_mitigation():
    (f,) = findings("当事人有下列情形之一，可以从轻或者减轻行政处罚：\n（一）主动消除或者减轻违法行为危害后果的；\n"
                    "（二）受他人胁迫或者诱骗实施违法行为的。")
    assert (f.rule, f.severity) == ("mitigation-conditions", "error")
    assert f.proposed == "当事人有下列情形之一，应当从轻或者减轻行政处罚"


def test_dropped_alternative_in_a_restated_list():
    fs = findings("当事人有下列情形之一，应当从轻或者减轻行政处罚：\n（一）主动消除或者减轻违法行为危害后果的；\n"
                  "（二）受他人胁迫实施违法行为的；\n（三）主动供述行政机关尚未掌握的违法行为的；\n"
                  "（四）配合行政机关查处违法行为有立功表现的；\n（五）法律、法规、规章规定其他应当从轻或者减轻行政处罚的。")
    (f,) = fs
    assert (f.rule, f.quote) == ("mitigation-conditions", "（二）受他人胁迫实施违法行为的")
    assert "或者诱骗" in f.message and f.proposed == "（二）受他人胁迫或者诱骗实施违法行为的"


def test_dropped_condition_of_the_five_year_limitation():
    fs = findings("违法行为在二年内未被发现的，不再给予行政处罚；涉及公民生命健康安全、金融安全的，上述期限延长至五年。")
    assert rules(fs) == [(1, "limitation-period")]
    assert any("且有危害后果" in f.message for f in fs)


def test_changed_time_limit_against_the_party():
    (f,) = findings("当事人要求听证的，应当在市场监督管理部门告知后三日内提出。")
    assert f.rule == "procedure-deadline" and f.severity == "error"
    assert (PUNISH, 64) in {(b.law, b.article) for b in f.basis}
    assert "五日" in (f.proposed or "")


def test_time_limit_in_the_partys_favour_is_allowed():
    # the agency delivers faster than the law requires; the party gets longer to ask for a hearing
    assert findings("当事人不在场的，市场监督管理部门应当在五日内依照《中华人民共和国民事诉讼法》的有关规定，"
                    "将行政处罚决定书送达当事人。", "当事人要求听证的，应当在市场监督管理部门告知后十日内提出。") == []


def test_agency_deadline_longer_than_the_law():
    fs = findings("行政处罚决定书应当在宣告后当场交付当事人；当事人不在场的，承办机构应当在十日内依照《中华人民共和国民事诉讼法》"
                  "的有关规定，将行政处罚决定书送达当事人。")
    assert rules(fs) == [(1, "procedure-deadline")]
    f = fs[0]
    assert f.quote.startswith("当事人不在场的") and "七日" in (f.proposed or "")


def test_negation_flipped_is_divergence_with_parallel_basis():
    (f,) = findings("行政执法人员与案件有直接利害关系或者有其他关系可能影响公正执法的，应当回避。当事人提出回避申请的，"
                    "市场监督管理部门应当依法审查，由部门负责人决定。决定作出之前，暂停案件调查。")
    assert (f.rule, f.severity, f.quote) == ("divergence", "error", "决定作出之前，暂停案件调查")
    assert {(b.law, b.article) for b in f.basis} & {(PUNISH, 43), (PROC, 4)}
    assert "〔删：不停止〕" in f.message


def test_item_missing_from_the_hearing_list():
    fs = findings("市场监督管理部门拟作出下列行政处罚决定，应当告知当事人有要求听证的权利，当事人要求听证的，"
                  "市场监督管理部门应当组织听证：\n（一）较大数额罚款；\n（二）没收较大数额违法所得、没收较大价值非法财物；\n"
                  "（三）降低资质等级、吊销许可证件；\n（四）责令停产停业、责令关闭；\n（五）其他较重的行政处罚；\n"
                  "（六）法律、法规、规章规定的其他情形。")
    assert rules(fs) == [(1, "hearing-rights")]
    assert any("限制从业" in f.message for f in fs)


def test_summary_procedure_amounts_raised():
    fs = findings("违法事实确凿并有法定依据，对公民处以五百元以下、对法人或者其他组织处以五千元以下罚款或者警告的行政处罚的，"
                  "可以当场作出行政处罚决定。")
    assert rules(fs) == [(1, "simple-procedure")]
    assert any(f.severity == "error" for f in fs)


def test_qualification_widened_by_an_alternative():
    fs = findings("本局初次从事行政处罚决定法制审核的人员，应当通过国家统一法律职业资格考试取得法律职业资格，"
                  "或者具有法学类专业本科以上学历。")
    assert rules(fs) == [(1, "legal-review")]


def test_discretion_tier_inside_the_statutory_range_is_not_a_change():
    law = {"中华人民共和国药品管理法": {117: "生产、销售劣药的，没收违法生产、销售的药品和违法所得，并处违法生产、销售的药品货值金额"
                                           "十倍以上二十倍以下的罚款；违法生产、批发的药品货值金额不足十万元的，按十万元计算，"
                                           "违法零售的药品货值金额不足一万元的，按一万元计算。"}}
    corpus = FakeCorpus({**LAWS, **law})
    row = "2\t销售劣药\t《中华人民共和国药品管理法》第一百一十七条\t{tier}\t没收违法销售的药品和违法所得，并处货值金额{rng}罚款"
    inside = Part("attachment", row.format(tier="一般", rng="十倍以上十七倍以下"))
    below = Part("attachment", row.format(tier="从轻", rng="五倍以上十倍以下"))
    doc_laws = ["中华人民共和国药品管理法"]

    def run(part):
        doc = make_doc("本规定自发布之日起施行。", parts=[part])
        ctx = ReviewContext.build(doc, corpus)
        ctx.cache["cited_laws"] = doc_laws  # the table cites the law; this test does not depend on citations
        return [f for f in provisions.combined(ctx)]

    assert run(inside) == []
    (f,) = run(below)
    assert (f.article, f.rule, f.severity) == (0, "divergence", "error")
    assert f.quote == "没收违法销售的药品和违法所得，并处货值金额五倍以上十倍以下罚款"
    assert [(b.law, b.article) for b in f.basis] == [("中华人民共和国药品管理法", 117)]


def test_cited_law_outside_the_core_set_is_compared():
    corpus = FakeCorpus(LAWS)
    doc = make_doc("培训机构发布的教育、培训广告不得含有下列内容：\n（一）对升学、通过考试、获得学位学历或者合格证书，"
                   "或者对教育、培训的效果作出明示的保证性承诺；\n（二）明示或者暗示有相关考试机构或者其工作人员、"
                   "考试命题人员参与教育、培训。")
    ctx = ReviewContext.build(doc, corpus)
    ctx.cache["cited_laws"] = ["中华人民共和国广告法"]
    dropped_alternative, dropped_item = provisions.check_divergence(ctx)
    assert dropped_alternative.rule == "divergence" and dropped_alternative.severity == "warning"
    assert "或者暗示" in dropped_alternative.message
    assert [(b.law, b.article) for b in dropped_alternative.basis] == [("中华人民共和国广告法", 24)]
    assert dropped_item.quote == "培训机构发布的教育、培训广告不得含有下列内容"
    assert "利用科研单位" in dropped_item.suggestion


def _ad_list(items: list[str]) -> str:
    return "培训机构发布的教育、培训广告不得含有下列内容：\n" + "\n".join(items)


_AD_ITEMS = [
    "（一）对升学、通过考试、获得学位学历或者合格证书，或者对教育、培训的效果作出明示或者暗示的保证性承诺；",
    "（二）明示或者暗示有相关考试机构或者其工作人员、考试命题人员参与教育、培训；",
    "（三）利用科研单位、学术机构、教育机构、行业协会、专业人士、受益者的名义或者形象作推荐、证明。",
]


def _item_findings(text: str) -> list:
    ctx = ReviewContext.build(make_doc(text), FakeCorpus(LAWS))
    ctx.cache["cited_laws"] = ["中华人民共和国广告法"]
    return [f for f in provisions.check_divergence(ctx) if "所列情形中补充" in f.suggestion]


def test_an_item_dropped_from_a_restated_closed_list_is_reported():
    (f,) = _item_findings(_ad_list([_AD_ITEMS[0], _AD_ITEMS[2].replace("（三）", "（二）")]))
    assert f.severity == "warning" and "明示或者暗示有相关考试机构" in f.suggestion
    assert [(b.law, b.article) for b in f.basis] == [("中华人民共和国广告法", 24)]


def test_fewer_of_the_agencys_own_powers_is_not_a_dropped_item():
    text = ("市场监督管理部门在依法履行特种设备监督检查职责时，可以行使下列职权：\n"
            "（一）进入现场进行检查，向特种设备生产、经营、使用单位和检验、检测机构的主要负责人和其他有关人员调查、了解有关情况；\n"
            "（二）根据举报或者取得的涉嫌违法证据，查阅、复制特种设备生产、经营、使用单位和检验、检测机构的有关合同、发票、账簿以及其他有关资料；\n"
            "（三）对违反本办法规定的行为作出行政处罚决定。")
    ctx = ReviewContext.build(make_doc(text), FakeCorpus(LAWS))
    ctx.cache["cited_laws"] = ["中华人民共和国特种设备安全法"]
    assert [f for f in provisions.check_divergence(ctx) if "所列情形中补充" in f.suggestion] == []


def test_a_reworded_item_is_not_a_dropped_one():
    reworded = "（三）借用科研单位、学术机构、行业协会或者专家、受益者的名义、形象为培训效果作证明。"
    assert _item_findings(_ad_list(_AD_ITEMS[:2] + [reworded])) == []
    assert _item_findings(_ad_list(_AD_ITEMS)) == []


@pytest.mark.parametrize("text", [
    # tailoring an actor out of a prohibition to the draft's own scope
    "培训机构不得利用虚假的或者使人误解的价格手段，诱骗消费者与其进行交易。",
    # a declarative restatement without 应当
    "本局行政处罚由具有行政执法资格的执法人员实施。执法人员不得少于两人，法律另有规定的除外。",
    # a longer insertion that holds a negation is new text, not a flipped negation
    "不予行政处罚的，市场监督管理部门应当责令当事人改正或者限期改正违法行为。",
])
def test_no_false_alarms_on_ordinary_drafting(text):
    assert [f for f in findings(text) if f.severity != "info"] == []


def test_results_are_cached_per_document():
    doc = make_doc("违法行为轻微并及时改正，没有造成危害后果的，可以不予行政处罚。")
    ctx = ReviewContext.build(doc, FakeCorpus(LAWS))
    first = divergence.restatement_findings(ctx)
    assert divergence.restatement_findings(ctx) is first


def test_provision_rule_table():
    assert divergence.provision_rule(PUNISH, 36) == "limitation-period"
    assert divergence.provision_rule(PUNISH, 64, {"time"}) == "procedure-deadline"
    assert divergence.provision_rule(PUNISH, 64, {"number"}) == "hearing-rights"
    assert divergence.provision_rule(PUNISH, 43) is None


def test_one_item_of_a_list_restated_as_a_sentence():
    (f,) = findings("当事人主动消除或者减轻违法行为危害后果的，可以从轻或者减轻行政处罚。")
    assert (f.rule, f.severity) == ("mitigation-conditions", "error")
    assert f.proposed == "当事人主动消除或者减轻违法行为危害后果的，应当从轻或者减轻行政处罚"
    assert findings("当事人主动消除或者减轻违法行为危害后果的，应当从轻或者减轻行政处罚。") == []


def test_dates_and_checklists_are_not_restatements():
    assert findings("本办法自2027年1月1日起施行，有效期五年。",
                    "评查听证程序，重点审查是否存在向当事人收取听证费用的情形，是否存在以非法手段取得的证据作为认定案件事实根据的情形。") == []


def test_may_made_unconditional():
    fs = findings("初次违法且危害后果轻微并及时改正的，不予行政处罚。")
    assert [(f.rule, f.severity) for f in fs] == [("no-penalty-conditions", "error")]


def test_rule_follows_the_restated_sentence_of_a_mixed_article():
    # 行政处罚法 第三十条: one sentence on 不予处罚, one on 从轻/减轻
    (f,) = findings("已满十四周岁不满十八周岁的未成年人有违法行为的，可以从轻或者减轻行政处罚。")
    assert f.rule == "mitigation-conditions"
    (f,) = findings("不满十四周岁的未成年人有违法行为的，可以不予行政处罚，责令监护人加以管教。")
    assert f.rule == "no-penalty-conditions"


def test_only_a_document_ranking_above_the_draft_is_compared():
    # 程序规定 (a 部门规章) gives fifteen days to pay; a 规范性文件 restating it with 七日 diverges, another
    # 部门规章 (a peer) may lawfully say otherwise
    text = ("市场监督管理部门对当事人作出罚款、没收违法所得行政处罚的，当事人应当自收到行政处罚决定书之日起"
            "七日内，通过指定银行或者电子支付系统缴纳罚没款。")
    corpus = FakeCorpus(LAWS)

    def run_at(level):
        ctx = ReviewContext.build(make_doc(text, level=level), corpus)
        ctx.cache["cited_laws"] = [PROC]
        return [r for r in divergence.find_restatements(ctx) if r.clause.unit.article == 1]

    def bases(level):
        return {(r.law.law, r.law.article) for r in run_at(level)}

    assert (PROC, 72) in bases("规范性文件")
    # a 部门规章 still answers to 行政处罚法 第六十七条 (a law), not to its peer 程序规定
    assert (PROC, 72) not in bases("部门规章") and (PUNISH, 67) in bases("部门规章")


def _restatements(text: str, law: str) -> list:
    ctx = ReviewContext.build(make_doc(text), FakeCorpus(LAWS))
    ctx.cache["cited_laws"] = [law]
    return divergence.find_restatements(ctx)


def test_a_sanction_without_its_conduct_restates_nothing():
    # the draft punishes its own conduct; "拒不改正的，处…罚款" alone matches the 条例's tail on labels
    own = "化妆品经营者未按照本办法公示进货查验记录的，由市场监督管理部门责令改正；拒不改正的，处5000元以上3万元以下罚款。"
    assert _restatements(own, "化妆品监督管理条例") == []
    # beside the conduct the 条例 names, the raised amount is a change
    restated = ("生产经营的化妆品的标签存在瑕疵但不影响质量安全且不会对消费者造成误导的，由负责药品监督管理的部门"
                "责令改正；拒不改正的，处5000元以下罚款。")
    (r,) = _restatements(restated, "化妆品监督管理条例")
    assert r.law.article == 61 and "2000元" in [c.law_text for c in r.changes][0]


def test_an_item_takes_its_modal_from_the_lead_in():
    # 行政处罚法 第六十七条第二款 (…不得自行收缴罚款) restated as a case under a prohibiting lead-in
    case = ("（一）除依照本法第六十八条、第六十九条的规定当场收缴的罚款外，作出行政处罚决定的行政机关及其执法人员"
            "自行收缴罚款；")
    assert _restatements("办理行政处罚案件，严禁下列行为：\n" + case + "\n（二）伪造案卷材料。", PUNISH) == []
    # the same words as a sentence of their own drop the prohibition
    (r,) = _restatements(case[3:].rstrip("；") + "。", PUNISH)
    assert r.law.article == 67 and {c.kind for c in r.changes} & {"modal", "negation"}


def test_an_item_added_to_a_restated_closed_list_is_reported_and_a_reworded_one_is_not():
    law = ("监督检查部门调查涉嫌不正当竞争行为，可以采取下列措施：\n（一）进入涉嫌不正当竞争行为的经营场所进行检查；\n"
           "（二）查询、复制与涉嫌不正当竞争行为有关的协议、账簿、单据；\n（三）查封、扣押与涉嫌不正当竞争行为有关的财物；\n"
           "（四）查询涉嫌不正当竞争行为的经营者的银行账户。")
    corpus = FakeCorpus({"中华人民共和国反不正当竞争法": {16: law}})
    lead = "市场监督管理部门调查涉嫌不正当竞争行为，可以采取下列措施："
    items = ["（一）进入涉嫌不正当竞争行为的经营场所进行检查；", "（二）查询、复制与涉嫌不正当竞争行为有关的协议、账簿、单据；",
             "（三）查封、扣押与涉嫌不正当竞争行为有关的财物；", "（四）查询涉嫌不正当竞争行为的经营者的银行账户"]
    cite = "为了规范调查工作，根据《中华人民共和国反不正当竞争法》，制定本办法。"
    [f] = [f for f in findings(cite, "\n".join([lead, *items[:3], items[3] + "；", "（五）责令涉嫌不正当竞争行为的经营者暂停相关经营活动。"]),
                               corpus=corpus) if f.article == 2]
    assert f.quote.startswith("（五）责令") and f.severity == "warning" and "增加了上位法未列举的" in f.message
    assert f.suggestion.startswith("建议删除“（五）责令涉嫌不正当竞争行为的经营者暂停相关经营活动")
    assert [f for f in findings(cite, "\n".join([lead, *items[:3], items[3] + "。"]), corpus=corpus) if f.article == 2] == []


def test_a_step_added_to_a_procedure_is_not_an_item_added_to_a_closed_list():
    law = "听证按照下列程序进行：\n（一）办案人员提出调查意见；\n（二）当事人进行陈述、申辩；\n（三）第三人进行陈述；\n（四）质证。"
    corpus = FakeCorpus({"市场监督管理行政处罚听证办法": {25: law}})
    draft = ("听证按照下列程序进行：\n（一）办案人员提出调查意见；\n（二）当事人进行陈述、申辩；\n（三）第三人进行陈述；\n"
             "（四）质证；\n（五）当事人作最后陈述。")
    cite = "为了规范听证工作，根据《市场监督管理行政处罚听证办法》，制定本规则。"
    assert [f for f in findings(cite, draft, corpus=corpus) if f.article == 2 and f.severity != "info"] == []


_DELEGATE = ("当事人可以委托一至二人代为参加听证。委托他人代为参加听证的，应当向市场监督管理部门提交由委托人签名或者盖章的"
             "授权委托书以及委托代理人的身份证明文件。")


def test_a_party_left_out_is_reported_when_the_article_speaks_of_it():
    (f,) = [f for f in findings(_DELEGATE + "第三人参加听证的，适用本条规定。") if f.severity != "info"]
    assert f.rule == "hearing-rights" and "删去了“第三人”" in f.message  # the provision has a rule of its own
    assert [(b.law, b.article) for b in f.basis] == [(HEAR, 15)]


def test_a_party_left_out_of_a_draft_that_never_speaks_of_it_is_tailoring():
    assert [f for f in findings(_DELEGATE) if f.severity != "info"] == []


_REMOTE = ("在边远、交通不便地区，市场监督管理部门及其执法人员依照本法第五十一条、第五十七条的规定作出罚款决定后，"
           "当事人到指定的银行或者通过电子支付系统缴纳罚款确有困难，经当事人提出，市场监督管理部门及其执法人员可以当场收缴罚款。")


def test_one_listed_case_left_out_of_a_normative_document_is_reported():
    (f,) = [f for f in findings(_REMOTE) if f.severity != "info"]
    assert "删去了“水上”" in f.message and f.basis[0].article == 69


def test_a_rule_may_name_only_the_cases_of_its_field():
    ctx = ReviewContext.build(make_doc(_REMOTE, level="部门规章"), FakeCorpus(LAWS))
    assert [f for f in provisions.check_divergence(ctx) if f.severity != "info"] == []


def test_an_item_under_a_lead_in_two_clauses_back_and_a_catch_all_of_the_laws_own():
    review = ("有下列情形之一，在市场监督管理部门负责人作出行政处罚的决定之前，应当由从事行政处罚决定法制审核的人员进行法制审核；"
              "未经法制审核或者审核未通过的，不得作出决定：\n（一）涉及重大公共利益的；\n"
              "（二）直接关系当事人或者第三人重大权益，经过听证程序的；\n（三）法律、法规规定应当进行法制审核的其他情形。")
    (f,) = [f for f in findings(review) if f.severity != "info"]
    assert "案件情况疑难复杂" in f.suggestion and f.basis[0].article == 58
    hearing = ("市场监督管理部门拟作出下列行政处罚决定，应当告知当事人有要求听证的权利，当事人要求听证的，市场监督管理部门应当组织听证：\n"
               "（一）较大数额罚款；\n（二）没收较大数额违法所得、没收较大价值非法财物；\n（三）降低资质等级、吊销许可证件；\n"
               "（四）责令停产停业、责令关闭、限制从业；\n（五）法律、法规、规章规定的其他情形。")
    assert any("其他较重的行政处罚" in f.suggestion for f in findings(hearing) if f.severity != "info")


def test_a_listed_case_left_out_under_a_kept_catch_all_is_a_warning_not_an_error():
    # 其他较重的行政处罚 still reaches 责令停产停业: the list is incomplete, the right not taken away
    hearing = ("市场监督管理部门拟作出下列行政处罚决定，应当告知当事人有要求听证的权利，当事人要求听证的，市场监督管理部门应当组织听证：\n"
               "（一）较大数额罚款；\n（二）没收较大数额违法所得、没收较大价值非法财物；\n（三）降低资质等级、吊销许可证件；\n"
               "（四）其他较重的行政处罚；\n（五）法律、法规、规章规定的其他情形。")
    (f,) = [f for f in findings(hearing) if "所列情形中补充" in f.suggestion]
    assert f.severity == "warning" and "责令停产停业、责令关闭、限制从业" in f.suggestion
    without = hearing.replace("（四）其他较重的行政处罚；\n（五）", "（四）")
    assert [f.severity for f in findings(without) if "所列情形中补充" in f.suggestion] == ["error"]


def test_law_wording_restored_into_a_draft_names_the_law_by_its_title():
    # 行政处罚法 第六十七条 第二款 without its exception: the exception comes back, its 本法 said by title
    (f,) = [f for f in findings("作出行政处罚决定的市场监督管理部门及其执法人员不得自行收缴罚款。") if f.severity != "info"]
    assert "删去了上位法的例外规定" in f.message
    assert f.proposed.startswith("除依照《中华人民共和国行政处罚法》第六十八条、第六十九条的规定当场收缴的罚款外，")
    assert "本法" not in f.proposed and "本法" not in f.suggestion.split("理由")[0]  # the reason may quote the law


_EXTEND = "情况复杂的，经行政机关负责人批准，可以延长，但是延长期限不得超过三十日。"


def _extension_findings(laws: dict) -> list:
    ctx = ReviewContext.build(make_doc("情况复杂的，经市场监督管理部门负责人批准，可以延长，但是延长期限不得超过六十日。"),
                              FakeCorpus(laws))
    ctx.cache["cited_laws"] = list(laws)
    found = list(provisions.check_divergence(ctx)) + list(provisions.check(ctx))  # divergence or the provision's rule
    return [f for f in found if f.severity != "info"]


def test_the_same_words_in_several_articles_are_compared_whichever_is_restated():
    twice = {25: "查封、扣押的期限不得超过三十日；" + _EXTEND, 32: "检测、检验的期间应当明确；" + _EXTEND}
    (f,) = _extension_findings({"中华人民共和国行政强制法": twice, PROC: {38: "查封、扣押的期限不得超过三十日；" + _EXTEND}})
    assert "期限由“三十日”改为“六十日”" in f.message


def test_boilerplate_several_articles_word_otherwise_needs_an_anchor():
    fines = {61: "违反本法第三十条规定的，责令改正；逾期不改正的，处一万元以上五万元以下罚款。",
             62: "违反本法第三十一条规定的，责令改正；逾期不改正的，处二万元以上十万元以下罚款。"}
    ctx = ReviewContext.build(make_doc("逾期不改正的，处五万元以上二十万元以下罚款。"), FakeCorpus({"中华人民共和国特种设备安全法": fines}))
    ctx.cache["cited_laws"] = ["中华人民共和国特种设备安全法"]
    assert [f for f in provisions.check_divergence(ctx) if f.severity != "info"] == []


def test_an_act_of_a_duty_left_out_is_put_back_with_its_comma():
    recall = ("食品生产者发现其生产的食品不符合食品安全标准或者有证据证明可能危害人体健康的，应当立即停止生产，召回已经上市销售的食品，"
              "通知相关生产经营者和消费者，并记录召回和通知情况。")
    food = {"中华人民共和国食品安全法": {63: "国家建立食品召回制度。" + recall}}
    draft = recall.replace("通知相关生产经营者和消费者，", "")
    ctx = ReviewContext.build(make_doc(draft), FakeCorpus(food))
    ctx.cache["cited_laws"] = list(food)
    (f,) = [f for f in provisions.check_divergence(ctx) if f.severity != "info"]
    assert "删去了“通知相关生产经营者和消费者”，减少了上位法规定的义务" in f.message
    assert f.proposed == recall.rstrip("。")
    # a rule may say only the acts of its field
    ctx = ReviewContext.build(make_doc(draft, level="部门规章"), FakeCorpus(food))
    ctx.cache["cited_laws"] = list(food)
    assert [f for f in provisions.check_divergence(ctx) if f.severity != "info"] == []


def _cited(text: str, law: str, title: str = "某市市场监督管理局某某管理办法（征求意见稿）", *more: str):
    ctx = ReviewContext.build(make_doc(text, *more, title=title), FakeCorpus(LAWS))
    ctx.cache["cited_laws"] = [law]
    return [f for f in provisions.check_divergence(ctx) + list(provisions.check(ctx)) if f.severity != "info"]


def test_a_short_article_restated_with_its_modal_changed():
    (f,) = _cited("办案人员可以参加听证。", HEAR)
    assert "“应当”改为“可以”" in f.message and [(b.law, b.article) for b in f.basis] == [(HEAR, 16)]
    assert _cited("办案人员应当参加听证。", HEAR) == []


def test_a_short_clause_does_not_vouch_for_the_provision_whose_items_it_would_compare():
    # 听证通知书应当载明下列事项 lines up with 冻结决定书应当载明下列事项 only by its words of form
    assert findings("听证通知书应当载明下列事项：\n（一）当事人的姓名或者名称；\n（二）举行听证的时间、地点。") == []


def test_a_sentence_that_says_may_where_the_laws_item_takes_shall_from_its_lead_in():
    # 行政处罚法 第六十四条: 听证应当依照以下程序组织：……（三）除……外，听证公开举行
    ctx = ReviewContext.build(make_doc("除涉及国家秘密、商业秘密或者个人隐私依法予以保密外，听证可以公开举行。"),
                              FakeCorpus({PUNISH: {64: LAWS[PUNISH][64]}}))
    (f,) = [f for f in provisions.check_divergence(ctx) + list(provisions.check(ctx)) if f.severity != "info"]
    assert "“应当”改为“可以”" in f.message
    ctx = ReviewContext.build(make_doc("除涉及国家秘密、商业秘密或者个人隐私依法予以保密外，听证公开举行。"),
                              FakeCorpus({PUNISH: {64: LAWS[PUNISH][64]}}))
    assert [f for f in provisions.check_divergence(ctx) + list(provisions.check(ctx)) if f.severity != "info"] == []


def test_one_number_changed_in_a_short_item_of_a_restated_provision():
    law68 = LAWS[PUNISH][68]
    changed = law68.replace("一百元", "500元")
    assert changed != law68
    (f,) = [f for f in findings(changed) if f.severity != "info"]
    assert "一百元" in f.message and "500元" in f.message


def test_only_a_clause_with_one_number_changed_lines_up_numbers_aside():
    assert divergence._one_number_differs("处一万元以上五万元以下罚款", "处一万元以上十万元以下罚款")
    assert not divergence._one_number_differs("处一万元以上五万元以下罚款", "处五万元以上十万元以下罚款")
    assert not divergence._one_number_differs("处一万元以下罚款", "处一万元以上十万元以下罚款")


_RIDE = "公众乘坐电梯，应当遵守安全使用说明和安全注意事项的要求，服从有关工作人员的管理和指挥。"


def test_the_laws_scope_narrowed_to_the_drafts_own_field_is_no_change():
    assert _cited(_RIDE, "中华人民共和国特种设备安全法", "某省电梯安全条例（草案征求意见稿）") == []


def test_the_same_narrowing_in_a_draft_of_another_field_is_reported():
    (f,) = _cited(_RIDE, "中华人民共和国特种设备安全法", "某市市场监督管理局行政执法工作规定（征求意见稿）")
    assert f.rule == "divergence" and "操作" in f.message


_EXEMPT = ("入场销售者履行了本办法规定的食用农产品进货查验等义务，有充分证据证明其不知道所采购的食用农产品不符合食品安全标准，"
           "并能如实说明其进货来源的，可以免予处罚，但应当依法没收其不符合食品安全标准的食用农产品。")
_FARM = "食用农产品市场销售质量安全监督管理办法"


def test_a_party_the_draft_names_throughout_is_its_own_term():
    own = ["入场销售者应当建立进货查验记录。", "入场销售者应当如实说明进货来源。", "入场销售者应当明码标价。"]
    assert _cited(_EXEMPT, _FARM, "某市农贸市场管理办法（征求意见稿）", *own) == []


def test_a_party_narrowed_once_is_reported():
    (f,) = _cited(_EXEMPT, _FARM, "某市农贸市场管理办法（征求意见稿）")
    assert "入场销售者" in f.message


def _uncited(text: str, title: str):
    ctx = ReviewContext.build(make_doc(text, title=title), FakeCorpus(LAWS))
    return [f for f in provisions.check_divergence(ctx) + list(provisions.check(ctx)) if f.severity != "info"]


_NO_PROOF = ("销售者履行了本办法规定的食用农产品进货查验等义务，并能如实说明其进货来源的，可以免予处罚，"
             "但应当依法没收其不符合食品安全标准的食用农产品。")


def test_a_law_the_draft_does_not_cite_is_found_in_the_whole_library_within_the_drafts_field():
    (f,) = _uncited(_NO_PROOF, "某市食用农产品市场销售管理办法（征求意见稿）")
    assert [(b.law, b.article) for b in f.basis] == [(_FARM, 48)]
    assert "有充分证据证明其不知道" in f.message


def test_a_law_of_another_field_that_uses_the_same_words_is_not_compared():
    assert _uncited(_NO_PROOF, "某市电梯安全管理办法（征求意见稿）") == []


_LICENSING = "中华人民共和国行政许可法"
_LICENSING_47 = ("行政许可直接涉及申请人与他人之间重大利益关系的，行政机关在作出行政许可决定前，应当告知申请人、利害关系人享有要求听证的权利；"
                 "申请人、利害关系人在被告知听证权利之日起五日内提出听证申请的，行政机关应当在二十日内组织听证。\n"
                 "申请人、利害关系人不承担行政机关组织听证的费用。")


def test_a_clause_is_read_with_the_provision_its_article_restates():
    # 申请人不承担……听证的费用 is nearly 行政处罚法 第六十三条's 当事人不承担……; beside the other
    # clauses of 行政许可法 第四十七条 it restates that one, and leaves out 利害关系人
    corpus = FakeCorpus({**LAWS, _LICENSING: {47: _LICENSING_47}})
    text = _LICENSING_47.replace("\n申请人、利害关系人不承担", "\n申请人不承担").replace("行政机关", "市场监督管理部门")
    ctx = ReviewContext.build(make_doc(text), corpus)
    ctx.cache["cited_laws"] = [_LICENSING]
    (f,) = [f for f in provisions.check_divergence(ctx) + list(provisions.check(ctx)) if f.severity != "info"]
    assert [(b.law, b.article) for b in f.basis][:1] == [(_LICENSING, 47)] and "利害关系人" in f.message


_FOOD_REG = "中华人民共和国食品安全法实施条例"
_SEIZURE = {
    _FOOD_REG: {61: "县级以上人民政府食品安全监督管理部门依照食品安全法第一百一十条的规定实施查封、扣押措施，查封、扣押的期限不得超过30日；"
                    "情况复杂的，经实施查封、扣押措施的食品安全监督管理部门负责人批准，可以延长，延长期限不得超过45日。"},
    "中华人民共和国行政强制法": {25: "查封、扣押的期限不得超过三十日；情况复杂的，经行政机关负责人批准，可以延长，但是延长期限不得超过三十日。"
                                "法律、行政法规另有规定的除外。"},
}


def _seizure(days: str):
    text = ("县级以上市场监督管理部门依照《中华人民共和国食品安全法》第一百一十条的规定实施查封、扣押措施，查封、扣押的期限不得超过30日；"
            f"情况复杂的，经实施查封、扣押措施的市场监督管理部门负责人批准，可以延长，延长期限不得超过{days}日。")
    ctx = ReviewContext.build(make_doc(text, title="某市食品安全监督管理办法（征求意见稿）"), FakeCorpus(_SEIZURE))
    return [f for f in provisions.check_divergence(ctx) + list(provisions.check(ctx)) if f.severity != "info"]


def test_a_clause_that_changes_a_core_law_is_also_compared_with_the_laws_of_its_field():
    # 行政强制法 第二十五条 allows 行政法规 to set longer: 食品安全法实施条例 第六十一条 sets 四十五日
    (f,) = _seizure("60")
    assert f.rule == "divergence" and (f.basis[0].law, f.basis[0].article) == (_FOOD_REG, 61)
    assert "45日" in f.message and "60日" in f.message
    assert _seizure("45") == []


def test_a_decision_whether_to_act_is_a_norm_not_a_checklist_question():
    law = "举报人实名举报的，有处理权限的市场监督管理部门还应当自作出是否立案决定之日起五个工作日内告知举报人。"
    title = "某市市场监督管理局投诉举报处理工作实施办法（征求意见稿）"
    (f,) = [f for f in findings(law.replace("五个工作日", "十个工作日"), title=title) if f.severity != "info"]
    assert f.basis[0].article == 31 and "十个工作日" in f.quote
    assert not findings(law, title=title)
    assert divergence.is_checklist("审查举报人是否实名举报") and not divergence.is_checklist("作出是否立案决定")


def test_a_clause_is_held_to_the_provision_its_article_restates_when_only_its_number_sets_it_apart():
    # 第十八条's 延长十五个工作日 restated with 30: not 第五十五条's 可以延长, which names no number
    article = PROC_18.replace("可以延长十五个工作日", "可以延长三十个工作日")
    (f,) = [f for f in findings(article) if f.severity != "info"]
    assert f.basis[0].article == 18 and "三十个工作日" in f.quote
    assert [f for f in findings(PROC_18) if f.severity != "info"] == []


PROC_18 = ("市场监督管理部门对依据监督检查职权或者通过投诉、举报、其他部门移送、上级交办等途径发现的违法行为线索，应当自发现线索"
           "或者收到材料之日起十五个工作日内予以核查，由市场监督管理部门负责人决定是否立案；特殊情况下，经市场监督管理部门负责人批准，"
           "可以延长十五个工作日。法律、法规、规章另有规定的除外。")


_DECISIONS = ("市场监督管理部门负责人经对案件调查终结报告、审核意见、当事人陈述和申辩意见或者听证报告等进行审查，根据不同情况，"
              "分别作出以下决定：\n（一）确有依法应当给予行政处罚的违法行为的，根据情节轻重及具体情况，作出行政处罚决定；\n"
              "（二）确有违法行为，但有依法不予行政处罚情形的，不予行政处罚；\n（三）违法事实不能成立的，不予行政处罚；\n"
              "（四）不属于市场监督管理部门管辖的，移送其他行政管理部门处理；\n（五）违法行为涉嫌犯罪的，移送司法机关。")


def test_an_item_left_out_of_a_list_announced_by_yixia():
    (f,) = [f for f in findings(_DECISIONS.replace("；\n（五）违法行为涉嫌犯罪的，移送司法机关。", "。")) if f.severity != "info"]
    assert "移送司法机关" in f.suggestion and f.basis[0].article == 60
    assert [f for f in findings(_DECISIONS) if f.severity != "info"] == []


def test_a_short_item_is_compared_with_the_laws_item_of_the_same_number():
    # 程序规定 第二十条 (二) 初次违法且危害后果轻微并及时改正, its condition left out
    article = ("经核查，有下列情形之一的，可以不予立案：\n（一）违法行为轻微并及时改正，没有造成危害后果；\n"
               "（二）初次违法并及时改正；\n（三）当事人有证据足以证明没有主观过错，但法律、行政法规另有规定的除外；\n"
               "（四）依法可以不予立案的其他情形。")
    (f,) = [f for f in findings(article) if f.severity != "info"]
    assert f.quote == "（二）初次违法并及时改正" and "危害后果轻微" in f.message and f.basis[0].article == 20
    assert [f for f in findings(article.replace("（二）初次违法并及时改正", "（二）初次违法且危害后果轻微并及时改正"))
            if f.severity != "info"] == []


def test_occasions_of_a_discretion_left_out_under_its_catch_all_are_not_reported():
    # 听证办法 第二十六条 可以中止听证 without its (三): the catch-all keeps the discretion whole
    article = ("有下列情形之一的，可以中止听证：\n（一）当事人因不可抗力无法参加听证的；\n"
               "（二）当事人死亡或者终止，需要确定相关权利义务承受人的；\n"
               "（三）需要通知新的证人到场或者需要重新鉴定的；\n（四）其他需要中止听证的情形。")
    assert [f for f in findings(article) if f.severity != "info"] == []
    # without the catch-all the occasions are narrowed
    narrowed = article.replace("；\n（四）其他需要中止听证的情形。", "。")
    (f,) = [f for f in findings(narrowed) if f.severity != "info"]
    assert "当事人临时提出回避申请" in f.suggestion and f.basis[0].article == 26


def test_a_clause_whose_start_alone_was_moved_lines_up_with_the_laws():
    # 听证办法 第十八条's 自收到……申请之日起 moved to the end of the request period: the clause no longer
    # shares enough words with the law's to line up by its words alone
    law = LAWS[HEAR][18]
    moved = "市场监督管理部门应当自听证申请期限届满之日起三个工作日内，确定听证主持人。"
    (f,) = [f for f in findings(moved) if f.severity != "info"]
    assert f.basis[0].article == 18 and "听证申请期限届满" in f.message
    assert [f for f in findings(law.split("。")[0] + "。") if f.severity != "info"] == []


def test_a_party_the_document_names_left_out_of_a_right_is_reported():
    # 听证办法 第十五条 当事人、第三人可以委托……: the draft speaks of 第三人 elsewhere, so leaving it out
    # of the right to be represented takes that right away (see the tailoring test above)
    other = "与案件处理结果有利害关系的第三人，可以申请参加听证。"
    (f,) = [f for f in findings(other, _DELEGATE) if f.article == 2 and f.severity != "info"]
    assert "删去了“第三人”" in f.message


_LABELS = ("产品或者其包装上的标识必须真实，并符合下列要求：\n（一）有产品质量检验合格证明；\n"
           "（二）有中文标明的产品名称、生产厂厂名和厂址；\n（三）限期使用的产品，应当在显著位置清晰地标明生产日期和安全使用期或者失效日期。\n"
           "裸装的食品和其他根据产品的特点难以附加标识的裸装产品，可以不附加产品标识。")


def test_an_exception_the_law_states_after_its_list_left_out():
    corpus = FakeCorpus({"中华人民共和国产品质量法": {27: _LABELS}})
    cite = "为了规范产品标识，根据《中华人民共和国产品质量法》，制定本办法。"
    listed = _LABELS.rsplit("\n", 1)[0]
    (f,) = [f for f in findings(cite, listed, corpus=corpus) if f.article == 2 and f.severity != "info"]
    assert "裸装的食品" in f.message and f.basis[0].article == 27
    assert [f for f in findings(cite, _LABELS, corpus=corpus) if f.article == 2 and f.severity != "info"] == []


def test_two_short_sentences_of_the_law_written_as_one():
    law = "生产者应当制作并保存召回记录。召回记录的保存期不得少于五年。"
    corpus = FakeCorpus({"消费品召回管理暂行规定": {21: law}})
    cite = "为了规范消费品召回，根据《消费品召回管理暂行规定》，制定本办法。"
    joined = "生产者应当制作并保存召回记录，召回记录的保存期不得少于三年。"
    (f,) = [f for f in findings(cite, joined, corpus=corpus) if f.article == 2 and f.severity != "info"]
    assert "三年" in f.message and f.basis[0].article == 21
    faithful = joined.replace("三年", "五年")
    assert [f for f in findings(cite, faithful, corpus=corpus) if f.article == 2 and f.severity != "info"] == []
