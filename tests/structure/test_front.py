"""Title, marker, cover letter, 起草说明, 主送/导语 and other article-0 material."""
from commenting.model import Block
from commenting.structure import parse

from structure_helpers import B


def test_title_split_over_lines_keeps_marker():
    doc = parse(B("湖南省某某局", "行政处罚若干规定", "（征求意见稿）", "第一条　为了规范。", "第二条　本规定自印发之日起施行。"))
    assert doc.title == "湖南省某某局行政处罚若干规定（征求意见稿）"
    assert doc.marker == "征求意见稿"
    assert [p.kind for p in doc.parts] == ["title", "title", "title"]
    assert len(doc.articles) == 2


def test_marker_on_the_title_line_and_songshen():
    doc = parse(B("某市某某管理办法（送审稿）", "第一条　为了规范。"))
    assert doc.title == "某市某某管理办法（送审稿）"
    assert doc.marker == "送审稿"


def test_trial_marker_then_draft_marker():
    doc = parse(B("某市某某审核规定（试行）", "（征求意见稿）", "第一条　为了规范。"))
    assert doc.title == "某市某某审核规定（试行）（征求意见稿）"


def test_title_stops_at_body_lines():
    doc = parse(B("某市某某管理办法", "各县市区人民政府，市直有关单位：", "为了做好工作，现通知如下。", "第一条　为了规范。"))
    assert doc.title == "某市某某管理办法"
    assert doc.marker is None
    assert [p.kind for p in doc.parts] == ["title", "preamble", "preamble"]


def test_cover_letter_is_article_zero_and_title_is_the_drafts():
    doc = parse(B(
        "某市人民政府办公室",
        "关于征求《关于建立某某机制的通知（征求意见稿）》意见的函",
        "市发展改革委、市公安局：",
        "现将《关于建立某某机制的通知（征求意见稿）》印送你们，请于2021年9月10日前反馈。",
        "附件：关于建立某某机制的通知（征求意见稿）",
        "某市人民政府办公室",
        "2021年8月27日",
        "关于建立某某机制的通知",
        "（征求意见稿）",
        "各县市区人民政府，市直有关单位：",
        "为依法推进工作，现通知如下：",
        "第一条　本通知所称某某机制，是指……。",
        "第二条　本通知自印发之日起施行。",
    ))
    assert doc.title == "关于建立某某机制的通知（征求意见稿）"
    kinds = [p.kind for p in doc.parts]
    assert kinds[:7] == ["cover"] * 7
    assert kinds[7:9] == ["title", "title"]
    assert kinds[9:] == ["preamble", "preamble"]
    assert [a.no for a in doc.articles] == [1, 2]
    assert doc.articles[0].text == "本通知所称某某机制，是指……。"


def test_cover_letter_without_repeated_title_ends_at_its_date():
    doc = parse(B(
        "关于征求《某某办法》意见的函",
        "各单位：现将办法印送你们。",
        "2021年8月27日",
        "某市某某规定",
        "第一条　为了规范。",
    ))
    assert doc.title == "某市某某规定"
    assert [p.kind for p in doc.parts] == ["cover", "cover", "cover", "title"]


def test_explanation_after_title():
    doc = parse(B("某市某某办法", "（征求意见稿）", "起草说明", "为落实部署，起草了本办法。",
                  "第一章　总则", "第一条　为了规范。"))
    assert doc.title == "某市某某办法（征求意见稿）"
    assert [p.kind for p in doc.parts] == ["title", "title", "explanation", "explanation"]
    assert doc.articles[0].chapter == "第一章 总则"


def test_explanation_before_title():
    doc = parse(B("关于《某市某某办法》的起草说明", "一、起草背景", "为落实部署。",
                  "某市某某办法", "第一条　为了规范。"))
    assert doc.title == "某市某某办法"
    assert [p.kind for p in doc.parts] == ["explanation"] * 3 + ["title"]
    assert doc.outline == "articles"


def test_bare_explanation_heading_before_title():
    doc = parse(B("起草说明", "一、起草背景", "为落实有关规定，我局起草了本细则。",
                  "附件：某市某某工作细则（征求意见稿）", "某市某某工作细则（征求意见稿）",
                  "第一条　为了规范。", "第二条　本细则自印发之日起施行。"))
    assert doc.title == "某市某某工作细则（征求意见稿）"
    assert [p.kind for p in doc.parts[:4]] == ["explanation"] * 4
    assert len(doc.articles) == 2


def test_bare_explanation_heading_without_any_title_keeps_heading_as_title():
    doc = parse(B("起草说明", "为落实有关规定，我局起草了本细则。", "第一条　为了规范。"))
    assert len(doc.articles) == 1


def test_explanation_signature_that_prefixes_the_title_is_not_the_title():
    doc = parse(B("关于《某市市场监督管理局某某办法（征求意见稿）》的起草说明", "一、起草背景",
                  "为规范工作，起草本办法。", "某市市场监督管理局", "2026年11月",
                  "某市市场监督管理局某某办法（征求意见稿）", "第一条　为了规范。"))
    assert doc.title == "某市市场监督管理局某某办法（征求意见稿）"
    assert {p.kind for p in doc.parts if p.text == "某市市场监督管理局"} == {"explanation"}


def test_government_order_cover_before_the_title():
    doc = parse(B("某市人民政府令", "第 号", "《某市某某管理办法》已经 年 月 日市人民政府第 次常务会",
                  "议审议通过，现予公布，自 年 月 日起施行。", "市长", "年 月 日",
                  "某市某某管理办法（征求意见稿）", "第一条　为了规范。"))
    assert doc.title == "某市某某管理办法（征求意见稿）"
    assert doc.level == "地方政府规章"
    assert doc.parts[0].kind == "cover"


def test_leading_attachment_line_is_not_title():
    doc = parse(B("附件1", "某市某某办法", "第一条　为了规范。"))
    assert doc.title == "某市某某办法"
    assert doc.parts[0].kind == "preamble"


def test_markdown_title_block_and_header_lines():
    blocks = [
        Block("中华人民共和国某某法", kind="title", style="#", level=1),
        Block("2021年1月22日 第十三届全国人民代表大会常务委员会第二十五次会议修订"),
        Block("第一章 总则", kind="heading", style="##", level=2),
        Block("第一条 为了规范。"),
    ]
    doc = parse(blocks)
    assert doc.title == "中华人民共和国某某法"
    assert doc.level == "法律"
    assert [p.kind for p in doc.parts] == ["title", "preamble"]


def test_title_falls_back_to_file_name():
    doc = parse(B("第一条　为了规范。"), source="某某办法.txt")
    assert doc.title == "某某办法"


def test_text_kept_as_drafted():
    doc = parse(B("　　某市某某办法  ", "　　第一条　为了规范，  制定本办法。"))
    assert doc.title == "某市某某办法"
    assert doc.articles[0].text == "为了规范，  制定本办法。"


def test_leading_doc_number_and_date_are_not_title():
    doc = parse(B("湘市监发〔2021〕12号", "2021年5月1日", "某某管理办法", "第一条　为了规范。"))
    assert doc.title == "某某管理办法"
    assert [p.kind for p in doc.parts] == ["preamble", "preamble", "title"]
    assert doc.level == "规范性文件"
    assert any("发文字号" in e and "〔2021〕12号" in e for e in doc.level_evidence)


def test_title_style_split_over_two_paragraphs():
    blocks = [
        Block("湖南省某某监督管理局", kind="title", style="Title"),
        Block("某某办法", kind="title", style="Title"),
        Block("（征求意见稿）"),
        Block("为了规范，制定本办法。"),
        Block("第一条　为了规范。"),
    ]
    doc = parse(blocks)
    assert doc.title == "湖南省某某监督管理局某某办法（征求意见稿）"
    assert [p.kind for p in doc.parts] == ["title", "title", "title", "preamble"]


def test_degenerate_inputs_do_not_fail():
    assert parse([]).articles == []
    assert parse([Block("   ")]).title == ""
    only_table = parse([Block("a\tb", kind="table_row", cells=["a", "b"]), Block("第一条　甲。")])
    assert [p.kind for p in only_table.parts] == ["attachment"]
    assert only_table.title == ""
    assert parse([Block("第一条")]).articles[0].text == ""
