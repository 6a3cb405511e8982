"""Issuer and level guesses, with Chinese evidence (rules in corpus/document_levels.toml)."""
import pytest

from commenting.structure import parse
from commenting.structure.levels import LEVELS_FILE, load_rules

from structure_helpers import B


def test_rules_file_is_data_with_sources():
    text = LEVELS_FILE.read_text(encoding="utf-8")
    assert "立法法" in text and "国办发〔2018〕37号" in text
    default, rules, support = load_rules()
    assert default == "规范性文件"
    assert {r.level for r in rules} == {"法律", "行政法规", "部门规章", "地方性法规", "地方政府规章"}


@pytest.mark.parametrize(
    "lines,level,issuer",
    [
        (["湖南省市场监督管理局某某规定（征求意见稿）", "第一条　甲。", "第二条　本规定由湖南省市场监督管理局负责解释。"],
         "规范性文件", "湖南省市场监督管理局"),
        (["湖南省药品监督管理局", "某某办法", "第一条　甲。"], "规范性文件", "湖南省药品监督管理局"),
        (["关于某某的通知", "第一条　甲。", "第二条　乙。", "某市人民政府办公室", "2021年5月1日"], "规范性文件", "某市人民政府办公室"),
        (["某市某某条例", "（2020年5月1日某市第十六届人民代表大会常务委员会第二十次会议通过）", "第一条　甲。"],
         "地方性法规", None),
        (["湖南省某某管理办法", "湖南省人民政府令第300号", "第一条　甲。"], "地方政府规章", None),
        (["某某监督管理办法", "2021年8月2日 国家市场监督管理总局令第46号公布", "第一条　甲。"], "部门规章", "国家市场监督管理总局"),
        (["中华人民共和国某某法", "第一条　甲。"], "法律", None),
        (["某某实施条例", "2019年3月2日 中华人民共和国国务院令第709号公布", "第一条　甲。"], "行政法规", "中华人民共和国国务院"),
        (["某省某某条例", "第一条　甲。"], "地方性法规", None),
    ],
)
def test_level_and_issuer(lines, level, issuer):
    doc = parse(B(*lines))
    assert doc.level == level
    assert doc.level_evidence and all(isinstance(e, str) and e for e in doc.level_evidence)
    if issuer:
        assert doc.issuer == issuer


def test_draft_that_calls_itself_a_rule():
    doc = parse(B("湖南省某某办法", "第一条　甲。", "第二条　本规章自公布之日起施行。", "湖南省人民政府", "2021年5月1日"))
    assert doc.level == "地方政府规章"
    assert any("本规章" in e for e in doc.level_evidence)


def test_evidence_names_the_clue():
    doc = parse(B("某市市场监督管理局某某细则", "第一条　甲。"))
    assert doc.level == "规范性文件"
    assert any("细则" in e for e in doc.level_evidence)
    assert any("某市市场监督管理局" in e for e in doc.level_evidence)


def test_cover_letter_naming_a_government_rule():
    doc = parse(B(
        "关于征求《湖南省某某办法（征求意见稿）》意见的函",
        "各有关单位：该规章草案已列入省人民政府立法计划，现征求意见。",
        "2021年5月1日",
        "湖南省某某办法",
        "（征求意见稿）",
        "第一条　甲。",
    ))
    assert doc.title == "湖南省某某办法（征求意见稿）"
    assert doc.level == "地方政府规章"


def test_mentioning_the_npc_in_a_preamble_does_not_make_a_law():
    doc = parse(B("关于某某工作的通知", "各县市区人民政府：",
                  "为贯彻《全国人民代表大会常务委员会关于某某问题的决定》，现通知如下：", "第一条　甲。"))
    assert doc.level == "规范性文件"


def test_decree_numbers_of_cited_acts_are_not_evidence():
    doc = parse(B("某市某某实施办法", "各有关单位：",
                  "根据《优化营商环境条例》（国务院令第722号）和《市场监督管理行政处罚程序规定》"
                  "（国家市场监督管理总局令第61号），制定本办法。", "第一条　甲。"))
    assert doc.level == "规范性文件"
    assert doc.issuer is None


def test_mentioning_rules_in_general_is_not_evidence():
    doc = parse(B("某市某某管理办法", "根据有关法律、法规和政府规章的规定，制定本办法。", "第一条　甲。"))
    assert doc.level == "规范性文件"


def test_rule_wording_from_a_ministry_is_a_department_rule():
    doc = parse(B("国家市场监督管理总局某某办法", "（征求意见稿）", "本规章草案经总局局务会议审议。", "第一条　甲。"))
    assert doc.issuer == "国家市场监督管理总局"
    assert doc.level == "部门规章"
