"""The comparison at the heart of the restated-provision check: normalise, diff, classify."""
from __future__ import annotations

import pytest

from commenting.diffing import apply_hunks, char_diff, hunks, normalize, redline, split_clauses
from commenting.review.divergence import compare, norm, quantities


def kinds(law: str, draft: str, **kw) -> list[str]:
    return [c.kind for c in compare(norm(law), norm(draft), **kw)]


@pytest.mark.parametrize("law,draft,expected", [
    ("违法行为在二年内未被发现的，不再给予行政处罚", "违法行为在三年内未被发现的，不再给予行政处罚", ["time"]),
    ("对公民处以二百元以下罚款", "对公民处以五百元以下罚款", ["amount"]),
    ("当事人有下列情形之一，应当从轻或者减轻行政处罚", "当事人有下列情形之一，可以从轻或者减轻行政处罚", ["modal"]),
    ("决定作出之前，不停止调查", "决定作出之前，暂停调查", ["negation"]),
    ("听证公开举行", "听证一般不公开举行", ["negation"]),
    ("受他人胁迫或者诱骗实施违法行为的", "受他人胁迫实施违法行为的", ["alternative"]),
    ("涉及公民生命健康安全、金融安全且有危害后果的，上述期限延长至五年", "涉及公民生命健康安全、金融安全的，上述期限延长至五年",
     ["condition"]),
])
def test_meaningful_changes(law, draft, expected):
    assert kinds(law, draft) == expected


@pytest.mark.parametrize("law,draft", [
    ("行政机关应当在七日内送达", "市场监督管理部门应当在七个工作日内送达"),  # agency names, 工作日
    ("本法所称“以上”包括本数", "本办法所称以上，包括本数"),  # 本法→本办法, quotes and commas
    ("行政机关应当在七日内送达", "本局应当在五日内送达"),  # the agency acts faster: in the party's favour
    ("当事人应当在告知后五日内提出", "当事人应当在告知后十日内提出"),  # the party gets longer
    ("并处货值金额十倍以上二十倍以下的罚款", "并处货值金额十倍以上十七倍以下罚款"),  # a tier within the range
    ("行政机关应当依法公开", "本局依法公开"),  # a declarative restatement
    ("吊销药品批准证明文件、药品生产许可证、药品经营许可证或者医疗机构制剂许可证", "吊销药品经营许可证"),  # tailoring a long list
])
def test_harmless_differences(law, draft):
    assert kinds(law, draft) == []


def test_threshold_and_widening_only_where_the_provision_protects_the_party():
    law, draft = "有下列情形之一，应当进行法制审核", "罚款十万元以上的，应当进行法制审核"
    assert kinds(law, draft) == []
    assert kinds(law, draft, protective=True) == ["threshold"]
    law = "应当通过国家统一法律职业资格考试取得法律职业资格"
    assert kinds(law, law + "，或者具有法学类专业本科以上学历", protective=True) == ["widened"]


def test_favourable_direction_of_amounts():
    law, draft = "对公民处以二百元以下罚款的，可以当场作出行政处罚决定", "对公民处以五十元以下罚款的，可以当场作出行政处罚决定"
    assert kinds(law, draft) == ["amount"]
    assert kinds(law, draft, favourable="lower") == []


def test_quantities_units_and_article_numbers():
    qs = quantities("依照本法第五十一条，在七个工作日内处二百元以上三千元以下罚款")
    assert [(q.value, q.unit) for q in qs] == [(7, "个工作日"), (200, "元"), (3000, "元")]


def test_normalize_maps_back_to_the_source():
    n = normalize("（一）市场监督管理部门应当在七日内送达；", (("市场监督管理部门", "机关"),))
    assert n.text == "机关应当在七日内送达"
    i = n.text.index("七")
    assert n.source[n.starts[i]:n.ends[i]] == "七"
    assert n.source_span(0, 2) == (3, 11)


def test_law_wording_restored_into_the_draft():
    law, draft = norm("行政机关应当在七日内送达"), norm("承办机构应当在十日内送达当事人")
    hs = [h for h in hunks(law.text, draft.text, expand="七十", expand_after="日") if "七" in h.old]
    assert apply_hunks(draft, law, hs) == "承办机构应当在七日内送达当事人"


def test_compare_asked_again_answers_the_same_and_hands_out_its_own_changes():
    law, draft = norm("违法行为在二年内未被发现的，不再给予行政处罚"), norm("违法行为在三年内未被发现的，不再给予行政处罚")
    first = compare(law, draft)
    assert [(c.kind, c.law_text, c.draft_text) for c in first] == [("time", "二年", "三年")]
    first[0].kind, first[0].hunk.o1 = "changed by the caller", -1
    again = compare(norm("违法行为在二年内未被发现的，不再给予行政处罚"), draft)
    assert [(c.kind, c.law_text, c.draft_text) for c in again] == [("time", "二年", "三年")]
    assert again[0].hunk.o1 >= 0


def test_split_clauses_gives_exact_spans():
    text = "第一句，有逗号；第二句。\n（一）项一；\n（二）项二。"
    spans = split_clauses(text)
    assert [s.text for s in spans] == ["第一句，有逗号", "第二句", "（一）项一", "（二）项二"]
    assert all(text[s.start:s.end] == s.text for s in spans)


def test_char_diff_and_redline_unchanged():
    assert char_diff("二年", "三年") == [(-1, "二"), (1, "三"), (0, "年")]
    assert redline("不停止调查", "暂停调查") == "〔删：不停止〕〔增：暂停〕调查"


def test_flip_inside_a_longer_edit():
    law = "当事人对行政处罚决定不服，申请行政复议或者提起行政诉讼的，行政处罚不停止执行，法律另有规定的除外"
    draft = "当事人对行政处罚决定不服，申请行政复议或者提起行政诉讼的，行政处罚暂停执行"
    assert kinds(law, draft) == ["negation", "deference"]
    # leaving out 法律另有规定的除外 only: the law prevails anyway, a hint (info) in the finding
    assert kinds(law, "当事人对行政处罚决定不服，申请行政复议或者提起行政诉讼的，行政处罚不停止执行") == ["deference"]


def test_a_moved_start_point_is_a_change():
    # 行政处罚法 第三十六条第二款; 程序规定's payment deadline written with Arabic digits is the same limit
    assert kinds("前款规定的期限，从违法行为发生之日起计算", "前款规定的期限，从违法行为被发现之日起计算") == ["start"]
    assert kinds("当事人应当自收到行政处罚决定书之日起十五日内缴纳罚款",
                 "当事人应当自收到行政处罚决定书之日起15日内缴纳罚款") == []
    # the same day in more words (受理申请 → 受理经营许可申请) moves nothing
    assert kinds("行政机关应当自受理申请之日起二十日内作出行政许可决定",
                 "行政机关应当自受理经营许可申请之日起二十日内作出行政许可决定") == []


def test_a_general_party_restated_as_a_narrower_one_is_a_change():
    # 行政处罚法 第三十二条 applies to every 当事人; a draft writing 企业法人 leaves out the rest
    assert kinds("当事人有下列情形之一，应当从轻或者减轻行政处罚",
                 "企业法人有下列情形之一，应当从轻或者减轻行政处罚") == ["subject"]
    assert kinds("公民、法人或者其他组织违反行政管理秩序的行为，应当给予行政处罚的",
                 "公民违反行政管理秩序的行为，应当给予行政处罚的") == ["subject"]
    # the same party in other words, or a narrower name for someone the law does not name generally
    assert kinds("当事人要求听证的，应当在行政机关告知后五日内提出",
                 "当事人要求听证的，应当在市场监督管理部门告知后五日内提出") == []
    assert kinds("申请人申请行政许可，应当如实向行政机关提交有关材料",
                 "企业申请生产许可，应当如实向行政机关提交有关材料") != ["subject"]


def test_a_modal_in_the_laws_lead_in_is_not_added_by_the_draft():
    # 行政处罚法 第七十二条: 可以采取下列措施：（一）到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款
    law, draft = "（一）到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款", "到期不缴纳罚款的，可以每日按罚款数额的百分之三加处罚款"
    assert kinds(law, draft, law_item=True) == []
    assert kinds(law, draft) == ["modal"]


def test_confiscation_is_no_negation():
    # 程序规定 第七十二条 writes 罚没款 where 行政处罚法 第六十七条 writes 罚款: the 没 negates nothing
    assert kinds("当事人应当自收到行政处罚决定书之日起十五日内，到指定的银行或者通过电子支付系统缴纳罚款",
                 "当事人应当自收到行政处罚决定书之日起十五日内，通过指定银行或者电子支付系统缴纳罚没款") == []


@pytest.mark.parametrize("law,draft,said", [
    # a modal changed inside an edit whose numbers stay the same (三十日 written 30日)
    ("经营者自行终止经营活动的，应当提前三十日公示有关信息", "经营者自行终止经营活动的，可以提前30日公示有关信息",
     "将“应当”改为“可以”"),
    # a qualifier put before a modal softens it
    ("未经法制审核或者审核未通过的，不得作出决定", "未经法制审核或审核未通过的，原则上不得作出决定",
     "将“不得”改为“原则上不得”"),
    ("委托代理人代为放弃听证权利的，必须有委托人的明确授权", "委托代理人代为放弃听证权利的，一般应当有委托人的明确授权",
     "将“必须”改为“一般应当”"),
    # one modal for another with words around it
    ("对实名举报的，监督检查部门应当将处理结果告知举报人", "对实名举报的，市场监督管理部门可以视情将处理结果告知举报人",
     "将“应当”改为“可以”"),
])
def test_modal_changes_seen_through_other_edits(law, draft, said):
    [change] = compare(norm(law), norm(draft))
    assert change.kind == "modal" and change.describe() == said


def test_whose_time_limit_decides_which_direction_is_a_change():
    agency = "申请材料不齐全的，应当当场或者在五日内一次告知申请人需要补正的全部内容"
    assert kinds(agency, agency.replace("五日", "十日")) == ["time"]  # the agency takes longer
    assert kinds(agency, agency.replace("五日", "三日")) == []  # the agency answers sooner: for the party
    party = "当事人可以自收到告知书之日起五日内提出听证要求"
    assert kinds(party, party.replace("五日", "三日")) == ["time"]  # the party has less time
    assert kinds(party, party.replace("五日", "七日")) == []


@pytest.mark.parametrize("law,draft,expected", [
    # a condition inside the clause left out
    ("用于贸易结算方面的列入强制检定目录的工作计量器具，实行强制检定", "用于贸易结算方面的工作计量器具，实行强制检定", ["condition"]),
    ("当事人确有经济困难，需要延期缴纳罚款的，可以暂缓缴纳", "当事人需要延期缴纳罚款的，可以暂缓缴纳", ["condition"]),
    # an approval names an agency and is a condition all the same
    ("市级部门根据特殊需要，经省人民政府标准化行政主管部门批准，可以制定地方标准", "市级部门根据特殊需要，可以制定地方标准",
     ["condition"]),
    # not a condition: the start of the sentence, who acts, a reference, a definition
    ("县级以上各级政府应当将下一级政府报送备案的决算汇总", "将下一级政府报送备案的决算汇总", []),
    ("符合本条例第二十四条规定的免于进行临床评价情形的，可以免于提交临床评价资料", "免于进行临床评价的，可以免于提交临床评价资料", []),
    ("其他物项（以下统称管制物项）的出口管制，适用本条例", "其他物项的出口管制，适用本条例", []),
])
def test_dropped_conditions(law, draft, expected):
    assert kinds(law, draft) == expected


@pytest.mark.parametrize("law,draft", [
    ("负责特种设备安全监督管理的部门应当实施重点安全监督检查", "市场监督管理部门应当实施重点安全监督检查"),
    ("县级以上人民政府食品安全监督管理部门应当依法处理", "市场监督管理部门应当依法处理"),
    ("价格主管部门可以责令改正", "市场监督管理部门可以责令改正"),
    ("当事人或者其他组织", "当事人或其他组织"),
])
def test_agency_named_by_its_field_is_the_agency(law, draft):
    assert kinds(law, draft) == [] and norm(law).text == norm(draft).text


@pytest.mark.parametrize("law,draft,kind", [
    ("售出的产品不符合标准的，销售者应当负责修理、更换、退货", "售出的产品不符合标准的，生产者应当负责修理、更换、退货", "party"),
    ("特种设备使用单位应当在投入使用后三十日内办理使用登记", "特种设备安装单位应当在投入使用后三十日内办理使用登记", "party"),
    ("经营者应当在结算前向消费者出示价格", "经营者应当在结算后向消费者出示价格", "timing"),
])
def test_a_party_or_a_time_put_otherwise_is_a_change(law, draft, kind):
    assert kinds(law, draft) == [kind]


@pytest.mark.parametrize("law,draft", [
    ("食品经营者应当查验供货者的许可证", "食品生产经营者应当查验供货者的许可证"),  # a kind named more widely: words added
    ("行政机关应当告知当事人", "市场监督管理部门应当告知当事人"),  # the agency
    ("经营者应当在结算前向消费者出示价格", "经营者应当在结算之前向消费者出示价格"),  # the same time
])
def test_a_party_or_time_said_the_same_way_is_no_change(law, draft):
    assert kinds(law, draft) == []


def test_the_government_of_another_level_is_not_a_party_put_otherwise():
    law = "县级以上地方人民政府负责药品监督管理的部门负责本行政区域的化妆品监督管理工作"
    assert "party" not in kinds(law, law.replace("县级以上地方", "市州、县市区"))


@pytest.mark.parametrize("law,draft,expected", [
    # the conditional phrase the law's sentence opens with, left out
    ("情况复杂的，经市场监督管理部门负责人批准，可以延长，但是延长期限不得超过三十日",
     "经市场监督管理部门负责人批准，可以延长，但是延长期限不得超过三十日", ["condition"]),
    ("违法事实确凿并有法定依据，对公民处以二百元以下罚款的，可以当场作出行政处罚决定",
     "对公民处以二百元以下罚款的，可以当场作出行政处罚决定", ["condition"]),
    # a condition put on the law's duty
    ("应当对申请资料进行审核，对申请人的生产场所进行现场核查", "应当对申请资料进行审核，必要时对申请人的生产场所进行现场核查",
     ["condition_added"]),
    ("举报人实名举报的，行政机关还应当自作出是否立案决定之日起五个工作日内告知举报人",
     "举报人实名举报并书面要求告知的，行政机关还应当自作出是否立案决定之日起五个工作日内告知举报人", ["condition_added"]),
    # alternatives made cumulative
    ("对情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定",
     "对情节复杂且重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定", ["joined"]),
    ("当事人提出的事实、理由或者证据成立的，行政机关应当采纳", "当事人提出的事实、理由和证据均成立的，行政机关应当采纳", ["joined"]),
    # the party narrowed: a narrower party for one of the law's mentions, a qualifier before it
    ("当事人确有经济困难，需要延期缴纳罚款的，经当事人申请和行政机关批准，可以暂缓缴纳",
     "个体工商户确有经济困难，需要延期缴纳罚款的，经当事人申请和行政机关批准，可以暂缓缴纳", ["subject"]),
    ("食品生产企业应当建立进货查验记录制度", "规模以上食品生产企业应当建立进货查验记录制度", ["subject"]),
    # one whose consent the law waits for left out: the condition is another
    ("市场监督管理部门经投诉人和被投诉人同意，采用调解的方式处理投诉", "市场监督管理部门经投诉人同意，采用调解的方式处理投诉",
     ["condition"]),
    # one party or one listed case left out: weighed where the clause stands (see test_divergence)
    ("生产者、销售者应当建立健全内部产品质量管理制度", "生产者应当建立健全内部产品质量管理制度", ["member"]),
    ("在边远、水上、交通不便地区，当事人缴纳罚款确有困难的，执法人员可以当场收缴罚款",
     "在边远、交通不便地区，当事人缴纳罚款确有困难的，执法人员可以当场收缴罚款", ["list_member"]),
])
def test_conditions_and_parties_changed(law, draft, expected):
    assert kinds(law, draft) == expected


@pytest.mark.parametrize("law,draft", [
    # 必要时 before a discretion leaves it a discretion
    ("药品监督管理部门可以对提供产品的单位进行延伸检查", "药品监督管理部门必要时可以对提供产品的单位进行延伸检查"),
    # under 未 the two read alike (未设置A或者配备B)
    ("未按照规定设置安全生产管理机构或者配备安全生产管理人员的", "未按照规定设置安全生产管理机构并配备安全生产管理人员的"),
    # a qualifier the law's own clause uses, a localising one, a thing of the party
    ("行政许可申请属于直接关系公共安全事项的，申请人在一年内不得再次申请该行政许可",
     "行政许可申请属于直接关系公共安全事项的，行政许可申请人在一年内不得再次申请该行政许可"),
    ("经营者应当明码标价", "本市经营者应当明码标价"),
    ("企业名称不得有下列情形", "申报企业名称，不得有下列情形"),
    # the opening of a long sentence left out is a shorter restatement, not a condition
    ("经婚前医学检查，对诊断患有医学上认为不宜生育的严重遗传性疾病的，医师应当说明情况",
     "对诊断患有医学上认为不宜生育的严重遗传性疾病的，医师应当说明情况"),
])
def test_conditions_and_parties_said_otherwise_but_alike(law, draft):
    assert kinds(law, draft) == []


@pytest.mark.parametrize("law,draft,expected", [
    # an exception or proviso left out, whatever words it opens with
    ("实际成交价格与标示幅度不完全一致，但符合舍零取整等交易习惯", "实际成交价格与标示幅度不完全一致", ["exception"]),
    ("除依照本法第六十八条、第六十九条的规定当场收缴的罚款外，作出罚款决定的行政机关应当与收缴罚款的机构分离",
     "作出罚款决定的行政机关应当与收缴罚款的机构分离", ["exception"]),
    # an exception the draft adds, or another case put into the law's exception
    ("经营者不得收取任何未予标明的费用", "经营者不得收取任何未予标明的费用，但经营者事先口头说明的除外", ["exception_added"]),
    ("除涉及国家秘密、商业秘密或者个人隐私依法予以保密外，听证应当公开举行",
     "除涉及国家秘密、商业秘密、个人隐私或者当事人申请不公开的外，听证应当公开举行", ["exception_widened"]),
    ("但是，销售食用农产品和仅销售预包装食品的，不需要取得许可", "但是，销售食用农产品、现制现售食品和仅销售预包装食品的，不需要取得许可",
     ["exception_widened"]),
])
def test_exceptions_dropped_added_or_widened(law, draft, expected):
    assert kinds(law, draft) == expected


@pytest.mark.parametrize("law,draft", [
    ("经营者不得收取任何未予标明的费用", "经营者不得收取任何未予标明的费用，法律另有规定的除外"),  # deferring adds nothing
    ("对依法应当给予行政处罚的违法行为，应当依法予以处罚，或者移送有关机关", "对依法应当给予行政处罚的违法行为，应当依法予以处罚、或者移送有关机关"),
])
def test_exceptions_said_otherwise_but_alike(law, draft):
    assert kinds(law, draft) == []


@pytest.mark.parametrize("law,draft", [
    # the party's limit to apply for a re-test, shortened (申请 here is the party's act)
    ("生产者、销售者对抽查检验的结果有异议的，可以自收到检验结果之日起十五日内向实施监督抽查的市场监督管理部门申请复检",
     "生产者、销售者对抽查检验的结果有异议的，可以自收到检验结果之日起七日内向实施监督抽查的市场监督管理部门申请复检"),
    # the agency's limit lengthened: 申请人 is who receives, not an act of the party
    ("行政机关作出准予行政许可的决定，应当自作出决定之日起十日内向申请人颁发、送达行政许可证件",
     "市场监督管理部门作出准予行政许可的决定，应当自作出决定之日起二十日内向申请人颁发、送达行政许可证件"),
    # a business's advance notice shortened
    ("网络交易经营者自行终止从事网络交易活动的，应当提前三十日在其网站首页显著位置持续公示有关信息",
     "网络交易经营者自行终止从事网络交易活动的，应当提前七日在其网站首页显著位置持续公示有关信息"),
    # a minimum some words before the number (不得少于产品保质期满后六个月)
    ("记录和凭证保存期限不得少于产品保质期满后六个月", "记录和凭证保存期限不得少于产品保质期满后三个月"),
    # periods that fix a status or a right, not a time to act: validity, deemed service, a bar
    ("化妆品生产许可证有效期为五年", "化妆品生产许可证有效期为三年"),
    ("自公告发布之日起经过三十日，即视为送达", "自公告发布之日起经过十五日，即视为送达"),
    ("投诉人知道或者应当知道自己的权益受到被投诉人侵害之日起超过三年的", "投诉人知道或者应当知道自己的权益受到被投诉人侵害之日起超过一年的"),
    # the agency's limit lengthened; the party's request is only the start (自收到……申请之日起)
    ("市场监督管理部门应当自收到当事人要求听证的申请之日起三个工作日内，确定听证主持人",
     "市场监督管理部门应当自收到当事人要求听证的申请之日起十个工作日内，确定听证主持人"),
    # a business's duty, its modal some words after the business
    ("网络交易经营者采取自动展期、自动续费等方式提供服务的，应当在自动展期、自动续费等日期前五日，以显著方式提请消费者注意",
     "网络交易经营者采取自动展期、自动续费等方式提供服务的，应当在自动展期、自动续费等日期前一日，以显著方式提请消费者注意"),
    # nothing says whose limit it is: a change is not presumed to favour anyone
    ("自投诉受理之日起四十五个工作日内投诉人和被投诉人未能达成调解协议的", "自投诉受理之日起三十个工作日内投诉人和被投诉人未能达成调解协议的"),
])
def test_time_limits_read_by_whose_they_are(law, draft):
    assert kinds(law, draft) == ["time"]


def test_the_agency_answering_sooner_after_the_partys_request_is_no_change():
    assert kinds("市场监督管理部门应当自收到当事人要求听证的申请之日起三个工作日内，确定听证主持人",
                 "市场监督管理部门应当自收到当事人要求听证的申请之日起二个工作日内，确定听证主持人") == []


@pytest.mark.parametrize("law,draft,moved", [
    ("应当在特种设备投入使用前或者投入使用后三十日内办理使用登记", "应当在特种设备投入使用前或者安装验收合格后三十日内办理使用登记",
     ("投入使用", "安装验收合格")),
    ("当事人要求听证的，应当在行政机关告知后五日内提出", "当事人要求听证的，应当在收到行政处罚决定书后五日内提出",
     ("行政机关告知", "收到行政处罚决定书")),
    ("诉讼时效期间为二年，自当事人知道或者应当知道其权益受到损害时起计算", "诉讼时效期间为二年，自损害发生时起计算",
     ("当事人知道或者应当知道其权益受到损害", "损害发生")),
    ("办案人员应当在作出行政处罚决定之日起七个工作日内报送", "办案人员应当在案件执行完毕之日起七个工作日内报送",
     ("作出行政处罚决定", "案件执行完毕")),
])
def test_start_points_with_or_without_zi(law, draft, moved):
    # quoted as the source words them, not as normalised (行政机关, 或者)
    (change,) = compare(norm(law), norm(draft))
    assert (change.kind, change.law_text, change.draft_text) == ("start", *moved)


def test_the_same_event_said_shorter_is_the_same_start():
    assert kinds("应当在特种设备投入使用前或者投入使用后三十日内办理使用登记", "应当在特种设备投入使用前或者使用后三十日内办理使用登记") == []


def test_one_act_of_a_listed_duty_left_out():
    law = "食品生产者发现其生产的食品不符合食品安全标准的，应当立即停止生产，召回已经上市销售的食品，通知相关生产经营者和消费者，并记录召回和通知情况"
    assert kinds(law, law.replace("通知相关生产经营者和消费者，", "")) == ["list_act"]
    # acts told, not owed (no 应当 before them), are a description the draft may shorten
    told = "国家召回制度的内容包括停止生产，召回已经上市销售的食品，通知相关生产经营者和消费者，记录召回和通知情况"
    assert kinds(told, told.replace("通知相关生产经营者和消费者，", "")) == []


def test_a_draft_names_the_law_by_its_title_where_the_law_says_this_law():
    from commenting.review.divergence import norm_against
    law = norm("依照本法第五十一条的规定当场作出行政处罚决定")
    draft = norm_against("依照《中华人民共和国行政处罚法》第五十一条的规定当场作出行政处罚决定", "中华人民共和国行政处罚法")
    assert draft.text == law.text
    # another law's title stays a title
    assert "本法" not in norm_against("依照《中华人民共和国行政强制法》第十条", "中华人民共和国行政处罚法").text


@pytest.mark.parametrize("law,draft,words", [
    # a consent or request the rule waits for, at the end of the sentence
    ("当事人到指定的银行或者通过电子支付系统缴纳罚款确有困难，经当事人提出，行政机关及其执法人员可以当场收缴罚款",
     "当事人到指定的银行或者通过电子支付系统缴纳罚款确有困难的，市场监督管理部门及其执法人员可以当场收缴罚款", "经当事人提出"),
    ("未经定期检验或者检验不合格的特种设备，不得继续使用", "检验不合格的特种设备，不得继续使用", "未经定期检验"),
    ("无正当理由拒绝履行或者不完全履行价格承诺", "拒绝履行或者不完全履行价格承诺", "无正当理由"),
    ("经营明知是不符合食品安全标准的食品", "经营不符合食品安全标准的食品", "明知是"),
])
def test_a_condition_left_out_at_either_end_of_the_clause(law, draft, words):
    changes = compare(norm(law), norm(draft))
    assert [(c.kind, c.law_text) for c in changes] == [("condition", words)]


def test_a_shorter_sentence_and_a_reworded_licence_drop_no_condition():
    # the law's penalty item says 未经许可从事……; a rule that grants the licence says it positively
    assert kinds("（二）未经许可从事第二类、第三类医疗器械生产活动",
                 "从事第二类、第三类医疗器械生产活动，应当经所在地省、自治区、直辖市药品监督管理部门批准，依法取得医疗器械生产许可证") == []
    # the end of the sentence left out, no consent or request in it
    assert kinds("当事人应当在收到行政处罚决定书之日起十五日内缴纳罚款，到期不缴纳的依法加处罚款",
                 "当事人应当在收到行政处罚决定书之日起十五日内缴纳罚款") == []


def test_the_agency_and_its_officers_are_the_agency():
    assert kinds("行政机关及其执法人员可以当场收缴罚款", "市场监督管理部门及其执法人员可以当场收缴罚款") == []


def test_one_of_the_things_a_duty_requires_left_out_counts_in_a_normative_document():
    from commenting.review.divergence import _settle
    law, draft = norm("经营者销售商品应当标示商品的品名、价格和计价单位"), norm("经营者销售商品应当标示商品的品名和价格")
    changes = compare(law, draft)
    assert [c.kind for c in changes] == ["member"]
    settled = _settle(changes, draft.text, close=False, normative=True, law_text=law.text, draft_text=draft.text)
    assert [(c.kind, c.law_text) for c in settled] == [("duty_member", "计价单位")]
    # a regulation or rule may specify the law for its field
    assert _settle(changes, draft.text, close=False, normative=False, law_text=law.text, draft_text=draft.text) == []
    # a party left out before the duty is tailoring unless the article names it elsewhere
    law, draft = norm("生产者、销售者应当建立健全内部产品质量管理制度"), norm("生产者应当建立健全内部产品质量管理制度")
    assert _settle(compare(law, draft), draft.text, close=True, normative=True, law_text=law.text,
                   draft_text=draft.text) == []


def test_a_requirement_added_to_what_spares_the_party_is_a_condition():
    changes = compare(norm("初次违法且危害后果轻微并及时改正的，可以不予行政处罚"),
                      norm("初次违法、危害后果轻微、及时改正且一年内未被投诉举报的，可以不予行政处罚"))
    assert [(c.kind, c.draft_text) for c in changes] == [("condition_added", "且一年内未被投诉举报")]
    # the same words without a further requirement are the law's (且 → 、)
    assert kinds("初次违法且危害后果轻微并及时改正的，可以不予行政处罚",
                 "初次违法、危害后果轻微、及时改正的，可以不予行政处罚") == []
    # a discretion stays a discretion: 必要时可以 adds no condition to a power
    assert kinds("市场监督管理部门可以对有关场所实施现场检查", "市场监督管理部门必要时可以对有关场所实施现场检查") == []


def test_a_modal_taken_out_counts_only_when_the_clause_keeps_none_of_it():
    assert kinds("经营者违反本法规定的，责令改正，可以并处违法所得五倍以下的罚款",
                 "经营者违反本法规定的，责令改正，并处违法所得五倍以下的罚款") == ["modal"]
    # one of two 可以 gone: the party may still apply and sue
    assert kinds("当事人对处罚决定不服的，可以依法申请行政复议，也可以依法向人民法院起诉",
                 "当事人对处罚决定不服的，可以依法申请行政复议或者向人民法院起诉") == []


def test_a_time_the_agency_has_to_organise_is_the_agencys_even_after_the_partys_request():
    law = "申请人、利害关系人在被告知听证权利之日起五日内提出听证申请的，行政机关应当在二十日内组织听证"
    assert kinds(law, law.replace("二十日", "三十日")) == ["time"]
    assert kinds(law, law.replace("二十日", "十五日")) == []  # the agency hears sooner: the party's favour


def test_a_longer_time_for_what_the_party_owes_is_a_change_and_for_its_right_is_not():
    pay = "当事人应当自收到行政处罚决定书之日起十五日内，到指定的银行或者通过电子支付系统缴纳罚款"
    assert kinds(pay, pay.replace("十五日", "三十日")) == ["time"]
    ask = "当事人要求听证的，应当在行政机关告知后五日内提出"
    assert kinds(ask, ask.replace("五日", "十日")) == []


def test_an_act_left_out_between_two_kept_ones_with_then_in_its_place():
    law = "特种设备出现故障或者发生异常情况，特种设备使用单位应当对其进行全面检查，消除事故隐患，方可继续使用"
    assert [(c.kind, c.law_text) for c in compare(norm(law), norm(law.replace("全面检查，消除事故隐患，", "全面检查后，")))] \
        == [("list_act", "消除事故隐患")]
    assert kinds(law, law.replace("，消除事故隐患，", "并消除事故隐患后，")) == []  # the same acts joined otherwise


def test_the_last_requirement_of_a_case_left_out_is_a_condition():
    law = "（二）当场对自然人处以二百元以下、对法人或者其他组织处以三千元以下罚款，不当场收缴事后难以执行的"
    draft = "（二）当场对自然人处以200元以下、对法人或其他组织处以3000元以下罚款的"
    assert [(c.kind, c.law_text) for c in compare(norm(law), norm(draft))] == [("condition", "不当场收缴事后难以执行")]
    # the end of a sentence that describes no case is a shorter restatement
    assert kinds("投诉人可以在调解前撤回投诉，书面说明理由", "投诉人可以在调解前撤回投诉") == []


def test_words_taken_from_the_case_a_clause_opens_with_are_a_condition_in_a_normative_document():
    from commenting.review.divergence import _settle
    law = norm("有发生食品安全事故潜在风险的，应当立即停止食品生产经营活动")
    draft = norm("已经发生食品安全事故的，应当立即停止食品生产经营活动")
    changes = compare(law, draft)
    assert [(c.kind, c.law_text) for c in changes] == [("case_words", "潜在风险")]
    options = dict(law_text=law.text, draft_text=draft.text)
    assert [c.kind for c in _settle(changes, "", close=True, normative=True, **options)] == ["condition"]
    assert _settle(changes, "", close=True, normative=False, **options) == []  # a rule words the case its way
    assert kinds(law.source, "有发生食品安全事故潜在风险的，应当立即停止生产经营活动") == []  # not in the case


def test_a_word_put_for_another_is_reworded():
    law = "被比较价格应当不高于该经营者在同一经营场所进行价格比较前七日内的最低成交价格"
    (c,) = compare(norm(law), norm(law.replace("最低", "平均")))
    assert (c.kind, c.law_text, c.draft_text) == ("reworded", "最低", "平均")
    (c,) = compare(norm("由最先立案的行政机关管辖"), norm("由最先发现的市场监督管理部门管辖"))
    assert (c.kind, c.law_text, c.draft_text) == ("reworded", "立案", "发现")
    # the words quoted as the source writes them, not as normalised
    (c,) = compare(norm("办案人员不得担任听证主持人"), norm("办案机构负责人不得担任听证主持人"))
    assert (c.kind, c.law_text, c.draft_text) == ("reworded", "办案人员", "办案机构负责人")


@pytest.mark.parametrize("law,draft", [
    ("由行政机关负责人决定", "由部门负责人决定"),  # one name of the administration for another
    ("两个以上行政机关都有管辖权的", "2个以上市场监督管理部门都有管辖权的"),  # a number written otherwise
    ("行政机关应当及时处理", "市场监督管理部门应当依法及时处理"),  # words added, none replaced
    ("行政机关必须充分听取当事人的意见", "执法人员必须充分听取当事人的意见"),  # those who act for the agency
    ("县级以上地方市场监督管理部门负责本行政区域内的投诉举报处理工作",
     "各县（市、区）市场监督管理部门负责本行政区域内的投诉举报处理工作"),  # localised
    ("发现存在本办法第十五条规定情形的", "发现存在本规程第九条规定情形的"),  # renumbered
])
def test_no_word_of_the_law_replaced(law, draft):
    assert kinds(law, draft) == []


def test_a_reworded_clause_counts_in_a_normative_document_that_keeps_the_laws_sentence():
    from commenting.review.divergence import _settle
    law, draft = norm("由最先立案的行政机关管辖"), norm("由最先发现的市场监督管理部门管辖")
    changes = compare(law, draft)
    options = dict(law_text=law.text, draft_text=draft.text)
    assert [c.kind for c in _settle(changes, "", close=False, normative=True, **options)] == ["reworded"]
    assert _settle(changes, "", close=True, normative=False, **options) == []  # a rule may word it for its field


def test_a_party_left_out_with_what_it_does_jointly():
    law = "检定、检验、检测、鉴定所需费用由投诉人和被投诉人协商一致承担"
    assert [(c.kind, c.law_text) for c in compare(norm(law), norm("检定、检验、检测、鉴定所需费用由投诉人承担"))] \
        == [("member", "被投诉人")]


def test_a_collective_discussion_left_out_is_a_condition():
    law = "经延期仍不能作出处理决定的，应当由市场监督管理部门负责人集体讨论决定是否继续延期"
    assert "condition" in kinds(law, "经延期仍不能作出处理决定的，由市场监督管理部门负责人决定是否继续延期")


def test_the_first_of_two_acts_a_duty_joins_left_out():
    law = "质量安全负责人应当具备化妆品质量安全相关专业知识，并具有五年以上化妆品生产或者质量安全管理经验"
    (c,) = compare(norm(law), norm("质量安全负责人应当具有五年以上化妆品生产或者质量安全管理经验"))
    assert (c.kind, c.law_text) == ("list_act", "具备化妆品质量安全相关专业知识")
    assert kinds(law, "质量安全负责人应当具备化妆品质量安全相关专业知识和五年以上化妆品生产或者质量安全管理经验") == []


def test_a_one_character_swap_is_not_a_reworded_word():
    # 消失 → 消除 says the same; one character is too little to tell a new word from a synonym
    assert kinds("中止听证的情形消失后，听证主持人应当恢复听证", "中止听证的情形消除后，听证主持人应当恢复听证") == []


def test_one_of_two_occasions_a_duty_names_left_out():
    from commenting.review.divergence import _settle
    law = norm("经营者应当在消费者接受服务前和自动续费日期前五日，以显著方式提请消费者注意")
    draft = norm("经营者应当在自动续费日期前5日，以显著方式提请消费者注意")
    changes = compare(law, draft)
    assert [(c.kind, c.law_text) for c in changes] == [("member", "消费者接受服务前")]
    settled = _settle(changes, "", close=True, normative=True, law_text=law.text, draft_text=draft.text)
    assert [c.kind for c in settled] == ["duty_member"]
    # two things the duty names, not two occasions: a member of a list, weighed as such
    assert kinds("经营者应当在店堂和网页显著位置公示", "经营者应当在网页显著位置公示") == []


def test_a_partys_own_limit_dropped_and_the_party_joined_to_the_next():
    law = "对公民处以二百元以下、对法人或者其他组织处以三千元以下罚款或者警告的行政处罚的，可以当场作出行政处罚决定"
    (c,) = compare(norm(law), norm("对公民、法人或者其他组织处以三千元以下罚款或者警告的行政处罚的，可以当场作出行政处罚决定"))
    assert (c.kind, c.law_text) == ("amount", "二百元")
    assert kinds(law, law.replace("二百元以下、对", "200元以下、对")) == []


def test_the_whole_subject_before_the_modal_put_for_another():
    law = "行政机关中初次从事行政处罚决定法制审核的人员，应当通过国家统一法律职业资格考试取得法律职业资格"
    (c,) = compare(norm(law), norm("市场监督管理部门法制审核机构负责人，应当通过国家统一法律职业资格考试取得法律职业资格"))
    assert c.kind == "reworded" and c.draft_text == "法制审核机构负责人"
    # a long phrase elsewhere in the clause is a sentence of the draft's own, not a word put for another
    assert kinds("经营者应当在经营场所醒目位置公示营业执照", "经营者应当按照本市统一制作的样式和规格公示营业执照") == []


def test_the_agency_a_request_is_addressed_to_does_not_make_the_limit_the_agencys():
    law = "企业对被列入经营异常名录有异议的，可以自公示之日起三十日内向作出决定的市场监督管理部门提出书面申请"
    assert kinds(law, law.replace("三十日", "十五日")) == ["time"]
    assert kinds(law, law.replace("三十日", "六十日")) == []  # the party gets longer


def test_a_period_without_end_put_as_a_number_of_years():
    law = "植入类医疗器械进货查验记录应当永久保存"
    assert [(c.kind, c.law_text, c.draft_text) for c in compare(norm(law), norm("植入类医疗器械进货查验记录保存期限不得少于10年"))] \
        == [("time", "永久", "10年")]
    assert kinds(law, "植入类医疗器械的进货查验记录应当永久保存") == []
