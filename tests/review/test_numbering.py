from commenting.model import Anomaly
from commenting.review import numbering
from review_fakes import make_doc
from review_helpers import run


def test_article_gap_is_reported_on_the_article_with_a_real_quote():
    doc = make_doc("为了规范管理，制定本办法。", "本办法适用于本市。", "本办法自印发之日起施行。",
                   numbers=[1, 2, 4],
                   anomalies=[Anomaly("gap", 4, "art-4", "条序号由第二条直接跳至第四条，缺少第三条",
                                      quote="第四条　本办法自印发之日起施行。")])
    (f,) = run(numbering, doc)
    assert (f.rule, f.article, f.severity) == ("numbering", 4, "warning")
    assert f.quote == "本办法自印发之日起施行。"
    assert "缺少第三条" in f.message and f.suggestion.startswith("建议")


def test_item_gap_quotes_the_item_line():
    doc = make_doc(["审核下列内容：\n（一）主体是否合法；\n（三）程序是否合法。"],
                   anomalies=[Anomaly("item-gap", 1, "art-1.p-1.i-3", "第一条中项的序号由（一）直接跳至（三）",
                                      quote="（三）程序是否合法。")])
    (f,) = run(numbering, doc)
    assert f.quote == "（三）程序是否合法。"


def test_halfwidth_brackets_are_style_only():
    doc = make_doc(["审核下列内容：\n(一)主体是否合法；"],
                   anomalies=[Anomaly("halfwidth-brackets", 1, "art-1.p-1.i-1", "半角括号", quote="(一)主体是否合法；")])
    (f,) = run(numbering, doc)
    assert f.severity == "info"


def test_a_style_slip_is_one_comment_for_the_whole_document():
    doc = make_doc(["审核下列内容：\n(一)主体是否合法；"], ["检查下列事项：\n(一)证照是否齐全；"],
                   anomalies=[Anomaly("halfwidth-brackets", 1, "art-1.p-1.i-1", "第一条中项的序号使用了半角括号",
                                      quote="(一)主体是否合法；"),
                              Anomaly("halfwidth-brackets", 2, "art-2.p-1.i-1", "第二条中项的序号使用了半角括号",
                                      quote="(一)证照是否齐全；")])
    (f,) = run(numbering, doc)
    assert f.article == 1 and "全文共2处" in f.message


def test_no_anomaly_no_finding():
    assert run(numbering, make_doc("为了规范管理，制定本办法。", "本办法自印发之日起施行。")) == []
