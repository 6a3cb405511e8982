"""Citation rules against a tiny corpus holding the real wording of a few provisions."""
from commenting.model import Part
from commenting.review import citations
from review_fakes import FakeCorpus, make_doc
from review_helpers import run

LAW = "中华人民共和国行政处罚法"
PROCEDURE = "市场监督管理行政处罚信息公示规定"
PENALTY_LAW = {
    9: "行政处罚的种类：\n（一）警告、通报批评；\n（二）罚款、没收违法所得、没收非法财物；\n（三）暂扣许可证件、降低资质等级、吊销许可证件；"
       "\n（四）限制开展生产经营活动、责令停产停业、责令关闭、限制从业；\n（五）行政拘留；\n（六）法律、行政法规规定的其他行政处罚。",
    27: "违法行为涉嫌犯罪的，行政机关应当及时将案件移送司法机关，依法追究刑事责任。对依法不需要追究刑事责任或者免予刑事处罚，"
        "但应当给予行政处罚的，司法机关应当及时将案件移送有关行政机关。\n行政处罚实施机关与司法机关之间应当加强协调配合，"
        "建立健全案件移送制度，加强证据材料移交、接收衔接，完善案件处理信息通报机制。",
    32: "当事人有下列情形之一，应当从轻或者减轻行政处罚：\n（一）主动消除或者减轻违法行为危害后果的；\n（二）受他人胁迫或者诱骗实施违法行为的；"
        "\n（三）主动供述行政机关尚未掌握的违法行为的；\n（四）配合行政机关查处违法行为有立功表现的；"
        "\n（五）法律、法规、规章规定其他应当从轻或者减轻行政处罚的。",
    36: "违法行为在二年内未被发现的，不再给予行政处罚；涉及公民生命健康安全、金融安全且有危害后果的，上述期限延长至五年。法律另有规定的除外。"
        "\n前款规定的期限，从违法行为发生之日起计算；违法行为有连续或者继续状态的，从行为终了之日起计算。",
    38: "行政处罚没有依据或者实施主体不具有行政主体资格的，行政处罚无效。\n违反法定程序构成重大且明显违法的，行政处罚无效。",
    57: "调查终结，行政机关负责人应当对调查结果进行审查，根据不同情况，分别作出如下决定：\n（一）确有应受行政处罚的违法行为的，"
        "根据情节轻重及具体情况，作出行政处罚决定；\n（二）违法行为轻微，依法可以不予行政处罚的，不予行政处罚；"
        "\n（三）违法事实不能成立的，不予行政处罚；\n（四）违法行为涉嫌犯罪的，移送司法机关。"
        "\n对情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定。",
    83: "行政机关对应当予以制止和处罚的违法行为不予制止、处罚，致使公民、法人或者其他组织的合法权益、公共利益和社会秩序遭受损害的，"
        "对直接负责的主管人员和其他直接责任人员依法给予处分；情节严重构成犯罪的，依法追究刑事责任。",
    86: "本法自2021年7月15日起施行。",
}
CORPUS = FakeCorpus(
    {LAW: PENALTY_LAW, PROCEDURE: {19: "本规定自2021年9月1日起施行。2014年8月19日原国家工商行政管理总局令第71号公布的"
                                       "《工商行政管理行政处罚信息公示暂行规定》同时废止。"}},
    renumbering={(LAW, 27): 32, (LAW, 29): 36, (LAW, 38): 57},
    history={"工商行政管理行政处罚信息公示暂行规定": ("repealed", PROCEDURE, 19),
             "市场监督管理行政处罚听证暂行办法": ("renamed", "市场监督管理行政处罚听证办法", None)},
    suggestions={"中华人民共和国食品安全实施条例": "中华人民共和国食品安全法实施条例",
                 "中华人民共和国食品安全法": "中华人民共和国食品安全法实施条例"},
)


def test_article_beyond_the_law_names_the_fitting_article():
    doc = make_doc("对应当予以制止和处罚的违法行为不予制止、处罚的，依照《中华人民共和国行政处罚法》第八十七条的规定追究责任。")
    (f,) = run(citations, doc, CORPUS)
    assert (f.rule, f.severity, f.quote) == ("citation-missing-article", "error", "《中华人民共和国行政处罚法》第八十七条")
    assert [(b.law, b.article) for b in f.basis] == [(LAW, 83)]
    assert f.proposed == "《中华人民共和国行政处罚法》第八十三条"
    assert "共八十六条" in f.message


def test_item_beyond_the_article():
    (f,) = run(citations, make_doc("依照《中华人民共和国行政处罚法》第九条第（八）项处理。"), CORPUS)
    assert f.rule == "citation-missing-article" and "没有第（八）项" in f.message


def test_stale_numbering_when_the_current_article_does_not_fit():
    doc = make_doc("依照《中华人民共和国行政处罚法》第二十七条从轻或者减轻行政处罚的，应当在决定书中载明从轻、减轻的理由。",
                   "由局负责人依照《中华人民共和国行政处罚法》第三十八条的规定对调查结果进行审查，作出决定。")
    found = run(citations, doc, CORPUS)
    assert [(f.article, f.rule, f.basis[0].article) for f in found] == [
        (1, "citation-stale-numbering", 32), (2, "citation-stale-numbering", 57)]
    assert found[0].proposed == "《中华人民共和国行政处罚法》第三十二条"


def test_current_numbering_that_fits_is_fine():
    doc = make_doc("违法行为涉嫌犯罪的，依照《中华人民共和国行政处罚法》第二十七条的规定及时移送司法机关。",
                   "依照《中华人民共和国行政处罚法》第三十二条从轻或者减轻行政处罚。")
    assert run(citations, doc, CORPUS) == []


def test_repealed_title_points_to_successor_and_repealing_article():
    (f,) = run(citations, make_doc("依照《工商行政管理行政处罚信息公示暂行规定》公示。"), CORPUS)
    assert (f.rule, f.severity, f.quote) == ("citation-repealed", "error", "《工商行政管理行政处罚信息公示暂行规定》")
    assert [(b.law, b.article) for b in f.basis] == [(PROCEDURE, 19)]
    assert f.proposed == f"《{PROCEDURE}》"


def test_renamed_title_is_a_warning():
    (f,) = run(citations, make_doc("根据《市场监督管理行政处罚听证暂行办法》，制定本细则。"), CORPUS)
    assert (f.rule, f.severity) == ("citation-repealed", "warning")
    assert "更名" in f.message


def test_unknown_titles_national_vs_local():
    doc = make_doc("根据《中华人民共和国食品安全实施条例》制定本办法。",
                   "根据《中华人民共和国市场秩序法》制定本办法。",
                   "按照《湖南省规范性文件管理办法》和《关于进一步优化营商环境的实施意见》执行。",
                   "按照《食品经营许可审查通则》执行。",
                   "依照《中华人民共和国城市交通管理法》执行。")
    found = {(f.article, f.severity) for f in run(citations, doc, CORPUS)}
    assert (1, "warning") in found and (2, "warning") in found and (5, "warning") in found
    assert {s for a, s in found if a in (3, 4)} == {"info"}
    (typo,) = [f for f in run(citations, doc, CORPUS) if f.article == 1]
    assert typo.proposed == "《中华人民共和国食品安全法实施条例》"


def test_a_longer_suggested_title_is_another_document_not_a_typo():
    # the regulation an 实施细则 implements, which the corpus does not hold
    (f,) = run(citations, make_doc("根据《中华人民共和国食品安全法》制定本细则。"),
               FakeCorpus({"中华人民共和国食品安全法实施条例": {1: "为了实施食品安全法，制定本条例。"}},
                          suggestions={"中华人民共和国食品安全法": "中华人民共和国食品安全法实施条例"}))
    assert f.rule == "citation-unknown" and "法规库中没有名为" in f.message


def test_a_real_document_not_in_the_library_is_a_hint_to_import_it():
    corpus = FakeCorpus({}, not_in_library={"湖南省食品安全条例"})
    (f,) = run(citations, make_doc("依照《湖南省食品安全条例》第二十条的规定处理。"), corpus)
    assert (f.rule, f.severity) == ("citation-unknown", "info")
    assert "法规库未收录《湖南省食品安全条例》" in f.message and "导入" in f.message
    invented = run(citations, make_doc("依照《中华人民共和国电梯安全法》第二十条的规定处理。"), corpus)
    assert [(f.rule, f.severity) for f in invented] == [("citation-unknown", "warning")]


def test_a_law_whose_earlier_text_the_library_lacks_is_not_unknown():
    # the library holds only the 2021 text; a review as of 2019 cannot check the citation, and says nothing
    doc = make_doc("依照《中华人民共和国行政处罚法》第二十七条的规定从轻处罚。")
    assert [f for f in run(citations, doc, CORPUS, as_of="2015-01-01") if f.rule == "citation-unknown"] == []


def test_repeal_clause_of_the_draft_itself_is_fine():
    doc = make_doc("本办法自2022年1月1日起施行，《工商行政管理行政处罚信息公示暂行规定》同时废止。")
    assert run(citations, doc, CORPUS) == []
    # a title the library never held, repealed by the draft itself, is not checked either
    doc = make_doc("本规定自2012年4月28日起施行。1988年7月21日国务院发布的《女职工劳动保护规定》同时废止。")
    assert run(citations, doc, CORPUS) == []


def test_bare_title_taken_too_long_by_the_grammar_is_not_unknown():
    doc = make_doc("可以认定为行政处罚法第三十二条规定的情形。")
    assert [f for f in run(citations, doc, CORPUS) if f.rule == "citation-unknown"] == []


def test_cover_letter_naming_the_draft_itself_is_not_a_citation_problem():
    doc = make_doc("为了规范管理，制定本通知。", title="关于建立某某机制的通知（征求意见稿）",
                   parts=[Part("cover", "现将《关于建立某某机制的通知（征求意见稿）》印送你们。")])
    assert run(citations, doc, CORPUS) == []


def test_stale_numbering_when_the_cited_article_governs_the_next_clause():
    # 依照《…》第N条的规定，<what it is cited for>: the words after 的规定 decide the fit
    law = {23: "行政处罚由县级以上地方人民政府具有行政处罚权的行政机关管辖。法律、行政法规另有规定的，从其规定。",
           28: "行政机关实施行政处罚时，应当责令当事人改正或者限期改正违法行为。\n当事人有违法所得，除依法应当退赔的外，应当予以没收。"}
    corpus = FakeCorpus({LAW: law}, renumbering={(LAW, 23): 28})
    doc = make_doc("检查发现经营者未按规定公示的，执法人员应当依照《中华人民共和国行政处罚法》第二十三条的规定，责令经营者改正或者限期改正违法行为。")
    (f,) = run(citations, doc, corpus)
    assert (f.rule, f.basis[0].article) == ("citation-stale-numbering", 28)
    assert f.proposed == "《中华人民共和国行政处罚法》第二十八条"
    fine = make_doc("执法人员应当依照《中华人民共和国行政处罚法》第二十八条的规定，责令经营者改正或者限期改正违法行为。",
                    "依照《中华人民共和国行政处罚法》第二十三条的规定，由县级以上地方人民政府具有行政处罚权的行政机关管辖。")
    assert run(citations, fine, corpus) == []


def test_unknown_national_rule_named_after_an_abolished_agency_is_a_warning():
    from review_fakes import FakeObsolete

    corpus = FakeCorpus({LAW: PENALTY_LAW}, obsolete=[FakeObsolete("工商行政管理部门", "市场监督管理部门"),
                                                        FakeObsolete("质量监督部门", "市场监督管理部门")])
    doc = make_doc("依照《工商行政管理机关某某案件管辖办法》的规定确定管辖。",
                   "依照《产品质量监督抽查实施规范》开展抽查。",
                   "依照《某某省工商行政管理条例》执行。")
    found = {f.article: f for f in run(citations, doc, corpus)}
    assert found[1].severity == "warning" and "机构改革前" in found[1].message
    # 质量监督 alone is still in current titles; a local title stays info
    assert found[2].severity == "info" and found[3].severity == "info"


def test_a_title_differing_by_a_trial_mark_names_the_current_version():
    corpus = FakeCorpus({"市场监督管理投诉举报处理暂行办法": {1: "为了规范投诉举报处理工作，制定本办法。"}},
                        suggestions={"市场监督管理投诉举报处理办法": "市场监督管理投诉举报处理暂行办法"})
    (f,) = run(citations, make_doc("依照《市场监督管理投诉举报处理办法》处理投诉。"), corpus)
    assert f.severity == "warning" and "现行有效的是《市场监督管理投诉举报处理暂行办法》" in f.message
    assert f.proposed == "《市场监督管理投诉举报处理暂行办法》"


def test_stale_numbering_when_the_actor_dilutes_the_governed_words():
    law = {**PENALTY_LAW,
           42: "行政处罚应当由具有行政执法资格的执法人员实施。执法人员不得少于两人，法律另有规定的除外。",
           63: "行政机关拟作出下列行政处罚决定，应当告知当事人有要求听证的权利，当事人要求听证的，行政机关应当组织听证。"}
    corpus = FakeCorpus({LAW: law}, renumbering={(LAW, 42): 63})
    doc = make_doc("当事人要求听证的，市场监督管理部门应当按照《中华人民共和国行政处罚法》第四十二条规定组织听证。")
    (f,) = run(citations, doc, corpus)
    assert (f.rule, f.basis[0].article) == ("citation-stale-numbering", 63)
    fine = make_doc("市场监督管理部门应当按照《中华人民共和国行政处罚法》第四十二条规定，由两名以上具有行政执法资格的执法人员实施检查。")
    assert run(citations, fine, corpus) == []


# 行政处罚法 2017 第二十七条 (从轻、减轻), which the 2021 revision moved to 第三十二条
PENALTY_LAW_2017 = {
    27: "当事人有下列情形之一的，应当依法从轻或者减轻行政处罚：\n（一）主动消除或者减轻违法行为危害后果的；\n（二）受他人胁迫有违法行为的；"
        "\n（三）配合行政机关查处违法行为有立功表现的；\n（四）其他依法从轻或者减轻行政处罚的。\n"
        "违法行为轻微并及时纠正，没有造成危害后果的，不予行政处罚。",
}
TWO_VERSIONS = FakeCorpus({LAW: PENALTY_LAW}, renumbering={(LAW, 27): 32},
                          earlier={LAW: ("2017-09-01", PENALTY_LAW_2017)})
MITIGATION_2017 = "依照《中华人民共和国行政处罚法》第二十七条从轻或者减轻行政处罚的，应当在决定书中载明从轻、减轻的理由。"


def test_a_2019_draft_reviewed_as_of_2019_cites_the_numbering_then_in_force():
    doc = make_doc(MITIGATION_2017, title="某市市场监督管理局从轻减轻行政处罚办法（2019年征求意见稿）")
    assert run(citations, doc, TWO_VERSIONS, as_of="2019-06-01") == []


def test_the_same_draft_reviewed_today_cites_stale_numbering():
    doc = make_doc(MITIGATION_2017, title="某市市场监督管理局从轻减轻行政处罚办法（2019年征求意见稿）")
    (f,) = run(citations, doc, TWO_VERSIONS)
    assert (f.rule, f.basis[0].article) == ("citation-stale-numbering", 32)


def test_as_of_a_day_before_the_law_cites_a_missing_article_of_the_version_then():
    # 第三十二条 exists in 2021 but not in the (fake) 2017 text, which has only 第二十七条
    doc = make_doc("依照《中华人民共和国行政处罚法》第三十二条从轻或者减轻行政处罚。")
    assert run(citations, doc, TWO_VERSIONS) == []
    (f,) = run(citations, doc, TWO_VERSIONS, as_of="2019-06-01")
    assert f.rule == "citation-missing-article"


def test_a_document_the_library_does_not_hold_is_one_note_however_often_it_is_cited():
    from commenting.review import citations
    corpus = FakeCorpus({"中华人民共和国行政处罚法": {1: "为了规范行政处罚的设定和实施，制定本法。"}},
                        not_in_library={"湖南省行政程序规定"})
    doc = make_doc("依据《湖南省行政程序规定》第十条制定本办法。", "依照《湖南省行政程序规定》办理。",
                   "按照《湖南省行政程序规定》公开。")
    (f,) = run(citations, doc, corpus)
    assert f.rule == "citation-unknown" and f.severity == "info" and f.article == 1
    assert "全文共引用3处" in f.message


def test_a_revision_note_names_the_amending_decision_without_citing_it():
    from commenting.review import citations
    corpus = FakeCorpus({"中华人民共和国行政处罚法": {1: "为了规范行政处罚的设定和实施，制定本法。"}})
    doc = make_doc("（根据2019年3月2日《国务院关于修改部分行政法规的决定》第二次修订）为了规范价格行为，制定本条例。")
    assert [f for f in run(citations, doc, corpus) if f.rule == "citation-unknown"] == []
    # the same title in a rule that applies it is a citation to check
    doc = make_doc("依照《国务院关于修改部分行政法规的决定》执行。")
    assert [f.rule for f in run(citations, doc, corpus)] == ["citation-unknown"]
