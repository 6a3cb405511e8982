"""Finding → Comment (commenting/comments.py)."""
from __future__ import annotations

from letters_fixtures import ART2_P2, draft_document

from commenting.comments import comment_from_finding, proposed_wording
from commenting.model import Basis, Finding

LAW = "中华人民共和国行政处罚法"


def test_finding_with_proposed_wording():
    f = Finding(rule="no-penalty-conditions", severity="error", article=2, quote="可以不予行政处罚",
                basis=[Basis(LAW, 33)], message="羁束性规定被改为裁量。", suggestion="……", proposed="不予行政处罚",
                address="art-2.p-1")
    c = comment_from_finding(f, draft_document(), "张三")
    assert (c.article, c.kind, c.original, c.proposed) == (2, "修改", "可以不予行政处罚", "不予行政处罚")
    assert c.quote == "可以不予行政处罚" and c.reason == "羁束性规定被改为裁量。"
    assert c.basis == [Basis(LAW, 33)] and c.author == "张三" and c.status == "采纳"
    assert c.finding_rule == "no-penalty-conditions" and c.address == "art-2.p-1"


def test_wording_taken_from_the_suggestion():
    f = Finding(rule="terminology", severity="warning", article=4, quote="行政处分",
                suggestion="建议将“行政处分”修改为“处分”。理由：旧称。依据：《中华人民共和国公职人员政务处分法》第七条。")
    assert proposed_wording(f) == "处分"
    c = comment_from_finding(f, None, "法规科")
    assert c.proposed == "处分" and c.kind == "修改"
    assert c.reason == "旧称。依据：《中华人民共和国公职人员政务处分法》第七条。"


def test_reason_is_the_formal_one_not_the_on_screen_redline():
    f = Finding(rule="procedure-deadline", severity="error", article=17, quote="十日内",
                message="本条复述……但期限由“七日”改为“十日”。对照（以上位法为底稿）：〔删：七〕〔增：十〕日内",
                suggestion="建议将“十日内”修改为“七日内”。理由：送达期限与上位法不一致。"
                           "依据：《中华人民共和国行政处罚法》第六十一条。")
    c = comment_from_finding(f, None, "法规科")
    assert "〔删" not in c.reason
    assert c.reason == "送达期限与上位法不一致。依据：《中华人民共和国行政处罚法》第六十一条。"


def test_deletion_from_the_suggestion():
    f = Finding(rule="obligation-without-basis", severity="warning", article=1, quote="并提交承诺书",
                message="无上位法依据。", suggestion="建议删除“并提交承诺书”。理由：无依据。")
    c = comment_from_finding(f, None, "法规科")
    assert c.kind == "删除" and c.proposed == "" and c.original == "并提交承诺书"


def test_advice_without_wording_keeps_the_advice_only():
    f = Finding(rule="numbering", severity="warning", article=2, quote="", address="art-2.p-2",
                message="序号不连续。", suggestion="建议核对并统一调整序号。理由：序号应连续。")
    assert proposed_wording(f) is None
    c = comment_from_finding(f, draft_document(), "法规科")
    assert c.proposed == "建议核对并统一调整序号。" and c.kind == "修改"
    # no quote: the 款 the finding points at is the 原文
    assert c.original == ART2_P2


def test_no_quote_no_address_takes_the_article():
    f = Finding(rule="validity-period", severity="warning", article=4, quote="", message="缺少有效期。")
    c = comment_from_finding(f, draft_document(), "法规科")
    assert c.original == "对违反本办法的工作人员，依法给予行政处分。"
    assert comment_from_finding(f, None, "法规科").original == ""
