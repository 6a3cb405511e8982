"""Provision rules that need no near restatement: thresholds, time limits and wording from
corpus/review/provision_checks.toml. Each rule: at least one positive and one negative case."""
from __future__ import annotations

import pytest

from commenting.review import provisions
from commenting.review.context import ReviewContext
from prov_laws import LAWS
from review_fakes import FakeCorpus, make_doc

PUNISH = "中华人民共和国行政处罚法"


def run(fn, *articles):
    doc = make_doc(*articles)
    ctx = ReviewContext.build(doc, FakeCorpus(LAWS))
    out = list(fn(ctx))
    for f in out:
        assert f.quote in doc.article(f.article).text
        assert f.suggestion.startswith("建议") and "理由：" in f.suggestion and "依据：《" in f.suggestion
        assert f.basis, f
    return out


def bases(f):
    return {(b.law, b.article) for b in f.basis}


# ---------------------------------------------------------------- limitation-period

def test_limitation_other_than_two_years():
    (f,) = run(provisions.check_limitation, "违法行为在三年内未被发现的，不再给予行政处罚。")
    assert (f.rule, f.severity) == ("limitation-period", "error")
    assert f.proposed == "违法行为在二年内未被发现的，不再给予行政处罚"
    assert bases(f) == {(PUNISH, 36)}


def test_five_years_on_other_conditions():
    (f,) = run(provisions.check_limitation, "违法行为在二年内未被发现的，不再给予行政处罚；"
                                            "涉及未成年人身心健康的，上述期限延长至五年。")
    assert f.quote == "涉及未成年人身心健康的，上述期限延长至五年"
    assert f.proposed == "涉及公民生命健康安全、金融安全且有危害后果的，上述期限延长至五年"


def test_lawful_limitation_is_not_flagged():
    assert run(provisions.check_limitation, "违法行为在二年内未被发现的，不再给予行政处罚；涉及公民生命健康安全、"
                                            "金融安全且有危害后果的，上述期限延长至五年。法律另有规定的除外。") == []


# ---------------------------------------------------------------- simple-procedure

def test_summary_procedure_above_the_limits():
    (f,) = run(provisions.check_simple_procedure, "对公民处以五百元以下、对法人或者其他组织处以五千元以下罚款的，"
                                                  "可以适用简易程序当场作出行政处罚决定。")
    assert f.rule == "simple-procedure"
    assert f.proposed == "对公民处以二百元以下、对法人或者其他组织处以三千元以下罚款的，可以适用简易程序当场作出行政处罚决定"


def test_summary_procedure_within_the_limits():
    assert run(provisions.check_simple_procedure, "对公民处以一百元以下、对法人或者其他组织处以三千元以下罚款的，"
                                                  "可以当场作出行政处罚决定。") == []


# ---------------------------------------------------------------- on-the-spot-collection

def test_collection_on_the_spot_without_the_lawful_cases():
    (f,) = run(provisions.check_on_the_spot_collection,
               "对培训机构依法当场作出罚款决定的，执法人员可以当场收缴罚款，并出具专用票据。")
    assert f.rule == "on-the-spot-collection" and (PUNISH, 68) in bases(f)


def test_collection_within_the_lawful_cases():
    assert run(provisions.check_on_the_spot_collection,
               "有下列情形之一的，执法人员可以当场收缴罚款：\n（一）依法给予一百元以下罚款的；\n（二）不当场收缴事后难以执行的。",
               "执法人员不得当场收缴罚款，法律另有规定的除外。") == []


# ---------------------------------------------------------------- enforcement-officers

def test_single_officer_or_auxiliary_staff():
    fs = run(provisions.check_enforcement_officers,
             "因执法力量不足的，经负责人批准，可以由一名行政执法人员会同执法辅助人员实施调查取证。",
             "执法辅助人员可以单独实施检查。")
    assert [(f.article, f.rule) for f in fs] == [(1, "enforcement-officers"), (2, "enforcement-officers")]


def test_single_officer_with_qualifier_or_other_wording():
    for text in ("开展日常监督检查或者核查投诉举报线索时，可以指派一名具有行政执法资格的执法人员实施。",
                 "案情简单的，可以由1名检查人员进行现场核查。",
                 "必要时可以安排单独一名工作人员开展调查。"):
        fs = run(provisions.check_enforcement_officers, text)
        assert [f.rule for f in fs] == ["enforcement-officers"], text


def test_single_officer_wording_that_keeps_the_minimum():
    assert run(provisions.check_enforcement_officers,
               "监督检查不得由一名执法人员实施。",
               "调查取证时执法人员不得少于两名，其中一名为主办人员。",
               "窗口应当安排一名工作人员负责登记。") == []


def test_two_officers_is_lawful():
    assert run(provisions.check_enforcement_officers, "执法人员开展监督检查，不得少于两人，并应当主动出示执法证件。",
               "执法辅助人员可以协助执法人员开展宣传、登记等辅助性工作。") == []


# ---------------------------------------------------------------- legal-review

def test_legal_review_waived_or_thresholded():
    fs = run(provisions.check_legal_review,
             "罚款数额在十万元以上的案件，应当进行法制审核；其他案件可以不进行法制审核。")
    assert {f.rule for f in fs} == {"legal-review"} and len(fs) == 2
    assert any("十万元以上" in f.message for f in fs) and any("可以不进行法制审核" in f.quote for f in fs)


def test_reviewer_qualification_alternative():
    (f,) = run(provisions.check_legal_review, "初次从事行政处罚决定法制审核的人员，应当通过国家统一法律职业资格考试"
                                              "取得法律职业资格，或者具有法学类专业本科以上学历。")
    assert f.proposed == "初次从事行政处罚决定法制审核的人员，应当通过国家统一法律职业资格考试取得法律职业资格"
    assert ("市场监督管理行政处罚程序规定", 51) in bases(f)


def test_lawful_legal_review():
    assert run(provisions.check_legal_review, "经过听证程序的案件，应当进行法制审核；未经法制审核或者审核未通过的，不得作出决定。",
               "初次从事行政处罚决定法制审核的人员，应当通过国家统一法律职业资格考试取得法律职业资格。") == []


# ---------------------------------------------------------------- hearing-rights

def test_hearing_not_public_as_the_rule():
    (f,) = run(provisions.check_hearing_rights, "听证一般不公开举行。当事人申请公开举行的，可以公开举行。")
    assert (f.rule, f.quote) == ("hearing-rights", "听证一般不公开举行")


def test_hearing_costs_and_agents():
    fs = run(provisions.check_hearing_rights,
             "当事人不承担组织听证的费用。当事人无正当理由不参加听证的，组织听证已经支出的费用由当事人承担。",
             "当事人可以亲自参加听证，也可以委托一名代理人参加听证。")
    assert [(f.article, f.quote[:6]) for f in fs] == [(1, "当事人无正当"), (2, "当事人可以亲")]
    assert fs[1].proposed == "当事人可以亲自参加听证，也可以委托一至二人参加听证"


def test_hearing_threshold_above_the_rules():
    (f,) = run(provisions.check_hearing_rights, "对自然人处以五万元以上罚款的，应当告知当事人有要求听证的权利。")
    assert f.severity == "warning"


def test_lawful_hearing_provisions():
    assert run(provisions.check_hearing_rights,
               "除涉及国家秘密、商业秘密或者个人隐私依法予以保密外，听证公开举行。",
               "涉及国家秘密的，听证不公开举行。",
               "当事人不承担组织听证的费用。",
               "当事人可以委托一至二人代理参加听证。",
               "对自然人处以一万元以上、对法人或者其他组织处以十万元以上罚款的，应当告知当事人有要求听证的权利。") == []


# ---------------------------------------------------------------- procedure-deadline

@pytest.mark.parametrize("text,proposed", [
    ("当事人不在场的，应当在十日内将行政处罚决定书送达当事人。", "当事人不在场的，应当在七日内将行政处罚决定书送达当事人"),
    ("当事人应当自收到行政处罚决定书之日起十日内缴纳罚款。", "当事人应当自收到行政处罚决定书之日起十五日内缴纳罚款"),
    ("当事人要求听证的，应当在告知后三日内提出。", "当事人要求听证的，应当在告知后五日内提出"),
    ("应当在举行听证的三日前，通知当事人听证的时间、地点。", "应当在举行听证的七日前，通知当事人听证的时间、地点"),
])
def test_deadlines_against_the_law(text, proposed):
    (f,) = run(provisions.check_procedure_deadlines, text)
    assert f.rule == "procedure-deadline" and f.proposed == proposed


def test_deadlines_within_the_law():
    assert run(provisions.check_procedure_deadlines,
               "当事人不在场的，应当在七个工作日内将行政处罚决定书送达当事人。",
               "当事人应当自收到行政处罚决定书之日起十五日内缴纳罚款。",
               "当事人要求听证的，应当在告知后五个工作日内提出。",
               "应当在举行听证的七日前，通知当事人听证的时间、地点。",
               "审核机构应当自收到送审材料之日起七个工作日内完成审核。") == []


# ---------------------------------------------------------------- divergence: publicity duties

def test_discretion_benchmarks_kept_internal():
    (f,) = run(provisions.check_publicity, "裁量基准供内部执法参考使用，不对外公布。")
    assert (f.rule, f.severity) == ("divergence", "error") and bases(f) == {(PUNISH, 34)}
    assert run(provisions.check_publicity, "本局制定的行政处罚裁量基准，应当向社会公布。",
               "仅受到警告行政处罚的不予公示。") == []


# ---------------------------------------------------------------- assembly

def test_combined_drops_a_divergence_the_specific_rule_covers():
    doc = make_doc("当事人不在场的，承办机构应当在十日内依照《中华人民共和国民事诉讼法》的有关规定，将行政处罚决定书送达当事人。")
    ctx = ReviewContext.build(doc, FakeCorpus(LAWS))
    fs = provisions.combined(ctx)
    assert [(f.article, f.rule) for f in fs] == [(1, "procedure-deadline")]
    assert list(provisions.check(ctx)) == fs


def test_paraphrased_provisions_are_caught():
    fs = run(provisions.check_limitation, "违法行为的追责时效为三年。")
    assert [f.rule for f in fs] == ["limitation-period"]
    fs = run(provisions.check_enforcement_officers, "情况紧急的，执法人员可以单独开展现场检查。")
    assert [f.rule for f in fs] == ["enforcement-officers"]
    fs = run(provisions.check_on_the_spot_collection, "罚款可以由执法人员当场收取。")
    assert [f.rule for f in fs] == ["on-the-spot-collection"]


def test_limitation_period_counted_from_discovery():
    (f,) = run(provisions.check_limitation, "前款规定的期限，从违法行为被发现之日起计算。")
    assert f.rule == "limitation-period" and f.proposed.startswith("前款规定的期限，从违法行为发生之日起计算")
    assert run(provisions.check_limitation, "前款规定的期限，从违法行为发生之日起计算；违法行为有连续或者继续状态的，"
                                            "从行为终了之日起计算。") == []


def test_hearing_request_in_writing_only():
    (f,) = run(provisions.check_hearing_rights, "当事人要求听证的，应当以书面形式提出听证申请。")
    assert f.rule == "hearing-rights" and f.severity == "warning"
    assert run(provisions.check_hearing_rights, "当事人可以书面或者口头提出听证要求。") == []


# ---------------------------------------------------------------- no-penalty-conditions

def test_first_violation_exemption_with_a_dropped_condition_or_made_mandatory():
    fs = run(provisions.check_no_penalty,
             "当事人初次实施本办法规定的违法行为，并在责令改正的期限内改正的，不予行政处罚。",
             "初次违法且危害后果轻微并及时改正的，应当不予行政处罚。")
    assert [(f.article, f.rule) for f in fs] == [(1, "no-penalty-conditions"), (2, "no-penalty-conditions")]
    assert "危害后果轻微" in fs[0].message and "可以不予" in fs[0].message
    assert "危害后果轻微" not in fs[1].message.split("上位法规定")[0]
    assert [(b.law, b.article) for b in fs[0].basis] == [("中华人民共和国行政处罚法", 33)]


def test_faithful_no_penalty_provisions_pass():
    assert run(provisions.check_no_penalty,
               "初次违法且危害后果轻微并及时改正的，可以不予行政处罚。",
               "违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。",
               "当事人有证据足以证明没有主观过错的，不予行政处罚。",
               "初次违法但造成严重后果的，不适用不予处罚的规定。",
               "违法行为轻微，依法可以不予行政处罚的，不予行政处罚。") == []


def test_limitation_start_changed_for_continuing_violations():
    fs = run(provisions.check_limitation,
             "前款规定的期限，从违法行为发生之日起计算；违法行为有连续或者继续状态的，从市场监督管理部门发现该违法行为之日起计算。")
    assert [f.rule for f in fs] == ["limitation-period"]
    assert fs[0].proposed == "违法行为有连续或者继续状态的，从行为终了之日起计算"
    assert run(provisions.check_limitation,
               "前款规定的期限，从违法行为发生之日起计算；违法行为有连续或者继续状态的，从行为终了之日起计算。") == []


def test_minor_and_mental_illness_exemptions_keep_their_conditions():
    fs = run(provisions.check_no_penalty, "未成年人有违法行为的，不予行政处罚。", "精神病人有违法行为的，不予行政处罚。")
    assert [(f.article, f.basis[0].article) for f in fs] == [(1, 30), (2, 31)]
    assert run(provisions.check_no_penalty, "不满十四周岁的未成年人有违法行为的，不予行政处罚，责令监护人加以管教。",
               "精神病人、智力残疾人在不能辨认或者不能控制自己行为时有违法行为的，不予行政处罚。") == []
